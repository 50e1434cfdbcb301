import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createScreenPool } from '../../src/pool/index.js';
import { ReportSchema } from '../../src/report/schema.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { runScan, type ScanOptions } from '../../src/scan/command.js';
import { findDocuments } from '../../src/scan/walk.js';
import { paragraphsOf, readCorpus } from '../duplicates/generate.js';
import { essayDocx } from './essays.js';

const vacancy = findVacancy('250875')!;
const essays = readCorpus('nato-llm').filter((t) => t.vacancy === 'A' && t.language === 'en');

/** Captures what a scan writes to stdout and stderr. */
function sinks() {
  const stdout = new PassThrough();
  const stderr = new PassThrough() as unknown as NodeJS.WriteStream & PassThrough;
  let out = '';
  let err = '';
  stdout.on('data', (chunk) => {
    out += chunk;
  });
  (stderr as PassThrough).on('data', (chunk) => {
    err += chunk;
  });
  return { stdout, stderr, out: () => out, err: () => err };
}

// One pool for every scan here: starting workers from TypeScript sources takes seconds.
const pool = createScreenPool({ size: 2 });
afterAll(() => pool.close());

async function scan(options: Partial<ScanOptions> & { dir: string }) {
  const io = sinks();
  const result = await runScan({ vacancy, pool, cache: false, stdout: io.stdout, stderr: io.stderr, ...options });
  return { ...result, stdout: io.out(), stderr: io.err() };
}

let root: string;
let dir: string;
const name = (who: string) => `250875 - Key challenges - ${who}.docx`;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'scan-test-'));
  dir = join(root, 'essays');
  await mkdir(join(dir, 'batch 2'), { recursive: true });
  await writeFile(join(dir, name('Ana')), await essayDocx({ paragraphs: paragraphsOf(essays[0].text) }));
  await writeFile(join(dir, name('Ben')), await essayDocx({ paragraphs: paragraphsOf(essays[2].text) }));
  // Ana's essay again under another name, in a subfolder: a near-duplicate.
  await writeFile(
    join(dir, 'batch 2', name('Cy')),
    await essayDocx({ title: 'Key challenges', paragraphs: paragraphsOf(essays[0].text) }),
  );
  // A hostile file name: a formula for Excel and markup for the HTML report.
  await writeFile(
    join(dir, '=HYPERLINK("x")<script>.docx'),
    await essayDocx({ paragraphs: paragraphsOf(essays[3].text) }),
  );
  await writeFile(join(dir, 'old essay.doc'), Buffer.from('d0cf11e0a1b11ae1', 'hex'));
  await writeFile(join(dir, 'essay.pdf'), '%PDF-1.7\n%âãÏÓ\n1 0 obj\n<<>>\nendobj\n');
  await writeFile(join(dir, '~$ Key challenges.docx'), 'lock file');
  await writeFile(join(dir, 'notes.txt'), 'not a submission');
  await writeFile(join(root, 'outside.docx'), await essayDocx({ paragraphs: ['Outside the folder.'] }));
  await symlink(join(root, 'outside.docx'), join(dir, 'link-out.docx'));
  await symlink(join(dir, 'batch 2'), join(dir, 'loop'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('findDocuments', () => {
  it('lists documents recursively, once each, without following links out of the folder', async () => {
    const found = await findDocuments(dir);
    expect(found.files.map((f) => f.relativePath)).toEqual([
      '250875 - Key challenges - Ana.docx',
      '250875 - Key challenges - Ben.docx',
      '=HYPERLINK("x")<script>.docx',
      'batch 2/250875 - Key challenges - Cy.docx',
      'essay.pdf',
      'old essay.doc',
    ]);
    expect(found.linksSkipped).toBe(1);
  });
});

describe('runScan', () => {
  it('writes one JSON report per file on stdout, rejects non-docx documents and flags the copy', async () => {
    const result = await scan({ dir });
    const reports = result.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(reports).toHaveLength(6);
    for (const r of reports) ReportSchema.parse(r);
    const byPath = Object.fromEntries(reports.map((r) => [r.path, r]));
    expect(byPath['old essay.doc'].status).toBe('rejected');
    expect(byPath['essay.pdf'].error.code).toBe('NOT_DOCX');
    const copy = byPath['batch 2/250875 - Key challenges - Cy.docx'];
    const duplicate = copy.findings.find((f: { rule: string }) => f.rule === 'near-duplicate');
    expect(duplicate.message).toContain('250875 - Key challenges - Ana.docx');
    expect(copy.status).not.toBe('pass');
    const ben = byPath['250875 - Key challenges - Ben.docx'];
    expect(ben.findings.some((f: { rule: string }) => f.rule === 'near-duplicate')).toBe(false);
    expect(result.exitCode).toBe(1);
    expect(result.counts.total).toBe(6);
    expect(result.counts.rejected).toBe(2);
    expect(result.stderr).toMatch(/^Scanned 6 files in .*rejected.*1 links out of the folder skipped/m);
  });

  it('writes CSV that Excel opens safely, and self-contained HTML with every text escaped', async () => {
    const csvPath = join(root, 'out.csv');
    const htmlPath = join(root, 'out.html');
    const cache = join(root, 'cache.sqlite');
    const first = await scan({ dir, out: csvPath, cache });
    expect(first.counts.cached).toBe(0);
    const csv = await readFile(csvPath, 'utf8');
    expect(csv.startsWith('\uFEFFfile,status,')).toBe(true);
    const lines = csv.split('\r\n').filter(Boolean);
    expect(lines).toHaveLength(7);
    const hostile = lines.find((l) => l.includes('HYPERLINK'))!;
    expect(hostile.startsWith(`"'=HYPERLINK(""x"")<script>.docx"`)).toBe(true);
    expect(lines.find((l) => l.startsWith('old essay.doc'))).toMatch(/,rejected,/);

    // Second run over the same files: everything comes from the cache.
    const second = await scan({ dir, out: htmlPath, cache });
    expect(second.counts.cached).toBe(6);
    expect(second.counts).toMatchObject({ pass: first.counts.pass, review: first.counts.review, nearDuplicates: 2 });
    const html = await readFile(htmlPath, 'utf8');
    expect(html).not.toContain('<script>.docx');
    expect(html).toContain('=HYPERLINK(&quot;x&quot;)&lt;script&gt;.docx');
    expect(html.match(/<section class="file"/g)).toHaveLength(6);
    expect(html).toContain('near-duplicate');
    expect(html).not.toMatch(/<(link|img|iframe)[^>]+(src|href)="http/); // nothing loaded from elsewhere

    const forced = await scan({ dir, out: join(root, 'out.json'), cache, force: true });
    expect(forced.counts.cached).toBe(0);
    const json = JSON.parse(await readFile(join(root, 'out.json'), 'utf8'));
    expect(json).toHaveLength(6);
  });

  it('saves to the store with --db and reuses it as the cache', async () => {
    const db = join(root, 'store.sqlite');
    const first = await scan({ dir, db });
    const again = await scan({ dir, db });
    expect(first.counts.cached).toBe(0);
    expect(again.counts.cached).toBe(6);
    expect(again.counts.nearDuplicates).toBe(2);
    const { openStore } = await import('../../src/store/index.js');
    const store = await openStore(db);
    try {
      const list = await store.listScreenings({ vacancy: '250875', pageSize: 50 });
      expect(list.total).toBe(6);
      const texts = await store.textsForVacancy('250875');
      expect(texts.length).toBe(4);
    } finally {
      await store.close();
    }
    // Cy's stored copy of its own bytes is not a "duplicate" of itself, but Ana's essay still is; the
    // stored text lost the paragraph numbers, so the file is read again for exact evidence.
    const reports = again.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const ben = reports.find((r) => r.path.endsWith('Ben.docx'));
    expect(ben.findings.some((f: { rule: string }) => f.rule === 'near-duplicate')).toBe(false);
    const cy = reports.find((r) => r.path.endsWith('Cy.docx'));
    expect(
      cy.findings.find((f: { rule: string }) => f.rule === 'near-duplicate').evidence[0].paragraph,
    ).toBeGreaterThan(0);
  });

  it('answers usage errors with exit status 2 and one line', async () => {
    const missing = await scan({ dir: join(root, 'nope') });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const badOut = await scan({ dir, out: join(root, 'out.xlsx') });
    expect(badOut.exitCode).toBe(2);
    expect(badOut.stderr).toMatch(/\.csv, \.jsonl, \.json or \.html/);
  });

  it('exits 0 on a folder without documents, saying so', async () => {
    const clean = join(root, 'clean');
    await mkdir(clean);
    const empty = await scan({ dir: clean });
    expect(empty.exitCode).toBe(0);
    expect(empty.stderr).toMatch(/no documents found/);
  });
});
