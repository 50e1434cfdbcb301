/**
 * The concept lexicon (rules/coverage/concepts.yaml) compiled for matching: single words and
 * phrases → concept ids, generic words, action patterns and ordinal heading words.
 *
 * Shared module (no default export): not a check.
 */
import { loadRuleData, loadWordList } from '../../rules/data.js';
import { type Lang, stemKeys, type Token, tokenize } from './text.js';

interface ConceptEntry {
  en?: string[];
  fr?: string[];
  related?: string[];
}

interface FrequencyFile {
  missingZipf: number;
  zipf: Record<string, number>;
}

/** How the background frequency turns into a weight (rules/coverage/thresholds.yaml `rarity`). */
export interface RarityScale {
  /** Zipf value at or below which a word counts as fully rare (weight 1). */
  rareZipf: number;
  /** Zipf value at or above which a word weighs `minWeight`. */
  commonZipf: number;
  minWeight: number;
  /** Multiplier for formal-register words (concepts.yaml `formal`). */
  formalFactor: number;
  /** Whether French words the English table does not know take their frequency from
   * rules/coverage/french-frequency.tsv. */
  french: boolean;
}

interface ConceptFile {
  generic: { en: string[]; fr: string[] };
  formal?: { en: string[]; fr: string[] };
  pervasive?: string[];
  actions: { en: string[]; fr: string[] };
  ordinals: { markers: string[]; words: Record<string, string[]> };
  concepts: Record<string, ConceptEntry>;
}

/** A phrase as the match keys of its consecutive content words. */
export interface Phrase {
  keys: string[][];
  concept: string;
}

export interface Lexicon {
  /** Match key of a single word → concept ids. */
  single: Map<string, string[]>;
  /** First content word's keys → phrases starting with it. */
  phrases: Map<string, Phrase[]>;
  related: Map<string, string[]>;
  /** Match keys of generic words. */
  generic: Set<string>;
  /** Concepts naming the organisation itself (concepts.yaml `pervasive`). */
  pervasive: Set<string>;
  actions: Record<Lang, RegExp[]>;
  /** Match keys of the words that only number a challenge in a heading. */
  ordinalMarkers: Set<string>;
  /** Lower-case ordinal word → 1-based position. */
  ordinalWords: Map<string, number>;
  /**
   * Background rarity of a token in 0..1 (1 = rare, topical; low = any text uses it). Words the
   * English frequency table does not know take their French frequency (french-frequency.tsv),
   * else the rarity of the commonest English member of their concept ("ensemble" as "together").
   */
  rarity(token: Token, concepts: string[]): number;
  /** Background rarity of a match key (an English stem; unknown keys count as rare). */
  stemRarity(stem: string): number;
}

const contentTokens = (text: string): Token[] => tokenize(text, false).filter((t) => !t.stop);

export function keysMatch(a: readonly string[], b: readonly string[]): boolean {
  for (const x of a) if (b.includes(x)) return true;
  return false;
}

let compiled: Lexicon | undefined;

/**
 * Rarity from general-English frequency (rules/coverage/word-frequency.json, SUBTLEX-US by
 * English stem): an inverse document frequency against ordinary text, the same for any vacancy.
 * Acronyms and numbers count as rare; words the table does not know (most French words, rare
 * English ones) too.
 */
function zipfToRarity(scale: RarityScale): (z: number) => number {
  return (z) => {
    if (z <= scale.rareZipf) return 1;
    if (z >= scale.commonZipf) return scale.minWeight;
    return 1 - ((z - scale.rareZipf) / (scale.commonZipf - scale.rareZipf)) * (1 - scale.minWeight);
  };
}

/**
 * French background frequency (rules/coverage/french-frequency.tsv, estimated for the project; see
 * its README) by match key: the English table knows no French, so without it every French word
 * would weigh as rare as the rarest word of a challenge.
 */
function frenchZipf(): Map<string, number> {
  const byKey = new Map<string, number>();
  for (const line of loadWordList('coverage/french-frequency.tsv')) {
    const [word, value] = line.split('\t');
    const z = Number(value);
    if (!word || !Number.isFinite(z)) continue;
    for (const key of stemKeys(word.trim().toLowerCase())) byKey.set(key, Math.max(byKey.get(key) ?? 0, z));
  }
  return byKey;
}

function rarityFunction(
  scale: RarityScale,
  conceptZipf: Map<string, number>,
  formal: Set<string>,
  french: Map<string, number> | undefined,
): (token: Token, concepts: string[]) => number {
  const data = loadRuleData<FrequencyFile>('coverage/word-frequency.json');
  const fromZipf = zipfToRarity(scale);
  return (token, concepts) => {
    if (token.acronym || token.number) return 1;
    const register = token.keys.some((k) => formal.has(k)) ? scale.formalFactor : 1;
    const known = data.zipf[token.keys[0]];
    if (known !== undefined) return fromZipf(known) * register;
    if (french) {
      let z: number | undefined;
      for (const k of token.keys) {
        const f = french.get(k);
        if (f !== undefined && (z === undefined || f > z)) z = f;
      }
      if (z !== undefined) return fromZipf(z) * register;
    }
    let z = data.missingZipf;
    for (const c of concepts) z = Math.max(z, conceptZipf.get(c) ?? data.missingZipf);
    return fromZipf(z) * register;
  };
}

export function frequencyTable(): FrequencyFile {
  return loadRuleData<FrequencyFile>('coverage/word-frequency.json');
}

export function lexicon(): Lexicon {
  if (compiled) return compiled;
  const scale = loadRuleData<{ rarity: RarityScale }>('coverage/thresholds.yaml').rarity;
  const data = loadRuleData<ConceptFile>('coverage/concepts.yaml');
  if (!data?.concepts || !data.generic || !data.actions) {
    throw new Error('rules/coverage/concepts.yaml: expected `generic`, `actions`, `ordinals` and `concepts` sections');
  }
  const single = new Map<string, string[]>();
  const phrases = new Map<string, Phrase[]>();
  const related = new Map<string, string[]>();
  const conceptZipf = new Map<string, number>();
  const addSingle = (key: string, concept: string) => {
    const list = single.get(key) ?? [];
    if (!list.includes(concept)) list.push(concept);
    single.set(key, list);
  };
  for (const [id, entry] of Object.entries(data.concepts)) {
    for (const r of entry.related ?? []) {
      if (!data.concepts[r])
        throw new Error(`rules/coverage/concepts.yaml: concept "${id}" names unknown related concept "${r}"`);
    }
    related.set(id, entry.related ?? []);
    for (const member of entry.en ?? []) {
      const tokens = contentTokens(String(member));
      const z = tokens.length === 1 && !tokens[0].acronym ? frequencyTable().zipf[tokens[0].keys[0]] : undefined;
      if (z !== undefined) conceptZipf.set(id, Math.max(conceptZipf.get(id) ?? 0, z));
    }
    for (const member of [...(entry.en ?? []), ...(entry.fr ?? [])]) {
      const tokens = contentTokens(String(member));
      if (tokens.length === 0) continue;
      if (tokens.length === 1) {
        for (const key of tokens[0].keys) addSingle(key, id);
      } else {
        const phrase: Phrase = { keys: tokens.map((t) => t.keys), concept: id };
        for (const key of tokens[0].keys) {
          const list = phrases.get(key) ?? [];
          list.push(phrase);
          phrases.set(key, list);
        }
      }
    }
  }
  const formal = new Set<string>();
  for (const word of [...(data.formal?.en ?? []), ...(data.formal?.fr ?? [])]) {
    const tokens = contentTokens(String(word));
    if (tokens.length === 1) for (const key of tokens[0].keys) formal.add(key);
  }
  const generic = new Set<string>();
  for (const word of [...data.generic.en, ...data.generic.fr]) {
    for (const t of contentTokens(String(word))) for (const key of t.keys) generic.add(key);
  }
  const compile = (list: string[] | undefined) => (list ?? []).map((source) => new RegExp(source, 'iu'));
  const ordinalMarkers = new Set<string>();
  for (const word of data.ordinals?.markers ?? [])
    for (const t of tokenize(word, false)) for (const k of t.keys) ordinalMarkers.add(k);
  const ordinalWords = new Map<string, number>();
  for (const list of Object.values(data.ordinals?.words ?? {}))
    list.forEach((w, i) => {
      ordinalWords.set(w.toLowerCase(), i + 1);
    });
  // "second"/"seconde" mean 2 in both languages; "première" is 1.
  for (const [w, n] of [
    ['première', 1],
    ['second', 2],
    ['seconde', 2],
  ] as const)
    ordinalWords.set(w, n);
  const french = scale.french ? frenchZipf() : undefined;
  compiled = {
    single,
    phrases,
    related,
    generic,
    pervasive: new Set(data.pervasive ?? []),
    actions: { en: compile(data.actions.en), fr: compile(data.actions.fr) },
    ordinalMarkers,
    ordinalWords,
    rarity: rarityFunction(scale, conceptZipf, formal, french),
    stemRarity: (stem) => {
      const table = frequencyTable();
      return zipfToRarity(scale)(table.zipf[stem] ?? french?.get(stem) ?? table.missingZipf);
    },
  };
  return compiled;
}

/** A content word with the concepts it stands for in its context. */
export interface TaggedToken extends Token {
  concepts: string[];
  /** Parallel to `concepts`: how much this word proves the concept (its rarity; 1 in a phrase). */
  credits: number[];
  /** Concepts this word has as part of a phrase ("self-assessment", "civil society"). */
  phraseConcepts: string[];
  rarity: number;
}

/** A word's single-word concepts and rarity: they depend only on its match keys and kind. */
interface SingleWordTags {
  acronym: boolean;
  number: boolean;
  concepts: readonly string[];
  rarity: number;
}

/**
 * Per lexicon, by match-key array: tokenize gives every occurrence of a word the same keys array,
 * so an essay's repeated words are looked up once.
 */
const singleWordCache = new WeakMap<Lexicon, WeakMap<readonly string[], SingleWordTags>>();

function singleWordTags(t: Token, lex: Lexicon): SingleWordTags {
  let byKeys = singleWordCache.get(lex);
  if (!byKeys) {
    byKeys = new WeakMap();
    singleWordCache.set(lex, byKeys);
  }
  const known = byKeys.get(t.keys);
  if (known && known.acronym === t.acronym && known.number === t.number) return known;
  const concepts: string[] = [];
  for (const key of t.keys) for (const c of lex.single.get(key) ?? []) if (!concepts.includes(c)) concepts.push(c);
  const tags = { acronym: t.acronym, number: t.number, concepts, rarity: lex.rarity(t, concepts) };
  byKeys.set(t.keys, tags);
  return tags;
}

/**
 * Tags content words with concept ids: single-word members, then phrases over consecutive content
 * words (function words skipped), which tag every word they span.
 */
export function tagConcepts(tokens: Token[], lex: Lexicon = lexicon()): TaggedToken[] {
  const content = tokens.filter((t) => !t.stop);
  const tagged: TaggedToken[] = content.map((t) => {
    const single = singleWordTags(t, lex);
    const concepts = single.concepts.slice();
    const rarity = single.rarity;
    // Fields listed one by one (same order as a spread): a spread here was the costliest line of
    // the coverage analysis.
    return {
      surface: t.surface,
      lower: t.lower,
      keys: t.keys,
      stop: t.stop,
      acronym: t.acronym,
      number: t.number,
      concepts,
      credits: concepts.map(() => rarity),
      rarity,
      phraseConcepts: [],
    };
  });
  for (let i = 0; i < tagged.length; i++) {
    const seen = new Set<Phrase>();
    for (const key of tagged[i].keys) {
      for (const phrase of lex.phrases.get(key) ?? []) {
        if (seen.has(phrase)) continue;
        seen.add(phrase);
        if (i + phrase.keys.length > tagged.length) continue;
        let ok = true;
        for (let j = 1; j < phrase.keys.length && ok; j++) ok = keysMatch(phrase.keys[j], tagged[i + j].keys);
        if (!ok) continue;
        // A phrase ("civil society", "one voice") is specific even when its words are common.
        for (let j = 0; j < phrase.keys.length; j++) {
          const tok = tagged[i + j];
          if (!tok.phraseConcepts.includes(phrase.concept)) tok.phraseConcepts.push(phrase.concept);
          const at = tok.concepts.indexOf(phrase.concept);
          if (at < 0) {
            tok.concepts.push(phrase.concept);
            tok.credits.push(1);
          } else tok.credits[at] = 1;
        }
      }
    }
  }
  return tagged;
}
