/**
 * Font stand-ins: the names Word documents use resolve to the generated width tables, with
 * Word's known single-line heights and the clones' advance widths.
 */
import { describe, expect, it } from 'vitest';
import { FontBook } from '../../src/pages/fonts.js';

const book = new FontBook();

describe('font stand-ins', () => {
  it("gives Word's single line heights: Calibri 11 pt 13.43 pt, Times New Roman 12 pt 13.80 pt", () => {
    expect(book.face('Calibri', false, false).lineEm * 11).toBeCloseTo(13.43, 2);
    expect(book.face('Times New Roman', false, false).lineEm * 12).toBeCloseTo(13.8, 2);
  });

  it('resolves PostScript and styled names to the family and its face', () => {
    const regular = book.face('Times New Roman', false, false);
    expect(book.face('TimesNewRomanPSMT', false, false).metricsKey).toBe('liberation-serif');
    const bold = book.face('Times New Roman', true, false);
    // Lower-case "a" differs between the regular and the bold face.
    expect(book.face('TimesNewRomanPS-BoldMT', false, false).width(0x61)).toBe(bold.width(0x61));
    expect(book.face('Times New Roman Bold', false, false).width(0x61)).toBe(bold.width(0x61));
    expect(bold.width(0x61)).not.toBe(regular.width(0x61));
    expect(book.isKnown('timesnewroman')).toBe(true);
  });

  it('uses the metric clones: Courier New is 0.6 em wide, Arial "M" 0.833 em', () => {
    const courier = book.face('Courier New', false, false);
    for (const ch of 'iMW .,') expect(courier.width(ch.codePointAt(0) as number)).toBeCloseTo(1229 / 2048, 5);
    expect(book.face('Arial', false, false).width(0x4d)).toBeCloseTo(1706 / 2048, 4);
  });

  it('sets East-Asian ideographs one em wide and combining marks zero', () => {
    const face = book.face('Calibri', false, false);
    expect(face.width(0x4e2d)).toBe(1);
    expect(face.width(0x0301)).toBe(0);
  });

  it('falls back by name for unknown families, with low confidence', () => {
    const mono = book.face('Fira Code', false, false);
    expect(mono.fallback).toBe(true);
    expect(mono.metricsKey).toBe('liberation-mono');
    expect(book.face('Some Serif Pro', false, false).metricsKey).toBe('liberation-serif');
    expect(book.face('Grotesque Nouveau', false, false).metricsKey).toBe('liberation-sans');
    expect(mono.confidence).toBeLessThan(book.face('Calibri', false, false).confidence);
  });
});

describe("look-alike stand-ins with the real font's published line height", () => {
  const published = book.publishedLineHeights;

  it('the published measurements of Word reproduce the exact metrics we have, within 0.6 %', () => {
    // Source a measured these on Word's own PDF export; we have their metrics exactly (clones or
    // the real fonts' capsize figures): the check that its method gives Word's line height.
    const checked = Object.entries(published.check);
    expect(checked.length).toBeGreaterThanOrEqual(8);
    for (const [family, measured] of checked) {
      const exact = book.face(family, false, false).lineEm;
      expect(Math.abs(measured - exact) / exact, family).toBeLessThan(0.006);
    }
  });

  it('lists only figures two sources agree on within 2 %', () => {
    for (const [family, { a, b, c }] of Object.entries(published.lineHeights)) {
      const other = b ?? c;
      expect(other, family).toBeDefined();
      expect(Math.abs(a - (other as number)) / a, family).toBeLessThan(0.02);
    }
  });

  it('gives Garamond and Bookman Old Style their own line height, not the stand-ins', () => {
    const garamond = book.face('Garamond', false, false);
    expect(garamond.metricsKey).toBe('eb-garamond');
    expect(garamond.wordLineEm).toBe(1.125);
    expect(garamond.lineEm).toBeGreaterThan(1.2); // EB Garamond's own Windows metrics
    expect(book.face('Bookman Old Style', true, false).wordLineEm).toBe(1.178);
    // Names not listed in families.yaml too (the fallback rules pick their widths).
    expect(book.face('Cambria Math', false, false).wordLineEm).toBe(1.17);
    expect(book.face('ComicSansMS', false, false).wordLineEm).toBe(1.395);
    // Metric-compatible clones keep their own figures.
    expect(book.face('Calibri', false, false).wordLineEm).toBeUndefined();
  });

  it("scales a look-alike's widths to the real font's published average width (Comic Sans MS 958/904 of Arial)", () => {
    const arial = book.face('Arial', false, false);
    const comic = book.face('Comic Sans MS', false, false);
    expect(comic.width(0x61) / arial.width(0x61)).toBeCloseTo(958 / 904, 3);
    expect(comic.confidence).toBeLessThan(arial.confidence);
  });
});
