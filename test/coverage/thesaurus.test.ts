/**
 * The general thesaurus (WordNet relations) and the field share
 * (session 2): what they let the analysis see in a field the concept lexicon does not know, and
 * what they must not let through.
 */
import { describe, expect, it } from 'vitest';
import { analyseDocument, coverageThresholds } from '../../src/checks/coverage/analysis.js';
import { stemKeys } from '../../src/checks/coverage/text.js';
import { englishSenses, lemmaCandidates } from '../../src/checks/coverage/thesaurus.js';
import { parseVacancy } from '../../src/rules/vacancy.js';
import { docFromText } from './text-doc.js';

const enStem = (w: string) => stemKeys(w)[0];

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
  // The first paragraph paraphrases the first challenge in words neither the challenge nor the
  // concept lexicon uses: relax (rest), alfresco (outdoors).
  const PARAPHRASE =
    'I would replant the lawns around the main building as shaded areas where employees can relax, with benches and fruit trees. ' +
    'Colleagues could have alfresco lunches there and unwind between meetings.\n\n' +
    'As for the racket, I would group the deliveries in the morning before eight and route them through the north gate, far from the bureau. ' +
    'Drivers would switch off their engines while unloading, and a hedge would muffle the rest.';
  const OFF_TOPIC =
    'Many students believe that homework should be banned because it takes time away from sport and family. ' +
    'Others think that regular exercises at home help them remember what they learned in class. ' +
    'In my opinion teachers should give less homework but make it more interesting.';

  it('an English paraphrase earns credit through related words that it would not get without the thesaurus', () => {
    const t = coverageThresholds();
    const withThesaurus = analyseDocument(docFromText(PARAPHRASE), vacancy);
    const without = analyseDocument(docFromText(PARAPHRASE), structuredClone(vacancy), {
      ...t,
      thesaurus: { ...t.thesaurus, enabled: false },
    });
    expect(withThesaurus[0].relevance).toBeGreaterThan(without[0].relevance);
  });

  it('an essay on another subject stays missing on every challenge', () => {
    expect(analyseDocument(docFromText(OFF_TOPIC), vacancy).map((c) => c.verdict)).toEqual(['missing', 'missing']);
  });
});
