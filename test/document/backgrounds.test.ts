/**
 * What lies behind text (table-cell, table-style, table and text-box fills, shapes under a
 * transparent box) and the letter effects that keep text readable (emboss, engrave, outline,
 * shadow, Word 2010 text fill and outline): recorded by the parser and judged by visibility.ts.
 */
import { describe, expect, it } from 'vitest';
import type { DocModel, Inline, Paragraph } from '../../src/document/model.js';
import { backgroundOf, invisibleReason, visibleText } from '../../src/document/visibility.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { cStyle, p, r } from './wml.js';

const WHITE = '<w:color w:val="FFFFFF"/>';

/** Theme colours as Word's Office theme has them (accent1 blue, dk2 navy). */
const THEME =
  '<a:clrScheme name="Test"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1>' +
  '<a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4472C4"/></a:accent1>' +
  '<a:accent2><a:srgbClr val="ED7D31"/></a:accent2></a:clrScheme>' +
  '<a:fontScheme name="Test"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/></a:minorFont></a:fontScheme>';

const load = (document: string, styles?: string): DocModel => loadDoc(rawDocx({ document, styles, theme: THEME }));

const byText = (doc: DocModel, text: string): Paragraph => {
  const found = doc.paragraphs.find((para) => para.text.includes(text));
  if (!found) throw new Error(`no paragraph with "${text}"`);
  return found;
};

const firstRun = (para: Paragraph): Inline => {
  const inline = para.inlines.find((i) => i.kind === 'text');
  if (!inline) throw new Error(`paragraph ${para.index} has no text`);
  return inline;
};

/** The reason the first run of the paragraph holding `text` is invisible (undefined: visible). */
const reasonFor = (doc: DocModel, text: string) => {
  const para = byText(doc, text);
  return invisibleReason(firstRun(para), para);
};

const cell = (content: string, tcPr = ''): string => `<w:tc>${tcPr ? `<w:tcPr>${tcPr}</w:tcPr>` : ''}${content}</w:tc>`;
const shd = (fill: string): string => `<w:shd w:val="clear" w:color="auto" w:fill="${fill}"/>`;
const table = (rows: string[], tblPr = ''): string =>
  `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/>${tblPr}</w:tblPr><w:tblGrid><w:gridCol w:w="4500"/><w:gridCol w:w="4500"/></w:tblGrid>${rows.map((row) => `<w:tr>${row}</w:tr>`).join('')}</w:tbl>`;

describe('table fills', () => {
  it('records a cell shading as the background of its paragraphs; paragraph shading wins', () => {
    const doc = load(
      table([
        cell(p(r('dark cell', WHITE)), shd('1F3864')) +
          cell(p(r('shaded paragraph', WHITE), `<w:shd w:val="clear" w:fill="FFFFFF"/>`), shd('1F3864')),
      ]),
    );
    const firstCell = doc.blocks[0].kind === 'table' ? doc.blocks[0].rows[0].cells[0] : undefined;
    expect(firstCell?.fill).toBe('1F3864');
    expect(byText(doc, 'dark cell').background).toBe('1F3864');
    expect(byText(doc, 'shaded paragraph').background).toBe('FFFFFF');
    expect(reasonFor(doc, 'dark cell')).toBeUndefined();
    expect(reasonFor(doc, 'shaded paragraph')).toBe('white');
  });

  it('judges white text in a white cell invisible, and auto text in a dark cell visible', () => {
    const doc = load(table([cell(p(r('white on white', WHITE)), shd('FFFFFF')) + cell(p('auto text'), shd('000000'))]));
    expect(reasonFor(doc, 'white on white')).toBe('white');
    expect(reasonFor(doc, 'auto text')).toBeUndefined();
    expect(visibleText(byText(doc, 'white on white'))).toBe('');
  });

  it("uses the table's shading, a row's shading and the enclosing cell's fill for nested tables", () => {
    const nested = table([cell(p(r('nested', WHITE))) + cell(p('x'))]);
    const doc = load(
      table([cell(p(r('table fill', WHITE))) + cell(nested, shd('203864'))], `<w:shd w:val="clear" w:fill="0B0B45"/>`) +
        `<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/></w:tblPr><w:tblGrid><w:gridCol w:w="9000"/></w:tblGrid><w:tr><w:tblPrEx>${shd('7F0000')}</w:tblPrEx>${cell(p(r('row fill', WHITE)))}</w:tr></w:tbl>`,
    );
    expect(byText(doc, 'table fill').background).toBe('0B0B45');
    expect(byText(doc, 'nested').background).toBe('203864');
    expect(byText(doc, 'row fill').background).toBe('7F0000');
    for (const text of ['table fill', 'nested', 'row fill']) expect(reasonFor(doc, text)).toBeUndefined();
  });

  // A table style as Word's "Grid Table 4 Accent 1": white bold header row on accent1, banded rows.
  const tableStyle =
    '<w:style w:type="table" w:styleId="GridAccent"><w:name w:val="Grid Accent"/>' +
    '<w:tblPr><w:tblStyleRowBandSize w:val="1"/></w:tblPr>' +
    '<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF" w:themeColor="background1"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="4472C4" w:themeFill="accent1"/></w:tcPr></w:tblStylePr>' +
    '<w:tblStylePr w:type="band1Horz"><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="D9E2F3"/></w:tcPr></w:tblStylePr>' +
    '</w:style>';
  const styledTable = (look: string) =>
    table(
      [
        cell(p('Header one')) + cell(p('Header two')),
        cell(p('Row one')) + cell(p('x')),
        cell(p('Row two')) + cell(p('x')),
      ],
      `<w:tblStyle w:val="GridAccent"/>${look}`,
    );

  it("applies a table style's conditional first-row fill and text colour, and row banding", () => {
    const doc = load(
      styledTable(
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1" w:noHBand="0" w:noVBand="1"/>',
      ),
      tableStyle,
    );
    const header = byText(doc, 'Header one');
    expect(header.background).toBe('4472C4');
    expect(firstRun(header)).toMatchObject({ color: 'FFFFFF', bold: true });
    expect(byText(doc, 'Row one').background).toBe('D9E2F3');
    expect(byText(doc, 'Row two').background).toBeUndefined();
    expect(reasonFor(doc, 'Header one')).toBeUndefined();
  });

  it('reads the older hex tblLook and leaves conditional parts out when the table turns them off', () => {
    const hex = load(styledTable('<w:tblLook w:val="0020"/>'), tableStyle); // first row, banding on
    expect(byText(hex, 'Header one').background).toBe('4472C4');
    const off = load(styledTable('<w:tblLook w:firstRow="0" w:noHBand="1"/>'), tableStyle);
    expect(byText(off, 'Header one').background).toBeUndefined();
    expect(firstRun(byText(off, 'Header one')).color).toBe('auto');
    expect(byText(off, 'Row one').background).toBeUndefined();
  });
});

/** An anchored DrawingML shape; `box` text makes it a text box. Positions in EMU from the column / paragraph. */
function anchoredShape(opts: {
  spPr?: string;
  style?: string;
  box?: string;
  x?: number;
  y?: number;
  cx?: number;
  cy?: number;
  z: number;
  behind?: boolean;
  picture?: boolean;
}): string {
  const cx = opts.cx ?? 3000000;
  const cy = opts.cy ?? 1000000;
  const graphic = opts.picture
    ? '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="p"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="rIdMissing"/></pic:blipFill><pic:spPr/></pic:pic></a:graphicData>'
    : '<a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr/>' +
      `<wps:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>${opts.spPr ?? ''}</wps:spPr>${opts.style ?? ''}` +
      (opts.box ? `<wps:txbx><w:txbxContent>${opts.box}</w:txbxContent></wps:txbx>` : '') +
      '<wps:bodyPr/></wps:wsp></a:graphicData>';
  return (
    `<w:r><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="${opts.z}" behindDoc="${opts.behind ? 1 : 0}" locked="0" layoutInCell="1" allowOverlap="1">` +
    `<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>${opts.x ?? 0}</wp:posOffset></wp:positionH>` +
    `<wp:positionV relativeFrom="paragraph"><wp:posOffset>${opts.y ?? 0}</wp:posOffset></wp:positionV>` +
    `<wp:extent cx="${cx}" cy="${cy}"/><wp:wrapNone/><wp:docPr id="${opts.z}" name="Shape ${opts.z}"/><a:graphic>${graphic}</a:graphic></wp:anchor></w:drawing></w:r>`
  );
}

const solid = (color: string) => `<a:solidFill>${color}</a:solidFill>`;

describe('text-box fills', () => {
  it('reads solid, theme, gradient and style fills of DrawingML boxes', () => {
    const doc = load(
      p(anchoredShape({ z: 1, spPr: solid('<a:srgbClr val="365F91"/>'), box: p(r('srgb box', WHITE)) })) +
        p(
          anchoredShape({
            z: 2,
            spPr: solid('<a:schemeClr val="tx2"><a:lumMod val="75000"/></a:schemeClr>'),
            box: p(r('theme box', WHITE)),
          }),
        ) +
        p(
          anchoredShape({
            z: 3,
            spPr: '<a:gradFill><a:gsLst><a:gs pos="0"><a:srgbClr val="2A4B73"/></a:gs><a:gs pos="100000"><a:srgbClr val="365F91"/></a:gs></a:gsLst></a:gradFill>',
            box: p(r('gradient box', WHITE)),
          }),
        ) +
        p(
          anchoredShape({
            z: 4,
            style:
              '<wps:style><a:lnRef idx="2"><a:schemeClr val="accent1"/></a:lnRef><a:fillRef idx="1"><a:schemeClr val="accent1"/></a:fillRef><a:effectRef idx="0"><a:schemeClr val="accent1"/></a:effectRef><a:fontRef idx="minor"><a:schemeClr val="lt1"/></a:fontRef></wps:style>',
            box: p(r('style box', WHITE)),
          }),
        ),
    );
    expect(doc.textBoxes.map((b) => b.fill)).toEqual([
      '365F91',
      expect.stringMatching(/^[0-9A-F]{6}$/),
      '305582',
      '4472C4',
    ]);
    // dk2 44546A at 75 % luminance: darker than the theme colour
    expect(Number.parseInt(doc.textBoxes[1].fill?.slice(0, 2) ?? 'FF', 16)).toBeLessThan(0x44);
    for (const text of ['srgb box', 'theme box', 'gradient box', 'style box']) {
      expect(byText(doc, text).story).toBe('textbox');
      expect(reasonFor(doc, text)).toBeUndefined();
    }
  });

  it('judges white text in a white or transparent box on the page invisible', () => {
    const doc = load(
      p(anchoredShape({ z: 1, spPr: solid('<a:schemeClr val="bg1"/>'), box: p(r('white box', WHITE)) })) +
        p(anchoredShape({ z: 2, spPr: '<a:noFill/>', box: p(r('transparent box', WHITE)) })),
    );
    expect(doc.textBoxes.map((b) => b.fill)).toEqual(['FFFFFF', undefined]);
    expect(reasonFor(doc, 'white box')).toBe('white');
    expect(reasonFor(doc, 'transparent box')).toBe('white');
  });

  it('gives a transparent box the fill of the shape under it, and leaves text over a picture unjudged', () => {
    const overShape =
      anchoredShape({
        z: 1,
        spPr: solid('<a:srgbClr val="EA0000"/>'),
        x: -100000,
        y: -400000,
        cx: 1400000,
        cy: 2300000,
      }) + anchoredShape({ z: 2, spPr: '<a:noFill/>', cx: 1200000, cy: 700000, box: p(r('over a shape', WHITE)) });
    const overPicture =
      anchoredShape({ z: 3, behind: true, picture: true, x: -200000, y: -50000, cx: 7300000, cy: 1700000 }) +
      anchoredShape({ z: 4, spPr: '<a:noFill/>', box: p(r('over a picture', WHITE)) });
    // The same transparent box beside the red shape (not over it) shows the paper.
    const beside =
      anchoredShape({ z: 5, spPr: solid('<a:srgbClr val="EA0000"/>'), cx: 1000000 }) +
      anchoredShape({ z: 6, spPr: '<a:noFill/>', x: 2000000, cx: 1000000, box: p(r('beside a shape', WHITE)) });
    const doc = load(p(overShape) + p(overPicture) + p(beside));
    expect(byText(doc, 'over a shape').background).toBe('EA0000');
    expect(reasonFor(doc, 'over a shape')).toBeUndefined();
    expect(byText(doc, 'over a picture').backgroundUnknown).toBe(true);
    expect(reasonFor(doc, 'over a picture')).toBeUndefined();
    expect(byText(doc, 'beside a shape').background).toBeUndefined();
    expect(reasonFor(doc, 'beside a shape')).toBe('white');
  });

  it('gives a paragraph the fill of a shape placed behind its first line', () => {
    const banner = anchoredShape({
      z: 1,
      behind: true,
      spPr: solid('<a:srgbClr val="1F3864"/>'),
      x: -100000,
      y: -50000,
    });
    const doc = load(p(`${banner}${r('Title on a banner', WHITE)}`));
    expect(byText(doc, 'Title on a banner').background).toBe('1F3864');
    expect(reasonFor(doc, 'Title on a banner')).toBeUndefined();
  });

  it('reads VML fills: fillcolor, v:fill, filled="f" and the default white', () => {
    const vml = (attrs: string, text: string, inner = '') =>
      p(
        `<w:r><w:pict><v:shape type="#_x0000_t202" style="position:absolute;margin-left:0;margin-top:0;width:200pt;height:50pt;z-index:1" ${attrs}>${inner}<v:textbox><w:txbxContent>${p(r(text, WHITE))}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>`,
      );
    const doc = load(
      vml('fillcolor="#365f91 [2404]"', 'vml dark') +
        vml('', 'vml fill element', '<v:fill color="navy"/>') +
        vml('filled="f" stroked="f"', 'vml transparent') +
        vml('', 'vml default'),
    );
    expect(doc.textBoxes.map((b) => b.fill)).toEqual(['365F91', '000080', undefined, 'FFFFFF']);
    expect(reasonFor(doc, 'vml dark')).toBeUndefined();
    expect(reasonFor(doc, 'vml fill element')).toBeUndefined();
    expect(reasonFor(doc, 'vml transparent')).toBe('white');
    expect(reasonFor(doc, 'vml default')).toBe('white');
  });
});

describe('letter effects', () => {
  it.each([
    ['embossed', '<w:emboss/>', { emboss: true }],
    ['engraved', '<w:imprint/>', { imprint: true }],
    ['outlined', '<w:outline/>', { outline: true }],
    ['shadowed', '<w:shadow/>', { shadow: true }],
    [
      'with a Word 2010 shadow',
      '<w14:shadow w14:blurRad="38100" w14:dist="19050" w14:dir="2700000" w14:sx="100000" w14:sy="100000" w14:kx="0" w14:ky="0" w14:algn="tl"><w14:srgbClr w14:val="000000"><w14:alpha w14:val="60000"/></w14:srgbClr></w14:shadow>',
      { shadow: true },
    ],
    [
      'with a dark Word 2010 outline',
      '<w14:textOutline w14:w="9525" w14:cap="flat" w14:cmpd="sng" w14:algn="ctr"><w14:solidFill><w14:srgbClr w14:val="1F3864"/></w14:solidFill><w14:prstDash w14:val="solid"/><w14:round/></w14:textOutline>',
      { textOutline: '1F3864' },
    ],
  ])('keeps white %s text visible', (_name, rPr, expected) => {
    const doc = load(p(r('white effect', `${WHITE}${rPr}`)) + p(r('plain white', WHITE)));
    expect(firstRun(byText(doc, 'white effect'))).toMatchObject(expected);
    expect(reasonFor(doc, 'white effect')).toBeUndefined();
    expect(reasonFor(doc, 'plain white')).toBe('white');
  });

  it('turns an effect off in a character style as a toggle', () => {
    const doc = load(
      p(r('flipped', `<w:rStyle w:val="Embossed"/>${WHITE}<w:emboss w:val="0"/>`)),
      cStyle('Embossed', '<w:rPr><w:emboss/></w:rPr>'),
    );
    expect(firstRun(byText(doc, 'flipped')).emboss).toBeUndefined();
    expect(reasonFor(doc, 'flipped')).toBe('white');
  });

  it('hides letters with no fill (w14:noFill) unless they have a visible outline', () => {
    const noFill = '<w14:textFill><w14:noFill/></w14:textFill>';
    const whiteLine =
      '<w14:textOutline w14:w="9525"><w14:solidFill><w14:schemeClr w14:val="bg1"/></w14:solidFill></w14:textOutline>';
    const darkLine =
      '<w14:textOutline w14:w="9525"><w14:solidFill><w14:schemeClr w14:val="accent1"/></w14:solidFill></w14:textOutline>';
    const doc = load(
      p(r('no fill', `<w:color w:val="000000"/>${noFill}`)) +
        p(r('no fill white line', `<w:color w:val="000000"/>${noFill}${whiteLine}`)) +
        p(r('no fill dark line', `<w:color w:val="000000"/>${noFill}${darkLine}`)),
    );
    expect(firstRun(byText(doc, 'no fill')).textFill).toBe('none');
    expect(reasonFor(doc, 'no fill')).toBe('white');
    expect(reasonFor(doc, 'no fill white line')).toBe('white');
    expect(firstRun(byText(doc, 'no fill dark line')).textOutline).toBe('4472C4');
    expect(reasonFor(doc, 'no fill dark line')).toBeUndefined();
  });

  it('draws letters in their Word 2010 text fill rather than the font colour', () => {
    const doc = load(
      p(
        r(
          'filled white',
          '<w:color w:val="000000"/><w14:textFill><w14:solidFill><w14:srgbClr w14:val="FFFFFF"/></w14:solidFill></w14:textFill>',
        ),
      ) +
        p(
          r(
            'filled dark',
            `${WHITE}<w14:textFill><w14:solidFill><w14:schemeClr w14:val="tx1"/></w14:solidFill></w14:textFill>`,
          ),
        ),
    );
    expect(reasonFor(doc, 'filled white')).toBe('white');
    expect(firstRun(byText(doc, 'filled dark')).textFill).toBe('000000');
    expect(reasonFor(doc, 'filled dark')).toBeUndefined();
  });

  it('puts run highlight before paragraph shading before the cell fill', () => {
    const doc = load(
      table([
        cell(
          p(r('highlighted', '<w:highlight w:val="yellow"/>'), `<w:shd w:val="clear" w:fill="00FF00"/>`) +
            p(r('shaded'), `<w:shd w:val="clear" w:fill="00FF00"/>`) +
            p('in the cell'),
          shd('0000FF'),
        ) + cell(p('x')),
      ]),
    );
    const highlighted = byText(doc, 'highlighted');
    expect(backgroundOf(firstRun(highlighted), highlighted)).toBe('FFFF00');
    const shaded = byText(doc, 'shaded');
    expect(backgroundOf(firstRun(shaded), shaded)).toBe('00FF00');
    const plain = byText(doc, 'in the cell');
    expect(backgroundOf(firstRun(plain), plain)).toBe('0000FF');
  });
});
