/**
 * participial-clauses: rate of participial clauses after a comma (", highlighting…", ", ensuring…"),
 * which instruction-tuned models write several times more often than people (Reinhart et al. 2024),
 * beyond the human calibration range (rules/ai/model.json).
 */
import { defineCheck } from '../types.js';
import { reportStyle } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'participial-clauses',
    category: 'ai',
    severity: 'info',
    description: 'Participial clauses after commas (", ensuring…") far more than people write them.',
  },
  run(ctx, report) {
    reportStyle(ctx, 'participial-clauses', report);
  },
});
