/** Hand-built reports for store tests (the store never reads a .docx, so these need no parser). */
import { createHash } from 'node:crypto';
import type { Report } from '../../src/report/schema.js';
import { ReportSchema } from '../../src/report/schema.js';

export function fakeEssay(seed: string): Uint8Array {
  return new TextEncoder().encode(`PK fake essay bytes ${seed}`);
}

export function fakeReport(bytes: Uint8Array, overrides: Partial<Report> = {}): Report {
  const report: Report = {
    schemaVersion: 1,
    file: '250875 - Key challenges - J Doe.docx',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    vacancy: '250875',
    status: 'pass',
    language: 'en',
    words: 480,
    pages: { count: 1, limit: 1, verdict: 'within' },
    filename: { verdict: 'pass', message: 'The file name has the reference and the words "Key challenges".' },
    challenges: [
      { id: 1, text: 'Allied unity', verdict: 'covered', score: 0.8, evidence: [{ paragraph: 2, text: 'unity' }] },
    ],
    ai: { level: 'none', score: 0.05, signals: [] },
    findings: [],
    ...overrides,
  };
  return ReportSchema.parse(report) as Report;
}
