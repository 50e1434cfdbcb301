/**
 * imported-content: `w:altChunk` asks Word to convert another file (HTML, RTF, plain text or a
 * whole .docx) and merge it into the text when it opens the document. Web editors and document
 * generators write it; Word then shows that text as part of the essay, but the screening cannot
 * read it, so the page count, the word count and the coverage of the challenges may leave it out.
 */
import { defineCheck } from '../types.js';

const FORMAT_BY_EXTENSION: Record<string, string> = {
  htm: 'a web page',
  html: 'a web page',
  mht: 'a web page',
  mhtml: 'a web page',
  rtf: 'an RTF file',
  txt: 'a text file',
  xml: 'an XML file',
  docx: 'another Word document',
  docm: 'another Word document',
  dotx: 'another Word document',
};

export default defineCheck({
  meta: {
    id: 'imported-content',
    category: 'input',
    severity: 'warning',
    description:
      'Text that Word imports from another file when it opens the document (an "alternative format chunk") cannot be screened.',
  },
  run(ctx, report) {
    const chunks = ctx.doc.embedded.filter((object) => object.via === 'altChunk');
    if (chunks.length === 0) return;
    report({
      message: `Part of the essay (${chunks.length === 1 ? 'one passage' : `${chunks.length} passages`}) is imported from another file when Word opens the document. essay-screen cannot read imported text, so the page count, word count and challenge coverage may leave it out: please open the file in Word and read it.`,
      evidence: chunks.map((chunk) => {
        const extension = chunk.part?.toLowerCase().match(/\.([a-z0-9]+)$/)?.[1] ?? '';
        const format = FORMAT_BY_EXTENSION[extension] ?? 'another file';
        return {
          paragraph: chunk.paragraph,
          text: `Imported from ${format}: ${chunk.part ?? 'missing part'}`,
          where: 'imported',
        };
      }),
    });
  },
});
