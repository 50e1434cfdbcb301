/**
 * near-duplicate: essays for the same vacancy that share much of their text (a shared template,
 * copied paragraphs, the same answer lightly reworded). It is cross-document, so this per-file part
 * only hands the visible body text to the caller (see collect.ts); the finding itself is added after
 * the per-file screening by addNearDuplicateFindings (index.ts), in the bulk scan and the service.
 *
 * Category 'input', severity warning: a near-duplicate is about the submission, not the writing
 * style (its causes are a shared template, copying between candidates, or the same chatbot answer),
 * and it must always reach a person. Findings in the 'ai' category feed the AI level and do not by
 * themselves send an essay for review (src/report/assemble.ts), and 'compliance' is for formal
 * requirements; an 'input' warning gives status `review` and leaves the AI level alone.
 */

import { visibleText } from '../../document/visibility.js';
import { defineCheck } from '../types.js';
import { offerBodyText } from './collect.js';

export const NEAR_DUPLICATE_META = {
  id: 'near-duplicate',
  category: 'input',
  severity: 'warning',
  description: 'Shares much of its text with another essay for the same vacancy',
} as const;

export default defineCheck({
  meta: NEAR_DUPLICATE_META,
  run(ctx) {
    offerBodyText(() =>
      ctx.doc.bodyParagraphs
        .map((p) => ({ index: p.index, text: visibleText(p).trim() }))
        .filter((p) => p.text.length > 0),
    );
  },
});
