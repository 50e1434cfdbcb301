/**
 * short-editing-time: docProps/app.xml TotalTime far below the time needed to write the essay in this file
 * (threshold in rules/ai/forensics.yaml). A weak sign: text written elsewhere and pasted in looks the same.
 */
import { defineCheck } from '../types.js';
import { reportForensics } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'short-editing-time',
    category: 'ai',
    severity: 'info',
    description: 'Editing time recorded by Word far too short for the length of the essay.',
  },
  run(ctx, report) {
    reportForensics(ctx, 'short-editing-time', report);
  },
});
