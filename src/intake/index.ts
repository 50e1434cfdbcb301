/**
 * Safe intake: the one gate every surface (CLI, bulk scan, HTTP service) passes uploaded bytes
 * through before any parser sees them. It decides what the file is from its content, never its
 * name; unpacks a .docx with byte counters that stop a zip bomb however its headers lie; refuses
 * DTDs, macros and packages without a main document; and answers with the contract's rejection
 * code and a message the candidate can act on.
 *
 * intake() is synchronous and never throws. Its time and memory are bounded by the limits: the
 * file is at most maxFileBytes, and at most maxTotalInflatedBytes are ever produced from it. Every
 * part of an accepted package has been inflated within those limits and matched its checksum, so
 * other readers of the same bytes (mammoth, LibreOffice) are safe from the same bombs.
 */
import type { RejectionCode } from '../report/schema.js';
import { findCfbNamesByScan, listCfbEntryNames } from './cfb.js';
import { classify, type FileKind } from './classify.js';
import { RejectionError } from './errors.js';
import { type IntakeLimits, MEDIA_EXTENSIONS, resolveLimits } from './limits.js';
import { messages } from './messages.js';
import { contentTypeOf, inspectOfficePackage, PartNames, rejectNonOfficeZip } from './package.js';
import { decodeXmlPart, hasDocumentTypeDeclaration } from './xml-safety.js';
import { inflateBudget, inflateEntry, readZipDirectory, totalLimitReason, type ZipEntry } from './zip.js';

export { DEFAULT_LIMITS, type IntakeLimits } from './limits.js';

export interface IntakeOptions {
  /** The name the file was uploaded under; only used to word messages ("although its name ends in .docx"). */
  filename?: string;
  /** Overrides of DEFAULT_LIMITS (rules/intake.yaml). */
  limits?: Partial<IntakeLimits>;
  /**
   * Keep the bytes of pictures, sound and video (rules/intake.yaml mediaExtensions) in `entries`.
   * Default false: no check reads them. They are inflated and verified either way.
   */
  keepMedia?: boolean;
}

export type IntakeResult =
  | {
      ok: true;
      kind: 'docx';
      /** Inflated parts by their name in the zip. Media parts are left out unless keepMedia is set. */
      entries: Map<string, Uint8Array>;
      /** The main document part (word/document.xml in a normal .docx), found through _rels/.rels. */
      mainDocument: string;
      /** Media parts verified but left out of `entries` (pictures, sound, video). */
      omittedMedia: string[];
      /** Bytes produced by inflation, for logs and benchmarks. */
      inflatedBytes: number;
    }
  | { ok: false; code: RejectionCode; message: string };

/** Zip parts that are read as XML by a parser, by name. */
const XML_PART = /\.(xml|rels|vml)$/i;
/** XML content types that no parser reads, which may legitimately carry a DTD (SVG, XHTML alt-chunks). */
const UNPARSED_XML_TYPES = /^(image\/svg\+xml|application\/xhtml\+xml)$/i;

/** Streams that identify what an OLE compound file holds, in order of precedence. */
const CFB_SIGNS: { names: string[]; reject: (filename?: string) => RejectionError }[] = [
  {
    names: ['EncryptionInfo', 'EncryptedPackage'],
    reject: () => new RejectionError('ENCRYPTED', messages.encryptedPackage()),
  },
  { names: ['WordDocument'], reject: () => new RejectionError('LEGACY_DOC', messages.legacyDoc()) },
  {
    names: ['Workbook', 'Book'],
    reject: (filename) =>
      new RejectionError('NOT_DOCX', messages.legacyOffice('an Excel 97-2003 workbook (.xls)', filename)),
  },
  {
    names: ['PowerPoint Document'],
    reject: (filename) =>
      new RejectionError('NOT_DOCX', messages.legacyOffice('a PowerPoint 97-2003 presentation (.ppt)', filename)),
  },
  {
    names: ['__properties_version1.0'],
    reject: (filename) => new RejectionError('NOT_DOCX', messages.outlookMessage(filename)),
  },
];

function rejectCompoundFile(bytes: Uint8Array, filename?: string): never {
  let names: string[];
  try {
    names = listCfbEntryNames(bytes);
  } catch {
    // Too damaged to walk: the directory names may still be found by their UTF-16 text.
    names = findCfbNamesByScan(
      bytes,
      CFB_SIGNS.flatMap((sign) => sign.names),
    );
    if (names.length === 0) throw new RejectionError('CORRUPT', messages.damagedOfficeFile());
  }
  const present = new Set(names);
  for (const sign of CFB_SIGNS) {
    if (sign.names.some((name) => present.has(name))) throw sign.reject(filename);
  }
  throw new RejectionError(
    'NOT_DOCX',
    messages.legacyOffice('an older Microsoft Office file of another kind', filename),
  );
}

function rejectNonZip(kind: FileKind, bytes: Uint8Array, filename?: string): never {
  switch (kind.kind) {
    case 'empty':
      throw new RejectionError('EMPTY', messages.empty());
    case 'cfb':
      return rejectCompoundFile(bytes, filename);
    case 'pdf':
      throw new RejectionError('NOT_DOCX', messages.pdf(filename));
    case 'rtf':
      throw new RejectionError('NOT_DOCX', messages.rtf(filename));
    case 'image':
      throw new RejectionError('NOT_DOCX', messages.image(kind.format, filename));
    case 'archive':
      throw new RejectionError('NOT_DOCX', messages.archive(kind.format, filename));
    case 'html':
      throw new RejectionError('NOT_DOCX', messages.html(filename));
    case 'mhtml':
      throw new RejectionError('NOT_DOCX', messages.mhtml(filename));
    case 'word-xml':
      throw new RejectionError('NOT_DOCX', messages.wordXml(filename));
    case 'text':
      throw new RejectionError('NOT_DOCX', messages.text(filename));
    default:
      throw new RejectionError('NOT_DOCX', messages.unknownBinary(filename));
  }
}

function isMedia(name: string): boolean {
  const extension = name.match(/\.([^./]+)$/)?.[1]?.toLowerCase();
  return extension !== undefined && MEDIA_EXTENSIONS.has(extension);
}

/** Rejects from the sizes the directory declares, before inflating: an honest bomb costs nothing. */
function rejectDeclaredSizes(files: ZipEntry[], limits: IntakeLimits): void {
  let declaredTotal = 0;
  for (const entry of files) {
    declaredTotal += entry.declaredSize;
    const budget = inflateBudget(entry, limits, 0);
    if (entry.declaredSize > budget.bytes) throw new RejectionError('ZIP_BOMB', messages.zipBomb(budget.reason));
  }
  if (declaredTotal > limits.maxTotalInflatedBytes) {
    throw new RejectionError('ZIP_BOMB', messages.zipBomb(totalLimitReason(limits)));
  }
}

function rejectDuplicateNames(files: ZipEntry[]): void {
  // Two parts with one name (OPC names ignore case) would let two readers see two different documents.
  const seen = new Set<string>();
  for (const { name } of files) {
    const key = name.toLowerCase();
    if (seen.has(key)) throw new RejectionError('CORRUPT', messages.damaged());
    seen.add(key);
  }
}

function intakeOrThrow(bytes: Uint8Array, options: IntakeOptions): IntakeResult & { ok: true } {
  const limits = resolveLimits(options.limits);
  const { filename } = options;
  if (bytes.length > limits.maxFileBytes) {
    throw new RejectionError('TOO_LARGE', messages.tooLarge(bytes.length, limits.maxFileBytes));
  }
  const kind = classify(bytes);
  if (kind.kind !== 'zip') rejectNonZip(kind, bytes, filename);

  const files = readZipDirectory(bytes, limits).filter((entry) => !entry.isDirectory);
  if (files.length === 0) throw new RejectionError('CORRUPT', messages.emptyArchive());
  rejectDuplicateNames(files);
  rejectDeclaredSizes(files, limits);

  const names = new PartNames(files.map((entry) => entry.name));
  const byName = new Map(files.map((entry) => [entry.name, entry]));
  const entries = new Map<string, Uint8Array>();
  const omittedMedia: string[] = [];
  let inflatedBytes = 0;
  const inflate = (entry: ZipEntry, keep = true): Uint8Array => {
    const cached = entries.get(entry.name);
    if (cached) return cached;
    const data = inflateEntry(bytes, entry, inflateBudget(entry, limits, inflatedBytes));
    inflatedBytes += data.length;
    if (keep) entries.set(entry.name, data);
    return data;
  };

  rejectNonOfficeZip(names, () => inflate(byName.get(names.find('mimetype') ?? '') as ZipEntry), filename);

  for (const entry of files) {
    // Pictures are inflated and verified like any part, because other readers of the same upload do
    // inflate them (mammoth for the panel's HTML, LibreOffice); only their bytes are not kept.
    const keep = options.keepMedia || !isMedia(entry.name);
    inflate(entry, keep);
    if (!keep) omittedMedia.push(entry.name);
  }

  // Every part a parser may read as XML is checked before anything parses it, [Content_Types].xml included.
  const scanned = new Set<string>();
  const rejectUnsafe = (name: string): void => {
    const data = entries.get(name);
    if (!data || scanned.has(name)) return;
    scanned.add(name);
    if (hasDocumentTypeDeclaration(data)) throw new RejectionError('UNSAFE_XML', messages.unsafeXml(name));
  };
  for (const name of entries.keys()) if (XML_PART.test(name)) rejectUnsafe(name);

  const inspected = inspectOfficePackage(entries, names, decodeXmlPart, filename);
  // Parts declared as XML under another extension, and the main part whatever its name.
  rejectUnsafe(inspected.mainDocument);
  for (const name of entries.keys()) {
    const type = contentTypeOf(inspected.contentTypes, name);
    if (type && /[+/]xml$/i.test(type) && !UNPARSED_XML_TYPES.test(type)) rejectUnsafe(name);
  }

  return { ok: true, kind: 'docx', entries, mainDocument: inspected.mainDocument, omittedMedia, inflatedBytes };
}

/**
 * Decides whether uploaded bytes are a Word document that can be screened and, if so, unpacks it.
 * Synchronous; never throws: every failure is a rejection with the contract's code and a message
 * for the candidate.
 */
export function intake(bytes: Uint8Array, options: IntakeOptions = {}): IntakeResult {
  try {
    return intakeOrThrow(bytes, options);
  } catch (error) {
    if (error instanceof RejectionError) return { ok: false, code: error.code, message: error.message };
    // Bytes that broke an assumption of the readers above: damaged in a way not foreseen.
    return { ok: false, code: 'CORRUPT', message: messages.unreadable() };
  }
}
