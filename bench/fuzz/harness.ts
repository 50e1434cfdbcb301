/**
 * The fuzz loop shared by bench/fuzz/run.ts (long) and test/fuzz/ (short, in CI): mutate valid
 * essays, screen each mutation through the worker pool (the same isolation the scan and the service
 * use) and sort the outcomes. A mutation must end in a report or a rejection with a code; what
 * counts as broken: a time-out (hang), the heap limit reached (runaway memory), a worker crash, a
 * report that does not match the schema, or an exception that escaped the parser and was turned
 * into CORRUPT by screen()'s last-resort catch (a bug to look at, even though the user is served).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { PageEngine } from '../../src/checks/types.js';
import { createScreenPool } from '../../src/pool/index.js';
import type { Report } from '../../src/report/schema.js';
import { ReportSchema } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { paragraphsOf, readCorpus } from '../../test/duplicates/generate.js';
import { essayDocx } from '../../test/scan/essays.js';
import { mutate, seeded } from './mutations.js';

export interface Seed {
  name: string;
  bytes: Uint8Array;
}

/** Real Word files from the shared corpus with tables, text boxes, notes and comments, plus generated essays. */
const CORPUS_SEEDS = [
  's003_TemplateDocument.docx',
  's024_DB011-Body-With-Shape.docx',
  's065_Comment042.docx',
  's109_Essay.docx',
  's037_60316.docx',
];

export async function loadSeeds(): Promise<Seed[]> {
  const seeds: Seed[] = CORPUS_SEEDS.map((name) => ({
    name,
    bytes: readFileSync(resolve(process.cwd(), '..', 'shared', 'corpus', 'docx-pages', name)),
  }));
  const essays = readCorpus('nato-llm').slice(0, 2);
  for (const [i, essay] of essays.entries()) {
    seeds.push({
      name: `generated-${i}.docx`,
      bytes: await essayDocx({ title: 'Key challenges', paragraphs: paragraphsOf(essay.text) }),
    });
  }
  return seeds;
}

export type Problem = 'timeout' | 'memory' | 'crash' | 'invalid-report' | 'unexpected-exception';

export interface FuzzCase {
  seed: string;
  mutations: string[];
  outcome: 'report' | 'rejected';
  code?: string;
  problem?: Problem;
  detail?: string;
  ms: number;
}

export interface FuzzSummary {
  ran: number;
  seconds: number;
  reports: number;
  rejections: Record<string, number>;
  problems: FuzzCase[];
  slowest: FuzzCase[];
  peakRssMb: number;
}

function classify(report: Report): { problem?: Problem; detail?: string } {
  const parsed = ReportSchema.safeParse(report);
  if (!parsed.success) return { problem: 'invalid-report', detail: parsed.error.issues[0]?.message };
  const code = report.error?.code;
  if (code === 'TIMEOUT') return { problem: 'timeout' };
  if (code === 'INTERNAL') return { problem: 'crash', detail: report.findings[0]?.note };
  if (code === 'CORRUPT' && /more memory/.test(report.error?.message ?? '')) return { problem: 'memory' };
  const note = report.findings.find((f) => f.rule === 'intake')?.note;
  // screen()'s last-resort catch leaves the exception's message in the note for support.
  if (code === 'CORRUPT' && note?.startsWith('Internal detail'))
    return { problem: 'unexpected-exception', detail: note };
  return {};
}

export async function runFuzz(options: {
  count: number;
  seed?: number;
  scale?: number;
  jobs?: number;
  timeoutMs?: number;
  maxMemoryMb?: number;
  /** 'auto' may call LibreOffice on borderline files (seconds each); 'layout' keeps to our own code. */
  pageEngine?: PageEngine;
  /** Folder where each input that broke something is saved, to reproduce it. */
  saveProblemsTo?: string;
  onProgress?: (done: number) => void;
}): Promise<FuzzSummary> {
  const random = seeded(options.seed ?? 1);
  const scale = options.scale ?? 1;
  const seeds = await loadSeeds();
  const vacancy = findVacancy('250875')!;
  const pool = createScreenPool({
    size: options.jobs ?? 2,
    timeoutMs: options.timeoutMs ?? 10_000,
    maxMemoryMb: options.maxMemoryMb ?? 512,
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 200);
  const started = performance.now();
  const cases: FuzzCase[] = [];
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: pool.size * 2 }, async () => {
        while (next < options.count) {
          next++;
          const seed = seeds[Math.floor(random() * seeds.length)];
          const { bytes, names } = mutate(seed.bytes, { random, scale });
          const t = performance.now();
          const report = await pool.run({ bytes, filename: `250875 - Key challenges - ${seed.name}` }, vacancy, {
            pageEngine: options.pageEngine ?? 'auto',
          });
          const { problem, detail } = classify(report);
          if (problem && options.saveProblemsTo) {
            mkdirSync(options.saveProblemsTo, { recursive: true });
            const name = `${cases.length}-${problem}-${names.join('+')}-${seed.name}`.replace(/[^\w.+-]+/g, '_');
            writeFileSync(join(options.saveProblemsTo, name.endsWith('.docx') ? name : `${name}.docx`), bytes);
          }
          cases.push({
            seed: seed.name,
            mutations: names,
            outcome: report.status === 'rejected' ? 'rejected' : 'report',
            code: report.error?.code,
            problem,
            detail,
            ms: performance.now() - t,
          });
          options.onProgress?.(cases.length);
        }
      }),
    );
  } finally {
    clearInterval(sampler);
    await pool.close();
  }
  const rejections: Record<string, number> = {};
  for (const c of cases) if (c.code) rejections[c.code] = (rejections[c.code] ?? 0) + 1;
  return {
    ran: cases.length,
    seconds: (performance.now() - started) / 1000,
    reports: cases.filter((c) => c.outcome === 'report').length,
    rejections,
    problems: cases.filter((c) => c.problem),
    slowest: [...cases].sort((a, b) => b.ms - a.ms).slice(0, 5),
    peakRssMb: Math.round(peakRss / 1048576),
  };
}

export function formatSummary(summary: FuzzSummary): string {
  const lines = [
    `ran ${summary.ran} mutations in ${summary.seconds.toFixed(1)} s: ${summary.reports} reports, ${summary.ran - summary.reports} rejections ${JSON.stringify(summary.rejections)}; peak RSS ${summary.peakRssMb} MB`,
  ];
  const byKind = new Map<string, FuzzCase[]>();
  for (const p of summary.problems) byKind.set(p.problem ?? '', [...(byKind.get(p.problem ?? '') ?? []), p]);
  if (byKind.size === 0)
    lines.push('broken: nothing (no hang, crash, runaway memory, invalid report or escaped exception)');
  for (const [kind, list] of byKind) {
    lines.push(`broken: ${list.length} × ${kind}`);
    const distinct = new Map<string, FuzzCase>();
    for (const c of list) distinct.set(`${c.mutations.join('+')}|${(c.detail ?? '').slice(0, 120)}`, c);
    for (const c of [...distinct.values()].slice(0, 8)) {
      lines.push(`  ${c.mutations.join(' + ')} on ${c.seed}${c.detail ? `: ${c.detail.slice(0, 200)}` : ''}`);
    }
  }
  lines.push(`slowest: ${summary.slowest.map((c) => `${c.mutations.join('+')} ${Math.round(c.ms)} ms`).join(', ')}`);
  return lines.join('\n');
}
