/**
 * A small element tree built in one SAX pass (saxes). OOXML parts are small (tens of kB for an
 * essay), and a tree makes the nested structures (tables in text boxes in tables, fields spread
 * over runs, mc:AlternateContent) simple to walk correctly. The builder:
 * - maps namespace prefixes to the conventional ones (w, r, wp, a, …) by URI, so documents written
 *   with other prefixes, a default namespace or Strict OOXML URIs read the same;
 * - keeps character data only where it is content (w:t, w:delText, w:instrText, or every element
 *   when asked, for the small metadata parts);
 * - drops mc:Fallback (the same content as mc:Choice in an older form: keeping both would count a
 *   text box twice) and subtrees nobody reads (latent styles, the old formatting of revisions);
 * - counts what it builds against the document's budget (rules/intake.yaml `document:`) and stops
 *   at the first limit crossed, so nesting deep enough to exhaust a recursive walker's stack, or a
 *   small part that expands to millions of paragraphs, costs no more than the limit.
 */
import { SaxesParser } from 'saxes';
import { RejectionError } from '../intake/errors.js';
import { DOCUMENT_LIMITS, type DocumentLimits } from '../intake/limits.js';
import { messages } from '../intake/messages.js';

export interface El {
  name: string;
  attrs: Record<string, string>;
  children: El[];
  /** Character data, kept only for content elements (see `textElements`). */
  text: string;
}

const CANONICAL_PREFIX: Record<string, string> = {
  'http://schemas.openxmlformats.org/wordprocessingml/2006/main': 'w',
  'http://purl.oclc.org/ooxml/wordprocessingml/main': 'w',
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships': 'r',
  'http://purl.oclc.org/ooxml/officeDocument/relationships': 'r',
  'http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing': 'wp',
  'http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing': 'wp',
  'http://schemas.openxmlformats.org/drawingml/2006/main': 'a',
  'http://purl.oclc.org/ooxml/drawingml/main': 'a',
  'http://schemas.openxmlformats.org/drawingml/2006/picture': 'pic',
  'http://purl.oclc.org/ooxml/drawingml/picture': 'pic',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingShape': 'wps',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingGroup': 'wpg',
  'http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas': 'wpc',
  'http://schemas.openxmlformats.org/markup-compatibility/2006': 'mc',
  'urn:schemas-microsoft-com:vml': 'v',
  'urn:schemas-microsoft-com:office:office': 'o',
  'urn:schemas-microsoft-com:office:word': 'w10',
  'http://schemas.openxmlformats.org/officeDocument/2006/math': 'm',
  'http://schemas.microsoft.com/office/word/2010/wordml': 'w14',
  'http://schemas.openxmlformats.org/package/2006/relationships': 'pr',
  'http://schemas.openxmlformats.org/package/2006/content-types': 'ct',
};

/** Subtrees dropped while building: alternative renderings and data no check reads. */
const DROPPED = new Set([
  'mc:Fallback',
  'w:latentStyles',
  'w:rPrChange',
  'w:pPrChange',
  'w:sectPrChange',
  'w:tblPrChange',
  'w:trPrChange',
  'w:tcPrChange',
  'w:numberingChange',
  'w:tblGridChange',
]);
/** Elements whose change-tracking record we keep as an empty marker (their old formatting is dropped). */
const KEPT_EMPTY = new Set(['w:rPrChange', 'w:pPrChange']);

const DEFAULT_TEXT_ELEMENTS = new Set(['w:t', 'w:delText', 'w:instrText', 'w:delInstrText', 'wp:posOffset']);

/**
 * What the parts of one document have used of its limits so far. One budget is shared by every part
 * the parser reads for a document (src/document/package.ts), so the limits hold for the whole file.
 */
export class TreeBudget {
  paragraphs = 0;
  elements = 0;
  textCharacters = 0;
  constructor(readonly limits: Readonly<DocumentLimits> = DOCUMENT_LIMITS) {}
}

export interface BuildOptions {
  /** Keep text for every element (metadata parts). */
  allText?: boolean;
  /** Part name, for error messages. */
  partName: string;
  /** The document's budget; without one the limits apply to this part alone. */
  budget?: TreeBudget;
}

/** Start tags with this exact name in the text (`<w:p>`, `<w:p w:rsidR="…">`, `<w:p/>`), not `<w:pPr>`. */
function countStartTags(xml: string, name: string): number {
  let count = 0;
  const open = `<${name}`;
  for (let at = xml.indexOf(open); at !== -1; at = xml.indexOf(open, at + open.length)) {
    const next = xml.charCodeAt(at + open.length);
    // '>', '/', space, tab, CR, LF
    if (next === 62 || next === 47 || next === 32 || next === 9 || next === 13 || next === 10) count++;
  }
  return count;
}

const decoderUtf8 = new TextDecoder('utf-8');

/** Bytes of an XML part to a string, honouring a UTF-16 byte-order mark. */
export function decodeXml(bytes: Uint8Array): string {
  if (bytes.length >= 2) {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  }
  return decoderUtf8.decode(bytes);
}

/** Parse an XML part into an element tree. Throws RejectionError on XML that is not well formed. */
export function buildTree(xml: string, options: BuildOptions): El {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  let current = root;
  let skipDepth = 0;
  // prefix → canonical prefix, only for prefixes that differ; empty string = default namespace.
  const renames = new Map<string, string>();
  let renaming = false;
  const allText = options.allText === true;
  const budget = options.budget ?? new TreeBudget();
  const { maxElementDepth, maxElements, maxParagraphs, maxTextCharacters } = budget.limits;
  const paragraphsBefore = budget.paragraphs;

  const rename = (qname: string): string => {
    const colon = qname.indexOf(':');
    const prefix = colon < 0 ? '' : qname.slice(0, colon);
    const to = renames.get(prefix);
    if (to === undefined) return qname;
    return `${to}:${colon < 0 ? qname : qname.slice(colon + 1)}`;
  };

  parser.on('doctype', () => {
    throw new RejectionError(
      'UNSAFE_XML',
      `The document part ${options.partName} declares a DTD, which Word never writes; the file was refused for safety. Please save it again from Word as .docx.`,
    );
  });
  parser.on('opentag', (tag) => {
    if (skipDepth > 0) {
      skipDepth++;
      return;
    }
    let attrs = tag.attributes as Record<string, string>;
    for (const key in attrs) {
      if (key.charCodeAt(0) === 120 /* x */ && (key === 'xmlns' || key.startsWith('xmlns:'))) {
        const declared = key === 'xmlns' ? '' : key.slice(6);
        const canonical = CANONICAL_PREFIX[attrs[key]];
        if (canonical !== undefined && canonical !== declared) {
          renames.set(declared, canonical);
          renaming = true;
        }
      }
    }
    let name = tag.name;
    if (renaming) {
      name = rename(name);
      const renamed: Record<string, string> = {};
      for (const key in attrs) renamed[key.includes(':') ? rename(key) : key] = attrs[key];
      attrs = renamed;
    }
    if (DROPPED.has(name)) {
      if (KEPT_EMPTY.has(name)) current.children.push({ name, attrs, children: [], text: '' });
      if (!tag.isSelfClosing) skipDepth = 1;
      return;
    }
    if (++budget.elements > maxElements) throw new RejectionError('TOO_LARGE', messages.tooManyElements(maxElements));
    if (name === 'w:p' && ++budget.paragraphs > maxParagraphs) {
      // Counted to the end of this part for the message: a string search, far cheaper than parsing it.
      const paragraphs = paragraphsBefore + countStartTags(xml, tag.name);
      throw new RejectionError('TOO_LARGE', messages.tooManyParagraphs(Math.max(paragraphs, budget.paragraphs)));
    }
    const el: El = { name, attrs, children: [], text: '' };
    current.children.push(el);
    if (!tag.isSelfClosing) {
      // The root placeholder is stack[0], so the new element's depth is the stack's length before the push.
      if (stack.length > maxElementDepth) {
        throw new RejectionError('CORRUPT', messages.nestedTooDeep(options.partName, maxElementDepth));
      }
      stack.push(el);
      current = el;
    }
  });
  parser.on('closetag', (tag) => {
    if (skipDepth > 0) {
      skipDepth--;
      return;
    }
    if (tag.isSelfClosing) return;
    stack.pop();
    current = stack[stack.length - 1];
  });
  const onText = (text: string) => {
    if (skipDepth === 0 && (allText || DEFAULT_TEXT_ELEMENTS.has(current.name))) {
      budget.textCharacters += text.length;
      if (budget.textCharacters > maxTextCharacters) {
        throw new RejectionError('TOO_LARGE', messages.tooMuchText(maxTextCharacters));
      }
      current.text += text;
    }
  };
  parser.on('text', onText);
  parser.on('cdata', onText);

  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof RejectionError) throw error;
    throw new RejectionError(
      'CORRUPT',
      `The file is damaged: its part ${options.partName} is not readable XML (${(error as Error).message.split('\n')[0]}). Please open it in Word, save it again as .docx and resubmit.`,
    );
  }
  return root;
}

/** The first child with this name, if any. */
export function child(el: El | undefined, name: string): El | undefined {
  if (!el) return undefined;
  const list = el.children;
  for (let i = 0; i < list.length; i++) if (list[i].name === name) return list[i];
  return undefined;
}

/** The local part of a qualified name ('w:t' → 't'). */
export function localName(qname: string): string {
  const colon = qname.indexOf(':');
  return colon < 0 ? qname : qname.slice(colon + 1);
}

/** Text of an element and all its descendants (for metadata parts built with allText). */
export function deepText(el: El): string {
  if (el.children.length === 0) return el.text;
  let out = el.text;
  for (const c of el.children) out += deepText(c);
  return out;
}
