/**
 * Generated documents with known geometry for the page-count tests: raw WordprocessingML built
 * with the shared helper, parsed by the real parser.
 */
import type { DocModel } from '../../src/document/model.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';

/** A4 portrait with 2.54 cm (1440 twip) margins: body 11906 - 2880 wide, 16838 - 2880 high. */
export const A4 = { width: 11906, height: 16838 };
export const LETTER = { width: 12240, height: 15840 };
export const MARGIN = 1440;
export const A4_BODY_HEIGHT = A4.height - 2 * MARGIN;
export const A4_BODY_WIDTH = A4.width - 2 * MARGIN;

export interface DocOptions {
  font?: string;
  sizeHalfPoints?: number;
  /** pPrDefault spacing, e.g. '<w:spacing w:after="0" w:line="240" w:lineRule="auto"/>'. */
  spacing?: string;
  page?: { width: number; height: number };
  /** Extra children of the final sectPr (after pgSz/pgMar), e.g. a docGrid. */
  sectExtra?: string;
  headers?: string[];
  app?: string;
  settings?: string;
  styles?: string;
}

/** Single spacing, no space after: the geometry is just the lines. */
export const TIGHT = '<w:spacing w:before="0" w:after="0" w:line="240" w:lineRule="auto"/>';

export function buildDoc(body: string, options: DocOptions = {}): Uint8Array {
  const font = options.font ?? 'Calibri';
  const size = options.sizeHalfPoints ?? 22;
  const page = options.page ?? A4;
  return rawDocx({
    document: body,
    sectPr:
      `<w:pgSz w:w="${page.width}" w:h="${page.height}"/>` +
      `<w:pgMar w:top="${MARGIN}" w:right="${MARGIN}" w:bottom="${MARGIN}" w:left="${MARGIN}" w:header="708" w:footer="708" w:gutter="0"/>` +
      (options.sectExtra ?? ''),
    styles:
      `<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="${font}" w:hAnsi="${font}" w:eastAsia="${font}" w:cs="${font}"/>` +
      `<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr></w:rPrDefault>` +
      `<w:pPrDefault><w:pPr>${options.spacing ?? TIGHT}</w:pPr></w:pPrDefault></w:docDefaults>` +
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>' +
      (options.styles ?? ''),
    settings:
      options.settings ??
      '<w:defaultTabStop w:val="720"/><w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>',
    headers: options.headers,
    app: options.app,
  });
}

export function doc(body: string, options: DocOptions = {}): DocModel {
  return loadDoc(buildDoc(body, options));
}

const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/** A paragraph of plain text with optional paragraph properties. */
export function p(text: string, pPr = ''): string {
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${text ? `<w:r><w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>` : ''}</w:p>`;
}

/** `count` one-line paragraphs. */
export function lines(count: number, text = 'Line', pPr = ''): string {
  return Array.from({ length: count }, (_, i) => p(`${text} ${i + 1}`, pPr)).join('');
}
