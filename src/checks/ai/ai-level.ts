/**
 * ai-level: builds the report's `ai` section ({ level, score, signals, note }) from the shared AI
 * analysis (analysis.ts). It reports no findings of its own: each signal has its own check.
 */
import { defineCheck } from '../types.js';
import { aiSection } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'ai-level',
    category: 'ai',
    severity: 'info',
    description: 'Overall level of the signals of generative-AI use (report section "ai").',
  },
  run() {
    // The level is a report section, not a finding.
  },
  section: { key: 'ai', build: aiSection },
});
