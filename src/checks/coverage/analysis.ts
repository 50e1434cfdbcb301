/**
 * Challenge coverage: for each key challenge of the vacancy, did the essay address it
 * (covered / weak / missing), with a score in 0..1 and the passages that cover it.
 *
 * How it works, in short:
 *  1. Each challenge becomes a set of weighted units: its content words, each with its match keys
 *     (English and French stems) and the concepts it belongs to (rules/coverage/concepts.yaml),
 *     plus title words and HR terms. Weights: boilerplate words weigh little, nouns more than
 *     other words, and words shared by several challenges of the vacancy less (inverse document
 *     frequency over the challenges). Computed once per vacancy object.
 *  2. The essay's visible text (hidden, white, tiny and injected text removed) is split into
 *     sentences; headings are recognised by style or by shape and matched to challenges.
 *  3. Relevance: the weighted share of a challenge's units found in the best window of
 *     consecutive sentences, in a matched heading's section, or over all sentences attributed to
 *     the challenge (so a challenge spread over several paragraphs counts). Units found all over
 *     the essay weigh less (essay-level IDF).
 *  4. Substance: in the sentences attributed to the challenge, the candidate's own content words
 *     (not in any challenge of the vacancy, not boilerplate). Restating the notice gives
 *     relevance but no substance: `weak`.
 *
 * Shared module (no default export): used by challenge-missing and challenge-weak.
 */
import compromise from 'compromise/two';
import type { DocModel, Paragraph } from '../../document/model.js';
import { visibleText } from '../../document/visibility.js';
import { loadRuleData } from '../../rules/data.js';
import type { Vacancy } from '../../rules/vacancy.js';
import { findPromptInjections } from '../formatting/injection.js';
import type { CheckContext, Evidence } from '../types.js';
import { type CognateIndex, cognateIndex, cognatesOf } from './cognates.js';
import { keysMatch, type Lexicon, lexicon, type TaggedToken, tagConcepts } from './lexicon.js';
import { guessLanguage, type Lang, splitSentences, stemKeys, tokenize } from './text.js';
import { glossary } from './glossary.js';
import { englishSenses } from './thesaurus.js';

export type Verdict = 'covered' | 'weak' | 'missing';

/** One entry of the report's `challenges` array (CONTRACT.md). */
export interface ChallengeResult {
  id: number;
  text: string;
  verdict: Verdict;
  score: number;
  evidence: Evidence[];
}

/** The measurements behind a verdict (for the benchmark, tests and the panel's note). */
export interface ChallengeDetail extends ChallengeResult {
  relevance: number;
  /** Weighted share of the vacancy's vocabulary found anywhere in the essay. */
  topicality: number;
  ownWords: number;
  novelty: number;
  actions: number;
  headingParagraph?: number;
  sentences: number;
  /** Discriminative units of the challenge the passage shows, each through its own essay word. */
  specific: number;
  /** Relevance before the topicality factor. */
  rawRelevance: number;
  /** Rarity-weighted share of the essay's content words that speak of the vacancy's field. */
  fieldShare: number;
}

export interface CoverageThresholds {
  weights: {
    genericWord: number;
    nonNoun: number;
    titleBoost: number;
    titleOnly: number;
    titleWord: number;
    pervasive: number;
    hrTerm: number;
    relatedCredit: number;
    sharpness: number;
    spread: { start: number; minFactor: number };
  };
  windowSentences: number;
  mention: { enabled: boolean; minTopicalityFactor: number; developed: boolean };
  thesaurus: {
    enabled: boolean;
    near: number;
    rankFactor: number[];
    polysemyScale: number;
    context: boolean;
    minCredit: number;
    onlyUnknown: boolean;
    inTopicality: boolean;
  };
  glossary: { enabled: boolean; near: number; phraseCredit: number };
  cognates: { minLength: number; fixedPrefix: number };
  relevance: { weak: number; covered: number; passageUnion: number };
  topicality: {
    off: number;
    on: number;
    ownChallenge: number;
    lexiconFloor: number;
    fieldShare: number;
    fieldCap: number;
  };
  attribution: {
    nearBest: number;
    elaboration: number;
    minSharedSentences: number;
    exclusiveSharing: boolean;
    exclusiveAll: boolean;
  };
  heading: {
    maxWords: number;
    minPrecision: number;
    minRecall: number;
    tieMargin: number;
    relevance: number;
    byOrder: boolean;
  };
  substance: {
    minOwnWords: number;
    minNovelty: number;
    minSentences: number;
    fullOwnWords: number;
    ledSentencesOnly: boolean;
  };
  score: { missing: [number, number]; weak: [number, number]; covered: [number, number]; fullRelevance: number };
  evidence: {
    maxItems: number;
    maxChars: number;
    specificShare: number;
    specificMatch: number;
  };
}

export function coverageThresholds(): CoverageThresholds {
  return loadRuleData<CoverageThresholds>('coverage/thresholds.yaml');
}

// ---------------------------------------------------------------------------------------------
// Per-vacancy model

interface Unit {
  label: string;
  keys: string[];
  concepts: string[];
  /** HR terms of several words: consecutive content-word keys. */
  phrase?: string[][];
  /** Background rarity of the challenge's own word (1 = rare). */
  rarity: number;
  weight: number;
  /** Boilerplate ("contribute", "key areas") or the organisation's own name ("NATO", "Allies"). */
  plain?: boolean;
  /** The challenge words behind the unit, lower case (for the thesaurus). */
  words?: string[];
  lang?: Lang;
  /** Thesaurus: related words of the same language, match key → credit. */
  near?: Map<string, number>;
  /**
   * Glossary: equivalents in the other official language, match key → credit. They match only
   * sentences in that language: a French equivalent's stem may equal an English word's
   * ("responsabilité" and "responsible"), which says nothing in an English essay.
   */
  across?: Map<string, number>;
  /** Glossary: equivalents of several words, found when a sentence has all their words. */
  acrossPhrases?: Array<{ words: string[][]; credit: number }>;
}

interface ChallengeModel {
  id: number;
  text: string;
  lang: Lang;
  units: Unit[];
  /** Units of the title (when given) for heading recall; otherwise all units. */
  headingUnits: Unit[];
  concepts: Set<string>;
  /**
   * Per unit: whether it is one of the challenge's discriminative units (heavy after the inverse
   * frequency over the vacancy's challenges and general English, not boilerplate, not the
   * organisation's name). A passage covers the challenge only with several of them.
   */
  specific: boolean[];
}

interface VacancyModel {
  challenges: ChallengeModel[];
  /**
   * The vacancy's vocabulary (every challenge's units and the vacancy title's words, weighted by
   * rarity only): how far an essay speaks of this job at all.
   */
  domain: Unit[];
  /** Match keys of every content word in every challenge text, title and term. */
  literalKeys: Set<string>;
  /** Per language of the challenges: their stems, to find cognates in essays of the other language. */
  cognates: Map<Lang, CognateIndex>;
  /**
   * Weighted share of the vacancy's vocabulary that the concept lexicon knows (has synonyms and
   * English/French equivalents for). Where it knows little, paraphrases and translations go
   * unseen and an essay on the job shows less of the vocabulary.
   */
  lexiconCoverage: number;
  /**
   * Every essay word that speaks of the vacancy's field, with how surely: match keys of the
   * challenges' words (1) and of their thesaurus expansions; `across`, per language of the essay
   * sentence, the glossary's equivalents of challenges written in the other language.
   */
  field: { keys: Map<string, number>; concepts: Set<string>; across: Record<Lang, Map<string, number>> };
  /** Match key → units whose thesaurus expansions contain it. */
  expansions: Map<string, Unit[]>;
}

type CachedModel = { thresholds: CoverageThresholds; model: VacancyModel };
const vacancyModels = new WeakMap<Vacancy, CachedModel>();
/**
 * The same models by the vacancy's content: a vacancy sent to a worker thread arrives as a new
 * object for every file, and building the model (part-of-speech tagging of every challenge) costs
 * more than screening an essay.
 */
const vacancyModelsByContent = new Map<string, CachedModel>();
const VACANCY_MODEL_LIMIT = 64;

function nounWords(text: string): Set<string> {
  const nouns = new Set<string>();
  const doc = compromise(text) as unknown as { json(): Array<{ terms: Array<{ normal: string; tags: string[] }> }> };
  for (const sentence of doc.json()) {
    for (const term of sentence.terms)
      if (term.tags.includes('Noun') || term.tags.includes('Acronym')) nouns.add(term.normal.toLowerCase());
  }
  return nouns;
}

function unitsMatch(a: Unit, b: Unit): boolean {
  if (keysMatch(a.keys, b.keys)) return true;
  for (const c of a.concepts) if (b.concepts.includes(c)) return true;
  return false;
}

function buildChallenge(
  id: number,
  challenge: Vacancy['challenges'][number],
  lex: Lexicon,
  t: CoverageThresholds,
  literalKeys: Set<string>,
): ChallengeModel {
  const lang = guessLanguage(challenge.text);
  const nouns = lang === 'en' ? nounWords(challenge.text) : undefined;
  const units: Unit[] = [];
  const addUnit = (unit: Unit): Unit => {
    const same = units.find(
      (u) =>
        !u.phrase &&
        !unit.phrase &&
        (keysMatch(u.keys, unit.keys) ||
          (u.concepts.length > 0 &&
            u.concepts.length === unit.concepts.length &&
            u.concepts.every((c) => unit.concepts.includes(c)))),
    );
    if (same) {
      same.weight = Math.max(same.weight, unit.weight);
      same.rarity = Math.max(same.rarity, unit.rarity);
      for (const k of unit.keys) if (!same.keys.includes(k)) same.keys.push(k);
      for (const w of unit.words ?? []) if (!same.words?.includes(w)) (same.words ??= []).push(w);
      return same;
    }
    units.push(unit);
    return unit;
  };
  const wordWeight = (token: TaggedToken): number => {
    const generic = token.keys.some((k) => lex.generic.has(k));
    const nounish = token.acronym || !nouns || nouns.has(token.lower);
    const pervasive = token.concepts.length > 0 && token.concepts.every((c) => lex.pervasive.has(c));
    return (
      (generic ? t.weights.genericWord : 1) *
      (nounish ? 1 : t.weights.nonNoun) *
      (pervasive ? t.weights.pervasive : 1) *
      token.rarity
    );
  };
  const isPlain = (token: TaggedToken): boolean =>
    token.keys.some((k) => lex.generic.has(k)) ||
    (token.concepts.length > 0 && token.concepts.every((c) => lex.pervasive.has(c)));
  // `own`: the unit is this token's (or a phrase being built), not an earlier unit it merged into.
  let previous: { token: TaggedToken; unit: Unit; own: boolean } | undefined;
  for (const token of tagConcepts(tokenize(challenge.text, false), lex)) {
    if (token.number) continue;
    for (const k of token.keys) literalKeys.add(k);
    // The words of one phrase ("self-assessment", "multilateral organizations") form one unit, so
    // that "self" does not stand for every assessment word on its own.
    const shared = previous?.token.phraseConcepts.filter((c) => token.phraseConcepts.includes(c)) ?? [];
    if (previous && shared.length > 0 && !previous.own) {
      // The phrase's first word had merged into an earlier unit of the same concept ("cost" of
      // "cost-effective" into "budget"): the phrase starts a unit of its own instead of turning
      // that earlier unit into a phrase.
      const unit: Unit = {
        label: `${previous.token.lower} ${token.lower}`,
        keys: [],
        concepts: shared,
        phrase: [previous.token.keys, token.keys],
        rarity: Math.max(previous.token.rarity, token.rarity),
        weight: Math.max(wordWeight(previous.token), wordWeight(token)),
        plain: isPlain(previous.token) && isPlain(token),
      };
      units.push(unit);
      previous = { token, unit, own: true };
      continue;
    }
    if (previous && shared.length > 0) {
      // The unit becomes the phrase: found through the phrase's concept or the words in sequence,
      // never through one of its words alone ("international" of "international norms").
      const unit = previous.unit;
      unit.label += ` ${token.lower}`;
      unit.phrase = [...(unit.phrase ?? [previous.token.keys]), token.keys];
      unit.keys = [];
      unit.concepts = unit.concepts.filter((c) => shared.includes(c));
      unit.weight = Math.max(unit.weight, wordWeight(token));
      unit.rarity = Math.max(unit.rarity, token.rarity);
      if (!isPlain(token)) unit.plain = false;
      previous = { token, unit, own: true };
      continue;
    }
    const before = units.length;
    const unit = addUnit({
      label: token.lower,
      keys: [...token.keys],
      concepts: [...token.concepts],
      rarity: token.rarity,
      weight: wordWeight(token),
      plain: isPlain(token),
      words: token.acronym ? [] : [token.lower],
      lang,
    });
    if (!isPlain(token)) unit.plain = false;
    previous = { token, unit, own: units.length > before };
  }
  const headingUnits: Unit[] = [];
  if (challenge.title) {
    for (const token of tagConcepts(tokenize(challenge.title, false), lex)) {
      if (token.number) continue;
      for (const k of token.keys) literalKeys.add(k);
      const probe: Unit = {
        label: token.lower,
        keys: [...token.keys],
        concepts: [...token.concepts],
        rarity: token.rarity,
        weight: wordWeight(token),
        words: token.acronym ? [] : [token.lower],
        lang,
      };
      const existing = units.find((u) => unitsMatch(u, probe));
      const generic = token.keys.some((k) => lex.generic.has(k));
      // A title word that the challenge text also uses names its core and weighs more. A word
      // only in the title is HR's label for the challenge ("Language technology" over a text on
      // machine translation tools): an essay can address the challenge without ever using it.
      if (!existing) probe.weight *= t.weights.titleOnly;
      const unit = existing ?? addUnit(probe);
      if (existing && !generic) unit.weight = Math.max(unit.weight, wordWeight(token) * t.weights.titleBoost);
      if (!headingUnits.includes(unit)) headingUnits.push(unit);
    }
  }
  for (const term of challenge.terms ?? []) {
    const tokens = tagConcepts(tokenize(term, false), lex);
    if (tokens.length === 0) continue;
    for (const token of tokens) for (const k of token.keys) literalKeys.add(k);
    if (tokens.length === 1) {
      const token = tokens[0];
      const unit = addUnit({
        label: term,
        keys: [...token.keys],
        concepts: [...token.concepts],
        rarity: 1,
        weight: t.weights.hrTerm,
        words: token.acronym ? [] : [token.lower],
        lang,
      });
      unit.weight = Math.max(unit.weight, t.weights.hrTerm);
    } else {
      units.push({
        label: term,
        keys: tokens[0].keys,
        concepts: [],
        phrase: tokens.map((x) => x.keys),
        rarity: 1,
        weight: t.weights.hrTerm,
      });
    }
  }
  const concepts = new Set<string>();
  for (const u of units) for (const c of u.concepts) concepts.add(c);
  return {
    id,
    text: challenge.text,
    lang,
    units,
    headingUnits: headingUnits.length > 0 ? headingUnits : units,
    concepts,
    specific: [],
  };
}

/**
 * Expansions of a unit. Thesaurus (src/checks/coverage/thesaurus.ts): related English words sense
 * by sense. They count for less than the challenge's own words (`thesaurus.near`), less again for
 * a later or an ambiguous sense unless the vacancy's own words confirm that sense, and as little
 * as the related word is common relative to the challenge word (a common word proves little).
 * Glossary (src/checks/coverage/glossary.ts): the word's equivalents in the other official
 * language, beside the concept lexicon and cognates.
 */
function expandUnit(u: Unit, context: ReadonlySet<string>, lex: Lexicon, t: CoverageThresholds): void {
  if (u.phrase || !u.words || u.words.length === 0) return;
  const th = t.thesaurus;
  if (th.onlyUnknown && u.concepts.length > 0) return;
  const near = new Map<string, number>();
  const across = new Map<string, number>();
  const put = (stem: string, credit: number) => {
    if (u.keys.includes(stem)) return;
    const value = credit * Math.min(1, lex.stemRarity(stem) / Math.max(u.rarity, 1e-6));
    if (value >= th.minCredit && value > (near.get(stem) ?? 0)) near.set(stem, value);
  };
  for (const word of u.words) {
    const own = stemKeys(word);
    if (th.enabled && u.lang !== 'fr')
      for (const sense of englishSenses(word)) {
        const confirmed = th.context && sense.related.some(([stem]) => !own.includes(stem) && context.has(stem));
        const factor = confirmed ? 1 : (th.rankFactor[sense.rank] ?? 0) / (1 + (sense.polysemy - 1) / th.polysemyScale);
        for (const [stem, credit] of sense.related) put(stem, credit * factor * th.near);
      }
    // Equivalents in the other official language: they only ever match an essay written in it.
    if (t.glossary.enabled) {
      const found = glossary().translate(word, u.lang ?? 'en', context, t.glossary.phraseCredit);
      for (const [key, credit] of found.words) {
        const value = credit * t.glossary.near;
        if (value > (across.get(key) ?? 0)) across.set(key, value);
      }
      for (const words of found.phrases)
        if (!u.acrossPhrases?.some((p) => p.words === words))
          (u.acrossPhrases ??= []).push({ words, credit: t.glossary.near });
    }
  }
  if (near.size > 0) u.near = near;
  if (across.size > 0) u.across = across;
}

function vacancyModel(vacancy: Vacancy, t: CoverageThresholds): VacancyModel {
  const cached = vacancyModels.get(vacancy);
  if (cached && cached.thresholds === t) return cached.model;
  const content = JSON.stringify(vacancy);
  const same = vacancyModelsByContent.get(content);
  if (same && same.thresholds === t) {
    vacancyModels.set(vacancy, same);
    return same.model;
  }
  const lex = lexicon();
  const literalKeys = new Set<string>();
  const challenges = vacancy.challenges.map((c, i) => buildChallenge(i + 1, c, lex, t, literalKeys));
  if (t.thesaurus.enabled || t.glossary.enabled) {
    // The vacancy's own words tell which sense of an ambiguous challenge word is meant.
    const context = new Set(literalKeys);
    for (const tok of tokenize(vacancy.title, false)) if (!tok.stop) for (const k of tok.keys) context.add(k);
    for (const c of challenges) for (const u of c.units) expandUnit(u, context, lex, t);
  }
  // Inverse document frequency over the vacancy's challenges: a unit that several challenges
  // share ("NATO", "Alliance") tells them apart less than one that only this challenge has.
  const baseWeights = new Map<Unit, number>();
  for (const c of challenges) for (const u of c.units) baseWeights.set(u, u.weight);
  const n = challenges.length;
  if (n > 1) {
    for (const c of challenges) {
      for (const u of c.units) {
        if (u.phrase && u.concepts.length === 0) continue;
        const df = challenges.filter(
          (other) => other === c || other.units.some((v) => (!v.phrase || v.concepts.length > 0) && unitsMatch(u, v)),
        ).length;
        u.weight *= (1 + Math.log(n / df)) / (1 + Math.log(n));
      }
    }
  }
  for (const c of challenges) {
    const heaviest = Math.max(0, ...c.units.filter((u) => !u.plain).map((u) => u.weight));
    c.specific = c.units.map((u) => !u.plain && u.weight >= t.evidence.specificShare * heaviest);
  }
  const domain: Unit[] = [];
  const addDomain = (u: Unit) => {
    const same = domain.find(
      (d) => (!u.phrase || u.concepts.length > 0) && (!d.phrase || d.concepts.length > 0) && unitsMatch(d, u),
    );
    if (same) same.weight = Math.max(same.weight, u.weight);
    else domain.push({ ...u, weight: u.weight });
  };
  for (const token of tagConcepts(tokenize(vacancy.title, false), lex)) {
    if (token.number || token.keys.some((k) => lex.generic.has(k))) continue;
    addDomain({
      label: token.lower,
      keys: [...token.keys],
      concepts: [...token.concepts],
      rarity: token.rarity,
      weight: token.rarity * t.weights.titleWord,
    });
  }
  // Challenge units enter with their weight before the inverse frequency over challenges (which
  // is about telling challenges apart, not about the domain), sharpened like relevance weights.
  for (const c of challenges)
    for (const u of c.units) {
      const copy = { ...u, weight: baseWeights.get(u) ?? u.weight };
      // Related words prove less than the challenge's own words: they count in topicality only
      // when `inTopicality` says so.
      if (!t.thesaurus.inTopicality) copy.near = undefined;
      addDomain(copy);
    }
  for (const d of domain) d.weight = d.weight ** t.weights.sharpness;
  const cognates = new Map<Lang, CognateIndex>();
  for (const lang of new Set(challenges.map((c) => c.lang))) {
    const keys = new Set<string>();
    for (const c of challenges) {
      if (c.lang !== lang) continue;
      for (const u of c.units) {
        for (const k of u.keys) keys.add(k);
        for (const step of u.phrase ?? []) for (const k of step) keys.add(k);
      }
    }
    cognates.set(lang, cognateIndex(keys, t.cognates.minLength, t.cognates.fixedPrefix));
  }
  const domainWeight = domain.reduce((a, u) => a + u.weight, 0);
  const known = domain.filter((u) => u.concepts.length > 0).reduce((a, u) => a + u.weight, 0);
  const lexiconCoverage = domainWeight === 0 ? 1 : known / domainWeight;
  const field: VacancyModel['field'] = {
    keys: new Map(),
    concepts: new Set(),
    across: { en: new Map(), fr: new Map() },
  };
  for (const u of [...domain, ...challenges.flatMap((c) => c.units)]) {
    if (u.plain) continue;
    for (const k of u.keys) field.keys.set(k, 1);
    for (const c of u.concepts) field.concepts.add(c);
    for (const [k, v] of u.near ?? []) field.keys.set(k, Math.max(field.keys.get(k) ?? 0, v));
    // The glossary's equivalents speak of the field in sentences of the other language.
    const other = field.across[u.lang === 'fr' ? 'en' : 'fr'];
    for (const [k, v] of u.across ?? []) other.set(k, Math.max(other.get(k) ?? 0, v));
  }
  // Match key → the units it expands (as a related word), so that a sentence's
  // thesaurus matches are found once from its own keys rather than unit by unit.
  const expansions = new Map<string, Unit[]>();
  for (const u of [...domain, ...challenges.flatMap((c) => c.units)])
    for (const k of u.near?.keys() ?? []) {
      const list = expansions.get(k) ?? [];
      list.push(u);
      expansions.set(k, list);
    }
  const model = { challenges, literalKeys, domain, cognates, lexiconCoverage, field, expansions };
  const entry = { thresholds: t, model };
  vacancyModels.set(vacancy, entry);
  if (vacancyModelsByContent.size >= VACANCY_MODEL_LIMIT) vacancyModelsByContent.clear();
  vacancyModelsByContent.set(content, entry);
  return model;
}

// ---------------------------------------------------------------------------------------------
// The essay

interface Sentence {
  paragraph: number;
  /** Position of the paragraph in the essay (0-based), for adjacency. */
  paragraphPos: number;
  section: number;
  heading: boolean;
  text: string;
  lang: Lang;
  tokens: TaggedToken[];
  keys: Set<string>;
  /** Concept → how strongly the sentence shows it (the rarest member found). */
  concepts: Map<string, number>;
  /** Concept → the essay word (its first match key) that shows it best. */
  conceptWitness: Map<string, string>;
  expanded: Map<Unit, UnitHit>;
  action: boolean;
}

interface HeadingInfo {
  paragraphPos: number;
  paragraph: number;
  shape: string;
  text: string;
  ordinal?: number;
  tokens: TaggedToken[];
}

const BULLET_START = /^[\s]*[•◦▪▫‣⁃∙·*–—-]\s/;

function isHeading(p: Paragraph, text: string, t: CoverageThresholds): boolean {
  const trimmed = text.trim();
  if (!trimmed) return false;
  const words = trimmed.split(/\s+/).length;
  if (words > t.heading.maxWords) return false;
  if (p.headingLevel !== undefined) return true;
  if (p.numbering?.format === 'bullet' || BULLET_START.test(trimmed)) return false;
  // A sentence ends with a full stop; a heading does not (a colon may introduce its section).
  return !/[.!?;,…]["'»”)]*$/.test(trimmed);
}

function headingShape(p: Paragraph, text: string): string {
  const numbered = /^\s*(?:\d+|[IVX]+|[a-z])[.):]\s/i.test(text) || p.numbering !== undefined;
  const ordinal =
    /^\s*(?:challenge|défi|enjeu|priority|priorité|first|second|third|fourth|fifth|premier|première|deuxième|troisième|quatrième|cinquième)\b/i.test(
      text,
    );
  return `${p.headingLevel ?? 0}|${numbered || ordinal ? 'n' : ''}`;
}

function ordinalOf(text: string, lex: Lexicon): number | undefined {
  const lower = text.toLowerCase();
  const tokens = tokenize(lower, true);
  const hasMarker = tokens.some((tok) => tok.keys.some((k) => lex.ordinalMarkers.has(k)));
  if (!hasMarker) return undefined;
  for (const tok of tokens) {
    if (tok.number) return Number(tok.surface);
    const n = lex.ordinalWords.get(tok.lower);
    if (n) return n;
  }
  return undefined;
}

interface Essay {
  sentences: Sentence[];
  headings: HeadingInfo[];
}

/**
 * An essay word in the other language than some challenges gets the stems of the challenge words
 * it is a cognate of ("recrutement" → "recruit"), so it matches them like a word of theirs.
 */
function withCognates(tokens: TaggedToken[], lang: Lang, model: VacancyModel): TaggedToken[] {
  const indexes = [...model.cognates].filter(([l]) => l !== lang).map(([, index]) => index);
  if (indexes.length === 0) return tokens;
  return tokens.map((tok) => {
    if (tok.acronym || tok.number) return tok;
    const extra = indexes.flatMap((index) => cognatesOf(tok.keys, index));
    return extra.length > 0 ? { ...tok, keys: [...tok.keys, ...extra] } : tok;
  });
}

function readEssay(doc: DocModel, t: CoverageThresholds, lex: Lexicon, model: VacancyModel): Essay {
  const paragraphs =
    doc.bodyParagraphs.length > 0
      ? doc.bodyParagraphs
      : doc.paragraphs.filter((p) => p.story === 'body' || p.story === 'table');
  const sentences: Sentence[] = [];
  const headings: HeadingInfo[] = [];
  let section = 0;
  let pos = 0;
  for (const p of paragraphs) {
    const text = visibleText(p);
    if (!text.trim()) continue;
    // A paragraph that addresses an AI or automated screener is not essay content: none of it
    // counts (the prompt-injection check reports it).
    if (findPromptInjections(text).length > 0) continue;
    const lang = guessLanguage(text);
    const heading = isHeading(p, text, t);
    if (heading) section++;
    for (const s of splitSentences(text, lang)) {
      const tokens = withCognates(tagConcepts(tokenize(s.text), lex), lang, model);
      const { keys, concepts, conceptWitness } = matchable(tokens);
      const expanded = thesaurusHits(keys, model);
      sentences.push({
        paragraph: p.index,
        paragraphPos: pos,
        section,
        heading,
        text: s.text,
        lang,
        tokens,
        keys,
        concepts,
        conceptWitness,
        expanded,
        action: !heading && lex.actions[lang].some((re) => re.test(s.text)),
      });
    }
    if (heading) {
      const kept = sentences.filter((s) => s.paragraphPos === pos);
      if (kept.length > 0) {
        headings.push({
          paragraphPos: pos,
          paragraph: p.index,
          shape: headingShape(p, text),
          text: kept.map((s) => s.text).join(' '),
          ordinal: ordinalOf(text, lex),
          tokens: kept.flatMap((s) => s.tokens),
        });
      }
    }
    pos++;
  }
  return { sentences, headings };
}

// ---------------------------------------------------------------------------------------------
// Matching

type Matchable = {
  /** Language of the text, when it is one sentence or one language's sentences (for the glossary). */
  lang?: Lang;
  /** Thesaurus matches of the text per unit, when worked out once for all units (thesaurusHits). */
  expanded?: Map<Unit, UnitHit>;
  keys: Set<string>;
  concepts: Map<string, number>;
  conceptWitness: Map<string, string>;
  tokens: TaggedToken[];
};

function matchable(tokens: TaggedToken[]): Matchable {
  const keys = new Set<string>();
  const concepts = new Map<string, number>();
  const conceptWitness = new Map<string, string>();
  for (const tok of tokens) {
    for (const k of tok.keys) keys.add(k);
    tok.concepts.forEach((c, j) => {
      if (tok.credits[j] > (concepts.get(c) ?? -1)) {
        concepts.set(c, tok.credits[j]);
        conceptWitness.set(c, tok.keys[0]);
      }
    });
  }
  return { keys, concepts, conceptWitness, tokens };
}

/** A unit's best thesaurus match among a text's keys. */
function expansionHit(u: Unit, keys: ReadonlySet<string>): UnitHit {
  let best = NO_HIT;
  if (u.near) {
    for (const k of keys) {
      const score = u.near.get(k) ?? 0;
      if (score > best.score) best = { score, witness: k };
    }
  }
  return best;
}

/** expansionHit for every unit a text's keys can expand, found through the model's index. */
function thesaurusHits(keys: ReadonlySet<string>, model: VacancyModel): Map<Unit, UnitHit> {
  const out = new Map<Unit, UnitHit>();
  for (const k of keys)
    for (const u of model.expansions.get(k) ?? []) if (!out.has(u)) out.set(u, expansionHit(u, keys));
  return out;
}

/** A unit's match in a sentence and the essay word that provides it (for distinct evidence). */
interface UnitHit {
  score: number;
  witness: string;
}

const NO_HIT: UnitHit = { score: 0, witness: '' };

/**
 * How far the sentence shows the unit: 1 for the challenge's own word; through a concept, as much
 * as the member found is rare relative to the challenge word (a common member proves little);
 * half that for a related concept. The witness is the essay word that shows it: one essay word
 * is evidence for one unit of a challenge, so "finances" cannot stand for "budget", "costs" and
 * "cost-effectively" at once.
 */
function unitHit(u: Unit, s: Matchable, lex: Lexicon, related: number): UnitHit {
  if (u.phrase) {
    const p = u.phrase;
    for (let i = 0; i + p.length <= s.tokens.length; i++) {
      let ok = true;
      for (let j = 0; j < p.length && ok; j++) ok = keysMatch(p[j], s.tokens[i + j].keys);
      if (ok) return { score: 1, witness: `phrase:${u.label}` };
    }
  }
  for (const k of u.keys) if (s.keys.has(k)) return { score: 1, witness: k };
  let best = s.expanded ? (s.expanded.get(u) ?? NO_HIT) : expansionHit(u, s.keys);
  if (s.lang !== undefined && u.lang !== undefined && s.lang !== u.lang) {
    for (const [k, credit] of u.across ?? [])
      if (credit > best.score && s.keys.has(k)) best = { score: credit, witness: k };
    for (const p of u.acrossPhrases ?? [])
      if (p.credit > best.score && p.words.every((w) => w.some((k) => s.keys.has(k))))
        best = { score: p.credit, witness: `phrase:${p.words[0][0]}` };
  }
  for (const c of u.concepts) {
    const credit = s.concepts.get(c);
    if (credit !== undefined) {
      const score = Math.min(1, credit / u.rarity);
      if (score > best.score) best = { score, witness: s.conceptWitness.get(c) ?? c };
    }
    for (const r of lex.related.get(c) ?? []) {
      const rc = s.concepts.get(r);
      if (rc === undefined) continue;
      const score = related * Math.min(1, rc / u.rarity);
      if (score > best.score) best = { score, witness: s.conceptWitness.get(r) ?? r };
    }
  }
  return best;
}

function unitMatch(u: Unit, s: Matchable, lex: Lexicon, related: number): number {
  return unitHit(u, s, lex, related).score;
}

interface Scored {
  challenge: ChallengeModel;
  /** Unit weights after the essay-level spread factor. */
  weights: number[];
  total: number;
  /** match[u][s] */
  match: number[][];
  /** witness[u][s]: the essay word behind match[u][s]. */
  witness: string[][];
}

/**
 * Weighted share of the challenge's units shown by a set of sentences. Each distinct essay word
 * counts for one unit only (the heaviest it can serve), so that the evidence must come from
 * several different words of the essay.
 */
function scoreSet(sc: Scored, indices: Iterable<number>, exclude?: ReadonlySet<string>): number {
  return scoreSetDetailed(sc, indices, exclude).value;
}

/**
 * scoreSet with the essay words it used; `exclude` lists essay words that may not serve (the
 * evidence another challenge already claims in a shared paragraph).
 */
function scoreSetDetailed(
  sc: Scored,
  indices: Iterable<number>,
  exclude?: ReadonlySet<string>,
): { value: number; used: Set<string>; candidates: Set<string> } {
  // (weights are already raised to the sharpening exponent)
  const used = new Set<string>();
  const candidates = new Set<string>();
  if (sc.total === 0) return { value: 0, used, candidates };
  const list = [...indices];
  const hits: Array<{ u: number; value: number; witness: string }> = [];
  sc.match.forEach((row, u) => {
    // Best match per witness for this unit.
    const byWitness = new Map<string, number>();
    for (const i of list) {
      if (row[i] <= 0) continue;
      const w = sc.witness[u][i];
      if (exclude?.has(w)) continue;
      if (row[i] > (byWitness.get(w) ?? 0)) byWitness.set(w, row[i]);
    }
    for (const [witness, m] of byWitness) {
      hits.push({ u, value: sc.weights[u] * m, witness });
      candidates.add(witness);
    }
  });
  if (hits.length === 0) return { value: 0, used, candidates };
  hits.sort((a, b) => b.value - a.value);
  const unitDone = new Set<number>();
  let sum = 0;
  for (const h of hits) {
    if (unitDone.has(h.u) || used.has(h.witness)) continue;
    unitDone.add(h.u);
    used.add(h.witness);
    sum += h.value;
  }
  return { value: sum / sc.total, used, candidates };
}

/**
 * How many of the challenge's discriminative units a set of sentences shows (each at least
 * `minMatch`), each through a different essay word.
 */
function specificCount(sc: Scored, indices: number[], minMatch: number): number {
  const hits: Array<{ u: number; value: number; witness: string }> = [];
  sc.match.forEach((row, u) => {
    if (!sc.challenge.specific[u]) return;
    for (const i of indices) if (row[i] >= minMatch) hits.push({ u, value: row[i], witness: sc.witness[u][i] });
  });
  hits.sort((a, b) => b.value - a.value);
  const unitDone = new Set<number>();
  const used = new Set<string>();
  for (const h of hits) {
    if (unitDone.has(h.u) || used.has(h.witness)) continue;
    unitDone.add(h.u);
    used.add(h.witness);
  }
  return unitDone.size;
}

function headingScores(
  h: HeadingInfo,
  c: ChallengeModel,
  lex: Lexicon,
  t: CoverageThresholds,
): { precision: number; recall: number } {
  const topical = h.tokens.filter(
    (tok) =>
      !tok.number &&
      !tok.keys.some((k) => lex.generic.has(k) || lex.ordinalMarkers.has(k)) &&
      !lex.ordinalWords.has(tok.lower),
  );
  if (topical.length === 0) return { precision: 0, recall: 0 };
  let hits = 0;
  for (const tok of topical) {
    const probe = matchable([tok]);
    let best = 0;
    for (const u of c.units) best = Math.max(best, unitMatch(u, probe, lex, t.weights.relatedCredit));
    hits += best;
  }
  const hs = matchable(h.tokens);
  const recallOf = (units: Unit[]): number => {
    let got = 0;
    let all = 0;
    for (const u of units) {
      all += u.weight;
      got += u.weight * unitMatch(u, hs, lex, t.weights.relatedCredit);
    }
    return all === 0 ? 0 : got / all;
  };
  // Against the title when HR gives one, or against the whole challenge: a heading in the
  // candidate's own words ("Reaching the young and the sceptical") may name the challenge's text
  // rather than its title ("Reaching new audiences").
  const recall = Math.max(recallOf(c.headingUnits), c.headingUnits === c.units ? 0 : recallOf(c.units));
  return { precision: hits / topical.length, recall };
}

/** Which challenges each heading names (content first, then "Challenge 2" style ordinals). */
function matchHeadings(
  essay: Essay,
  model: VacancyModel,
  lex: Lexicon,
  t: CoverageThresholds,
): Map<HeadingInfo, number[]> {
  const result = new Map<HeadingInfo, number[]>();
  for (const h of essay.headings) {
    const scored = model.challenges
      .map((c) => ({ c, ...headingScores(h, c, lex, t) }))
      .filter((x) => x.precision >= t.heading.minPrecision && x.recall >= t.heading.minRecall)
      .map((x) => ({ id: x.c.id, value: (x.precision + x.recall) / 2 }))
      .sort((a, b) => b.value - a.value);
    if (scored.length > 0) {
      result.set(
        h,
        scored.filter((x) => x.value >= scored[0].value - t.heading.tieMargin).map((x) => x.id),
      );
    } else if (h.ordinal && h.ordinal <= model.challenges.length) {
      result.set(h, [h.ordinal]);
    }
  }
  if (t.heading.byOrder) {
    // An essay in as many headed sections as the vacancy has challenges, headings of one kind,
    // takes them in order (as a reader does): a heading in the candidate's own words that names
    // no challenge gets the challenge of its position, when no other heading has claimed it.
    const withBody = essay.headings.filter((h, k) => {
      const next = essay.headings[k + 1]?.paragraphPos ?? Number.POSITIVE_INFINITY;
      return essay.sentences.some((s) => !s.heading && s.paragraphPos > h.paragraphPos && s.paragraphPos < next);
    });
    if (withBody.length === model.challenges.length && new Set(withBody.map((h) => h.shape)).size === 1) {
      const claimed = new Set([...result.values()].flat());
      withBody.forEach((h, k) => {
        if (!result.has(h) && !claimed.has(k + 1)) result.set(h, [k + 1]);
      });
    }
  }
  return result;
}

// ---------------------------------------------------------------------------------------------
// The analysis

const clamp01 = (x: number): number => Math.max(0, Math.min(1, x));

/**
 * Precision-type topicality: the rarity-weighted share of the essay's own content words (not
 * boilerplate) that belong to the vacancy's field: its challenges' words, their concepts, their
 * thesaurus expansions. An essay devoted to one
 * challenge scores high here while it shows little of the whole vacancy's vocabulary.
 */
function fieldShareOf(sentences: Sentence[], model: VacancyModel, lex: Lexicon): number {
  let got = 0;
  let all = 0;
  for (const s of sentences) {
    if (s.heading) continue;
    for (const tok of s.tokens) {
      if (tok.number || tok.keys.some((k) => lex.generic.has(k))) continue;
      const w = tok.rarity;
      all += w;
      let best = 0;
      for (const k of tok.keys)
        best = Math.max(best, model.field.keys.get(k) ?? 0, model.field.across[s.lang].get(k) ?? 0);
      tok.concepts.forEach((c, j) => {
        if (model.field.concepts.has(c)) best = Math.max(best, tok.credits[j]);
      });
      got += w * Math.min(1, best);
    }
  }
  return all === 0 ? 0 : got / all;
}

const band = (range: [number, number], inner: number): number =>
  Math.round((range[0] + (range[1] - range[0]) * clamp01(inner)) * 100) / 100;

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
}

/**
 * The analysis with its measurements. `trace` receives, per challenge, the units of the best
 * window with their weights and matches (for calibration and debugging).
 */
export function analyseDocument(
  doc: DocModel,
  vacancy: Vacancy,
  t: CoverageThresholds = coverageThresholds(),
  trace?: (line: string) => void,
): ChallengeDetail[] {
  const lex = lexicon();
  const model = vacancyModel(vacancy, t);
  const essay = readEssay(doc, t, lex, model);
  const sentences = essay.sentences;
  const body = sentences.map((_, i) => i).filter((i) => !sentences[i].heading);
  const headingMatches = matchHeadings(essay, model, lex, t);
  if (trace) {
    for (const h of essay.headings) {
      const scores = model.challenges.map((c) => headingScores(h, c, lex, t));
      trace(
        `heading ¶${h.paragraph} "${h.text}" → ${JSON.stringify(headingMatches.get(h) ?? [])} ${scores.map((x) => `p${x.precision.toFixed(2)}/r${x.recall.toFixed(2)}`).join(' ')}`,
      );
    }
  }

  // Sections that a matched heading opens: up to the next heading of the same shape, so that
  // sub-headings ("Context", "Approach") stay inside.
  const sectionOf = new Map<number, Set<number>>(); // challenge id → sentence indices
  const headingOf = new Map<number, HeadingInfo>();
  for (const [h, ids] of headingMatches) {
    const next = essay.headings.find(
      (o) => o.paragraphPos > h.paragraphPos && (o.shape === h.shape || headingMatches.has(o)),
    );
    const end = next ? next.paragraphPos : Number.POSITIVE_INFINITY;
    for (const id of ids) {
      const set = sectionOf.get(id) ?? new Set<number>();
      for (const i of body)
        if (sentences[i].paragraphPos > h.paragraphPos && sentences[i].paragraphPos < end) set.add(i);
      sectionOf.set(id, set);
      if (!headingOf.has(id)) headingOf.set(id, h);
    }
  }

  // Topicality: an essay that never speaks of this job's subject covers none of its challenges,
  // however many general words ("political", "dialogue", "team") it shares with them.
  const wholeKeys = matchable(sentences.flatMap((s) => s.tokens));
  const whole: Matchable = { ...wholeKeys, expanded: thesaurusHits(wholeKeys.keys, model) };
  // The sentences of each language apart, where the glossary's equivalents of the challenges in
  // the other language count.
  const wholeIn = (['en', 'fr'] as const).map((lang): Matchable => ({
    ...matchable(sentences.filter((s) => s.lang === lang).flatMap((s) => s.tokens)),
    lang,
  }));
  const domainMatch = (u: Unit): number =>
    Math.max(
      unitMatch(u, whole, lex, t.weights.relatedCredit),
      ...wholeIn.map((w) => unitMatch(u, w, lex, t.weights.relatedCredit)),
    );
  let domainGot = 0;
  let domainAll = 0;
  for (const u of model.domain) {
    domainAll += u.weight;
    domainGot += u.weight * domainMatch(u);
  }
  const topicality = domainAll === 0 ? 0 : domainGot / domainAll;
  const fieldShare = fieldShareOf(sentences, model, lex);
  // The topicality expected of an essay on the job falls with what the lexicon can see of the
  // vacancy's vocabulary: the off/on points move down in proportion.
  const topicalityScale = t.topicality.lexiconFloor + (1 - t.topicality.lexiconFloor) * clamp01(model.lexiconCoverage);
  const topicalityOff = t.topicality.off * topicalityScale;
  const topicalityOn = t.topicality.on * topicalityScale;
  trace?.(
    `lexicon coverage of the vacancy's vocabulary ${model.lexiconCoverage.toFixed(3)}: topicality off ${topicalityOff.toFixed(3)}, on ${topicalityOn.toFixed(3)}`,
  );
  trace?.(
    `topicality ${topicality.toFixed(3)}: ${model.domain.map((u) => `${u.label}=${u.weight.toFixed(2)}:${domainMatch(u).toFixed(2)}`).join(' ')}`,
  );

  // Unit matches per challenge and sentence, with the essay-level spread factor.
  const scored: Scored[] = model.challenges.map((c) => {
    const hitsOf = c.units.map((u) =>
      sentences.map((s) => (s.heading ? NO_HIT : unitHit(u, s, lex, t.weights.relatedCredit))),
    );
    const match = hitsOf.map((row) => row.map((h) => h.score));
    const witness = hitsOf.map((row) => row.map((h) => h.witness));
    const weights = c.units.map((u, k) => {
      if (body.length < 4) return u.weight;
      const share = body.filter((i) => match[k][i] === 1).length / body.length;
      if (share <= t.weights.spread.start) return u.weight;
      const drop = (share - t.weights.spread.start) / (1 - t.weights.spread.start);
      return u.weight * Math.max(t.weights.spread.minFactor, 1 - drop * (1 - t.weights.spread.minFactor));
    });
    // Sharpening: raising weights to a power lets the challenge's specific words decide and the
    // shared domain words ("defence", "nations") count for less.
    const sharp = weights.map((w) => w ** t.weights.sharpness);
    return { challenge: c, weights: sharp, total: sharp.reduce((a, b) => a + b, 0), match, witness };
  });

  // Sentence scores and best window scores around each sentence (windows stay in one section).
  const single = scored.map((sc) => sentences.map((s, i) => (s.heading ? 0 : scoreSet(sc, [i]))));
  // Each sentence's best challenge score (attribution, sharing, substance and mentions compare to it).
  const sentenceTop = sentences.map((_, i) => Math.max(...scored.map((_, c) => single[c][i])));
  const windowAround = scored.map(() => sentences.map(() => 0));
  for (let a = 0; a < body.length; a++) {
    const win: number[] = [];
    for (let b = a; b < body.length && win.length < t.windowSentences; b++) {
      // A window stays in one paragraph: evidence for a challenge must be concentrated in one
      // passage, not gathered from the end of one paragraph and the start of the next (those
      // count through the union of attributed sentences, at a discount).
      if (sentences[body[b]].paragraphPos !== sentences[body[a]].paragraphPos) break;
      win.push(body[b]);
    }
    const detailed = scored.map((sc) => scoreSetDetailed(sc, win));
    const top = Math.max(...detailed.map((d) => d.value));
    const main = detailed.findIndex((d) => d.value === top);
    scored.forEach((sc, c) => {
      // The other challenges are scored on the words the window's main challenge leaves over.
      const value =
        c === main || !t.attribution.exclusiveSharing
          ? detailed[c].value
          : scoreSet(sc, win, t.attribution.exclusiveAll ? detailed[main].candidates : detailed[main].used);
      for (const i of win) windowAround[c][i] = Math.max(windowAround[c][i], value);
    });
  }

  // Attribution: a sentence belongs to the challenges it scores best for (near-ties included);
  // elaboration sentences with no challenge words follow the sentence before them in the paragraph.
  const attributed = scored.map(() => new Set<number>());
  let previous: number[] = [];
  let previousPara = -1;
  const pendingLeading: number[] = [];
  for (const i of body) {
    const s = sentences[i];
    if (s.paragraphPos !== previousPara) {
      previous = [];
      previousPara = s.paragraphPos;
      pendingLeading.length = 0;
    }
    const best = sentenceTop[i];
    const owners: number[] = [];
    if (best >= t.attribution.elaboration) {
      scored.forEach((_, c) => {
        if (single[c][i] >= t.attribution.nearBest * best && windowAround[c][i] >= t.relevance.weak) owners.push(c);
      });
    }
    if (owners.length > 0) {
      for (const c of owners) {
        attributed[c].add(i);
        for (const j of pendingLeading) attributed[c].add(j);
      }
      pendingLeading.length = 0;
      previous = owners;
    } else if (best < t.attribution.elaboration && previous.length > 0) {
      for (const c of previous) attributed[c].add(i);
    } else if (best < t.attribution.elaboration) {
      pendingLeading.push(i);
    } else {
      previous = [];
    }
  }
  scored.forEach((sc, c) => {
    for (const i of sectionOf.get(sc.challenge.id) ?? []) attributed[c].add(i);
  });

  // Paragraph attribution: most essays give a challenge a paragraph. A paragraph belongs to every
  // challenge whose score over the whole paragraph is near its best one; all its sentences then
  // count as that challenge's passage (one paragraph may serve two challenges).
  const paragraphUnion = scored.map(() => 0);
  const byParagraph = new Map<number, number[]>();
  for (const i of body)
    byParagraph.set(sentences[i].paragraphPos, [...(byParagraph.get(sentences[i].paragraphPos) ?? []), i]);
  for (const indices of byParagraph.values()) {
    const detailed = scored.map((sc) => scoreSetDetailed(sc, indices));
    const best = Math.max(...detailed.map((d) => d.value));
    if (best < t.relevance.weak) continue;
    const main = detailed.findIndex((d) => d.value === best);
    // A challenge sharing the paragraph with its main one is scored on the essay words the main
    // one does not use: "staff" that shows the recruitment challenge's workforce does not also
    // show a performance-management challenge's staff.
    const values = detailed.map((d, c) =>
      c === main || !t.attribution.exclusiveSharing
        ? d.value
        : scoreSet(scored[c], indices, t.attribution.exclusiveAll ? detailed[main].candidates : detailed[main].used),
    );
    values.forEach((value, c) => {
      if (value < t.attribution.nearBest * best || value < t.relevance.weak) return;
      // A paragraph is shared with a challenge other than its main one only when that challenge
      // leads in some of its sentences: a word or two inside a paragraph about something else
      // ("before touching payroll or finance") do not make the paragraph about the budget.
      if (value < best) {
        const leading = indices.filter((i) => {
          const top = sentenceTop[i];
          return top >= t.attribution.elaboration && single[c][i] >= t.attribution.nearBest * top;
        }).length;
        if (leading < Math.min(t.attribution.minSharedSentences, indices.length)) return;
      }
      for (const i of indices) attributed[c].add(i);
      paragraphUnion[c] = Math.max(paragraphUnion[c], value);
    });
  }

  // Paragraphs that mention a challenge in passing: the challenge is the paragraph's main one and
  // the paragraph shows one of its discriminative units ("I would also keep an eye on the
  // budget."). Such a mention makes the challenge weak rather than missing.
  const mentionOf = scored.map(() => [] as number[]);
  if (t.mention.enabled) {
    for (const indices of byParagraph.values()) {
      const values = scored.map((sc) => scoreSet(sc, indices));
      const top = Math.max(...values);
      if (top <= 0) continue;
      const main = values.indexOf(top);
      if (mentionOf[main].length === 0 && specificCount(scored[main], indices, t.evidence.specificMatch) > 0)
        mentionOf[main] = indices;
    }
  }

  return scored.map((sc, c) => {
    const challenge = sc.challenge;
    let passage = [...attributed[c]].sort((a, b) => a - b);
    const heading = headingOf.get(challenge.id);
    const bestWindow = Math.max(0, ...windowAround[c]);
    if (trace) {
      const at = windowAround[c].indexOf(bestWindow);
      const win = body.filter(
        (i) => Math.abs(i - at) < t.windowSentences && sentences[i].section === sentences[at]?.section,
      );
      const units = challenge.units.map(
        (u, k) => `${u.label}=${sc.weights[k].toFixed(2)}:${Math.max(0, ...win.map((i) => sc.match[k][i])).toFixed(2)}`,
      );
      trace(
        `challenge ${challenge.id}: best window ${bestWindow.toFixed(3)} around "${sentences[at]?.text.slice(0, 60)}" | ${units.join(' ')}`,
      );
      trace(
        `  paragraph union ${paragraphUnion[c].toFixed(3)}, topicality ${topicality.toFixed(3)}, passage ${[...attributed[c]].map((i) => sentences[i].paragraph).join(',')}`,
      );
    }
    const spreadOut = passage.length > 0 ? scoreSet(sc, passage) * t.relevance.passageUnion : 0;
    let relevance = Math.max(bestWindow, spreadOut, paragraphUnion[c] * t.relevance.passageUnion);
    if (heading && (sectionOf.get(challenge.id)?.size ?? 0) > 0) relevance = Math.max(relevance, t.heading.relevance);
    // An essay devoted to one challenge uses little of the rest of the vacancy's vocabulary: its
    // own challenge's share over the whole essay counts as topicality too.
    // An essay whose words mostly belong to the job's field (its field share) is on the job even
    // when it shows little of the whole vacancy's vocabulary.
    // And an essay whose words mostly belong elsewhere (an essay for another post of the same
    // organisation) is not on the job however much of the vacancy's vocabulary it shares.
    const ownTopicality = Math.min(
      Math.max(topicality, scoreSet(sc, body) * t.topicality.ownChallenge, fieldShare * t.topicality.fieldShare),
      t.topicality.fieldCap > 0 ? fieldShare * t.topicality.fieldCap : Number.POSITIVE_INFINITY,
    );
    const rawRelevance = relevance;
    const topicalityFactor = clamp01((ownTopicality - topicalityOff) / (topicalityOn - topicalityOff));
    relevance *= topicalityFactor;

    // Substance: the candidate's own words in the passage, leaving out sentences that clearly
    // belong to another challenge (a paragraph shared with this one lends its relevance, but the
    // elaboration in its other sentences is about the other challenge).
    const substanceOf = (indices: number[]) => {
      const own = new Set<string>();
      let ownCount = 0;
      let contentCount = 0;
      let actions = 0;
      const kept = t.substance.ledSentencesOnly
        ? indices.filter((i) => {
            const top = sentenceTop[i];
            return top < t.attribution.elaboration || single[c][i] >= t.attribution.nearBest * top;
          })
        : indices;
      for (const i of kept) {
        const s = sentences[i];
        if (s.action) actions++;
        const translated = s.lang !== challenge.lang;
        for (const tok of s.tokens) {
          if (tok.number) continue;
          contentCount++;
          if (tok.keys.some((k) => model.literalKeys.has(k))) continue;
          if (tok.keys.some((k) => lex.generic.has(k))) continue;
          if (translated && tok.concepts.some((x) => challenge.concepts.has(x))) continue;
          ownCount++;
          own.add(tok.keys[0]);
        }
      }
      return { ownWords: own.size, novelty: contentCount === 0 ? 0 : ownCount / contentCount, actions };
    };
    let { ownWords, novelty, actions } = substanceOf(passage);
    const substantial = (x: { ownWords: number; novelty: number }, sentenceCount: number) =>
      x.ownWords >= t.substance.minOwnWords &&
      x.novelty >= t.substance.minNovelty &&
      sentenceCount >= t.substance.minSentences;

    // Distinct discriminative units in the passage (reported for the benchmark; as a gate on the
    // verdict it cost paraphrases more than it saved, see thresholds.yaml `evidence`).
    const specific = specificCount(sc, passage, t.evidence.specificMatch);

    let verdict: Verdict;
    // A challenge no sentence is mainly about was not addressed, even if a window about another
    // challenge shares some of its words.
    if (relevance < t.relevance.weak || passage.length === 0) {
      verdict = 'missing';
      if (mentionOf[c].length > 0 && topicalityFactor >= t.mention.minTopicalityFactor) {
        verdict = 'weak';
        passage = mentionOf[c];
        // A developed paragraph about this challenge more than any other, naming one of its
        // discriminative terms, in the candidate's own words: paraphrase, not a passing mention.
        const developed = substanceOf(passage);
        // The challenge's own evidence must run through more than one sentence: one sentence that
        // names it, however long its paragraph, is a mention.
        const leading = passage.filter((i) => {
          const top = sentenceTop[i];
          return single[c][i] >= t.attribution.elaboration && single[c][i] >= t.attribution.nearBest * top;
        }).length;
        if (t.mention.developed && substantial(developed, leading)) {
          verdict = 'covered';
          ({ ownWords, novelty, actions } = developed);
        }
      }
    } else if (relevance >= t.relevance.covered && substantial({ ownWords, novelty }, passage.length))
      verdict = 'covered';
    else verdict = 'weak';

    const relPart = clamp01(relevance / t.score.fullRelevance);
    const subPart = clamp01(ownWords / t.substance.fullOwnWords);
    const score =
      verdict === 'missing'
        ? band(t.score.missing, relevance / t.relevance.weak)
        : band(verdict === 'weak' ? t.score.weak : t.score.covered, (relPart + subPart) / 2);

    // Evidence: the heading, then the paragraphs whose sentences score best for the challenge.
    const evidence: Evidence[] = [];
    if (verdict !== 'missing') {
      if (heading) evidence.push({ paragraph: heading.paragraph, text: truncate(heading.text, t.evidence.maxChars) });
      const byParagraph = new Map<number, { score: number; indices: number[] }>();
      for (const i of passage) {
        const entry = byParagraph.get(sentences[i].paragraph) ?? { score: 0, indices: [] };
        entry.score = Math.max(entry.score, single[c][i]);
        entry.indices.push(i);
        byParagraph.set(sentences[i].paragraph, entry);
      }
      const ranked = [...byParagraph.entries()]
        .sort((a, b) => b[1].score - a[1].score)
        .slice(0, t.evidence.maxItems - evidence.length);
      ranked.sort((a, b) => a[0] - b[0]);
      for (const [paragraph, entry] of ranked) {
        evidence.push({
          paragraph,
          text: truncate(entry.indices.map((i) => sentences[i].text).join(' '), t.evidence.maxChars),
        });
      }
    }
    return {
      id: challenge.id,
      text: challenge.text,
      verdict,
      score,
      evidence,
      relevance: Math.round(relevance * 1000) / 1000,
      topicality: Math.round(topicality * 1000) / 1000,
      ownWords,
      novelty: Math.round(novelty * 1000) / 1000,
      actions,
      headingParagraph: heading?.paragraph,
      sentences: passage.length,
      specific,
      rawRelevance: Math.round(rawRelevance * 1000) / 1000,
      fieldShare: Math.round(fieldShare * 1000) / 1000,
    };
  });
}

/** The report's `challenges` section, computed once per screening. */
export function analyseCoverage(ctx: CheckContext): ChallengeResult[] {
  return ctx.memo('coverage', () =>
    analyseDocument(ctx.doc, ctx.vacancy).map(({ id, text, verdict, score, evidence }) => ({
      id,
      text,
      verdict,
      score,
      evidence,
    })),
  );
}
