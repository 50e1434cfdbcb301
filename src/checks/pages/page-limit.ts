/**
 * page-limit: the essay must fit the vacancy's page limit (pages of the required paper, A4 unless
 * the vacancy says otherwise), counted as Word lays it out. Builds the report's `pages` section.
 *
 * over → error; borderline (the count cannot be settled either way) → warning; within → nothing.
 * When Word's own evidence and the layout disagree, an info finding says so.
 */
import { estimatePages, type PageEstimate, pageVerdict } from '../../pages/estimate.js';
import type { PagesReport } from '../../report/schema.js';
import { type CheckContext, defineCheck } from '../types.js';

/** The one page analysis per screening, shared by the check and the report section. */
export function pagesOf(ctx: CheckContext): Promise<PageEstimate> {
  return ctx.memo('pages', () =>
    estimatePages(ctx.doc, {
      engine: ctx.options.pageEngine,
      bytes: ctx.bytes,
      requiredPaper: ctx.vacancy.essay.paper,
      limit: ctx.vacancy.essay.maxPages,
    }),
  );
}

const SOURCE_NAMES: Record<string, string> = {
  word: "Word's saved count",
  markers: "Word's page markers",
  layout: 'layout estimate',
  libreoffice: 'LibreOffice',
};

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function decisive(estimate: PageEstimate): { count: number; range: [number, number]; onRequired: boolean } {
  const onRequired = estimate.countOnRequiredPaper !== undefined;
  return {
    count: estimate.countOnRequiredPaper ?? estimate.count,
    range: estimate.requiredRange,
    onRequired,
  };
}

function sourceText(source: string): string {
  if (source.startsWith('word')) return "Word's own page count saved in the file";
  if (source.startsWith('libreoffice')) return 'a LibreOffice rendering of the file';
  if (source.startsWith('markers')) return "Word's page markers in the file";
  return 'our layout of the file as Word sets it';
}

export default defineCheck({
  meta: {
    id: 'page-limit',
    category: 'compliance',
    severity: 'error',
    description: "The essay must fit the vacancy's page limit, counted as Word lays it out.",
  },
  async run(ctx, report) {
    const estimate = await pagesOf(ctx);
    const limit = ctx.vacancy.essay.maxPages;
    const paper = ctx.vacancy.essay.paper;
    const { count, range, onRequired } = decisive(estimate);
    const verdict = pageVerdict(range, limit);
    const on = onRequired ? ` when printed on ${paper}` : '';
    const expected = `≤ ${plural(limit, 'page')} of ${paper}`;
    const note = [
      `Counted from ${sourceText(estimate.source)}.`,
      onRequired ? `On its own paper the document takes ${plural(estimate.count, 'page')}.` : '',
      ...estimate.notes,
    ]
      .filter(Boolean)
      .join(' ');
    if (verdict === 'over') {
      report({
        message: `The essay runs to ${plural(count, 'page')}${on}; the limit is ${plural(limit, 'page')} of ${paper}.`,
        actual: plural(count, 'page'),
        expected,
        note,
      });
    } else if (verdict === 'borderline') {
      const [low, high] = range;
      report({
        severity: 'warning',
        message: `The essay is right at the page limit${on}: Word may set it on ${low === high - 1 ? `${low} or ${high}` : `${low} to ${high}`} pages (limit ${plural(limit, 'page')}). Please open it in Word to check.`,
        actual: low === high ? plural(low, 'page') : `${low}–${high} pages`,
        expected,
        note,
      });
    } else {
      // Within the limit, but the sources disagree: say so, for the record.
      const own = Object.entries(estimate.estimates).filter(([name]) => !name.startsWith('layoutOn'));
      if (own.some(([, n]) => n !== estimate.count)) {
        const all = own.map(([name, n]) => `${SOURCE_NAMES[name] ?? name} ${n}`);
        report({
          severity: 'info',
          message: `The page counts disagree (${all.join(', ')}${onRequired ? `; on ${paper}: ${count}` : ''}), but the essay is within the limit of ${plural(limit, 'page')}.`,
          note,
        });
      }
    }
  },
  section: {
    key: 'pages',
    async build(ctx): Promise<PagesReport> {
      const estimate = await pagesOf(ctx);
      const limit = ctx.vacancy.essay.maxPages;
      const { range } = decisive(estimate);
      const pages: PagesReport = {
        count: estimate.count,
        limit,
        verdict: pageVerdict(range, limit),
        source: estimate.source,
        lastPageFill: Math.round(estimate.lastPageFill * 100) / 100,
        confidence: estimate.confidence,
        estimates: estimate.estimates,
      };
      if (estimate.countOnRequiredPaper !== undefined) pages.countOnRequiredPaper = estimate.countOnRequiredPaper;
      if (estimate.notes.length > 0) pages.note = estimate.notes.join(' ');
      return pages;
    },
  },
});
