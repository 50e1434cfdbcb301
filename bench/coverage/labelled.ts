/**
 * Loads the labelled coverage set (test/coverage/labelled/*.md) and runs the analysis on it.
 * Shared by bench/coverage/run.ts and bench/coverage/calibrate.ts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import {
  analyseDocument,
  type ChallengeDetail,
  type CoverageThresholds,
  type Verdict,
} from '../../src/checks/coverage/analysis.js';
import { findVacancy, loadVacancyFile, type Vacancy } from '../../src/rules/vacancy.js';
import { docFromText } from '../../test/coverage/text-doc.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
const LABELLED = join(ROOT, 'test', 'coverage', 'labelled');
const VACANCIES = join(ROOT, 'test', 'coverage', 'vacancies');

export interface LabelledEssay {
  id: string;
  vacancy: Vacancy;
  /** true for vacancies invented for the set (test/coverage/vacancies/), false for the bundled ones. */
  invented: boolean;
  expected: Verdict[];
  split: 'calibrate' | 'holdout';
  /**
   * When the essay was written: 1 = first set, 2 = second round (new vacancies, half held out
   * before tuning), 3 = written after all tuning and never used to choose anything.
   */
  round: number;
  kind: string;
  text: string;
}

const vacancyCache = new Map<string, { vacancy: Vacancy; invented: boolean }>();

export function labelledVacancy(ref: string): { vacancy: Vacancy; invented: boolean } {
  const cached = vacancyCache.get(ref);
  if (cached) return cached;
  const file = join(VACANCIES, `${ref}.yaml`);
  const found = existsSync(file) ? { vacancy: loadVacancyFile(file), invented: true } : undefined;
  const bundled = found ? undefined : findVacancy(ref);
  const entry = found ?? (bundled ? { vacancy: bundled, invented: false } : undefined);
  if (!entry)
    throw new Error(`labelled set: unknown vacancy "${ref}" (neither bundled nor test/coverage/vacancies/${ref}.yaml)`);
  vacancyCache.set(ref, entry);
  return entry;
}

/** The labelled essays; `tuning` leaves out the 3rd round (kept unseen by every tuning tool). */
export function loadLabelled(options: { tuning?: boolean } = {}): LabelledEssay[] {
  return loadAll().filter((e) => !options.tuning || e.round < 3);
}

function loadAll(): LabelledEssay[] {
  const raw = readdirSync(LABELLED)
    // Essays are lower-case file names; upper-case ones (ROUND5.md…) document a round.
    .filter((f) => f.endsWith('.md') && /^[a-z0-9]/.test(f))
    .sort()
    .map((f) => {
      const text = readFileSync(join(LABELLED, f), 'utf8');
      const m = /^---\n([\s\S]*?)\n---\n?([\s\S]*)$/.exec(text);
      if (!m) throw new Error(`${f}: expected YAML front matter between --- lines`);
      return { id: f.replace(/\.md$/, ''), meta: parseYaml(m[1]) as Record<string, unknown>, body: m[2] };
    });
  const bodies = new Map(raw.map((r) => [r.id, r.body]));
  return raw.map(({ id, meta, body }) => {
    const { vacancy, invented } = labelledVacancy(String(meta.vacancy));
    const expected = meta.expected as Verdict[];
    if (!Array.isArray(expected) || expected.length !== vacancy.challenges.length) {
      throw new Error(
        `${id}: expected ${vacancy.challenges.length} verdicts for ${vacancy.reference}, got ${JSON.stringify(expected)}`,
      );
    }
    const text = meta.textFrom ? bodies.get(String(meta.textFrom)) : body;
    if (!text) throw new Error(`${id}: textFrom "${meta.textFrom}" not found`);
    return {
      id,
      vacancy,
      invented,
      expected,
      split: meta.split === 'holdout' ? 'holdout' : 'calibrate',
      round: typeof meta.round === 'number' ? meta.round : 1,
      kind: String(meta.kind ?? ''),
      text,
    };
  });
}

export interface Outcome {
  essay: LabelledEssay;
  details: ChallengeDetail[];
  ms: number;
}

export function runLabelled(essays: LabelledEssay[], thresholds?: CoverageThresholds): Outcome[] {
  return essays.map((essay) => {
    const doc = docFromText(essay.text);
    const started = performance.now();
    const details = analyseDocument(doc, essay.vacancy, thresholds);
    return { essay, details, ms: performance.now() - started };
  });
}

export interface Tally {
  /** Per expected verdict: [right, total]. */
  byVerdict: Record<Verdict, [number, number]>;
  right: number;
  total: number;
}

export function tally(outcomes: Outcome[]): Tally {
  const byVerdict: Record<Verdict, [number, number]> = { covered: [0, 0], weak: [0, 0], missing: [0, 0] };
  let right = 0;
  let total = 0;
  for (const o of outcomes) {
    o.essay.expected.forEach((want, i) => {
      const ok = o.details[i].verdict === want;
      byVerdict[want][1]++;
      if (ok) byVerdict[want][0]++;
      total++;
      if (ok) right++;
    });
  }
  return { byVerdict, right, total };
}

export const pct = (right: number, total: number): string =>
  total === 0 ? '   –  ' : `${((100 * right) / total).toFixed(1).padStart(5)}%`;

type Json = Record<string, unknown>;

/** Threshold overrides deep-merged into the thresholds (objects merge, anything else replaces). */
export function mergeOverrides(base: unknown, overrides: unknown): unknown {
  if (typeof base !== 'object' || base === null || Array.isArray(base)) return overrides;
  const out: Json = { ...(base as Json) };
  for (const [k, v] of Object.entries((overrides ?? {}) as Json)) out[k] = mergeOverrides((base as Json)[k], v);
  return out;
}
