/**
 * The parser over the shared corpus (291 real .docx files from many writers): nothing throws, and
 * the figures the corpus manifest records agree with the model on nearly every file.
 *
 * The manifest's counts come from a plain scan of word/document.xml, which also counts what sits
 * in mc:Fallback (the VML copy of every DrawingML text box). The model counts a text box once, so
 * text-box files are compared with that in mind (see each check).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Block, DocModel } from '../../src/document/model.js';
import { parseDocument } from '../../src/document/parse.js';
import { intake } from '../../src/intake/index.js';

const corpusDir = fileURLToPath(new URL('../../../shared/corpus/docx-pages/', import.meta.url));

function parseCsv(text: string): Array<Record<string, string>> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  const [header, ...body] = rows;
  return body.filter((r) => r.length > 1).map((r) => Object.fromEntries(header.map((name, i) => [name, r[i] ?? ''])));
}

function countTables(blocks: Block[]): number {
  let n = 0;
  for (const block of blocks) {
    if (block.kind !== 'table') continue;
    n++;
    for (const row of block.rows) for (const cell of row.cells) n += countTables(cell.blocks);
  }
  return n;
}

interface Parsed {
  row: Record<string, string>;
  doc?: DocModel;
  error?: string;
  ms: number;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];

describe('shared corpus', () => {
  const manifest = parseCsv(readFileSync(`${corpusDir}manifest.csv`, 'utf8'));
  const parsed: Parsed[] = [];

  beforeAll(() => {
    for (const row of manifest) {
      const bytes = readFileSync(corpusDir + row.file);
      const result = intake(bytes, { filename: row.file });
      if (!result.ok) {
        parsed.push({ row, error: `intake ${result.code}: ${result.message}`, ms: 0 });
        continue;
      }
      const start = performance.now();
      try {
        const doc = parseDocument(result.entries);
        parsed.push({ row, doc, ms: performance.now() - start });
      } catch (error) {
        parsed.push({ row, error: String(error), ms: performance.now() - start });
      }
    }
    const times = parsed.map((p) => p.ms).sort((a, b) => a - b);
    console.log(
      `parseDocument over ${times.length} corpus files: median ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms, max ${times[times.length - 1].toFixed(1)} ms`,
    );
  });

  /** Share of files for which `agree` holds; prints the others. */
  function agreement(
    label: string,
    agree: (p: Parsed & { doc: DocModel }) => boolean | undefined,
    describeMismatch: (p: Parsed & { doc: DocModel }) => string,
  ) {
    let compared = 0;
    const mismatches: string[] = [];
    for (const p of parsed) {
      if (!p.doc) continue;
      const ok = agree(p as Parsed & { doc: DocModel });
      if (ok === undefined) continue;
      compared++;
      if (!ok) mismatches.push(`${p.row.file}: ${describeMismatch(p as Parsed & { doc: DocModel })}`);
    }
    if (mismatches.length > 0)
      console.log(`${label}: ${mismatches.length}/${compared} differ\n  ${mismatches.join('\n  ')}`);
    return { compared, rate: compared === 0 ? 0 : (compared - mismatches.length) / compared };
  }

  it('lists all 291 files and parses every one without throwing', () => {
    expect(readdirSync(corpusDir).filter((f) => f.endsWith('.docx'))).toHaveLength(291);
    expect(manifest).toHaveLength(291);
    const failures = parsed.filter((p) => p.error).map((p) => `${p.row.file}: ${p.error}`);
    expect(failures).toEqual([]);
  });

  it('finds the page size of the first section (Letter, flagged as assumed, when the file gives none)', () => {
    const { compared, rate } = agreement(
      'page size',
      ({ doc, row }) => {
        const first = doc.sections[0];
        if (row.pgW_twips === '')
          return first.pageSizeDefaulted && first.pageWidth === 12240 && first.pageHeight === 15840;
        return (
          !first.pageSizeDefaulted &&
          first.pageWidth === Number(row.pgW_twips) &&
          first.pageHeight === Number(row.pgH_twips)
        );
      },
      ({ doc, row }) =>
        `${doc.sections[0].pageWidth}x${doc.sections[0].pageHeight} vs ${row.pgW_twips}x${row.pgH_twips}`,
    );
    expect(compared).toBe(291);
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });

  it('finds the sections (one implied section when the body has no sectPr)', () => {
    const { rate } = agreement(
      'sections',
      ({ doc, row }) => doc.sections.length === Math.max(1, Number(row.n_sections)),
      ({ doc, row }) => `${doc.sections.length} vs ${row.n_sections}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.99);
  });

  it('finds the tables, counting those in text boxes once', () => {
    const { rate } = agreement(
      'tables',
      ({ doc, row }) => {
        const inBoxes = doc.textBoxes
          .filter((b) => doc.bodyParagraphs.some((p) => p.index === b.anchorParagraph))
          .reduce((n, b) => n + countTables(b.blocks ?? []), 0);
        const ours = countTables(doc.blocks) + inBoxes;
        // The manifest counts a table inside a text box twice (DrawingML and its VML fallback).
        return ours === Number(row.n_tables) || ours + inBoxes === Number(row.n_tables);
      },
      ({ doc, row }) => `${countTables(doc.blocks)} (+ text boxes) vs ${row.n_tables}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });

  it('counts the rendered page breaks of the body', () => {
    const { rate } = agreement(
      'lastRenderedPageBreak',
      ({ doc, row }) =>
        doc.bodyParagraphs.reduce((n, p) => n + p.lastRenderedPageBreaks, 0) === Number(row.n_lastRenderedPageBreak),
      ({ doc, row }) =>
        `${doc.bodyParagraphs.reduce((n, p) => n + p.lastRenderedPageBreaks, 0)} vs ${row.n_lastRenderedPageBreak}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.98);
  });

  it('counts roughly the same words as the manifest in files without text boxes', () => {
    const { compared, rate } = agreement(
      'words',
      ({ doc, row }) => {
        if (Number(row.n_textboxes) > 0) return undefined; // the manifest counts box text twice
        const expected = Number(row.word_count);
        return Math.abs(doc.wordCount - expected) <= Math.max(3, expected * 0.05);
      },
      ({ doc, row }) => `${doc.wordCount} vs ${row.word_count}`,
    );
    expect(compared).toBeGreaterThan(250);
    expect(rate).toBeGreaterThanOrEqual(0.97);
  });

  it('counts body paragraphs like the manifest in files without text boxes', () => {
    const { rate } = agreement(
      'paragraphs',
      ({ doc, row }) =>
        Number(row.n_textboxes) > 0 ? undefined : doc.bodyParagraphs.length === Number(row.n_paragraphs),
      ({ doc, row }) => `${doc.bodyParagraphs.length} vs ${row.n_paragraphs}`,
    );
    expect(rate).toBeGreaterThanOrEqual(0.97);
  });
});
