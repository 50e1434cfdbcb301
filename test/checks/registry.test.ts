import { describe, expect, it } from 'vitest';
import { allChecks } from '../../src/checks/registry.js';
import { createContext, defineCheck, runCheck } from '../../src/checks/types.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';

// The rule ids ../shared/CONTRACT.md requires at least.
const CONTRACT_RULES = [
  'page-limit',
  'paper-size',
  'filename',
  'challenge-missing',
  'challenge-weak',
  'tiny-font',
  'narrow-margins',
  'condensed-spacing',
  'hidden-text',
  'white-text',
  'prompt-injection',
  'text-in-header-footer',
  'text-box',
  'tracked-changes',
  'comments',
  'chatbot-residue',
  'markdown-residue',
  'citation-artifact',
  'llm-vocabulary',
  'low-burstiness',
  'short-editing-time',
  'single-revision',
  'generator-metadata',
  'near-duplicate',
];

describe('check registry', () => {
  it('finds a check for every rule id of the contract, each declared once', async () => {
    const ids = (await allChecks()).map((c) => c.meta.id);
    expect(ids).toEqual(expect.arrayContaining(CONTRACT_RULES));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('every check declares a category, severity and description', async () => {
    for (const check of await allChecks()) {
      expect(['input', 'compliance', 'formatting', 'coverage', 'ai']).toContain(check.meta.category);
      expect(['info', 'warning', 'error']).toContain(check.meta.severity);
      expect(check.meta.description.length).toBeGreaterThan(10);
    }
  });

  it('an AI finding is never an error, whatever the check asks for', async () => {
    const doc = loadDoc(rawDocx({ document: '<w:p><w:r><w:t>Some text of an essay.</w:t></w:r></w:p>' }));
    const ctx = createContext({
      doc,
      vacancy: findVacancy('250875')!,
      file: { name: 'x.docx', sha256: '0'.repeat(64), size: 1 },
      options: { pageEngine: 'layout' },
      bytes: new Uint8Array(),
    });
    const loud = defineCheck({
      meta: { id: 'loud', category: 'ai', severity: 'error', description: 'a check that overreaches' },
      run: (_ctx, report) => report({ message: 'looks generated' }),
    });
    const [finding] = await runCheck(loud, ctx);
    expect(finding).toMatchObject({ rule: 'loud', category: 'ai', severity: 'warning', evidence: [] });
  });
});

describe('a check that fails', () => {
  it('does not turn the candidate’s file into a rejection: the other checks still run and a person is asked to look', async () => {
    const registry = await import('../../src/checks/registry.js');
    const checks = await registry.allChecks();
    const broken = defineCheck({
      meta: { id: 'broken-check', category: 'formatting', severity: 'warning', description: 'Checks something.' },
      run: () => {
        throw new Error('rules file is wrong');
      },
    });
    checks.push(broken);
    try {
      const { screen } = await import('../../src/screen.js');
      const { readFileSync } = await import('node:fs');
      const name = '250875 - Key challenges - A Martin.docx';
      const report = await screen({ bytes: readFileSync(`samples/${name}`), filename: name }, findVacancy('250875')!);
      expect(report.status).toBe('review');
      expect(report.pages?.count).toBe(1);
      const finding = report.findings.find((f) => f.rule === 'broken-check');
      expect(finding).toMatchObject({ severity: 'warning', category: 'input' });
      expect(finding?.message).toMatch(/could not run.*a person should check/);
    } finally {
      checks.pop();
    }
  });
});
