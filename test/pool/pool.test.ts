import { afterAll, describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/registry.js';
import { createScreenPool } from '../../src/pool/index.js';
import { type Report, ReportSchema } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';
import { buildEssay } from '../server/essays.js';

const vacancy = findVacancy('250875')!;
const fake = new URL('./fixtures/fake-screen.ts', import.meta.url);
const file = (filename: string) => ({ bytes: new TextEncoder().encode(filename), filename });

describe('screen pool failure handling', () => {
  const pool = createScreenPool({ size: 2, timeoutMs: 1500, maxMemoryMb: 48, screenModule: fake });
  afterAll(() => pool.close());

  it('answers ordinary files', async () => {
    const report = await pool.run(file('a.docx'), vacancy);
    expect(report.status).toBe('pass');
    expect(report.file).toBe('a.docx');
  });

  it('turns a hang into a TIMEOUT rejection and keeps serving', async () => {
    const [hung, next] = await Promise.all([pool.run(file('hang.docx'), vacancy), pool.run(file('b.docx'), vacancy)]);
    expect(hung.status).toBe('rejected');
    expect(hung.error?.code).toBe('TIMEOUT');
    expect(hung.error?.message).toMatch(/took longer than/);
    expect(ReportSchema.parse(hung).file).toBe('hang.docx');
    expect(next.status).toBe('pass');
    expect((await pool.run(file('c.docx'), vacancy)).status).toBe('pass');
  });

  it('turns heap exhaustion, a worker exit and a thrown error into rejections', async () => {
    const [oom, exit, thrown] = await Promise.all([
      pool.run(file('oom.docx'), vacancy),
      pool.run(file('exit.docx'), vacancy),
      pool.run(file('throw.docx'), vacancy),
    ]);
    expect(oom.error?.code).toBe('CORRUPT');
    expect(oom.error?.message).toMatch(/more memory/);
    expect(exit.error?.code).toBe('INTERNAL');
    expect(thrown.error?.code).toBe('INTERNAL');
    for (const r of [oom, exit, thrown]) expect(ReportSchema.safeParse(r).success).toBe(true);
    const after = await Promise.all(['d', 'e', 'f', 'g'].map((n) => pool.run(file(`${n}.docx`), vacancy)));
    expect(after.map((r) => r.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });

  it('never gives a new file to the worker it is stopping after a time-out', async () => {
    // The caller submits the next file as soon as the time-out answer arrives, while the stopped
    // worker is still shutting down.
    const single = createScreenPool({ size: 1, timeoutMs: 800, screenModule: fake });
    try {
      const next = await single.run(file('hang.docx'), vacancy).then(() => single.run(file('after.docx'), vacancy));
      expect(next.status).toBe('pass');
    } finally {
      await single.close();
    }
  });

  it('times a file from when a worker takes it, not from when it was queued', async () => {
    // Ten 300 ms files on two workers take ~1.5 s in all: more than the limit, but each is quick.
    const reports = await Promise.all(Array.from({ length: 10 }, (_, i) => pool.run(file(`slow${i}.docx`), vacancy)));
    expect(reports.every((r) => r.status === 'pass')).toBe(true);
  });
});

describe('screen pool lifecycle', () => {
  it('answers queued files as cancelled on close and refuses new ones without throwing', async () => {
    const pool = createScreenPool({ size: 1, screenModule: fake });
    const pending = [pool.run(file('slow1.docx'), vacancy), pool.run(file('slow2.docx'), vacancy)];
    await pool.close();
    const reports = await Promise.all(pending);
    expect(reports.map((r) => r.error?.code)).toEqual(['INTERNAL', 'INTERNAL']);
    expect((await pool.run(file('late.docx'), vacancy)).error?.code).toBe('INTERNAL');
  });

  it('answers with INTERNAL when the pipeline cannot load at all', async () => {
    const pool = createScreenPool({ size: 1, screenModule: new URL('./fixtures/missing.ts', import.meta.url) });
    const report = await pool.run(file('a.docx'), vacancy);
    expect(report.error?.code).toBe('INTERNAL');
    expect(report.error?.message).toMatch(/could not start/);
    await pool.close();
  });
});

describe('screen pool with the real pipeline and its default limits', () => {
  const pool = createScreenPool({ size: 1 });
  afterAll(() => pool.close());
  const withoutTiming = (report: Report) => ({ ...report, elapsedMs: undefined });

  it('screens a long honest essay as screen() does in-process (the worker limits reject no real document)', async () => {
    // ~40 pages of varied prose: many times what a one-page essay needs in memory and time.
    const words = 'alliance unity capability partners deterrence resilience budget dialogue council analysis'.split(
      ' ',
    );
    const paragraphs = Array.from({ length: 160 }, (_, p) =>
      Array.from({ length: 110 }, (_, w) => words[(p * 7 + w * 3 + ((p * w) % 5)) % words.length]).join(' '),
    );
    const bytes = await buildEssay({ title: '250875 Key challenges', paragraphs });
    const input = { bytes: new Uint8Array(bytes), filename: '250875 - Key challenges - Long.docx' };
    const [fromPool, inProcess] = await Promise.all([pool.run(input, vacancy), screen(input, vacancy)]);
    expect(fromPool.status).not.toBe('rejected');
    expect(fromPool.pages?.verdict).toBe('over');
    expect(withoutTiming(fromPool)).toEqual(withoutTiming(inProcess));
  });

  it("tells every check's description, so the main thread need not load the checks", async () => {
    const descriptions = await pool.checkDescriptions();
    const checks = await allChecks();
    expect(descriptions.size).toBe(checks.length);
    for (const check of checks) expect(descriptions.get(check.meta.id)).toBe(check.meta.description);
  });
});
