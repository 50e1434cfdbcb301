/**
 * multiple-documents: the notices ask for one Word document, so a Word document, PDF, presentation
 * or packaged file embedded in the essay is a second document (CONTRACT.md: `fail`). What counts
 * as a document is data in rules/compliance.yaml `embeddedDocuments`; imported chunks
 * (`w:altChunk`) are the imported-content check's.
 */
import type { EmbeddedObject } from '../../document/model.js';
import { loadRuleData } from '../../rules/data.js';
import { defineCheck } from '../types.js';

interface EmbeddedDocumentRules {
  /** Kind of document (as shown to HR) → OLE program id prefixes, part extensions, compound-file streams. */
  progIdPrefixes: Record<string, string[]>;
  extensions: Record<string, string[]>;
  streams: Record<string, string[]>;
}

const rules = (): EmbeddedDocumentRules =>
  loadRuleData<{ embeddedDocuments: EmbeddedDocumentRules }>('compliance.yaml').embeddedDocuments;

/** The kind of document an embedded object is ('Word document', 'PDF'…), or undefined when it is ordinary content. */
export function embeddedDocumentKind(object: EmbeddedObject): string | undefined {
  const { progIdPrefixes, extensions, streams } = rules();
  const progId = object.progId?.toLowerCase();
  if (progId) {
    for (const [kind, prefixes] of Object.entries(progIdPrefixes))
      if (prefixes.some((prefix) => progId.startsWith(prefix.toLowerCase()))) return kind;
  }
  const extension = object.part?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1];
  if (extension) {
    for (const [kind, list] of Object.entries(extensions)) if (list.includes(extension)) return kind;
  }
  for (const [kind, names] of Object.entries(streams))
    if (object.streams?.some((stream) => names.includes(stream))) return kind;
  return undefined;
}

const describeSize = (bytes: number | undefined): string =>
  bytes === undefined ? '' : bytes < 1024 ? `, ${bytes} bytes` : `, ${Math.round(bytes / 1024)} KB`;

export default defineCheck({
  meta: {
    id: 'multiple-documents',
    category: 'compliance',
    severity: 'error',
    description:
      'The essay must be one Word document, without other documents (Word, PDF, slides, attached files) embedded in it.',
  },
  run(ctx, report) {
    const found = ctx.doc.embedded
      .filter((object) => object.via === 'object')
      .flatMap((object) => {
        const kind = embeddedDocumentKind(object);
        return kind === undefined ? [] : [{ object, kind }];
      });
    if (found.length === 0) return;
    const kinds = [...new Set(found.map((f) => f.kind))].join(', ');
    report({
      message:
        found.length === 1
          ? `The essay has another document embedded in it (${kinds}). The vacancy asks for a single Word document: the embedded one was not screened, and a person should open it.`
          : `The essay has ${found.length} other documents embedded in it (${kinds}). The vacancy asks for a single Word document: the embedded ones were not screened, and a person should open them.`,
      actual: `${found.length + 1} documents`,
      expected: '1 document',
      evidence: found.map(({ object, kind }) => ({
        paragraph: object.paragraph,
        text: `${kind}${object.progId ? ` (${object.progId})` : ''}: ${object.part ?? 'missing part'}${describeSize(object.bytes)}`,
        where: 'embedded',
      })),
    });
  },
});
