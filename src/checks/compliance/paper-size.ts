/**
 * paper-size: every section must be on the vacancy's paper (A4 by default), portrait.
 * Also builds the report's `paper` section from the first section.
 */
import type { Section } from '../../document/model.js';
import { twipsToMm } from '../../document/model.js';
import type { Report } from '../../report/schema.js';
import { loadRuleData } from '../../rules/data.js';
import { type CheckContext, defineCheck } from '../types.js';

interface PaperRules {
  sizes: Record<string, [number, number]>;
  toleranceTwips: number;
}
type PaperName = NonNullable<Report['paper']>['name'];

const rules = (): PaperRules => loadRuleData<{ paper: PaperRules }>('compliance.yaml').paper;

/** Names a page size, whichever way round it is. */
export function namePaper(widthTw: number, heightTw: number): PaperName {
  const { sizes, toleranceTwips } = rules();
  const short = Math.min(widthTw, heightTw);
  const long = Math.max(widthTw, heightTw);
  for (const [name, [w, h]] of Object.entries(sizes)) {
    if (Math.abs(short - w) <= toleranceTwips && Math.abs(long - h) <= toleranceTwips) return name as PaperName;
  }
  return 'custom';
}

export function describePaper(section: Section): NonNullable<Report['paper']> {
  // w:orient is often missing on landscape pages; the dimensions decide.
  const orientation = section.pageWidth > section.pageHeight ? 'landscape' : 'portrait';
  return {
    name: namePaper(section.pageWidth, section.pageHeight),
    orientation,
    widthMm: Math.round(twipsToMm(section.pageWidth) * 10) / 10,
    heightMm: Math.round(twipsToMm(section.pageHeight) * 10) / 10,
  };
}

const paperOf = (ctx: CheckContext) => ctx.memo('paper', () => ctx.doc.sections.map(describePaper));

export default defineCheck({
  meta: {
    id: 'paper-size',
    category: 'compliance',
    severity: 'error',
    description: "Every page must be on the vacancy's paper size (A4 unless the vacancy says otherwise), portrait.",
  },
  run(ctx, report) {
    const required = ctx.vacancy.essay.paper;
    const papers = paperOf(ctx);
    const many = papers.length > 1;
    papers.forEach((paper, i) => {
      const section = ctx.doc.sections[i];
      const where = many ? `Section ${i + 1} of ${papers.length}` : 'The document';
      const size = `${paper.name === 'custom' ? 'a custom size' : paper.name} (${paper.widthMm} × ${paper.heightMm} mm)`;
      if (section.pageSizeDefaulted) {
        report({
          severity: 'warning',
          message: `${where} does not state its paper size, so it prints on whatever paper the reader's Word defaults to. Set the page size to ${required} (Layout → Size).`,
          actual: 'not set',
          expected: required,
        });
      } else if (paper.name !== required) {
        report({
          message: `${where} is set to ${size}, not ${required}. Change the page size to ${required} (Layout → Size) and check the page count again.`,
          actual: size,
          expected: required,
        });
      } else if (paper.orientation !== 'portrait') {
        report({
          severity: 'warning',
          message: `${where} is ${required} in landscape orientation; the essay is expected in portrait.`,
          actual: `${required} landscape`,
          expected: `${required} portrait`,
        });
      }
    });
  },
  section: { key: 'paper', build: (ctx) => paperOf(ctx)[0] },
});
