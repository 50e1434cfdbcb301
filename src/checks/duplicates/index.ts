/**
 * Near-duplicates across the essays of one vacancy (a bulk scan's files, or the store's texts).
 *
 *   const index = new NearDuplicateIndex({ notice: noticeTextOf(vacancy) });
 *   for (const essay of essays) index.add(essay.id, essay.paragraphs, { file: essay.file });
 *   const matches = index.query(essay.paragraphs, { exclude: essay.id });
 *
 * Candidates come from two cheap indexes: winnowing fingerprints (any shared run of 12+ words) and
 * MinHash/LSH over the whole essay (high overall similarity). Each candidate is then compared
 * exactly, word by word, so the decision and the quoted passages do not depend on chance.
 * Wording from the vacancy notice is discounted: candidates are asked to answer it and quote it.
 */

import { decideStatus } from '../../report/assemble.js';
import type { Report } from '../../report/schema.js';
import { loadRuleData } from '../../rules/data.js';
import type { Vacancy } from '../../rules/vacancy.js';
import type { Evidence, Finding } from '../types.js';
import type { BodyParagraph } from './collect.js';
import { NEAR_DUPLICATE_META } from './near-duplicate.js';
import {
  bandKeys,
  contains,
  intersectionSize,
  minHashSignature,
  shingleHashes,
  sortedDistinct,
  type Word,
  winnow,
  wordsOf,
} from './shingles.js';

export interface DuplicateRules {
  shingleWords: number;
  noticeWordRun: number;
  maxQuotationWords: number;
  maxGapWords: number;
  minPassageWords: number;
  minSharedShare: number;
  minSharedWords: number;
  winnowWindow: number;
  minhashBands: number;
  minhashRows: number;
  maxFilesNamed: number;
  maxPassagesQuoted: number;
  maxQuoteChars: number;
}

const RULE_NAMES: (keyof DuplicateRules)[] = [
  'shingleWords',
  'noticeWordRun',
  'maxQuotationWords',
  'maxGapWords',
  'minPassageWords',
  'minSharedShare',
  'minSharedWords',
  'winnowWindow',
  'minhashBands',
  'minhashRows',
  'maxFilesNamed',
  'maxPassagesQuoted',
  'maxQuoteChars',
];

/** rules/duplicates.yaml, validated. */
export function duplicateRules(): DuplicateRules {
  const data = loadRuleData<Record<string, unknown>>('duplicates.yaml');
  const rules = {} as DuplicateRules;
  for (const name of RULE_NAMES) {
    const value = data?.[name];
    if (typeof value !== 'number' || !(value >= 0)) {
      throw new Error(`rules/duplicates.yaml: ${name} must be a non-negative number (found ${JSON.stringify(value)}).`);
    }
    rules[name] = value;
  }
  return rules;
}

/** The vacancy's own wording, which candidates quote: title, challenge texts, titles and terms. */
export function noticeTextOf(vacancy: Vacancy): string[] {
  return [vacancy.title, ...vacancy.challenges.flatMap((c) => [c.text, c.title ?? '', ...c.terms])].filter(Boolean);
}

/** Text as paragraphs; a plain string (as the store keeps it) is split at blank lines. */
export type EssayText = string | readonly BodyParagraph[];

function asParagraphs(text: EssayText): readonly BodyParagraph[] {
  if (typeof text !== 'string') return text;
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part, i) => ({ index: i + 1, text: part }));
}

/** A passage of the queried essay found in another essay. */
export interface SharedPassage {
  /** DocModel paragraph index holding most of the passage. */
  paragraph: number;
  /** The passage as written in the queried essay (several paragraphs are joined by a line break). */
  text: string;
  /** The passage paragraph by paragraph, for evidence. */
  segments: Array<{ paragraph: number; text: string; words: number }>;
  /** Words in the passage, and how many of them are the candidate's own (not the notice's). */
  words: number;
  ownWords: number;
}

export interface NearDuplicateMatch<M> {
  id: string;
  meta: M;
  /** Exact Jaccard similarity of the two essays' shingle sets. */
  jaccard: number;
  /** Share of the queried essay's own words that lie in passages shared with this essay. */
  share: number;
  /** Own words of the queried essay in shared passages. */
  sharedWords: number;
  /** Longest shared passage, in own words. */
  longestPassage: number;
  /** Shared passages, longest first. */
  passages: SharedPassage[];
}

interface Entry<M> {
  id: string;
  meta: M;
  /** Sorted distinct shingle hashes. */
  shingles: Uint32Array;
}

interface Prepared {
  paragraphs: readonly BodyParagraph[];
  words: Word[];
  shingles: Uint32Array;
  distinct: Uint32Array;
  /** notice[i]: word i is not the candidate's own: the vacancy's wording, or a short quotation. */
  notice: Uint8Array;
  fingerprints: Set<number>;
  bands: number[];
}

/** A posting list that stays a bare number while only one essay holds the key (the usual case). */
type Postings = Map<number, number | number[]>;

function post(map: Postings, key: number, value: number): void {
  const current = map.get(key);
  if (current === undefined) map.set(key, value);
  else if (typeof current === 'number') {
    if (current !== value) map.set(key, [current, value]);
  } else if (current[current.length - 1] !== value) current.push(value);
}

export class NearDuplicateIndex<M = unknown> {
  readonly rules: DuplicateRules;
  private readonly entries: Entry<M>[] = [];
  private readonly byId = new Map<string, number>();
  private readonly fingerprints: Postings = new Map();
  private readonly bands: Postings = new Map();
  private readonly noticeRuns: Set<number>;
  private lastPrepared?: { text: EssayText; prepared: Prepared };

  constructor(options: { notice?: readonly string[]; rules?: Partial<DuplicateRules> } = {}) {
    this.rules = { ...duplicateRules(), ...options.rules };
    const noticeWords = (options.notice ?? []).map((text) => wordsOf([{ index: 0, text }]));
    this.noticeRuns = new Set(noticeWords.flatMap((words) => [...shingleHashes(words, this.rules.noticeWordRun)]));
  }

  get size(): number {
    return this.entries.length;
  }

  private prepare(text: EssayText): Prepared {
    // The service queries an essay and then adds the same paragraphs: prepare them once.
    if (this.lastPrepared?.text === text) return this.lastPrepared.prepared;
    const prepared = this.prepareUncached(text);
    this.lastPrepared = { text, prepared };
    return prepared;
  }

  private prepareUncached(text: EssayText): Prepared {
    const { shingleWords, noticeWordRun, winnowWindow, minhashBands, minhashRows } = this.rules;
    const paragraphs = asParagraphs(text);
    const words = wordsOf(paragraphs);
    const shingles = shingleHashes(words, shingleWords);
    const notice = new Uint8Array(words.length);
    for (let i = 0; i < words.length; i++) {
      if (words[i].quoted && words[i].quotationWords <= this.rules.maxQuotationWords) notice[i] = 1;
    }
    if (this.noticeRuns.size > 0) {
      const runs = shingleHashes(words, noticeWordRun);
      for (let i = 0; i < runs.length; i++) {
        if (this.noticeRuns.has(runs[i])) notice.fill(1, i, i + noticeWordRun);
      }
    }
    // A shingle made only of notice wording says nothing about copying: leave it out of retrieval.
    const allNotice = (i: number): boolean => {
      for (let j = i; j < i + shingleWords; j++) if (!notice[j]) return false;
      return true;
    };
    const retrievable = shingles.filter((_, i) => !allNotice(i));
    const distinct = sortedDistinct(shingles);
    const signature = minHashSignature(sortedDistinct(retrievable), minhashBands * minhashRows);
    return {
      paragraphs,
      words,
      shingles,
      distinct,
      notice,
      fingerprints: winnow(shingles, winnowWindow, allNotice),
      bands: retrievable.length > 0 ? bandKeys(signature, minhashBands, minhashRows) : [],
    };
  }

  /** Adds an essay (paragraphs, or a text with paragraphs separated by blank lines). */
  add(id: string, text: EssayText, meta: M): void {
    if (this.byId.has(id)) throw new Error(`near-duplicate index: "${id}" was already added`);
    const prepared = this.prepare(text);
    const n = this.entries.length;
    this.entries.push({ id, meta, shingles: prepared.distinct });
    this.byId.set(id, n);
    for (const fingerprint of prepared.fingerprints) post(this.fingerprints, fingerprint, n);
    for (const key of prepared.bands) post(this.bands, key, n);
  }

  /** Essays in the index that the given essay near-duplicates, most shared first. */
  query(
    text: EssayText,
    options: { exclude?: string | ((id: string, meta: M) => boolean) } = {},
  ): NearDuplicateMatch<M>[] {
    const prepared = this.prepare(text);
    const exclude = options.exclude;
    const skip =
      typeof exclude === 'function'
        ? (entry: Entry<M>) => exclude(entry.id, entry.meta)
        : (entry: Entry<M>) => entry.id === exclude;
    const matches: NearDuplicateMatch<M>[] = [];
    for (const candidate of this.candidates(prepared)) {
      const entry = this.entries[candidate];
      if (skip(entry)) continue;
      const match = this.compare(prepared, entry);
      if (match) matches.push(match);
    }
    return matches.sort((a, b) => b.sharedWords - a.sharedWords || a.id.localeCompare(b.id));
  }

  private candidates(prepared: Prepared): Set<number> {
    // Two shared fingerprints (a shared run of 20+ words is certain to give two) or one shared LSH
    // band; a single fingerprint is usually a stock phrase and not worth an exact comparison.
    const fingerprintHits = new Map<number, number>();
    const out = new Set<number>();
    for (const fingerprint of prepared.fingerprints) {
      const posting = this.fingerprints.get(fingerprint);
      if (posting === undefined) continue;
      for (const n of typeof posting === 'number' ? [posting] : posting) {
        const hits = (fingerprintHits.get(n) ?? 0) + 1;
        fingerprintHits.set(n, hits);
        if (hits >= 2) out.add(n);
      }
    }
    // A short essay can hold fewer than two fingerprints: then one suffices.
    if (prepared.fingerprints.size < 2) for (const n of fingerprintHits.keys()) out.add(n);
    for (const key of prepared.bands) {
      const posting = this.bands.get(key);
      if (posting === undefined) continue;
      for (const n of typeof posting === 'number' ? [posting] : posting) out.add(n);
    }
    return out;
  }

  /** Exact comparison of the queried essay with one indexed essay. */
  private compare(prepared: Prepared, entry: Entry<M>): NearDuplicateMatch<M> | undefined {
    const { shingleWords, maxGapWords, minPassageWords, minSharedShare, minSharedWords } = this.rules;
    const { words, shingles, notice } = prepared;
    const covered = new Uint8Array(words.length);
    for (let i = 0; i < shingles.length; i++) {
      if (contains(entry.shingles, shingles[i])) covered.fill(1, i, i + shingleWords);
    }
    // Passages: covered words, bridging gaps of up to maxGapWords changed words.
    const spans: Array<{ from: number; to: number; own: number }> = [];
    let i = 0;
    while (i < words.length) {
      if (!covered[i]) {
        i++;
        continue;
      }
      const from = i;
      let to = i;
      let j = i;
      while (j < words.length) {
        if (covered[j]) {
          to = j;
          j++;
        } else if (j - to <= maxGapWords) j++;
        else break;
      }
      let own = 0;
      for (let w = from; w <= to; w++) if (covered[w] && !notice[w]) own++;
      spans.push({ from, to, own });
      i = to + 1;
    }
    const ownTotal = words.length - notice.reduce((sum, v) => sum + v, 0);
    const sharedWords = spans.reduce((sum, s) => sum + s.own, 0);
    const longestPassage = spans.reduce((max, s) => Math.max(max, s.own), 0);
    const share = ownTotal > 0 ? sharedWords / ownTotal : 0;
    const nearDuplicate =
      longestPassage >= minPassageWords || (share >= minSharedShare && sharedWords >= minSharedWords);
    if (!nearDuplicate) return undefined;
    const common = intersectionSize(prepared.distinct, entry.shingles);
    const union = prepared.distinct.length + entry.shingles.length - common;
    const passages = spans
      .filter((s) => s.own > 0)
      .sort((a, b) => b.own - a.own || a.from - b.from)
      .map((s) => this.passage(prepared, s.from, s.to, s.own));
    return {
      id: entry.id,
      meta: entry.meta,
      jaccard: union > 0 ? common / union : 0,
      share,
      sharedWords,
      longestPassage,
      passages,
    };
  }

  private passage(prepared: Prepared, from: number, to: number, own: number): SharedPassage {
    const { words, paragraphs } = prepared;
    const textOf = new Map(paragraphs.map((p) => [p.index, p.text]));
    const segments: SharedPassage['segments'] = [];
    let start = from;
    while (start <= to) {
      let end = start;
      while (end < to && words[end + 1].paragraph === words[start].paragraph) end++;
      const paragraph = words[start].paragraph;
      const text = (textOf.get(paragraph) ?? '').slice(words[start].start, words[end].end);
      segments.push({ paragraph, text, words: end - start + 1 });
      start = end + 1;
    }
    const main = segments.reduce((best, s) => (s.words > best.words ? s : best), segments[0]);
    return {
      paragraph: main.paragraph,
      text: segments.map((s) => s.text).join('\n'),
      segments,
      words: to - from + 1,
      ownWords: own,
    };
  }
}

/** Cuts a long quote to its beginning and end around an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const half = Math.floor((max - 3) / 2);
  return `${text.slice(0, half).trimEnd()} … ${text.slice(text.length - half).trimStart()}`;
}

const percent = (share: number): string => `${Math.round(share * 100)} %`;

/** The near-duplicate finding for an essay, given its matches (undefined when there are none). */
export function nearDuplicateFinding<M>(
  matches: readonly NearDuplicateMatch<M>[],
  nameOf: (match: NearDuplicateMatch<M>) => string,
  rules: DuplicateRules = duplicateRules(),
): Finding | undefined {
  if (matches.length === 0) return undefined;
  const named = matches.slice(0, rules.maxFilesNamed).map((m) => `“${nameOf(m)}” (${percent(m.share)} of this essay)`);
  const more = matches.length - named.length;
  const others = matches.length === 1 ? 'another essay' : `${matches.length} other essays`;
  const message =
    `Shares much of its text with ${others} for this vacancy: ${named.join(', ')}` +
    `${more > 0 ? ` and ${more} more` : ''}.`;
  // Quote the longest passages over all matches, each once, in the essay's order of importance.
  const evidence: Evidence[] = [];
  const seen = new Set<string>();
  const passages = matches
    .flatMap((m) => m.passages.map((p) => ({ p, file: nameOf(m) })))
    .sort((a, b) => b.p.ownWords - a.p.ownWords);
  for (const { p } of passages) {
    // A passage running over a paragraph break is quoted paragraph by paragraph; a few words that
    // merely continue it into the next paragraph are not worth an entry of their own.
    const segments = p.segments.filter((s) => s.words >= rules.shingleWords || p.segments.length === 1);
    for (const segment of segments) {
      if (evidence.length >= rules.maxPassagesQuoted) break;
      const key = `${segment.paragraph}:${segment.text.slice(0, 80)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      evidence.push({ paragraph: segment.paragraph, text: shorten(segment.text, rules.maxQuoteChars) });
    }
  }
  const top = matches[0];
  return {
    rule: NEAR_DUPLICATE_META.id,
    category: NEAR_DUPLICATE_META.category,
    severity: NEAR_DUPLICATE_META.severity,
    message,
    evidence,
    actual: `${top.longestPassage} words in one passage, ${percent(top.share)} of the essay shared with “${nameOf(top)}”`,
    expected: `no passage of ${rules.minPassageWords} words or more shared with another essay`,
    note:
      'Essays that share long passages may come from a shared template, copied text or the same chatbot answer. ' +
      'Compare the essays before drawing any conclusion. Wording taken from the vacancy notice is not counted.',
  };
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

/**
 * Puts the near-duplicate finding into a report (replacing an earlier one, e.g. from a cached
 * report) and recomputes its status. Rejected reports are returned unchanged.
 */
export function withNearDuplicateFinding(report: Report, finding: Finding | undefined): Report {
  if (report.status === 'rejected') return report;
  const findings = report.findings.filter((f) => f.rule !== NEAR_DUPLICATE_META.id);
  if (finding) findings.push(finding);
  findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule));
  return { ...report, findings, status: decideStatus(findings, report) };
}

export interface DuplicateCandidate {
  /** Unique within the call (e.g. the file's path in a scan, or the screening id). */
  id: string;
  report: Report;
  /** Visible body paragraphs; entries without them (rejected files) are left out. */
  paragraphs?: readonly BodyParagraph[];
}

export interface OtherEssay {
  id: string;
  sha256: string;
  filename: string;
  text: string;
}

/**
 * Adds near-duplicate findings to a set of reports for one vacancy, comparing them with each other
 * and with `others` (e.g. the store's textsForVacancy). An essay is never compared with a stored
 * copy of the same bytes (the same submission screened before). Returns the updated reports, in order.
 */
export function addNearDuplicateFindings(
  essays: readonly DuplicateCandidate[],
  vacancy: Vacancy,
  options: { others?: readonly OtherEssay[]; rules?: Partial<DuplicateRules> } = {},
): Report[] {
  const index = new NearDuplicateIndex<{ file: string; sha256: string }>({
    notice: noticeTextOf(vacancy),
    rules: options.rules,
  });
  for (const essay of essays) {
    if (essay.paragraphs)
      index.add(`new:${essay.id}`, essay.paragraphs, { file: essay.report.file, sha256: essay.report.sha256 });
  }
  for (const other of options.others ?? []) {
    index.add(`old:${other.id}`, other.text, { file: other.filename, sha256: other.sha256 });
  }
  return essays.map((essay) => {
    if (!essay.paragraphs) return essay.report;
    const self = `new:${essay.id}`;
    const matches = index.query(essay.paragraphs, {
      exclude: (id, meta) => id === self || (id.startsWith('old:') && meta.sha256 === essay.report.sha256),
    });
    return withNearDuplicateFinding(
      essay.report,
      nearDuplicateFinding(matches, (m) => m.meta.file, index.rules),
    );
  });
}
