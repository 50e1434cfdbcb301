/**
 * The docx-pages corpus (../shared/corpus/docx-pages): manifest rows and parsed documents, for the
 * benchmark, the calibration script and the corpus test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DocModel } from '../../src/document/model.js';
import { parseDocument } from '../../src/document/parse.js';
import { intake } from '../../src/intake/index.js';

export const CORPUS_DIR = resolve(process.cwd(), '..', 'shared', 'corpus', 'docx-pages');

export interface CorpusRow {
  file: string;
  gtPages: number;
  gtSource: 'word-app.xml' | string;
  lo252Pages?: number;
  lo74Pages?: number;
  application: string;
  raw: Record<string, string>;
}

/** RFC 4180 CSV (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

export function corpusAvailable(dir = CORPUS_DIR): boolean {
  return existsSync(join(dir, 'manifest.csv'));
}

export function readManifest(dir = CORPUS_DIR): CorpusRow[] {
  const [head, ...rows] = parseCsv(readFileSync(join(dir, 'manifest.csv'), 'utf8'));
  return rows
    .filter((r) => r.length === head.length)
    .map((cells) => {
      const raw: Record<string, string> = {};
      head.forEach((h, i) => {
        raw[h] = cells[i];
      });
      const num = (v: string) => (v === '' ? undefined : Number(v));
      return {
        file: raw.file,
        gtPages: Number(raw.gt_pages),
        gtSource: raw.gt_source,
        lo252Pages: num(raw.lo252_pages),
        lo74Pages: num(raw.lo74_pages),
        application: raw.application,
        raw,
      };
    });
}

export function loadCorpusDoc(row: CorpusRow, dir = CORPUS_DIR): { doc: DocModel; bytes: Uint8Array } {
  const bytes = readFileSync(join(dir, row.file));
  const accepted = intake(bytes);
  if (!accepted.ok) throw new Error(`${row.file}: rejected by intake (${accepted.code})`);
  return { doc: parseDocument(accepted.entries), bytes };
}
