/**
 * single-revision: cp:revision 1, or very few Word editing sessions (rsids), for a full essay
 * (thresholds in rules/ai/forensics.yaml). A weak sign: a pasted essay looks the same.
 */
import { defineCheck } from '../types.js';
import { reportForensics } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'single-revision',
    category: 'ai',
    severity: 'info',
    description: 'A full essay saved once, or written in one or two Word editing sessions.',
  },
  run(ctx, report) {
    reportForensics(ctx, 'single-revision', report);
  },
});
