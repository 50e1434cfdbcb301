/**
 * The style model's arithmetic as a panel member relies on it: an extreme value of one measure is
 * capped (winsorised), and the measures quote what they count.
 */
import { describe, expect, it } from 'vitest';
import { computeFeatures, textStats } from '../../src/checks/ai/features.js';
import { loadAiModel, modelLogit, scoreText } from '../../src/checks/ai/score.js';
import { paragraphsOf } from '../../src/checks/ai/text.js';
import { corpusText } from './fixtures.js';

describe('winsorised style model', () => {
  const model = loadAiModel();

  it('caps each measure: an absurd value counts no more than one at the clip bound', () => {
    expect(model.clipZ).toBeGreaterThan(0);
    const clip = model.clipZ ?? 0;
    for (const f of model.features) {
      // Raw value whose standardised score is exactly at the bound (inverse of the transform).
      const atBound = f.mean + Math.sign(f.weight || 1) * clip * f.sd;
      const raw = f.transform === 'log1p' ? Math.expm1(atBound) : atBound;
      const extreme = f.transform === 'log1p' ? 1e9 : Math.sign(f.weight || 1) * 1e9;
      if (raw < 0) continue; // bound below zero for a rate: unreachable, nothing to cap
      expect(modelLogit(model, { [f.id]: extreme })).toBeCloseTo(modelLogit(model, { [f.id]: raw }), 6);
    }
  });

  it('keeps a UN speech at level none when one minor measure is pushed to an extreme', () => {
    const speech = corpusText('ungdc-human/ungdc-human.jsonl', 'ungdc-JPN-2012').text;
    // Every sentence gains a contrast frame ("rather than …"): far beyond any human text.
    const stuffed = speech.replace(/\.(\s|$)/g, ', rather than the reverse.$1');
    const before = scoreText(speech, { language: 'en', model });
    const after = scoreText(stuffed, { language: 'en', model });
    expect(after.features?.contrastFrames.value).toBeGreaterThan(20);
    expect(before.level).toBe('none');
    expect(after.level).toBe('none');
  });
});

describe('candidate measures count what they say', () => {
  const measure = (text: string) => computeFeatures(textStats(paragraphsOf(text)), new Set());

  it('counts contrast frames and quotes the sentences', () => {
    const f = measure(
      'We chose dialogue rather than pressure. The plan worked. Instead of waiting, we acted. It was not luck, but preparation.',
    );
    expect(f.contrastFrames.matches.map((m) => m.toLowerCase())).toEqual([
      'rather than',
      'instead of',
      'not luck, but',
    ]);
    expect(f.contrastFrames.evidence).toHaveLength(3);
  });

  it('recognises a closing formula only at the start of the last paragraph', () => {
    const body = 'A paragraph of the essay with enough words in it to count as a real paragraph of text here.';
    const closing = 'In conclusion, the section needs clear priorities and steady work with every partner.';
    expect(measure([body, body, closing].join('\n')).closingFormula.value).toBe(1);
    expect(measure([closing, body, body].join('\n')).closingFormula.value).toBe(0);
  });
});
