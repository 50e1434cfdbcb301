import type { DocModel } from './model.js';

/** Placeholder until the parser lands (being written now by the document-model helper). */
export function parseDocument(_entries: Map<string, Uint8Array>): DocModel {
  throw new Error('parseDocument is not written yet: src/document/parse.ts is in progress');
}
