/**
 * generator-metadata: core/app properties written by a generator library (python-docx, the docx
 * JavaScript library, Aspose, …) rather than a word processor. LibreOffice, Google Docs, Pages or WPS
 * are not signals. Names in rules/ai/forensics.yaml.
 */
import { defineCheck } from '../types.js';
import { reportForensics } from './analysis.js';

export default defineCheck({
  meta: {
    id: 'generator-metadata',
    category: 'ai',
    severity: 'info',
    description: 'File properties written by a document-generation library rather than a word processor.',
  },
  run(ctx, report) {
    reportForensics(ctx, 'generator-metadata', report);
  },
});
