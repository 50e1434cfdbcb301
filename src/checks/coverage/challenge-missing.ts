/**
 * challenge-missing: a key challenge of the vacancy that the essay does not address at all.
 * Also builds the report's `challenges` section (one entry per challenge, see analysis.ts).
 */
import { defineCheck } from '../types.js';
import { analyseCoverage } from './analysis.js';
import { shortChallenge } from './wording.js';

export default defineCheck({
  meta: {
    id: 'challenge-missing',
    category: 'coverage',
    severity: 'warning',
    description: 'A key challenge named in the vacancy notice is not addressed in the essay',
  },
  run(ctx, report) {
    for (const c of analyseCoverage(ctx)) {
      if (c.verdict !== 'missing') continue;
      report({
        message: `Key challenge ${c.id} is not addressed: no passage of the essay speaks of "${shortChallenge(c.text)}".`,
        actual: `coverage score ${c.score.toFixed(2)}`,
        expected: 'a passage on this challenge (score ≥ 0.60)',
        note:
          'The check looks for the challenge’s words, their synonyms and their English/French equivalents in the text a reader sees ' +
          '(hidden, white, tiny and injected text are ignored). A paraphrase far from the notice’s vocabulary can be missed: please read the essay before concluding.',
      });
    }
  },
  section: { key: 'challenges', build: analyseCoverage },
});
