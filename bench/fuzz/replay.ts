/**
 * Replays saved fuzz inputs (bench/out/fuzz-problems/ by default) through screen() in this process,
 * one at a time, and prints the outcome with wall and CPU time: to reproduce what the pool reported.
 *
 *   npx tsx bench/fuzz/replay.ts [--dir bench/out/fuzz-problems] [--match deep-nesting] [--engine layout]
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PageEngine } from '../../src/checks/types.js';
import { ReportSchema } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};

const dir = arg('dir', 'bench/out/fuzz-problems');
const match = arg('match', '');
const pageEngine = arg('engine', 'layout') as PageEngine;
const vacancy = findVacancy('250875');
if (!vacancy) throw new Error('Vacancy 250875 is missing from rules/vacancies/.');

for (const file of readdirSync(dir)
  .filter((name) => name.includes(match))
  .sort()) {
  const bytes = readFileSync(join(dir, file));
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const report = await screen({ bytes, filename: file }, vacancy, { pageEngine });
  const cpu = process.cpuUsage(cpuBefore);
  const valid = ReportSchema.safeParse(report);
  const note = report.findings.find((f) => f.rule === 'intake')?.note ?? '';
  console.log(
    [
      file,
      report.status,
      report.error?.code ?? '-',
      `${Math.round(performance.now() - started)} ms wall`,
      `${Math.round((cpu.user + cpu.system) / 1000)} ms CPU`,
      valid.success ? 'valid' : `INVALID: ${valid.error.issues[0]?.path.join('.')} ${valid.error.issues[0]?.message}`,
      note.startsWith('Internal detail') ? note.slice(0, 160) : (report.error?.message ?? '').slice(0, 100),
    ].join(' | '),
  );
}
