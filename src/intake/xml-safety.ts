/**
 * Document type declarations in package parts. Word never writes a DTD into a .docx, and a DTD is
 * how XML attacks work (entity expansion such as "billion laughs", external entities that read
 * local files or reach the network), so any part that carries one is refused before a parser sees it.
 */

/** Bytes of a part's start in which a NUL byte marks a wide encoding (UTF-16 or UTF-32). */
const ENCODING_SNIFF_BYTES = 1024;
const LESS_THAN = 0x3c;
const DECLARATION_WORDS = ['doctype', 'entity'].map((word) => Array.from(word, (char) => char.charCodeAt(0)));

/** The part with every NUL byte removed: ASCII markup in UTF-16 or UTF-32 becomes contiguous. */
function withoutNulBytes(bytes: Uint8Array): Uint8Array {
  const narrow = new Uint8Array(bytes.length);
  let length = 0;
  for (const byte of bytes) if (byte !== 0) narrow[length++] = byte;
  return narrow.subarray(0, length);
}

function isWideEncoded(bytes: Uint8Array): boolean {
  return bytes.subarray(0, ENCODING_SNIFF_BYTES).includes(0);
}

/**
 * Whether the part contains "<!DOCTYPE" or "<!ENTITY" in any letter case, in UTF-8 (with or without
 * a byte order mark), UTF-16 or UTF-32. Looked for anywhere, not only in the prolog: escaped text
 * ("&lt;!DOCTYPE") in a document does not match, so a match is always markup.
 */
export function hasDocumentTypeDeclaration(part: Uint8Array): boolean {
  const bytes = isWideEncoded(part) ? withoutNulBytes(part) : part;
  const haystack = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let at = haystack.indexOf('<!'); at !== -1; at = haystack.indexOf('<!', at + 2)) {
    for (const word of DECLARATION_WORDS) {
      let matches = at + 2 + word.length <= bytes.length;
      for (let i = 0; matches && i < word.length; i++) matches = (bytes[at + 2 + i] | 0x20) === word[i];
      if (matches) return true;
    }
  }
  return false;
}

/** A part's text: UTF-16 by byte order mark or by the NUL bytes of ASCII markup, otherwise UTF-8. */
export function decodeXmlPart(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  if (bytes[0] === LESS_THAN && bytes[1] === 0) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0 && bytes[1] === LESS_THAN) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
