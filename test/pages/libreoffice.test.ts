/**
 * The optional LibreOffice engine. Tests that need soffice skip when it is not installed (CI does
 * not install it); the PDF page counting runs everywhere.
 */
import { describe, expect, it } from 'vitest';
import { estimatePages } from '../../src/pages/estimate.js';
import { countPdfPages, findSoffice, libreOfficePageCounts } from '../../src/pages/libreoffice.js';
import { loadDoc } from '../helpers/docx.js';
import { A4_BODY_HEIGHT, buildDoc, lines } from './docs.js';

const LINES_PER_PAGE = Math.floor(A4_BODY_HEIGHT / ((11 * 20 * 2500) / 2048));

/** A minimal PDF with `n` page objects in a page tree. */
function pdfWithPages(n: number): Uint8Array {
  const kids = Array.from({ length: n }, (_, i) => `${i + 3} 0 R`).join(' ');
  const pages = Array.from(
    { length: n },
    (_, i) => `${i + 3} 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n`,
  ).join('');
  return Buffer.from(
    `%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [${kids}] /Count ${n} >>\nendobj\n${pages}trailer\n<< /Root 1 0 R >>\n%%EOF\n`,
    'latin1',
  );
}

describe('PDF page count', () => {
  it('counts page objects, not the page tree', async () => {
    expect(await countPdfPages(pdfWithPages(1))).toBe(1);
    expect(await countPdfPages(pdfWithPages(3))).toBe(3);
  });
  it('refuses a file with no pages', async () => {
    await expect(countPdfPages(Buffer.from('%PDF-1.4\n%%EOF\n'))).rejects.toThrow(/no page objects/);
  });
});

const soffice = findSoffice();

describe.skipIf(!soffice)('LibreOffice engine (soffice installed)', () => {
  it('converts a batch and counts each file', async () => {
    const results = await libreOfficePageCounts([
      { name: 'one.docx', bytes: buildDoc(lines(10)) },
      { name: 'two.docx', bytes: buildDoc(lines(LINES_PER_PAGE + 20)) },
    ]);
    expect(results.map((r) => r.pages)).toEqual([1, 2]);
  }, 120_000);

  it('auto asks LibreOffice only about borderline files', async () => {
    const clear = buildDoc(lines(10));
    const near = buildDoc(lines(LINES_PER_PAGE + 1));
    const a = await estimatePages(loadDoc(clear), { engine: 'auto', bytes: clear, limit: 1, requiredPaper: 'A4' });
    expect(a.estimates.libreoffice).toBeUndefined();
    const b = await estimatePages(loadDoc(near), { engine: 'auto', bytes: near, limit: 1, requiredPaper: 'A4' });
    expect(b.estimates.libreoffice).toBe(2);
    expect(b.range).toEqual([2, 2]);
  }, 120_000);
});
