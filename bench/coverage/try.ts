/**
 * Runs the benchmark's headline figures for one set of threshold overrides (JSON, deep-merged):
 *   npx tsx bench/coverage/try.ts '{"weights":{"nonNoun":0.5}}'
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyseDocument, type CoverageThresholds, coverageThresholds } from '../../src/checks/coverage/analysis.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { docFromText } from '../../test/coverage/text-doc.js';
import { loadLabelled, mergeOverrides, ROOT, runLabelled, tally } from './labelled.js';

const t = mergeOverrides(coverageThresholds(), JSON.parse(process.argv[2] ?? '{}')) as CoverageThresholds;
const essays = loadLabelled({ tuning: true });
const calib = tally(
  runLabelled(
    essays.filter((e) => e.split === 'calibrate'),
    t,
  ),
);
const hold = tally(
  runLabelled(
    essays.filter((e) => e.split === 'holdout'),
    t,
  ),
);
const inv = tally(
  runLabelled(
    essays.filter((e) => e.invented),
    t,
  ),
);
const corpus = join(ROOT, '..', 'shared', 'corpus', 'ai-text');
const jsonl = (name: string) =>
  existsSync(join(corpus, name, `${name}.jsonl`))
    ? readFileSync(join(corpus, name, `${name}.jsonl`), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];
const off = [...jsonl('l2-argumentative').slice(-40), ...jsonl('outfox').slice(-40)];
const bundled = [findVacancy('250875'), findVacancy('ASG-PASP')].filter((v) => v !== undefined);
let miss = 0,
  all = 0;
for (const e of off)
  for (const v of bundled)
    for (const d of analyseDocument(docFromText(e.text), v, t)) {
      all++;
      if (d.verdict === 'missing') miss++;
    }
let cov = 0,
  nall = 0;
for (const e of jsonl('nato-llm').filter((x: { vacancy?: string }) => x.vacancy === 'A' || x.vacancy === 'B')) {
  for (const d of analyseDocument(docFromText(e.text), findVacancy(e.vacancy === 'A' ? '250875' : 'ASG-PASP')!, t)) {
    nall++;
    if (d.verdict === 'covered') cov++;
  }
}
const p = (a: number, b: number) => `${((100 * a) / b).toFixed(1)}%`;
console.log(
  `calib ${p(calib.right, calib.total)}  hold ${p(hold.right, hold.total)}  all ${p(calib.right + hold.right, calib.total + hold.total)}  invented ${p(inv.right, inv.total)}  offtopic-missing ${p(miss, all)}  nato-covered ${p(cov, nall)}  ${process.argv[2] ?? ''}`,
);
