/**
 * A pool of worker threads running screen() (src/screen.ts), for the bulk scan and the service.
 *
 *   const pool = createScreenPool({ size: 4, timeoutMs: 30_000 });
 *   const report = await pool.run({ bytes, filename }, vacancy);
 *   await pool.close();
 *
 * Each file gets a time limit (counted from when a worker takes it) and each worker a heap limit.
 * A worker that runs out of time or memory, or dies, is replaced, and its file gets a rejected
 * report (TIMEOUT, CORRUPT or INTERNAL) instead of an exception: run() never rejects and the pool
 * never dies. Works from the TypeScript sources (vitest, tsx: workers load tsx first) and from the
 * compiled dist/ files.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import { rejectedReport } from '../report/assemble.js';
import type { RejectionCode, Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { ScreenSettings } from '../screen.js';
import type { TaskMessage, WorkerData, WorkerReply } from './protocol.js';

export type { BodyParagraph } from '../checks/duplicates/collect.js';

export interface ScreenPoolOptions {
  /** Worker threads; default: the number of cores. */
  size?: number;
  /** Longest a single file may take, in ms, from when a worker starts on it. */
  timeoutMs?: number;
  /** Heap limit of each worker (V8 old generation), in MB. */
  maxMemoryMb?: number;
  /**
   * Young generation of each worker (V8 new space, where short-lived objects are made), in MB.
   * It only decides how often minor garbage collections run, never which files can be read.
   */
  youngGenerationMb?: number;
  /**
   * For tests of the pool itself: URL of a module exporting `screen` with screen()'s signature,
   * used instead of src/screen.ts (e.g. one that hangs or crashes on demand).
   */
  screenModule?: string | URL;
}

export interface ScreenInputBytes {
  bytes: Uint8Array;
  filename: string;
}

export interface ScreenResult {
  report: Report;
  /** Visible body paragraphs, when the file was read (absent for rejected files). */
  paragraphs?: BodyParagraph[];
}

export interface ScreenPool {
  /** Screens one file; always resolves (failures become rejected reports). */
  run(input: ScreenInputBytes, vacancy: Vacancy, settings?: ScreenSettings): Promise<Report>;
  /** As run(), also returning the visible body text (near-duplicate index, store's textsForVacancy). */
  runWithText(input: ScreenInputBytes, vacancy: Vacancy, settings?: ScreenSettings): Promise<ScreenResult>;
  /**
   * Each rule's id → one-line description, as the workers loaded them (empty with a stand-in
   * screen module); resolves once a worker has started.
   */
  checkDescriptions(): Promise<ReadonlyMap<string, string>>;
  /** Worker threads the pool runs. */
  readonly size: number;
  /** Finishes nothing more: rejects queued files as INTERNAL and stops the workers. */
  close(): Promise<void>;
}

/**
 * Operational defaults (not screening thresholds). A typical essay screens in tens of ms; the
 * LibreOffice page engine converts in a few seconds on a busy machine, so 60 s only stops runaways.
 */
export const DEFAULT_TIMEOUT_MS = 60_000;
/** Generous for an essay (a few MB of XML parses in well under 100 MB); bounds a pathological file. */
export const DEFAULT_MAX_MEMORY_MB = 512;
/**
 * Left alone, V8 lets every thread's new space grow to two 16 MB semi-spaces: ~32 MB of resident
 * memory per worker, a third of it. Screening keeps almost nothing alive past the file, so 12 MB
 * (4 MB semi-spaces) costs no measurable CPU (9.6 vs 9.8 ms per essay; 6 MB cost ~8 %) and saves
 * ~25 MB per worker (bench/service/RESULTS.md).
 */
export const DEFAULT_YOUNG_GENERATION_MB = 12;
/** A worker that cannot even start this many times in a row means a broken install, not a bad file. */
const MAX_START_FAILURES = 3;

const MESSAGES = {
  timeout: (seconds: number) =>
    `Screening this file took longer than ${seconds} seconds and was stopped. The file may be damaged or unusually complex: please open it in Word, save it again as .docx and re-submit it.`,
  memory:
    'Reading this file needed more memory than a Word essay ever should, so it was stopped. The file may be damaged: please open it in Word, save it again as .docx and re-submit it.',
  crash:
    'The screening of this file stopped because of an internal error. Please submit it again; if this happens again, contact the HR support team.',
  closed: 'The screening was cancelled before this file was read. Please submit it again.',
  cannotStart:
    'The screening service could not start. Please try again later; if this persists, contact the HR support team.',
};

interface Task {
  message: TaskMessage;
  vacancy: Vacancy;
  resolve(result: ScreenResult): void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  task?: Task;
  timer?: NodeJS.Timeout;
  /** Set before we terminate the worker ourselves, so its exit is not taken for a crash. */
  retired?: boolean;
  lastError?: Error & { code?: string };
}

/** How to start a worker: the compiled .js directly, or the .ts source behind tsx's loader. */
function workerEntry(screenModule?: string): { filename: string | URL; eval: boolean } {
  const runningFromSource = import.meta.url.endsWith('.ts');
  const worker = new URL(runningFromSource ? './worker.ts' : './worker.js', import.meta.url);
  // A TypeScript screen module (tests, benches) needs tsx even when the pool itself is compiled.
  if (!runningFromSource && !screenModule?.endsWith('.ts')) return { filename: worker, eval: false };
  // `--import tsx` in a worker's execArgv does not take effect on Node 20, so a tiny bootstrap
  // registers tsx's ESM hooks in the worker and then imports the TypeScript worker.
  const require = createRequire(import.meta.url);
  const tsxDir = dirname(require.resolve('tsx/package.json'));
  const exportsMap = (
    JSON.parse(readFileSync(join(tsxDir, 'package.json'), 'utf8')) as {
      exports: Record<string, { import?: { default?: string } }>;
    }
  ).exports;
  const api = exportsMap['./esm/api']?.import?.default;
  if (!api) throw new Error('tsx does not export ./esm/api: reinstall dependencies with `npm ci`');
  const apiUrl = pathToFileURL(join(tsxDir, api)).href;
  const code = `import(${JSON.stringify(apiUrl)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(worker.href)}); });`;
  return { filename: code, eval: true };
}

function fileInfo(input: ScreenInputBytes) {
  return {
    name: input.filename,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    size: input.bytes.byteLength,
  };
}

export function createScreenPool(options: ScreenPoolOptions = {}): ScreenPool {
  const size = Math.max(1, Math.floor(options.size ?? availableParallelism()));
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxMemoryMb = options.maxMemoryMb ?? DEFAULT_MAX_MEMORY_MB;
  const youngGenerationMb = options.youngGenerationMb ?? DEFAULT_YOUNG_GENERATION_MB;
  const workerData: WorkerData = { screenModule: options.screenModule?.toString() };
  const entry = workerEntry(workerData.screenModule);

  const slots = new Set<Slot>();
  const queue: Task[] = [];
  let nextId = 1;
  let startFailures = 0;
  let lastStartError: string | undefined;
  let closed = false;
  let descriptionsKnown!: (descriptions: ReadonlyMap<string, string>) => void;
  const descriptions = new Promise<ReadonlyMap<string, string>>((resolve) => {
    descriptionsKnown = resolve;
  });

  const failTask = (task: Task, code: RejectionCode, message: string, cause?: unknown): void => {
    const file = fileInfo(task.message);
    task.resolve({ report: rejectedReport(file, task.vacancy, code, message, cause) });
  };

  // Keep the process alive only while there is work, so a forgotten close() does not hang a CLI.
  const updateRefs = (): void => {
    const busy = queue.length > 0 || [...slots].some((s) => s.task);
    for (const slot of slots) {
      if (busy) slot.worker.ref();
      else slot.worker.unref();
    }
  };

  const spawn = (): void => {
    const worker = new Worker(entry.filename, {
      eval: entry.eval,
      workerData,
      resourceLimits: { maxOldGenerationSizeMb: maxMemoryMb, maxYoungGenerationSizeMb: youngGenerationMb },
      // A worker's console.log must not land in the scan's JSON Lines on stdout: it is dropped.
      stdout: true,
    });
    worker.stdout.resume();
    const slot: Slot = { worker, ready: false };
    slots.add(slot);

    worker.on('message', (reply: WorkerReply) => {
      if (reply.type === 'ready') {
        slot.ready = true;
        startFailures = 0;
        descriptionsKnown(new Map((reply.checks ?? []).map((check) => [check.id, check.description])));
        dispatch();
        return;
      }
      const task = slot.task;
      if (!task || task.message.id !== reply.id) return; // a late answer for a task already timed out
      clearTimeout(slot.timer);
      slot.task = undefined;
      if (reply.type === 'done') task.resolve({ report: reply.report, paragraphs: reply.paragraphs });
      else failTask(task, 'INTERNAL', MESSAGES.crash, new Error(reply.message));
      dispatch();
    });

    worker.on('error', (error: Error & { code?: string }) => {
      slot.lastError = error;
    });

    worker.on('exit', () => {
      slots.delete(slot);
      clearTimeout(slot.timer);
      const task = slot.task;
      slot.task = undefined;
      if (task) {
        if (slot.lastError?.code === 'ERR_WORKER_OUT_OF_MEMORY')
          failTask(task, 'CORRUPT', MESSAGES.memory, slot.lastError);
        else failTask(task, 'INTERNAL', MESSAGES.crash, slot.lastError ?? new Error('worker exited'));
      }
      if (!slot.ready && !slot.retired) {
        startFailures++;
        lastStartError = slot.lastError?.stack ?? slot.lastError?.message ?? 'worker exited during start-up';
        if (startFailures >= MAX_START_FAILURES) {
          // The pipeline itself cannot load: answer what is queued rather than respawning forever.
          descriptionsKnown(new Map());
          for (const queued of queue.splice(0)) {
            failTask(queued, 'INTERNAL', MESSAGES.cannotStart, new Error(lastStartError));
          }
        }
      }
      dispatch();
    });
  };

  const dispatch = (): void => {
    if (closed) return;
    for (const slot of slots) {
      if (queue.length === 0) break;
      if (!slot.ready || slot.task || slot.retired) continue;
      const task = queue.shift() as Task;
      slot.task = task;
      slot.timer = setTimeout(() => {
        if (slot.task !== task) return;
        // Out of the pool at once, so that no other file is given to it while it is terminating
        // and a replacement starts now.
        slot.task = undefined;
        slot.retired = true;
        slots.delete(slot);
        void slot.worker.terminate();
        failTask(task, 'TIMEOUT', MESSAGES.timeout(Math.round(timeoutMs / 1000)));
        dispatch();
      }, timeoutMs);
      slot.worker.postMessage(task.message);
    }
    // Replace lost workers; after a failed start, only while there is work (no respawn loop).
    const pending = queue.length;
    const wanted =
      startFailures === 0 ? size : startFailures < MAX_START_FAILURES && pending > 0 ? Math.min(size, pending) : 0;
    for (let missing = wanted - slots.size; missing > 0; missing--) spawn();
    updateRefs();
  };

  const runWithText = (input: ScreenInputBytes, vacancy: Vacancy, settings?: ScreenSettings, collectText = true) =>
    new Promise<ScreenResult>((resolve) => {
      const message: TaskMessage = {
        id: nextId++,
        bytes: input.bytes,
        filename: input.filename,
        vacancy,
        settings,
        collectText,
      };
      const task: Task = { message, vacancy, resolve };
      if (closed) return failTask(task, 'INTERNAL', MESSAGES.closed);
      // A new request after the install failed to start gets a fresh attempt.
      if (startFailures >= MAX_START_FAILURES && slots.size === 0) startFailures = 0;
      queue.push(task);
      dispatch();
    });

  for (let i = 0; i < size; i++) spawn();
  updateRefs();

  return {
    size,
    checkDescriptions: () => descriptions,
    runWithText: (input, vacancy, settings) => runWithText(input, vacancy, settings, true),
    run: async (input, vacancy, settings) => (await runWithText(input, vacancy, settings, false)).report,
    async close() {
      if (closed) return;
      closed = true;
      descriptionsKnown(new Map());
      for (const task of queue.splice(0)) failTask(task, 'INTERNAL', MESSAGES.closed);
      const exiting = [...slots].map((slot) => {
        slot.retired = true;
        clearTimeout(slot.timer);
        if (slot.task) failTask(slot.task, 'INTERNAL', MESSAGES.closed);
        slot.task = undefined;
        return slot.worker.terminate();
      });
      await Promise.all(exiting);
    },
  };
}
