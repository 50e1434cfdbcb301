/**
 * Text a reader does not see, by reason (src/document/visibility.ts invisibleReason), gathered once
 * per screening for the hidden-text and white-text checks. Not a check: no default export.
 */
import type { DocModel, Paragraph, RunFormat } from '../../document/model.js';
import { backgroundOf, type InvisibleReason, invisibleReason, PAPER } from '../../document/visibility.js';
import type { CheckContext } from '../types.js';
import { countLetters, countNonSpace, textInlines } from './common.js';

export interface InvisiblePassage {
  paragraph: Paragraph;
  reason: InvisibleReason;
  /** The invisible text of this paragraph for this reason (separate stretches joined by ' … '). */
  text: string;
  letters: number;
  /** Font sizes and colours involved, for the evidence ("white on white", "1 pt"). */
  details: Set<string>;
}

export interface InvisibleAnalysis {
  /** Non-space characters of all text in the stories a reader sees. */
  totalCharacters: number;
  passages: InvisiblePassage[];
}

// Comments are not part of the page; their formatting is not a trick.
const READ_STORIES = new Set<Paragraph['story']>([
  'body',
  'table',
  'textbox',
  'header',
  'footer',
  'footnote',
  'endnote',
]);

/** "colour #FFFFFF" on the paper, "colour #FFFFFF on #FFFFFF" on a fill, "no fill" for transparent letters. */
function colourDetail(inline: RunFormat, paragraph: Paragraph): string {
  const background = backgroundOf(inline, paragraph);
  const letters = inline.textFill === 'none' ? 'no fill' : `colour #${inline.textFill ?? inline.color}`;
  return background === PAPER && !paragraph.background ? letters : `${letters} on #${background}`;
}

export function analyseInvisibleText(doc: DocModel): InvisibleAnalysis {
  const passages: InvisiblePassage[] = [];
  let totalCharacters = 0;
  for (const paragraph of doc.paragraphs) {
    if (!READ_STORIES.has(paragraph.story)) continue;
    const byReason = new Map<InvisibleReason, InvisiblePassage>();
    let previous: InvisibleReason | undefined;
    for (const inline of textInlines(paragraph)) {
      totalCharacters += countNonSpace(inline.text);
      const reason = invisibleReason(inline, paragraph);
      if (!reason) {
        if (inline.text.trim()) previous = undefined;
        continue;
      }
      let passage = byReason.get(reason);
      if (!passage) {
        passage = { paragraph, reason, text: '', letters: 0, details: new Set() };
        byReason.set(reason, passage);
      }
      // A visible word between two invisible stretches separates them in the quote.
      passage.text += passage.text && previous !== reason ? ` … ${inline.text}` : inline.text;
      passage.letters += countLetters(inline.text);
      if (reason === 'unreadable-size') passage.details.add(`${inline.sizePt} pt`);
      if (reason === 'white') passage.details.add(colourDetail(inline, paragraph));
      previous = reason;
    }
    passages.push(...byReason.values());
  }
  return { totalCharacters, passages };
}

export const invisibleTextOf = (ctx: CheckContext): InvisibleAnalysis =>
  ctx.memo('formatting:invisible-text', () => analyseInvisibleText(ctx.doc));
