/**
 * Zip bombs: each must be refused as ZIP_BOMB within a couple of seconds and without the process
 * claiming memory anywhere near what the bomb would inflate to.
 */
import { describe, expect, it } from 'vitest';
import { crc32 } from '../../src/intake/crc32.js';
import { RejectionError } from '../../src/intake/errors.js';
import { DEFAULT_LIMITS, type IntakeLimits, intake } from '../../src/intake/index.js';
import { formatBytes } from '../../src/intake/messages.js';
import { inflateBudget, inflateEntry, readZipDirectory } from '../../src/intake/zip.js';
import { buildZip, docxEntries, zerosDeflated } from './fixtures.js';
import { measure } from './measure.js';

const MiB = 1024 * 1024;

/** Memory a rejected file may cost: every part it may inflate plus room for the runtime's own buffers. */
const MEMORY_ALLOWANCE_MiB = DEFAULT_LIMITS.maxEntryInflatedBytes / MiB + 64;

function expectBomb(bytes: Uint8Array, limits?: Partial<IntakeLimits>, allowanceMiB = MEMORY_ALLOWANCE_MiB): string {
  const { result, ms, peakGrowthMiB } = measure(() => intake(bytes, { limits }));
  expect(result).toMatchObject({ ok: false, code: 'ZIP_BOMB' });
  expect(ms).toBeLessThan(2000);
  if (peakGrowthMiB !== undefined) expect(peakGrowthMiB).toBeLessThan(allowanceMiB);
  return (result as { message: string }).message;
}

describe('zip bombs', () => {
  it('measures memory well enough to tell a bounded call from an unbounded one', () => {
    // The probe must see a short-lived 96 MiB buffer, or the memory bounds below would prove nothing.
    const { peakGrowthMiB } = measure(() => Buffer.alloc(96 * MiB, 1).length);
    if (peakGrowthMiB === undefined) return; // no /proc: memory is not measured on this system
    expect(peakGrowthMiB).toBeGreaterThan(80);
  });

  it('refuses 200 MiB of zeros with honest headers from the declared sizes, inflating nothing', () => {
    const bomb = buildZip(
      docxEntries({ 'word/document.xml': null }).concat({
        name: 'word/document.xml',
        compressed: zerosDeflated(200),
        declaredSize: 200 * MiB,
      }),
    );
    // Nothing is inflated, so almost no memory is used.
    expect(expectBomb(bomb, undefined, 16)).toMatch(/unpacks to more than/);
  });

  it('stops 1 GiB of zeros whose local and central headers both claim 1 KB soon after the claim is passed', () => {
    const bomb = buildZip(
      docxEntries({ 'word/document.xml': null }).concat({
        name: 'word/document.xml',
        compressed: zerosDeflated(1024),
        declaredSize: 1024,
      }),
    );
    // Inflating it all would take 1 GiB; the counter stops it at ratioCheckAfterBytes (1 MiB).
    expect(expectBomb(bomb, undefined, 32)).toMatch(
      /"word\/document\.xml" claims to hold 1 KB but unpacks to more than 1\.0 MB/,
    );
  });

  it('stops a lying part at the per-part limit when that is the tightest bound', () => {
    const bomb = buildZip(
      docxEntries({ 'word/styles.xml': null }).concat({
        name: 'word/styles.xml',
        compressed: zerosDeflated(100),
        declaredSize: 2000,
      }),
    );
    const message = expectBomb(bomb, { maxEntryInflatedBytes: 512 * 1024 }, 32);
    expect(message).toMatch(/"word\/styles\.xml" unpacks to more than 512 KB/);
  });

  it('refuses a part whose honest sizes exceed the per-part ratio, from the declared sizes', () => {
    // 4 MiB of zeros pack into about 4 KB: a ratio near 1000, far over the limit.
    const bomb = buildZip(
      docxEntries().concat({ name: 'word/numbering.xml', compressed: zerosDeflated(4), declaredSize: 4 * MiB }),
    );
    expect(expectBomb(bomb, undefined, 16)).toMatch(
      new RegExp(`"word/numbering\\.xml" unpacks to more than ${DEFAULT_LIMITS.maxEntryRatio} times its packed size`),
    );
  });

  it('refuses many directory records pointing at one packed part (overlapping files) by the total', () => {
    const overlapping = (declaredSize: number) =>
      buildZip(docxEntries().concat({ name: 'word/glossary.xml', compressed: zerosDeflated(10), declaredSize }), {
        repeatDirectoryRecords: { index: 3, times: 50 },
      });
    // The ratio is lifted so that only the total can stop it: 50 x 10 MiB is over the total limit.
    const total = formatBytes(DEFAULT_LIMITS.maxTotalInflatedBytes).replace('.', '\\.');
    expect(expectBomb(overlapping(10 * MiB), { maxEntryRatio: 5000 }, 16)).toMatch(
      new RegExp(`together unpack to more than ${total}`),
    );
    // The same bomb with sizes that lie is stopped while inflating the first copy.
    expect(expectBomb(overlapping(10), { maxEntryRatio: 5000 }, 32)).toMatch(/claims to hold 10 bytes/);
  });

  it('refuses a zip with more entries than maxEntries before reading any of them', () => {
    const many = docxEntries();
    for (let i = 0; i < DEFAULT_LIMITS.maxEntries; i++)
      many.push({ name: `word/media/p${i}.png`, data: '', stored: true });
    expect(expectBomb(buildZip(many))).toMatch(
      new RegExp(`${many.length} parts, at most ${DEFAULT_LIMITS.maxEntries} allowed`),
    );
  });

  it('stops bombs hidden in pictures too, because other readers of the upload inflate pictures', () => {
    const picture = { name: 'word/media/image1.png', compressed: zerosDeflated(50), declaredSize: 50 * MiB };
    expect(expectBomb(buildZip(docxEntries().concat(picture)))).toMatch(/image1\.png/);
    const lyingPicture = { ...picture, declaredSize: 100 };
    expect(expectBomb(buildZip(docxEntries().concat(lyingPicture)), undefined, 32)).toMatch(
      /image1\.png" claims to hold 100 bytes/,
    );
  });
});

describe('the inflation counters themselves', () => {
  // Honest headers are refused before inflating, so these bounds are reached only by a header that
  // lies or by callers' limits; they are checked here on one entry directly.
  const bytes = buildZip([
    {
      name: 'word/document.xml',
      compressed: zerosDeflated(8),
      declaredSize: 8 * MiB,
      declaredCrc: crc32(Buffer.alloc(8 * MiB)),
    },
  ]);
  const limits: IntakeLimits = { ...DEFAULT_LIMITS, maxEntryRatio: 5000 };
  const [entry] = readZipDirectory(bytes, limits);

  it('inflates an entry that fits its budget', () => {
    expect(inflateEntry(bytes, entry, inflateBudget(entry, limits, 0)).length).toBe(8 * MiB);
  });

  it('stops at what is left of the total once other parts used the rest', () => {
    const budget = inflateBudget(entry, limits, limits.maxTotalInflatedBytes - MiB);
    expect(budget.bytes).toBe(MiB);
    expect(() => inflateEntry(bytes, entry, budget)).toThrow(/together unpack/);
  });

  it('stops at the ratio when that is the tightest bound', () => {
    const budget = inflateBudget(entry, { ...limits, maxEntryRatio: 100, ratioCheckAfterBytes: 1024 }, 0);
    expect(budget.reason).toMatch(/100 times/);
    expect(() => inflateEntry(bytes, entry, budget)).toThrow(RejectionError);
  });
});
