/**
 * text-box: essay text placed in text boxes or shapes (DrawingML wps:txbx or VML v:textbox) rather
 * than in the page's text flow. Boxes can sit in the margins, overlap the text, and escape word
 * and page counts. A short label or callout is fine. The parser reads the DrawingML box and skips
 * its VML fallback copy; boxes with the same text at the same anchor are still counted once here.
 */
import type { TextBox } from '../../document/model.js';
import { defineCheck, type Evidence } from '../types.js';
import { countWords, firstPassages, formattingRules, percent, plural, quote } from './common.js';

export interface BoxText {
  box: TextBox;
  text: string;
  words: number;
}

/** Text boxes with their visible text, one entry per distinct box. */
export function distinctTextBoxes(boxes: TextBox[]): BoxText[] {
  const seen = new Set<string>();
  const out: BoxText[] = [];
  for (const box of boxes) {
    const text = (box.paragraphs.length > 0 ? box.paragraphs.map((p) => p.text).join('\n') : box.text).trim();
    const key = `${box.anchorParagraph}\u0000${text.replace(/\s+/g, ' ')}`;
    if (!text || seen.has(key)) continue;
    seen.add(key);
    out.push({ box, text, words: countWords(text) });
  }
  return out;
}

export default defineCheck({
  meta: {
    id: 'text-box',
    category: 'formatting',
    severity: 'warning',
    description: 'Essay text inside text boxes or shapes, beyond a short label.',
  },
  run(ctx, report) {
    const rules = formattingRules().textBox;
    const boxes = distinctTextBoxes(ctx.doc.textBoxes).filter((b) => b.words > rules.labelMaxWords);
    if (boxes.length === 0) return;
    const boxWords = boxes.reduce((sum, b) => sum + b.words, 0);
    const essayWords = ctx.doc.bodyParagraphs.reduce((sum, p) => sum + countWords(p.text), 0);
    const share = essayWords > 0 ? Math.min(1, boxWords / essayWords) : 1;
    const evidence: Evidence[] = boxes.map((b) => ({
      paragraph: b.box.paragraphs[0]?.index ?? b.box.anchorParagraph,
      text: quote(b.text),
      where: 'textbox',
    }));
    report({
      message:
        `${plural(boxWords, 'word')} of text (${percent(share)} of the essay) ${boxWords === 1 ? 'is' : 'are'} in ` +
        `${plural(boxes.length, 'text box', 'text boxes')} or shapes, outside the page's normal text flow, where they can sit in ` +
        'the margins and escape page and word counts.',
      evidence: firstPassages(evidence),
      actual: `${plural(boxWords, 'word')} in ${plural(boxes.length, 'box', 'boxes')}`,
      expected: `no text boxes beyond labels of ≤ ${rules.labelMaxWords} words`,
    });
  },
});
