/**
 * llm-vocabulary: rate of words (a calibrated subset of Kobak et al.'s LLM excess style words) and
 * stock phrases (rules/ai/style.yaml) that chat models over-use, against the human calibration range
 * (rules/ai/model.json).
 */
import { defineCheck } from '../types.js';
import { reportStyle } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'llm-vocabulary',
    category: 'ai',
    severity: 'info',
    description: 'Words and phrases that language models over-use, beyond the human calibration range.',
  },
  run(ctx, report) {
    reportStyle(ctx, 'llm-vocabulary', report);
  },
});
