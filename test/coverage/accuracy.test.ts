/**
 * Regression guard on the labelled set (test/coverage/labelled/, bench/coverage/RESULTS.md): the
 * accuracy per round as last measured, so a change that loses verdicts fails here. The bounds are
 * the measured figures rounded down to the verdict; raise them when the analysis improves.
 */
import { describe, expect, it } from 'vitest';
import { loadLabelled, runLabelled, tally } from '../../bench/coverage/labelled.js';

describe('coverage accuracy on the labelled set', () => {
  const outcomes = runLabelled(loadLabelled());
  const right = (keep: (round: number) => boolean) => tally(outcomes.filter((o) => keep(o.essay.round))).right;

  it('keeps the verdicts of rounds 1-4 (209 of 218 when measured, 95.9 %)', () => {
    expect(right((r) => r <= 4)).toBeGreaterThanOrEqual(209);
  });

  it('keeps the verdicts of round 5 (54 of 70 at its blind first run, 59 in session 3)', () => {
    expect(right((r) => r === 5)).toBeGreaterThanOrEqual(59);
  });

  it('keeps the verdicts of round 6 (47 of 70 at its blind first run, 50 in session 3)', () => {
    expect(right((r) => r === 6)).toBeGreaterThanOrEqual(50);
  });

  it('keeps the verdicts of rounds 7-10 (183 of 280 at their blind first runs, 192 in session 3)', () => {
    expect(right((r) => r >= 7 && r <= 10)).toBeGreaterThanOrEqual(192);
  });

  it('keeps the verdicts of round 11 (50 of 70 at its blind first run, 53 in session 3)', () => {
    expect(right((r) => r === 11)).toBeGreaterThanOrEqual(53);
  });

  it('keeps the verdicts of round 12 (54 of 70 at its blind first run, end of session 3)', () => {
    expect(right((r) => r === 12)).toBeGreaterThanOrEqual(54);
  });
});
