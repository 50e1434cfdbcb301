/**
 * The AI analysis of one document, computed once per screening (ctx.memo('ai')) and shared by the
 * AI checks and the report's `ai` section: the visible body text scored by scoreParagraphs (residue
 * and calibrated style), the style signals beyond the human calibration range, and the document
 * forensics. Not a check: no default export.
 */
import { detectLanguage } from '../../document/language.js';
import { visibleText } from '../../document/visibility.js';
import type { CheckContext, Evidence, FindingInput } from '../types.js';
import { FEATURE_INFO, type FeatureId } from './features.js';
import { documentForensics, type ForensicHit } from './forensics.js';
import { type AiLevel, levelRank, maxLevel, severityFor } from './levels.js';
import type { ResidueHit, ResidueKind } from './residue.js';
import { type AiModel, loadAiModel, type StyleSignal, scoreFloor, scoreParagraphs, type TextScore } from './score.js';
import { clip, type Sentence, type TextParagraph } from './text.js';

export interface StyleSignalHit {
  rule: string;
  feature: FeatureId;
  value: number;
  /** The human percentile value it is beyond. */
  cut: number;
  signal: StyleSignal;
  evidence: Sentence[];
  matches: string[];
}

export interface AiAnalysis {
  text: TextScore;
  styleSignals: StyleSignalHit[];
  forensics: ForensicHit[];
  level: AiLevel;
  score: number;
  signals: string[];
  note?: string;
}

/** The `ai` section of the report (CONTRACT.md). */
export interface AiSection {
  level: AiLevel;
  score: number;
  signals: string[];
  note?: string;
}

/** Style features beyond the human calibration range, per the model's signal definitions. */
export function styleSignals(text: TextScore, model: AiModel): StyleSignalHit[] {
  if (!text.styleJudged || !text.features) return [];
  const hits: StyleSignalHit[] = [];
  for (const signal of model.signals) {
    for (const feature of signal.features) {
      const p = model.humanPercentiles[feature];
      const value = text.features[feature]?.value;
      if (!p || value === undefined) continue;
      const cut =
        signal.direction === 'high' ? (signal.percentile >= 99 ? p.p99 : p.p95) : signal.percentile >= 99 ? p.p1 : p.p5;
      const beyond = signal.direction === 'high' ? value > cut : value < cut;
      if (beyond)
        hits.push({
          rule: signal.rule,
          feature,
          value,
          cut,
          signal,
          evidence: text.features[feature].evidence,
          matches: text.features[feature].matches,
        });
    }
  }
  return hits;
}

function paragraphsOfDoc(ctx: CheckContext): TextParagraph[] {
  return ctx.doc.bodyParagraphs
    .map((p) => ({ index: p.index, text: visibleText(p).replace(/\t/g, ' ').trim() }))
    .filter((p) => p.text.length > 0);
}

export function analyseDocument(ctx: CheckContext): AiAnalysis {
  return ctx.memo('ai', () => {
    const model = loadAiModel();
    const links = ctx.doc.hyperlinks.map((h) => ({ paragraph: h.paragraph, target: h.target, text: h.text }));
    // The report's language (detected once on the document's text), so the two always agree.
    const language = detectLanguage(ctx.doc.text);
    const text = scoreParagraphs(paragraphsOfDoc(ctx), { model, links, language });
    const style = styleSignals(text, model);
    const forensics = documentForensics(ctx.doc, text.words);
    // Forensics are weak: together they lift the level to "low" at most.
    const level = maxLevel(text.level, forensics.length > 0 ? 'low' : 'none');
    const score = Math.max(text.score, scoreFloor(level));
    const signals = [
      ...new Set([
        ...text.residue.map((h) => RESIDUE_RULE[h.kind]),
        ...style.map((h) => h.rule),
        ...forensics.map((h) => h.rule),
      ]),
    ];
    return {
      text,
      styleSignals: style,
      forensics,
      level,
      score: Math.round(score * 1000) / 1000,
      signals,
      note: text.note,
    };
  });
}

export const RESIDUE_RULE: Record<ResidueKind, string> = {
  chatbot: 'chatbot-residue',
  placeholders: 'chatbot-residue',
  citation: 'citation-artifact',
  markdown: 'markdown-residue',
};

const MAX_EVIDENCE = 5;

const evidenceOf = (sentences: Sentence[]): Evidence[] =>
  sentences.slice(0, MAX_EVIDENCE).map((s) => ({ paragraph: s.paragraph, text: clip(s.text) }));

const fmt = (x: number): string => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(x < 1 ? 2 : 1));

const STYLE_CAVEAT =
  'Style measures are statistical: careful human writers can show them too, so this is a reason to read the essay, not proof.';

/** Findings for the residue of some kinds (chatbot-residue, citation-artifact, markdown-residue). */
export function reportResidue(
  ctx: CheckContext,
  kinds: ResidueKind[],
  report: (f: FindingInput) => void,
  describe: (hits: ResidueHit[]) => string,
): void {
  const hits = analyseDocument(ctx).text.residue.filter((h) => kinds.includes(h.kind));
  if (hits.length === 0) return;
  const level = maxLevel(...hits.map((h) => h.level));
  const seen = [...new Set(hits.map((h) => `“${clip(h.match, 60)}”`))].slice(0, 4).join(', ');
  report({
    severity: severityFor(level),
    message: `${describe(hits)} Seen: ${seen}. ${LEVEL_WORDS[level]}`,
    evidence: hits
      .slice(0, MAX_EVIDENCE)
      .map((h) => ({ paragraph: h.paragraph, text: h.text, ...(h.where ? { where: h.where } : {}) })),
    actual: `${hits.length} occurrence${hits.length === 1 ? '' : 's'}`,
    expected: 'none',
  });
}

const LEVEL_WORDS: Record<AiLevel, string> = {
  none: '',
  low: 'Taken alone this is a weak sign (AI level low).',
  medium: 'This strongly suggests a generated draft (AI level medium); a person should read the essay.',
  high: 'A person does not normally leave this in their own essay (AI level high); a person should read the essay.',
};

/** Findings for the style signals of one rule (llm-vocabulary, low-burstiness, ...). */
export function reportStyle(ctx: CheckContext, rule: string, report: (f: FindingInput) => void): void {
  const analysis = analyseDocument(ctx);
  const hits = analysis.styleSignals.filter((h) => h.rule === rule);
  if (hits.length === 0) return;
  const parts = hits.map((h) => {
    const info = FEATURE_INFO[h.feature];
    const unit = info.unit ? ` ${info.unit}` : '';
    const bound = h.signal.direction === 'high' ? 'below' : 'above';
    const lengths = h.evidence.map((e) => e.words);
    const examples =
      h.feature === 'sentenceLengthCv' && lengths.length
        ? ` (sentences run only from ${Math.min(...lengths)} to ${Math.max(...lengths)} words)`
        : h.matches.length
          ? ` (${[...new Set(h.matches.map((m) => `“${m}”`))].slice(0, 6).join(', ')})`
          : '';
    const label = info.label.charAt(0).toUpperCase() + info.label.slice(1);
    return `${label}: ${fmt(h.value)}${unit}${examples}; ${h.signal.percentile}% of the human essays and speeches in calibration are ${bound} ${fmt(h.cut)}`;
  });
  const overall =
    levelRank(analysis.level) >= 2
      ? `Together with the other measures the essay's AI level is ${analysis.level}.`
      : `The essay's overall AI level is ${analysis.level}: this measure alone does not make it a concern.`;
  // For low burstiness, quote the shortest and longest sentences; otherwise the sentences that show the feature.
  const evidence = evidenceOf(hits.flatMap((h) => h.evidence));
  report({
    severity: severityFor(analysis.level),
    message: `${parts.join('. ')}. ${overall} ${STYLE_CAVEAT}`,
    evidence,
    actual: hits
      .map((h) => `${fmt(h.value)}${FEATURE_INFO[h.feature].unit ? ` ${FEATURE_INFO[h.feature].unit}` : ''}`)
      .join('; '),
    expected: hits
      .map((h) => `${h.signal.direction === 'high' ? '≤' : '≥'} ${fmt(h.cut)} (human ${h.signal.percentile}% range)`)
      .join('; '),
  });
}

/** Findings for one forensic rule. */
export function reportForensics(ctx: CheckContext, rule: ForensicHit['rule'], report: (f: FindingInput) => void): void {
  for (const hit of analyseDocument(ctx).forensics.filter((h) => h.rule === rule)) {
    report({
      severity: 'info',
      message: hit.message,
      evidence: hit.evidence,
      actual: hit.actual,
      expected: hit.expected,
    });
  }
}

/** The report's `ai` section. */
export function aiSection(ctx: CheckContext): AiSection {
  const a = analyseDocument(ctx);
  return { level: a.level, score: a.score, signals: a.signals, ...(a.note ? { note: a.note } : {}) };
}
