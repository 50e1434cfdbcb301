/**
 * citation-artifact: citation markup of chat tools that survives copy-paste (":contentReference
 * [oaicite:0]{index=0}", "turn0search0", "【4†source】") or links copied from ChatGPT's answers
 * ("utm_source=chatgpt.com"), in the text or in hyperlink targets. Patterns in rules/ai/residue.yaml.
 */
import { defineCheck } from '../types.js';
import { reportResidue } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'citation-artifact',
    category: 'ai',
    severity: 'warning',
    description: 'Citation markup or links left by a chat tool.',
  },
  run(ctx, report) {
    reportResidue(ctx, ['citation'], report, (hits) =>
      hits.every((h) => h.id === 'chatgpt-link')
        ? 'The essay links to sources copied from a chatbot answer (the link carries the chatbot as its referrer): the tool was used at least to find sources.'
        : 'The essay contains citation markup that chat tools insert in their answers and that only appears when their output is pasted.',
    );
  },
});
