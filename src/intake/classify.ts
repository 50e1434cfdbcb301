/**
 * What a file is, from its first bytes (its "magic number"), never from its name: a .docx that is
 * really a PDF is a PDF.
 */

export type FileKind =
  | { kind: 'empty' }
  | { kind: 'zip' }
  | { kind: 'cfb' }
  | { kind: 'pdf' }
  | { kind: 'rtf' }
  | { kind: 'image'; format: string }
  | { kind: 'archive'; format: string }
  | { kind: 'html' }
  | { kind: 'mhtml' }
  | { kind: 'word-xml' }
  | { kind: 'text' }
  | { kind: 'unknown' };

/** How much of the start of a file the text sniffers look at. */
const SNIFF_BYTES = 4096;

function startsWith(bytes: Uint8Array, signature: readonly number[], at = 0): boolean {
  if (bytes.length < at + signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[at + i] !== signature[i]) return false;
  return true;
}

function ascii(text: string): number[] {
  return Array.from(text, (char) => char.charCodeAt(0));
}

const ZIP_LOCAL_FILE = [0x50, 0x4b, 0x03, 0x04];
const ZIP_EMPTY_ARCHIVE = [0x50, 0x4b, 0x05, 0x06];
const ZIP_SPANNED = [0x50, 0x4b, 0x07, 0x08];
export const CFB_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const BINARY_SIGNATURES: { signature: number[]; at?: number; kind: FileKind }[] = [
  { signature: ascii('{\\rtf'), kind: { kind: 'rtf' } },
  { signature: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], kind: { kind: 'image', format: 'PNG' } },
  { signature: [0xff, 0xd8, 0xff], kind: { kind: 'image', format: 'JPEG' } },
  { signature: ascii('GIF87a'), kind: { kind: 'image', format: 'GIF' } },
  { signature: ascii('GIF89a'), kind: { kind: 'image', format: 'GIF' } },
  { signature: [0x49, 0x49, 0x2a, 0x00], kind: { kind: 'image', format: 'TIFF' } },
  { signature: [0x4d, 0x4d, 0x00, 0x2a], kind: { kind: 'image', format: 'TIFF' } },
  { signature: ascii('WEBP'), at: 8, kind: { kind: 'image', format: 'WebP' } },
  { signature: ascii('ftypheic'), at: 4, kind: { kind: 'image', format: 'HEIC (iPhone photo)' } },
  { signature: ascii('ftypheix'), at: 4, kind: { kind: 'image', format: 'HEIC (iPhone photo)' } },
  { signature: ascii('ftypmif1'), at: 4, kind: { kind: 'image', format: 'HEIF' } },
  { signature: [0x1f, 0x8b], kind: { kind: 'archive', format: 'gzip' } },
  { signature: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], kind: { kind: 'archive', format: '7-Zip' } },
  { signature: ascii('Rar!\x1a\x07'), kind: { kind: 'archive', format: 'RAR' } },
];

/** %PDF- may follow a little junk: readers accept it anywhere in the first 1024 bytes. */
function isPdf(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  return head.indexOf('%PDF-', 0, 'latin1') !== -1;
}

/** A Windows bitmap: "BM" followed by the file size, which a text file starting with "BM" will not match. */
function isBmp(bytes: Uint8Array): boolean {
  if (bytes.length < 26 || bytes[0] !== 0x42 || bytes[1] !== 0x4d) return false;
  const declaredSize = bytes[2] | (bytes[3] << 8) | (bytes[4] << 16) | (bytes[5] << 24);
  return declaredSize === bytes.length;
}

/** The start of the file as text, or undefined when it looks binary. */
function sniffText(bytes: Uint8Array): string | undefined {
  const sample = bytes.subarray(0, SNIFF_BYTES);
  if (startsWith(sample, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(sample.subarray(2));
  if (startsWith(sample, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(sample.subarray(2));
  // UTF-16 without a byte order mark: every other byte of ASCII text is zero.
  if (sample.length >= 4 && sample[0] !== 0 && sample[1] === 0 && sample[2] !== 0 && sample[3] === 0) {
    return new TextDecoder('utf-16le').decode(sample.subarray(0, sample.length & ~1));
  }
  if (sample.length >= 4 && sample[0] === 0 && sample[1] !== 0 && sample[2] === 0 && sample[3] !== 0) {
    return new TextDecoder('utf-16be').decode(sample.subarray(0, sample.length & ~1));
  }
  let control = 0;
  for (const byte of sample) {
    if (byte === 0) return undefined;
    // Tab, line feed, form feed, carriage return and escape appear in text; other control bytes do not.
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0c && byte !== 0x0d && byte !== 0x1b) control++;
  }
  if (control > sample.length / 100) return undefined;
  // Text in a legacy 8-bit code page (not valid UTF-8) is still text; decode it loosely.
  return new TextDecoder('utf-8').decode(sample);
}

function classifyText(text: string): FileKind {
  const head = text
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 2048)
    .toLowerCase();
  if (/^mime-version:|^content-type:\s*multipart\/related/m.test(head.slice(0, 1024))) return { kind: 'mhtml' };
  if (head.startsWith('<')) {
    if (head.includes('schemas.microsoft.com/office/word/2003/wordml') || head.includes('<w:worddocument')) {
      return { kind: 'word-xml' };
    }
    if (head.includes('schemas.microsoft.com/office/2006/xmlpackage')) return { kind: 'word-xml' };
    if (head.includes('<html') || head.startsWith('<!doctype html')) return { kind: 'html' };
  }
  return { kind: 'text' };
}

export function classify(bytes: Uint8Array): FileKind {
  if (bytes.length === 0) return { kind: 'empty' };
  if (startsWith(bytes, ZIP_LOCAL_FILE) || startsWith(bytes, ZIP_EMPTY_ARCHIVE) || startsWith(bytes, ZIP_SPANNED)) {
    return { kind: 'zip' };
  }
  if (startsWith(bytes, CFB_SIGNATURE)) return { kind: 'cfb' };
  if (isPdf(bytes)) return { kind: 'pdf' };
  for (const { signature, at, kind } of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature, at ?? 0)) {
      if (kind.kind === 'image' && kind.format === 'WebP' && !startsWith(bytes, ascii('RIFF'))) continue;
      return kind;
    }
  }
  if (isBmp(bytes)) return { kind: 'image', format: 'BMP' };
  const text = sniffText(bytes);
  return text === undefined ? { kind: 'unknown' } : classifyText(text);
}
