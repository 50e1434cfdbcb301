/**
 * `essay-screen scan DIR`: screens every document under a folder with a worker pool, finds
 * near-duplicates among them (and, with --db, among the essays already stored for the vacancy),
 * and writes the reports as JSON Lines (stdout), JSON, CSV or HTML.
 *
 * Three phases, so that memory stays flat however many files there are:
 *   1. screen: files go through the pool (or come from the cache); each result is appended to a
 *      temporary spool file, and its text to the near-duplicate index (a few KB per essay);
 *   2. compare: each essay is looked up in the index, its report gets the near-duplicate finding,
 *      and the final report goes to a second spool (and to the store with --db);
 *   3. write: the final reports are written in the folder's order, with the counts known.
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import { joinParagraphs } from '../checks/duplicates/collect.js';
import {
  NearDuplicateIndex,
  nearDuplicateFinding,
  noticeTextOf,
  withNearDuplicateFinding,
} from '../checks/duplicates/index.js';
import type { PageEngine } from '../checks/types.js';
import { DEFAULT_LIMITS } from '../intake/limits.js';
import { messages } from '../intake/messages.js';
import { createScreenPool, type ScreenPool } from '../pool/index.js';
import { rejectedReport } from '../report/assemble.js';
import type { Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { Store } from '../store/index.js';
import {
  type CachedScreening,
  DEFAULT_CACHE_PATH,
  isTransient,
  openLocalCache,
  type ScanCache,
  scanRulesHash,
  storeCache,
} from './cache.js';
import { createWriter, formatFromPath, type ScanSummary, writeTo } from './output.js';
import { createProgress } from './progress.js';
import { type FoundFile, findDocuments } from './walk.js';

export interface ScanOptions {
  dir: string;
  vacancy: Vacancy;
  /** Output file; its extension picks the format (.csv, .jsonl, .json, .html). Default: JSON Lines on stdout. */
  out?: string;
  /** Worker threads (default: the number of cores). */
  jobs?: number;
  /** The service's store (SQLite path or postgres:// URL): results are saved there and it serves as the cache. */
  db?: string;
  /** Screen every file again, ignoring the cache. */
  force?: boolean;
  pageEngine?: PageEngine;
  stderr?: NodeJS.WriteStream;
  stdout?: NodeJS.WritableStream;
  /** Local cache file when there is no --db (default ./data/scan-cache.sqlite); false for none. */
  cache?: string | false;
  /** Per-file time limit, ms (the pool's default otherwise). */
  timeoutMs?: number;
  /** A pool to use instead of starting one (it is left open); e.g. the service's, or a test's. */
  pool?: ScreenPool;
}

export interface ScanResult {
  exitCode: number;
  counts: Record<string, number>;
}

/** What phase 1 keeps for each file, in the spool. */
interface SpoolRecord {
  path: string;
  report: Report;
  paragraphs?: BodyParagraph[];
  exactParagraphs: boolean;
}

/** A file that could not be read has no hash; reports still need one, so it gets zeros. */
const UNREAD_SHA256 = '0'.repeat(64);

const READ_ERROR = (code: string) =>
  `The file could not be read from the folder (${code}). Check that it is not open in another program and that you may read it, then scan again.`;

function sha256File(path: string): Promise<string> {
  return new Promise((resolveHash, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolveHash(hash.digest('hex')));
  });
}

const elapsed = (ms: number): string =>
  ms >= 60_000 ? `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s` : `${(ms / 1000).toFixed(1)} s`;

/** Appends JSON lines to a file and remembers where each one is, for reading back by number. */
class Spool {
  private readonly stream: WriteStream;
  private readonly write: (text: string) => Promise<void>;
  private readonly where = new Map<number, { start: number; length: number }>();
  private size = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.write = writeTo(this.stream);
  }

  async append(n: number, value: unknown): Promise<void> {
    const line = `${JSON.stringify(value)}\n`;
    const length = Buffer.byteLength(line);
    this.where.set(n, { start: this.size, length });
    this.size += length;
    await this.write(line);
  }

  async close(): Promise<void> {
    await new Promise<void>((done) => this.stream.end(done));
  }

  /** Reads records back in number order (0, 1, 2, …), skipping numbers never written. */
  async *inOrder<T>(count: number): AsyncGenerator<[number, T]> {
    const handle = await open(this.path, 'r');
    try {
      for (let n = 0; n < count; n++) {
        const at = this.where.get(n);
        if (!at) continue;
        const buffer = Buffer.alloc(at.length);
        await handle.read(buffer, 0, at.length, at.start);
        yield [n, JSON.parse(buffer.toString('utf8')) as T];
      }
    } finally {
      await handle.close();
    }
  }
}

export async function runScan(options: ScanOptions): Promise<ScanResult> {
  const startedAt = new Date();
  const started = performance.now();
  const stderr = options.stderr ?? process.stderr;
  const stdout = options.stdout ?? process.stdout;
  const pageEngine = options.pageEngine ?? 'auto';
  const vacancy = options.vacancy;
  const usage = (message: string): ScanResult => {
    stderr.write(`essay-screen: ${message}\n`);
    return { exitCode: 2, counts: {} };
  };

  const format = formatFromPath(options.out);
  if (!format) return usage(`cannot write "${options.out}": give --out a file ending in .csv, .jsonl, .json or .html`);
  const dir = resolve(options.dir);
  try {
    if (!(await stat(dir)).isDirectory())
      return usage(`${options.dir} is not a folder: give the folder that holds the essays`);
  } catch {
    return usage(`folder not found: ${options.dir}`);
  }

  const { files, linksSkipped } = await findDocuments(dir);

  let store: Store | undefined;
  let cache: ScanCache | undefined;
  let storedTexts: { id: string; sha256: string; filename: string; text: string }[] = [];
  try {
    if (options.db) {
      const { openStore } = await import('../store/index.js');
      store = await openStore(options.db);
      const fromStore = await storeCache(store, vacancy, pageEngine);
      storedTexts = fromStore.texts;
      cache = fromStore;
    } else if (options.cache !== false) {
      cache = await openLocalCache(options.cache ?? DEFAULT_CACHE_PATH, vacancy, pageEngine);
    }
  } catch (error) {
    await store?.close();
    const what = options.db ? 'the database' : 'the scan cache';
    return usage(`cannot open ${what}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
  }

  let pool: ScreenPool | undefined;
  const poolFor = (): ScreenPool => {
    pool ??= options.pool ?? createScreenPool({ size: options.jobs, timeoutMs: options.timeoutMs });
    return pool;
  };
  const settings = { pageEngine };
  const rulesHash = scanRulesHash(vacancy, pageEngine);
  const spoolDir = await mkdtemp(join(tmpdir(), 'essay-screen-scan-'));
  const index = new NearDuplicateIndex<{ path: string; file: string; sha256: string; stored: boolean }>({
    notice: noticeTextOf(vacancy),
  });
  let cachedCount = 0;

  try {
    // ---- 1. screen ---------------------------------------------------------------------------
    const screened = new Spool(join(spoolDir, 'screened.jsonl'));
    const progress = createProgress(files.length, stderr);

    const screenOne = async (file: FoundFile): Promise<SpoolRecord & { cached: boolean }> => {
      const filename = basename(file.path);
      if (file.size > DEFAULT_LIMITS.maxFileBytes) {
        // Not read into memory at all: hash it as a stream and reject it.
        const sha256 = await sha256File(file.path);
        const report = rejectedReport(
          { name: filename, sha256, size: file.size },
          vacancy,
          'TOO_LARGE',
          messages.tooLarge(file.size, DEFAULT_LIMITS.maxFileBytes),
        );
        return { path: file.relativePath, report, exactParagraphs: true, cached: false };
      }
      let bytes: Buffer;
      try {
        bytes = await readFile(file.path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code ?? 'read error';
        const report = rejectedReport(
          { name: filename, sha256: UNREAD_SHA256, size: file.size },
          vacancy,
          'INTERNAL',
          READ_ERROR(code),
        );
        return { path: file.relativePath, report, exactParagraphs: true, cached: false };
      }
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const key = { sha256, filename };
      const hit: CachedScreening | undefined = options.force ? undefined : await cache?.get(key);
      if (hit) return { path: file.relativePath, ...hit, cached: true };
      const { report, paragraphs } = await poolFor().runWithText({ bytes, filename }, vacancy, settings);
      await cache?.put(key, report, paragraphs);
      return { path: file.relativePath, report, paragraphs, exactParagraphs: true, cached: false };
    };

    // Read ahead a little more than the pool can take, so workers never wait for the disk.
    const lanes = Math.max(2, (options.pool?.size ?? options.jobs ?? availableParallelism()) * 2);
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(lanes, files.length) }, async () => {
        while (next < files.length) {
          const n = next++;
          const result = await screenOne(files[n]);
          const { cached, ...record } = result;
          if (cached) cachedCount++;
          await screened.append(n, record);
          if (record.paragraphs && record.report.status !== 'rejected') {
            index.add(`scan:${n}`, record.paragraphs, {
              path: record.path,
              file: record.report.file,
              sha256: record.report.sha256,
              stored: false,
            });
          }
          progress.tick({ status: result.report.status, cached });
        }
      }),
    );
    progress.stop();
    await screened.close();

    // ---- 2. compare --------------------------------------------------------------------------
    for (const text of storedTexts) {
      index.add(`store:${text.id}`, text.text, {
        path: text.filename,
        file: text.filename,
        sha256: text.sha256,
        stored: true,
      });
    }
    const counts: Record<Report['status'], number> = { pass: 0, review: 0, fail: 0, rejected: 0 };
    let nearDuplicates = 0;
    const final = new Spool(join(spoolDir, 'final.jsonl'));
    for await (const [n, record] of screened.inOrder<SpoolRecord>(files.length)) {
      let report = record.report;
      if (record.paragraphs && report.status !== 'rejected') {
        const self = `scan:${n}`;
        const sha = report.sha256;
        const exclude = (id: string, meta: { sha256: string; stored: boolean }) =>
          id === self || (meta.stored && meta.sha256 === sha);
        let paragraphs = record.paragraphs;
        let matches = index.query(paragraphs, { exclude });
        if (matches.length > 0 && !record.exactParagraphs) {
          // The stored text lost the document's paragraph numbers: read the file again for exact evidence.
          const bytes = await readFile(files[n].path);
          const again = await poolFor().runWithText({ bytes, filename: report.file }, vacancy, settings);
          if (again.paragraphs && !isTransient(again.report)) {
            paragraphs = again.paragraphs;
            matches = index.query(paragraphs, { exclude });
          }
        }
        const finding = nearDuplicateFinding(matches, (m) => m.meta.path, index.rules);
        if (finding) nearDuplicates++;
        report = withNearDuplicateFinding(report, finding);
        if (store) {
          const bytes = await readFile(files[n].path);
          await store.saveScreening({
            report,
            bytes,
            filename: report.file,
            uploader: 'cli',
            rulesHash,
            text: joinParagraphs(paragraphs),
          });
        }
      } else if (
        store &&
        !isTransient(report) &&
        report.sha256 !== UNREAD_SHA256 &&
        files[n].size <= DEFAULT_LIMITS.maxFileBytes
      ) {
        await store.saveScreening({
          report,
          bytes: await readFile(files[n].path),
          filename: report.file,
          uploader: 'cli',
          rulesHash,
        });
      }
      counts[report.status]++;
      await final.append(n, { path: record.path, report });
    }
    await final.close();

    // ---- 3. write ----------------------------------------------------------------------------
    const elapsedMs = performance.now() - started;
    const summary: ScanSummary = {
      dir: options.dir,
      vacancy: { reference: vacancy.reference, title: vacancy.title },
      total: files.length,
      counts,
      cached: cachedCount,
      nearDuplicates,
      elapsedMs,
      startedAt: startedAt.toISOString(),
    };
    const target = options.out ? createWriteStream(resolve(options.out)) : stdout;
    const writer = createWriter(format, target, summary);
    const lines = createInterface({
      input: createReadStream(final.path, { encoding: 'utf8' }),
      crlfDelay: Number.POSITIVE_INFINITY,
    });
    for await (const line of lines) if (line) await writer.write(JSON.parse(line));
    await writer.finish();
    if (options.out) await new Promise<void>((done, fail) => (target as WriteStream).end(done).once('error', fail));

    const rate = elapsedMs > 0 ? files.length / (elapsedMs / 1000) : 0;
    const parts = [
      `${counts.pass} pass`,
      `${counts.review} review`,
      `${counts.fail} fail`,
      `${counts.rejected} rejected`,
    ];
    const notes = [
      cachedCount ? `${cachedCount} unchanged since an earlier scan` : '',
      nearDuplicates ? `${nearDuplicates} with near-duplicates` : '',
      linksSkipped ? `${linksSkipped} links out of the folder skipped` : '',
      options.out ? `reports in ${options.out}` : '',
    ].filter(Boolean);
    stderr.write(
      files.length === 0
        ? `Scanned ${options.dir}: no documents found (.docx, .doc, .pdf, .rtf, .odt…).\n`
        : `Scanned ${files.length} files in ${elapsed(elapsedMs)} (${rate.toFixed(rate < 10 ? 1 : 0)}/s): ${parts.join(', ')}${notes.length ? `; ${notes.join('; ')}` : ''}.\n`,
    );
    const exitCode = counts.review + counts.fail + counts.rejected > 0 ? 1 : 0;
    return { exitCode, counts: { ...counts, total: files.length, cached: cachedCount, nearDuplicates } };
  } finally {
    if (pool !== options.pool) await pool?.close();
    await cache?.close();
    await store?.close();
    await rm(spoolDir, { recursive: true, force: true });
  }
}
