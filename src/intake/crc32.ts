/**
 * CRC-32 (the zip checksum). Node's zlib.crc32 is native but only exists from Node 20.15 / 22.2;
 * older Node 20 releases fall back to a table-driven version.
 */
import * as zlib from 'node:zlib';

type Crc32 = (data: Uint8Array) => number;

function tableCrc32(): Crc32 {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return (data) => {
    let crc = 0xffffffff;
    for (let i = 0; i < data.length; i++) crc = table[(crc ^ data[i]) & 0xff] ^ (crc >>> 8);
    return (crc ^ 0xffffffff) >>> 0;
  };
}

const nativeCrc32 = (zlib as { crc32?: (data: Uint8Array) => number }).crc32;

export const crc32: Crc32 = nativeCrc32 ? (data) => nativeCrc32(data) >>> 0 : tableCrc32();
