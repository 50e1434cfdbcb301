/**
 * Text primitives for the challenge-coverage analysis: tokens with language-neutral match keys,
 * sentence splitting, and a light English/French guess.
 *
 * Match keys: every word is stemmed with BOTH the English and the French Porter stemmer and the
 * accents are folded afterwards, so "coopération" and "cooperation" share the key "cooper" and a
 * French essay meets English challenge wording on cognates without a dictionary. Words that are
 * not cognates (unity/unité, stakeholders/parties prenantes) are bridged by the concept lexicon.
 *
 * Shared module (no default export): not a check.
 */
import compromise from 'compromise/one';
import porterEn from 'natural/lib/natural/stemmers/porter_stemmer.js';
import porterFr from 'natural/lib/natural/stemmers/porter_stemmer_fr.js';
import stopwordsEn from 'natural/lib/natural/util/stopwords.js';
import stopwordsFr from 'natural/lib/natural/util/stopwords_fr.js';

export type Lang = 'en' | 'fr';

export interface Token {
  /** As written (apostrophes normalised). */
  surface: string;
  /** Lower case. */
  lower: string;
  /** Match keys: folded English and French stems; 'acr:xx' for acronyms; the digits for numbers. */
  keys: string[];
  stop: boolean;
  acronym: boolean;
  number: boolean;
}

const EN_STOP = new Set<string>((stopwordsEn as { words: string[] }).words);
const FR_STOP = new Set<string>((stopwordsFr as { words: string[] }).words);
/** Function words the natural lists leave out (contractions, a few French forms). */
const EXTRA_STOP = new Set([
  "i'd",
  "i'll",
  "i'm",
  "i've",
  'it',
  'its',
  'us',
  'also',
  'etc',
  'ie',
  'eg',
  'cf',
  'vs',
  'among',
  'amongst',
  'across',
  'within',
  'without',
  'upon',
  'towards',
  'toward',
  'onto',
  'via',
  'per',
  'whether',
  'either',
  'neither',
  'every',
  'everything',
  'anything',
  'something',
  'nothing',
  'someone',
  'anyone',
  'everyone',
  'yet',
  'rather',
  'quite',
  'just',
  'even',
  'ever',
  'already',
  'almost',
  'around',
  'along',
  'beyond',
  'despite',
  'although',
  'though',
  'unless',
  'whose',
  'whatever',
  'whenever',
  'wherever',
  'hence',
  'thereby',
  'therefore',
  'thus',
  'however',
  'moreover',
  'furthermore',
  'indeed',
  'often',
  'may',
  'shall',
  'will',
  'need',
  'let',
  'two',
  'three',
  'four',
  'five',
  'first',
  'second',
  'third',
  'last',
  'next',
  'lot',
  'lots',
  'able',
  'ainsi',
  'aussi',
  'afin',
  'car',
  'donc',
  'dont',
  'leurs',
  'lors',
  'puis',
  'tout',
  'tous',
  'toute',
  'toutes',
  'très',
  'plus',
  'moins',
  'comme',
  'entre',
  'vers',
  'chez',
  'sous',
  'cela',
  'celui',
  'celle',
  'ceux',
  'celles',
  'lequel',
  'laquelle',
  'lesquels',
  'auquel',
  'auxquels',
  'si',
  'non',
  'oui',
  'déjà',
  'encore',
  'peu',
  'chaque',
  'autre',
  'autres',
  'ni',
  'or',
  'où',
  'alors',
  'bien',
  'peut',
  'doit',
  'doivent',
  'faut',
  'cet',
]);

export function isStopword(lower: string): boolean {
  return EN_STOP.has(lower) || FR_STOP.has(lower) || EXTRA_STOP.has(lower);
}

/** Strip combining accents: keys compare "securite" with "sécurité". */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae');
}

/**
 * British -is- spellings to -iz- before stemming so that "organisations" and "organizations" meet
 * (the English Porter stemmer treats them differently). Applied to every word on both sides of a
 * comparison, so a word it changes by accident still matches itself.
 */
function americanise(lower: string): string {
  return lower.replace(/^(.{3,})is(e|es|ed|ing|ation|ations)$/, '$1iz$2');
}

const stemCache = new Map<string, string[]>();
const STEM_CACHE_LIMIT = 50_000;

/** Folded English and French stems of a lower-case word (deduplicated). */
export function stemKeys(lower: string): string[] {
  const cached = stemCache.get(lower);
  if (cached) return cached;
  const word = americanise(lower);
  const en = foldAccents(porterEn.stem(word));
  const fr = foldAccents(porterFr.stem(word));
  const keys = en === fr ? [en] : [en, fr];
  if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
  stemCache.set(lower, keys);
  return keys;
}

/** French elided articles and pronouns in front of an apostrophe: "l'Alliance" → "Alliance". */
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|quoiqu)'/i;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Share of upper-case letters: headings in capitals must not turn every word into an acronym. */
export function upperShare(text: string): number {
  let letters = 0;
  let upper = 0;
  for (const ch of text) {
    // ASCII fast path (most of any essay): the same answer as the Unicode test below.
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if (code >= 65 && code <= 90) {
        letters++;
        upper++;
      } else if (code >= 97 && code <= 122) letters++;
      continue;
    }
    if (/\p{L}/u.test(ch)) {
      letters++;
      if (ch !== ch.toLowerCase()) upper++;
    }
  }
  return letters === 0 ? 0 : upper / letters;
}

type WordFacts = Omit<Token, 'surface'>;
/** Facts of a word as written, by capitals context: essays repeat their words, so each is worked out once. */
const wordFactsCache = [new Map<string, WordFacts>(), new Map<string, WordFacts>()];

function wordFacts(part: string, allCapsText: boolean): WordFacts {
  const cache = wordFactsCache[allCapsText ? 1 : 0];
  const cached = cache.get(part);
  if (cached) return cached;
  const lower = part.toLowerCase();
  const number = /^\p{N}+$/u.test(part);
  const acronym =
    !allCapsText &&
    !number &&
    part.length >= 2 &&
    part.length <= 7 &&
    part === part.toUpperCase() &&
    /\p{Lu}/u.test(part);
  const stop = !acronym && (isStopword(lower) || lower.length < 2);
  let keys: string[];
  if (number) keys = [part];
  else if (acronym) keys = isStopword(lower) ? [`acr:${lower}`] : [`acr:${lower}`, ...stemKeys(lower)];
  else keys = stemKeys(lower);
  const facts = { lower, keys, stop, acronym, number };
  if (cache.size >= STEM_CACHE_LIMIT) cache.clear();
  cache.set(part, facts);
  return facts;
}

/**
 * Words of a piece of text as tokens. `allCapsText` tells that the text is written in capitals
 * (a heading), so capitalised words are not acronyms there.
 */
export function tokenize(text: string, allCapsText = upperShare(text) > 0.6): Token[] {
  const tokens: Token[] = [];
  for (const m of text.replace(/’/g, "'").matchAll(WORD)) {
    let surface = m[0];
    const elided = ELISION.exec(surface);
    if (elided) surface = surface.slice(elided[0].length);
    // English possessive / contraction tails carry no topic.
    surface = surface.replace(/'(?:s|re|ve|ll|d|t|m)$/i, '');
    if (!surface) continue;
    for (const part of surface.split("'")) {
      if (!part) continue;
      const { lower, keys, stop, acronym, number } = wordFacts(part, allCapsText);
      tokens.push({ surface: part, lower, keys, stop, acronym, number });
    }
  }
  return tokens;
}

/** English or French, from the function words: enough to pick a sentence splitter and patterns. */
export function guessLanguage(text: string): Lang {
  let en = 0;
  let fr = 0;
  for (const m of text
    .toLowerCase()
    .replace(/’/g, "'")
    .matchAll(/[\p{L}']+/gu)) {
    const vote = languageVote(m[0]);
    if (vote === 'en') en++;
    else if (vote === 'fr') fr++;
  }
  return fr > en ? 'fr' : 'en';
}

/** Which language a lower-case word is a function word of (null: neither or both), cached. */
const voteCache = new Map<string, Lang | null>();

function languageVote(word: string): Lang | null {
  const known = voteCache.get(word);
  if (known !== undefined) return known;
  const w = word.replace(/^(?:l|d|j|qu|n|s|c)'/, '');
  const inEn = EN_STOP.has(w);
  const inFr = FR_STOP.has(w) || /^(?:l|d|j|qu|n|s|c)'/.test(word);
  const vote = inEn && !inFr ? 'en' : inFr && !inEn ? 'fr' : null;
  if (voteCache.size >= STEM_CACHE_LIMIT) voteCache.clear();
  voteCache.set(word, vote);
  return vote;
}

type SplitSentences = (text: string, world: unknown) => string[];
const world = compromise.world() as unknown as {
  methods?: { one?: { tokenize?: { splitSentences?: SplitSentences } } };
};
const compromiseSplit = world.methods?.one?.tokenize?.splitSentences;

/** Abbreviations after which a French full stop does not end a sentence. */
const FR_ABBREVIATIONS =
  /(?:\b(?:M|MM|Mme|Mmes|Mlle|Dr|Pr|St|Ste|p|ex|cf|etc|art|al|env|chap|vol|n°|no|av|apr|J\.-C|éd|coll|fig|min|max|réf)\.|\b\p{Lu}\.)$/u;

function splitFrench(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  const boundary = /[.!?…]+["»”)]*\s+(?=["«“(]?\s*[\p{Lu}\p{N}])/gu;
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length;
    const candidate = text.slice(start, m.index + 1);
    if (FR_ABBREVIATIONS.test(candidate)) continue;
    out.push(text.slice(start, end));
    start = end;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

/**
 * Sentences of one paragraph with their offsets. English uses compromise's sentence splitter
 * (abbreviations, decimals, initials); French a plain splitter with a French abbreviation list
 * (compromise only knows English). Line breaks inside a paragraph also end a sentence, since
 * bullet lines are often typed as soft breaks.
 */
export function splitSentences(text: string, lang: Lang): Array<{ text: string; start: number }> {
  const result: Array<{ text: string; start: number }> = [];
  let offset = 0;
  for (const line of text.split(/\n/)) {
    const parts = lang === 'en' && compromiseSplit ? compromiseSplit(line, world) : splitFrench(line);
    let cursor = 0;
    for (const part of parts) {
      const at = line.indexOf(part, cursor);
      const start = at >= 0 ? at : cursor;
      cursor = start + part.length;
      const trimmed = part.trim();
      if (trimmed) result.push({ text: trimmed, start: offset + start + (part.length - part.trimStart().length) });
    }
    offset += line.length + 1;
  }
  return result;
}
