/**
 * Words for the panel: turns stored screenings into what the queue pages and the CSV export show.
 * Everything here is plain English for a panel member who has never seen the rules.
 */
import type { Report } from '../report/schema.js';
import type { StoredScreening } from '../store/index.js';

type Finding = Report['findings'][number];

export const STATUS_LABELS: Record<Report['status'], string> = {
  pass: 'Pass',
  review: 'Needs review',
  fail: 'Fails a requirement',
  rejected: 'Could not be read',
};

export const STATUS_EXPLANATIONS: Record<Report['status'], string> = {
  pass: 'Nothing was found that needs a person’s attention.',
  review: 'No formal requirement is broken, but something below needs a person to look at it.',
  fail: 'A formal requirement of the notice is broken (page limit, file name, paper size or number of documents).',
  rejected: 'The file could not be read as a Word document, so nothing else could be checked.',
};

export const SEVERITY_LABELS: Record<Finding['severity'], string> = {
  error: 'Breaks a rule',
  warning: 'Needs a look',
  info: 'For information',
};

export const CATEGORY_EXPLANATIONS: Record<Finding['category'], string> = {
  input: 'Something in the file that a reader would not see on the page, or that changes what the page shows.',
  compliance: 'A formal requirement of the vacancy notice.',
  formatting:
    'How the text is laid out: choices that hide text from a reader, or fit more text on the page than the limit intends.',
  coverage: 'How far the essay addresses the key challenges listed in the notice.',
  ai: 'A pattern often seen in text written with generative-AI tools.',
};

/** Said next to every AI signal: the panel must not treat it as a finding of fact. */
export const AI_CAVEAT =
  'AI signals are not proof. People write this way too, and tools can be used without leaving these traces. ' +
  'Use them only to decide what to read closely; never to reject an essay.';

export const AI_LEVEL_LABELS: Record<string, string> = {
  none: 'None',
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

export const VERDICT_LABELS: Record<string, string> = {
  within: 'within the limit',
  borderline: 'borderline',
  over: 'over the limit',
  pass: 'OK',
  warn: 'Check',
  fail: 'Wrong',
  covered: 'covered',
  weak: 'weakly covered',
  missing: 'missing',
};

export interface ChallengeCell {
  id: number;
  label: string;
  verdict: 'covered' | 'weak' | 'missing';
  symbol: string;
}

export interface QueueRow {
  id: string;
  filename: string;
  createdAt: string;
  received: string;
  uploader: string;
  status: Report['status'];
  statusLabel: string;
  pages: string;
  pagesVerdict?: string;
  filenameVerdict?: string;
  filenameMessage?: string;
  challenges: ChallengeCell[];
  formattingCount: number;
  formattingRules: string[];
  aiLevel?: string;
  aiLabel: string;
  errorMessage?: string;
  review?: StoredScreening['review'];
}

const CHALLENGE_SYMBOLS = { covered: '●', weak: '◐', missing: '○' } as const;

/** "2026-03-01 10:04 UTC": unambiguous for a panel spread over time zones. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const isFormatting = (f: Finding) => (f.category === 'formatting' || f.category === 'input') && f.severity !== 'info';

export function toQueueRow(screening: StoredScreening, challengeTitles: Map<number, string>): QueueRow {
  const report = screening.report;
  const formatting = report.findings.filter(isFormatting);
  return {
    id: screening.id,
    filename: screening.filename,
    createdAt: screening.createdAt,
    received: formatTime(screening.createdAt),
    uploader: screening.uploader,
    status: report.status,
    statusLabel: STATUS_LABELS[report.status],
    pages: report.pages ? `${report.pages.count} / ${report.pages.limit}` : '—',
    pagesVerdict: report.pages?.verdict,
    filenameVerdict: report.filename?.verdict,
    filenameMessage: report.filename?.message,
    challenges: (report.challenges ?? []).map((c) => ({
      id: c.id,
      label: `Challenge ${c.id}${challengeTitles.get(c.id) ? ` (${challengeTitles.get(c.id)})` : ''}: ${VERDICT_LABELS[c.verdict]}`,
      verdict: c.verdict,
      symbol: CHALLENGE_SYMBOLS[c.verdict],
    })),
    formattingCount: formatting.length,
    formattingRules: [...new Set(formatting.map((f) => f.rule))],
    aiLevel: report.ai?.level,
    aiLabel: report.ai ? (AI_LEVEL_LABELS[report.ai.level] ?? report.ai.level) : '—',
    errorMessage: report.error?.message,
    review: screening.review,
  };
}

/** The CSV export's header and one row per screening (cells made formula-safe by csv.ts). */
export function csvHeader(challengeCount: number): string[] {
  const challenges = Array.from({ length: challengeCount }, (_, i) => `challenge ${i + 1}`);
  return [
    'id',
    'file',
    'received (UTC)',
    'uploaded by',
    'status',
    'pages',
    'page limit',
    'pages verdict',
    'file name verdict',
    ...challenges,
    'formatting issues',
    'AI level',
    'AI score',
    'findings',
    'reviewed by',
    'reviewed at (UTC)',
    'review note',
  ];
}

export function csvValues(screening: StoredScreening, challengeCount: number): unknown[] {
  const r = screening.report;
  const verdicts = Array.from(
    { length: challengeCount },
    (_, i) => r.challenges?.find((c) => c.id === i + 1)?.verdict ?? '',
  );
  return [
    screening.id,
    screening.filename,
    screening.createdAt,
    screening.uploader,
    r.status,
    r.pages?.count ?? '',
    r.pages?.limit ?? '',
    r.pages?.verdict ?? '',
    r.filename?.verdict ?? '',
    ...verdicts,
    r.findings.filter(isFormatting).length,
    r.ai?.level ?? '',
    r.ai?.score ?? '',
    [...new Set(r.findings.map((f) => f.rule))].join(' '),
    screening.review?.reviewer ?? '',
    screening.review?.at ?? '',
    screening.review?.note ?? '',
  ];
}
