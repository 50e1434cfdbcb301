/**
 * AI-signal bench: fairness and detection on the shared corpus (../shared/corpus/ai-text).
 *
 *   npx tsx bench/ai/run.ts
 *
 * 1. Cross-validation (the figures that count): the calibration procedure of scripts/calibrate-ai.ts
 *    re-run fold by fold — lexicon, weights and thresholds never see the texts they score.
 * 2. The shipped model (rules/ai/model.json) through the production path scoreText(): in-sample for
 *    the style weights, so only a consistency check; the CI fairness test asserts the same rates.
 * Prints per group the share at each level, TPR at medium+ per AI source (all texts, and texts of
 * at least minWords words, the only ones the style model judges) and AUROC of ai.score.
 */

import { loadAiCorpus } from '../../scripts/ai-corpus.js';
import {
  corpusRows,
  crossValidate,
  evaluate,
  evaluateLevels,
  formatEvaluation,
  formatUnseen,
  leaveGroupOut,
  leaveSourceOut,
  quantile,
  thresholdsFrom,
} from '../../scripts/ai-model.js';
import { FOLDS, MIN_WORDS, SETTINGS, THRESHOLD_RULE } from '../../scripts/calibrate-ai.js';
import { loadAiModel, scoreText } from '../../src/checks/ai/score.js';

const started = performance.now();
const rows = corpusRows(MIN_WORDS);
const cv = crossValidate(rows, SETTINGS, FOLDS);
const humanCv = new Map<string, number[]>();
rows.forEach((r, i) => {
  const v = cv[i];
  if (r.text.label === 'human' && v !== undefined) humanCv.set(r.text.group, [...(humanCv.get(r.text.group) ?? []), v]);
});
const unseen = leaveGroupOut(rows, SETTINGS);
const t = thresholdsFrom(humanCv, THRESHOLD_RULE, unseen);
console.log(`AI signals bench — ${rows.length} texts, ${FOLDS}-fold cross-validation by topic/prompt/country`);
console.log(
  `style judged on English texts ≥ ${MIN_WORDS} words; thresholds from CV human scores (log-odds): low ${t.low.toFixed(2)}, medium ${t.medium.toFixed(2)}, high ${t.high.toFixed(2)}\n`,
);
console.log(
  '1. Cross-validated (levels = style + text residue; "med+" = share at medium or high = TPR for AI sources, false-flag rate for human groups)',
);
console.log(formatEvaluation(evaluate(rows, cv, t)));
for (const [g, xs] of humanCv)
  console.log(
    `   ${g.padEnd(18)} CV log-odds  p99 ${quantile(xs, 0.99).toFixed(2)}  max ${Math.max(...xs).toFixed(2)}`,
  );
console.log(
  `\n   medium = max(CV rule ${t.fromCv.toFixed(2)}, unseen-group rule ${t.fromUnseen.toFixed(2)}); each human group scored by a model fitted without it:`,
);
console.log(formatUnseen(unseen, t));
const natoHeldOut = evaluate(rows, leaveSourceOut(rows, SETTINGS, 'nato-llm'), t).groups.find(
  (g) => g.group === 'nato-llm',
);
console.log(
  `   nato-llm scored by a model that saw no nato-llm essay: medium+ ${((natoHeldOut?.mediumPlus ?? 0) * 100).toFixed(1)}%`,
);

const model = loadAiModel();
const corpus = loadAiCorpus();
const scored = corpus.map((c) => scoreText(c.text, { language: c.language === 'fr' ? 'fr' : 'en', model }));
console.log(`\n2. Shipped model ${model.created} via scoreText() (style weights in-sample)`);
console.log(
  formatEvaluation(
    evaluateLevels(
      corpus.map((c, i) => ({ group: c.group, label: c.label, eligible: scored[i].styleJudged })),
      scored.map((s) => s.level),
      scored.map((s) => s.score),
    ),
  ),
);
const humanResidue = corpus.filter((c, i) => c.label === 'human' && scored[i].residue.length > 0);
console.log(
  `human texts with any residue pattern: ${humanResidue.length} (${humanResidue.map((c) => c.id).join(', ') || 'none'})`,
);
const aiResidue = corpus.filter((c, i) => c.label === 'ai' && scored[i].residueLevel !== 'none');
console.log(
  `AI texts with residue: ${aiResidue.length} (${aiResidue
    .map((c) => c.id)
    .slice(0, 12)
    .join(', ')}${aiResidue.length > 12 ? ', …' : ''})`,
);
console.log(`\n${((performance.now() - started) / 1000).toFixed(1)} s`);
