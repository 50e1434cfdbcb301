/**
 * The general thesaurus (WordNet relations, English↔French translations) and the field share
 * (session 2): what they let the analysis see in a field the concept lexicon does not know, and
 * what they must not let through.
 */
import { describe, expect, it } from 'vitest';
import { analyseDocument, coverageThresholds } from '../../src/checks/coverage/analysis.js';
import { stemKeys } from '../../src/checks/coverage/text.js';
import { englishOf, englishSenses, frenchOf, lemmaCandidates } from '../../src/checks/coverage/thesaurus.js';
import { parseVacancy } from '../../src/rules/vacancy.js';
import { docFromText } from './text-doc.js';

const enStem = (w: string) => stemKeys(w)[0];
const frStem = (w: string) => stemKeys(w).at(-1) as string;

describe('thesaurus tables', () => {
  it('finds a written word under its base form', () => {
    expect(lemmaCandidates('libraries')).toContain('library');
    expect(lemmaCandidates('archived')).toContain('archive');
  });

  it('gives related English words sense by sense, commonest sense first', () => {
    const senses = englishSenses('lawyers');
    expect(senses.length).toBeGreaterThan(0);
    expect(senses[0].rank).toBe(0);
    expect(senses.flatMap((s) => s.related.map(([stem]) => stem))).toContain(enStem('attorney'));
  });

  it('translates English words into French and back, trusting what both pivot dictionaries agree on', () => {
    expect(frenchOf('gardens')).toContainEqual([frStem('jardin'), 1]);
    expect(englishOf(frStem('bibliothèque')).map(([stem]) => stem)).toContain(enStem('library'));
    expect(frenchOf('qwertyuiop')).toEqual([]);
  });
});

describe('coverage in a field the concept lexicon does not know', () => {
  const vacancy = parseVacancy(
    `
reference: T-GARDEN
title: Head of Grounds
essay: { maxPages: 1 }
challenges:
  - text: Redesign the gardens around the headquarters so that staff can rest outdoors.
  - text: Reduce the noise that the delivery lorries make near the offices.
`,
    'inline.yaml',
  );
  const FRENCH =
    'Je réaménagerais les jardins autour du siège en trois espaces de repos ombragés, avec des bancs, des arbres fruitiers et des allées ' +
    "praticables par tous les temps. Les collègues pourraient y déjeuner et s'y détendre entre deux réunions. " +
    "J'associerais le personnel au choix des plantations par un sondage, puis je planifierais les travaux en deux saisons.\n\n" +
    "Quant au bruit, je regrouperais les livraisons des camions le matin avant huit heures et je les ferais passer par l'entrée nord, " +
    'loin des bureaux. Les chauffeurs couperaient le moteur pendant le déchargement, et un écran végétal atténuerait le reste.';
  const OFF_TOPIC =
    'Many students believe that homework should be banned because it takes time away from sport and family. ' +
    'Others think that regular exercises at home help them remember what they learned in class. ' +
    'In my opinion teachers should give less homework but make it more interesting.';

  it('a French essay covers English challenges through the translation tables', () => {
    const withTables = analyseDocument(docFromText(FRENCH), vacancy);
    const t = coverageThresholds();
    const without = analyseDocument(docFromText(FRENCH), structuredClone(vacancy), {
      ...t,
      thesaurus: { ...t.thesaurus, enabled: false },
    });
    expect(withTables.map((c) => c.verdict)).toEqual(['covered', 'covered']);
    expect(without.map((c) => c.verdict)).not.toEqual(['covered', 'covered']);
    expect(withTables[1].relevance).toBeGreaterThan(without[1].relevance);
  });

  it('an essay on another subject stays missing on every challenge', () => {
    expect(analyseDocument(docFromText(OFF_TOPIC), vacancy).map((c) => c.verdict)).toEqual(['missing', 'missing']);
  });
});
