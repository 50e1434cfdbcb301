/**
 * white-text: text whose colour matches its background (white on white paper, yellow on a yellow
 * highlight, white in a white table cell or text box, letters with no fill…), so a reader does not
 * see it while word counts and screeners read it. The background is the run's highlight or shading,
 * the paragraph's shading, or the fill of its table cell or text box (src/document/visibility.ts).
 */
import { defineCheck } from '../types.js';
import { countWords, evidenceFor, firstPassages, formattingRules, plural, severityByWords } from './common.js';
import { invisibleTextOf } from './invisible.js';

export default defineCheck({
  meta: {
    id: 'white-text',
    category: 'formatting',
    severity: 'warning',
    description: 'Text coloured like its background (e.g. white on white), invisible to a reader.',
  },
  run(ctx, report) {
    const rules = formattingRules().whiteText;
    const passages = invisibleTextOf(ctx).passages.filter((p) => p.reason === 'white' && p.letters > 0);
    const letters = passages.reduce((sum, p) => sum + p.letters, 0);
    if (letters < rules.minLetters) return;
    const words = passages.reduce((sum, p) => sum + countWords(p.text), 0);
    report({
      severity: severityByWords(words, rules),
      message:
        `${plural(words, 'word')} in ${plural(passages.length, 'paragraph')} ${words === 1 ? 'is' : 'are'} coloured like the ` +
        'background behind them: a reader does not see them, but word counts, keyword searches and automated screeners do.',
      evidence: firstPassages(
        passages.map((p) => evidenceFor(p.paragraph, `[${[...p.details].join(', ')}] ${p.text}`)),
      ),
      actual: plural(words, 'invisible word'),
      expected: 'text in a colour that contrasts with its background',
    });
  },
});
