/**
 * Numeric attributes with broken values: for each seed essay, every attribute whose values are
 * numbers in an XML part is given each bad value in turn ("abc", "", "1e999", "1.2.3", 1e308, …,
 * everywhere it occurs in that part). Each file is screened in the worker pool (time and heap limits,
 * so a runaway costs one worker), and every report with a number that is not finite (NaN, Infinity),
 * a report the schema refuses, an escaped exception, a time-out or a worker out of memory is listed.
 *
 *   npx tsx bench/fuzz/attribute-values.ts [--seeds 7] [--values all|short] [--jobs 2] [--timeout 20000]
 */
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate';
import { createScreenPool } from '../../src/pool/index.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { loadSeeds, type Seed } from './harness.js';
import { reportProblem } from './problems.js';

/** Values that parse to NaN, Infinity or absurd sizes with Number(), parseInt() or unit regexes. */
export const BAD_NUMBERS = [
  'abc',
  '',
  '1e999',
  '1.2.3',
  '100000000',
  '-1e999',
  '.',
  '..pt',
  'NaN',
  'Infinity',
  '-',
  '1e308',
  '-1e308',
  '9'.repeat(400),
  '12..5pt',
  '0x10',
  '-100000000',
] as const;

/** Every variant of a seed: one numeric attribute of one part set to one bad value everywhere. */
export function* attributeVariants(
  seed: Seed,
  values: readonly string[],
  only?: { attributes?: readonly string[]; parts?: readonly string[] },
): Generator<{ label: string; bytes: Uint8Array }> {
  const files = unzipSync(seed.bytes);
  for (const [part, data] of Object.entries(files)) {
    if (!/\.xml$/.test(part) || part.startsWith('docProps/')) continue;
    if (only?.parts && !only.parts.includes(part)) continue;
    const xml = strFromU8(data);
    const names = new Set([...xml.matchAll(/\s([\w:]+)="-?\d+(?:\.\d+)?"/g)].map((m) => m[1]));
    for (const name of names) {
      if (only?.attributes && !only.attributes.includes(name)) continue;
      const pattern = new RegExp(`(\\s${name}=")-?\\d+(?:\\.\\d+)?"`, 'g');
      for (const value of values) {
        const zippable: Zippable = {};
        for (const [n, d] of Object.entries(files))
          zippable[n] = n === part ? strToU8(xml.replace(pattern, `$1${value}"`)) : d;
        yield { label: `${seed.name} ${part} ${name}="${value.slice(0, 12)}"`, bytes: zipSync(zippable) };
      }
    }
  }
}

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

if (import.meta.url === `file://${process.argv[1]}`) {
  const vacancy = findVacancy('250875');
  if (!vacancy) throw new Error('Vacancy 250875 is missing from rules/vacancies/.');
  const seeds = (await loadSeeds()).slice(0, Number(arg('seeds', '7')));
  const values = arg('values', 'all') === 'short' ? BAD_NUMBERS.slice(0, 5) : BAD_NUMBERS;
  const pool = createScreenPool({
    size: Number(arg('jobs', '2')),
    timeoutMs: Number(arg('timeout', '20000')),
    maxMemoryMb: 512,
  });
  const variants = seeds.flatMap((seed) => [...attributeVariants(seed, values)]);
  const broken: string[] = [];
  const started = performance.now();
  let next = 0;
  let done = 0;
  try {
    await Promise.all(
      Array.from({ length: pool.size * 2 }, async () => {
        while (next < variants.length) {
          const { label, bytes } = variants[next++];
          const report = await pool.run({ bytes, filename: 'Key challenges.docx' }, vacancy, { pageEngine: 'layout' });
          const problem = reportProblem(report);
          if (problem) broken.push(`${label}: ${problem}`);
          if (++done % 200 === 0) process.stderr.write(`  ${done}/${variants.length}, ${broken.length} broken\n`);
        }
      }),
    );
  } finally {
    await pool.close();
  }
  console.log(
    `screened ${variants.length} variants (${seeds.length} seeds × numeric attributes × ${values.length} values) in ${((performance.now() - started) / 1000).toFixed(0)} s; broken: ${broken.length}`,
  );
  for (const line of broken.sort()) console.log(`  ${line}`);
}
