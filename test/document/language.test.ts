import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/document/language.js';

const corpus = (name: string) =>
  readFileSync(join(process.cwd(), '..', 'shared', 'corpus', 'ai-text', name), 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { text: string; language?: string; meta?: Record<string, unknown> });

describe('language of the essay', () => {
  it('tells English from French from other languages', () => {
    expect(
      detectLanguage('Keeping the Allies together is harder today than when I joined the NATO desk in my ministry.'),
    ).toBe('en');
    expect(
      detectLanguage(
        "Préserver l'unité des Alliés est devenu plus difficile avec les élections et les débats budgétaires.",
      ),
    ).toBe('fr');
    expect(
      detectLanguage(
        'Die Einheit der Verbündeten zu bewahren ist heute schwieriger als früher, weil Regierungen wechseln.',
      ),
    ).toBe('other');
    expect(
      detectLanguage(
        'Mantener la unidad de los aliados es hoy más difícil que cuando empecé a trabajar en el ministerio.',
      ),
    ).toBe('other');
  });

  it('reads non-native English essays as English', () => {
    const texts = corpus('l2-argumentative/l2-argumentative.jsonl').filter(
      (t) => (t as { label?: string }).label === 'human',
    );
    const english = texts.filter((t) => detectLanguage(t.text) === 'en').length;
    expect(english / texts.length).toBeGreaterThan(0.99);
  });

  it('reads the French AI-written essays of the nato-llm set as French', () => {
    const french = corpus('nato-llm/nato-llm.jsonl').filter((t) => t.language === 'fr');
    expect(french.length).toBeGreaterThan(0);
    for (const t of french) expect(detectLanguage(t.text)).toBe('fr');
  });
});
