import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';

const SAMPLES = join(process.cwd(), 'samples');
const good = join(SAMPLES, '250875 - Key challenges - A Martin.docx');
const letter = join(SAMPLES, '250875 - Key challenges - Letter paper.docx');

async function run(args: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const sink = new Writable({
    write(chunk, _enc, done) {
      out += chunk.toString();
      done();
    },
  });
  const code = await main(args, sink);
  return { code, out };
}

describe('essay-screen check', () => {
  it('prints one JSON report per file, in input order, with --json', async () => {
    const { code, out } = await run(['check', good, letter, '--vacancy', '250875', '--json']);
    const lines = out.trim().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => JSON.parse(l));
    expect(first.file).toBe('250875 - Key challenges - A Martin.docx');
    expect(second.file).toBe('250875 - Key challenges - Letter paper.docx');
    expect(second.status).toBe('fail');
    expect(code).toBe(1);
  });

  it('accepts an alias and prints a readable summary without --json', async () => {
    const { out } = await run(['check', letter, '--vacancy', 'pasp0109']);
    expect(out).toContain('250875 - Key challenges - Letter paper.docx  FAIL');
    expect(out).toMatch(/paper-size/);
  });

  it('screens against a rule file given with --rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const rules = join(dir, 'log.yaml');
    writeFileSync(
      rules,
      'reference: LOG-9\ntitle: Logistics\nessay: { maxPages: 1 }\nchallenges:\n  - text: Keep the supply chain running through a crisis.\n',
    );
    const { out } = await run(['check', good, '--rules', rules, '--json']);
    const report = JSON.parse(out);
    expect(report.vacancy).toBe('LOG-9');
    expect(report.filename.verdict).toBe('fail');
  });

  it('a file that is not a Word document gets a rejected report and exit 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cli-'));
    const pdf = join(dir, '250875 Key challenges.docx');
    writeFileSync(pdf, '%PDF-1.7\n1 0 obj << >> endobj\n');
    const { code, out } = await run(['check', pdf, '--vacancy', '250875', '--json']);
    const report = JSON.parse(out);
    expect(report.status).toBe('rejected');
    expect(report.error.code).toBe('NOT_DOCX');
    expect(code).toBe(1);
  });

  const usage: Array<[string, string[]]> = [
    ['unknown vacancy', ['check', good, '--vacancy', 'NOPE']],
    ['no vacancy', ['check', good]],
    ['both vacancy and rules', ['check', good, '--vacancy', '250875', '--rules', 'x.yaml']],
    ['invalid rule file', ['check', good, '--rules', join(SAMPLES, 'README.md')]],
    ['missing input file', ['check', join(SAMPLES, 'nope.docx'), '--vacancy', '250875']],
    ['unknown page engine', ['check', good, '--vacancy', '250875', '--page-engine', 'magic']],
    ['unknown command', ['frobnicate']],
  ];
  it.each(usage)('%s exits 2', async (_name, args) => {
    expect((await run(args)).code).toBe(2);
  });

  it('the installed bin runs from the compiled build', { timeout: 180_000 }, () => {
    // `npm ci` runs the "prepare" script, which builds dist/; the bin imports dist/cli/main.js.
    if (!existsSync(join(process.cwd(), 'dist', 'cli', 'main.js'))) {
      spawnSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'ignore' });
    }
    const result = spawnSync('node', ['bin/essay-screen.js', 'check', good, '--vacancy', '250875', '--json'], {
      encoding: 'utf8',
    });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).file).toBe('250875 - Key challenges - A Martin.docx');
    const bad = spawnSync('node', ['bin/essay-screen.js', 'check', good, '--vacancy', 'NOPE'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('essay-screen scan', () => {
  it('screens a folder and writes JSON Lines to the given output, one report per document', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'scan-'));
    const { copyFileSync } = await import('node:fs');
    copyFileSync(good, join(dir, 'a.docx'));
    copyFileSync(letter, join(dir, 'b.docx'));
    writeFileSync(join(dir, 'c.pdf'), '%PDF-1.4\n');
    const { code, out } = await run(['scan', dir, '--vacancy', '250875', '--jobs', '1', '--force']);
    const reports = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(reports.map((r) => r.file).sort()).toEqual(['a.docx', 'b.docx', 'c.pdf']);
    expect(reports.find((r) => r.file === 'c.pdf').error.code).toBe('NOT_DOCX');
    expect(code).toBe(1);
  }, 120_000);
});
