/**
 * End to end over the committed samples (scripts/make-samples.ts): every report validates against
 * the committed JSON Schema, and each sample shows what it was made to show.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
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
    const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);
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
    expect(r.findings.find((f) => f.rule === 'paper-size')).toMatchObject({
      severity: 'error',
      actual: expect.stringContaining('Letter'),
    });
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

  it('the ordinary essays pass outright', () => {
    expect(report('250875 - Key challenges - A Martin.docx').status).toBe('pass');
    expect(report('ASG-PASP - Key challenges - R Kowalski.docx').status).toBe('pass');
  });

  it('two pages against a one-page limit fail the page limit', () => {
    const r = report('250875 - Key challenges - too long.docx');
    expect(r.pages).toMatchObject({ count: 2, limit: 1, verdict: 'over' });
    expect(r.status).toBe('fail');
    expect(rules('250875 - Key challenges - too long.docx')).toContain('page-limit');
  });

  it('the two-page ASG essay is within its two-page limit', () => {
    expect(report('ASG-PASP - Key challenges - R Kowalski.docx').pages).toMatchObject({ limit: 2, verdict: 'within' });
  });

  it('an off-topic essay misses every challenge', () => {
    const r = report('250875 - Key challenges - off topic.docx');
    expect(r.challenges?.map((c) => c.verdict)).toEqual(['missing', 'missing', 'missing']);
    expect(r.status).toBe('review');
  });

  it('covered challenges come with the passages that cover them', () => {
    const r = report('250875 - Key challenges - A Martin.docx');
    expect(r.challenges?.map((c) => c.verdict)).toEqual(['covered', 'covered', 'covered']);
    for (const c of r.challenges ?? []) expect(c.evidence.length).toBeGreaterThan(0);
  });

  it('white instructions to an AI screener and hidden keywords are caught, and the keywords do not count', () => {
    const name = '250875 - Key challenges - hidden instructions.docx';
    expect(rules(name)).toEqual(expect.arrayContaining(['prompt-injection', 'white-text', 'hidden-text']));
    expect(report(name).findings.find((f) => f.rule === 'prompt-injection')?.severity).toBe('error');
    expect(report(name).status).toBe('review');
  });

  it('squeezing the essay with a tiny font, narrow margins and tight lines is reported', () => {
    expect(rules('250875-KeyChallenges-squeezed.docx')).toEqual(
      expect.arrayContaining(['tiny-font', 'narrow-margins', 'condensed-spacing']),
    );
  });

  it('a pasted chatbot answer is sent to a person with the residue quoted, never rejected', () => {
    const r = report('250875 - Key challenges - chatbot paste.docx');
    expect(['medium', 'high']).toContain(r.ai?.level);
    expect(r.status).toBe('review');
    const residue = r.findings.find((f) => f.rule === 'chatbot-residue');
    expect(residue?.severity).not.toBe('error');
    expect(residue?.evidence[0].text).toMatch(/Certainly! Here is/);
  });

  it('honest essays raise no AI signal above low', () => {
    for (const name of [
      '250875 - Key challenges - A Martin.docx',
      '250875_Key_challenges_C_Dupont.docx',
      'ASG-PASP - Key challenges - R Kowalski.docx',
    ]) {
      expect(['none', 'low'], name).toContain(report(name).ai?.level);
    }
  });

  it('reports carry the file hash and size', () => {
    for (const r of reports.values()) {
      expect(r.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(r.bytes).toBeGreaterThan(1000);
    }
  });
});
