/**
 * Style features of a text for the AI analysis: each a number per text plus the sentences that
 * show it. All candidate features are computed here; which of them the model uses (and with what
 * weight) is decided by the calibration (scripts/calibrate-ai.ts → rules/ai/model.json), which
 * measures each one on every human group first. Patterns come from rules/ai/.
 * Not a check: no default export.
 */
import { loadRuleData, loadWordList } from '../../rules/data.js';
import { type Sentence, sentencesOf, sentenceWords, type TextParagraph, words } from './text.js';

export interface StyleRules {
  phrases: string[];
  additiveTransitions: string[];
  enumerators: string[];
  contraction: string;
  errorProxies: string[];
}

export interface FeatureValue {
  value: number;
  /** Sentences that show the feature (for per-rate features: those containing a hit). */
  evidence: Sentence[];
  /** What matched, e.g. the LLM-style words found. */
  matches: string[];
}

export interface TextStats {
  words: number;
  sentences: Sentence[];
  paragraphs: TextParagraph[];
}

export type FeatureId =
  | 'llmWords'
  | 'llmPhrases'
  | 'additiveTransitions'
  | 'enumerators'
  | 'participialClauses'
  | 'sentenceLengthCv'
  | 'meanSentenceLength'
  | 'paragraphLengthCv'
  | 'emDashes'
  | 'lexicalDiversity'
  | 'contractions'
  | 'errorProxies'
  | 'firstPerson'
  | 'secondPerson'
  | 'wordLength'
  | 'commasPerSentence'
  | 'questions'
  | 'triads'
  | 'ensureWords'
  | 'notOnlyButAlso'
  | 'whileOpeners'
  | 'byIngOpeners'
  | 'thisOpeners'
  | 'colonLists'
  | 'closingFormula'
  | 'semicolons'
  | 'parentheses'
  | 'firstPersonPlural'
  | 'specifics'
  | 'wordLengthEntropy'
  | 'nominalisations'
  | 'openerRepetition'
  | 'shortSentences'
  | 'contrastFrames'
  | 'hedges'
  | 'intensifiers'
  | 'localLengthCv';

/** What each feature measures, in words a panel member understands, and its unit. */
export const FEATURE_INFO: Record<FeatureId, { label: string; unit: string }> = {
  llmWords: {
    label:
      "words that chat models use far more often than people (calibrated subset of Kobak et al.'s excess style words)",
    unit: 'per 1,000 words',
  },
  llmPhrases: { label: 'stock phrases typical of chatbot prose', unit: 'per 1,000 words' },
  additiveTransitions: {
    label: 'sentences opening with "Moreover", "Furthermore", "Additionally", "Ultimately"…',
    unit: 'per 100 sentences',
  },
  enumerators: { label: 'sentences opening with "Firstly", "Secondly", "Finally"…', unit: 'per 100 sentences' },
  participialClauses: {
    label: 'participial clauses after a comma (", ensuring…", ", highlighting…")',
    unit: 'per 100 sentences',
  },
  sentenceLengthCv: { label: 'variation of sentence lengths (coefficient of variation)', unit: '' },
  meanSentenceLength: { label: 'mean sentence length', unit: 'words' },
  paragraphLengthCv: { label: 'variation of paragraph lengths (coefficient of variation)', unit: '' },
  emDashes: { label: 'dashes used as punctuation', unit: 'per 1,000 words' },
  lexicalDiversity: { label: 'lexical diversity (moving-average type-token ratio, 50-word window)', unit: '' },
  contractions: { label: 'contractions ("don\'t", "it\'s")', unit: 'per 1,000 words' },
  errorProxies: {
    label: 'typing and spelling slips (lower-case "i", "dont", space before comma…)',
    unit: 'per 1,000 words',
  },
  firstPerson: { label: 'first person singular ("I", "my")', unit: 'per 1,000 words' },
  secondPerson: { label: 'second person ("you")', unit: 'per 1,000 words' },
  wordLength: { label: 'mean word length', unit: 'letters' },
  commasPerSentence: { label: 'commas per sentence', unit: '' },
  questions: { label: 'questions', unit: 'per 100 sentences' },
  triads: { label: 'lists of three ("X, Y and Z")', unit: 'per 1,000 words' },
  ensureWords: { label: '"ensure", "ensuring"', unit: 'per 1,000 words' },
  notOnlyButAlso: { label: '"not only … but also" constructions', unit: 'per 1,000 words' },
  whileOpeners: { label: 'sentences opening with a concessive "While …," / "Whereas …,"', unit: 'per 100 sentences' },
  byIngOpeners: { label: 'sentences opening with "By" and an -ing verb ("By doing so, …")', unit: 'per 100 sentences' },
  thisOpeners: { label: 'sentences opening with "This" or "These"', unit: 'per 100 sentences' },
  colonLists: { label: 'colons introducing a list', unit: 'per 1,000 words' },
  closingFormula: {
    label: 'closing paragraph opening with a formula ("In conclusion", "Ultimately", "Overall"…)',
    unit: '',
  },
  semicolons: { label: 'semicolons', unit: 'per 100 sentences' },
  parentheses: { label: 'parentheses', unit: 'per 1,000 words' },
  firstPersonPlural: { label: 'share of "we/our" among first-person pronouns', unit: '' },
  specifics: { label: 'numbers and capitalised names inside sentences', unit: 'per 100 words' },
  wordLengthEntropy: { label: 'entropy of the word-length distribution', unit: 'bits' },
  nominalisations: { label: 'abstract nouns in -tion, -ment, -ness, -ity, -ance, -ence', unit: 'per 100 words' },
  openerRepetition: { label: 'share of sentences opening with the same word as an earlier sentence', unit: '' },
  shortSentences: { label: 'sentences of fewer than 7 words', unit: 'per 100 sentences' },
  contrastFrames: { label: '"rather than", "instead of", "not … but"', unit: 'per 1,000 words' },
  hedges: { label: 'hedges and opinion markers ("I think", "maybe", "probably")', unit: 'per 1,000 words' },
  intensifiers: { label: 'intensifiers ("very", "really", "so", "a lot")', unit: 'per 1,000 words' },
  localLengthCv: {
    label: 'sentence-length variation within runs of five sentences, relative to the whole text',
    unit: '',
  },
};

export const FEATURE_IDS = Object.keys(FEATURE_INFO) as FeatureId[];

interface Compiled {
  llmWords: Set<string>;
  phrases: RegExp[];
  additive: RegExp;
  enumerators: RegExp;
  contraction: RegExp;
  errors: RegExp[];
}

let compiled: Compiled | undefined;

const escapeRe = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function rules(): Compiled {
  if (compiled) return compiled;
  const style = loadRuleData<StyleRules>('ai/style.yaml');
  const opener = (list: string[]): RegExp => new RegExp(`^["'“‘(]?(?:${list.map(escapeRe).join('|')})\\s*,`, 'i');
  compiled = {
    llmWords: new Set(loadWordList('ai/kobak-style-words.txt').map((w) => w.toLowerCase())),
    phrases: style.phrases.map((p) => new RegExp(`\\b${p}`, 'gi')),
    additive: opener(style.additiveTransitions),
    enumerators: opener(style.enumerators),
    contraction: new RegExp(style.contraction, 'gi'),
    errors: style.errorProxies.map((p) => new RegExp(p, 'g')),
  };
  return compiled;
}

// Words ending in -ing after a comma that are not participles.
const NOT_PARTICIPLE = new Set(
  'during including thing things nothing something anything everything morning evening king spring string ring bring sing wing building meaning feeling ceiling according regarding concerning notwithstanding'.split(
    ' ',
  ),
);
const PARTICIPIAL = /,\s+(?:thereby\s+|thus\s+|while\s+|often\s+)?([a-z]+ing)\b/g;
const DASH = /\s[—–]\s|\w—\w|\s--\s/g;
const TRIAD = /\b[\p{L}-]+(?: [\p{L}-]+)?, [\p{L}-]+(?: [\p{L}-]+)?,? and [\p{L}-]+/gu;
const FIRST_PERSON = new Set(['i', 'me', 'my', 'mine', 'myself']);
const FIRST_PLURAL = new Set(['we', 'us', 'our', 'ours', 'ourselves']);
const ENSURE = /\bensur(?:e|es|ed|ing)\b/gi;
const NOT_ONLY = /\bnot only\b[^.!?;]{1,120}?\bbut (?:also|rather)\b/gi;
const WHILE_OPENER = /^["'“‘(]?(?:While|Whereas|Although)\b[^,]{3,}?,/;
const BY_ING_OPENER = /^["'“‘(]?By [a-z]+ing\b/;
const THIS_OPENER = /^["'“‘(]?(?:This|These)\b/;
const COLON_LIST = /:\s*[^.!?:;]{1,80},[^.!?:;]{1,80}(?:,|\band\b|\bor\b)/g;
const CLOSING =
  /^["'“‘(]?(?:In conclusion|Ultimately|Overall|In summary|To conclude|To summari[sz]e|In essence|In closing|By doing so|All in all|In short)\b/i;
const PAREN = /\([^)]{1,200}\)/g;
const CONTRAST = /\b(?:rather than|instead of|not [a-z]+(?: [a-z]+)?, but)\b/gi;
const HEDGES =
  /\b(?:i think|i believe|i guess|i feel|in my opinion|maybe|perhaps|probably|possibly|kind of|sort of|i would say|it seems)\b/gi;
const INTENSIFIERS = /\b(?:very|really|so much|so many|a lot|lots of|totally|extremely|super|pretty much)\b/gi;
const NOMINAL = /^[a-z]{3,}(?:tion|sion|ment|ness|ity|ance|ence)s?$/;
const SECOND_PERSON = new Set(['you', 'your', 'yours', 'yourself', 'yourselves']);

function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
}

/** Coefficient of variation (sd / mean); 0 for fewer than 3 values. */
export function coefficientOfVariation(xs: number[]): number {
  if (xs.length < 3) return 0;
  const m = mean(xs);
  if (m === 0) return 0;
  const variance = xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1);
  return Math.sqrt(variance) / m;
}

/** Moving-average type-token ratio: length-independent lexical diversity. */
export function movingTypeTokenRatio(tokens: string[], window = 50): number {
  if (tokens.length === 0) return 0;
  if (tokens.length <= window) return new Set(tokens).size / tokens.length;
  const counts = new Map<string, number>();
  for (let i = 0; i < window; i++) counts.set(tokens[i], (counts.get(tokens[i]) ?? 0) + 1);
  let total = counts.size;
  let n = 1;
  for (let i = window; i < tokens.length; i++) {
    const out = tokens[i - window];
    const left = (counts.get(out) ?? 0) - 1;
    if (left === 0) counts.delete(out);
    else counts.set(out, left);
    counts.set(tokens[i], (counts.get(tokens[i]) ?? 0) + 1);
    total += counts.size;
    n++;
  }
  return total / n / window;
}

/** Counts matches of a global regex in each sentence; returns total, sentences hit and matched strings. */
function countIn(sentences: Sentence[], re: RegExp, accept: (m: RegExpExecArray) => boolean = () => true) {
  let total = 0;
  const hit: Sentence[] = [];
  const matches: string[] = [];
  for (const s of sentences) {
    let here = 0;
    re.lastIndex = 0;
    for (let m = re.exec(s.text); m; m = re.exec(s.text)) {
      if (m[0].length === 0) re.lastIndex++;
      if (!accept(m)) continue;
      here++;
      matches.push(m[0].trim());
    }
    if (here > 0) hit.push(s);
    total += here;
  }
  return { total, hit, matches };
}

export function textStats(paragraphs: TextParagraph[]): TextStats {
  const sentences = paragraphs.flatMap(sentencesOf);
  return { words: sentences.reduce((a, s) => a + s.words, 0), sentences, paragraphs };
}

/** Candidate LLM style words (Kobak et al.'s style words), lower case. */
export function candidateLlmWords(): ReadonlySet<string> {
  return rules().llmWords;
}

/** How often each candidate LLM word occurs in the text. */
export function llmWordCounts(stats: TextStats): Map<string, number> {
  const pool = rules().llmWords;
  const counts = new Map<string, number>();
  for (const s of stats.sentences) {
    for (const t of sentenceWords(s)) {
      const w = t.toLowerCase();
      if (pool.has(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  return counts;
}

/**
 * Each word of the lexicon counts at most this often: a text that repeats one word of its topic
 * ("aiding" five times) is not written in LLM style.
 */
export const LLM_WORD_CAP = 2;

/** LLM-style words of `lexicon` per 1,000 words, each word counted at most LLM_WORD_CAP times. */
export function llmWordRate(counts: Map<string, number>, lexicon: ReadonlySet<string>, totalWords: number): number {
  let n = 0;
  for (const [w, c] of counts) if (lexicon.has(w)) n += Math.min(c, LLM_WORD_CAP);
  return totalWords ? (n * 1000) / totalWords : 0;
}

function llmWordFeature(stats: TextStats, lexicon: ReadonlySet<string>): FeatureValue {
  const evidence: Sentence[] = [];
  const matches: string[] = [];
  for (const s of stats.sentences) {
    const found = sentenceWords(s)
      .map((t) => t.toLowerCase())
      .filter((t) => lexicon.has(t));
    if (found.length) {
      evidence.push(s);
      for (const m of found) matches.push(m); // no spread: a huge text must not overflow the stack
    }
  }
  return { value: llmWordRate(llmWordCounts(stats), lexicon, stats.words), evidence, matches };
}

/** A value worked out on first use, then kept. */
function once<T>(make: () => T): () => T {
  let done = false;
  let value: T;
  return () => {
    if (!done) {
      value = make();
      done = true;
    }
    return value;
  };
}

/**
 * Computes every candidate English style feature. `lexicon` is the set of LLM-style words to count
 * (the calibrated subset stored in model.json; calibration passes each fold's own subset).
 * Each feature is worked out when first read (the shipped model reads a few of them); reading any
 * of them gives the same value as computing them all up front.
 */
export function computeFeatures(stats: TextStats, lexicon: ReadonlySet<string>): Record<FeatureId, FeatureValue> {
  const r = rules();
  const { sentences } = stats;
  const perK = (n: number): number => (stats.words ? (n * 1000) / stats.words : 0);
  const perHundred = (n: number): number => (sentences.length ? (n * 100) / sentences.length : 0);
  const allTokens = once(() => sentences.flatMap((s) => sentenceWords(s)));
  const lower = once(() => allTokens().map((t) => t.toLowerCase().replace(/’/g, "'")));
  const lengths = once(() => sentences.map((s) => s.words));
  const firstPersonCount = once(() => lower().filter((t) => FIRST_PERSON.has(t)).length);
  const letters = once(() => allTokens().filter((t) => /^\p{L}/u.test(t)));

  const v = (value: number, evidence: Sentence[] = [], matches: string[] = []): FeatureValue => ({
    value,
    evidence,
    matches,
  });
  const counted = (c: { total: number; hit: Sentence[]; matches: string[] }, scale: (n: number) => number) =>
    v(scale(c.total), c.hit, c.matches);

  const make: Record<FeatureId, () => FeatureValue> = {
    llmWords: () => llmWordFeature(stats, lexicon),
    llmPhrases: () => {
      const phraseHits: Sentence[] = [];
      const phraseHitSet = new Set<Sentence>();
      const phraseMatches: string[] = [];
      for (const re of r.phrases) {
        const c = countIn(sentences, re);
        for (const m of c.matches) phraseMatches.push(m);
        for (const s of c.hit)
          if (!phraseHitSet.has(s)) {
            phraseHitSet.add(s);
            phraseHits.push(s);
          }
      }
      return v(perK(phraseMatches.length), phraseHits, phraseMatches);
    },
    additiveTransitions: () => {
      const additive = sentences.filter((s) => r.additive.test(s.text));
      return v(perHundred(additive.length), additive);
    },
    enumerators: () => {
      const enumerators = sentences.filter((s) => r.enumerators.test(s.text));
      return v(perHundred(enumerators.length), enumerators);
    },
    participialClauses: () =>
      counted(
        countIn(sentences, PARTICIPIAL, (m) => !NOT_PARTICIPLE.has(m[1])),
        perHundred,
      ),
    sentenceLengthCv: () => {
      const sorted = [...sentences].sort((a, b) => a.words - b.words);
      return v(coefficientOfVariation(lengths()), [...sorted.slice(0, 1), ...sorted.slice(-1)]);
    },
    meanSentenceLength: () => v(mean(lengths())),
    paragraphLengthCv: () =>
      v(coefficientOfVariation(stats.paragraphs.map((p) => words(p.text).length).filter((n) => n >= 8))),
    emDashes: () => {
      const dashes = countIn(sentences, DASH);
      return v(perK(dashes.total), dashes.hit);
    },
    lexicalDiversity: () => v(movingTypeTokenRatio(lower())),
    contractions: () => counted(countIn(sentences, r.contraction), perK),
    errorProxies: () => {
      let errorTotal = 0;
      const errorHit: Sentence[] = [];
      const errorHitSet = new Set<Sentence>();
      const addErrorHit = (s: Sentence): void => {
        if (errorHitSet.has(s)) return;
        errorHitSet.add(s);
        errorHit.push(s);
      };
      const errorMatches: string[] = [];
      for (const re of r.errors) {
        const c = countIn(sentences, re);
        errorTotal += c.total;
        for (const m of c.matches) errorMatches.push(m);
        for (const s of c.hit) addErrorHit(s);
      }
      // A sentence that starts with a lower-case letter is a slip too.
      for (const s of sentences) {
        if (/^[a-z]/.test(s.text)) {
          errorTotal++;
          addErrorHit(s);
        }
      }
      return v(perK(errorTotal), errorHit, errorMatches);
    },
    firstPerson: () => v(perK(firstPersonCount())),
    secondPerson: () => v(perK(lower().filter((t) => SECOND_PERSON.has(t)).length)),
    wordLength: () => v(mean(letters().map((t) => t.length))),
    commasPerSentence: () => {
      const commas = sentences.reduce((a, s) => a + (s.text.match(/,/g)?.length ?? 0), 0);
      return v(sentences.length ? commas / sentences.length : 0);
    },
    questions: () => {
      const questions = sentences.filter((s) => /\?["'”’)]*$/.test(s.text));
      return v(perHundred(questions.length), questions);
    },
    triads: () => counted(countIn(sentences, TRIAD), perK),
    ensureWords: () => counted(countIn(sentences, ENSURE), perK),
    notOnlyButAlso: () => counted(countIn(sentences, NOT_ONLY), perK),
    whileOpeners: () => {
      const found = sentences.filter((s) => WHILE_OPENER.test(s.text));
      return v(perHundred(found.length), found);
    },
    byIngOpeners: () => {
      const found = sentences.filter((s) => BY_ING_OPENER.test(s.text));
      return v(perHundred(found.length), found);
    },
    thisOpeners: () => {
      const found = sentences.filter((s) => THIS_OPENER.test(s.text));
      return v(perHundred(found.length), found);
    },
    colonLists: () => counted(countIn(sentences, COLON_LIST), perK),
    closingFormula: () => {
      // The last paragraph of 8+ words, not a signature line (or, without paragraph breaks, the last five sentences) opening with a formula.
      const lastParagraph = [...stats.paragraphs].reverse().find((p) => words(p.text).length >= 8);
      const closingSentence =
        stats.paragraphs.length >= 3 && lastParagraph
          ? sentences.find((s) => s.paragraph === lastParagraph.index)
          : sentences.slice(-5).find((s) => CLOSING.test(s.text));
      const closing = closingSentence && CLOSING.test(closingSentence.text) ? [closingSentence] : [];
      return v(closing.length, closing);
    },
    semicolons: () => {
      const semicolons = countIn(sentences, /;/g);
      return v(perHundred(semicolons.total), semicolons.hit);
    },
    parentheses: () => counted(countIn(sentences, PAREN), perK),
    firstPersonPlural: () => {
      const fp = firstPersonCount();
      const fpp = lower().filter((t) => FIRST_PLURAL.has(t)).length;
      return v(fp + fpp ? fpp / (fp + fpp) : 0.5);
    },
    specifics: () => {
      // Specifics: numbers, and capitalised words that do not open a sentence (names, places, institutions).
      let specificCount = 0;
      const specificHit: Sentence[] = [];
      for (const s of sentences) {
        const toks = sentenceWords(s);
        let here = 0;
        for (let i = 0; i < toks.length; i++) {
          if (
            /^\p{N}/u.test(toks[i]) ||
            (i > 0 && /^\p{Lu}/u.test(toks[i]) && toks[i] !== 'I' && !/^I['’]/.test(toks[i]))
          )
            here++;
        }
        specificCount += here;
        if (here) specificHit.push(s);
      }
      return v(stats.words ? (specificCount * 100) / stats.words : 0, specificHit);
    },
    wordLengthEntropy: () => {
      const lengthCounts = new Map<number, number>();
      for (const t of letters())
        lengthCounts.set(Math.min(t.length, 15), (lengthCounts.get(Math.min(t.length, 15)) ?? 0) + 1);
      let entropy = 0;
      for (const c of lengthCounts.values()) {
        const p = c / letters().length;
        entropy -= p * Math.log2(p);
      }
      return v(entropy);
    },
    nominalisations: () => {
      const nominal = lower().filter((t) => NOMINAL.test(t)).length;
      return v(stats.words ? (nominal * 100) / stats.words : 0);
    },
    openerRepetition: () => {
      const seenOpeners = new Set<string>();
      let repeatedOpeners = 0;
      for (const s of sentences) {
        const first = sentenceWords(s)[0]?.toLowerCase();
        if (!first) continue;
        if (seenOpeners.has(first)) repeatedOpeners++;
        seenOpeners.add(first);
      }
      return v(sentences.length ? repeatedOpeners / sentences.length : 0);
    },
    shortSentences: () => {
      const shortOnes = sentences.filter((s) => s.words < 7);
      return v(perHundred(shortOnes.length), shortOnes);
    },
    contrastFrames: () => counted(countIn(sentences, CONTRAST), perK),
    hedges: () => counted(countIn(sentences, HEDGES), perK),
    intensifiers: () => counted(countIn(sentences, INTENSIFIERS), perK),
    localLengthCv: () => {
      const windowCvs: number[] = [];
      for (let i = 0; i + 5 <= lengths().length; i += 5)
        windowCvs.push(coefficientOfVariation(lengths().slice(i, i + 5)));
      const overallCv = coefficientOfVariation(lengths());
      return v(overallCv && windowCvs.length ? mean(windowCvs) / overallCv : 1);
    },
  };

  const features = {} as Record<FeatureId, FeatureValue>;
  for (const id of FEATURE_IDS) {
    const get = once(make[id]);
    Object.defineProperty(features, id, {
      enumerable: true,
      configurable: true,
      get,
      // Assigning replaces the lazy value, as on a plain object.
      set(value: FeatureValue) {
        Object.defineProperty(features, id, { value, enumerable: true, configurable: true, writable: true });
      },
    });
  }
  return features;
}
