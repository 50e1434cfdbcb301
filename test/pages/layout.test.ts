/**
 * The layout engine on generated documents with known geometry: how many lines fit an A4 page
 * (2.54 cm margins) for each font, size and line rule, and Word's pagination rules.
 *
 * Expected counts are worked out here from the fonts' published metrics (OS/2 Windows ascent +
 * descent + hhea external leading, per 2048 units) and the page geometry, not read from the engine.
 */
import { describe, expect, it } from 'vitest';
import { countPagesOn, layoutDocument } from '../../src/pages/layout.js';
import { loadDoc } from '../helpers/docx.js';
import { A4, A4_BODY_HEIGHT, A4_BODY_WIDTH, buildDoc, doc, LETTER, lines, p } from './docs.js';

/** Word's single line height in twips: size (pt) x 20 x em height. */
const lineTwips = (sizePt: number, emUnits: number) => (sizePt * 20 * emUnits) / 2048;
const CALIBRI_EM = 1950 + 550; // win ascent + descent, no external leading
const TIMES_EM = 1825 + 443 + 87; // win ascent + descent + hhea line gap beyond them
const ARIAL_EM = 1854 + 434 + 67;
const COURIER_EM = 1705 + 615;
/** Courier New's fixed advance: 1229/2048 em. */
const courierCharTwips = (sizePt: number) => (sizePt * 20 * 1229) / 2048;

/** Lines per page when each line is `height` and the last must only fit its text (`fit`). */
const perPage = (height: number, fit = height) => Math.floor((A4_BODY_HEIGHT - fit) / height + 1e-9) + 1;

const pagesOf = (body: string, options = {}) => layoutDocument(doc(body, options)).pages;

describe('lines per A4 page, single spacing', () => {
  const cases = [
    { font: 'Calibri', size: 11, em: CALIBRI_EM },
    { font: 'Times New Roman', size: 12, em: TIMES_EM },
    { font: 'Arial', size: 10, em: ARIAL_EM },
    { font: 'Courier New', size: 10, em: COURIER_EM },
    { font: 'Calibri', size: 14, em: CALIBRI_EM },
  ];
  for (const c of cases) {
    const n = perPage(lineTwips(c.size, c.em));
    it(`${c.font} ${c.size} pt: ${n} lines fill one page, ${n + 1} need two`, () => {
      const options = { font: c.font, sizeHalfPoints: c.size * 2 };
      expect(pagesOf(lines(n), options)).toBe(1);
      expect(pagesOf(lines(n + 1), options)).toBe(2);
    });
  }
});

describe("fonts known only by a look-alike take the real font's published line height", () => {
  // Garamond: Word sets "single" at 1.125 em (rules/fonts/word-line-heights.yaml); its stand-in,
  // EB Garamond, has Windows ascent + descent 910 + 324 per 1000 (1.234 em).
  const garamond = (em: number) => perPage(11 * 20 * em);
  const options = { font: 'Garamond', sizeHalfPoints: 22 };
  it(`Garamond 11 pt: ${garamond(1.125)} lines fill one page`, () => {
    expect(pagesOf(lines(garamond(1.125)), options)).toBe(1);
    expect(pagesOf(lines(garamond(1.125) + 1), options)).toBe(2);
  });
  it(`with the switch off, the stand-in's own metrics: ${garamond(1.234)} lines`, () => {
    const n = garamond(1.234);
    const off = (body: string) => layoutDocument(doc(body, options), { config: { wordLineHeights: false } }).pages;
    expect(n).toBeLessThan(garamond(1.125));
    expect(off(lines(n))).toBe(1);
    expect(off(lines(n + 1))).toBe(2);
  });
});

describe('line rules', () => {
  const single = lineTwips(11, CALIBRI_EM);
  it('double spacing (auto 480): the extra leading below the last line may run past the margin', () => {
    const n = perPage(single * 2, single);
    const spacing = '<w:spacing w:after="0" w:line="480" w:lineRule="auto"/>';
    expect(pagesOf(lines(n), { spacing })).toBe(1);
    expect(pagesOf(lines(n + 1), { spacing })).toBe(2);
  });
  it('1.5 lines of Times New Roman 12 pt', () => {
    const tnr = lineTwips(12, TIMES_EM);
    const n = perPage(tnr * 1.5, tnr);
    const options = {
      font: 'Times New Roman',
      sizeHalfPoints: 24,
      spacing: '<w:spacing w:after="0" w:line="360" w:lineRule="auto"/>',
    };
    expect(pagesOf(lines(n), options)).toBe(1);
    expect(pagesOf(lines(n + 1), options)).toBe(2);
  });
  it('exact 15 pt lines', () => {
    const n = perPage(300);
    const spacing = '<w:spacing w:after="0" w:line="300" w:lineRule="exact"/>';
    expect(pagesOf(lines(n), { spacing })).toBe(1);
    expect(pagesOf(lines(n + 1), { spacing })).toBe(2);
  });
  it('at least 20 pt lines with an 11 pt font take 20 pt', () => {
    const n = perPage(400);
    const spacing = '<w:spacing w:after="0" w:line="400" w:lineRule="atLeast"/>';
    expect(pagesOf(lines(n), { spacing })).toBe(1);
    expect(pagesOf(lines(n + 1), { spacing })).toBe(2);
  });
  it('a document grid of 20 pt pitch gives every 11 pt line one pitch, the last one whole', () => {
    const sectExtra = '<w:docGrid w:type="lines" w:linePitch="400"/>';
    expect(pagesOf(lines(perPage(400)), { sectExtra })).toBe(1);
    expect(pagesOf(lines(perPage(400) + 1), { sectExtra })).toBe(2);
  });
  it('with the text-in-the-middle hypothesis switched on, the last grid line needs its text and the half pitch above', () => {
    // Off by default (rules/pages.yaml): only one corpus file speaks for it.
    const n = perPage(400, (400 + single) / 2);
    const sectExtra = '<w:docGrid w:type="lines" w:linePitch="400"/>';
    expect(n).toBeGreaterThan(perPage(400));
    const middle = (body: string) =>
      layoutDocument(doc(body, { sectExtra }), { config: { gridTextInMiddle: true } }).pages;
    expect(middle(lines(n))).toBe(1);
    expect(middle(lines(n + 1))).toBe(2);
  });
});

describe('lines taller than the document grid pitch', () => {
  // Grid pitch 15.6 pt (312 twips); a 24 pt Calibri line is 24 x 20 x 2500/2048 = 586 twips.
  const sectExtra = '<w:docGrid w:type="lines" w:linePitch="312"/>';
  const big = '<w:rPr><w:sz w:val="48"/></w:rPr>';
  const heading = (text: string) => `<w:p><w:r>${big}<w:t>${text}</w:t></w:r></w:p>`;
  const secondTop = (text: string, config = {}) => {
    const placed = layoutDocument(doc(heading(text) + p('Body'), { sectExtra }), { trace: true, config }).placements;
    return placed?.[1]?.y ?? Number.NaN;
  };
  it('a Latin heading keeps its own height', () => {
    expect(secondTop('Personal Statement')).toBeCloseTo(lineTwips(24, CALIBRI_EM), 0);
  });
  it('a heading with East-Asian characters takes whole pitches (two here)', () => {
    expect(secondTop('个人陈述')).toBe(624);
  });
  it("with 'wholePitches' every taller line takes whole pitches", () => {
    expect(secondTop('Personal Statement', { gridLineRule: 'wholePitches' })).toBe(624);
  });
});

describe('paragraph spacing', () => {
  const single = lineTwips(11, CALIBRI_EM);
  it('space after 10 pt between one-line paragraphs', () => {
    const spacing = '<w:spacing w:after="200" w:line="240" w:lineRule="auto"/>';
    const n = perPage(single + 200, single);
    expect(pagesOf(lines(n), { spacing })).toBe(1);
    expect(pagesOf(lines(n + 1), { spacing })).toBe(2);
  });
  it('contextual spacing drops the space between paragraphs of the same style', () => {
    const spacing = '<w:spacing w:after="200" w:line="240" w:lineRule="auto"/><w:contextualSpacing/>';
    const n = perPage(single);
    expect(pagesOf(lines(n), { spacing })).toBe(1);
  });
});

describe('line breaking', () => {
  // Courier New 10 pt on A4 with 2.54 cm margins: 75 characters a line, so 15 words of 4 letters
  // and their spaces (the 15th word's space hangs past the margin).
  const charsPerLine = Math.floor(A4_BODY_WIDTH / courierCharTwips(10));
  const wordsPerLine = Math.floor((charsPerLine + 1) / 5);
  const text = (words: number) => Array.from({ length: words }, () => 'abcd').join(' ');
  const courier = { font: 'Courier New', sizeHalfPoints: 20 };
  const courierPage = perPage(lineTwips(10, COURIER_EM));

  it(`sets ${wordsPerLine} four-letter words a line: a paragraph of a page of lines fits one page`, () => {
    expect(charsPerLine).toBe(75);
    expect(pagesOf(p(text(wordsPerLine * courierPage)), courier)).toBe(1);
    expect(pagesOf(p(text(wordsPerLine * courierPage + 1)), courier)).toBe(2);
  });

  it('breaks a word longer than the line between characters', () => {
    const long = 'x'.repeat(charsPerLine * 3);
    const layout = layoutDocument(doc(p(long), courier));
    const height = lineTwips(10, COURIER_EM);
    expect(layout.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(3 * height, 0);
  });

  it('indents narrow the line: a right indent of half the width doubles the lines', () => {
    const words = wordsPerLine * 10;
    const full = layoutDocument(doc(p(text(words)), courier)).lastPageFill;
    const half = layoutDocument(
      doc(p(text(words), `<w:ind w:right="${Math.round(A4_BODY_WIDTH / 2)}"/>`), courier),
    ).lastPageFill;
    expect(half / full).toBeGreaterThan(1.9);
    expect(half / full).toBeLessThan(2.3);
  });
});

describe("Word's pagination rules", () => {
  const courier = { font: 'Courier New', sizeHalfPoints: 20 };
  const height = lineTwips(10, COURIER_EM);
  const page = perPage(height);
  const threeLines = Array.from({ length: 40 }, () => 'abcd').join(' '); // 40 words: 3 lines of 15

  it('widow/orphan control moves a 3-line paragraph whole rather than leave one line alone', () => {
    const body = lines(page - 2) + p(threeLines);
    const guarded = layoutDocument(doc(body, courier));
    expect(guarded.pages).toBe(2);
    expect(guarded.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(3 * height, 0);
    const unguarded = layoutDocument(doc(lines(page - 2) + p(threeLines, '<w:widowControl w:val="0"/>'), courier));
    expect(unguarded.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(1 * height, 0);
  });

  it('keep with next carries a heading over to the page of the paragraph it introduces', () => {
    const kept = layoutDocument(doc(lines(page - 1) + p('Heading', '<w:keepNext/>') + p('Text'), courier));
    expect(kept.pages).toBe(2);
    expect(kept.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(2 * height, 0);
    const loose = layoutDocument(doc(lines(page - 1) + p('Heading') + p('Text'), courier));
    expect(loose.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(1 * height, 0);
  });

  it('keep lines together moves a paragraph that would split', () => {
    const kept = layoutDocument(
      doc(lines(page - 2) + p(threeLines, '<w:keepLines/><w:widowControl w:val="0"/>'), courier),
    );
    expect(kept.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(3 * height, 0);
  });

  it('a hard page break starts a new page', () => {
    expect(pagesOf(p('One') + '<w:p><w:r><w:br w:type="page"/></w:r><w:r><w:t>Two</w:t></w:r></w:p>')).toBe(2);
    expect(pagesOf(p('One') + p('Two', '<w:pageBreakBefore/>'))).toBe(2);
  });

  it('space before at the top of a page: dropped after a page break, kept (less the space after above) for "page break before"', () => {
    // Word 2010 layout (compatibility mode 14): a paragraph holding only a page break keeps its
    // mark on the page before, so the heading is the first thing on page 2.
    const word2010 =
      '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="14"/></w:compat>';
    const topOfPage2 = (body: string) => {
      const layout = layoutDocument(doc(body, { settings: word2010 }), { trace: true });
      return layout.placements?.find((at) => at.page === 2)?.y;
    };
    const heading = (pPr = '') => p('Heading', `<w:spacing w:before="480"/>${pPr}`);
    // A paragraph holding only a page break, then the heading: its 24 pt before is dropped.
    expect(topOfPage2(p('One') + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>' + heading())).toBe(0);
    // "Page break before": kept, less the 200 twips after of the paragraph that ended page 1.
    expect(topOfPage2(p('One', '<w:spacing w:after="200"/>') + heading('<w:pageBreakBefore/>'))).toBe(280);
  });

  it('a next-page section break starts a new page; a continuous one does not', () => {
    // A section's w:type says how that section starts: here the second (final) section's.
    const firstSection = `<w:p><w:pPr><w:sectPr><w:pgSz w:w="${A4.width}" w:h="${A4.height}"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/></w:sectPr></w:pPr><w:r><w:t>End of section one</w:t></w:r></w:p>`;
    const body = firstSection + p('Section two');
    expect(pagesOf(body, { sectExtra: '<w:type w:val="nextPage"/>' })).toBe(2);
    expect(pagesOf(body, { sectExtra: '<w:type w:val="continuous"/>' })).toBe(1);
    expect(pagesOf(body, { sectExtra: '<w:type w:val="evenPage"/>' })).toBe(2);
    // An odd-page section after page 1 leaves page 2 blank.
    expect(pagesOf(body, { sectExtra: '<w:type w:val="oddPage"/>' })).toBe(3);
  });
});

describe('tables, pictures, headers', () => {
  it('rows of exact height: as many as fit, then the next page', () => {
    const rowsPerPage = Math.floor(A4_BODY_HEIGHT / 1000);
    const table = (rows: number) =>
      `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="4513"/><w:gridCol w:w="4513"/></w:tblGrid>${Array.from(
        { length: rows },
        (_, i) =>
          `<w:tr><w:trPr><w:trHeight w:val="1000" w:hRule="exact"/></w:trPr><w:tc><w:p><w:r><w:t>Row ${i + 1}</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>`,
      ).join('')}</w:tbl>`;
    // The paragraph Word always keeps after a table needs a line of its own.
    const single = lineTwips(11, CALIBRI_EM);
    const fitting = Math.floor((A4_BODY_HEIGHT - single) / 1000);
    expect(pagesOf(table(fitting) + p(''))).toBe(1);
    expect(pagesOf(table(rowsPerPage + 1) + p(''))).toBe(2);
  });

  it('a row takes the height of its tallest cell', () => {
    const single = lineTwips(11, CALIBRI_EM);
    const cell = (n: number) => `<w:tc>${lines(n)}</w:tc>`;
    const layout = layoutDocument(
      doc(
        `<w:tbl><w:tblGrid><w:gridCol w:w="4513"/><w:gridCol w:w="4513"/></w:tblGrid><w:tr>${cell(3)}${cell(7)}</w:tr></w:tbl>${p('')}`,
      ),
    );
    expect(layout.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(8 * single, 0);
  });

  it('an inline picture makes its line as tall as the picture', () => {
    const cy = 914400 * 3; // 3 inches
    const drawing = `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="914400" cy="${cy}"/><wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdMissing"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="${cy}"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;
    const layout = layoutDocument(doc(drawing));
    const descent = (11 * 20 * 550) / 2048;
    expect(layout.lastPageFill * A4_BODY_HEIGHT).toBeCloseTo(3 * 1440 + descent, 0);
  });

  it('a header taller than the top margin pushes the body down', () => {
    const courier = { font: 'Courier New', sizeHalfPoints: 20 };
    const height = lineTwips(10, COURIER_EM);
    const headerBottom = 708 + 10 * height; // header distance + ten lines
    const body = A4.height - headerBottom - 1440;
    const n = Math.floor(body / height + 1e-9);
    const options = { ...courier, headers: [lines(10, 'Header')] };
    expect(n).toBeLessThan(perPage(height));
    expect(pagesOf(lines(n), options)).toBe(1);
    expect(pagesOf(lines(n + 1), options)).toBe(2);
  });
});

describe('countPagesOn', () => {
  it('lays the same text out on A4 when the document is on Letter', () => {
    const single = lineTwips(11, CALIBRI_EM);
    const letterBody = LETTER.height - 2 * 1440;
    const n = Math.floor(letterBody / single) + 1; // one line too many for Letter, fine for A4
    expect(n).toBeLessThanOrEqual(perPage(single));
    const letterDoc = loadDoc(buildDoc(lines(n), { page: LETTER }));
    expect(layoutDocument(letterDoc).pages).toBe(2);
    expect(countPagesOn(letterDoc, A4)).toBe(1);
  });
});

describe('fonts without metrics', () => {
  it('fall back to a similar font and lower the confidence', () => {
    const known = layoutDocument(doc(lines(5)));
    const unknown = layoutDocument(doc(lines(5), { font: 'Made Up Grotesk' }));
    expect(known.fontConfidence).toBe(1);
    expect(unknown.fontConfidence).toBeLessThan(0.6);
    expect(unknown.fonts[0]).toMatchObject({ family: 'Made Up Grotesk', known: false });
  });
});
