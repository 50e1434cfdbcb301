/**
 * How often each formatting rule fires on the real-world documents of the shared docx-pages corpus
 * (essays, reflections, CVs, letters, reports written by people, and docx-library fixtures). Most
 * of those documents use no trick, so a rule firing on many of them is suspect; the listed
 * examples are checked by hand (see RESULTS.md). Then the prompt-injection patterns run over the
 * plain-text essays and speeches of ../shared/corpus/ai-text (none is an injection): every match
 * there is a false positive.
 *
 *   npx tsx bench/formatting/run.ts [--examples N] [--rule RULE]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { findPromptInjections } from '../../src/checks/formatting/injection.js';
import { createContext, type Finding, runCheck } from '../../src/checks/types.js';
import { parseDocument } from '../../src/document/parse.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { FORMATTING_CHECKS } from '../../test/formatting/build.js';

const corpus = resolve(process.cwd(), '../shared/corpus/docx-pages');
const args = process.argv.slice(2);
const examples = Number(args[args.indexOf('--examples') + 1]) || 3;
const onlyRule = args.includes('--rule') ? args[args.indexOf('--rule') + 1] : undefined;

const manifest = readFileSync(join(corpus, 'manifest.csv'), 'utf8').trim().split('\n');
const header = manifest[0].split(',');
const rows = manifest.slice(1).map((line) => Object.fromEntries(line.split(',').map((v, i) => [header[i], v])));
const vacancy = findVacancy('250875');
if (!vacancy) throw new Error('bundled vacancy 250875 missing');

type Tally = { files: number; bySeverity: Record<string, number>; examples: string[] };
const tallies = new Map<string, Map<string, Tally>>(); // category → rule → tally
const totals = new Map<string, number>();
const times: number[] = [];
let failures = 0;

for (const row of rows) {
  const bytes = readFileSync(join(corpus, row.file));
  let findings: Finding[];
  try {
    const doc = parseDocument(new Map(Object.entries(unzipSync(bytes))));
    const ctx = createContext({
      doc,
      vacancy,
      file: { name: row.file, sha256: row.sha256, size: bytes.byteLength },
      options: { pageEngine: 'layout' },
      bytes,
    });
    const started = performance.now();
    findings = [];
    for (const check of FORMATTING_CHECKS) findings.push(...(await runCheck(check, ctx)));
    times.push(performance.now() - started);
  } catch (error) {
    failures++;
    console.error(`${row.file}: ${(error as Error).message}`);
    continue;
  }
  totals.set(row.category, (totals.get(row.category) ?? 0) + 1);
  const byRule = tallies.get(row.category) ?? new Map<string, Tally>();
  tallies.set(row.category, byRule);
  const seen = new Set<string>();
  for (const f of findings) {
    const t = byRule.get(f.rule) ?? { files: 0, bySeverity: {}, examples: [] };
    byRule.set(f.rule, t);
    if (!seen.has(f.rule)) t.files++;
    seen.add(f.rule);
    t.bySeverity[f.severity] = (t.bySeverity[f.severity] ?? 0) + 1;
    if (t.examples.length < examples && (!onlyRule || onlyRule === f.rule)) {
      t.examples.push(
        `${row.file}: ${f.actual ?? ''} | ${f.evidence[0]?.where ?? 'body'} ¶${f.evidence[0]?.paragraph ?? '-'} ${f.evidence[0]?.text.slice(0, 100) ?? ''}`,
      );
    }
  }
}

const rules = FORMATTING_CHECKS.map((c) => c.meta.id);
console.log(`files ${rows.length}, parse failures ${failures}`);
console.log(
  `check time per file (all ${FORMATTING_CHECKS.length} checks): median ${median(times).toFixed(2)} ms, max ${Math.max(...times).toFixed(1)} ms`,
);
console.log('');
const categories = [...totals.keys()].sort();
console.log(['rule'.padEnd(24), ...categories.map((c) => `${c} (n=${totals.get(c)})`.padStart(22))].join(''));
for (const rule of rules) {
  const cells = categories.map((c) => {
    const t = tallies.get(c)?.get(rule);
    const n = t?.files ?? 0;
    const sev = t
      ? Object.entries(t.bySeverity)
          .map(([s, k]) => `${s[0]}${k}`)
          .join('/')
      : '';
    return `${n} (${((100 * n) / (totals.get(c) ?? 1)).toFixed(1)}%) ${sev}`.padStart(22);
  });
  console.log([rule.padEnd(24), ...cells].join(''));
}
console.log('');
for (const rule of rules) {
  if (onlyRule && rule !== onlyRule) continue;
  for (const c of categories) {
    const t = tallies.get(c)?.get(rule);
    if (!t?.examples.length) continue;
    console.log(`## ${rule} / ${c}`);
    for (const e of t.examples) console.log(`  ${e}`);
  }
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[s.length >> 1] : 0;
}

// Prompt-injection patterns on ordinary prose: every match is a false positive.
const textCorpus = resolve(process.cwd(), '../shared/corpus/ai-text');
console.log('');
console.log('prompt-injection patterns on plain-text corpora (every match is a false positive):');
for (const name of ['ungdc-human', 'l2-argumentative', 'outfox', 'nato-llm']) {
  const lines = readFileSync(join(textCorpus, name, `${name}.jsonl`), 'utf8')
    .trim()
    .split('\n');
  let words = 0;
  const matches: string[] = [];
  const started = performance.now();
  for (const line of lines) {
    const { id, text } = JSON.parse(line) as { id: string; text: string };
    words += text.split(/\s+/).length;
    for (const m of findPromptInjections(text)) matches.push(`${id}: “${m.match}” [${m.patterns.join(', ')}]`);
  }
  const ms = performance.now() - started;
  console.log(
    `  ${name.padEnd(18)} ${String(lines.length).padStart(4)} texts ${String(words).padStart(7)} words  ${matches.length} matches  (${((1000 * ms) / words).toFixed(1)} µs/word)`,
  );
  for (const m of matches.slice(0, examples)) console.log(`    ${m}`);
}
