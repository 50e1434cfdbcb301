/**
 * narrow-margins: page margins below 1.27 cm (Word's "Narrow" preset) on any side, in any section.
 * From 1.0 to 1.27 cm is a warning, below 1.0 cm an error (rules/formatting.yaml explains why).
 * The gutter adds to the margin it sits beside (the left/inside one), so it counts towards it.
 */
import { type Section, twipsToCm } from '../../document/model.js';
import { defineCheck, type Evidence } from '../types.js';
import { firstPassages, formattingRules } from './common.js';

type Side = 'top' | 'right' | 'bottom' | 'left';
const SIDES: Side[] = ['top', 'right', 'bottom', 'left'];

/** Distance from the paper's edge to the text on each side, in cm. */
export function effectiveMarginsCm(section: Section): Record<Side, number> {
  const m = section.margins;
  // A negative top/bottom margin means "exactly this, even if the header overlaps": its size counts.
  return {
    top: twipsToCm(Math.abs(m.top)),
    right: twipsToCm(m.right),
    bottom: twipsToCm(Math.abs(m.bottom)),
    left: twipsToCm(m.left + Math.max(0, m.gutter)),
  };
}

const cm = (value: number): string => `${Math.round(value * 100) / 100} cm`;

function pageSetupEvidence(section: Section): Evidence {
  const margins = effectiveMarginsCm(section);
  const all = SIDES.map((side) => `${side} ${cm(margins[side])}`).join(', ');
  return {
    paragraph: 0,
    where: `section ${section.index + 1}`,
    text: `Page setup: margins ${all}${section.margins.gutter > 0 ? ' (gutter included in left)' : ''}`,
  };
}

export default defineCheck({
  meta: {
    id: 'narrow-margins',
    category: 'formatting',
    severity: 'warning',
    description: 'Page margins below 1.27 cm on any side (below 1.0 cm is an error).',
  },
  run(ctx, report) {
    const rules = formattingRules().narrowMargins;
    const sections = ctx.doc.sections;
    // Sections with the same narrow margins are reported once.
    const reported = new Map<string, { sections: number[]; first: Section }>();
    for (const section of sections) {
      const margins = effectiveMarginsCm(section);
      const narrow = SIDES.filter((side) => margins[side] < rules.warningBelowCm - rules.toleranceCm);
      if (narrow.length === 0) continue;
      const key = narrow.map((side) => `${side} ${cm(margins[side])}`).join(', ');
      const entry = reported.get(key);
      if (entry) entry.sections.push(section.index);
      else reported.set(key, { sections: [section.index], first: section });
    }

    for (const [sides, { sections: indices, first }] of reported) {
      const margins = effectiveMarginsCm(first);
      const narrow = SIDES.filter((side) => margins[side] < rules.warningBelowCm - rules.toleranceCm);
      const smallest = Math.min(...narrow.map((side) => margins[side]));
      const severe = smallest < rules.errorBelowCm - rules.toleranceCm;
      const where =
        sections.length === 1
          ? 'The page'
          : indices.length === sections.length
            ? 'Every section'
            : `Section${indices.length > 1 ? 's' : ''} ${indices.map((i) => i + 1).join(', ')} of ${sections.length}`;
      report({
        severity: severe ? 'error' : 'warning',
        message:
          `${where} has margins narrower than ${rules.warningBelowCm} cm (${sides}), which fits more text on the page ` +
          `than standard margins allow.${severe ? ` Below ${rules.errorBelowCm} cm is well outside normal layouts.` : ''}`,
        // Margins belong to a section's page setup, not to a paragraph: paragraph 0, located by section.
        evidence: firstPassages(indices.map((i) => pageSetupEvidence(sections[i]))),
        actual: cm(smallest),
        expected: `≥ ${rules.warningBelowCm} cm`,
      });
    }
  },
});
