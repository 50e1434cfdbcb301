import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/document/model.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { p, r, textBoxRun, tr } from './wml.js';

const sectPr = (children: string) => `<w:sectPr>${children}</w:sectPr>`;

describe('sections', () => {
  it.each([
    {
      name: 'A4 portrait',
      props: '<w:pgSz w:w="11906" w:h="16838"/>',
      expect: { pageWidth: 11906, pageHeight: 16838, orientation: 'portrait', pageSizeDefaulted: false },
    },
    {
      name: 'Letter landscape by orient',
      props: '<w:pgSz w:w="15840" w:h="12240" w:orient="landscape"/>',
      expect: { pageWidth: 15840, pageHeight: 12240, orientation: 'landscape' },
    },
    {
      name: 'landscape by shape alone',
      props: '<w:pgSz w:w="16838" w:h="11906"/>',
      expect: { orientation: 'landscape' },
    },
    {
      name: 'no pgSz: Letter assumed',
      props: '<w:pgMar w:top="720" w:right="720" w:bottom="720" w:left="720" w:header="0" w:footer="0" w:gutter="0"/>',
      expect: { pageWidth: 12240, pageHeight: 15840, pageSizeDefaulted: true },
    },
  ])('page size: $name', ({ props, expect: expected }) => {
    const doc = loadDoc(rawDocx({ document: p('x'), sectPr: props }));
    expect(doc.sections).toHaveLength(1);
    expect(doc.sections[0]).toMatchObject(expected);
  });

  it('reads margins, columns, type, title page, grid and page numbering', () => {
    const props =
      '<w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/>' +
      '<w:pgMar w:top="567" w:right="851" w:bottom="1134" w:left="1418" w:header="284" w:footer="340" w:gutter="100"/>' +
      '<w:pgNumType w:start="3"/><w:cols w:num="2" w:space="425"/><w:titlePg/><w:docGrid w:type="lines" w:linePitch="360"/>';
    const section = loadDoc(rawDocx({ document: p('x'), sectPr: props })).sections[0];
    expect(section).toMatchObject({
      type: 'continuous',
      margins: { top: 567, right: 851, bottom: 1134, left: 1418, header: 284, footer: 340, gutter: 100 },
      columns: { count: 2, space: 425, equalWidth: true },
      titlePage: true,
      docGrid: { type: 'lines', linePitch: 360 },
      pageNumberStart: 3,
    });
  });

  it('reads unequal columns', () => {
    const props =
      '<w:pgSz w:w="11906" w:h="16838"/><w:cols w:num="2" w:space="720" w:equalWidth="0"><w:col w:w="3000" w:space="720"/><w:col w:w="5000"/></w:cols>';
    expect(loadDoc(rawDocx({ document: p('x'), sectPr: props })).sections[0].columns).toEqual({
      count: 2,
      space: 720,
      equalWidth: false,
      widths: [3000, 5000],
    });
  });

  it('gives Letter and default margins when the body has no sectPr at all', () => {
    const section = loadDoc(rawDocx({ document: p('x'), sectPr: false })).sections[0];
    expect(section).toMatchObject({
      pageWidth: 12240,
      pageHeight: 15840,
      pageSizeDefaulted: true,
      margins: { top: 1440, left: 1440 },
    });
  });

  it('splits the body at paragraph sectPr and numbers paragraphs by section', () => {
    const body =
      p('one') +
      p('two', sectPr('<w:pgSz w:w="11906" w:h="16838"/>')) +
      p('three', sectPr('<w:type w:val="nextPage"/><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/>')) +
      p('four') +
      sectPr('<w:type w:val="oddPage"/><w:pgSz w:w="12240" w:h="15840"/>');
    const doc = loadDoc(rawDocx({ document: body }));
    expect(doc.sections.map((s) => [s.index, s.pageWidth, s.orientation, s.type])).toEqual([
      [0, 11906, 'portrait', 'nextPage'],
      [1, 16838, 'landscape', 'nextPage'],
      [2, 12240, 'portrait', 'oddPage'],
    ]);
    expect(doc.bodyParagraphs.map((para) => [para.text, para.sectionIndex, para.endsSection])).toEqual([
      ['one', 0, undefined],
      ['two', 0, 0],
      ['three', 1, 1],
      ['four', 2, undefined],
    ]);
  });

  it('inherits header and footer references from the previous section', () => {
    const body =
      p(
        'first section',
        sectPr(
          '<w:headerReference w:type="default" r:id="rIdHeader1"/><w:footerReference w:type="default" r:id="rIdFooter1"/><w:pgSz w:w="11906" w:h="16838"/>',
        ),
      ) +
      p(
        'second section',
        sectPr('<w:headerReference w:type="first" r:id="rIdHeader2"/><w:titlePg/><w:pgSz w:w="11906" w:h="16838"/>'),
      ) +
      p('third') +
      sectPr('<w:headerReference w:type="default" r:id="rIdHeader2"/><w:pgSz w:w="11906" w:h="16838"/>');
    const doc = loadDoc(
      rawDocx({ document: body, headers: [p('Header one'), p('Header two')], footers: [p('Footer one')] }),
    );
    expect(doc.sections.map((s) => s.headers)).toEqual([
      { default: 'word/header1.xml' },
      { default: 'word/header1.xml', first: 'word/header2.xml' },
      { default: 'word/header2.xml', first: 'word/header2.xml' },
    ]);
    expect(doc.sections.map((s) => s.footers.default)).toEqual([
      'word/footer1.xml',
      'word/footer1.xml',
      'word/footer1.xml',
    ]);
    expect(doc.headerFooters['word/header1.xml']).toMatchObject({ kind: 'header', text: 'Header one' });
    expect(doc.headerFooters['word/footer1.xml']).toMatchObject({ kind: 'footer', text: 'Footer one' });
  });
});

describe('tables', () => {
  it('reads grid, widths, margins, rows and cells', () => {
    const body =
      '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/><w:tblInd w:w="113" w:type="dxa"/>' +
      '<w:tblCellMar><w:top w:w="20" w:type="dxa"/><w:left w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>' +
      '<w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="6000"/></w:tblGrid>' +
      '<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="400" w:hRule="exact"/><w:tblHeader/></w:trPr>' +
      `<w:tc><w:tcPr><w:tcW w:w="9000" w:type="dxa"/><w:gridSpan w:val="2"/><w:tcMar><w:left w:w="0" w:type="dxa"/></w:tcMar></w:tcPr>${p('Header')}</w:tc></w:tr>` +
      `<w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr>${p('A1')}</w:tc><w:tc>${p('B1')}</w:tc></w:tr>` +
      `<w:tr><w:trPr><w:trHeight w:val="300"/></w:trPr><w:tc><w:tcPr><w:vMerge/></w:tcPr>${p('')}</w:tc><w:tc>${p('B2')}</w:tc></w:tr>` +
      '</w:tbl>' +
      p('after');
    const doc = loadDoc(rawDocx({ document: body }));
    const table = doc.blocks[0] as Table;
    expect(table).toMatchObject({
      kind: 'table',
      index: 0,
      grid: [3000, 6000],
      widthPct: 100,
      indent: 113,
      cellMargins: { top: 20, right: 108, bottom: 0, left: 80 },
      floating: false,
      story: 'body',
    });
    expect(table.rows.map((row) => [row.height, row.heightRule, row.cantSplit, row.header, row.cells.length])).toEqual([
      [400, 'exact', true, true, 1],
      [undefined, 'auto', false, false, 2],
      [300, 'atLeast', false, false, 2],
    ]);
    expect(table.rows[0].cells[0]).toMatchObject({ width: 9000, gridSpan: 2, margins: { left: 0 } });
    expect(table.rows[1].cells[0].vMerge).toBe('restart');
    expect(table.rows[2].cells[0].vMerge).toBe('continue');
    const inTable = doc.bodyParagraphs.filter((para) => para.story === 'table');
    expect(inTable.map((para) => [para.text, para.table])).toEqual([
      ['Header', { tableIndex: 0, row: 0, cell: 0 }],
      ['A1', { tableIndex: 0, row: 1, cell: 0 }],
      ['B1', { tableIndex: 0, row: 1, cell: 1 }],
      ['', { tableIndex: 0, row: 2, cell: 0 }],
      ['B2', { tableIndex: 0, row: 2, cell: 1 }],
    ]);
    expect(doc.bodyParagraphs.map((para) => para.index)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(doc.text).toBe('Header\n\nA1\n\nB1\n\nB2\n\nafter');
  });

  it('reads nested tables, floating tables and rows wrapped in content controls', () => {
    const inner = `<w:tbl><w:tblGrid><w:gridCol w:w="1000"/></w:tblGrid>${tr('inner')}</w:tbl>`;
    const body =
      `<w:tbl><w:tblPr><w:tblpPr w:vertAnchor="text" w:tblpY="200"/></w:tblPr><w:tblGrid><w:gridCol w:w="4000"/></w:tblGrid>` +
      `<w:tr><w:tc>${p('outer')}${inner}${p('')}</w:tc></w:tr>` +
      `<w:sdt><w:sdtContent>${tr('in sdt')}</w:sdtContent></w:sdt></w:tbl>`;
    const doc = loadDoc(rawDocx({ document: body }));
    const outer = doc.blocks[0] as Table;
    expect(outer.floating).toBe(true);
    expect(outer.rows).toHaveLength(2);
    const nested = outer.rows[0].cells[0].blocks[1] as Table;
    expect(nested.kind).toBe('table');
    expect(nested.index).toBe(1);
    expect(doc.bodyParagraphs.map((para) => [para.text, para.table?.tableIndex])).toEqual([
      ['outer', 0],
      ['inner', 1],
      ['', 0],
      ['in sdt', 0],
    ]);
  });
});

describe('text boxes and drawings', () => {
  it('counts a DrawingML text box once although Word also writes a VML fallback', () => {
    const body = p(r('Anchor text ') + textBoxRun('Boxed words here')) + p('Next paragraph');
    const doc = loadDoc(rawDocx({ document: body }));
    expect(doc.textBoxes).toHaveLength(1);
    expect(doc.textBoxes[0]).toMatchObject({
      id: 0,
      anchorParagraph: 1,
      source: 'drawingml',
      widthEmu: 1828800,
      heightEmu: 914400,
      text: 'Boxed words here',
    });
    expect(doc.bodyParagraphs.map((para) => [para.index, para.story, para.text, para.textBoxId])).toEqual([
      [1, 'body', 'Anchor text ', undefined],
      [2, 'textbox', 'Boxed words here', 0],
      [3, 'body', 'Next paragraph', undefined],
    ]);
    expect(doc.wordCount).toBe(7);
    expect(doc.drawings).toHaveLength(1);
    expect(doc.drawings[0]).toMatchObject({
      id: 0,
      paragraph: 1,
      inline: false,
      wrap: 'square',
      isTextBox: true,
      isPicture: false,
      textBoxId: 0,
      source: 'drawingml',
      offsetEmu: { x: 127000, y: 254000, relativeFromH: 'column', relativeFromV: 'paragraph' },
    });
    const drawingInline = doc.bodyParagraphs[0].inlines.find((i) => i.kind === 'drawing');
    expect(drawingInline?.drawingId).toBe(0);
  });

  it('reads a VML-only text box', () => {
    const vml =
      '<w:r><w:pict><v:shape id="box" style="position:absolute;margin-left:36pt;margin-top:0;width:2in;height:1in;z-index:-1">' +
      `<v:textbox><w:txbxContent>${p('Legacy box text')}</w:txbxContent></v:textbox><w10:wrap type="square"/></v:shape></w:pict></w:r>`;
    const doc = loadDoc(rawDocx({ document: p(r('Before') + vml) }));
    expect(doc.textBoxes).toHaveLength(1);
    expect(doc.textBoxes[0]).toMatchObject({
      source: 'vml',
      text: 'Legacy box text',
      anchorParagraph: 1,
      widthEmu: 1828800,
      heightEmu: 914400,
    });
    expect(doc.drawings[0]).toMatchObject({
      source: 'vml',
      inline: false,
      isTextBox: true,
      wrap: 'square',
      offsetEmu: { x: 457200, y: 0 },
    });
    expect(doc.text).toBe('Before\n\nLegacy box text');
  });

  it('reads inline pictures and anchored pictures behind text', () => {
    const picture = (frame: string) =>
      `<w:r><w:drawing><${frame}><wp:extent cx="914400" cy="457200"/>${frame === 'wp:anchor behindDoc="1"' ? '<wp:wrapNone/>' : ''}<wp:docPr id="2" name="Picture"/>` +
      '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="x.png"/><pic:cNvPicPr/></pic:nvPicPr>' +
      `<pic:blipFill><a:blip r:embed="rIdImg"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData></a:graphic></${frame.split(' ')[0]}></w:drawing></w:r>`;
    const doc = loadDoc(rawDocx({ document: p(picture('wp:inline')) + p(picture('wp:anchor behindDoc="1"')) }));
    expect(
      doc.drawings.map((d) => [d.paragraph, d.inline, d.wrap, d.isPicture, d.isTextBox, d.widthEmu, d.heightEmu]),
    ).toEqual([
      [1, true, 'inline', true, false, 914400, 457200],
      [2, false, 'behindText', true, false, 914400, 457200],
    ]);
  });

  it('numbers text boxes in headers with the header, not the body', () => {
    const doc = loadDoc(rawDocx({ document: p('Body'), headers: [p(textBoxRun('Header box'))] }));
    expect(doc.bodyParagraphs.map((para) => para.text)).toEqual(['Body']);
    const headerBox = doc.paragraphs.find((para) => para.text === 'Header box');
    expect(headerBox).toMatchObject({ story: 'header', textBoxId: 0, partId: 'word/header1.xml' });
    expect(doc.text).toBe('Body');
  });
});

describe('rendered page breaks', () => {
  it('counts lastRenderedPageBreak per paragraph, not inside text boxes', () => {
    const lrpb = '<w:r><w:lastRenderedPageBreak/><w:t>x</w:t></w:r>';
    const boxWithBreak = textBoxRun('box').replace(
      '<w:txbxContent><w:p>',
      '<w:txbxContent><w:p><w:r><w:lastRenderedPageBreak/></w:r>',
    );
    const body = p(lrpb + lrpb) + p('plain') + p(lrpb + boxWithBreak);
    const doc = loadDoc(rawDocx({ document: body }));
    expect(doc.bodyParagraphs.map((para) => para.lastRenderedPageBreaks)).toEqual([2, 0, 1, 0]);
  });

  it('reads page, column and line breaks', () => {
    const body = p(
      `${r('a')}<w:r><w:br w:type="page"/></w:r>${r('b')}<w:r><w:br w:type="column"/></w:r><w:r><w:br/><w:cr/></w:r>${r('c')}`,
    );
    const para = loadDoc(rawDocx({ document: body })).bodyParagraphs[0];
    expect(para.inlines.filter((i) => i.kind === 'break').map((i) => i.breakType)).toEqual([
      'page',
      'column',
      'textWrapping',
      'textWrapping',
    ]);
    expect(para.text).toBe('a\nb\n\n\nc');
  });
});
