import { describe, expect, it } from 'vitest';
import { judgeFilename } from '../../src/checks/compliance/filename.js';
import { findVacancy, parseVacancy } from '../../src/rules/vacancy.js';

const v250875 = findVacancy('250875')!;
const asg = findVacancy('ASG-PASP')!;

describe('filename rule', () => {
  const table: Array<[string, 'pass' | 'warn' | 'fail', RegExp?]> = [
    ['250875 - Key challenges - Jane Doe.docx', 'pass'],
    ['250875_Key_challenges_JDoe.docx', 'pass'],
    ['Key Challenges 250875.docx', 'pass'],
    ['KEY CHALLENGES (250875).DOCX', 'pass'],
    ['PASP0109 Key challenges.docx', 'pass'],
    ['pasp0016_key_challenges.docx', 'pass'],
    ['250875 Key  challenges.docx', 'pass'],
    ['250875-KeyChallenges.docx', 'warn', /without a space/],
    ['250875 key-challenges.docx', 'warn'],
    ['2508750 Key challenges.docx', 'fail', /stand on its own/],
    ['X250875 Key challenges.docx', 'fail', /stand on its own/],
    ['Key challenges.docx', 'fail', /reference "250875" or "PASP0109" or "PASP0016" is missing/],
    ['250875 Key challenge.docx', 'fail', /plural/],
    ['250875 Key chalenges.docx', 'fail', /"Key challenges" are missing/],
    ['250875 Défis clés.docx', 'fail', /"Key challenges" are missing/],
    ['250875 Challenges key.docx', 'fail'],
    ['essay.docx', 'fail', /reference .* missing; and the words "Key challenges" are missing/],
  ];
  it.each(table)('%s → %s', (name, verdict, message) => {
    const result = judgeFilename(name, v250875);
    expect(result.verdict).toBe(verdict);
    if (message) expect(result.message).toMatch(message);
  });

  it('the extension is not part of the name', () => {
    expect(judgeFilename('250875 Key challenges.docx', v250875).message).not.toContain('.docx');
  });

  it('accepts aliases with internal spaces written with any separator', () => {
    expect(judgeFilename('ASG_PASP Key challenges.docx', asg).verdict).toBe('pass');
    expect(judgeFilename('ASG-PASP - Key challenges.docx', asg).verdict).toBe('pass');
    expect(judgeFilename('ASGPASPX Key challenges.docx', asg).verdict).toBe('fail');
  });

  it('uses the filename words of any vacancy file', () => {
    const custom = parseVacancy(
      'reference: "LOG-77"\ntitle: Logistics officer\nessay: { maxPages: 1, filenameWords: "Motivation statement" }\nchallenges:\n  - text: Keep the supply chain running through a crisis.\n',
      'custom.yaml',
    );
    expect(judgeFilename('LOG-77 Motivation statement.docx', custom).verdict).toBe('pass');
    expect(judgeFilename('LOG-77 Key challenges.docx', custom).verdict).toBe('fail');
  });
});
