/**
 * Where screening time goes: screens the bench essays one after another in this thread (no pool),
 * under the V8 profiler, then prints self time by source file and by function.
 *
 *   node --cpu-prof --cpu-prof-dir=bench/out/prof --import tsx bench/scan/profile.ts [--count 600] [--rounds 2]
 *   npx tsx bench/scan/profile.ts --summarise bench/out/prof/<file>.cpuprofile
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';
import { ensureEssays } from './generate.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function summarise(path: string): void {
  const profile = JSON.parse(readFileSync(path, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  for (const [i, id] of profile.samples.entries()) selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const byFile = new Map<string, number>();
  const byFunction = new Map<string, number>();
  const root = resolve('.');
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const url = frame.url.replace(/^file:\/\//, '');
    const file = url
      ? relative(root, url).replace(/^node_modules\/([^/]+)\/.*/, 'node_modules/$1')
      : `(${frame.functionName || 'native'})`;
    byFile.set(file, (byFile.get(file) ?? 0) + us);
    const fn = `${frame.functionName || '(anonymous)'} ${url ? `${relative(root, url)}:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(
        ([k, us]) => `${((us / total) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(6)} ms  ${k}`,
      )
      .join('\n');
  console.log(`total ${(total / 1000).toFixed(0)} ms sampled\n\nself time by file / package:\n${top(byFile, 25)}`);
  console.log(`\nself time by function:\n${top(byFunction, 30)}`);
}

const toSummarise = arg('summarise', '');
if (toSummarise) {
  summarise(toSummarise);
} else {
  const dir = await ensureEssays(Number(arg('count', '600')));
  const vacancy = findVacancy('250875')!;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.docx'))
    .map((filename) => ({ filename, bytes: readFileSync(join(dir, filename)) }));
  const rounds = Number(arg('rounds', '2'));
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let round = 0; round < rounds; round++) for (const file of files) await screen(file, vacancy);
  const used = process.cpuUsage(cpu);
  const n = files.length * rounds;
  console.log(
    `${n} screenings: ${((performance.now() - started) / n).toFixed(1)} ms wall, ${((used.user + used.system) / 1000 / n).toFixed(1)} ms CPU per essay`,
  );
}
