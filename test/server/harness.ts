/** Builds the app on a temp SQLite store and a real one-worker screening pool. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createScreenPool, type ScreenPool } from '../../src/pool/index.js';
import { bundledVacancies } from '../../src/rules/vacancy.js';
import { type AppDeps, createApp } from '../../src/server/app.js';
import { loadTokens } from '../../src/server/tokens.js';
import { openStore, type Store } from '../../src/store/index.js';

export const TOKENS = {
  uploader: 'uploader-token-0123456789abcdef',
  panel250875: 'panel-250875-token-0123456789ab',
  panelAsg: 'panel-asg-token-0123456789abcdef',
  admin: 'admin-token-0123456789abcdefghij',
};

export const TOKENS_ENV = [
  `hr-portal@uploader=${TOKENS.uploader}`,
  `panel-a@panel:250875=${TOKENS.panel250875}`,
  `panel-b@panel:ASG-PASP=${TOKENS.panelAsg}`,
  `hr-admin@admin=${TOKENS.admin}`,
].join(';');

export interface Harness {
  app: ReturnType<typeof createApp>;
  store: Store;
  pool: ScreenPool;
  close(): Promise<void>;
}

let sharedPool: ScreenPool | undefined;
/** One pool per test file: starting a worker costs a second or two. */
export function testPool(): ScreenPool {
  sharedPool ??= createScreenPool({ size: 1, timeoutMs: 30_000 });
  return sharedPool;
}

export async function closeTestPool(): Promise<void> {
  await sharedPool?.close();
  sharedPool = undefined;
}

export async function makeHarness(
  options: { tokens?: boolean } & Omit<Partial<AppDeps>, 'tokens'> = {},
): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), 'essay-server-'));
  const store = await openStore(join(dir, 'test.sqlite'));
  const vacancies = bundledVacancies();
  const pool = testPool();
  const { tokens: withTokens, ...overrides } = options;
  const app = createApp({
    store,
    screener: pool,
    vacancies,
    tokens: withTokens ? loadTokens({ env: TOKENS_ENV, vacancies }) : [],
    maxUploadBytes: 10 * 1024 * 1024,
    ...overrides,
  });
  return {
    app,
    store,
    pool,
    async close() {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
