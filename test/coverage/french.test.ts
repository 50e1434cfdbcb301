import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lexicon, tagConcepts } from '../../src/checks/coverage/lexicon.js';
import { tokenize } from '../../src/checks/coverage/text.js';

const rarityOf = (word: string): number => tagConcepts(tokenize(word, false), lexicon())[0].rarity;

describe('French word frequencies', () => {
  it('reads every entry of rules/coverage/french-frequency.tsv as "word<TAB>zipf"', () => {
    const lines = readFileSync(new URL('../../rules/coverage/french-frequency.tsv', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    expect(lines.length).toBeGreaterThan(4000);
    for (const line of lines) expect(line, line).toMatch(/^[^\t]+\t\d+(\.\d+)?$/);
  });

  it('weighs common French words as common and rare ones as rare', () => {
    // Without the table every French word unknown to the English table weighed 1 (rare).
    expect(rarityOf('travail')).toBeLessThan(0.5);
    for (const common of ['mettent', 'garantir', 'projet']) expect(rarityOf(common), common).toBeLessThan(0.8);
    for (const rare of ['ponctualité', 'désarmement']) expect(rarityOf(rare), rare).toBe(1);
    expect(rarityOf('travail')).toBeLessThan(rarityOf('confidentialité'));
  });

  it('leaves English words to the English table', () => {
    expect(rarityOf('work')).toBeLessThan(0.6);
    expect(rarityOf('interoperability')).toBe(1);
  });
});
