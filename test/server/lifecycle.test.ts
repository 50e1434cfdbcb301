/** startServer: local mode, graceful shutdown, retention, custom rules folder, tokens file. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/server/index.js';
import { openStore } from '../../src/store/index.js';
import { fakeEssay, fakeReport } from '../store/report-fixture.js';
import { buildEssay, pleasantFilename, unityEssayParagraphs } from './essays.js';

const dir = mkdtempSync(join(tmpdir(), 'essay-lifecycle-'));
const savedEnv = {
  tokens: process.env.ESSAY_SCREEN_TOKENS,
  file: process.env.ESSAY_SCREEN_TOKENS_FILE,
  db: process.env.DATABASE_URL,
};
beforeAll(() => {
  delete process.env.ESSAY_SCREEN_TOKENS;
  delete process.env.ESSAY_SCREEN_TOKENS_FILE;
  delete process.env.DATABASE_URL;
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  for (const [key, name] of [
    ['tokens', 'ESSAY_SCREEN_TOKENS'],
    ['file', 'ESSAY_SCREEN_TOKENS_FILE'],
    ['db', 'DATABASE_URL'],
  ] as const) {
    if (savedEnv[key] !== undefined) process.env[name] = savedEnv[key];
  }
});

/** A pino logger whose lines the test can read. */
function captureLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
      done();
    },
  });
  return { logger: pino({ level: 'info' }, stream), lines };
}

const uploadForm = (bytes: Buffer, filename: string, vacancy: string) => {
  const form = new FormData();
  form.append('vacancy', vacancy);
  form.append('file', new Blob([new Uint8Array(bytes)]), filename);
  return form;
};

describe('startServer', () => {
  it('refuses to listen beyond this machine without tokens', async () => {
    await expect(
      startServer({ port: 0, host: '0.0.0.0', db: join(dir, 'refuse.sqlite'), handleSignals: false }),
    ).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 without access tokens/);
  });

  it('runs in local mode on 127.0.0.1, says so, and finishes screenings under way when closed', async () => {
    const { logger, lines } = captureLogger();
    const db = join(dir, 'graceful.sqlite');
    const server = await startServer({ port: 0, db, workers: 1, logger, handleSignals: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.some((l) => String(l.msg).startsWith('local mode'))).toBe(true);

    const essays = await Promise.all(
      [1, 2, 3, 4].map((i) => buildEssay({ paragraphs: unityEssayParagraphs(`graceful ${i}`) })),
    );
    const uploads = essays.map((bytes, i) =>
      fetch(`${server.url}/api/screenings`, {
        method: 'POST',
        body: uploadForm(bytes, pleasantFilename(`G${i}`), '250875'),
      }),
    );
    // Wait until the first screening is under way, then shut down.
    for (let i = 0; i < 200; i++) {
      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { inFlight: number };
      if (health.inFlight > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const closing = server.close();
    const responses = await Promise.all(uploads);
    await closing;
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201]);
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();

    const store = await openStore(db);
    try {
      expect((await store.listScreenings()).total).toBe(4);
    } finally {
      await store.close();
    }
    expect(lines.some((l) => l.msg === 'stopped')).toBe(true);
    const request = lines.find((l) => l.msg === 'request' && l.path === '/api/screenings');
    expect(request).toMatchObject({ method: 'POST', status: 201, reqId: expect.any(String) });
  });

  it('deletes screenings older than the retention period at start', async () => {
    const db = join(dir, 'retention.sqlite');
    const store = await openStore(db);
    const old = fakeEssay('old');
    const fresh = fakeEssay('fresh');
    const oldId = await store.saveScreening({
      report: fakeReport(old),
      bytes: old,
      filename: 'old.docx',
      uploader: 'u',
      rulesHash: 'r',
      createdAt: new Date(Date.now() - 40 * 86_400_000),
    });
    const freshId = await store.saveScreening({
      report: fakeReport(fresh),
      bytes: fresh,
      filename: 'new.docx',
      uploader: 'u',
      rulesHash: 'r',
    });
    await store.close();

    const server = await startServer({
      port: 0,
      db,
      retentionDays: 30,
      workers: 1,
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });
    await server.close();
    const after = await openStore(db);
    try {
      expect(await after.getScreening(oldId)).toBeUndefined();
      expect(await after.getScreening(freshId)).toBeDefined();
    } finally {
      await after.close();
    }
  });

  it('serves the vacancies of another rules folder, and needs a token from a tokens file', async () => {
    const rules = join(dir, 'rules');
    const { mkdirSync } = await import('node:fs');
    mkdirSync(rules);
    writeFileSync(
      join(rules, 'test.yaml'),
      [
        'reference: "TEST-01"',
        'title: "Head of Testing"',
        'essay: { maxPages: 2 }',
        'challenges:',
        '  - text: "Build a culture where every change is tested before it reaches users."',
      ].join('\n'),
    );
    const tokensFile = join(dir, 'tokens.json');
    writeFileSync(
      tokensFile,
      JSON.stringify({ tokens: [{ name: 'ops', role: 'admin', token: 'an-operations-token-123' }] }),
    );
    const server = await startServer({
      port: 0,
      db: join(dir, 'rules.sqlite'),
      rulesDir: rules,
      tokensFile,
      workers: 1,
      logger: pino({ level: 'silent' }),
      handleSignals: false,
    });
    try {
      const bytes = await buildEssay({
        paragraphs: ['Every change is tested before it reaches users, by people who own the result.'],
      });
      const anonymous = await fetch(`${server.url}/api/screenings`, {
        method: 'POST',
        body: uploadForm(bytes, 'TEST-01 Key challenges.docx', 'TEST-01'),
      });
      expect(anonymous.status).toBe(401);
      const res = await fetch(`${server.url}/api/screenings`, {
        method: 'POST',
        headers: { Authorization: 'Bearer an-operations-token-123' },
        body: uploadForm(bytes, 'TEST-01 Key challenges.docx', 'TEST-01'),
      });
      const body = (await res.json()) as { vacancy: string; screening: { uploader: string } };
      expect(res.status).toBe(201);
      expect(body.vacancy).toBe('TEST-01');
      expect(body.screening.uploader).toBe('ops');
      const bundled = await fetch(`${server.url}/api/screenings`, {
        method: 'POST',
        headers: { Authorization: 'Bearer an-operations-token-123' },
        body: uploadForm(bytes, pleasantFilename(), '250875'),
      });
      expect(bundled.status).toBe(400);
    } finally {
      await server.close();
    }
  });
});
