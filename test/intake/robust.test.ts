/**
 * intake() never throws and never hangs, whatever the bytes: damaged copies of a valid .docx and of
 * an OLE file (bytes flipped, cut, spliced) all come back as a result with a contract code.
 */
import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { RejectionCodes } from '../../src/report/schema.js';
import { buildCfb, buildZip, docxEntries } from './fixtures.js';

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(original: Uint8Array, next: () => number): Uint8Array {
  const bytes = Uint8Array.from(original);
  const pick = (n: number) => Math.floor(next() * n);
  switch (pick(4)) {
    case 0: // flip a few bytes anywhere
      for (let i = 0, n = 1 + pick(8); i < n; i++) bytes[pick(bytes.length)] = pick(256);
      return bytes;
    case 1: // cut short
      return bytes.subarray(0, pick(bytes.length));
    case 2: {
      // overwrite a 32-bit field with an extreme value (sizes, offsets, counts)
      const at = pick(bytes.length - 4);
      new DataView(bytes.buffer).setUint32(at, [0, 1, 0x7fffffff, 0xffffffff, 0xfffffffe][pick(5)], true);
      return bytes;
    }
    default: {
      // splice a copy of one stretch over another
      const from = pick(bytes.length);
      const to = pick(bytes.length);
      const length = pick(200);
      bytes.copyWithin(to, from, Math.min(bytes.length, from + length));
      return bytes;
    }
  }
}

describe('damaged input never crashes or hangs intake', () => {
  const samples: [string, Uint8Array][] = [
    [
      'docx',
      buildZip(
        docxEntries({
          'word/styles.xml':
            '<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>',
        }),
      ),
    ],
    [
      'cfb',
      buildCfb([
        { name: 'WordDocument', data: new Uint8Array(1200) },
        { name: '1Table', data: new Uint8Array(600) },
      ]),
    ],
  ];

  for (const [label, original] of samples) {
    it(`returns a contract code for 500 damaged copies of a ${label} file`, () => {
      const next = random(label.length * 7919);
      const started = performance.now();
      const codes = new Set<string>();
      for (let i = 0; i < 500; i++) {
        const damaged = mutate(original, next);
        const result = intake(damaged);
        if (!result.ok) codes.add(result.code);
        expect(result.ok || RejectionCodes.includes(result.code)).toBe(true);
      }
      expect(performance.now() - started).toBeLessThan(5000);
      // The mutations must actually produce rejections, or this test shows nothing.
      expect(codes.size).toBeGreaterThan(0);
    });
  }
});
