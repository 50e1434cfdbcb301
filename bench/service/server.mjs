/**
 * The service under load, in its own process so the benchmark measures its memory alone.
 * Started by bench/service/run.ts; prints its URL on stdout, stops on SIGTERM (gracefully).
 *
 * Plain JavaScript on purpose: with a compiled build (BENCH_SERVER_MODULE) the process then runs no
 * TypeScript loader at all, as under `npm start`; the sources are loaded through tsx (`--import tsx`).
 */
const { startServer } = await import(process.env.BENCH_SERVER_MODULE ?? '../../src/server/index.ts');

const db = process.argv[2];
if (!db) throw new Error('usage: node [--import tsx] bench/service/server.mjs DB_PATH');
const server = await startServer({
  port: 0,
  db,
  // Logging every request is part of the cost being measured: the service's own logger, written to
  // a file nobody reads (BENCH_LOG_FILE keeps it; LOG_LEVEL as for the service).
  logFile: process.env.BENCH_LOG_FILE ?? '/dev/null',
  // The benchmark is one client: lift the per-client limit so it measures the service, not the limiter.
  rateLimitPerMinute: 1_000_000,
  handleSignals: true,
  // --stub-screen: a screen() that does no work, to measure the service's own cost (HTTP, upload,
  // pool hand-off, store, near-duplicate index) apart from the screening's.
  pool: process.env.BENCH_STUB_SCREEN ? { screenModule: new URL('./stub-screen.ts', import.meta.url) } : undefined,
});
process.stdout.write(`${server.url}\n`);
