/**
 * Robustness fuzz: mutated essays through the screening pool; every mutation must give a report or
 * a rejection with a code, never a hang, a crash or runaway memory.
 *
 *   npx tsx bench/fuzz/run.ts [--count 2000] [--seed 1] [--scale 2] [--jobs 2] [--timeout 20000]
 *                             [--save bench/out/fuzz-problems]
 *
 * Inputs that broke something are saved under --save, named after the problem and the mutations.
 * Exit status 1 when something broke (the list says what, with the mutations that did it).
 */
import { formatSummary, runFuzz } from './harness.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const count = Number(arg('count', '2000'));
const summary = await runFuzz({
  count,
  seed: Number(arg('seed', '1')),
  scale: Number(arg('scale', '2')),
  jobs: Number(arg('jobs', '2')),
  timeoutMs: Number(arg('timeout', '20000')),
  saveProblemsTo: arg('save', 'bench/out/fuzz-problems'),
  onProgress: (done) => {
    if (done % 100 === 0) process.stderr.write(`  ${done}/${count}\n`);
  },
});
console.log(formatSummary(summary));
process.exitCode = summary.problems.some((p) => p.problem !== 'unexpected-exception') ? 1 : 0;
