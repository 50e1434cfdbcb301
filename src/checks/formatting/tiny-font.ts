/**
 * tiny-font: body text set below the readable size (9 pt) to fit more words on the page.
 * Captions, notes, headers/footers, superscripts/subscripts, page numbers and a few stray small
 * characters are normal and ignored. Text too small to read at all (≤ 2 pt), hidden or white text
 * belongs to hidden-text / white-text and is not counted twice.
 */
import type { Paragraph } from '../../document/model.js';
import { invisibleReason } from '../../document/visibility.js';
import { defineCheck, type Evidence } from '../types.js';
import { countNonSpace, evidenceFor, firstPassages, formattingRules, percent, plural, textInlines } from './common.js';

const normaliseStyle = (name: string): string => name.toLowerCase().replace(/[\s_-]+/g, '');

export interface TinyFontAnalysis {
  /** Non-space characters of visible body text. */
  bodyCharacters: number;
  /** Non-space characters below the limit (after the exceptions). */
  tinyCharacters: number;
  smallestPt: number;
  passages: Array<{ paragraph: Paragraph; text: string; sizes: number[] }>;
}

export function analyseTinyFont(bodyParagraphs: Paragraph[]): TinyFontAnalysis {
  const rules = formattingRules().tinyFont;
  const ignored = new Set(rules.ignoreStyles.map(normaliseStyle));
  const pageNumber = new RegExp(rules.pageNumberPattern, 'iu');
  const result: TinyFontAnalysis = { bodyCharacters: 0, tinyCharacters: 0, smallestPt: Infinity, passages: [] };

  for (const paragraph of bodyParagraphs) {
    const visible = textInlines(paragraph).filter((inline) => !invisibleReason(inline, paragraph));
    let tinyText = '';
    const sizes = new Set<number>();
    for (const inline of visible) {
      result.bodyCharacters += countNonSpace(inline.text);
      if (inline.sizePt < rules.minBodyPt && !inline.vertAlign) {
        tinyText += inline.text;
        sizes.add(inline.sizePt);
      } else {
        tinyText += ' ';
      }
    }
    const tiny = countNonSpace(tinyText);
    if (tiny === 0) continue;
    const style = [paragraph.styleId, paragraph.styleName].filter((s): s is string => !!s).map(normaliseStyle);
    if (style.some((s) => ignored.has(s))) continue;
    if (pageNumber.test(paragraph.text)) continue;
    if (tiny < rules.minCharactersPerParagraph) continue;
    result.tinyCharacters += tiny;
    result.smallestPt = Math.min(result.smallestPt, ...sizes);
    result.passages.push({ paragraph, text: tinyText, sizes: [...sizes].sort((a, b) => a - b) });
  }
  return result;
}

export default defineCheck({
  meta: {
    id: 'tiny-font',
    category: 'formatting',
    severity: 'warning',
    description: 'Body text set below 9 pt (captions, notes, superscripts and page numbers excepted).',
  },
  run(ctx, report) {
    const rules = formattingRules().tinyFont;
    const analysis = ctx.memo('formatting:tiny-font', () => analyseTinyFont(ctx.doc.bodyParagraphs));
    const share = analysis.bodyCharacters > 0 ? analysis.tinyCharacters / analysis.bodyCharacters : 1;
    if (analysis.tinyCharacters < rules.minCharacters || share < rules.minShare) return;
    const evidence: Evidence[] = analysis.passages.map((p) =>
      evidenceFor(p.paragraph, `[${p.sizes.join('/')} pt] ${p.text}`),
    );
    report({
      message:
        `${percent(share)} of the essay's text (${plural(analysis.passages.length, 'paragraph')}) is set below ` +
        `${rules.minBodyPt} pt, down to ${analysis.smallestPt} pt. Small type fits more words on the page than the limit intends.`,
      evidence: firstPassages(evidence),
      actual: `${analysis.smallestPt} pt on ${percent(share)} of the text`,
      expected: `≥ ${rules.minBodyPt} pt`,
      note: 'Captions, footnotes, headers and footers, superscripts and subscripts, page numbers and single symbols are not counted.',
    });
  },
});
