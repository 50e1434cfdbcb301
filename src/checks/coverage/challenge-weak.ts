/**
 * challenge-weak: a key challenge the essay only restates or mentions in passing, without
 * analysis or proposals of the candidate's own.
 */
import { defineCheck } from '../types.js';
import { analyseCoverage } from './analysis.js';
import { shortChallenge } from './wording.js';

export default defineCheck({
  meta: {
    id: 'challenge-weak',
    category: 'coverage',
    severity: 'info',
    description:
      'A key challenge is only restated or mentioned in passing, with little substance of the candidate’s own',
  },
  run(ctx, report) {
    for (const c of analyseCoverage(ctx)) {
      if (c.verdict !== 'weak') continue;
      report({
        message: `Key challenge ${c.id} ("${shortChallenge(c.text)}") is only touched on: the essay restates it or mentions it briefly, with little analysis or proposals of its own.`,
        evidence: c.evidence,
        actual: `coverage score ${c.score.toFixed(2)}`,
        expected: 'a developed passage (score ≥ 0.60)',
      });
    }
  },
});
