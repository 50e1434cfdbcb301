/**
 * End to end over the committed samples (scripts/make-samples.ts): every report validates against
 * the committed JSON Schema, and each sample shows what it was made to show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../src/report/schema.js';
import { findVacancy } from '../src/rules/vacancy.js';
import { screen } from '../src/screen.js';

const SAMPLES = join(process.cwd(), 'samples');
const reports = new Map<string, Report>();

beforeAll(async () => {
  for (const name of readdirSync(SAMPLES).filter((n) => n.endsWith('.docx'))) {
    const vacancy = findVacancy(name.startsWith('ASG') ? 'ASG-PASP' : '250875')!;
    reports.set(name, await screen({ bytes: readFileSync(join(SAMPLES, name)), filename: name }, vacancy));
  }
});

const report = (name: string): Report => {
  const found = reports.get(name);
  if (!found) throw new Error(`sample ${name} is missing: run npm run samples`);
  return found;
};
const rules = (name: string): string[] => report(name).findings.map((f) => f.rule);

describe('sample essays', () => {
  it('every report validates against schema/report.schema.json', () => {
    const schema = JSON.parse(readFileSync(join(process.cwd(), 'schema/report.schema.json'), 'utf8'));
    const Ajv = (Ajv2020 as unknown as { default?: typeof Ajv2020 }).default ?? Ajv2020;
    const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
    expect(reports.size).toBeGreaterThanOrEqual(10);
    for (const [name, r] of reports) {
      const ok = validate(r);
      expect(ok, `${name}: ${JSON.stringify(validate.errors)}`).toBe(true);
    }
  });

  it('an ordinary one-page essay on A4 passes the formal checks and is read as English', () => {
    const r = report('250875 - Key challenges - A Martin.docx');
    expect(r.paper).toMatchObject({ name: 'A4', orientation: 'portrait', widthMm: 210, heightMm: 297 });
    expect(r.filename?.verdict).toBe('pass');
    expect(r.language).toBe('en');
    expect(r.words).toBeGreaterThan(350);
    expect(r.findings.filter((f) => f.category === 'compliance' || f.category === 'formatting')).toEqual([]);
  });

  it('the French essay is read as French', () => {
    expect(report('250875_Key_challenges_C_Dupont.docx').language).toBe('fr');
  });

  it('Letter paper fails the paper-size rule', () => {
    const r = report('250875 - Key challenges - Letter paper.docx');
    expect(r.paper?.name).toBe('Letter');
    expect(r.status).toBe('fail');
    expect(r.findings.find((f) => f.rule === 'paper-size')).toMatchObject({ severity: 'error', actual: expect.stringContaining('Letter') });
  });

  it('A4 landscape is flagged for review but not failed as wrong paper', () => {
    const r = report('250875 - Key challenges - landscape.docx');
    expect(r.paper).toMatchObject({ name: 'A4', orientation: 'landscape' });
    expect(r.findings.find((f) => f.rule === 'paper-size')?.severity).toBe('warning');
  });

  it('a name without the vacancy reference fails the filename rule', () => {
    const r = report('Key challenges essay.docx');
    expect(r.filename?.verdict).toBe('fail');
    expect(r.filename?.message).toMatch(/250875/);
    expect(r.status).toBe('fail');
  });

  it('"KeyChallenges" is a warning on the name', () => {
    expect(report('250875-KeyChallenges-squeezed.docx').filename?.verdict).toBe('warn');
  });

  it('reports carry the file hash and size', () => {
    for (const r of reports.values()) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.bytes).toBeGreaterThan(1000);
    }
  });
});
