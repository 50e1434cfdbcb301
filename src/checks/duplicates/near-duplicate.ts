/**
 * near-duplicate: essays for the same vacancy that share much of their text (a shared template,
 * copied paragraphs, the same answer lightly reworded). It is cross-document, so this per-file part
 * only hands the visible body text to the caller (see collect.ts); the finding itself is added after
 * the per-file screening by addNearDuplicateFindings (index.ts), in the bulk scan and the service.
 *
 * Category 'ai': the contract's 'ai' category is where authenticity signals live, which send an
 * essay to a person and never reject it; a near-duplicate is such a signal (a shared chatbot answer
 * is its commonest cause), not a broken formal requirement ('compliance') nor a trick in the file
 * ('input'). It does not change the AI level, which stays the per-essay style estimate.
 */

import { visibleText } from '../../document/visibility.js';
import { defineCheck } from '../types.js';
import { offerBodyText } from './collect.js';

export const NEAR_DUPLICATE_META = {
  id: 'near-duplicate',
  category: 'ai',
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
