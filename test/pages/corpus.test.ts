/**
 * Page counts over the real documents of ../shared/corpus/docx-pages (291 files with Word's or
 * LibreOffice's page count in manifest.csv): the agreement rates of issue 3, minus a small margin,
 * so that a regression in the layout engine, the evidence rules or the verdict fails CI.
 * Skips when the corpus is not next to the repository. Full figures: bench/pages/run.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { type CorpusRow, corpusAvailable, loadCorpusDoc, readManifest } from '../../bench/pages/corpus.js';
import { estimatePages, pageVerdict } from '../../src/pages/estimate.js';
import { withoutWordEvidence } from '../../src/pages/evidence.js';
import { layoutDocument } from '../../src/pages/layout.js';

interface Outcome {
  row: CorpusRow;
  layout: number;
  auto: number;
  range: [number, number];
}

const outcomes: Outcome[] = [];

describe.skipIf(!corpusAvailable())('page counts on the docx-pages corpus', () => {
  beforeAll(async () => {
    for (const row of readManifest()) {
      const { doc } = loadCorpusDoc(row);
      const layout = layoutDocument(withoutWordEvidence(doc)).pages;
      // Without a limit, `auto` never asks LibreOffice: this measures the engine without it.
      const auto = await estimatePages(doc, { engine: 'auto' });
      outcomes.push({ row, layout, auto: auto.count, range: auto.range });
    }
  }, 120_000);

  const wordTruth = () => outcomes.filter((o) => o.row.gtSource === 'word-app.xml');
  const share = (set: Outcome[], ok: (o: Outcome) => boolean) => set.filter(ok).length / set.length;

  it('reads every file of the corpus', () => {
    expect(outcomes.length).toBeGreaterThanOrEqual(290);
    expect(wordTruth().length).toBeGreaterThanOrEqual(170);
  });

  it("layout alone (Word's evidence removed) matches Word's own count on ~95 % of the Word-truth files", () => {
    expect(share(wordTruth(), (o) => o.layout === o.row.gtPages)).toBeGreaterThanOrEqual(0.935);
  });

  it('layout alone agrees with Word on "fits in 1 page" (~96 %) and "fits in 2 pages" (~99 %)', () => {
    expect(share(wordTruth(), (o) => o.layout <= 1 === o.row.gtPages <= 1)).toBeGreaterThanOrEqual(0.947);
    expect(share(wordTruth(), (o) => o.layout <= 2 === o.row.gtPages <= 2)).toBeGreaterThanOrEqual(0.975);
  });

  it('the auto engine (evidence allowed, no LibreOffice) is exact on ~96 % of all files', () => {
    expect(share(outcomes, (o) => o.auto === o.row.gtPages)).toBeGreaterThanOrEqual(0.945);
  });

  it('calls few files borderline and gets the within/over verdict right on the others', () => {
    for (const limit of [1, 2]) {
      const verdicts = outcomes.map((o) => ({ o, v: pageVerdict(o.range, limit) }));
      expect(share(outcomes, (o) => pageVerdict(o.range, limit) === 'borderline')).toBeLessThanOrEqual(0.055);
      const decided = verdicts.filter(({ v }) => v !== 'borderline');
      const right = decided.filter(({ o, v }) => (v === 'within') === o.row.gtPages <= limit).length;
      expect(right / decided.length).toBeGreaterThanOrEqual(0.98);
    }
  });
});
