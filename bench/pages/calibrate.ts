/**
 * Calibrates the layout engine's uncertainty (rules/pages.yaml `uncertainty`) on the Word-truth
 * files of the docx-pages corpus, with Word's evidence removed from each file.
 *
 *   npx tsx bench/pages/calibrate.ts
 *
 * Prints the layout's error by how full its last page is, then, for a grid of (relative,
 * unknownFontExtra, approximationExtra), the share of files whose true count falls inside the
 * range and how often a 1-page or 2-page limit would be borderline. Pick the smallest error terms
 * that keep the truth inside the range for nearly every file; record the figures in pages.yaml.
 */
import { layoutRange, type UncertaintyRules, uncertaintyRules } from '../../src/pages/estimate.js';
import { withoutWordEvidence } from '../../src/pages/evidence.js';
import { type LayoutResult, layoutDocument } from '../../src/pages/layout.js';
import { corpusAvailable, loadCorpusDoc, readManifest } from './corpus.js';

if (!corpusAvailable()) {
  console.error('The corpus ../shared/corpus/docx-pages is not here.');
  process.exit(2);
}

const all = readManifest();
const items: Array<{ file: string; truth: number; word: boolean; layout: LayoutResult }> = [];
for (const row of all) {
  const { doc } = loadCorpusDoc(row);
  items.push({
    file: row.file,
    truth: row.gtPages,
    word: row.gtSource === 'word-app.xml',
    layout: layoutDocument(withoutWordEvidence(doc)),
  });
}
const word = items.filter((i) => i.word);

console.log('Layout error by last-page fill (Word-truth files): fewer / exact / more pages in Word');
const buckets = [0, 0.1, 0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 1.01];
for (let b = 0; b < buckets.length - 1; b++) {
  const inBucket = word.filter((i) => i.layout.lastPageFill >= buckets[b] && i.layout.lastPageFill < buckets[b + 1]);
  const fewer = inBucket.filter((i) => i.truth < i.layout.pages).length;
  const more = inBucket.filter((i) => i.truth > i.layout.pages).length;
  console.log(
    `  fill ${buckets[b].toFixed(2)}-${Math.min(1, buckets[b + 1]).toFixed(2)}: ${String(fewer).padStart(2)} / ${String(inBucket.length - fewer - more).padStart(3)} / ${String(more).padStart(2)}`,
  );
}
const byFont = (low: boolean) => word.filter((i) => i.layout.fontConfidence < 0.9 === low);
for (const low of [false, true]) {
  const set = byFont(low);
  const exact = set.filter((i) => i.truth === i.layout.pages).length;
  console.log(`  font confidence ${low ? '< 0.9' : '>= 0.9'}: ${exact}/${set.length} exact`);
}
const approx = word.filter((i) => i.layout.approximations.length > 0);
console.log(
  `  with approximated features: ${approx.filter((i) => i.truth === i.layout.pages).length}/${approx.length} exact`,
);

const current = uncertaintyRules();
function score(rules: UncertaintyRules, set = word) {
  let covered = 0;
  let border1 = 0;
  let border2 = 0;
  for (const i of set) {
    const [low, high] = layoutRange(i.layout, rules);
    if (i.truth >= low && i.truth <= high) covered++;
    if (low <= 1 && high > 1) border1++;
    if (low <= 2 && high > 2) border2++;
  }
  return { covered: covered / set.length, border1: border1 / set.length, border2: border2 / set.length };
}
console.log(
  '\nfewer  more  unknownFont approx | truth in range | borderline at limit 1 | at limit 2   (Word-truth files, layout only)',
);
for (const relativeFewer of [0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.08]) {
  for (const relativeMore of [0, 0.01, 0.02]) {
    for (const unknownFontExtra of [0, 0.1, 0.2]) {
      for (const approximationExtra of [0, 0.03]) {
        const s = score({ ...current, relativeFewer, relativeMore, unknownFontExtra, approximationExtra });
        console.log(
          `  ${relativeFewer.toFixed(2)}  ${relativeMore.toFixed(2)}  ${unknownFontExtra.toFixed(2)}        ${approximationExtra.toFixed(2)}  | ${(100 * s.covered).toFixed(1).padStart(5)} %        | ${(100 * s.border1).toFixed(1).padStart(5)} %              | ${(100 * s.border2).toFixed(1).padStart(5)} %`,
        );
      }
    }
  }
}
const now = score(current);
const nowAll = score(current, items);
console.log(
  `\ncurrent rules (${current.relativeFewer}, ${current.relativeMore}, ${current.unknownFontExtra}, ${current.approximationExtra}): Word-truth ${(100 * now.covered).toFixed(1)} % covered, borderline ${(100 * now.border1).toFixed(1)} % / ${(100 * now.border2).toFixed(1)} %; all files ${(100 * nowAll.covered).toFixed(1)} % covered, borderline ${(100 * nowAll.border1).toFixed(1)} % / ${(100 * nowAll.border2).toFixed(1)} %`,
);

// Confidence per source: how often the `auto` count (no LibreOffice) was exact, by what decided it.
const { estimatePages } = await import('../../src/pages/estimate.js');
const bySource = new Map<string, { n: number; exact: number }>();
for (const row of all) {
  const { doc } = loadCorpusDoc(row);
  const estimate = await estimatePages(doc, { engine: 'auto' });
  const clear = estimate.range[0] === estimate.range[1];
  const key =
    estimate.source.startsWith('layout') && estimate.source !== 'layout+word'
      ? `layout (${clear ? 'clear' : 'range'})`
      : estimate.source;
  const entry = bySource.get(key) ?? { n: 0, exact: 0 };
  entry.n++;
  if (estimate.count === row.gtPages) entry.exact++;
  bySource.set(key, entry);
}
console.log('\nauto engine, exact by deciding source (all files):');
for (const [key, { n, exact }] of bySource)
  console.log(`  ${key.padEnd(16)} ${exact}/${n} = ${((100 * exact) / n).toFixed(1)} %`);
