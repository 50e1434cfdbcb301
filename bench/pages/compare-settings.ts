/**
 * Measures the layout engine's agreement with the corpus truth under alternative behaviour
 * switches of rules/pages.yaml `layout` (one at a time), to record why each default was chosen.
 *
 *   npx tsx bench/pages/compare-settings.ts
 */

import { withoutWordEvidence } from '../../src/pages/evidence.js';
import { layoutDocument } from '../../src/pages/layout.js';
import type { LayoutConfig } from '../../src/pages/measure.js';
import { corpusAvailable, loadCorpusDoc, readManifest } from './corpus.js';

if (!corpusAvailable()) {
  console.error('The corpus ../shared/corpus/docx-pages is not here.');
  process.exit(2);
}
const docs = readManifest().map((row) => ({ row, doc: withoutWordEvidence(loadCorpusDoc(row).doc) }));
const variants: Array<[string, Partial<LayoutConfig>]> = [
  ['defaults (rules/pages.yaml)', {}],
  ['keepSpaceBeforeAtPageTop: true', { keepSpaceBeforeAtPageTop: true }],
  ["spaceBeforeAfterHardBreak: 'keep'", { spaceBeforeAfterHardBreak: 'keep' }],
  ["spaceBeforeAfterHardBreak: 'dropBeforeWord2013'", { spaceBeforeAfterHardBreak: 'dropBeforeWord2013' }],
  ['kerning: false', { kerning: false }],
  ['autoSpacingCollapsesInCells: false', { autoSpacingCollapsesInCells: false }],
  ['pageBreakBeforeCredit: false', { pageBreakBeforeCredit: false }],
  ['multipleLeadingBelow: false', { multipleLeadingBelow: false }],
  ['collapseParagraphSpacing: false (sum)', { collapseParagraphSpacing: false }],
  ["gridLineRule: 'wholePitches' (all lines)", { gridLineRule: 'wholePitches' }],
  ["gridLineRule: 'atLeastPitch'", { gridLineRule: 'atLeastPitch' }],
  ['gridTextInMiddle: false', { gridTextInMiddle: false }],
  [
    "gridLineRule: 'wholePitches', gridTextInMiddle: false (before)",
    { gridLineRule: 'wholePitches', gridTextInMiddle: false },
  ],
  ['inlineImageMultiple: true', { inlineImageMultiple: true }],
  ['wrapAreaShare: 1', { wrapAreaShare: 1 }],
  ['paragraphBorderShare: 0', { paragraphBorderShare: 0 }],
  ['tableBorderShare: 0', { tableBorderShare: 0 }],
  ['tableBorderShare: 0.5', { tableBorderShare: 0.5 }],
  ['wordLineHeights: false', { wordLineHeights: false }],
];
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const showChanges = process.argv.includes('--changes');
let defaults: number[] | undefined;
for (const [name, config] of variants) {
  if (only && name !== variants[0][0] && !name.startsWith(only)) continue;
  let word = 0;
  let wordExact = 0;
  let wordFits1 = 0;
  let allExact = 0;
  const counts = docs.map(({ doc }) => layoutDocument(doc, { config }).pages);
  docs.forEach(({ row }, i) => {
    const pages = counts[i];
    if (pages === row.gtPages) allExact++;
    if (row.gtSource === 'word-app.xml') {
      word++;
      if (pages === row.gtPages) wordExact++;
      if (pages <= 1 === row.gtPages <= 1) wordFits1++;
    }
  });
  console.log(
    `${name.padEnd(40)} Word-truth ${wordExact}/${word} (fits in 1: ${wordFits1}), all ${allExact}/${docs.length}`,
  );
  // With --changes: the files whose count this switch changes (truth, default count, this count).
  if (defaults && showChanges) {
    docs.forEach(({ row }, i) => {
      const was = (defaults as number[])[i];
      if (counts[i] !== was)
        console.log(`    ${row.file} (${row.gtSource}) truth ${row.gtPages}: ${was} -> ${counts[i]}`);
    });
  }
  defaults ??= counts;
}
