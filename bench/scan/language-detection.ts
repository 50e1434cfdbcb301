/**
 * What franc-min language detection costs per essay, and whether cheaper settings change the
 * en / fr / other answer (the report's language field). Measures; changes nothing.
 *
 *   npx tsx bench/scan/language-detection.ts
 */
import { franc } from 'franc-min';
import { readCorpus } from '../../test/duplicates/generate.js';

const texts = ['nato-llm', 'l2-argumentative', 'outfox', 'ungdc-human']
  .flatMap((n) => readCorpus(n))
  .map((t) => t.text);
// Official languages of NATO members and partners likely to appear, plus Scots (franc's near-English).
const european = [
  'eng',
  'fra',
  'sco',
  'deu',
  'spa',
  'ita',
  'por',
  'nld',
  'pol',
  'ron',
  'tur',
  'rus',
  'ukr',
  'ces',
  'hun',
  'swe',
  'dan',
  'nob',
  'fin',
  'ell',
  'bul',
  'hrv',
  'srp',
  'slk',
  'slv',
  'lit',
  'lav',
  'est',
  'cat',
  'glg',
  'eus',
];
const answer = (code: string) => (code === 'eng' || code === 'sco' ? 'en' : code === 'fra' ? 'fr' : 'other');
const current = texts.map((t) => answer(franc(t.slice(0, 3000), { minLength: 20 })));

const variants: [string, (t: string) => string][] = [
  ['3,000 characters, all languages (now)', (t) => franc(t.slice(0, 3000), { minLength: 20 })],
  ['1,000 characters, all languages', (t) => franc(t.slice(0, 1000), { minLength: 20 })],
  ['3,000 characters, 31 European languages', (t) => franc(t.slice(0, 3000), { minLength: 20, only: european })],
  ['1,000 characters, 31 European languages', (t) => franc(t.slice(0, 1000), { minLength: 20, only: european })],
];
console.log(`${texts.length} texts`);
for (const [label, detect] of variants) {
  for (const t of texts.slice(0, 50)) detect(t); // warm-up
  const started = performance.now();
  const out = texts.map(detect);
  const ms = (performance.now() - started) / texts.length;
  const same = out.filter((code, i) => answer(code) === current[i]).length;
  console.log(`${label.padEnd(42)} ${ms.toFixed(2)} ms/text   same answer on ${same}/${texts.length}`);
}
