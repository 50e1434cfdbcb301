/**
 * Builders for crafted files: a zip writer that can lie in its headers, a minimal OLE compound file
 * writer, deflate streams of any inflated size, and the parts of a minimal valid .docx.
 */
import { constants, deflateRawSync } from 'node:zlib';
import { crc32 } from '../../src/intake/crc32.js';

export interface ZipEntrySpec {
  name: string;
  /** The entry's content; compressed with deflate unless `stored` or `compressed` is given. */
  data?: Uint8Array | string;
  /** Ready-made raw deflate data, used as is (for bombs too big to build from their content). */
  compressed?: Uint8Array;
  stored?: boolean;
  /** Header lies: sizes and checksum written instead of the true ones. */
  declaredSize?: number;
  declaredCompressedSize?: number;
  declaredCrc?: number;
  /** Only the local header lies (a reader that trusts local headers is fooled, ours reads the directory). */
  localDeclaredSize?: number;
  flags?: number;
  method?: number;
}

export interface ZipOptions {
  /** Write zip64 records: sizes and offsets in the zip64 extra field, counts in the zip64 end record. */
  zip64?: boolean;
  /** Streamed writing: zeros in every local header, the sizes in a data descriptor after the data. */
  dataDescriptors?: boolean;
  /** Point several directory records at one local entry (an overlapping-files bomb). */
  repeatDirectoryRecords?: { index: number; times: number };
  /** Write this entry count into the end record instead of the true one. */
  declaredEntryCount?: number;
}

const enc = new TextEncoder();
const toBytes = (data: Uint8Array | string | undefined): Uint8Array =>
  typeof data === 'string' ? enc.encode(data) : (data ?? new Uint8Array(0));

export function buildZip(specs: ZipEntrySpec[], options: ZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const records: Buffer[] = [];
  let offset = 0;
  let recordCount = 0;
  specs.forEach((spec, index) => {
    const name = Buffer.from(spec.name, 'utf8');
    const content = toBytes(spec.data);
    const method = spec.method ?? (spec.stored ? 0 : 8);
    const body = spec.compressed ?? (method === 0 ? content : deflateRawSync(content));
    const size = spec.declaredSize ?? content.length;
    const compressedSize = spec.declaredCompressedSize ?? body.length;
    const checksum = spec.declaredCrc ?? crc32(content);
    const flags = (spec.flags ?? 0) | 0x0800 | (options.dataDescriptors ? 0x0008 : 0);

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    if (!options.dataDescriptors) {
      local.writeUInt32LE(checksum, 14);
      local.writeUInt32LE(compressedSize >>> 0, 18);
      local.writeUInt32LE((spec.localDeclaredSize ?? size) >>> 0, 22);
    }
    local.writeUInt16LE(name.length, 26);
    const descriptor = Buffer.alloc(options.dataDescriptors ? 16 : 0);
    if (options.dataDescriptors) {
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(checksum, 4);
      descriptor.writeUInt32LE(compressedSize >>> 0, 8);
      descriptor.writeUInt32LE(size >>> 0, 12);
    }
    locals.push(local, name, Buffer.from(body), descriptor);

    const record = Buffer.alloc(46);
    record.writeUInt32LE(0x02014b50, 0);
    record.writeUInt16LE(20, 4);
    record.writeUInt16LE(20, 6);
    record.writeUInt16LE(flags, 8);
    record.writeUInt16LE(method, 10);
    record.writeUInt32LE(checksum, 16);
    record.writeUInt32LE(compressedSize >>> 0, 20);
    record.writeUInt32LE(size >>> 0, 24);
    record.writeUInt16LE(name.length, 28);
    record.writeUInt32LE(offset, 42);
    let extra = Buffer.alloc(0);
    if (options.zip64) {
      record.writeUInt32LE(0xffffffff, 20);
      record.writeUInt32LE(0xffffffff, 24);
      record.writeUInt32LE(0xffffffff, 42);
      extra = Buffer.alloc(28);
      extra.writeUInt16LE(0x0001, 0);
      extra.writeUInt16LE(24, 2);
      extra.writeBigUInt64LE(BigInt(size), 4);
      extra.writeBigUInt64LE(BigInt(compressedSize), 12);
      extra.writeBigUInt64LE(BigInt(offset), 20);
      record.writeUInt16LE(extra.length, 30);
    }
    const times = options.repeatDirectoryRecords?.index === index ? options.repeatDirectoryRecords.times : 1;
    for (let i = 0; i < times; i++) {
      // Repeats get their own names (same local data), so they are not merely duplicate names.
      const recordName = i === 0 ? name : Buffer.from(`${spec.name}.${i}`, 'utf8');
      const copy = Buffer.from(record);
      copy.writeUInt16LE(recordName.length, 28);
      records.push(copy, recordName, extra);
      recordCount++;
    }
    offset += local.length + name.length + body.length + descriptor.length;
  });
  const directory = Buffer.concat(records);
  const count = options.declaredEntryCount ?? recordCount;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(options.zip64 ? 0xffff : Math.min(count, 0xffff), 8);
  end.writeUInt16LE(options.zip64 ? 0xffff : Math.min(count, 0xffff), 10);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : directory.length, 12);
  end.writeUInt32LE(options.zip64 ? 0xffffffff : offset, 16);
  if (!options.zip64) return Buffer.concat([...locals, directory, end]);

  const zip64End = Buffer.alloc(56);
  zip64End.writeUInt32LE(0x06064b50, 0);
  zip64End.writeBigUInt64LE(44n, 4);
  zip64End.writeUInt16LE(45, 12);
  zip64End.writeUInt16LE(45, 14);
  zip64End.writeBigUInt64LE(BigInt(count), 24);
  zip64End.writeBigUInt64LE(BigInt(count), 32);
  zip64End.writeBigUInt64LE(BigInt(directory.length), 40);
  zip64End.writeBigUInt64LE(BigInt(offset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(offset + directory.length), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([...locals, directory, zip64End, locator, end]);
}

/**
 * Raw deflate data that inflates to `megabytes` MiB of zeros, built from one compressed MiB repeated
 * (a full flush makes each copy independent), so a 200 MiB bomb costs 1 MiB of work to make.
 */
export function zerosDeflated(megabytes: number): Buffer {
  const oneMiB = deflateRawSync(Buffer.alloc(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const finalBlock = deflateRawSync(Buffer.alloc(0));
  return Buffer.concat([...Array.from({ length: megabytes }, () => oneMiB), finalBlock]);
}

/**
 * A minimal version-3 compound file (512-byte sectors) holding the given streams in the root
 * storage, each in regular sectors. Only as much of [MS-CFB] as a reader needs to list names.
 */
export function buildCfb(streams: { name: string; data?: Uint8Array }[]): Buffer {
  const SECTOR = 512;
  const END_OF_CHAIN = 0xfffffffe;
  const FREE = 0xffffffff;
  const FAT_SECTOR = 0xfffffffd;
  const streamSectors = streams.map((stream) => Math.max(1, Math.ceil((stream.data?.length ?? 0) / SECTOR)));
  const directoryEntries = streams.length + 1;
  const directorySectors = Math.ceil(directoryEntries / 4);
  // One FAT sector maps 128 sectors, enough for these tests.
  const totalSectors = 1 + directorySectors + streamSectors.reduce((sum, count) => sum + count, 0);
  if (totalSectors > 128) throw new Error('buildCfb: streams too large for one FAT sector');

  const fat = Buffer.alloc(SECTOR, 0xff);
  fat.writeUInt32LE(FAT_SECTOR, 0);
  const chain = (start: number, length: number): void => {
    for (let i = 0; i < length; i++)
      fat.writeUInt32LE(i === length - 1 ? END_OF_CHAIN : start + i + 1, (start + i) * 4);
  };
  const firstDirectorySector = 1;
  chain(firstDirectorySector, directorySectors);
  let next = firstDirectorySector + directorySectors;
  const starts = streamSectors.map((count) => {
    const start = next;
    chain(start, count);
    next += count;
    return start;
  });

  const header = Buffer.alloc(SECTOR);
  Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(header, 0);
  header.writeUInt16LE(0x3e, 0x18);
  header.writeUInt16LE(3, 0x1a);
  header.writeUInt16LE(0xfffe, 0x1c);
  header.writeUInt16LE(9, 0x1e);
  header.writeUInt16LE(6, 0x20);
  header.writeUInt32LE(1, 0x2c);
  header.writeUInt32LE(firstDirectorySector, 0x30);
  header.writeUInt32LE(4096, 0x38);
  header.writeUInt32LE(END_OF_CHAIN, 0x3c);
  header.writeUInt32LE(END_OF_CHAIN, 0x44);
  header.fill(0xff, 0x4c);
  header.writeUInt32LE(0, 0x4c);

  const directory = Buffer.alloc(directorySectors * SECTOR);
  const writeEntry = (
    index: number,
    name: string,
    type: number,
    start: number,
    size: number,
    rightSibling: number,
    child: number,
  ): void => {
    const at = index * 128;
    const encoded = Buffer.from(name, 'utf16le');
    encoded.copy(directory, at);
    directory.writeUInt16LE(encoded.length + 2, at + 0x40);
    directory[at + 0x42] = type;
    directory[at + 0x43] = 1; // black
    directory.writeUInt32LE(FREE, at + 0x44);
    directory.writeUInt32LE(rightSibling, at + 0x48);
    directory.writeUInt32LE(child, at + 0x4c);
    directory.writeUInt32LE(start, at + 0x74);
    directory.writeUInt32LE(size, at + 0x78);
  };
  writeEntry(0, 'Root Entry', 5, END_OF_CHAIN, 0, FREE, streams.length ? 1 : FREE);
  streams.forEach((stream, i) => {
    // Siblings as a right-leaning chain: valid, if not balanced.
    writeEntry(
      i + 1,
      stream.name,
      2,
      starts[i],
      stream.data?.length ?? 0,
      i + 2 <= streams.length ? i + 2 : FREE,
      FREE,
    );
  });

  const data = streams.map((stream, i) => {
    const block = Buffer.alloc(streamSectors[i] * SECTOR);
    if (stream.data) Buffer.from(stream.data).copy(block);
    return block;
  });
  return Buffer.concat([header, fat, directory, ...data]);
}

export const CONTENT_TYPES_DOCX = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;

export const PACKAGE_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

export function documentXml(body: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}</w:body></w:document>`;
}

export const HELLO_DOCUMENT = documentXml('<w:p><w:r><w:t>An essay on key challenges.</w:t></w:r></w:p>');

/** The three parts of a minimal .docx, with any part replaced or added. */
export function docxEntries(overrides: Record<string, string | Uint8Array | null> = {}): ZipEntrySpec[] {
  const parts: Record<string, string | Uint8Array | null> = {
    '[Content_Types].xml': CONTENT_TYPES_DOCX,
    '_rels/.rels': PACKAGE_RELS,
    'word/document.xml': HELLO_DOCUMENT,
    ...overrides,
  };
  return Object.entries(parts)
    .filter((entry): entry is [string, string | Uint8Array] => entry[1] !== null)
    .map(([name, data]) => ({ name, data }));
}
