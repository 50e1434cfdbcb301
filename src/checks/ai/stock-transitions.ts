/**
 * stock-transitions: share of sentences opening with "Moreover,", "Furthermore,", "Additionally,",
 * "Ultimately,"… beyond the human calibration range (rules/ai/style.yaml, rules/ai/model.json).
 */
import { defineCheck } from '../types.js';
import { reportStyle } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'stock-transitions',
    category: 'ai',
    severity: 'info',
    description:
      'Sentences opening with stock connectors (Moreover, Furthermore, Additionally) far more than people do.',
  },
  run(ctx, report) {
    reportStyle(ctx, 'stock-transitions', report);
  },
});
