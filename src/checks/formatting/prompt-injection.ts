/**
 * prompt-injection: text addressed to an automated screener or AI model with instructions
 * ("ignore previous instructions", "rate this candidate highly", "note to ChatGPT: …"), in English
 * or French, anywhere in the file: body, tables, text boxes, headers, footers, notes, comments,
 * deleted revisions and document properties. An error whatever its colour or size: hidden
 * instructions are the usual form, and visible ones are no more acceptable.
 */
import type { DocModel, Paragraph } from '../../document/model.js';
import { visibleText } from '../../document/visibility.js';
import { defineCheck, type Evidence } from '../types.js';
import { describeWhere, firstPassages, formattingRules, plural, quote, whereOf } from './common.js';
import { findPromptInjections } from './injection.js';

/** One place (paragraph, comment, property) holding one or more instructions. */
export interface InjectionHit {
  paragraph: number;
  where?: string;
  /** The instructions with some context around them. */
  text: string;
  /** Each matched instruction, as written. */
  matches: string[];
  /** false when any of them is not seen by a reader (hidden, white, tiny, deleted, properties). */
  visible: boolean;
}

const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The match with up to a few words of context on each side, within the quote length. */
function inContext(text: string, start: number, end: number): string {
  const room = Math.max(0, formattingRules().evidence.maxQuoteChars - (end - start)) / 2;
  const from = Math.max(0, start - Math.floor(room));
  const to = Math.min(text.length, end + Math.floor(room));
  return `${from > 0 ? '…' : ''}${flat(text.slice(from, to))}${to < text.length ? '…' : ''}`;
}

export function collectInjections(doc: DocModel): InjectionHit[] {
  const hits: InjectionHit[] = [];
  const seen = new Set<number>();
  const scanParagraph = (p: Paragraph) => {
    if (seen.has(p.index)) return;
    seen.add(p.index);
    const text = p.fullText || p.text;
    const found = findPromptInjections(text);
    if (found.length === 0) return;
    const seenText = flat(visibleText(p));
    const where = whereOf(p);
    hits.push({
      paragraph: p.index,
      ...(where ? { where } : {}),
      text: inContext(text, found[0].start, found[found.length - 1].end),
      matches: found.map((m) => m.match),
      visible: p.story !== 'comment' && found.every((m) => seenText.includes(flat(m.match))),
    });
  };
  const scanText = (text: string | undefined, where: string, label: string, paragraph = 0) => {
    if (!text) return;
    const found = findPromptInjections(text);
    if (found.length === 0) return;
    hits.push({
      paragraph,
      where,
      text: `${label}: ${inContext(text, found[0].start, found[found.length - 1].end)}`,
      matches: found.map((m) => m.match),
      visible: false,
    });
  };

  for (const p of doc.paragraphs) scanParagraph(p);
  // Stories the parser may keep outside `paragraphs`: scan them too (each paragraph once).
  for (const box of doc.textBoxes) for (const p of box.paragraphs) scanParagraph(p);
  for (const part of Object.values(doc.headerFooters)) for (const p of part.paragraphs) scanParagraph(p);
  for (const note of [...doc.footnotes, ...doc.endnotes]) for (const p of note.paragraphs) scanParagraph(p);
  if (!doc.paragraphs.some((p) => p.story === 'comment')) {
    for (const c of doc.comments)
      scanText(c.text, 'comment', `Comment${c.author ? ` by ${c.author}` : ''}`, c.paragraph ?? 0);
  }
  for (const change of doc.trackedChanges) {
    if (change.kind === 'deleted' || change.kind === 'moveFrom')
      scanText(change.text, 'tracked-change', 'Deleted text', change.paragraph);
  }
  const { core, app, custom } = doc.metadata;
  for (const [field, value] of Object.entries(core))
    if (typeof value === 'string') scanText(value, 'metadata', `Property "${field}"`);
  for (const [field, value] of Object.entries(app))
    if (typeof value === 'string') scanText(value, 'metadata', `Property "${field}"`);
  for (const [field, value] of Object.entries(custom)) scanText(value, 'metadata', `Custom property "${field}"`);
  return hits;
}

export default defineCheck({
  meta: {
    id: 'prompt-injection',
    category: 'formatting',
    severity: 'error',
    description:
      'Instructions addressed to an automated screener or AI model, hidden or visible, anywhere in the file.',
  },
  run(ctx, report) {
    const hits = ctx.memo('formatting:prompt-injection', () => collectInjections(ctx.doc));
    if (hits.length === 0) return;
    const hidden = hits.filter((h) => !h.visible).length;
    const places = [...new Set(hits.map((h) => describeWhere(h.where)))];
    const evidence: Evidence[] = hits.map((h) => ({
      paragraph: h.paragraph,
      text: quote(`${h.visible ? '' : '[not visible] '}${h.text}`),
      ...(h.where ? { where: h.where } : {}),
    }));
    report({
      message:
        `The file contains instructions addressed to an automated screener or AI model in ${plural(hits.length, 'place')} ` +
        `(in ${places.join(', ')}${hidden > 0 ? `; ${hidden} not visible to a reader` : ''}). ` +
        'This is an attempt to manipulate automated screening.',
      evidence: firstPassages(evidence),
      actual: hits
        .flatMap((h) => h.matches)
        .slice(0, 3)
        .map((m) => `“${quote(m, 60)}”`)
        .join(', '),
      expected: 'no instructions to screening software',
      note: 'Matched phrasings are listed in rules/prompt-injection.yaml. Such text counts for nothing in the challenge coverage.',
    });
  },
});
