/**
 * Fitting and evaluating the AI style model, shared by scripts/calibrate-ai.ts (which writes
 * rules/ai/model.json) and bench/ai/run.ts (which re-runs the cross-validation and prints figures).
 *
 * Model: L2-regularised logistic regression on standardised features, fitted by Newton's method
 * (IRLS). Each human group and each AI source gets the same total weight within its class, so the
 * 300 UN speeches do not drown the 58 essayforum essays, and classes weigh the same.
 * Cross-validation: k folds by hash of topic/prompt/country (scripts/ai-corpus.ts `cvGroup`), so a
 * text is never scored by a model that saw it, nor one that saw its topic.
 */
import {
  candidateLlmWords,
  computeFeatures,
  type FeatureId,
  llmWordCounts,
  llmWordRate,
  textStats,
} from '../src/checks/ai/features.js';
import { type AiLevel, maxLevel } from '../src/checks/ai/levels.js';
import { findResidue } from '../src/checks/ai/residue.js';
import { type AiModel, type ModelFeature, modelLogit, sigmoid, transformValue } from '../src/checks/ai/score.js';
import { paragraphsOf } from '../src/checks/ai/text.js';
import { AI_SOURCES, type CorpusText, foldOf, HUMAN_GROUPS, isHumanGroup, loadAiCorpus } from './ai-corpus.js';

export interface Row {
  text: CorpusText;
  words: number;
  /** Raw values of every candidate feature (English texts only). */
  values: Record<FeatureId, number>;
  /** Occurrences of each candidate LLM-style word (the lexicon is chosen per fold from these). */
  lexCounts: Map<string, number>;
  residueLevel: AiLevel;
  /** Whether the style model applies (English, long enough). */
  styleEligible: boolean;
}

export interface FeatureSpec {
  id: FeatureId;
  transform: ModelFeature['transform'];
}

/** Features, their residue level and eligibility for every corpus text. */
export function corpusRows(minWords: number): Row[] {
  return loadAiCorpus().map((text) => {
    const paragraphs = paragraphsOf(text.text);
    const stats = textStats(paragraphs);
    const lang = text.language === 'fr' ? 'fr' : 'en';
    const residueLevel = maxLevel(...findResidue(paragraphs, lang).map((h) => h.level));
    const f = computeFeatures(stats, candidateLlmWords());
    const values = Object.fromEntries(Object.entries(f).map(([k, v]) => [k, v.value])) as Record<FeatureId, number>;
    return {
      text,
      words: stats.words,
      values,
      lexCounts: llmWordCounts(stats),
      residueLevel,
      styleEligible: lang === 'en' && stats.words >= minWords,
    };
  });
}

/** Sample weights: every group equal within its class, both classes equal in total. */
export function sampleWeights(rows: Row[]): number[] {
  const count = new Map<string, number>();
  for (const r of rows) count.set(r.text.group, (count.get(r.text.group) ?? 0) + 1);
  const groupsPerClass = { human: 0, ai: 0 };
  for (const g of count.keys()) groupsPerClass[isHumanGroup(g as CorpusText['group']) ? 'human' : 'ai']++;
  return rows.map((r) => {
    const cls = r.text.label;
    return rows.length / 2 / groupsPerClass[cls] / (count.get(r.text.group) ?? 1);
  });
}

/** Solves A x = b for a small symmetric positive definite A (Gaussian elimination with pivoting). */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
    [m[c], m[p]] = [m[p], m[c]];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r][c] / m[c][c];
      for (let k = c; k <= n; k++) m[r][k] -= f * m[c][k];
    }
  }
  return m.map((row, i) => row[n] / row[i]);
}

/**
 * Weighted L2 logistic regression by Newton's method. `lambda` penalises the weights (not the
 * intercept) relative to the total sample weight.
 */
export function fitLogistic(
  x: number[][],
  y: number[],
  w: number[],
  lambda: number,
): { intercept: number; weights: number[] } {
  const d = x[0]?.length ?? 0;
  let beta = new Array(d + 1).fill(0);
  const totalW = w.reduce((a, b) => a + b, 0);
  for (let iter = 0; iter < 50; iter++) {
    const grad = new Array(d + 1).fill(0);
    const hess = Array.from({ length: d + 1 }, () => new Array(d + 1).fill(0));
    for (let i = 0; i < x.length; i++) {
      const xi = [1, ...x[i]];
      const p = sigmoid(xi.reduce((a, v, j) => a + v * beta[j], 0));
      const r = w[i] * (p - y[i]);
      const h = w[i] * p * (1 - p);
      for (let j = 0; j <= d; j++) {
        grad[j] += r * xi[j];
        for (let k = 0; k <= d; k++) hess[j][k] += h * xi[j] * xi[k];
      }
    }
    for (let j = 1; j <= d; j++) {
      grad[j] += lambda * totalW * beta[j];
      hess[j][j] += lambda * totalW;
    }
    const step = solve(hess, grad);
    beta = beta.map((b, j) => b - step[j]);
    if (Math.max(...step.map(Math.abs)) < 1e-8) break;
  }
  return { intercept: beta[0], weights: beta.slice(1) };
}

export interface LexiconRule {
  /** A word must occur in at least this share of AI texts (mean over AI sources). */
  minAiShare: number;
  /** ... and be this many times more common in AI texts than in the most affected human group. */
  minRatio: number;
  /** Added to both shares before the ratio (about one text in a group of 100). */
  smoothing: number;
}

/**
 * The LLM-style words worth counting: candidate words (Kobak et al.) that are much more frequent in
 * the AI training texts than in EVERY human training group. Chosen inside each fold in
 * cross-validation, so held-out texts never shape their own lexicon.
 */
export function selectLexicon(rows: Row[], rule: LexiconRule): string[] {
  const train = rows.filter((r) => r.styleEligible);
  const byGroup = new Map<string, Row[]>();
  for (const r of train) byGroup.set(r.text.group, [...(byGroup.get(r.text.group) ?? []), r]);
  const share = (group: Row[], w: string) => group.filter((r) => r.lexCounts.has(w)).length / group.length;
  const aiGroups = [...byGroup].filter(([g]) => !isHumanGroup(g as CorpusText['group'])).map(([, rs]) => rs);
  const humanGroups = [...byGroup].filter(([g]) => isHumanGroup(g as CorpusText['group'])).map(([, rs]) => rs);
  const kept: string[] = [];
  for (const w of [...candidateLlmWords()].sort()) {
    const ai = aiGroups.reduce((a, g) => a + share(g, w), 0) / aiGroups.length;
    const human = Math.max(...humanGroups.map((g) => share(g, w)));
    if (ai >= rule.minAiShare && (ai + rule.smoothing) / (human + rule.smoothing) >= rule.minRatio) kept.push(w);
  }
  return kept;
}

/** Feature values with llmWords counted over `lexicon`. */
export function valuesWith(row: Row, lexicon: ReadonlySet<string>): Record<FeatureId, number> {
  return { ...row.values, llmWords: llmWordRate(row.lexCounts, lexicon, row.words) };
}

export type FittedModel = Pick<AiModel, 'intercept' | 'features' | 'lexicon' | 'clipZ'>;

/** Everything a fit needs besides the texts: the calibration script's settings. */
export interface FitSettings {
  specs: FeatureSpec[];
  /** L2 penalty per unit of sample weight. */
  lambda: number;
  lexiconRule: LexiconRule;
  /** Standardised values are clipped to ±clipZ (winsorised) in fitting and scoring. */
  clipZ: number;
}

/** Chooses the lexicon and fits the model on the style-eligible rows. */
export function fitModel(rows: Row[], settings: FitSettings): FittedModel {
  const { specs, lambda, lexiconRule, clipZ } = settings;
  const train = rows.filter((r) => r.styleEligible);
  const lexicon = selectLexicon(train, lexiconRule);
  const lexSet = new Set(lexicon);
  const raw = train.map((r) => {
    const values = valuesWith(r, lexSet);
    return specs.map((s) => transformValue(values[s.id], s.transform));
  });
  const means = specs.map((_, j) => raw.reduce((a, row) => a + row[j], 0) / raw.length);
  const sds = specs.map((_, j) => Math.sqrt(raw.reduce((a, row) => a + (row[j] - means[j]) ** 2, 0) / raw.length) || 1);
  const x = raw.map((row) => row.map((v, j) => Math.max(-clipZ, Math.min(clipZ, (v - means[j]) / sds[j]))));
  const y = train.map((r) => (r.text.label === 'ai' ? 1 : 0));
  const fit = fitLogistic(x, y, sampleWeights(train), lambda);
  return {
    lexicon,
    clipZ,
    intercept: fit.intercept,
    features: specs.map((s, j) => ({
      id: s.id,
      transform: s.transform,
      mean: means[j],
      sd: sds[j],
      weight: fit.weights[j],
    })),
  };
}

export function logitOf(model: FittedModel, row: Row): number {
  return modelLogit(model, valuesWith(row, new Set(model.lexicon)));
}

/** Cross-validated log-odds for every style-eligible row (undefined for the others). */
export function crossValidate(rows: Row[], settings: FitSettings, k: number): Array<number | undefined> {
  const folds = rows.map((r) => foldOf(r.text.cvGroup, k));
  const out: Array<number | undefined> = new Array(rows.length).fill(undefined);
  for (let fold = 0; fold < k; fold++) {
    const model = fitModel(
      rows.filter((_, i) => folds[i] !== fold),
      settings,
    );
    rows.forEach((r, i) => {
      if (folds[i] === fold && r.styleEligible) out[i] = logitOf(model, r);
    });
  }
  return out;
}

/**
 * Leave-one-group-out scores: each human group scored by a model fitted WITHOUT any text of that
 * group (all other groups and sources in). This is how the model treats a population of writers it
 * has never seen — such as real applicants, who are in no calibration group. A model that is fair
 * in ordinary cross-validation only because it learned each human group's own habits fails here.
 */
export function leaveGroupOut(rows: Row[], settings: FitSettings): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const group of HUMAN_GROUPS) {
    const model = fitModel(
      rows.filter((r) => r.text.group !== group),
      settings,
    );
    out.set(
      group,
      rows.filter((r) => r.text.group === group && r.styleEligible).map((r) => logitOf(model, r)),
    );
  }
  return out;
}

/**
 * Source-held-out scores: each row of `source` scored by a model fitted without any text of that
 * source. For nato-llm this is the honest figure: with its other essays in training, the model can
 * learn the job-essay genre itself (no human essay of that genre exists to balance it).
 */
export function leaveSourceOut(rows: Row[], settings: FitSettings, source: string): Array<number | undefined> {
  const model = fitModel(
    rows.filter((r) => r.text.group !== source),
    settings,
  );
  return rows.map((r) => (r.text.group === source && r.styleEligible ? logitOf(model, r) : undefined));
}

/** Linear-interpolated quantile (q in 0..1) of a list. */
export function quantile(xs: number[], q: number): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const pos = q * (s.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export interface ThresholdRule {
  /** Quantile of each human group's scores that 'low' must clear (max over groups). */
  lowQuantile: number;
  /** Quantile of each human group's scores that 'medium' must clear (max over groups). */
  mediumQuantile: number;
  /** Added to that, in log-odds, as a safety margin for unseen writers. */
  mediumMargin: number;
  /** 'high' sits this far above 'medium', in log-odds. */
  highAboveMedium: number;
  /**
   * 'medium' must also flag at most this share of every human group's leave-group-out scores (the
   * group scored by a model that never saw it): how the model treats a population unlike any in
   * calibration. With 58 texts and 1%, that means above the group's highest score.
   */
  unseenGroupMaxShare: number;
}

/** Lowest cut-off that leaves at most `share` of every group at or above it. */
function cutForShare(byGroup: Map<string, number[]>, share: number): number {
  let cut = Number.NEGATIVE_INFINITY;
  for (const xs of byGroup.values()) {
    if (!xs.length) continue;
    const desc = [...xs].sort((a, b) => b - a);
    const allowed = Math.floor(share * xs.length + 1e-9);
    if (allowed < desc.length) cut = Math.max(cut, desc[allowed] + 1e-6);
  }
  return cut;
}

const worstQuantile = (byGroup: Map<string, number[]>, q: number): number =>
  Math.max(...[...byGroup.values()].filter((xs) => xs.length).map((xs) => quantile(xs, q)));

/**
 * Thresholds (as log-odds) from scores of human texts only: cross-validated scores per group and,
 * when given, leave-group-out scores (the stricter of the two sets 'medium').
 */
export function thresholdsFrom(
  logitsByGroup: Map<string, number[]>,
  rule: ThresholdRule,
  unseenByGroup?: Map<string, number[]>,
) {
  const fromCv = worstQuantile(logitsByGroup, rule.mediumQuantile) + rule.mediumMargin;
  const fromUnseen = unseenByGroup ? cutForShare(unseenByGroup, rule.unseenGroupMaxShare) : Number.NEGATIVE_INFINITY;
  const medium = Math.max(fromCv, fromUnseen);
  return {
    low: Math.min(worstQuantile(logitsByGroup, rule.lowQuantile), medium),
    medium,
    high: medium + rule.highAboveMedium,
    fromCv,
    fromUnseen,
  };
}

export function levelOfLogit(logit: number | undefined, t: { low: number; medium: number; high: number }): AiLevel {
  if (logit === undefined) return 'none';
  if (logit >= t.high) return 'high';
  if (logit >= t.medium) return 'medium';
  if (logit >= t.low) return 'low';
  return 'none';
}

/** Area under the ROC curve (probability a random AI text outranks a random human one). */
export function auroc(pos: number[], neg: number[]): number {
  if (!pos.length || !neg.length) return Number.NaN;
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

export interface Evaluation {
  /** Per group: number of texts, share at each level (combined style + residue), share at medium+. */
  groups: Array<{
    group: string;
    human: boolean;
    n: number;
    eligible: number;
    low: number;
    medium: number;
    high: number;
    mediumPlus: number;
    mediumPlusEligible: number;
  }>;
  /** AUROC of the score, all human vs all AI texts, and per AI source vs all humans. */
  auroc: { all: number; bySource: Record<string, number> };
}

/** Shares flagged per group at each level, combining the style level with text residue. */
export function evaluate(
  rows: Row[],
  logits: Array<number | undefined>,
  t: { low: number; medium: number; high: number },
): Evaluation {
  const levels = rows.map((r, i) => maxLevel(levelOfLogit(logits[i], t), r.residueLevel));
  // The score used for AUROC, as in scoreParagraphs: the log-odds (monotone with ai.score), lifted
  // to the level's threshold when residue sets the level; texts not judged rank lowest.
  const floor = { none: Number.NEGATIVE_INFINITY, low: t.low, medium: t.medium, high: t.high };
  const scores = rows.map((_, i) => Math.max(logits[i] ?? Number.NEGATIVE_INFINITY, floor[levels[i]]));
  return evaluateLevels(
    rows.map((r) => ({ group: r.text.group, label: r.text.label, eligible: r.styleEligible })),
    levels,
    scores,
  );
}

/** Shares flagged per group from final levels and scores (also used on scoreText results). */
export function evaluateLevels(
  items: Array<{ group: CorpusText['group']; label: 'human' | 'ai'; eligible: boolean }>,
  levels: AiLevel[],
  scores: number[],
): Evaluation {
  const groups = [...HUMAN_GROUPS, ...AI_SOURCES].map((group) => {
    const idx = items.map((r, i) => (r.group === group ? i : -1)).filter((i) => i >= 0);
    const share = (pred: (i: number) => boolean, among = idx) =>
      among.length ? among.filter(pred).length / among.length : 0;
    const eligibleIdx = idx.filter((i) => items[i].eligible);
    const medPlus = (i: number) => levels[i] === 'medium' || levels[i] === 'high';
    return {
      group,
      human: isHumanGroup(group),
      n: idx.length,
      eligible: eligibleIdx.length,
      low: share((i) => levels[i] === 'low'),
      medium: share((i) => levels[i] === 'medium'),
      high: share((i) => levels[i] === 'high'),
      mediumPlus: share(medPlus),
      mediumPlusEligible: share(medPlus, eligibleIdx),
    };
  });
  const humanScores = items.flatMap((r, i) => (r.label === 'human' ? [scores[i]] : []));
  const bySource: Record<string, number> = {};
  for (const s of AI_SOURCES)
    bySource[s] = auroc(
      items.flatMap((r, i) => (r.group === s ? [scores[i]] : [])),
      humanScores,
    );
  return {
    groups,
    auroc: {
      all: auroc(
        items.flatMap((r, i) => (r.label === 'ai' ? [scores[i]] : [])),
        humanScores,
      ),
      bySource,
    },
  };
}

/** Prints an evaluation as a fixed-width table. */
export function formatEvaluation(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    `${'group'.padEnd(22)}${'n'.padStart(5)}${'≥250w'.padStart(7)}${'low'.padStart(7)}${'medium'.padStart(7)}${'high'.padStart(7)}${'med+'.padStart(7)}${'med+≥250'.padStart(9)}${'AUROC'.padStart(7)}`,
  ];
  for (const g of e.groups) {
    const a = g.human ? '' : (e.auroc.bySource[g.group] ?? Number.NaN).toFixed(3);
    lines.push(
      `${(g.human ? 'human ' : 'ai    ') + g.group}`.padEnd(22) +
        `${g.n}`.padStart(5) +
        `${g.eligible}`.padStart(7) +
        pct(g.low) +
        pct(g.medium) +
        pct(g.high) +
        pct(g.mediumPlus) +
        pct(g.mediumPlusEligible).padStart(9) +
        a.padStart(7),
    );
  }
  lines.push(`AUROC all AI vs all human: ${e.auroc.all.toFixed(3)}`);
  return lines.join('\n');
}

/** Shares of each human group's leave-group-out scores at medium+ and low+, as a table line per group. */
export function formatUnseen(unseen: Map<string, number[]>, t: { low: number; medium: number }): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = [
    `${'human group (unseen)'.padEnd(22)}${'n'.padStart(5)}${'low+'.padStart(7)}${'med+'.padStart(7)}${'p99'.padStart(7)}${'max'.padStart(7)}`,
  ];
  for (const [g, xs] of unseen) {
    const share = (cut: number) => (xs.length ? xs.filter((x) => x >= cut).length / xs.length : 0);
    lines.push(
      `${g.padEnd(22)}${String(xs.length).padStart(5)}${pct(share(t.low))}${pct(share(t.medium))}${quantile(xs, 0.99).toFixed(2).padStart(7)}${Math.max(
        ...xs,
      )
        .toFixed(2)
        .padStart(7)}`,
    );
  }
  return lines.join('\n');
}
