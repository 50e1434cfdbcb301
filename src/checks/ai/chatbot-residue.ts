/**
 * chatbot-residue: leftovers of a chatbot conversation pasted into the essay ("Certainly! Here is a
 * draft…", "As an AI language model", "Let me know if you'd like…", "Bien sûr ! Voici…") and unfilled
 * template placeholders ("[Your Name]", "[X years]"). Patterns in rules/ai/residue.yaml.
 */
import { defineCheck } from '../types.js';
import { reportResidue } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'chatbot-residue',
    category: 'ai',
    severity: 'warning',
    description: 'Chatbot wrappers, disclaimers or unfilled placeholders left in the essay.',
  },
  run(ctx, report) {
    reportResidue(ctx, ['chatbot', 'placeholders'], report, (hits) => {
      const wrappers = hits.some((h) => h.kind === 'chatbot');
      const placeholders = hits.some((h) => h.kind === 'placeholders');
      return wrappers && placeholders
        ? 'The essay contains words addressed by a chatbot to its user and unfilled template placeholders.'
        : wrappers
          ? 'The essay contains words addressed by a chatbot to its user (an opening, a disclaimer or a closing offer), not part of an essay.'
          : 'The essay contains unfilled template placeholders in square brackets, as chatbot drafts leave them.';
    });
  },
});
