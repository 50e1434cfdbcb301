/**
 * The page-limit check and Word's evidence, on generated documents: over → error, at the limit
 * with doubt → warning, within → nothing; Word's saved count used only when it can be trusted.
 */
import { describe, expect, it } from 'vitest';
import pageLimit from '../../src/checks/pages/page-limit.js';
import { createContext, type Finding, type PageEngine, runCheck } from '../../src/checks/types.js';
import { estimatePages, pageVerdict } from '../../src/pages/estimate.js';
import { withoutWordEvidence, wordEvidence } from '../../src/pages/evidence.js';
import { PagesSchema } from '../../src/report/schema.js';
import type { Vacancy } from '../../src/rules/vacancy.js';
import { loadDoc } from '../helpers/docx.js';
import { A4_BODY_HEIGHT, buildDoc, LETTER, lines, p } from './docs.js';

const vacancy = (maxPages: number): Vacancy => ({
  reference: 'TEST-1',
  aliases: [],
  title: 'Test vacancy',
  essay: { maxPages, paper: 'A4', filenameWords: 'Key challenges' },
  challenges: [{ text: 'Contribute to something important for the organisation.', terms: [] }],
  languages: ['en', 'fr'],
});

async function screenPages(bytes: Uint8Array, maxPages: number, pageEngine: PageEngine = 'auto') {
  const doc = loadDoc(bytes);
  const ctx = createContext({
    doc,
    vacancy: vacancy(maxPages),
    file: { name: 'x.docx', sha256: '0'.repeat(64), size: bytes.length },
    options: { pageEngine },
    bytes,
  });
  const findings: Finding[] = await runCheck(pageLimit, ctx);
  const section = PagesSchema.parse(await pageLimit.section?.build(ctx));
  return { findings, section };
}

/** Calibri 11 pt single spacing: 51 lines fill an A4 page with 2.54 cm margins. */
const LINES_PER_PAGE = Math.floor(A4_BODY_HEIGHT / ((11 * 20 * 2500) / 2048));

/** app.xml as Word writes it (Word always writes AppVersion; pass '' to leave it out as some tools do). */
const app = (pages: number, words: number, application = 'Microsoft Office Word', version = '16.0000') =>
  `<Application>${application}</Application>${version ? `<AppVersion>${version}</AppVersion>` : ''}<Pages>${pages}</Pages><Words>${words}</Words>`;

describe('page-limit', () => {
  it('says nothing when the essay is well within the limit', async () => {
    const { findings, section } = await screenPages(buildDoc(lines(20)), 1);
    expect(findings).toEqual([]);
    expect(section).toMatchObject({ count: 1, limit: 1, verdict: 'within', source: 'layout' });
    expect(section.lastPageFill).toBeGreaterThan(0.3);
    expect(section.lastPageFill).toBeLessThan(0.5);
  });

  it('fails an essay that runs well onto a second page', async () => {
    const { findings, section } = await screenPages(buildDoc(lines(LINES_PER_PAGE + 30)), 1);
    expect(section).toMatchObject({ count: 2, verdict: 'over' });
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'page-limit',
      severity: 'error',
      category: 'compliance',
      actual: '2 pages',
    });
    expect(findings[0].message).toContain('limit is 1 page of A4');
  });

  it('calls it borderline when a line or two spills over and nothing settles it', async () => {
    // The layout engine alone: under `auto` an installed LibreOffice would be asked to settle it.
    const { findings, section } = await screenPages(buildDoc(lines(LINES_PER_PAGE + 1)), 1, 'layout');
    expect(section.verdict).toBe('borderline');
    expect(findings[0]).toMatchObject({ severity: 'warning' });
    expect(findings[0].message).toMatch(/1 or 2 pages/);
  });

  it("settles it with Word's own count when the file is Word's and unchanged", async () => {
    const words = LINES_PER_PAGE + 1; // "Line N": the number is a word too
    const bytes = buildDoc(lines(LINES_PER_PAGE + 1), { app: app(1, words * 2) });
    const { findings, section } = await screenPages(bytes, 1);
    expect(section).toMatchObject({ count: 1, verdict: 'within', source: 'word' });
    expect(section.estimates).toMatchObject({ word: 1, layout: 2 });
    // Within the limit, but the layout disagreed: an info finding says so.
    expect(findings).toHaveLength(1);
    expect(findings[0].severity).toBe('info');
  });

  // Without the file's bytes the estimate cannot ask LibreOffice (which, when installed, may settle
  // a borderline count under \`auto\`): these show what Word's evidence and the layout alone give.
  it("keeps Word's count but widens its range when a confident layout cannot reach it", async () => {
    // Word's saved figure says 1 page, yet the text fills 1.6 pages of Calibri: a stale figure.
    const n = Math.round(LINES_PER_PAGE * 1.6);
    const stale = await estimatePages(loadDoc(buildDoc(lines(n), { app: app(1, 2 * n) })), { engine: 'auto' });
    expect(stale).toMatchObject({ count: 1, source: 'word', range: [1, 2] });
    expect(pageVerdict(stale.range, 1)).toBe('borderline');
    expect(stale.notes.join(' ')).toMatch(/out of date/);
    // A line over is within the layout's measured error: Word's figure stands alone.
    const m = LINES_PER_PAGE + 1;
    const near = await estimatePages(loadDoc(buildDoc(lines(m), { app: app(1, 2 * m) })), { engine: 'auto' });
    expect(near).toMatchObject({ count: 1, range: [1, 1] });
  });

  it('doubts a count from a file without the AppVersion every Word release writes', async () => {
    const m = LINES_PER_PAGE + 1;
    const bytes = buildDoc(lines(m), { app: app(1, 2 * m, 'Microsoft word', '') });
    const estimate = await estimatePages(loadDoc(bytes), { engine: 'auto' });
    expect(estimate).toMatchObject({ count: 1, range: [1, 2] });
  });

  it('counts on the required paper when the essay is on Letter', async () => {
    // 49 lines: two Letter pages (48 fit), one A4 page (51 fit).
    const { section, findings } = await screenPages(buildDoc(lines(49), { page: LETTER }), 1);
    expect(section.count).toBe(2);
    expect(section.countOnRequiredPaper).toBe(1);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('the layout engine option ignores Word evidence', async () => {
    const bytes = buildDoc(lines(LINES_PER_PAGE + 30), { app: app(1, 2 * (LINES_PER_PAGE + 30)) });
    const { section } = await screenPages(bytes, 1, 'layout');
    expect(section).toMatchObject({ count: 2, source: 'layout' });
  });
});

describe("Word's evidence", () => {
  const markers = (n: number) =>
    lines(3) +
    Array.from(
      { length: n },
      (_, i) => `<w:p><w:r><w:lastRenderedPageBreak/><w:t>Page ${i + 2}</w:t></w:r></w:p>`,
    ).join('');

  it('is trusted when Word saved it, the words match and the markers agree', () => {
    const doc = loadDoc(buildDoc(markers(1), { app: app(2, 8) }));
    expect(wordEvidence(doc)).toMatchObject({
      appPages: 2,
      markerPages: 2,
      savedByWord: true,
      wordsMatch: true,
      trusted: true,
    });
  });

  it('is not trusted when another program saved it', () => {
    const doc = loadDoc(buildDoc(markers(1), { app: app(2, 8, 'LibreOffice/7.4') }));
    expect(wordEvidence(doc)).toMatchObject({ savedByWord: false, trusted: false });
  });

  it('is not trusted when the text changed after Word counted it', () => {
    const doc = loadDoc(buildDoc(markers(1), { app: app(2, 400) }));
    expect(wordEvidence(doc)).toMatchObject({ wordsMatch: false, trusted: false });
  });

  it('is not trusted when the page markers disagree with the count', () => {
    const doc = loadDoc(buildDoc(markers(2), { app: app(2, 10) }));
    expect(wordEvidence(doc)).toMatchObject({ markerPages: 3, markersAgree: false, trusted: false });
  });

  it('can be removed from a document', () => {
    const doc = withoutWordEvidence(loadDoc(buildDoc(markers(1), { app: app(2, 8) })));
    expect(wordEvidence(doc)).toMatchObject({ appPages: undefined, markerPages: undefined, trusted: false });
  });

  it('notes hard page breaks, which make markers unreliable', () => {
    const doc = loadDoc(buildDoc(p('One') + '<w:p><w:r><w:br w:type="page"/><w:t>Two</w:t></w:r></w:p>'));
    expect(wordEvidence(doc).markerCaveats).toContain('hard page breaks');
  });
});
