/**
 * A zip reader for untrusted uploads. It reads the central directory itself and inflates one entry
 * at a time with Node's zlib, whose maxOutputLength stops inflation as soon as the output passes the
 * budget left for that entry. Declared sizes are only used to reject early; they are never trusted
 * to bound anything, so a zip whose headers lie about sizes is stopped by the byte counts all the same.
 */
import { inflateRawSync } from 'node:zlib';
import { crc32 } from './crc32.js';
import { RejectionError } from './errors.js';
import type { IntakeLimits } from './limits.js';
import { formatBytes, messages } from './messages.js';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  crc32: number;
  /** Bytes of file data as the central directory gives them (checked to lie inside the file). */
  compressedSize: number;
  /** Inflated size as the central directory declares it: a claim, not a fact. */
  declaredSize: number;
  /** Where the entry's data starts (after its local header). */
  dataOffset: number;
  isDirectory: boolean;
}

const EOCD_SIGNATURE = 0x06054b50;
const EOCD_BYTES = 22;
const MAX_COMMENT_BYTES = 0xffff;
const ZIP64_LOCATOR_SIGNATURE = 0x07064b50;
const ZIP64_LOCATOR_BYTES = 20;
const ZIP64_EOCD_SIGNATURE = 0x06064b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const CENTRAL_HEADER_BYTES = 46;
const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
const ZIP64_EXTRA_ID = 0x0001;
const FLAG_ENCRYPTED = 0x0001;
const FLAG_STRONG_ENCRYPTION = 0x0040;
const FLAG_UTF8_NAME = 0x0800;
const METHOD_STORED = 0;
const METHOD_DEFLATED = 8;
const METHOD_AES = 99;
/** A 32-bit (or 16-bit) field set to all ones means "see the zip64 record". */
const U32_MAX = 0xffffffff;
const U16_MAX = 0xffff;

const damaged = (): RejectionError => new RejectionError('CORRUPT', messages.damaged());

class Reader {
  readonly view: DataView;
  constructor(readonly bytes: Uint8Array) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }
  has(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.bytes.length;
  }
  u16(offset: number): number {
    if (!this.has(offset, 2)) throw damaged();
    return this.view.getUint16(offset, true);
  }
  u32(offset: number): number {
    if (!this.has(offset, 4)) throw damaged();
    return this.view.getUint32(offset, true);
  }
  u64(offset: number): number {
    if (!this.has(offset, 8)) throw damaged();
    return Number(this.view.getBigUint64(offset, true));
  }
}

interface Directory {
  entryCount: number;
  size: number;
  offset: number;
}

/**
 * The end-of-central-directory record. Preferably the last signature whose comment reaches exactly to
 * the end of the file (a signature inside a comment does not); failing that, the last one that fits,
 * for files with a few stray bytes appended.
 */
function findDirectory(reader: Reader): Directory {
  const { bytes } = reader;
  const lowest = Math.max(0, bytes.length - EOCD_BYTES - MAX_COMMENT_BYTES);
  let fallback = -1;
  let found = -1;
  for (let at = bytes.length - EOCD_BYTES; at >= lowest; at--) {
    if (bytes[at] !== 0x50 || reader.u32(at) !== EOCD_SIGNATURE) continue;
    const end = at + EOCD_BYTES + reader.u16(at + 20);
    if (end === bytes.length) {
      found = at;
      break;
    }
    if (end < bytes.length && fallback === -1) fallback = at;
  }
  if (found === -1) found = fallback;
  if (found === -1) throw damaged();
  return readDirectoryRecord(reader, found);
}

function readDirectoryRecord(reader: Reader, at: number): Directory {
  const disk = reader.u16(at + 4);
  const directoryDisk = reader.u16(at + 6);
  let entryCount = reader.u16(at + 10);
  let size = reader.u32(at + 12);
  let offset = reader.u32(at + 16);
  const locator = at - ZIP64_LOCATOR_BYTES;
  if (
    (entryCount === U16_MAX || size === U32_MAX || offset === U32_MAX) &&
    reader.has(locator, 4) &&
    reader.u32(locator) === ZIP64_LOCATOR_SIGNATURE
  ) {
    const record = reader.u64(locator + 8);
    if (reader.u32(record) !== ZIP64_EOCD_SIGNATURE) throw damaged();
    entryCount = reader.u64(record + 32);
    size = reader.u64(record + 40);
    offset = reader.u64(record + 48);
  } else if (disk !== 0 || directoryDisk !== 0) {
    // A multi-volume archive: only one piece of it was uploaded.
    throw damaged();
  }
  return { entryCount, size, offset };
}

/** Sizes and offset from the zip64 extra field, for the 32-bit fields that are all ones. */
function applyZip64Extra(
  reader: Reader,
  start: number,
  end: number,
  fields: { declaredSize: number; compressedSize: number; localOffset: number },
): void {
  for (let at = start; at + 4 <= end;) {
    const id = reader.u16(at);
    const length = reader.u16(at + 2);
    if (id === ZIP64_EXTRA_ID) {
      let field = at + 4;
      for (const key of ['declaredSize', 'compressedSize', 'localOffset'] as const) {
        if (fields[key] !== U32_MAX) continue;
        if (field + 8 > at + 4 + length) throw damaged();
        fields[key] = reader.u64(field);
        field += 8;
      }
      return;
    }
    at += 4 + length;
  }
}

/**
 * Lists a zip's entries from its central directory, checking the count and each entry's placement
 * before any data is inflated.
 */
export function readZipDirectory(bytes: Uint8Array, limits: IntakeLimits): ZipEntry[] {
  const reader = new Reader(bytes);
  const directory = findDirectory(reader);
  if (directory.entryCount > limits.maxEntries) {
    throw new RejectionError(
      'ZIP_BOMB',
      messages.zipBomb(`${directory.entryCount} parts, at most ${limits.maxEntries} allowed`),
    );
  }
  if (!reader.has(directory.offset, directory.size) || directory.entryCount * CENTRAL_HEADER_BYTES > directory.size)
    throw damaged();

  const utf8 = new TextDecoder('utf-8');
  const latin1 = new TextDecoder('latin1');
  const entries: ZipEntry[] = [];
  let at = directory.offset;
  for (let index = 0; index < directory.entryCount; index++) {
    if (reader.u32(at) !== CENTRAL_SIGNATURE) throw damaged();
    const flags = reader.u16(at + 8);
    const method = reader.u16(at + 10);
    const nameLength = reader.u16(at + 28);
    const extraLength = reader.u16(at + 30);
    const commentLength = reader.u16(at + 32);
    const fields = {
      declaredSize: reader.u32(at + 24),
      compressedSize: reader.u32(at + 20),
      localOffset: reader.u32(at + 42),
    };
    const nameStart = at + CENTRAL_HEADER_BYTES;
    if (!reader.has(nameStart, nameLength + extraLength + commentLength)) throw damaged();
    const name = (flags & FLAG_UTF8_NAME ? utf8 : latin1).decode(bytes.subarray(nameStart, nameStart + nameLength));
    applyZip64Extra(reader, nameStart + nameLength, nameStart + nameLength + extraLength, fields);
    if (flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION) || method === METHOD_AES) {
      throw new RejectionError('ENCRYPTED', messages.encryptedZip());
    }

    const local = fields.localOffset;
    if (reader.u32(local) !== LOCAL_SIGNATURE) throw damaged();
    const dataOffset = local + LOCAL_HEADER_BYTES + reader.u16(local + 26) + reader.u16(local + 28);
    if (!reader.has(dataOffset, fields.compressedSize)) throw damaged();
    entries.push({
      name,
      method,
      crc32: reader.u32(at + 16),
      compressedSize: fields.compressedSize,
      declaredSize: fields.declaredSize,
      dataOffset,
      isDirectory: name.endsWith('/'),
    });
    at = nameStart + nameLength + extraLength + commentLength;
  }
  // The records must fill the directory exactly: a count that hides further records is a forgery.
  if (at !== directory.offset + directory.size) throw damaged();
  return entries;
}

/**
 * What an entry may still produce: the tightest of the per-entry, total and ratio limits and of its
 * own declared size (plus a margin). Honest headers past a limit are refused before inflating; this
 * budget is what stops the dishonest ones, and it does not depend on any header telling the truth.
 */
export interface InflateBudget {
  bytes: number;
  /** Why the budget is what it is, for the rejection message when it is exceeded. */
  reason: string;
}

export function totalLimitReason(limits: IntakeLimits): string {
  return `the parts together unpack to more than ${formatBytes(limits.maxTotalInflatedBytes)}`;
}

export function inflateBudget(entry: ZipEntry, limits: IntakeLimits, inflatedSoFar: number): InflateBudget {
  const candidates: InflateBudget[] = [
    {
      bytes: limits.maxEntryInflatedBytes,
      reason: `"${entry.name}" unpacks to more than ${formatBytes(limits.maxEntryInflatedBytes)}`,
    },
    { bytes: limits.maxTotalInflatedBytes - inflatedSoFar, reason: totalLimitReason(limits) },
    {
      bytes: Math.max(limits.ratioCheckAfterBytes, entry.compressedSize * limits.maxEntryRatio),
      reason: `"${entry.name}" unpacks to more than ${limits.maxEntryRatio} times its packed size`,
    },
    // A header that understates the size is a lie: inflation stops soon after the claim is passed
    // (small discrepancies, below ratioCheckAfterBytes, end as a size mismatch: CORRUPT).
    {
      bytes: Math.max(entry.declaredSize, limits.ratioCheckAfterBytes),
      reason: `"${entry.name}" claims to hold ${formatBytes(entry.declaredSize)} but unpacks to more than ${formatBytes(Math.max(entry.declaredSize, limits.ratioCheckAfterBytes))}`,
    },
  ];
  return candidates.reduce((tightest, candidate) => (candidate.bytes < tightest.bytes ? candidate : tightest));
}

/**
 * Inflates one entry within its budget and checks the result against the entry's checksum and
 * declared size. Throws RejectionError: ZIP_BOMB past the budget, CORRUPT for damaged data.
 */
export function inflateEntry(bytes: Uint8Array, entry: ZipEntry, budget: InflateBudget): Uint8Array {
  const data = bytes.subarray(entry.dataOffset, entry.dataOffset + entry.compressedSize);
  let output: Uint8Array;
  if (entry.method === METHOD_STORED) {
    output = data;
  } else if (entry.method === METHOD_DEFLATED) {
    try {
      // maxOutputLength must be at least 1; a budget of 0 is enforced by the length check below.
      output = inflateRawSync(data, { maxOutputLength: Math.max(1, budget.bytes) });
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        throw new RejectionError('ZIP_BOMB', messages.zipBomb(budget.reason));
      }
      throw damaged();
    }
  } else {
    throw new RejectionError('CORRUPT', messages.unsupportedCompression(entry.name));
  }
  if (output.length > budget.bytes) throw new RejectionError('ZIP_BOMB', messages.zipBomb(budget.reason));
  if (output.length !== entry.declaredSize || crc32(output) !== entry.crc32) throw damaged();
  return output;
}
