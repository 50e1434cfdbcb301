/**
 * The text side of the near-duplicate index: words with their place in the essay, word shingles as
 * 32-bit hashes, MinHash signatures and winnowing fingerprints (Broder 1997; Schleimer, Wilkerson
 * and Aiken 2003, "Winnowing: local algorithms for document fingerprinting").
 */
import type { BodyParagraph } from './collect.js';

/** A word of the essay: its normalised form's hash and where it is in the original text. */
export interface Word {
  hash: number;
  paragraph: number;
  start: number;
  end: number;
  /** Inside quotation marks: words of a cited source rather than the author's own. */
  quoted: boolean;
  /** Words in the quotation this word belongs to (0 when not quoted). */
  quotationWords: number;
}

const WORD = /[\p{L}\p{M}\p{N}]+/gu;
// Double quotation marks only: single ones double as apostrophes. Straight quotes toggle.
const OPENING = new Set(['“', '«', '"']);
const CLOSING: Record<string, string> = { '“': '”', '«': '»', '"': '"' };

/** [start, end) character ranges of the quotations in a paragraph (unclosed ones are ignored). */
function quotationRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let open: { at: number; close: string } | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (open) {
      if (c === open.close) {
        ranges.push([open.at, i]);
        open = undefined;
      }
    } else if (OPENING.has(c)) open = { at: i, close: CLOSING[c] };
  }
  return ranges;
}
const MARKS = /\p{M}/gu;

/** MurmurHash3's finaliser: a bijection on 32-bit integers that mixes every bit into every other. */
export function mix32(value: number): number {
  let h = value | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** FNV-1a over the UTF-16 code units, then mixed. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}

/**
 * Words in reading order. Case, accents and punctuation are ignored ("Alliance's" and "alliances"
 * differ, "Défense" and "defense" do not), so a copy with retyped quotes or accents still matches.
 */
export function wordsOf(paragraphs: readonly BodyParagraph[]): Word[] {
  const words: Word[] = [];
  for (const paragraph of paragraphs) {
    const quotations = quotationRanges(paragraph.text);
    const first = words.length;
    let q = 0;
    for (const match of paragraph.text.matchAll(WORD)) {
      const normal = match[0].normalize('NFKD').replace(MARKS, '').toLowerCase();
      if (normal.length === 0) continue;
      const start = match.index ?? 0;
      while (q < quotations.length && quotations[q][1] < start) q++;
      const quoted = q < quotations.length && quotations[q][0] < start;
      words.push({
        hash: hashString(normal),
        paragraph: paragraph.index,
        start,
        end: start + match[0].length,
        quoted,
        quotationWords: quoted ? q + 1 : 0, // quotation number for now; turned into its length below
      });
    }
    const lengths = new Map<number, number>();
    for (let i = first; i < words.length; i++) {
      const n = words[i].quotationWords;
      if (n) lengths.set(n, (lengths.get(n) ?? 0) + 1);
    }
    for (let i = first; i < words.length; i++) {
      const n = words[i].quotationWords;
      if (n) words[i].quotationWords = lengths.get(n) ?? 0;
    }
  }
  return words;
}

/** Hash of each run of `size` consecutive words, indexed by the position of its first word. */
export function shingleHashes(words: readonly Pick<Word, 'hash'>[], size: number): Uint32Array {
  const count = Math.max(0, words.length - size + 1);
  const out = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    let h = size;
    for (let j = 0; j < size; j++) h = Math.imul(h ^ words[i + j].hash, 0x9e3779b1) + j;
    out[i] = mix32(h);
  }
  return out;
}

/** Sorted distinct values (for binary-search membership and exact Jaccard). */
export function sortedDistinct(values: Uint32Array): Uint32Array {
  const sorted = Uint32Array.from(values).sort();
  let n = 0;
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[n - 1]) sorted[n++] = sorted[i];
  return sorted.slice(0, n);
}

export function contains(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid];
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** |A ∩ B| of two sorted distinct arrays. */
export function intersectionSize(a: Uint32Array, b: Uint32Array): number {
  let i = 0;
  let j = 0;
  let n = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      n++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return n;
}

/** Fixed salts (a splitmix-style sequence), so signatures are comparable across runs and processes. */
function salts(count: number): Uint32Array {
  const out = new Uint32Array(count);
  let state = 0x2545f491;
  for (let i = 0; i < count; i++) {
    state = (state + 0x9e3779b9) | 0;
    out[i] = mix32(state);
  }
  return out;
}

const saltCache = new Map<number, Uint32Array>();

/**
 * MinHash signature: for each of `count` hash permutations (mix32 of the value xor a salt, which is
 * a bijection), the smallest permuted value over the set. Two sets agree at a position with
 * probability equal to their Jaccard similarity.
 */
export function minHashSignature(distinct: Uint32Array, count: number): Uint32Array {
  let salt = saltCache.get(count);
  if (!salt) {
    salt = salts(count);
    saltCache.set(count, salt);
  }
  const signature = new Uint32Array(count).fill(0xffffffff);
  for (let i = 0; i < distinct.length; i++) {
    const value = distinct[i];
    for (let p = 0; p < count; p++) {
      const h = mix32(value ^ salt[p]);
      if (h < signature[p]) signature[p] = h;
    }
  }
  return signature;
}

/** One key per LSH band: essays agreeing on every row of some band become candidates. */
export function bandKeys(signature: Uint32Array, bands: number, rows: number): number[] {
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    let h = mix32(b + 1);
    for (let r = 0; r < rows; r++) h = mix32(h ^ signature[b * rows + r]);
    keys.push(h);
  }
  return keys;
}

/**
 * Winnowing: the smallest hash of every window of `window` consecutive shingles (rightmost on ties).
 * Any run of window + shingle - 1 shared words is guaranteed to share a fingerprint, and a run of
 * 2 × window + shingle - 1 words at least two. `skip[i]` excludes shingle i (notice wording).
 */
export function winnow(hashes: Uint32Array, window: number, skip?: (i: number) => boolean): Set<number> {
  const picked = new Set<number>();
  const usable: number[] = [];
  for (let i = 0; i < hashes.length; i++) if (!skip?.(i)) usable.push(hashes[i]);
  if (usable.length === 0) return picked;
  if (usable.length <= window) {
    picked.add(Math.min(...usable));
    return picked;
  }
  for (let start = 0; start + window <= usable.length; start++) {
    let best = start;
    for (let i = start + 1; i < start + window; i++) if (usable[i] <= usable[best]) best = i;
    picked.add(usable[best]);
  }
  return picked;
}
