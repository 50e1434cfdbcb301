/**
 * What counts as broken in a screening outcome, for the fuzz benches and tests: numbers that are
 * not finite (NaN, Infinity: JSON turns them into null and the report schema refuses them), a
 * report the schema refuses, a time-out, a worker crash or out of memory, and an exception that
 * escaped the parser (screen()'s last-resort catch leaves its message in the intake note).
 */
import type { Report } from '../../src/report/schema.js';
import { ReportSchema } from '../../src/report/schema.js';

/** Non-finite numbers anywhere in a JSON-like value, by path. */
export function nonFiniteNumbers(value: unknown, path = '$', out: string[] = []): string[] {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) out.push(`${path} = ${value}`);
  } else if (Array.isArray(value)) value.forEach((item, i) => nonFiniteNumbers(item, `${path}[${i}]`, out));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) nonFiniteNumbers(item, `${path}.${key}`, out);
  return out;
}

/** What is wrong with a report, if anything (undefined: a valid report or a coded rejection). */
export function reportProblem(report: Report): string | undefined {
  const nonFinite = nonFiniteNumbers(report);
  if (nonFinite.length > 0) return `not finite: ${nonFinite.slice(0, 3).join(', ')}`;
  const valid = ReportSchema.safeParse(report);
  if (!valid.success) return `schema: ${valid.error.issues[0]?.path.join('.')} ${valid.error.issues[0]?.message}`;
  const code = report.error?.code;
  if (code === 'TIMEOUT' || code === 'INTERNAL') return `${code}: ${report.error?.message.slice(0, 100)}`;
  if (code === 'CORRUPT' && /more memory/.test(report.error?.message ?? '')) return 'out of memory';
  const note = report.findings.find((f) => f.rule === 'intake')?.note ?? '';
  if (note.startsWith('Internal detail')) return note.slice(0, 160);
  return undefined;
}
