/**
 * tracked-changes: revisions left in the file. With insertions or deletions, what the panel reads
 * (and how many pages it fills) depends on whether Word shows the markup: a warning. Formatting-only
 * revisions leave the text as it is: info. Severities in rules/formatting.yaml.
 */
import type { TrackedChange } from '../../document/model.js';
import { defineCheck, type Evidence } from '../types.js';
import { countWords, firstPassages, formattingRules, plural, quote } from './common.js';

const LABEL: Record<TrackedChange['kind'], string> = {
  inserted: 'inserted',
  deleted: 'deleted',
  moveFrom: 'moved from here',
  moveTo: 'moved here',
  formatChange: 'formatting changed',
};

/** Consecutive changes of one kind by one author in one paragraph, as a reader sees them. */
export function groupChanges(changes: TrackedChange[]): TrackedChange[] {
  const out: TrackedChange[] = [];
  for (const change of changes) {
    const last = out.at(-1);
    if (last && last.paragraph === change.paragraph && last.kind === change.kind && last.author === change.author) {
      last.text += change.text;
    } else {
      out.push({ ...change });
    }
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'tracked-changes',
    category: 'formatting',
    severity: 'warning',
    description: 'Tracked changes (insertions, deletions, moves or formatting revisions) left in the document.',
  },
  run(ctx, report) {
    const rules = formattingRules().trackedChanges;
    const changes = groupChanges(ctx.doc.trackedChanges);
    if (changes.length === 0) return;
    const textual = changes.filter((c) => c.kind !== 'formatChange' && c.text.trim());
    const authors = [...new Set(changes.map((c) => c.author).filter((a): a is string => !!a))];
    const words = textual.reduce((sum, c) => sum + countWords(c.text), 0);
    const shown = textual.length > 0 ? textual : changes;
    const evidence: Evidence[] = shown.map((c) => ({
      paragraph: c.paragraph,
      text: quote(`[${LABEL[c.kind]}${c.author ? ` by ${c.author}` : ''}] ${c.text || '(no text)'}`),
    }));
    report({
      severity: textual.length > 0 ? rules.textChangeSeverity : rules.formatOnlySeverity,
      message:
        textual.length > 0
          ? `The document still contains ${plural(textual.length, 'tracked change')} to the text (${plural(words, 'word')})` +
            `${authors.length ? ` by ${authors.join(', ')}` : ''}. What a reader sees, and the page count, depend on whether Word shows the markup; ` +
            'the candidate should have accepted or rejected them before submitting.'
          : `The document still contains ${plural(changes.length, 'tracked formatting change')}${authors.length ? ` by ${authors.join(', ')}` : ''}; the text itself is final.`,
      evidence: firstPassages(evidence),
      actual: plural(changes.length, 'tracked change'),
      expected: 'no tracked changes',
    });
  },
});
