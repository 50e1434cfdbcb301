/**
 * The same store suite on the embedded SQLite file and, when TEST_DATABASE_URL is set
 * (.ci/setup-postgres.sh prints it), on PostgreSQL.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, resolveStoreUrl, type Store } from '../../src/store/index.js';
import { fakeEssay, fakeReport } from './report-fixture.js';

const tempDir = mkdtempSync(join(tmpdir(), 'essay-store-'));
afterAll(() => rmSync(tempDir, { recursive: true, force: true }));

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) {
  console.warn(
    'store tests: TEST_DATABASE_URL is not set, so the PostgreSQL run is skipped (run .ci/setup-postgres.sh to get one)',
  );
}

async function resetPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      'drop table if exists screenings, screening_files, reviews, essay_screen_migrations, essay_screen_migrations_lock',
    );
  } finally {
    await client.end();
  }
}

const backends: Array<{ name: string; url: () => string; reset?: () => Promise<void>; enabled: boolean }> = [
  { name: 'sqlite', url: () => join(tempDir, 'store.sqlite'), enabled: true },
  {
    name: 'postgres',
    url: () => postgresUrl ?? '',
    reset: () => resetPostgres(postgresUrl ?? ''),
    enabled: Boolean(postgresUrl),
  },
];

describe('resolveStoreUrl', () => {
  it('reads the default, sqlite: forms, plain paths and postgres URLs', () => {
    const saved = process.env.DATABASE_URL;
    delete process.env.DATABASE_URL;
    try {
      expect(resolveStoreUrl(undefined)).toEqual({
        kind: 'sqlite',
        target: join(process.cwd(), 'data/essay-screen.sqlite'),
      });
      expect(resolveStoreUrl('sqlite:/tmp/x.sqlite')).toEqual({ kind: 'sqlite', target: '/tmp/x.sqlite' });
      expect(resolveStoreUrl('sqlite://rel/y.db')).toEqual({ kind: 'sqlite', target: join(process.cwd(), 'rel/y.db') });
      expect(resolveStoreUrl('postgresql://u:p@h/db').kind).toBe('postgres');
      expect(() => resolveStoreUrl('mysql://u:secret@h/db')).toThrow(
        /unsupported database URL "mysql:\/\/\*\*\*@h\/db"/,
      );
    } finally {
      if (saved !== undefined) process.env.DATABASE_URL = saved;
    }
  });

  it('takes DATABASE_URL when no URL is given', () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://a:b@127.0.0.1/x';
    try {
      expect(resolveStoreUrl().kind).toBe('postgres');
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

for (const backend of backends) {
  describe.skipIf(!backend.enabled)(`store on ${backend.name}`, () => {
    let store: Store;

    beforeAll(async () => {
      await backend.reset?.();
      store = await openStore(backend.url());
    });
    afterAll(async () => {
      await store?.close();
    });

    it('keeps a screening with its file, report and metadata', async () => {
      const bytes = fakeEssay('keep');
      const report = fakeReport(bytes, { status: 'review', file: 'PASP0109 Key challenges.docx' });
      const id = await store.saveScreening({
        report,
        bytes,
        filename: 'PASP0109 Key challenges.docx',
        uploader: 'portal',
        rulesHash: 'r1',
        text: 'Allied unity matters.',
      });
      const saved = await store.getScreening(id);
      expect(saved).toMatchObject({
        id,
        vacancy: '250875',
        filename: 'PASP0109 Key challenges.docx',
        uploader: 'portal',
        status: 'review',
        size: bytes.byteLength,
        sha256: report.sha256,
      });
      expect(saved?.report).toEqual(report);
      expect(Date.now() - Date.parse(saved?.createdAt ?? '')).toBeLessThan(60_000);
      const file = await store.getFile(id);
      expect(Buffer.compare(file?.bytes ?? Buffer.alloc(0), Buffer.from(bytes))).toBe(0);
      expect(file?.filename).toBe('PASP0109 Key challenges.docx');
    });

    it('keeps a new screening under the id the caller chose, and answers the earlier id for the same bytes', async () => {
      const bytes = fakeEssay('chosen id');
      const report = fakeReport(bytes);
      const save = (id: string, filename: string) =>
        store.saveScreening({ id, report, bytes, filename, uploader: 'u', rulesHash: 'r1' });
      const chosen = randomUUID();
      expect(await save(chosen, 'a.docx')).toBe(chosen);
      expect((await store.getScreening(chosen))?.report).toEqual(report);
      const other = randomUUID();
      expect(await save(other, 'b.docx')).toBe(chosen);
      expect(await store.getScreening(other)).toBeUndefined();
    });

    it('returns the earlier screening for the same bytes, vacancy and rules', async () => {
      const bytes = fakeEssay('dedup');
      const report = fakeReport(bytes);
      const first = await store.saveScreening({ report, bytes, filename: 'a.docx', uploader: 'u', rulesHash: 'r1' });
      const again = await store.saveScreening({ report, bytes, filename: 'b.docx', uploader: 'v', rulesHash: 'r1' });
      expect(again).toBe(first);
      expect((await store.getScreening(first))?.filename).toBe('a.docx');
      expect((await store.findBySha(report.sha256, '250875', 'r1'))?.id).toBe(first);
      // Other rules or another vacancy are a new screening.
      const newRules = await store.saveScreening({ report, bytes, filename: 'a.docx', uploader: 'u', rulesHash: 'r2' });
      expect(newRules).not.toBe(first);
      const otherVacancy = await store.saveScreening({
        report: { ...report, vacancy: 'ASG-PASP' },
        bytes,
        filename: 'a.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      expect(otherVacancy).not.toBe(first);
      expect(await store.findBySha(report.sha256, '250875', 'r3')).toBeUndefined();
    });

    it('keeps exactly one row when the same file is saved concurrently', async () => {
      const bytes = fakeEssay('race');
      const report = fakeReport(bytes);
      const ids = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.saveScreening({ report, bytes, filename: 'r.docx', uploader: 'u', rulesHash: 'race' }),
        ),
      );
      expect(new Set(ids).size).toBe(1);
    });

    it('replaces an earlier transient failure instead of reusing it', async () => {
      const bytes = fakeEssay('timeout');
      const timedOut = fakeReport(bytes, {
        status: 'rejected',
        error: { code: 'TIMEOUT', message: 'took too long' },
        pages: undefined,
        ai: undefined,
      });
      const first = await store.saveScreening({
        report: timedOut,
        bytes,
        filename: 't.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      expect(await store.findBySha(timedOut.sha256, '250875', 'r1')).toBeUndefined();
      const good = fakeReport(bytes, { status: 'pass' });
      const second = await store.saveScreening({
        report: good,
        bytes,
        filename: 't.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      expect(second).toBe(first);
      expect((await store.getScreening(first))?.status).toBe('pass');
    });

    it('lists with filters, sorting and pages', async () => {
      const vacancy = `LIST-${backend.name}`;
      const statuses = ['pass', 'fail', 'review', 'review', 'rejected'] as const;
      const levels = ['none', 'high', 'medium', 'low', undefined];
      for (const [i, status] of statuses.entries()) {
        const bytes = fakeEssay(`list-${i}`);
        const level = levels[i];
        await store.saveScreening({
          report: fakeReport(bytes, {
            vacancy,
            status,
            ai: level ? { level: level as 'none', score: 0.1 * i, signals: [] } : undefined,
            pages: status === 'rejected' ? undefined : { count: i + 1, limit: 1, verdict: 'within' },
          }),
          bytes,
          filename: `essay-${i}.docx`,
          uploader: 'u',
          rulesHash: 'r1',
          createdAt: new Date(Date.UTC(2026, 0, 1 + i)),
        });
      }
      const all = await store.listScreenings({ vacancy });
      expect(all.total).toBe(5);
      expect(all.items.map((s) => s.filename)).toEqual([
        'essay-4.docx',
        'essay-3.docx',
        'essay-2.docx',
        'essay-1.docx',
        'essay-0.docx',
      ]);

      const reviews = await store.listScreenings({ vacancy, status: 'review' });
      expect(reviews.items.map((s) => s.filename).sort()).toEqual(['essay-2.docx', 'essay-3.docx']);

      const risky = await store.listScreenings({ vacancy, ai: ['high', 'medium'] });
      expect(risky.items.map((s) => s.report.ai?.level).sort()).toEqual(['high', 'medium']);

      const byStatus = await store.listScreenings({ vacancy, sort: 'status' });
      expect(byStatus.items.map((s) => s.status)).toEqual(['fail', 'rejected', 'review', 'review', 'pass']);

      const byAi = await store.listScreenings({ vacancy, sort: 'ai', direction: 'desc' });
      expect(byAi.items[0].report.ai?.level).toBe('high');

      const page2 = await store.listScreenings({ vacancy, page: 2, pageSize: 2, sort: 'filename' });
      expect(page2).toMatchObject({ total: 5, page: 2, pageSize: 2 });
      expect(page2.items.map((s) => s.filename)).toEqual(['essay-2.docx', 'essay-3.docx']);

      const several = await store.listScreenings({ vacancy: [vacancy, 'NO-SUCH'] });
      expect(several.total).toBe(5);
      expect((await store.listScreenings({ vacancy: 'NO-SUCH' })).total).toBe(0);

      const counts = await store.vacancyCounts([vacancy]);
      expect(counts).toEqual([
        { vacancy, total: 5, reviewed: 0, byStatus: { pass: 1, fail: 1, review: 2, rejected: 1 } },
      ]);
    });

    it('marks a screening reviewed with who, when and a note, keeping the history', async () => {
      const bytes = fakeEssay('review');
      const id = await store.saveScreening({
        report: fakeReport(bytes),
        bytes,
        filename: 'r.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      const at = new Date('2026-03-01T10:00:00.000Z');
      const marked = await store.markReviewed(id, { reviewer: 'Panel member A', note: 'Read; fine.', at });
      expect(marked?.review).toEqual({ reviewer: 'Panel member A', note: 'Read; fine.', at: at.toISOString() });
      await store.markReviewed(id, { reviewer: 'Panel member B', note: 'Agree.' });
      const history = await store.reviewHistory(id);
      expect(history.map((h) => h.reviewer)).toEqual(['Panel member A', 'Panel member B']);
      expect((await store.getScreening(id))?.review?.reviewer).toBe('Panel member B');
      expect(await store.markReviewed('no-such-id', { reviewer: 'x' })).toBeUndefined();
      const reviewedOnly = await store.listScreenings({ reviewed: true });
      expect(reviewedOnly.items.map((s) => s.id)).toContain(id);
      expect((await store.listScreenings({ reviewed: false })).items.map((s) => s.id)).not.toContain(id);
    });

    it('deletes one screening with its file and reviews, and purges old ones', async () => {
      const bytes = fakeEssay('delete');
      const id = await store.saveScreening({
        report: fakeReport(bytes),
        bytes,
        filename: 'd.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      await store.markReviewed(id, { reviewer: 'x' });
      expect(await store.deleteScreening(id)).toBe(true);
      expect(await store.getScreening(id)).toBeUndefined();
      expect(await store.getFile(id)).toBeUndefined();
      expect(await store.reviewHistory(id)).toEqual([]);
      expect(await store.deleteScreening(id)).toBe(false);

      const oldBytes = fakeEssay('old');
      const old = await store.saveScreening({
        report: fakeReport(oldBytes),
        bytes: oldBytes,
        filename: 'old.docx',
        uploader: 'u',
        rulesHash: 'r1',
        createdAt: new Date('2020-01-01T00:00:00Z'),
      });
      const newBytes = fakeEssay('new');
      const fresh = await store.saveScreening({
        report: fakeReport(newBytes),
        bytes: newBytes,
        filename: 'new.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      expect(await store.purgeOlderThan(new Date('2021-01-01T00:00:00Z'))).toBe(1);
      expect(await store.getScreening(old)).toBeUndefined();
      expect(await store.getScreening(fresh)).toBeDefined();
    });

    it('gives the kept texts of a vacancy for the near-duplicate check', async () => {
      const vacancy = `TEXTS-${backend.name}`;
      for (const [i, text] of ['First essay text.', undefined, 'Third essay text.'].entries()) {
        const bytes = fakeEssay(`text-${i}`);
        await store.saveScreening({
          report: fakeReport(bytes, { vacancy }),
          bytes,
          filename: `t${i}.docx`,
          uploader: 'u',
          rulesHash: 'r1',
          text,
          createdAt: new Date(Date.UTC(2026, 1, 1 + i)),
        });
      }
      const texts = await store.textsForVacancy(vacancy);
      expect(texts.map((t) => [t.filename, t.text])).toEqual([
        ['t0.docx', 'First essay text.'],
        ['t2.docx', 'Third essay text.'],
      ]);
      const recent = await store.textsForVacancy(vacancy, { since: texts[1].createdAt });
      expect(recent.map((t) => t.filename)).toEqual(['t2.docx']);
    });

    it('answers the health ping, and keeps its data across a reopen (migrations are idempotent)', async () => {
      await store.ping();
      const bytes = fakeEssay('reopen');
      const id = await store.saveScreening({
        report: fakeReport(bytes),
        bytes,
        filename: 'k.docx',
        uploader: 'u',
        rulesHash: 'r1',
      });
      await store.close();
      store = await openStore(backend.url());
      expect((await store.getScreening(id))?.filename).toBe('k.docx');
    });
  });
}
