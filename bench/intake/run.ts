/**
 * Intake on the real .docx corpus: the size figures behind rules/intake.yaml, and how long intake
 * takes beside a plain unzip (fflate's unzipSync, no limits, no checks).
 *
 *   npx tsx bench/intake/run.ts [corpus-dir]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { DEFAULT_LIMITS, intake } from '../../src/intake/index.js';
import { MEDIA_EXTENSIONS } from '../../src/intake/limits.js';
import { readZipDirectory } from '../../src/intake/zip.js';
import { buildZip, docxEntries, zerosDeflated } from '../../test/intake/fixtures.js';
import { measure } from '../../test/intake/measure.js';

const dir = resolve(process.argv[2] ?? join(process.cwd(), '..', 'shared', 'corpus', 'docx-pages'));
const files = readdirSync(dir)
  .filter((name) => name.endsWith('.docx'))
  .map((name) => ({ name, bytes: readFileSync(join(dir, name)) }));

const quantile = (values: number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const median = (values: number[]): number => quantile(values, 0.5);
const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;
const row = (label: string, values: number[], unit: (n: number) => string): string =>
  `${label.padEnd(34)} median ${unit(median(values)).padStart(9)}   p99 ${unit(quantile(values, 0.99)).padStart(9)}   max ${unit(Math.max(...values)).padStart(9)}`;

// Sizes, from the central directories (the corpus is trusted; intake checks them all anyway).
const generous = { ...DEFAULT_LIMITS, maxEntries: Number.MAX_SAFE_INTEGER };
const stats = files.map(({ name, bytes }) => {
  const entries = readZipDirectory(bytes, generous).filter((entry) => !entry.isDirectory);
  const ratios = entries
    .filter((entry) => entry.compressedSize > 0)
    .map((entry) => entry.declaredSize / entry.compressedSize);
  const parsed = entries.filter((entry) => !MEDIA_EXTENSIONS.has(entry.name.replace(/^.*\./, '').toLowerCase()));
  const bigXmlRatios = parsed
    .filter((entry) => entry.declaredSize > 1024 * 1024)
    .map((entry) => entry.declaredSize / entry.compressedSize);
  return {
    name,
    size: bytes.length,
    entries: entries.length,
    inflated: entries.reduce((sum, entry) => sum + entry.declaredSize, 0),
    largestEntry: Math.max(...entries.map((entry) => entry.declaredSize)),
    inflatedParsed: parsed.reduce((sum, entry) => sum + entry.declaredSize, 0),
    largestParsed: Math.max(0, ...parsed.map((entry) => entry.declaredSize)),
    maxParsedRatio: Math.max(
      0,
      ...parsed.filter((entry) => entry.compressedSize > 0).map((entry) => entry.declaredSize / entry.compressedSize),
    ),
    maxRatio: Math.max(0, ...ratios),
    maxBigXmlRatio: Math.max(0, ...bigXmlRatios),
  };
});

console.log(`corpus: ${files.length} .docx files in ${dir}\n`);
console.log(
  row(
    'file size',
    stats.map((s) => s.size),
    kb,
  ),
);
console.log(
  row(
    'zip entries',
    stats.map((s) => s.entries),
    String,
  ),
);
console.log(
  row(
    'inflated bytes (all parts)',
    stats.map((s) => s.inflated),
    kb,
  ),
);
console.log(
  row(
    'largest part',
    stats.map((s) => s.largestEntry),
    kb,
  ),
);
console.log(
  row(
    'highest part ratio',
    stats.map((s) => s.maxRatio),
    (n) => `${n.toFixed(1)}:1`,
  ),
);
console.log(
  row(
    'inflated bytes (non-media parts)',
    stats.map((s) => s.inflatedParsed),
    kb,
  ),
);
console.log(
  row(
    'largest non-media part',
    stats.map((s) => s.largestParsed),
    kb,
  ),
);
console.log(
  row(
    'highest non-media part ratio',
    stats.map((s) => s.maxParsedRatio),
    (n) => `${n.toFixed(1)}:1`,
  ),
);
const bigRatio = Math.max(...stats.map((s) => s.maxBigXmlRatio));
console.log(
  `highest ratio of a non-media part over 1 MB: ${bigRatio > 0 ? `${bigRatio.toFixed(1)}:1` : 'no such part'}`,
);
for (const key of [
  'size',
  'entries',
  'inflated',
  'largestEntry',
  'maxRatio',
  'inflatedParsed',
  'largestParsed',
] as const) {
  const top = [...stats].sort((a, b) => b[key] - a[key])[0];
  console.log(`  largest ${key}: ${top.name} (${key === 'maxRatio' ? top[key].toFixed(1) : top[key]})`);
}

// Time: each file ROUNDS times, alternating intake and unzipSync, medians per file then over files.
const ROUNDS = 15;
const timeOf = (run: () => unknown): number => {
  const started = performance.now();
  run();
  return performance.now() - started;
};
const perFile = files.map(({ bytes }) => {
  const intakeTimes: number[] = [];
  const unzipTimes: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    intakeTimes.push(timeOf(() => intake(bytes)));
    unzipTimes.push(timeOf(() => unzipSync(bytes)));
  }
  return { size: bytes.length, intake: median(intakeTimes), unzip: median(unzipTimes) };
});
const accepted = files.filter(({ bytes }) => intake(bytes).ok).length;
const typical = perFile.filter((f) => f.size >= 20 * 1024 && f.size <= 40 * 1024);
const ms = (n: number): string => `${n.toFixed(3)} ms`;
console.log(`\naccepted: ${accepted}/${files.length}`);
console.log(`\ntime per file (median of ${ROUNDS} runs each)     intake      fflate unzipSync   ratio`);
for (const [label, group] of [
  ['all files', perFile],
  [`20-40 KB files (${typical.length})`, typical],
] as const) {
  const a = median(group.map((f) => f.intake));
  const b = median(group.map((f) => f.unzip));
  console.log(`  ${label.padEnd(42)} ${ms(a).padStart(10)}   ${ms(b).padStart(10)}   ${(a / b).toFixed(2)}x`);
}
console.log(`  slowest file: intake ${ms(Math.max(...perFile.map((f) => f.intake)))}`);

// Hostile files: time and peak memory growth of one intake call each (test/intake has the assertions).
const MiB = 1024 * 1024;
const hostile: [string, () => Uint8Array][] = [
  [
    '200 MiB of zeros, honest headers',
    () =>
      buildZip(
        docxEntries({ 'word/document.xml': null }).concat({
          name: 'word/document.xml',
          compressed: zerosDeflated(200),
          declaredSize: 200 * MiB,
        }),
      ),
  ],
  [
    '1 GiB of zeros, headers claim 1 KB',
    () =>
      buildZip(
        docxEntries({ 'word/document.xml': null }).concat({
          name: 'word/document.xml',
          compressed: zerosDeflated(1024),
          declaredSize: 1024,
        }),
      ),
  ],
  [
    '50 records x 10 MiB overlapping',
    () =>
      buildZip(
        docxEntries().concat({ name: 'word/glossary.xml', compressed: zerosDeflated(10), declaredSize: 10 * MiB }),
        {
          repeatDirectoryRecords: { index: 3, times: 50 },
        },
      ),
  ],
  [
    '2003 entries',
    () =>
      buildZip(
        docxEntries().concat(
          Array.from({ length: 2000 }, (_, i) => ({ name: `word/media/p${i}.png`, data: '', stored: true })),
        ),
      ),
  ],
];
console.log('\nhostile file                            code        time      peak RSS growth');
for (const [label, build] of hostile) {
  const bytes = build();
  const { result, ms, peakGrowthMiB } = measure(() => intake(bytes));
  const code = result.ok ? 'accepted' : result.code;
  const memory = peakGrowthMiB === undefined ? 'n/a' : `${peakGrowthMiB.toFixed(1)} MiB`;
  console.log(`  ${label.padEnd(38)} ${code.padEnd(10)} ${ms.toFixed(1).padStart(6)} ms   ${memory}`);
}
