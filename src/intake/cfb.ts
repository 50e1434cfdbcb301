/**
 * Just enough of the Compound File Binary format ([MS-CFB]) to list the names of the streams and
 * storages in an OLE file, which tell a Word 97-2003 .doc ("WordDocument") from a password-protected
 * .docx ("EncryptionInfo" + "EncryptedPackage"), an .xls ("Workbook") or an Outlook .msg.
 *
 * Every chain is walked with a step budget equal to the number of sectors in the file, so a crafted
 * file with loops or out-of-range sector numbers ends in a CfbError, never in a hang.
 */

export class CfbError extends Error {}

const HEADER_BYTES = 512;
const DIRECTORY_ENTRY_BYTES = 128;
/** Sector numbers at or above this are markers (end of chain, free, FAT, DIFAT), not sectors. */
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const HEADER_DIFAT_SLOTS = 109;

const STORAGE = 1;
const STREAM = 2;
const ROOT = 5;

export function listCfbEntryNames(bytes: Uint8Array): string[] {
  if (bytes.length < HEADER_BYTES) throw new CfbError('shorter than a compound file header');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const sectorShift = view.getUint16(0x1e, true);
  if (sectorShift !== 9 && sectorShift !== 12) throw new CfbError(`sector shift ${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  // The header occupies the first sector's worth of bytes (512 or 4096); sector 0 follows it.
  const sectorCount = Math.max(0, Math.ceil((bytes.length - sectorSize) / sectorSize));
  const fatSectorCount = view.getUint32(0x2c, true);
  const firstDirectorySector = view.getUint32(0x30, true);
  let difatSector = view.getUint32(0x44, true);
  if (fatSectorCount > sectorCount) throw new CfbError('more FAT sectors than the file holds');

  const sectorOffset = (sector: number): number => {
    if (sector > MAX_REGULAR_SECTOR || sector >= sectorCount) throw new CfbError(`sector ${sector} out of range`);
    return (sector + 1) * sectorSize;
  };
  const readUint32 = (offset: number): number => {
    if (offset + 4 > bytes.length) throw new CfbError('read past the end of the file');
    return view.getUint32(offset, true);
  };

  // The FAT's own sectors: 109 in the header, the rest in a chain of DIFAT sectors.
  const fatSectors: number[] = [];
  for (let i = 0; i < HEADER_DIFAT_SLOTS && fatSectors.length < fatSectorCount; i++) {
    fatSectors.push(view.getUint32(0x4c + i * 4, true));
  }
  const slotsPerDifatSector = sectorSize / 4 - 1;
  for (let steps = 0; fatSectors.length < fatSectorCount; steps++) {
    if (steps > sectorCount || difatSector > MAX_REGULAR_SECTOR) throw new CfbError('broken DIFAT chain');
    const base = sectorOffset(difatSector);
    for (let i = 0; i < slotsPerDifatSector && fatSectors.length < fatSectorCount; i++) {
      fatSectors.push(readUint32(base + i * 4));
    }
    difatSector = readUint32(base + slotsPerDifatSector * 4);
  }
  const entriesPerFatSector = sectorSize / 4;
  const nextSector = (sector: number): number => {
    const fatSector = fatSectors[Math.floor(sector / entriesPerFatSector)];
    if (fatSector === undefined) throw new CfbError(`sector ${sector} not covered by the FAT`);
    return readUint32(sectorOffset(fatSector) + (sector % entriesPerFatSector) * 4);
  };

  const names: string[] = [];
  const decoder = new TextDecoder('utf-16le');
  let sector = firstDirectorySector;
  for (let steps = 0; sector !== END_OF_CHAIN; steps++) {
    if (steps > sectorCount) throw new CfbError('directory chain loops');
    const base = sectorOffset(sector);
    for (
      let offset = base;
      offset + DIRECTORY_ENTRY_BYTES <= Math.min(base + sectorSize, bytes.length);
      offset += DIRECTORY_ENTRY_BYTES
    ) {
      const type = bytes[offset + 0x42];
      if (type !== STORAGE && type !== STREAM && type !== ROOT) continue;
      const nameBytes = Math.min(view.getUint16(offset + 0x40, true), 64);
      // The length counts the terminating NUL character.
      names.push(decoder.decode(bytes.subarray(offset, offset + Math.max(0, nameBytes - 2))));
    }
    sector = nextSector(sector);
  }
  if (names.length === 0) throw new CfbError('no directory entries');
  return names;
}

/**
 * Fallback for a compound file too damaged to walk: which of these names appear anywhere in it as
 * UTF-16LE text (directory entries store names that way).
 */
export function findCfbNamesByScan(bytes: Uint8Array, candidates: readonly string[]): string[] {
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return candidates.filter((name) => haystack.indexOf(Buffer.from(name, 'utf16le')) !== -1);
}
