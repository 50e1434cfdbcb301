/**
 * Essays for another post of the same organisation (session 2): the nato-llm essays written for
 * notices 003 (vacancy C, Building Integrity) and 004 (vacancy D, Plans) against the invented
 * vacancies drawn from those notices (BI-GOV, PLANS-FR with French challenges). The right post is
 * mostly covered; the other post, which shares the organisation's vocabulary, mostly missing.
 * Reads ../shared/corpus (skipped when absent).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyseDocument } from '../../src/checks/coverage/analysis.js';
import { loadVacancyFile } from '../../src/rules/vacancy.js';
import { docFromText } from './text-doc.js';

const CORPUS = resolve(process.cwd(), '..', 'shared', 'corpus', 'ai-text', 'nato-llm', 'nato-llm.jsonl');
const vacancy = (name: string) => loadVacancyFile(new URL(`./vacancies/${name}.yaml`, import.meta.url).pathname);

describe.skipIf(!existsSync(CORPUS))('essays for another post of the organisation', () => {
  const essays = existsSync(CORPUS)
    ? readFileSync(CORPUS, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { vacancy: string; text: string })
        .filter((e) => e.vacancy === 'C' || e.vacancy === 'D')
    : [];
  const posts = { C: vacancy('BI-GOV'), D: vacancy('PLANS-FR') };
  const coveredShare = (right: boolean): number => {
    let covered = 0;
    let all = 0;
    for (const e of essays) {
      const own = e.vacancy === 'C' ? 'C' : 'D';
      const target = right ? posts[own] : posts[own === 'C' ? 'D' : 'C'];
      for (const d of analyseDocument(docFromText(e.text), target)) {
        all++;
        if (d.verdict === 'covered') covered++;
      }
    }
    return covered / all;
  };

  it('covers most challenges of the post an essay was written for (85 % when measured)', () => {
    expect(essays.length).toBe(20);
    expect(coveredShare(true)).toBeGreaterThanOrEqual(0.8);
  });

  it('covers few challenges of the other post (17 % when measured, 33 % before the field cap)', () => {
    expect(coveredShare(false)).toBeLessThanOrEqual(0.2);
  });
});
