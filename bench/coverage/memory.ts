/**
 * Per-process cost of the coverage analysis: heap and resident memory before and after the first
 * vacancy model and essay (lexicon, tagger, thesaurus reads), and after every labelled vacancy.
 *
 *   node --expose-gc --import tsx bench/coverage/memory.ts [--no-thesaurus]
 */
import { analyseDocument, coverageThresholds } from '../../src/checks/coverage/analysis.js';
import { docFromText } from '../../test/coverage/text-doc.js';
import { loadLabelled } from './labelled.js';

const gc = (globalThis as { gc?: () => void }).gc;
const snapshot = (label: string) => {
  gc?.();
  const m = process.memoryUsage();
  console.log(
    `${label.padEnd(44)} heap ${(m.heapUsed / 2 ** 20).toFixed(1)} MB, external ${(m.external / 2 ** 20).toFixed(1)} MB, rss ${(m.rss / 2 ** 20).toFixed(1)} MB`,
  );
};
const essays = loadLabelled().filter((e) => e.round <= 4);
const base = coverageThresholds();
const t = process.argv.includes('--no-thesaurus')
  ? { ...base, thesaurus: { ...base.thesaurus, enabled: false } }
  : base;
snapshot('before (modules loaded)');
const started = performance.now();
analyseDocument(docFromText(essays[0].text), essays[0].vacancy, t);
console.log(`first essay and vacancy model: ${(performance.now() - started).toFixed(0)} ms`);
snapshot('after the first vacancy and essay');
const seen = new Set<string>();
for (const e of essays) {
  if (seen.has(e.vacancy.reference)) continue;
  seen.add(e.vacancy.reference);
  const t0 = performance.now();
  analyseDocument(docFromText(e.text), e.vacancy, t);
  console.log(`  ${e.vacancy.reference}: model + essay ${(performance.now() - t0).toFixed(0)} ms`);
}
snapshot(`after all ${seen.size} vacancies`);
