/**
 * Text-level AI scoring, usable without a .docx: residue patterns plus a calibrated logistic model
 * over style features (weights, feature means/sds and thresholds in rules/ai/model.json, written by
 * scripts/calibrate-ai.ts). The document checks call `scoreParagraphs` with the visible body text;
 * the calibration script, the bench and the fairness test call `scoreText` on corpus texts.
 *
 * Style is judged only for English texts of at least `model.minWords` words: the model was
 * calibrated on English human writing only, and short texts are too noisy to judge.
 * Not a check: no default export.
 */
import { loadRuleData } from '../../rules/data.js';
import { computeFeatures, type FeatureId, type FeatureValue, textStats } from './features.js';
import { type AiLevel, maxLevel } from './levels.js';
import { findResidue, type ResidueHit } from './residue.js';
import { guessLanguage, paragraphsOf, type TextLanguage, type TextParagraph } from './text.js';

export interface ModelFeature {
  id: FeatureId;
  /** log1p for rates (long right tails), identity otherwise. */
  transform: 'log1p' | 'identity';
  /** Mean and standard deviation of the transformed value over the training texts. */
  mean: number;
  sd: number;
  weight: number;
}

export interface Percentiles {
  p1: number;
  p5: number;
  p50: number;
  p95: number;
  p99: number;
  n: number;
}

/** A style finding: fires when the feature is beyond the human percentile in `direction`. */
export interface StyleSignal {
  rule: string;
  features: FeatureId[];
  direction: 'high' | 'low';
  /** Percentile of the pooled human calibration texts beyond which the signal fires (99 = top 1%). */
  percentile: number;
}

export interface AiModel {
  version: number;
  created: string;
  data: string;
  minWords: number;
  /** The LLM-style words counted by the llmWords feature (a calibrated subset of rules/ai/kobak-style-words.txt). */
  lexicon: string[];
  intercept: number;
  /**
   * Standardised feature values are clipped to ±clipZ (winsorised) before weighting, so that one
   * extreme measure (a speech full of one stock phrase) cannot on its own push a text over a level.
   */
  clipZ?: number;
  features: ModelFeature[];
  /** Cut-offs of the style model's log-odds for each level. */
  thresholds: { low: number; medium: number; high: number };
  /** Log-odds mapped to ai.score 0 and 1 (see scaledScore). */
  scoreScale: { zero: number; one: number; explanation?: string };
  /** Per feature, percentiles of raw values over all human calibration texts (for messages). */
  humanPercentiles: Partial<Record<FeatureId, Percentiles>>;
  signals: StyleSignal[];
  [extra: string]: unknown;
}

export interface ScoreOptions {
  /** Language if already known; otherwise guessed from the text. */
  language?: TextLanguage;
  /** A model other than the shipped one (cross-validation). */
  model?: AiModel;
  /** Hyperlink targets, searched for citation markup. */
  links?: Array<{ paragraph: number; target: string; text: string }>;
}

export interface FeatureContribution {
  id: FeatureId;
  value: number;
  z: number;
  /** weight × z: what the feature adds to the log-odds. */
  contribution: number;
}

export interface TextScore {
  language: TextLanguage;
  words: number;
  /** Whether the style model was applied (English and long enough). */
  styleJudged: boolean;
  /** Style score 0..1 (scaledScore; 0 when not judged). */
  styleScore: number;
  /** The model's log-odds (undefined when not judged). */
  styleLogit?: number;
  styleLevel: AiLevel;
  features?: Record<FeatureId, FeatureValue>;
  contributions: FeatureContribution[];
  residue: ResidueHit[];
  residueLevel: AiLevel;
  /** Style and residue combined (forensics are added by the document analysis). */
  level: AiLevel;
  score: number;
  note?: string;
}

export const loadAiModel = (): AiModel => loadRuleData<AiModel>('ai/model.json');

const lexicons = new WeakMap<AiModel, ReadonlySet<string>>();
/** The model's LLM-style word list as a set (built once per model). */
export function lexiconOf(model: AiModel): ReadonlySet<string> {
  let set = lexicons.get(model);
  if (!set) {
    set = new Set(model.lexicon);
    lexicons.set(model, set);
  }
  return set;
}

export function transformValue(value: number, transform: ModelFeature['transform']): number {
  return transform === 'log1p' ? Math.log1p(Math.max(0, value)) : value;
}

export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/** Standardised value of a feature, clipped to ±clipZ when the model sets it. */
export function standardise(
  value: number,
  feature: Pick<ModelFeature, 'transform' | 'mean' | 'sd'>,
  clipZ: number | undefined,
): number {
  const z = (transformValue(value, feature.transform) - feature.mean) / (feature.sd || 1);
  return clipZ === undefined ? z : Math.max(-clipZ, Math.min(clipZ, z));
}

/** Log-odds of the model for raw feature values. */
export function modelLogit(
  model: Pick<AiModel, 'intercept' | 'features' | 'clipZ'>,
  values: Partial<Record<FeatureId, number>>,
): number {
  let logit = model.intercept;
  for (const f of model.features) logit += f.weight * standardise(values[f.id] ?? 0, f, model.clipZ);
  return logit;
}

export function levelForLogit(model: AiModel, logit: number): AiLevel {
  if (logit >= model.thresholds.high) return 'high';
  if (logit >= model.thresholds.medium) return 'medium';
  if (logit >= model.thresholds.low) return 'low';
  return 'none';
}

/** ai.score at which each level starts: the score is read against these, like a gauge. */
export const LEVEL_SCORE: Record<AiLevel, number> = { none: 0, low: 0.25, medium: 0.5, high: 0.75 };

/**
 * ai.score from the model's log-odds: a monotone, piecewise-linear rescaling with the level
 * thresholds at 0.25 / 0.5 / 0.75, 0 at the median human text and 1 well above 'high'. It is not a
 * probability of AI authorship (the training classes were balanced, not the real prevalence).
 */
export function scaledScore(model: AiModel, logit: number): number {
  const { low, medium, high } = model.thresholds;
  const anchors: Array<[number, number]> = [
    [model.scoreScale.zero, 0],
    [low, LEVEL_SCORE.low],
    [medium, LEVEL_SCORE.medium],
    [high, LEVEL_SCORE.high],
    [model.scoreScale.one, 1],
  ];
  if (logit <= anchors[0][0]) return 0;
  for (let i = 1; i < anchors.length; i++) {
    const [x1, y1] = anchors[i];
    const [x0, y0] = anchors[i - 1];
    if (logit < x1) return y0 + ((y1 - y0) * (logit - x0)) / (x1 - x0 || 1);
  }
  return 1;
}

/** The lowest score of a level: ai.score is lifted to it when residue or forensics set the level. */
export function scoreFloor(level: AiLevel): number {
  return LEVEL_SCORE[level];
}

/** Scores paragraphs of visible text (paragraph indices as in the DocModel). */
export function scoreParagraphs(paragraphs: TextParagraph[], options: ScoreOptions = {}): TextScore {
  const model = options.model ?? loadAiModel();
  const fullText = paragraphs.map((p) => p.text).join('\n');
  const language = options.language ?? guessLanguage(fullText);
  const stats = textStats(paragraphs);
  const residue = findResidue(paragraphs, language, options.links);
  const residueLevel = maxLevel(...residue.map((h) => h.level));

  let note: string | undefined;
  let styleJudged = false;
  let styleScore = 0;
  let styleLogit: number | undefined;
  let features: Record<FeatureId, FeatureValue> | undefined;
  const contributions: FeatureContribution[] = [];
  if (language !== 'en') {
    note =
      language === 'fr'
        ? 'French text: only chatbot leftovers and document metadata were checked; the style model is calibrated on English writing only, and no French human baseline was available to calibrate it.'
        : 'Language not recognised as English or French: only chatbot leftovers and document metadata were checked.';
  } else if (stats.words < model.minWords) {
    note = `Text too short for a style judgement (${stats.words} words, under ${model.minWords}): only chatbot leftovers and document metadata were checked.`;
  } else {
    styleJudged = true;
    features = computeFeatures(stats, lexiconOf(model));
    let logit = model.intercept;
    for (const f of model.features) {
      const value = features[f.id].value;
      const z = standardise(value, f, model.clipZ);
      contributions.push({ id: f.id, value, z, contribution: f.weight * z });
      logit += f.weight * z;
    }
    styleLogit = logit;
    styleScore = scaledScore(model, logit);
  }
  const styleLevel = styleLogit !== undefined ? levelForLogit(model, styleLogit) : 'none';
  const level = maxLevel(styleLevel, residueLevel);
  const score = Math.max(styleScore, scoreFloor(level));
  return {
    language,
    words: stats.words,
    styleJudged,
    styleScore,
    styleLogit,
    styleLevel,
    features,
    contributions,
    residue,
    residueLevel,
    level,
    score,
    note,
  };
}

/** Scores a plain text (paragraphs separated by line breaks, as pasted into Word). */
export function scoreText(text: string, options: ScoreOptions = {}): TextScore {
  return scoreParagraphs(paragraphsOf(text), options);
}
