/**
 * The bench's baseline, run in the same worker pool as the real screening: mammoth's raw text
 * extraction alone, returned as a minimal report so that the pool's own costs (threads, copying
 * the bytes, messages) are in both measurements and the ratio isolates the screening itself.
 */
import { createHash } from 'node:crypto';
import mammoth from 'mammoth';
import type { Report } from '../../src/report/schema.js';
import type { Vacancy } from '../../src/rules/vacancy.js';

export async function screen(input: { bytes: Uint8Array; filename: string }, vacancy: Vacancy): Promise<Report> {
  const started = performance.now();
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(input.bytes) });
  return {
    schemaVersion: 1,
    file: input.filename,
    sha256: createHash('sha256').update(input.bytes).digest('hex'),
    vacancy: vacancy.reference,
    status: 'pass',
    words: value.split(/\s+/).filter(Boolean).length,
    findings: [],
    elapsedMs: performance.now() - started,
  };
}
