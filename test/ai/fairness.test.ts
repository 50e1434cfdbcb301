/**
 * Fairness and detection of the SHIPPED AI model (rules/ai/model.json) on the shared corpus, through
 * the production path scoreText(). This is in-sample for the style weights (the model was fitted on
 * these texts); the out-of-sample figures are the cross-validated ones of bench/ai/run.ts. The test
 * exists so that CI fails if someone edits weights, thresholds, patterns or features in a way that
 * flags honest writers: medium or high must stay at ≤ 1% of EVERY human group.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { AI_SOURCES, type CorpusText, HUMAN_GROUPS, loadAiCorpus } from '../../scripts/ai-corpus.js';
import { levelRank } from '../../src/checks/ai/levels.js';
import { loadAiModel, scoreText, type TextScore } from '../../src/checks/ai/score.js';

let scored: Array<{ text: CorpusText; result: TextScore }>;

beforeAll(() => {
  const model = loadAiModel();
  scored = loadAiCorpus().map((text) => ({
    text,
    result: scoreText(text.text, { language: text.language === 'fr' ? 'fr' : 'en', model }),
  }));
});

const mediumPlusShare = (group: string): number => {
  const inGroup = scored.filter((s) => s.text.group === group);
  return inGroup.filter((s) => levelRank(s.result.level) >= 2).length / inGroup.length;
};

describe('fairness of the shipped model on every human group', () => {
  for (const group of HUMAN_GROUPS) {
    it(`${group}: medium or high for at most 1% of texts`, () => {
      expect(scored.filter((s) => s.text.group === group).length).toBeGreaterThan(50);
      expect(mediumPlusShare(group)).toBeLessThanOrEqual(0.01);
    });
  }

  it('never reaches high on any human text', () => {
    const high = scored.filter((s) => s.text.label === 'human' && s.result.level === 'high').map((s) => s.text.id);
    expect(high).toEqual([]);
  });

  it('gives French texts residue only, never a style level', () => {
    const french = scored.filter((s) => s.result.language === 'fr');
    expect(french.length).toBeGreaterThan(0);
    for (const s of french) {
      expect(s.result.styleJudged).toBe(false);
      expect(s.result.level).toBe(s.result.residueLevel);
    }
  });
});

describe('detection sanity (shipped model)', () => {
  it('flags GPT-4 class argumentative essays at medium or above in at least half of the cases', () => {
    for (const source of ['l2:chatgpt4', 'l2:gpt4']) expect(mediumPlusShare(source)).toBeGreaterThanOrEqual(0.5);
  });

  it('scores AI text above human text overall (AUROC ≥ 0.75)', () => {
    const ai = scored.filter((s) => s.text.label === 'ai').map((s) => s.result.score);
    const human = scored.filter((s) => s.text.label === 'human').map((s) => s.result.score);
    let wins = 0;
    for (const a of ai) for (const h of human) wins += a > h ? 1 : a === h ? 0.5 : 0;
    expect(wins / (ai.length * human.length)).toBeGreaterThanOrEqual(0.75);
  });

  it('catches every essay that carries chatbot residue (nato-llm residue=true) at high', () => {
    for (const id of ['nato-ai-002', 'nato-ai-016', 'nato-ai-040']) {
      expect(scored.find((s) => s.text.id === id)?.result.level).toBe('high');
    }
  });

  it('flags something in every AI source except the weakest generator', () => {
    for (const source of AI_SOURCES.filter((s) => s !== 'outfox:flan'))
      expect(mediumPlusShare(source)).toBeGreaterThan(0);
  });
});
