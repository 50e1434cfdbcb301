/**
 * The short fuzz run for CI (the long one is bench/fuzz/run.ts): 200 mutated essays, each must end
 * in a report or a rejection with a code; no hang, no crash, no runaway memory, no invalid report.
 * Exceptions that escaped the parser and were caught by screen()'s last resort are listed in the
 * output for the parser's authors, but the user still gets a CORRUPT rejection, so they do not fail.
 */
import { describe, expect, it } from 'vitest';
import { formatSummary, runFuzz } from '../../bench/fuzz/harness.js';

describe('fuzz (CI size)', () => {
  it(
    'answers 200 mutated essays with a report or a coded rejection, never a hang or a crash',
    {
      timeout: 120_000,
    },
    async () => {
      const summary = await runFuzz({
        count: 200,
        seed: 7,
        scale: 0.05,
        jobs: 2,
        timeoutMs: 15_000,
        maxMemoryMb: 512,
        pageEngine: 'layout',
      });
      console.log(formatSummary(summary));
      expect(summary.ran).toBe(200);
      const broken = summary.problems.filter((p) => p.problem !== 'unexpected-exception');
      expect(broken.map((p) => `${p.problem}: ${p.mutations.join('+')} on ${p.seed} ${p.detail ?? ''}`)).toEqual([]);
      // Every outcome carries a code or is a report.
      expect(summary.reports + Object.values(summary.rejections).reduce((a, b) => a + b, 0)).toBe(200);
    },
  );
});
