/**
 * markdown-residue: literal markdown in the essay (**bold**, "## heading", "- " list lines, "---"
 * rules): Word shows formatting, not these characters, so they come from pasted chatbot output.
 * Patterns in rules/ai/residue.yaml; plain "- " lists alone are a weak sign (people type them too).
 */
import { defineCheck } from '../types.js';
import { reportResidue } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'markdown-residue',
    category: 'ai',
    severity: 'warning',
    description: 'Literal markdown (asterisks, hashes, list dashes) pasted into the essay.',
  },
  run(ctx, report) {
    reportResidue(ctx, ['markdown'], report, (hits) =>
      hits.some((h) => h.level !== 'low')
        ? 'The essay contains literal markdown (asterisks for bold or hashes for headings) that Word would show as formatting: text pasted from a chatbot keeps these characters.'
        : 'The essay contains plain-text list markers or rules ("- ", "---") that Word turns into formatting when typed: the text was pasted from elsewhere.',
    );
  },
});
