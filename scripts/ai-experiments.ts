/**
 * Experiments with candidate AI style models that were NOT shipped, so that the figures quoted in
 * bench/ai/RESULTS.md and rules/ai/model.json ("rejected") can be reproduced. Same corpus, folds,
 * sample weights, lexicon rule and threshold rule as scripts/calibrate-ai.ts.
 *
 *   npx tsx scripts/ai-experiments.ts [features] [options]
 *
 *   features        comma-separated FeatureIds (default: the shipped MODEL_FEATURES)
 *   --fw            add a function-word profile: log rates of 130 closed-class words, one weight each
 *   --pos           keep only positive function-word weights (refit until none is negative)
 *   --filter=K      drop columns whose spread between human groups exceeds K × their AI-human gap
 *   --pool=N        choose the LLM lexicon from EVERY word (in ≥ 5% of texts of N AI sources), not
 *                   only from Kobak et al.'s style words
 *   --extra         add a curated list of published "AI-isms" to Kobak et al.'s candidate words
 *   --win=N         add the share of N-sentence windows that carry any LLM marker
 *   --lambda=X      L2 penalty (default as shipped); --clip=Z winsorising bound (default as shipped)
 *   --weights       print the weights of the model fitted on everything
 *
 * Prints medium+ shares per human group and AI source with thresholds from the cross-validation
 * rule alone and from the shipped rule (which also guards human groups the model never saw), the
 * leave-group-out shares, and nato-llm scored by a model that saw no nato-llm essay.
 */
import { candidateLlmWords, computeFeatures, type FeatureId, textStats } from '../src/checks/ai/features.js';
import { transformValue } from '../src/checks/ai/score.js';
import { paragraphsOf, words } from '../src/checks/ai/text.js';
import { foldOf, HUMAN_GROUPS } from './ai-corpus.js';
import {
  corpusRows,
  evaluate,
  fitLogistic,
  quantile,
  type Row,
  sampleWeights,
  selectLexicon,
  thresholdsFrom,
  valuesWith,
} from './ai-model.js';
import { CLIP_Z, FOLDS, LAMBDA, LEXICON_RULE, MIN_WORDS, MODEL_FEATURES, THRESHOLD_RULE } from './calibrate-ai.js';

const FUNCTION_WORDS =
  'the a an of to in for on with at by from about into through over under between among within without against during before after as than like and or but nor so yet because although though while whereas if unless whether when where which that who whom whose what how why is are was were be been being am has have had having do does did will would shall should can could may might must not no also only even just very too more most less such both each every all any some many much few other another same own this these those it its there here then thus however therefore moreover furthermore indeed rather instead still already often always never perhaps'.split(
    ' ',
  );
// Published lists of words chat models over-use that are not among Kobak et al.'s style words.
const EXTRA_AI_WORDS =
  'ensure ensures ensuring foster fosters robust leverage leveraging vital essential navigate navigating landscape significant significantly overall moreover furthermore enhance enhancing crucial seamless streamline empower empowering facilitate facilitating innovative transformative dynamic paramount meticulous intricate delve underscore showcase bolster embark elevate resonate testament commendable noteworthy invaluable unwavering strive thrive endeavor optimize utilize harness synergy proactive insights various numerous tailored cultivate cultivating'.split(
    ' ',
  );
const IDENTITY = new Set<string>([
  'sentenceLengthCv',
  'localLengthCv',
  'openerRepetition',
  'firstPersonPlural',
  'wordLengthEntropy',
  'lexicalDiversity',
  'wordLength',
  'meanSentenceLength',
  'commasPerSentence',
  'closingFormula',
]);

const args = process.argv.slice(2);
const option = (name: string): string | undefined => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const featureArg = args.find((a) => !a.startsWith('--'));
const feats = (featureArg ? featureArg.split(',') : MODEL_FEATURES.map((s) => s.id)) as FeatureId[];
const useFw = args.includes('--fw');
const positiveOnly = args.includes('--pos');
const filterK = Number(option('filter') ?? Number.POSITIVE_INFINITY);
const lambda = Number(option('lambda') ?? LAMBDA);
const clip = Number(option('clip') ?? CLIP_Z);
const pool = option('pool');
const windowSize = Number(option('win') ?? 0);
const isHuman = (g: string) => (HUMAN_GROUPS as readonly string[]).includes(g);

const rows = corpusRows(MIN_WORDS);
const FW_SET = new Set(FUNCTION_WORDS);
const fwRates = rows.map((r) => {
  const toks = words(r.text.text).map((t) => t.toLowerCase());
  const c = new Map<string, number>();
  for (const t of toks) if (FW_SET.has(t)) c.set(t, (c.get(t) ?? 0) + 1);
  return FUNCTION_WORDS.map((w) => ((c.get(w) ?? 0) * 1000) / Math.max(1, toks.length));
});
const extra = args.includes('--extra') ? new Set(EXTRA_AI_WORDS) : undefined;
if (pool || extra) {
  // Count every word (or the extra words too) so the lexicon may pick them.
  for (const r of rows) {
    const c = pool ? new Map<string, number>() : r.lexCounts;
    for (const t of words(r.text.text)) {
      const w = t.toLowerCase();
      if (pool || extra?.has(w)) c.set(w, (c.get(w) ?? 0) + 1);
    }
    r.lexCounts = c;
  }
}
const windows = windowSize
  ? rows.map((r) => {
      const stats = textStats(paragraphsOf(r.text.text));
      const f = computeFeatures(stats, new Set());
      const marked = new Set(
        [...f.llmPhrases.evidence, ...f.additiveTransitions.evidence, ...f.participialClauses.evidence].map(
          (x) => x.text,
        ),
      );
      const out: Array<{ tokens: Set<string>; marked: boolean }> = [];
      for (let i = 0; i + windowSize <= stats.sentences.length; i += windowSize) {
        const ss = stats.sentences.slice(i, i + windowSize);
        out.push({
          tokens: new Set(ss.flatMap((x) => words(x.text).map((t) => t.toLowerCase()))),
          marked: ss.some((x) => marked.has(x.text)),
        });
      }
      return out;
    })
  : [];

/** Lexicon from any word (--pool) or from Kobak's words plus the extra list (--extra). */
function selectWide(train: Row[]): string[] {
  const byGroup = new Map<string, Row[]>();
  for (const r of train) byGroup.set(r.text.group, [...(byGroup.get(r.text.group) ?? []), r]);
  const share = (group: Row[], w: string) => group.filter((r) => r.lexCounts.has(w)).length / group.length;
  const ai = [...byGroup].filter(([g]) => !isHuman(g)).map(([, rs]) => rs);
  const human = [...byGroup].filter(([g]) => isHuman(g)).map(([, rs]) => rs);
  const candidates = new Set<string>();
  for (const r of train) if (r.text.label === 'ai') for (const w of r.lexCounts.keys()) candidates.add(w);
  const kept: string[] = [];
  for (const w of candidates) {
    if (!/^[a-z]+$/.test(w)) continue;
    if (extra && !extra.has(w) && !candidateLlmWords().has(w)) continue;
    const shares = ai.map((g) => share(g, w));
    if (shares.filter((x) => x >= 0.05).length < Number(pool ?? 0)) continue;
    const a = shares.reduce((x, y) => x + y, 0) / shares.length;
    const h = Math.max(...human.map((g) => share(g, w)));
    if (
      a >= LEXICON_RULE.minAiShare &&
      (a + LEXICON_RULE.smoothing) / (h + LEXICON_RULE.smoothing) >= LEXICON_RULE.minRatio
    )
      kept.push(w);
  }
  return kept.sort();
}

function rawValues(i: number, lexicon: ReadonlySet<string>): number[] {
  const v = valuesWith(rows[i], lexicon);
  const out = feats.map((f) => transformValue(v[f], IDENTITY.has(f) ? 'identity' : 'log1p'));
  if (windowSize) {
    const ws = windows[i];
    out.push(
      ws.length ? ws.filter((w) => w.marked || [...w.tokens].some((t) => lexicon.has(t))).length / ws.length : 0,
    );
  }
  if (useFw) out.push(...fwRates[i].map((x) => Math.log1p(x)));
  return out;
}
const columnNames = [
  ...feats,
  ...(windowSize ? [`windows${windowSize}`] : []),
  ...(useFw ? FUNCTION_WORDS.map((w) => `fw:${w}`) : []),
];

function fit(trainIdx: number[]) {
  const train = trainIdx.filter((i) => rows[i].styleEligible);
  const trainRows = train.map((i) => rows[i]);
  const lexicon = new Set(pool || extra ? selectWide(trainRows) : selectLexicon(trainRows, LEXICON_RULE));
  const all = train.map((i) => rawValues(i, lexicon));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let keep = all[0].map((_, j) => j);
  if (Number.isFinite(filterK)) {
    keep = keep.filter((j) => {
      const byGroup = new Map<string, number[]>();
      train.forEach((i, k) => byGroup.set(rows[i].text.group, [...(byGroup.get(rows[i].text.group) ?? []), all[k][j]]));
      const human = [...byGroup].filter(([g]) => isHuman(g)).map(([, xs]) => mean(xs));
      const ai = [...byGroup].filter(([g]) => !isHuman(g)).map(([, xs]) => mean(xs));
      return j < feats.length || Math.max(...human) - Math.min(...human) <= filterK * Math.abs(mean(ai) - mean(human));
    });
  }
  const y = train.map((i) => (rows[i].text.label === 'ai' ? 1 : 0));
  const w = sampleWeights(trainRows);
  for (;;) {
    const x0 = all.map((r) => keep.map((j) => r[j]));
    const mu = keep.map((_, j) => mean(x0.map((r) => r[j])));
    const sd = keep.map((_, j) => Math.sqrt(mean(x0.map((r) => (r[j] - mu[j]) ** 2))) || 1);
    const z = (r: number[]) => r.map((v, j) => Math.max(-clip, Math.min(clip, (v - mu[j]) / sd[j])));
    const m = fitLogistic(x0.map(z), y, w, lambda);
    const negative = keep.filter((jj, j) => jj >= feats.length && m.weights[j] < 0);
    if (positiveOnly && negative.length) {
      keep = keep.filter((jj) => !negative.includes(jj));
      continue;
    }
    const score = (i: number) => {
      const r = rawValues(i, lexicon);
      return z(keep.map((j) => r[j])).reduce((a, v, j) => a + v * m.weights[j], m.intercept);
    };
    return { score, weights: m.weights, keep, lexicon };
  }
}

const indices = rows.map((_, i) => i);
const folds = rows.map((r) => foldOf(r.text.cvGroup, FOLDS));
const cv: Array<number | undefined> = rows.map(() => undefined);
for (let f = 0; f < FOLDS; f++) {
  const model = fit(indices.filter((i) => folds[i] !== f));
  rows.forEach((r, i) => {
    if (folds[i] === f && r.styleEligible) cv[i] = model.score(i);
  });
}
const humanCv = new Map<string, number[]>();
rows.forEach((r, i) => {
  const v = cv[i];
  if (r.text.label === 'human' && v !== undefined) humanCv.set(r.text.group, [...(humanCv.get(r.text.group) ?? []), v]);
});
const unseen = new Map<string, number[]>();
for (const g of HUMAN_GROUPS) {
  const model = fit(indices.filter((i) => rows[i].text.group !== g));
  unseen.set(
    g,
    indices.filter((i) => rows[i].text.group === g && rows[i].styleEligible).map((i) => model.score(i)),
  );
}
const noNato = fit(indices.filter((i) => rows[i].text.group !== 'nato-llm'));
const natoHeldOut = cv.map((v, i) =>
  rows[i].text.group === 'nato-llm' && rows[i].styleEligible ? noNato.score(i) : v,
);

const pct = (x: number) => (x * 100).toFixed(1);
const short = (g: string) => g.replace('outfox:', 'o:').replace('-students', '').replace('gpt-3.5-turbo', 'g35t');
console.log(
  `${columnNames.length} columns (${feats.join(', ')}${useFw ? ' + function words' : ''}), λ ${lambda}, clip ±${clip}`,
);
for (const [name, t] of [
  ['CV rule only', thresholdsFrom(humanCv, THRESHOLD_RULE)],
  ['shipped rule (CV + unseen groups)', thresholdsFrom(humanCv, THRESHOLD_RULE, unseen)],
] as const) {
  const e = evaluate(rows, cv, t);
  const nato = evaluate(rows, natoHeldOut, t).groups.find((g) => g.group === 'nato-llm');
  console.log(`\n${name}: medium ${t.medium.toFixed(2)}, AUROC ${e.auroc.all.toFixed(3)}`);
  console.log(
    `  human CV med+   ${e.groups
      .filter((g) => g.human)
      .map((g) => `${short(g.group)} ${pct(g.mediumPlus)}`)
      .join(' | ')}`,
  );
  console.log(
    `  human unseen    ${[...unseen]
      .map(([g, xs]) => `${short(g)} ${pct(xs.filter((x) => x >= t.medium).length / xs.length)}`)
      .join(' | ')}`,
  );
  console.log(
    `  AI med+         ${e.groups
      .filter((g) => !g.human)
      .map((g) => `${short(g.group)} ${pct(g.mediumPlus)}`)
      .join(' | ')} | nato held out ${pct(nato?.mediumPlus ?? 0)}`,
  );
}
for (const [g, xs] of humanCv)
  console.log(`  ${g.padEnd(18)} CV p99 ${quantile(xs, 0.99).toFixed(2)} max ${Math.max(...xs).toFixed(2)}`);
if (args.includes('--weights')) {
  const full = fit(indices);
  console.log(`\nlexicon (${full.lexicon.size}): ${[...full.lexicon].join(' ')}`);
  console.log(
    full.keep
      .map((j, k) => [columnNames[j], full.weights[k]] as const)
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, 60)
      .map(([n, w]) => `${n} ${w.toFixed(2)}`)
      .join(', '),
  );
}
