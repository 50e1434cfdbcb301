/**
 * Bulk-scan throughput against mammoth's text extraction, and memory over a long scan.
 *
 *   npx tsx bench/scan/run.ts [--count 600] [--jobs 2] [--corpus generated|docx-pages] [--dist] [--page-engine auto]
 *   npx tsx bench/scan/run.ts --count 5000 --memory     # RSS over a 5,000-file scan
 *
 * 1. baseline: mammoth.extractRawText alone over every file, in a worker pool of the same size
 *    (bench/scan/mammoth-screen.ts), after a warm-up, so both sides pay the same pool costs;
 * 2. screening: screen() over the same files in the same kind of pool;
 * 3. full scan: `runScan` end to end (walk, pool start-up, near-duplicates, JSONL output), no cache.
 * --dist runs the compiled code (npm run build first) instead of the TypeScript sources.
 * Peak RSS covers the whole process, workers included (they are threads of it).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ScreenPool, ScreenPoolOptions } from '../../src/pool/index.js';
import type { Report } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import type { runScan as runScanType } from '../../src/scan/command.js';
import { ensureEssays } from './generate.js';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const flag = (name: string): boolean => process.argv.includes(`--${name}`);

const count = Number(arg('count', '600'));
const jobs = Number(arg('jobs', '2'));
const corpus = arg('corpus', 'generated');
const useDist = flag('dist');
const memoryOnly = flag('memory');
const pageEngine = arg('page-engine', 'auto') as 'auto' | 'layout' | 'word' | 'libreoffice';

const codeRoot = resolve(useDist ? 'dist' : 'src');
const ext = useDist ? 'js' : 'ts';
const { createScreenPool } = (await import(pathToFileURL(join(codeRoot, 'pool', `index.${ext}`)).href)) as {
  createScreenPool: (options?: ScreenPoolOptions & { screenModule?: string | URL }) => ScreenPool;
};
const { runScan } = (await import(pathToFileURL(join(codeRoot, 'scan', `command.${ext}`)).href)) as {
  runScan: typeof runScanType;
};

const vacancy = findVacancy('250875')!;

// Peak and sampled RSS of the process (main thread and workers).
let peakRss = 0;
const samples: number[] = [];
const sampler = setInterval(() => {
  const rss = process.memoryUsage().rss;
  peakRss = Math.max(peakRss, rss);
  samples.push(rss);
}, 100);
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;
const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : 0;
};

const dir = corpus === 'docx-pages' ? resolve('..', 'shared', 'corpus', 'docx-pages') : await ensureEssays(count);
const names = readdirSync(dir)
  .filter((f) => f.endsWith('.docx'))
  .sort();
console.log(
  `${names.length} files from ${dir}, ${jobs} workers, ${useDist ? 'compiled dist/' : 'TypeScript sources (tsx)'}`,
);

async function timePool(screenModule: string | undefined, files: { bytes: Uint8Array; filename: string }[]) {
  const pool = createScreenPool({ size: jobs, ...(screenModule ? { screenModule } : {}) });
  // Warm up: worker start-up and first-call compilation are not what we measure.
  await Promise.all(files.slice(0, jobs * 4).map((f) => pool.run(f, vacancy, { pageEngine })));
  const started = performance.now();
  const cpu = process.cpuUsage();
  let next = 0;
  const reports: Report[] = [];
  await Promise.all(
    Array.from({ length: jobs * 2 }, async () => {
      while (next < files.length) reports.push(await pool.run(files[next++], vacancy, { pageEngine }));
    }),
  );
  const wall = performance.now() - started;
  const used = process.cpuUsage(cpu);
  await pool.close();
  // CPU time of the whole process (every thread): on a busy machine, wall time mostly measures
  // the neighbours; CPU time per essay gives the rate this code reaches on free cores.
  return { wall, reports, cpuMs: (used.user + used.system) / 1000 };
}

if (!memoryOnly) {
  const files = names.map((filename) => ({ bytes: readFileSync(join(dir, filename)), filename }));
  const mammothModule = pathToFileURL(resolve('bench', 'scan', 'mammoth-screen.ts')).href;
  // mammoth's worker runs through tsx even with --dist: it is bench code, and it is not what is measured.
  const baseline = await timePool(mammothModule, files);
  const screening = await timePool(undefined, files);
  const statuses = screening.reports.reduce<Record<string, number>>((acc, r) => {
    acc[r.status] = (acc[r.status] ?? 0) + 1;
    return acc;
  }, {});
  const codes = screening.reports
    .filter((r) => r.error)
    .reduce<Record<string, number>>((acc, r) => {
      const code = r.error?.code ?? '';
      acc[code] = (acc[code] ?? 0) + 1;
      return acc;
    }, {});
  const rate = (wall: number) => (files.length / (wall / 1000)).toFixed(1);
  const perEssay = (cpuMs: number) => cpuMs / files.length;
  const onFreeCores = (cpuMs: number) => ((jobs * 1000) / perEssay(cpuMs)).toFixed(0);
  console.log(
    `\n                         wall      essays/s   CPU/essay   essays/s on ${jobs} free cores   median in worker`,
  );
  for (const [label, run] of [
    ['mammoth.extractRawText', baseline],
    ['screen()              ', screening],
  ] as const) {
    console.log(
      `${label} ${(run.wall / 1000).toFixed(2).padStart(7)} s ${rate(run.wall).padStart(9)} ${perEssay(run.cpuMs).toFixed(1).padStart(8)} ms ${onFreeCores(run.cpuMs).padStart(14)}             ${median(run.reports.map((r) => r.elapsedMs ?? 0)).toFixed(1)} ms`,
    );
  }
  console.log(
    `ratio screen / mammoth: ${(screening.wall / baseline.wall).toFixed(2)}× wall, ${(screening.cpuMs / baseline.cpuMs).toFixed(2)}× CPU (target ≤ 3×)`,
  );
  console.log(
    `load average during the run: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} on ${(await import('node:os')).availableParallelism()} cores`,
  );
  console.log(
    `statuses: ${JSON.stringify(statuses)}${Object.keys(codes).length ? `, rejections: ${JSON.stringify(codes)}` : ''}`,
  );
}

// Full scan, end to end.
const rssBefore = process.memoryUsage().rss;
samples.length = 0;
const started = performance.now();
const scanCpu = process.cpuUsage();
const result = await runScan({
  dir,
  vacancy,
  jobs,
  pageEngine,
  cache: false,
  out: resolve('bench', 'out', 'scan-bench.jsonl'),
  stderr: process.stderr,
});
const wall = performance.now() - started;
const scanCpuUsed = process.cpuUsage(scanCpu);
clearInterval(sampler);
const scanCpuMs = (scanCpuUsed.user + scanCpuUsed.system) / 1000;
console.log(
  `\nfull scan (runScan, incl. pool start-up, near-duplicates, output): ${(wall / 1000).toFixed(2)} s, ${(names.length / (wall / 1000)).toFixed(1)} essays/s; ${(scanCpuMs / names.length).toFixed(1)} ms CPU/essay → ${((jobs * 1000 * names.length) / scanCpuMs).toFixed(0)} essays/s on ${jobs} free cores`,
);
console.log(`counts: ${JSON.stringify(result.counts)}`);
const deciles = [0.1, 0.25, 0.5, 0.75, 1].map((q) =>
  mb(samples[Math.min(samples.length - 1, Math.floor(q * (samples.length - 1)))] ?? 0),
);
console.log(
  `RSS before the scan ${mb(rssBefore)}; during it at 10/25/50/75/100 % of the time: ${deciles.join(' / ')}; peak ${mb(peakRss)}`,
);
