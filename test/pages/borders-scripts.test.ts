/**
 * Model features the layout needs beyond text: complex-script sizes (w:szCs), paragraph and table
 * borders, rows that skip grid columns (w:gridBefore) and picture effect extents. Each is read by
 * the real parser from a generated document, then shown to change the layout by the amount Word
 * gives it (worked out here from the markup, not read from the engine).
 */
import { describe, expect, it } from 'vitest';
import { fontBook } from '../../src/pages/fonts.js';
import { layoutDocument } from '../../src/pages/layout.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { A4_BODY_HEIGHT, A4_BODY_WIDTH, doc, lines, p } from './docs.js';

/** Liberation Serif / Times New Roman single line: (win ascent + descent + hhea gap) / 2048 em. */
const TIMES_EM = (1825 + 443 + 87) / 2048;
const CALIBRI_LINE_11 = (11 * 20 * (1950 + 550)) / 2048;

/** Top (twips from the body top) of each paragraph's first line, by paragraph index. */
function tops(body: string, options = {}): Map<number, number> {
  const layout = layoutDocument(doc(body, options), { trace: true });
  return new Map((layout.placements ?? []).map((at) => [at.paragraph, at.y]));
}

describe('complex-script text (Hebrew, Arabic…)', () => {
  const hebrew = 'שלום עולם זה טקסט';
  const run = (szCs: number, rtl = true) =>
    `<w:p><w:pPr><w:bidi/></w:pPr><w:r><w:rPr>${rtl ? '<w:rtl/>' : ''}<w:sz w:val="22"/><w:szCs w:val="${szCs}"/></w:rPr><w:t>${hebrew}</w:t></w:r></w:p>`;

  it('reads w:szCs, w:bCs and w:cs into the run format', () => {
    const model = doc(
      '<w:p><w:r><w:rPr><w:bCs/><w:iCs/><w:cs/><w:sz w:val="22"/><w:szCs w:val="40"/></w:rPr><w:t>x</w:t></w:r></w:p>',
    );
    const inline = model.bodyParagraphs[0].inlines[0];
    expect(inline).toMatchObject({
      sizePt: 11,
      sizeComplexPt: 20,
      boldComplex: true,
      italicComplex: true,
      complexScript: true,
    });
  });

  it('sets Hebrew letters at the complex-script size, not the Latin one', () => {
    const options = { font: 'Times New Roman' };
    // Each paragraph is one line: its height follows szCs (20 pt), although w:sz says 11 pt.
    const at = tops(run(40) + run(40) + p('end'), options);
    expect((at.get(2) ?? 0) - (at.get(1) ?? 0)).toBeCloseTo(20 * 20 * TIMES_EM, 0);
    // The same letters without w:rtl are still Hebrew, still set at 20 pt.
    const plain = tops(run(40, false) + p('end'), options);
    expect(plain.get(2)).toBeCloseTo(20 * 20 * TIMES_EM, 0);
  });

  it('uses 10 pt for complex-script text when nothing in the cascade gives w:szCs', () => {
    // Only w:sz (20 pt) anywhere, as files from tools that forget w:szCs have it.
    const rtl20 = '<w:rPr><w:rtl/><w:sz w:val="40"/></w:rPr>';
    const model = loadDoc(
      rawDocx({
        document: `<w:p><w:pPr>${rtl20}</w:pPr><w:r>${rtl20}<w:t>${hebrew}</w:t></w:r></w:p><w:p><w:r><w:t>end</w:t></w:r></w:p>`,
        styles:
          '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman"/><w:sz w:val="40"/></w:rPr></w:rPrDefault>' +
          '<w:pPrDefault><w:pPr><w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>',
      }),
    );
    expect(model.bodyParagraphs[0].inlines[0].sizeComplexPt).toBeUndefined();
    const at = new Map(
      (layoutDocument(model, { trace: true }).placements ?? []).map((x) => [x.paragraph, x.y] as const),
    );
    expect(at.get(2)).toBeCloseTo(10 * 20 * TIMES_EM, 0);
  });
});

describe('paragraph borders', () => {
  const bottom = '<w:pBdr><w:bottom w:val="single" w:sz="24" w:space="10" w:color="auto"/></w:pBdr>';
  // sz 24 = 3 pt = 60 twips of line; space 10 pt = 200 twips between text and line.
  const room = 60 + 200;

  it('reads the sides, widths (twips) and distances (twips)', () => {
    const model = doc(p('Ruled', bottom));
    expect(model.bodyParagraphs[0].borders).toEqual({ bottom: { style: 'single', width: 60, space: 200 } });
  });

  it('a bottom border pushes the next paragraph down by its width and distance', () => {
    const at = tops(p('Ruled', bottom) + p('Next'));
    expect(at.get(2)).toBeCloseTo(CALIBRI_LINE_11 + room, 0);
  });

  it('paragraphs with the same borders share one box: the line is drawn once, below the last', () => {
    const at = tops(p('One', bottom) + p('Two', bottom) + p('After'));
    expect((at.get(2) ?? 0) - (at.get(1) ?? 0)).toBeCloseTo(CALIBRI_LINE_11, 0);
    expect((at.get(3) ?? 0) - (at.get(2) ?? 0)).toBeCloseTo(CALIBRI_LINE_11 + room, 0);
  });

  it('a direct border side adds to the sides the style gives', () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="Boxed"><w:name w:val="Boxed"/><w:pPr><w:pBdr><w:top w:val="single" w:sz="8" w:space="1"/></w:pBdr></w:pPr></w:style>';
    const model = doc(p('x', `<w:pStyle w:val="Boxed"/>${bottom}`), { styles });
    expect(model.bodyParagraphs[0].borders).toEqual({
      top: { style: 'single', width: 20, space: 20 },
      bottom: { style: 'single', width: 60, space: 200 },
    });
  });
});

describe('table borders', () => {
  const row = (text: string) => `<w:tr><w:tc><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc></w:tr>`;
  const table = (borders: string, rows = 3) =>
    `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${borders}<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/></w:tblCellMar></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>${Array.from(
      { length: rows },
      (_, i) => row(`Row ${i + 1}`),
    ).join('')}</w:tbl>`;
  // sz 12 = 1.5 pt = 30 twips per horizontal line.
  const grid =
    '<w:tblBorders><w:top w:val="single" w:sz="12"/><w:left w:val="single" w:sz="12"/><w:bottom w:val="single" w:sz="12"/><w:right w:val="single" w:sz="12"/><w:insideH w:val="single" w:sz="12"/><w:insideV w:val="single" w:sz="12"/></w:tblBorders>';

  it('reads the table borders and a cell that switches one off', () => {
    const model = doc(
      `<w:tbl><w:tblPr>${grid}</w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcBorders><w:bottom w:val="nil"/></w:tcBorders></w:tcPr><w:p/></w:tc></w:tr></w:tbl>${p('')}`,
    );
    const t = model.blocks[0];
    if (t.kind !== 'table') throw new Error('expected a table first');
    expect(t.borders?.insideH).toEqual({ style: 'single', width: 30, space: 0 });
    expect(t.rows[0].cells[0].borders).toEqual({ bottom: null });
  });

  it('horizontal lines add their widths to the table: top, between rows and bottom', () => {
    const plain = tops(table('') + p('After'));
    const ruled = tops(table(grid) + p('After'));
    const after = (m: Map<number, number>) => [...m.entries()].at(-1)?.[1] ?? 0;
    // Three rows: the top line, two lines between rows, the bottom line.
    expect(after(ruled) - after(plain)).toBeCloseTo(4 * 30, 0);
  });

  it('a row of exact height keeps its lines within that height', () => {
    const exactRows = (borders: string) =>
      `<w:tbl><w:tblPr>${borders}</w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>${'<w:tr><w:trPr><w:trHeight w:val="600" w:hRule="exact"/></w:trPr><w:tc><w:p/></w:tc></w:tr>'.repeat(3)}</w:tbl>${p('After')}`;
    const plain = tops(exactRows(''));
    const ruled = tops(exactRows(grid));
    expect([...ruled.values()].at(-1)).toBeCloseTo([...plain.values()].at(-1) ?? 0, 0);
  });
});

describe('rows that skip grid columns', () => {
  it('a cell after w:gridBefore takes the width of the grid columns it covers', () => {
    const words = Array.from({ length: 40 }, () => 'word').join(' ');
    const table = `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="7000"/><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p/></w:tc></w:tr><w:tr><w:trPr><w:gridBefore w:val="1"/></w:trPr><w:tc><w:tcPr><w:tcW w:w="2000" w:type="dxa"/></w:tcPr><w:p><w:r><w:t>${words}</w:t></w:r></w:p></w:tc></w:tr></w:tbl>${p('')}`;
    const model = doc(table);
    const t = model.blocks[0];
    if (t.kind !== 'table') throw new Error('expected a table first');
    expect(t.rows[1].gridBefore).toBe(1);
    // 40 four-letter words in a 2000-twip column (less 2 x 108 cell margins) take many lines.
    const layout = layoutDocument(model);
    expect(layout.lastPageFill * A4_BODY_HEIGHT).toBeGreaterThan(8 * CALIBRI_LINE_11);
  });
});

describe('picture effect extents', () => {
  const picture = (effect: string) =>
    `<w:p><w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="914400" cy="914400"/>${effect}<wp:docPr id="1" name="Picture 1"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="1" name="p.png"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdMissing"/></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="914400" cy="914400"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>`;

  it('a shadow below an inline picture makes its line taller by the effect extent', () => {
    // b = 0.25 inch of shadow below the 1-inch picture.
    const shadowed = doc(picture('<wp:effectExtent l="0" t="0" r="0" b="228600"/>') + p('After'));
    expect(shadowed.drawings[0].effectExtentEmu).toEqual({ left: 0, top: 0, right: 0, bottom: 228600 });
    const at = new Map(
      (layoutDocument(shadowed, { trace: true }).placements ?? []).map((x) => [x.paragraph, x.y] as const),
    );
    const plain = new Map(
      (layoutDocument(doc(picture('') + p('After')), { trace: true }).placements ?? []).map(
        (x) => [x.paragraph, x.y] as const,
      ),
    );
    expect((at.get(2) ?? 0) - (plain.get(2) ?? 0)).toBeCloseTo(360, 0);
  });
});

describe('a page of bordered paragraphs', () => {
  it('fits fewer lines than a page of plain ones', () => {
    const bordered = '<w:pBdr><w:bottom w:val="single" w:sz="4" w:space="1"/></w:pBdr>';
    const n = Math.floor(A4_BODY_HEIGHT / CALIBRI_LINE_11);
    expect(layoutDocument(doc(lines(n))).pages).toBe(1);
    // Alternate bordered and plain paragraphs: each bordered one adds 10 + 20 twips.
    const mixed = Array.from({ length: n }, (_, i) => p(`Line ${i}`, i % 2 === 0 ? bordered : '')).join('');
    expect(layoutDocument(doc(mixed)).pages).toBe(2);
  });
});

describe('pair kerning (w:kern)', () => {
  it('sets kerned runs tighter, by the pairs of the font', () => {
    const face = fontBook().face('Times New Roman', false, false);
    const av = face.kern(0x41, 0x56);
    const va = face.kern(0x56, 0x41);
    expect(av).toBeLessThan(0);
    // "AVAVAV" words at 12 pt: how many fit the 9026-twip A4 line, plain and kerned.
    const size = 12 * 20;
    const word = 6 * face.width(0x41) * size;
    const kerned = word + (3 * av + 2 * va) * size;
    const space = face.width(0x20) * size;
    const perLine = (w: number) => Math.floor((A4_BODY_WIDTH + space) / (w + space));
    expect(perLine(kerned)).toBeGreaterThan(perLine(word));
    const words = perLine(kerned); // one kerned line's worth
    const text = Array.from({ length: words }, () => 'AVAVAV').join(' ');
    const run = (kern: string) =>
      `<w:p><w:r><w:rPr>${kern}<w:sz w:val="24"/></w:rPr><w:t>${text}</w:t></w:r></w:p>${p('end')}`;
    const options = { font: 'Times New Roman' };
    const line = 12 * 20 * TIMES_EM;
    expect(tops(run('<w:kern w:val="2"/>'), options).get(2)).toBeCloseTo(line, 0);
    expect(tops(run(''), options).get(2)).toBeCloseTo(2 * line, 0);
    // Kerning applies only from the given size up: 14 pt and above leaves 12 pt text alone.
    expect(tops(run('<w:kern w:val="28"/>'), options).get(2)).toBeCloseTo(2 * line, 0);
  });
});
