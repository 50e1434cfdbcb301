import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  bundledVacancies,
  findVacancy,
  loadVacancyFile,
  parseVacancy,
  RuleFileError,
  resolveVacancy,
} from '../../src/rules/vacancy.js';

describe('vacancy rule files', () => {
  it('bundles the two vacancies from the notices', () => {
    const v1 = findVacancy('250875')!;
    expect(v1.essay.maxPages).toBe(1);
    expect(v1.essay.paper).toBe('A4');
    expect(v1.challenges).toHaveLength(3);
    expect(findVacancy('pasp0109')).toBe(v1);
    expect(findVacancy('PASP0016')).toBe(v1);
    const v2 = findVacancy('ASG-PASP')!;
    expect(v2.essay.maxPages).toBe(2);
    expect(v2.challenges).toHaveLength(4);
    expect(bundledVacancies().length).toBeGreaterThanOrEqual(2);
  });

  it('fills defaults for optional fields', () => {
    const v = parseVacancy(
      'reference: 123\ntitle: T\nessay: { maxPages: 2 }\nchallenges:\n  - text: Do something useful here.\n',
      'x.yaml',
    );
    expect(v.reference).toBe('123');
    expect(v.essay.paper).toBe('A4');
    expect(v.essay.filenameWords).toBe('Key challenges');
    expect(v.aliases).toEqual([]);
    expect(v.challenges[0].terms).toEqual([]);
  });

  const invalid: Array<[string, string, RegExp]> = [
    [
      'missing reference',
      'title: T\nessay: { maxPages: 1 }\nchallenges:\n  - text: Do something useful here.\n',
      /x\.yaml.*"reference"/,
    ],
    [
      'missing title',
      'reference: "1"\nessay: { maxPages: 1 }\nchallenges:\n  - text: Do something useful here.\n',
      /"title"/,
    ],
    [
      'maxPages not a number',
      'reference: "1"\ntitle: T\nessay:\n  maxPages: one\nchallenges:\n  - text: Do something useful here.\n',
      /x\.yaml:4: field "essay\.maxPages"/,
    ],
    ['no challenges', 'reference: "1"\ntitle: T\nessay: { maxPages: 1 }\nchallenges: []\n', /"challenges"/],
    [
      'unknown paper',
      'reference: "1"\ntitle: T\nessay: { maxPages: 1, paper: B5 }\nchallenges:\n  - text: Do something useful here.\n',
      /"essay\.paper"/,
    ],
    [
      'challenge text missing',
      'reference: "1"\ntitle: T\nessay: { maxPages: 1 }\nchallenges:\n  - title: X\n',
      /x\.yaml:5: field "challenges\.0\.text"/,
    ],
    ['unknown field (typo)', 'reference: "1"\ntitle: T\nessay: { maxPages: 1 }\nchalenges: []\n', /x\.yaml/],
    ['broken YAML', 'reference: "1\ntitle: [\n', /x\.yaml.*not valid YAML/],
  ];
  it.each(invalid)('rejects a file with %s, naming file, line and field', (_name, text, message) => {
    expect(() => parseVacancy(text, 'x.yaml')).toThrow(RuleFileError);
    expect(() => parseVacancy(text, 'x.yaml')).toThrow(message);
  });

  it('loads any file given with --rules and reports unknown references clearly', () => {
    const dir = mkdtempSync(join(tmpdir(), 'vac-'));
    const file = join(dir, 'it.yaml');
    writeFileSync(
      file,
      'reference: IT-1\ntitle: IT lead\nessay: { maxPages: 1 }\nchallenges:\n  - text: Modernise the network without outages.\n',
    );
    expect(resolveVacancy({ rules: file }).reference).toBe('IT-1');
    expect(loadVacancyFile(file).source).toBe(file);
    expect(() => resolveVacancy({ vacancy: 'NOPE' })).toThrow(/unknown vacancy "NOPE".*250875/);
    expect(() => loadVacancyFile(join(dir, 'missing.yaml'))).toThrow(/cannot read/);
  });
});
