import { describe, expect, it } from 'vitest';
import type { Inline, Paragraph } from '../../src/document/model.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { cStyle, docDefaults, p, pStyle, r } from './wml.js';

const firstText = (para: Paragraph): Inline => {
  const inline = para.inlines.find((i) => i.kind === 'text');
  if (!inline) throw new Error(`paragraph ${para.index} has no text`);
  return inline;
};

/** Parse a one-paragraph body and return the first text run's resolved format. */
function runOf(body: string, styles?: string, theme?: { minor?: string; major?: string }) {
  const doc = loadDoc(rawDocx({ document: body, styles, theme }));
  return firstText(doc.bodyParagraphs[0]);
}

describe('run formatting cascade', () => {
  const styles =
    docDefaults('<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi"/><w:sz w:val="22"/>') +
    pStyle('Normal', '<w:rPr><w:color w:val="333333"/></w:rPr>', ' w:default="1"') +
    pStyle('Quote', '<w:basedOn w:val="Normal"/><w:rPr><w:i/><w:sz w:val="28"/></w:rPr>') +
    pStyle('QuoteBig', '<w:basedOn w:val="Quote"/><w:rPr><w:sz w:val="36"/></w:rPr>') +
    pStyle(
      'Heading1',
      '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:asciiTheme="majorHAnsi" w:hAnsiTheme="majorHAnsi"/><w:b/></w:rPr>',
    ) +
    cStyle('Strong', '<w:rPr><w:b/></w:rPr>') +
    cStyle('Mono', '<w:rPr><w:rFonts w:ascii="Courier New" w:hAnsi="Courier New"/><w:color w:val="FF0000"/></w:rPr>');
  const theme = { minor: 'Calibri', major: 'Calibri Light' };

  it.each([
    {
      name: 'docDefaults theme font and size, Normal colour',
      body: p('x'),
      expect: { font: 'Calibri', sizePt: 11, color: '333333', italic: false },
    },
    {
      name: 'paragraph style overrides size, adds italic',
      body: p('x', '<w:pStyle w:val="Quote"/>'),
      expect: { sizePt: 14, italic: true, color: '333333' },
    },
    {
      name: 'basedOn chain two levels deep',
      body: p('x', '<w:pStyle w:val="QuoteBig"/>'),
      expect: { sizePt: 18, italic: true },
    },
    {
      name: 'major theme font from heading style',
      body: p('x', '<w:pStyle w:val="Heading1"/>'),
      expect: { font: 'Calibri Light', bold: true },
    },
    {
      name: 'character style over paragraph style',
      body: p(r('x', '<w:rStyle w:val="Mono"/>'), '<w:pStyle w:val="Quote"/>'),
      expect: { font: 'Courier New', color: 'FF0000', italic: true },
    },
    {
      name: 'direct formatting wins over character style',
      body: p(r('x', '<w:rStyle w:val="Mono"/><w:color w:val="00FF00"/><w:sz w:val="16"/>')),
      expect: { color: '00FF00', sizePt: 8 },
    },
    {
      name: 'bold toggle: Strong in a bold heading is not bold',
      body: p(r('x', '<w:rStyle w:val="Strong"/>'), '<w:pStyle w:val="Heading1"/>'),
      expect: { bold: false },
    },
    { name: 'Strong in body text is bold', body: p(r('x', '<w:rStyle w:val="Strong"/>')), expect: { bold: true } },
    {
      name: 'direct b=0 switches bold off',
      body: p(r('x', '<w:b w:val="0"/>'), '<w:pStyle w:val="Heading1"/>'),
      expect: { bold: false },
    },
    {
      name: 'direct theme font',
      body: p(r('x', '<w:rFonts w:ascii="Arial" w:asciiTheme="majorHAnsi"/>')),
      expect: { font: 'Calibri Light' },
    },
  ])('$name', ({ body, expect: expected }) => {
    expect(runOf(body, styles, theme)).toMatchObject(expected);
  });

  it('falls back to Word defaults (Times New Roman 10 pt) with no styles at all', () => {
    expect(runOf(p('x'))).toMatchObject({ font: 'Times New Roman', sizePt: 10, bold: false, color: 'auto' });
  });

  it('reports the document defaults after docDefaults and the Normal style', () => {
    const doc = loadDoc(rawDocx({ document: p('x'), styles, theme }));
    expect(doc.defaults).toEqual({ font: 'Calibri', sizePt: 11 });
    expect(doc.theme).toEqual({ minorFont: 'Calibri', majorFont: 'Calibri Light' });
  });
});

describe('run properties', () => {
  it.each([
    { rPr: '<w:vanish/>', expect: { hidden: true } },
    { rPr: '<w:specVanish/>', expect: { hidden: true } },
    { rPr: '<w:vanish w:val="false"/>', expect: { hidden: false } },
    { rPr: '<w:webHidden/>', expect: { webHidden: true } },
    { rPr: '<w:color w:val="ffffff"/>', expect: { color: 'FFFFFF' } },
    { rPr: '<w:color w:val="auto"/>', expect: { color: 'auto' } },
    { rPr: '<w:highlight w:val="yellow"/>', expect: { highlight: 'FFFF00' } },
    { rPr: '<w:highlight w:val="darkBlue"/>', expect: { highlight: '000080' } },
    { rPr: '<w:shd w:val="clear" w:color="auto" w:fill="1F1F1F"/>', expect: { shading: '1F1F1F' } },
    { rPr: '<w:caps/>', expect: { caps: true } },
    { rPr: '<w:smallCaps/>', expect: { smallCaps: true } },
    { rPr: '<w:strike/>', expect: { strike: true } },
    { rPr: '<w:dstrike/>', expect: { strike: true } },
    { rPr: '<w:u w:val="single"/>', expect: { underline: true } },
    { rPr: '<w:u w:val="none"/>', expect: { underline: false } },
    { rPr: '<w:spacing w:val="-40"/>', expect: { characterSpacing: -40 } },
    { rPr: '<w:w w:val="50"/>', expect: { scalePercent: 50 } },
    { rPr: '<w:position w:val="6"/>', expect: { positionPt: 3 } },
    { rPr: '<w:vertAlign w:val="superscript"/>', expect: { vertAlign: 'superscript' } },
    { rPr: '<w:rtl/>', expect: { rightToLeft: true } },
    { rPr: '<w:sz w:val="3"/>', expect: { sizePt: 1.5 } },
    {
      rPr: '<w:rFonts w:ascii="Arial" w:eastAsia="MS Mincho" w:cs="Arial Unicode MS"/>',
      expect: { font: 'Arial', fontEastAsia: 'MS Mincho', fontComplex: 'Arial Unicode MS' },
    },
  ])('$rPr', ({ rPr, expect: expected }) => {
    expect(runOf(p(r('x', rPr)))).toMatchObject(expected);
  });

  it('resolves a theme colour when no hex value is given', () => {
    const theme =
      '<a:clrScheme name="t"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1></a:clrScheme>' +
      '<a:fontScheme name="t"><a:majorFont><a:latin typeface="Georgia"/></a:majorFont><a:minorFont><a:latin typeface="Verdana"/></a:minorFont></a:fontScheme>';
    const doc = loadDoc(
      rawDocx({
        document: p(r('x', '<w:color w:themeColor="background1"/><w:rFonts w:asciiTheme="minorHAnsi"/>')),
        theme,
      }),
    );
    expect(firstText(doc.bodyParagraphs[0])).toMatchObject({ color: 'FFFFFF', font: 'Verdana' });
  });

  it('hidden text is left out of the paragraph text but kept in fullText', () => {
    const doc = loadDoc(rawDocx({ document: p(r('Seen ') + r('unseen ', '<w:vanish/>') + r('again')) }));
    expect(doc.bodyParagraphs[0].text).toBe('Seen again');
    expect(doc.bodyParagraphs[0].fullText).toBe('Seen unseen again');
    expect(doc.text).toBe('Seen again');
  });
});

describe('paragraph formatting', () => {
  const styles =
    docDefaults('<w:sz w:val="24"/>', '<w:spacing w:after="160" w:line="259" w:lineRule="auto"/>') +
    pStyle('Normal', '', ' w:default="1"') +
    pStyle(
      'Indented',
      '<w:basedOn w:val="Normal"/><w:pPr><w:ind w:left="720" w:hanging="360"/><w:jc w:val="both"/><w:tabs><w:tab w:val="left" w:pos="1440"/></w:tabs></w:pPr>',
    ) +
    pStyle('Heading2', '<w:basedOn w:val="Normal"/><w:pPr><w:keepNext/></w:pPr>') +
    pStyle('Outlined', '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr>');
  const para = (pPr: string) => loadDoc(rawDocx({ document: p('x', pPr), styles })).bodyParagraphs[0];

  it.each([
    {
      name: 'docDefaults spacing',
      pPr: '',
      expect: { spacing: { before: 0, after: 160, line: 259, lineRule: 'auto', beforeAuto: false, afterAuto: false } },
    },
    {
      name: 'exact line spacing',
      pPr: '<w:spacing w:line="200" w:lineRule="exact"/>',
      expect: { spacing: { line: 200, lineRule: 'exact', after: 160 } },
    },
    {
      name: 'autospacing',
      pPr: '<w:spacing w:beforeAutospacing="1" w:afterAutospacing="1"/>',
      expect: { spacing: { beforeAuto: true, afterAuto: true } },
    },
    {
      name: 'style indent with hanging',
      pPr: '<w:pStyle w:val="Indented"/>',
      expect: { indent: { left: 720, right: 0, firstLine: -360 }, align: 'both' },
    },
    {
      name: 'direct indent overrides the style',
      pPr: '<w:pStyle w:val="Indented"/><w:ind w:start="100" w:end="200" w:firstLine="300"/>',
      expect: { indent: { left: 100, right: 200, firstLine: 300 } },
    },
    {
      name: 'tabs accumulate and clear',
      pPr: '<w:pStyle w:val="Indented"/><w:tabs><w:tab w:val="clear" w:pos="1440"/><w:tab w:val="right" w:pos="9000" w:leader="dot"/></w:tabs>',
      expect: { tabs: [{ pos: 9000, align: 'right', leader: 'dot' }] },
    },
    {
      name: 'keep with next from style',
      pPr: '<w:pStyle w:val="Heading2"/>',
      expect: { keepNext: true, headingLevel: 2, styleName: 'Heading2' },
    },
    { name: 'outline level from style', pPr: '<w:pStyle w:val="Outlined"/>', expect: { headingLevel: 3 } },
    { name: 'widow control is on unless switched off', pPr: '', expect: { widowControl: true } },
    { name: 'widow control off', pPr: '<w:widowControl w:val="0"/>', expect: { widowControl: false } },
    {
      name: 'flags',
      pPr: '<w:keepLines/><w:pageBreakBefore/><w:contextualSpacing/>',
      expect: { keepLines: true, pageBreakBefore: true, contextualSpacing: true },
    },
    { name: 'centre', pPr: '<w:jc w:val="center"/>', expect: { align: 'center' } },
    { name: 'end is right', pPr: '<w:jc w:val="end"/>', expect: { align: 'right' } },
    {
      name: 'border and shading',
      pPr: '<w:pBdr><w:top w:val="single" w:sz="4"/></w:pBdr><w:shd w:val="clear" w:fill="000000"/>',
      expect: { hasBorder: true, shading: '000000' },
    },
    { name: 'frame', pPr: '<w:framePr w:w="2000" w:hSpace="180" w:wrap="around"/>', expect: { framed: true } },
  ])('$name', ({ pPr, expect: expected }) => {
    expect(para(pPr)).toMatchObject(expected);
  });

  it('gives the paragraph mark its own run format', () => {
    const mark = para('<w:rPr><w:sz w:val="4"/><w:vanish/></w:rPr>').mark;
    expect(mark).toMatchObject({ sizePt: 2, hidden: true });
    expect(para('').mark.sizePt).toBe(12);
  });

  it('applies table style paragraph and run properties inside its tables only', () => {
    const tableStyles =
      styles +
      '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Table Grid"/><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr><w:rPr><w:sz w:val="18"/></w:rPr>' +
      '<w:tblPr><w:tblCellMar><w:left w:w="50" w:type="dxa"/><w:right w:w="60" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>';
    const body = `${p('out')}<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tblGrid><w:gridCol w:w="2000"/></w:tblGrid><w:tr><w:tc>${p('in')}</w:tc></w:tr></w:tbl>`;
    const doc = loadDoc(rawDocx({ document: body, styles: tableStyles }));
    const [outside, inside] = doc.bodyParagraphs;
    expect(outside.spacing.after).toBe(160);
    expect(inside.spacing).toMatchObject({ after: 0, line: 240 });
    expect(firstText(inside).sizePt).toBe(9);
    expect(firstText(outside).sizePt).toBe(12);
    const table = doc.blocks.find((b) => b.kind === 'table');
    expect(table?.kind === 'table' && table.cellMargins).toEqual({ top: 0, right: 60, bottom: 0, left: 50 });
  });
});
