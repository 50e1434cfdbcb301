/**
 * What kind of package a zip is, from the parts an Open Packaging Conventions reader looks at:
 * ODF's "mimetype" entry, [Content_Types].xml and the package relationships in _rels/.rels, whose
 * officeDocument relationship names the main part (word/document.xml in a normal .docx).
 */
import { SaxesParser } from 'saxes';
import { RejectionError } from './errors.js';
import { messages } from './messages.js';

export const CONTENT_TYPES_PART = '[Content_Types].xml';
export const PACKAGE_RELATIONSHIPS_PART = '_rels/.rels';
const ODF_MIMETYPE_PART = 'mimetype';

const OFFICE_DOCUMENT_RELATIONSHIPS = new Set([
  'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  // ISO 29500 Strict
  'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
]);

/** Part names whose presence alone makes a package macro-enabled (compared in lower case, by file name). */
const MACRO_PART_NAMES = new Set(['vbaproject.bin', 'vbadata.xml', 'vbaprojectsignature.bin']);

/** Case-insensitive lookup of part names (OPC part names are case-insensitive). */
export class PartNames {
  private readonly byLowerCase = new Map<string, string>();
  constructor(names: Iterable<string>) {
    for (const name of names) this.byLowerCase.set(name.toLowerCase(), name);
  }
  find(name: string): string | undefined {
    return this.byLowerCase.get(name.toLowerCase());
  }
  all(): IterableIterator<string> {
    return this.byLowerCase.values();
  }
}

/**
 * Rejects zips that are not Office Open XML packages at all (ODF, EPUB, plain archives), reading
 * only the small "mimetype" entry. Runs before any XML part is inflated or scanned.
 */
export function rejectNonOfficeZip(names: PartNames, readMimetype: () => Uint8Array, filename?: string): void {
  const mimetypePart = names.find(ODF_MIMETYPE_PART);
  if (mimetypePart) {
    const mimetype = new TextDecoder('latin1').decode(readMimetype().subarray(0, 200)).trim();
    const odf = mimetype.match(/^application\/vnd\.oasis\.opendocument\.(\w+)/);
    if (odf) {
      const flavour = odf[1] === 'text' || odf[1] === 'spreadsheet' || odf[1] === 'presentation' ? odf[1] : 'other';
      throw new RejectionError('NOT_DOCX', messages.openDocument(flavour, filename));
    }
    if (mimetype.startsWith('application/epub+zip')) throw new RejectionError('NOT_DOCX', messages.epub(filename));
  }
  if (!names.find(CONTENT_TYPES_PART)) {
    // Word parts without the content-type list: a damaged .docx rather than some other archive.
    if (names.find(PACKAGE_RELATIONSHIPS_PART) || names.find('word/document.xml')) {
      throw new RejectionError('CORRUPT', messages.damaged());
    }
    // OpenDocument without its (optional in practice) mimetype entry.
    if (names.find('META-INF/manifest.xml') && names.find('content.xml')) {
      throw new RejectionError('NOT_DOCX', messages.openDocument('other', filename));
    }
    throw new RejectionError('NOT_DOCX', messages.notAnOfficePackage(filename));
  }
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
}

/** The elements of a small XML part, local names only. Throws RejectionError CORRUPT when it is not well-formed. */
function readElements(xml: string): XmlElement[] {
  const elements: XmlElement[] = [];
  const parser = new SaxesParser({ position: false });
  parser.on('opentag', (node) => {
    elements.push({ name: node.name.replace(/^.*:/, ''), attributes: node.attributes as Record<string, string> });
  });
  try {
    parser.write(xml).close();
  } catch {
    throw new RejectionError('CORRUPT', messages.damaged());
  }
  return elements;
}

export interface ContentTypes {
  /** Extension (lower case) → content type. */
  defaults: Map<string, string>;
  /** Part name without the leading slash, lower case → content type. */
  overrides: Map<string, string>;
}

export function readContentTypes(xml: string): ContentTypes {
  const types: ContentTypes = { defaults: new Map(), overrides: new Map() };
  for (const { name, attributes } of readElements(xml)) {
    const contentType = attributes.ContentType;
    if (!contentType) continue;
    if (name === 'Default' && attributes.Extension) types.defaults.set(attributes.Extension.toLowerCase(), contentType);
    if (name === 'Override' && attributes.PartName)
      types.overrides.set(attributes.PartName.replace(/^\//, '').toLowerCase(), contentType);
  }
  return types;
}

export function contentTypeOf(types: ContentTypes, part: string): string | undefined {
  const override = types.overrides.get(part.toLowerCase());
  if (override) return override;
  const extension = part.match(/\.([^./]+)$/)?.[1]?.toLowerCase();
  return extension ? types.defaults.get(extension) : undefined;
}

/** A relationship target of the package (relative to its root) as a part name, or undefined if it cannot be one. */
export function resolvePackageTarget(target: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(target.replace(/[?#].*$/, ''));
  } catch {
    return undefined;
  }
  const segments: string[] = [];
  for (const segment of decoded.replace(/\\/g, '/').split('/')) {
    if (segment === '' || segment === '.') continue;
    if (segment === '..') segments.pop();
    else segments.push(segment);
  }
  return segments.length ? segments.join('/') : undefined;
}

export function findMainDocumentTarget(relsXml: string): string | undefined {
  for (const { name, attributes } of readElements(relsXml)) {
    if (name !== 'Relationship' || attributes.TargetMode === 'External') continue;
    if (OFFICE_DOCUMENT_RELATIONSHIPS.has(attributes.Type ?? '') && attributes.Target)
      return resolvePackageTarget(attributes.Target);
  }
  return undefined;
}

type MainKind = 'word' | 'excel' | 'powerpoint' | 'other';

/** The kind a content type names; undefined for plain XML, which sloppy writers give every part. */
function kindOfContentType(contentType: string): MainKind | undefined {
  const type = contentType.toLowerCase().trim();
  if (type === 'application/xml' || type === 'text/xml') return undefined;
  if (type.includes('wordprocessingml') || type.includes('ms-word')) return 'word';
  if (type.includes('spreadsheetml') || type.includes('ms-excel')) return 'excel';
  if (type.includes('presentationml') || type.includes('ms-powerpoint')) return 'powerpoint';
  return 'other';
}

/** For a package whose main part or its type is unknown: what its folders suggest. */
function kindOfFolders(names: PartNames): MainKind | undefined {
  if (names.find('xl/workbook.xml')) return 'excel';
  if (names.find('ppt/presentation.xml')) return 'powerpoint';
  return undefined;
}

function isMacroEnabled(names: PartNames, types: ContentTypes): boolean {
  for (const name of names.all()) {
    if (MACRO_PART_NAMES.has(name.slice(name.lastIndexOf('/') + 1).toLowerCase())) return true;
  }
  const declared = [...types.defaults.values(), ...types.overrides.values()];
  return declared.some((type) => /macroenabled|vbaproject/i.test(type));
}

function rejectOtherOffice(kind: MainKind, filename?: string): void {
  if (kind === 'excel') throw new RejectionError('NOT_DOCX', messages.officeOther('an Excel workbook', filename));
  if (kind === 'powerpoint')
    throw new RejectionError('NOT_DOCX', messages.officeOther('a PowerPoint presentation', filename));
  if (kind === 'other')
    throw new RejectionError('NOT_DOCX', messages.officeOther('an Office file of another kind', filename));
}

export interface InspectedPackage {
  /** The main document part's name as stored in the zip (normally word/document.xml). */
  mainDocument: string;
  contentTypes: ContentTypes;
}

/**
 * Decides whether an Office Open XML package is a Word document that can be screened: not another
 * Office format, not macro-enabled, and with its main document part present.
 * `parts` holds the inflated parts; `names` every part in the zip.
 */
export function inspectOfficePackage(
  parts: Map<string, Uint8Array>,
  names: PartNames,
  decode: (bytes: Uint8Array) => string,
  filename?: string,
): InspectedPackage {
  const contentTypesPart = names.find(CONTENT_TYPES_PART);
  const contentTypesBytes = contentTypesPart ? parts.get(contentTypesPart) : undefined;
  if (!contentTypesBytes) throw new RejectionError('CORRUPT', messages.damaged());
  const contentTypes = readContentTypes(decode(contentTypesBytes));

  const relsPart = names.find(PACKAGE_RELATIONSHIPS_PART);
  const relsBytes = relsPart ? parts.get(relsPart) : undefined;
  const target = relsBytes ? findMainDocumentTarget(decode(relsBytes)) : undefined;
  const mainDocument = target ? names.find(target) : undefined;

  const declaredType = mainDocument ? contentTypeOf(contentTypes, mainDocument) : undefined;
  const kind =
    (declaredType && kindOfContentType(declaredType)) ?? kindOfFolders(names) ?? (mainDocument ? 'word' : undefined);
  if (kind) rejectOtherOffice(kind, filename);
  if (isMacroEnabled(names, contentTypes)) throw new RejectionError('MACRO_ENABLED', messages.macroEnabled());
  if (!mainDocument || !parts.has(mainDocument)) throw new RejectionError('CORRUPT', messages.missingMainPart());
  return { mainDocument, contentTypes };
}
