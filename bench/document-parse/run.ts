/**
 * parseDocument speed over the shared corpus, side by side with mammoth.extractRawText (the
 * baseline: the full screening must stay within 3x of it).
 *
 *   npx tsx bench/document-parse/run.ts [rounds]
 *
 * Each file is timed `rounds` times after one warm-up pass; the per-file figure is the median of
 * its rounds. "intake" is the safe unzip the screening does before parsing.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { extractRawText } from '../../src/document/html.js';
import { parseDocument } from '../../src/document/parse.js';
import { intake } from '../../src/intake/index.js';

const dir = fileURLToPath(new URL('../../../shared/corpus/docx-pages/', import.meta.url));
const rounds = Number(process.argv[2] ?? 5);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.docx'))
  .map((f) => ({ name: f, bytes: readFileSync(dir + f) }));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
};
const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * q))];
};

function timeSync(fn: () => void): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}
async function timeAsync(fn: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

const intakeMs: number[] = [];
const parseMs: number[] = [];
const bothMs: number[] = [];
const mammothMs: number[] = [];

// Warm-up: JIT both code paths on every file once.
for (const f of files) {
  const r = intake(f.bytes);
  if (r.ok) parseDocument(r.entries);
  await extractRawText(f.bytes);
}

for (const f of files) {
  const i: number[] = [];
  const p: number[] = [];
  const m: number[] = [];
  for (let k = 0; k < rounds; k++) {
    let entries: Map<string, Uint8Array> | undefined;
    i.push(
      timeSync(() => {
        const r = intake(f.bytes);
        entries = r.ok ? r.entries : undefined;
      }),
    );
    p.push(entries ? timeSync(() => parseDocument(entries as Map<string, Uint8Array>)) : 0);
    m.push(await timeAsync(() => extractRawText(f.bytes)));
  }
  intakeMs.push(median(i));
  parseMs.push(median(p));
  bothMs.push(median(i) + median(p));
  mammothMs.push(median(m));
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const row = (label: string, xs: number[]) =>
  `${label.padEnd(28)} median ${median(xs).toFixed(2).padStart(6)} ms   p95 ${pct(xs, 0.95).toFixed(2).padStart(6)} ms   total ${sum(xs).toFixed(0).padStart(5)} ms`;
console.log(`${files.length} files, ${rounds} rounds each (per-file median), node ${process.version}`);
console.log(row('intake (safe unzip)', intakeMs));
console.log(row('parseDocument', parseMs));
console.log(row('intake + parseDocument', bothMs));
console.log(row('mammoth.extractRawText', mammothMs));
const ratios = bothMs.map((b, k) => b / mammothMs[k]);
console.log(
  `ratio (intake+parse) / mammoth: median ${median(ratios).toFixed(2)}, p95 ${pct(ratios, 0.95).toFixed(2)}, totals ${(sum(bothMs) / sum(mammothMs)).toFixed(2)}`,
);
