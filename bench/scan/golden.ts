/**
 * Golden reports: screens the samples and the first 200 bench essays (layout page engine) and either
 * saves every report (minus elapsedMs) or compares them with a saved set, so a speed-up can be shown
 * to change no result.
 *
 *   npx tsx bench/scan/golden.ts --save bench/out/golden-before.json
 *   npx tsx bench/scan/golden.ts --compare bench/out/golden-before.json
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';
import { ensureEssays } from './generate.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
};

/** Drops the timing fields (the only part of a report that may differ between identical runs). */
function withoutTiming(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTiming);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) if (key !== 'elapsedMs') out[key] = withoutTiming(inner);
    return out;
  }
  return value;
}

async function screenAll(): Promise<Record<string, unknown>> {
  const files: { key: string; path: string; vacancy: string }[] = [];
  for (const name of readdirSync('samples')
    .filter((f) => f.endsWith('.docx'))
    .sort())
    files.push({
      key: `samples/${name}`,
      path: join('samples', name),
      vacancy: name.startsWith('ASG') ? 'ASG-PASP' : '250875',
    });
  const dir = await ensureEssays(600);
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith('.docx'))
    .sort()
    .slice(0, 200))
    files.push({ key: `essays/${name}`, path: join(dir, name), vacancy: '250875' });
  const reports: Record<string, unknown> = {};
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (const file of files) {
    const vacancy = findVacancy(file.vacancy);
    if (!vacancy) throw new Error(`vacancy ${file.vacancy} not found in rules/vacancies`);
    // A copy per file, as the worker pool delivers it (a new object each time, same content).
    const report = await screen(
      { bytes: readFileSync(file.path), filename: file.path.split('/').pop()! },
      structuredClone(vacancy),
      {
        pageEngine: 'layout',
      },
    );
    reports[file.key] = withoutTiming(report);
  }
  const used = process.cpuUsage(cpu);
  console.log(
    `${files.length} reports in ${((performance.now() - started) / 1000).toFixed(1)} s, ${((used.user + used.system) / 1000 / files.length).toFixed(1)} ms CPU each`,
  );
  return reports;
}

const savePath = arg('save');
const comparePath = arg('compare');
if (!savePath && !comparePath) throw new Error('give --save <file.json> or --compare <file.json>');
const reports = await screenAll();
if (savePath) {
  writeFileSync(savePath, JSON.stringify(reports, null, 1));
  console.log(`saved ${Object.keys(reports).length} reports to ${savePath}`);
}
if (comparePath) {
  const before = JSON.parse(readFileSync(comparePath, 'utf8')) as Record<string, unknown>;
  const differ: string[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(reports)]);
  for (const key of keys)
    if (JSON.stringify(before[key]) !== JSON.stringify(JSON.parse(JSON.stringify(reports[key] ?? null))))
      differ.push(key);
  if (differ.length === 0) console.log(`IDENTICAL: ${keys.size} reports`);
  else {
    console.log(`DIFFERENT: ${differ.length} of ${keys.size} reports`);
    for (const key of differ.slice(0, 10)) console.log(`  ${key}`);
    process.exitCode = 1;
  }
}
