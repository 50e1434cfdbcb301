/**
 * hidden-text: text formatted as hidden (w:vanish) or too small to read (≤ 2 pt). It does not
 * show on the page but is read by word counts, keyword searches and automated screeners.
 */
import { defineCheck } from '../types.js';
import { countWords, evidenceFor, firstPassages, formattingRules, plural, severityByWords } from './common.js';
import { invisibleTextOf } from './invisible.js';

export default defineCheck({
  meta: {
    id: 'hidden-text',
    category: 'formatting',
    severity: 'warning',
    description: 'Text formatted as hidden, or too small to read (≤ 2 pt).',
  },
  run(ctx, report) {
    const rules = formattingRules().hiddenText;
    const passages = invisibleTextOf(ctx).passages.filter(
      (p) => (p.reason === 'hidden' || p.reason === 'unreadable-size') && p.letters > 0,
    );
    const letters = passages.reduce((sum, p) => sum + p.letters, 0);
    if (letters < rules.minLetters) return;
    const words = passages.reduce((sum, p) => sum + countWords(p.text), 0);
    const hidden = passages.filter((p) => p.reason === 'hidden').length;
    const tiny = passages.length - hidden;
    const how = [hidden > 0 ? 'formatted as hidden' : '', tiny > 0 ? 'set too small to read' : '']
      .filter(Boolean)
      .join(' or ');
    report({
      severity: severityByWords(words, rules),
      message:
        `${plural(words, 'word')} in ${plural(passages.length, 'paragraph')} ${words === 1 ? 'is' : 'are'} ${how}: ` +
        'a reader does not see them, but word counts, keyword searches and automated screeners do.',
      evidence: firstPassages(
        passages.map((p) =>
          evidenceFor(p.paragraph, `[${p.reason === 'hidden' ? 'hidden' : [...p.details].join(', ')}] ${p.text}`),
        ),
      ),
      actual: plural(words, 'hidden word'),
      expected: 'no hidden text',
    });
  },
});
