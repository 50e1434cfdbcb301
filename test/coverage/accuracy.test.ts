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

  it('keeps the verdicts of round 5 (54 of 70 at its blind first run, 60 in session 3)', () => {
    expect(right((r) => r === 5)).toBeGreaterThanOrEqual(60);
  });

  it('keeps the verdicts of round 6 (47 of 70 at its blind first run, 52 in session 3)', () => {
    expect(right((r) => r === 6)).toBeGreaterThanOrEqual(52);
  });

  it('keeps the verdicts of rounds 7-10 (183 of 280 at their blind first runs, 199 in session 3)', () => {
    expect(right((r) => r >= 7 && r <= 10)).toBeGreaterThanOrEqual(199);
  });

  it('keeps the verdicts of rounds 11-12 (50 and 54 of 70 at their blind first runs, 58 and 56 later)', () => {
    expect(right((r) => r === 11)).toBeGreaterThanOrEqual(58);
    expect(right((r) => r === 12)).toBeGreaterThanOrEqual(56);
  });

  it('keeps the verdicts of rounds 13-14 (47 and 55 of 70 at their blind first runs, end of session 3)', () => {
    expect(right((r) => r === 13)).toBeGreaterThanOrEqual(47);
    expect(right((r) => r === 14)).toBeGreaterThanOrEqual(55);
  });
});
