/**
 * Shows why the analysis judged a labelled essay as it did: units of the best window with their
 * weights and matches, paragraph scores, topicality.
 *
 *   npx tsx bench/coverage/explain.ts a05-two-only
 */
import { analyseDocument } from '../../src/checks/coverage/analysis.js';
import { docFromText } from '../../test/coverage/text-doc.js';
import { loadLabelled } from './labelled.js';

const id = process.argv[2];
const essay = loadLabelled().find((e) => e.id === id);
if (!essay) {
  console.error(`no labelled essay "${id}" in test/coverage/labelled/`);
  process.exit(2);
}
const details = analyseDocument(docFromText(essay.text), essay.vacancy, undefined, (line) => console.log(line));
for (const d of details) {
  console.log(
    `${d.id}: ${d.verdict} (expected ${essay.expected[d.id - 1]}) score ${d.score} relevance ${d.relevance} own ${d.ownWords} novelty ${d.novelty} sentences ${d.sentences}`,
  );
}
