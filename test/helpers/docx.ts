/**
 * Test helpers shared by every area: build a .docx from raw WordprocessingML (for what the `docx`
 * package cannot express: mc:AlternateContent, VML, tracked changes, odd metadata, missing parts…)
 * and load bytes into the DocModel the way the screening does.
 *
 *   const bytes = rawDocx({ document: '<w:p><w:r><w:t>Hello</w:t></w:r></w:p>' });
 *   const doc = loadDoc(bytes);
 *
 * Every XML option is the INNER XML of that part's root element (namespaces are declared for you);
 * pass a string starting with '<?xml' to supply a whole part verbatim instead.
 */
import { strToU8, zipSync } from 'fflate';
import type { DocModel } from '../../src/document/model.js';
import { parseDocument } from '../../src/document/parse.js';
import { RejectionError } from '../../src/intake/errors.js';
import { intake } from '../../src/intake/index.js';

/** Namespace declarations Word writes on its root elements (a superset is harmless). */
export const WORD_NAMESPACES = [
  'xmlns:wpc="http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas"',
  'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"',
  'xmlns:o="urn:schemas-microsoft-com:office:office"',
  'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"',
  'xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"',
  'xmlns:v="urn:schemas-microsoft-com:vml"',
  'xmlns:wp14="http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"',
  'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"',
  'xmlns:w10="urn:schemas-microsoft-com:office:word"',
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"',
  'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml"',
  'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml"',
  'xmlns:wpg="http://schemas.microsoft.com/office/word/2010/wordprocessingGroup"',
  'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"',
  'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"',
  'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"',
  'mc:Ignorable="w14 w15 wp14"',
].join(' ');

const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const CT_WML = 'application/vnd.openxmlformats-officedocument.wordprocessingml';

/** A4 portrait, 2.54 cm margins: what the helper appends when the body has no final w:sectPr. */
export const A4_SECTION_PROPS =
  '<w:pgSz w:w="11906" w:h="16838"/>' +
  '<w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>' +
  '<w:cols w:space="708"/>';

export interface HeaderFooterPart {
  /** Inner XML of w:hdr / w:ftr (paragraphs, tables). */
  xml: string;
  /** Reference type in the automatic final w:sectPr; default 'default'. */
  type?: 'default' | 'first' | 'even';
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external?: boolean;
}

export interface RawDocxParts {
  /** Inner XML of w:body. A final w:sectPr is appended unless the XML has one or `sectPr` is false. */
  document: string;
  /** XML placed in w:document before w:body (a page colour: '<w:background w:color="1F3864"/>'). */
  background?: string;
  /**
   * Children of the automatic final w:sectPr (default A4 portrait, 1-inch margins). Header and
   * footer references are prepended. `false`: add no final sectPr at all (Word's defaults apply).
   */
  sectPr?: string | false;
  /** Where the main part lives (default word/document.xml); _rels/.rels points to it. */
  mainPartName?: string;
  styles?: string;
  numbering?: string;
  settings?: string;
  /** Inner XML of a:theme's a:themeElements, or the minor/major Latin fonts of a generated theme. */
  theme?: string | { minor?: string; major?: string };
  footnotes?: string;
  endnotes?: string;
  comments?: string;
  /** Inner XML of cp:coreProperties, e.g. '<dc:creator>Jo</dc:creator><cp:revision>3</cp:revision>'. */
  core?: string;
  /** Inner XML of the extended Properties, e.g. '<Application>Microsoft Office Word</Application>'. */
  app?: string;
  /** docProps/custom.xml as name → string value. */
  custom?: Record<string, string>;
  /**
   * Headers/footers: the i-th (0-based) becomes word/header{i+1}.xml with relationship id
   * rIdHeader{i+1} (footers: word/footer{i+1}.xml, rIdFooter{i+1}); references go into the
   * automatic final sectPr. A body that writes its own sectPr uses those ids itself.
   */
  headers?: Array<string | HeaderFooterPart>;
  footers?: Array<string | HeaderFooterPart>;
  /** Extra relationships of the main part (hyperlinks: { id, type: 'hyperlink', target, external: true }). */
  relationships?: Relationship[];
  /** Any other zip entries, verbatim (path → content). */
  extraParts?: Record<string, string | Uint8Array>;
  /** Leave these entries out of the package (e.g. '[Content_Types].xml' to make a broken one). */
  omit?: string[];
}

const wrapped = (root: string, inner: string, ns = WORD_NAMESPACES): string =>
  inner.startsWith('<?xml') ? inner : `${XML_DECL}<${root} ${ns}>${inner}</${root}>`;

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function themeXml(theme: RawDocxParts['theme']): string {
  if (typeof theme === 'string') {
    return theme.startsWith('<?xml')
      ? theme
      : `${XML_DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Test"><a:themeElements>${theme}</a:themeElements></a:theme>`;
  }
  const font = (tag: string, face: string) =>
    `<a:${tag}><a:latin typeface="${escapeXml(face)}"/><a:ea typeface=""/><a:cs typeface=""/></a:${tag}>`;
  return (
    `${XML_DECL}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="Test"><a:themeElements>` +
    '<a:clrScheme name="Test"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1></a:clrScheme>' +
    `<a:fontScheme name="Test">${font('majorFont', theme?.major ?? 'Calibri Light')}${font('minorFont', theme?.minor ?? 'Calibri')}</a:fontScheme>` +
    '</a:themeElements></a:theme>'
  );
}

/** Build a .docx package from raw WordprocessingML. Returns the zip bytes. */
export function rawDocx(parts: RawDocxParts): Buffer {
  const files: Record<string, Uint8Array> = {};
  const overrides: Array<[string, string]> = [];
  const docRels: Relationship[] = [...(parts.relationships ?? [])];
  const mainName = parts.mainPartName ?? 'word/document.xml';
  const mainDir = mainName.includes('/') ? mainName.slice(0, mainName.lastIndexOf('/') + 1) : '';
  const mainRelsName = `${mainDir}_rels/${mainName.slice(mainDir.length)}.rels`;

  const put = (name: string, xml: string | Uint8Array, contentType?: string) => {
    files[name] = typeof xml === 'string' ? strToU8(xml) : xml;
    if (contentType) overrides.push([name, contentType]);
  };
  // Word parts sit next to the main part; relationship targets are relative to it.
  const addPart = (file: string, relType: string, contentType: string, xml: string, id?: string) => {
    put(mainDir + file, xml, contentType);
    docRels.push({ id: id ?? `rId${file.replace(/\W/g, '')}`, type: relType, target: file });
  };

  if (parts.styles !== undefined)
    addPart('styles.xml', 'styles', `${CT_WML}.styles+xml`, wrapped('w:styles', parts.styles));
  if (parts.numbering !== undefined)
    addPart('numbering.xml', 'numbering', `${CT_WML}.numbering+xml`, wrapped('w:numbering', parts.numbering));
  if (parts.settings !== undefined)
    addPart('settings.xml', 'settings', `${CT_WML}.settings+xml`, wrapped('w:settings', parts.settings));
  if (parts.footnotes !== undefined)
    addPart('footnotes.xml', 'footnotes', `${CT_WML}.footnotes+xml`, wrapped('w:footnotes', parts.footnotes));
  if (parts.endnotes !== undefined)
    addPart('endnotes.xml', 'endnotes', `${CT_WML}.endnotes+xml`, wrapped('w:endnotes', parts.endnotes));
  if (parts.comments !== undefined)
    addPart('comments.xml', 'comments', `${CT_WML}.comments+xml`, wrapped('w:comments', parts.comments));
  if (parts.theme !== undefined)
    addPart(
      'theme/theme1.xml',
      'theme',
      'application/vnd.openxmlformats-officedocument.theme+xml',
      themeXml(parts.theme),
    );

  const refs: string[] = [];
  const addHeaderFooters = (kind: 'header' | 'footer', list: Array<string | HeaderFooterPart> | undefined) => {
    (list ?? []).forEach((entry, i) => {
      const part = typeof entry === 'string' ? { xml: entry } : entry;
      const id = `rId${kind === 'header' ? 'Header' : 'Footer'}${i + 1}`;
      const root = kind === 'header' ? 'w:hdr' : 'w:ftr';
      addPart(`${kind}${i + 1}.xml`, kind, `${CT_WML}.${kind}+xml`, wrapped(root, part.xml), id);
      refs.push(`<w:${kind}Reference w:type="${part.type ?? 'default'}" r:id="${id}"/>`);
    });
  };
  addHeaderFooters('header', parts.headers);
  addHeaderFooters('footer', parts.footers);

  let body = parts.document;
  if (parts.sectPr !== false && !/<w:sectPr[\s>]/.test(stripParagraphSections(body))) {
    body += `<w:sectPr>${refs.join('')}${parts.sectPr ?? A4_SECTION_PROPS}</w:sectPr>`;
  }
  put(
    mainName,
    wrapped('w:document', `${parts.background ?? ''}<w:body>${body}</w:body>`),
    `${CT_WML}.document.main+xml`,
  );

  const rels = (list: Relationship[]) =>
    `${XML_DECL}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
    list
      .map((r) => {
        const type = r.type.includes('/') ? r.type : `${REL}/${r.type}`;
        const mode = r.external ? ' TargetMode="External"' : '';
        return `<Relationship Id="${escapeXml(r.id)}" Type="${type}" Target="${escapeXml(r.target)}"${mode}/>`;
      })
      .join('') +
    '</Relationships>';
  put(mainRelsName, rels(docRels));

  const packageRels: Relationship[] = [{ id: 'rId1', type: 'officeDocument', target: mainName }];
  if (parts.core !== undefined) {
    const ns =
      'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
      'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"';
    put(
      'docProps/core.xml',
      wrapped('cp:coreProperties', parts.core, ns),
      'application/vnd.openxmlformats-package.core-properties+xml',
    );
    packageRels.push({
      id: 'rId2',
      type: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
      target: 'docProps/core.xml',
    });
  }
  if (parts.app !== undefined) {
    const ns =
      'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
    put(
      'docProps/app.xml',
      wrapped('Properties', parts.app, ns),
      'application/vnd.openxmlformats-officedocument.extended-properties+xml',
    );
    packageRels.push({ id: 'rId3', type: 'extended-properties', target: 'docProps/app.xml' });
  }
  if (parts.custom !== undefined) {
    const props = Object.entries(parts.custom)
      .map(
        ([name, value], i) =>
          `<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="${i + 2}" name="${escapeXml(name)}"><vt:lpwstr>${escapeXml(value)}</vt:lpwstr></property>`,
      )
      .join('');
    const ns =
      'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"';
    put(
      'docProps/custom.xml',
      wrapped('Properties', props, ns),
      'application/vnd.openxmlformats-officedocument.custom-properties+xml',
    );
    packageRels.push({ id: 'rId4', type: 'custom-properties', target: 'docProps/custom.xml' });
  }
  put('_rels/.rels', rels(packageRels));

  for (const [name, content] of Object.entries(parts.extraParts ?? {})) put(name, content);

  put(
    '[Content_Types].xml',
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Default Extension="png" ContentType="image/png"/>' +
      overrides.map(([name, type]) => `<Override PartName="/${escapeXml(name)}" ContentType="${type}"/>`).join('') +
      '</Types>',
  );
  for (const name of parts.omit ?? []) delete files[name];
  return Buffer.from(zipSync(files));
}

/** The body without paragraph-level sectPr (those end earlier sections, not the last one). */
function stripParagraphSections(body: string): string {
  return body.replace(/<w:pPr>(?:(?!<\/w:pPr>)[\s\S])*<\/w:pPr>/g, '');
}

/**
 * Read a .docx the way the screening does: intake (sniffing, limits, safe unzip) then
 * parseDocument. A file the intake refuses throws its RejectionError (code + message).
 */
export function loadDoc(bytes: Uint8Array): DocModel {
  const result = intake(bytes);
  if (!result.ok) throw new RejectionError(result.code, result.message);
  return parseDocument(result.entries);
}
