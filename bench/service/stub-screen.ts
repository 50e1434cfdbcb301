/**
 * A stand-in for screen() (src/screen.ts) that reads nothing: the benchmark's --stub-screen mode uses
 * it to measure what the service itself costs per upload, apart from the screening.
 */
import { createHash } from 'node:crypto';
import type { Report } from '../../src/report/schema.js';
import type { Vacancy } from '../../src/rules/vacancy.js';

export async function screen(input: { bytes: Uint8Array; filename: string }, vacancy: Vacancy): Promise<Report> {
  return {
    schemaVersion: 1,
    file: input.filename,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    vacancy: vacancy.reference,
    status: 'pass',
    pages: { count: 1, limit: vacancy.essay.maxPages, verdict: 'within' },
    findings: [],
  };
}
