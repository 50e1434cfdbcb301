import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyseDocument, coverageThresholds } from '../../src/checks/coverage/analysis.js';
import { glossary } from '../../src/checks/coverage/glossary.js';
import { stemKeys } from '../../src/checks/coverage/text.js';
import { parseVacancy } from '../../src/rules/vacancy.js';
import { docFromText } from './text-doc.js';

const DIR = new URL('../../rules/coverage/glossary-en-fr/', import.meta.url);
const frenchKey = (word: string) => stemKeys(word).at(-1) as string;

describe('English-French glossary', () => {
  it('reads every entry of every domain file as "english<TAB>french"', () => {
    let lines = 0;
    for (const file of readdirSync(DIR).filter((f) => f.endsWith('.tsv'))) {
      for (const line of readFileSync(new URL(file, DIR), 'utf8').split('\n')) {
        if (!line.trim() || line.startsWith('#')) continue;
        lines++;
        const [en, fr, extra] = line.split('\t');
        expect(extra, `${file}: ${line}`).toBeUndefined();
        expect(en.trim() && fr?.trim(), `${file}: ${line}`).toBeTruthy();
      }
    }
    expect(glossary().size).toBe(lines);
    expect(lines).toBeGreaterThan(3000);
  });

  it('gives the French equivalents of an English word, one-word ones at full credit', () => {
    const out = glossary().translate('supplier', 'en', new Set(), 0.3);
    expect(out.words.get(frenchKey('fournisseur'))).toBe(1);
  });

  it('gives the English equivalents of a French word', () => {
    const out = glossary().translate('fournisseur', 'fr', new Set(), 0.3);
    expect(out.words.get(stemKeys('supplier')[0])).toBe(1);
  });

  it('credits each word of a longer equivalent less, and gives the whole term as a phrase', () => {
    // workload → "charge de travail"; underspending → "sous-exécution", which is more than "exécution".
    const workload = glossary().translate('workload', 'en', new Set(), 0.3);
    expect(workload.words.get(frenchKey('travail'))).toBe(0.3);
    expect(workload.phrases).toContainEqual([stemKeys('charge'), stemKeys('travail')]);
    expect(glossary().translate('underspending', 'en', new Set(), 0.3).words.get(frenchKey('exécution'))).toBe(0.3);
  });

  it('uses a term of several words only when the challenge has all of them', () => {
    // "lessons learned" → "retour d'expérience": not for "lessons" alone.
    const alone = glossary().translate('lessons', 'en', new Set(), 0.3);
    expect(alone.words.has(frenchKey('retour'))).toBe(false);
    const inContext = glossary().translate('lessons', 'en', new Set(stemKeys('learned')), 0.3);
    expect(inContext.words.get(frenchKey('retour'))).toBe(0.3);
  });
});

describe('a French essay against English challenges', () => {
  // A field the concept lexicon has no entries for, so only the glossary and cognates bridge the
  // languages.
  const vacancy = parseVacancy(
    [
      'reference: TEST-SUPPLY',
      'title: Head, Supply Section',
      'essay:',
      '  maxPages: 1',
      'challenges:',
      '  - text: "Secure the supply of spare parts and prevent stockouts across the warehouse network."',
      '  - text: "Reduce underspending and the carry-over of unused appropriations at year end."',
    ].join('\n'),
    'test',
  );
  const essay = [
    'Défis clés',
    'Les ruptures de stock de pièces détachées immobilisent nos véhicules pendant des semaines. Je cartographierais les fournisseurs de chaque pièce critique, je fixerais un stock de sécurité par entrepôt et je qualifierais un second fournisseur pour les références sans alternative. Un inventaire physique trimestriel fiabiliserait enfin les données de consommation.',
    "La sous-consommation des crédits est l'autre faiblesse : chaque année une part importante des crédits ouverts fait l'objet d'un report. Je réviserais le calendrier des engagements avec chaque service tous les trimestres, je transférerais les fonds des projets en retard vers ceux qui sont prêts et je limiterais les reports aux engagements juridiques signés.",
  ].join('\n');

  it('is covered on both challenges through the glossary, and not without it', () => {
    const t = coverageThresholds();
    const withGlossary = analyseDocument(docFromText(essay), vacancy, t).map((c) => c.verdict);
    const without = analyseDocument(docFromText(essay), vacancy, { ...t, glossary: { ...t.glossary, enabled: false } });
    expect(withGlossary).toEqual(['covered', 'covered']);
    expect(without.map((c) => c.verdict)).not.toEqual(['covered', 'covered']);
  });

  it('quotes the French paragraph that covers each challenge', () => {
    const [supply, budget] = analyseDocument(docFromText(essay), vacancy);
    expect(supply.evidence.map((e) => e.text).join(' ')).toContain('pièces détachées');
    expect(budget.evidence.map((e) => e.text).join(' ')).toContain('sous-consommation');
  });
});
