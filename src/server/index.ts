/**
 * The HTTP service (`essay-screen serve`, `npm start`): the JSON API, the panel's queue, health
 * and OpenAPI, over the store and the screening worker pool.
 *
 *   const server = await startServer({ port: 3000 });   // local mode on 127.0.0.1
 *   …
 *   await server.close();                              // finishes screenings under way first
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type Logger, pino } from 'pino';
import { DEFAULT_LIMITS } from '../intake/limits.js';
import { createScreenPool, type ScreenPoolOptions } from '../pool/index.js';
import { RULES_DIR } from '../rules/data.js';
import { bundledVacancies, loadVacancyFile, type Vacancy } from '../rules/vacancy.js';
import { openStore } from '../store/index.js';
import { createApp, DEFAULT_RATE_LIMIT_PER_MINUTE } from './app.js';
import { DuplicateChecker } from './duplicates.js';
import { InFlight } from './inflight.js';
import { loadTokens, TokenConfigError } from './tokens.js';

export { type AppDeps, createApp, type Screener } from './app.js';
export { loadTokens, type Principal, type Role } from './tokens.js';

export interface ServerOptions {
  port?: number;
  host?: string;
  /** Store URL: SQLite path or postgres:// (default: DATABASE_URL, else ./data/essay-screen.sqlite). */
  db?: string;
  /** Folder of vacancy rule files (default: the bundled rules/vacancies). */
  rulesDir?: string;
  /** Tokens file (JSON or YAML); default ESSAY_SCREEN_TOKENS_FILE. ESSAY_SCREEN_TOKENS adds to it. */
  tokensFile?: string;
  /** Delete screenings older than this many days (default ESSAY_SCREEN_RETENTION_DAYS; unset keeps all). */
  retentionDays?: number;
  /** Worker threads for screening (default: the number of cores). */
  workers?: number;
  /** Further worker-pool options (per-file time and memory limits; a stand-in screen module for benchmarks). */
  pool?: Omit<ScreenPoolOptions, 'size'>;
  /** Requests per minute per client (default ESSAY_SCREEN_RATE_LIMIT or 1200). */
  rateLimitPerMinute?: number;
  logger?: Logger;
  /** Without `logger`: where the JSON log lines go (default: stdout). */
  logFile?: string;
  /** Stop cleanly on SIGINT / SIGTERM (default true). */
  handleSignals?: boolean;
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);
/** How often the retention purge runs. */
const PURGE_INTERVAL_MS = 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** Longest a shutdown waits for requests under way (a screening is bounded by the pool's own timeout). */
const SHUTDOWN_GRACE_MS = 90_000;
/** Log lines are written in batches of about this size (a dozen requests' lines)… */
const LOG_BATCH_BYTES = 4096;
/** …or after this long, so that a quiet service's log still reads as it happens. */
const LOG_FLUSH_MS = 1000;

function programVersion(): string {
  try {
    return (JSON.parse(readFileSync(join(RULES_DIR, '..', 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0';
  }
}

function loadVacancies(rulesDir: string | undefined): Vacancy[] {
  if (!rulesDir) return bundledVacancies();
  const files = readdirSync(rulesDir).filter((name) => /\.ya?ml$/i.test(name));
  if (files.length === 0) throw new Error(`${rulesDir}: no vacancy rule files (*.yaml) found`);
  return files.sort().map((name) => loadVacancyFile(join(rulesDir, name)));
}

function positiveNumber(value: string | undefined, name: string): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, not "${value}"`);
  return n;
}

/** ESSAY_SCREEN_TRUST_PROXY: a hop count ("1"), "true", or Express's names ("loopback", an address list). */
function trustProxySetting(value: string | undefined): boolean | number | string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value);
  if (value === 'true' || value === 'false') return value === 'true';
  return value.trim();
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  // Buffered, asynchronous writes: a synchronous write per log line cost a tenth of the main thread
  // under load, and even an asynchronous write per line hands every line to the thread pool. Lines
  // are written in batches of LOG_BATCH_BYTES, or after LOG_FLUSH_MS when traffic is light; and on close.
  const destination = options.logger
    ? undefined
    : pino.destination({
        dest: options.logFile ?? 1,
        sync: false,
        minLength: LOG_BATCH_BYTES,
        periodicFlush: LOG_FLUSH_MS,
      });
  const logger =
    options.logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info', base: { service: 'essay-screen' } }, destination);
  const vacancies = loadVacancies(options.rulesDir);
  const tokens = loadTokens({
    file: options.tokensFile ?? process.env.ESSAY_SCREEN_TOKENS_FILE,
    env: process.env.ESSAY_SCREEN_TOKENS,
    vacancies,
  });
  const localMode = tokens.length === 0;
  const host = options.host ?? '127.0.0.1';
  if (localMode && !LOOPBACK.has(host)) {
    throw new TokenConfigError(
      `refusing to listen on ${host} without access tokens: anyone who can reach it could read the essays. ` +
        'Configure tokens (ESSAY_SCREEN_TOKENS or a tokens file) or listen on 127.0.0.1.',
    );
  }
  const retentionDays =
    options.retentionDays ?? positiveNumber(process.env.ESSAY_SCREEN_RETENTION_DAYS, 'ESSAY_SCREEN_RETENTION_DAYS');
  const rateLimitPerMinute =
    options.rateLimitPerMinute ??
    positiveNumber(process.env.ESSAY_SCREEN_RATE_LIMIT, 'ESSAY_SCREEN_RATE_LIMIT') ??
    DEFAULT_RATE_LIMIT_PER_MINUTE;

  const store = await openStore(options.db);
  const pool = createScreenPool({ ...options.pool, size: options.workers });
  const inFlight = new InFlight();
  const duplicates = new DuplicateChecker(store);
  const app = createApp({
    store,
    screener: pool,
    vacancies,
    tokens,
    logger,
    maxUploadBytes: DEFAULT_LIMITS.maxFileBytes,
    rateLimitPerMinute,
    version: programVersion(),
    inFlight,
    retentionDays,
    duplicates,
    trustProxy: trustProxySetting(process.env.ESSAY_SCREEN_TRUST_PROXY),
  });

  const purge = async () => {
    if (!retentionDays) return;
    try {
      const removed = await store.purgeOlderThan(new Date(Date.now() - retentionDays * DAY_MS));
      if (removed > 0) duplicates.reset();
      if (removed > 0) logger.info({ removed, retentionDays }, 'retention: deleted old screenings');
    } catch (error) {
      logger.error({ err: error }, 'retention purge failed');
    }
  };
  await purge();
  const purgeTimer = retentionDays ? setInterval(purge, PURGE_INTERVAL_MS) : undefined;
  purgeTimer?.unref();

  const server = app.listen(options.port ?? 3000, host);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('listening', resolve);
      server.once('error', reject);
    });
  } catch (error) {
    await pool.close();
    await store.close();
    throw error;
  }
  // Uploads of several MB on a slow link must not be cut, but idle sockets should not linger.
  server.requestTimeout = 120_000;
  server.headersTimeout = 30_000;
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${shownHost}:${address.port}`;

  logger.info(
    { url, database: store.kind, workers: pool.size, vacancies: vacancies.map((v) => v.reference), retentionDays },
    `essay-screen listening on ${url}`,
  );
  if (localMode) {
    logger.warn(
      `local mode: no access tokens configured, so the service listens on ${host} only and anyone on this machine can use it; set ESSAY_SCREEN_TOKENS to share it`,
    );
  } else {
    logger.info(
      { tokens: tokens.map((t) => ({ name: t.name, role: t.role, vacancies: t.vacancies })) },
      'access tokens loaded',
    );
  }

  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    if (closing) return closing;
    closing = (async () => {
      logger.info({ inFlight: inFlight.size }, 'shutting down: finishing screenings under way');
      if (purgeTimer) clearInterval(purgeTimer);
      // Stop accepting connections; the open ones finish their requests (and so their screenings).
      const stopped = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A keep-alive connection goes idle after its last response: close those as they appear.
      const sweep = setInterval(() => server.closeIdleConnections(), 200);
      let graceTimer: NodeJS.Timeout | undefined;
      const grace = new Promise<void>((resolve) => {
        graceTimer = setTimeout(resolve, SHUTDOWN_GRACE_MS);
      });
      await Promise.race([stopped, grace]);
      clearInterval(sweep);
      clearTimeout(graceTimer);
      server.closeAllConnections();
      await inFlight.drain();
      await pool.close();
      await store.close();
      if (signalHandler) {
        process.off('SIGINT', signalHandler);
        process.off('SIGTERM', signalHandler);
      }
      logger.info('stopped');
      // Written out before returning: the signal handler exits the process right after.
      if (destination) destination.flushSync();
      else logger.flush();
    })();
    return closing;
  };

  let signalHandler: (() => void) | undefined;
  if (options.handleSignals ?? true) {
    signalHandler = () => {
      close().then(
        () => process.exit(0),
        (error) => {
          logger.error({ err: error }, 'shutdown failed');
          process.exit(1);
        },
      );
    };
    process.once('SIGINT', signalHandler);
    process.once('SIGTERM', signalHandler);
  }

  return { url, close };
}
