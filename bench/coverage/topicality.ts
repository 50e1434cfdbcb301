/**
 * How the two topicality measures separate essays on the job from off-topic ones: per labelled
 * essay (rounds up to --max-round, default 4) and per off-topic corpus essay, the vacancy-wide
 * topicality (share of the vacancy's vocabulary in the essay) and the field share (share of the
 * essay's words that belong to the vacancy's field), with the challenges' raw relevance.
 *
 *   npx tsx bench/coverage/topicality.ts [--max-round N]
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDocument } from '../../src/checks/coverage/analysis.js';
import { findVacancy, type Vacancy } from '../../src/rules/vacancy.js';
import { docFromText } from '../../test/coverage/text-doc.js';
import { loadLabelled, ROOT } from './labelled.js';

const at = process.argv.indexOf('--max-round');
const maxRound = at >= 0 ? Number(process.argv[at + 1]) : 4;
const essays = loadLabelled().filter((e) => e.round <= maxRound);
console.log('labelled: id expected | topicality fieldShare | raw relevance per challenge');
for (const e of essays) {
  const d = analyseDocument(docFromText(e.text), e.vacancy);
  console.log(
    `L ${e.id.padEnd(34)} ${e.expected.map((x) => x[0]).join('')} | ${d[0].topicality.toFixed(2)} ${d[0].fieldShare.toFixed(2)} | ${d.map((x) => x.rawRelevance.toFixed(2)).join(' ')}`,
  );
}
const corpus = join(ROOT, '..', 'shared', 'corpus', 'ai-text');
const jsonl = (name: string): Array<{ text: string }> =>
  existsSync(join(corpus, name, `${name}.jsonl`))
    ? readFileSync(join(corpus, name, `${name}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
const vacancies: Vacancy[] = [
  ...[findVacancy('250875'), findVacancy('ASG-PASP')].filter((v) => v !== undefined),
  ...[...new Set(essays.filter((e) => e.invented).map((e) => e.vacancy))],
];
for (const e of [...jsonl('l2-argumentative').slice(0, 50), ...jsonl('outfox').slice(0, 50)]) {
  for (const v of vacancies) {
    const d = analyseDocument(docFromText(e.text), v);
    console.log(
      `O ${v.reference.padEnd(34)} m | ${d[0].topicality.toFixed(2)} ${d[0].fieldShare.toFixed(2)} | ${d.map((x) => x.rawRelevance.toFixed(2)).join(' ')}`,
    );
  }
}
