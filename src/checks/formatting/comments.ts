/**
 * comments: comments left in the file. They print in the margin when markup is shown and may reveal
 * drafting help. A few short notes are info; many words in comments (essay text parked outside
 * the page) are a warning. Threshold in rules/formatting.yaml.
 */
import { defineCheck, type Evidence } from '../types.js';
import { countWords, firstPassages, formattingRules, plural, quote } from './common.js';

export default defineCheck({
  meta: {
    id: 'comments',
    category: 'formatting',
    severity: 'info',
    description: 'Comments left in the document.',
  },
  run(ctx, report) {
    const rules = formattingRules().comments;
    const comments = ctx.doc.comments.filter((c) => c.text.trim());
    if (comments.length === 0) return;
    const words = comments.reduce((sum, c) => sum + countWords(c.text), 0);
    const authors = [...new Set(comments.map((c) => c.author).filter((a): a is string => !!a))];
    const evidence: Evidence[] = comments.map((c) => ({
      paragraph: c.paragraph ?? 0,
      text: quote(`${c.author ? `${c.author}: ` : ''}${c.text}`),
      where: 'comment',
    }));
    const many = words >= rules.warningWords;
    report({
      severity: many ? 'warning' : 'info',
      message:
        `The document still contains ${plural(comments.length, 'comment')} (${plural(words, 'word')})` +
        `${authors.length ? ` by ${authors.join(', ')}` : ''}.` +
        (many
          ? ' That is more than review notes: essay text may have been placed in comments.'
          : ' They print in the margin when markup is shown.'),
      evidence: firstPassages(evidence),
      actual: plural(comments.length, 'comment'),
      expected: 'no comments',
    });
  },
});
