/**
 * low-burstiness: sentence lengths more uniform than in 99% of the human calibration texts
 * (coefficient of variation; rules/ai/model.json).
 */
import { defineCheck } from '../types.js';
import { reportStyle } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'low-burstiness',
    category: 'ai',
    severity: 'info',
    description: 'Unusually uniform sentence lengths, beyond the human calibration range.',
  },
  run(ctx, report) {
    reportStyle(ctx, 'low-burstiness', report);
  },
});
