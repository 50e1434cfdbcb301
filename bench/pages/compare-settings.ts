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
  ['multipleLeadingBelow: false', { multipleLeadingBelow: false }],
  ['collapseParagraphSpacing: false (sum)', { collapseParagraphSpacing: false }],
  ["gridLineRule: 'atLeastPitch'", { gridLineRule: 'atLeastPitch' }],
  ['inlineImageMultiple: true', { inlineImageMultiple: true }],
  ['wrapAreaShare: 1', { wrapAreaShare: 1 }],
];
for (const [name, config] of variants) {
  let word = 0;
  let wordExact = 0;
  let allExact = 0;
  for (const { row, doc } of docs) {
    const pages = layoutDocument(doc, { config }).pages;
    if (pages === row.gtPages) allExact++;
    if (row.gtSource === 'word-app.xml') {
      word++;
      if (pages === row.gtPages) wordExact++;
    }
  }
  console.log(`${name.padEnd(40)} Word-truth ${wordExact}/${word}, all ${allExact}/${docs.length}`);
}
