/**
 * condensed-spacing: text squeezed to fit the page — line spacing below single, exact line spacing
 * smaller than the font, condensed character spacing, or letters narrowed by horizontal scaling —
 * on a meaningful share of the essay (one tight heading is not a trick).
 */
import type { Paragraph } from '../../document/model.js';
import { invisibleReason } from '../../document/visibility.js';
import { defineCheck } from '../types.js';
import { countNonSpace, evidenceFor, firstPassages, formattingRules, percent, plural, textInlines } from './common.js';

export type SqueezeKind = 'line-spacing' | 'exact-line-spacing' | 'character-spacing' | 'horizontal-scale';

interface Squeeze {
  characters: number;
  /** The tightest setting seen, in the unit of `describe`. */
  extreme: number;
  passages: Array<{ paragraph: Paragraph; text: string; setting: string }>;
}

export interface CondensedAnalysis {
  bodyCharacters: number;
  kinds: Record<SqueezeKind, Squeeze>;
}

const round = (n: number, digits = 2): number => Math.round(n * 10 ** digits) / 10 ** digits;

/** The font size carrying most of a paragraph's characters. */
function mainSize(sizes: Map<number, number>): number {
  let best = 0;
  let bestCount = -1;
  for (const [size, count] of sizes) if (count > bestCount) [best, bestCount] = [size, count];
  return best;
}

export function analyseCondensedSpacing(bodyParagraphs: Paragraph[]): CondensedAnalysis {
  const rules = formattingRules().condensedSpacing;
  const empty = (extreme: number): Squeeze => ({ characters: 0, extreme, passages: [] });
  const kinds: Record<SqueezeKind, Squeeze> = {
    'line-spacing': empty(Infinity),
    'exact-line-spacing': empty(Infinity),
    'character-spacing': empty(0),
    'horizontal-scale': empty(Infinity),
  };
  let bodyCharacters = 0;

  for (const paragraph of bodyParagraphs) {
    const visible = textInlines(paragraph).filter((inline) => !invisibleReason(inline, paragraph));
    const sizes = new Map<number, number>();
    let characters = 0;
    let condensedText = '';
    let condensed = 0;
    let condensedMost = 0;
    let scaledText = '';
    let scaled = 0;
    let scaledMost = Infinity;
    for (const inline of visible) {
      const n = countNonSpace(inline.text);
      characters += n;
      sizes.set(inline.sizePt, (sizes.get(inline.sizePt) ?? 0) + n);
      if (inline.characterSpacing < -rules.maxCondenseTwips) {
        condensed += n;
        condensedText += inline.text;
        condensedMost = Math.min(condensedMost, inline.characterSpacing);
      }
      if (inline.scalePercent < rules.minScalePercent) {
        scaled += n;
        scaledText += inline.text;
        scaledMost = Math.min(scaledMost, inline.scalePercent);
      }
    }
    bodyCharacters += characters;
    if (characters === 0) continue;

    const { line, lineRule } = paragraph.spacing;
    if (lineRule === 'auto' && line < rules.minAutoLine) {
      const k = kinds['line-spacing'];
      k.characters += characters;
      k.extreme = Math.min(k.extreme, line / 240);
      k.passages.push({ paragraph, text: paragraph.text, setting: `line spacing ${round(line / 240)}` });
    }
    const size = mainSize(sizes);
    if (lineRule === 'exact' && line / 20 < size - rules.exactToleranceBelowFontPt) {
      const k = kinds['exact-line-spacing'];
      k.characters += characters;
      k.extreme = Math.min(k.extreme, line / 20 / size);
      k.passages.push({
        paragraph,
        text: paragraph.text,
        setting: `exactly ${round(line / 20, 1)} pt for ${size} pt text`,
      });
    }
    if (condensed > 0) {
      const k = kinds['character-spacing'];
      k.characters += condensed;
      k.extreme = Math.min(k.extreme, condensedMost);
      k.passages.push({ paragraph, text: condensedText, setting: `condensed by ${round(-condensedMost / 20)} pt` });
    }
    if (scaled > 0) {
      const k = kinds['horizontal-scale'];
      k.characters += scaled;
      k.extreme = Math.min(k.extreme, scaledMost);
      k.passages.push({ paragraph, text: scaledText, setting: `scaled to ${scaledMost}%` });
    }
  }
  return { bodyCharacters, kinds };
}

const DESCRIPTIONS: Record<SqueezeKind, (extreme: number) => { what: string; actual: string; expected: string }> = {
  'line-spacing': (x) => ({
    what: `line spacing below single (down to ${round(x)} lines)`,
    actual: `${round(x)} lines`,
    expected: '≥ 1.0 (single)',
  }),
  'exact-line-spacing': (x) => ({
    what: `an exact line spacing smaller than its font size (down to ${Math.round(x * 100)}% of it)`,
    actual: `${Math.round(x * 100)}% of the font size`,
    expected: '≥ the font size',
  }),
  'character-spacing': (x) => ({
    what: `letters condensed together (by up to ${round(-x / 20)} pt)`,
    actual: `condensed by ${round(-x / 20)} pt`,
    expected: 'normal character spacing',
  }),
  'horizontal-scale': (x) => ({
    what: `letters narrowed by horizontal scaling (down to ${x}%)`,
    actual: `${x}% width`,
    expected: '100% width',
  }),
};

export default defineCheck({
  meta: {
    id: 'condensed-spacing',
    category: 'formatting',
    severity: 'warning',
    description:
      'Line spacing below single, exact spacing smaller than the font, condensed or narrowed letters on a meaningful share of the text.',
  },
  run(ctx, report) {
    const rules = formattingRules().condensedSpacing;
    const analysis = ctx.memo('formatting:condensed-spacing', () => analyseCondensedSpacing(ctx.doc.bodyParagraphs));
    for (const [kind, squeeze] of Object.entries(analysis.kinds) as Array<[SqueezeKind, Squeeze]>) {
      const share = analysis.bodyCharacters > 0 ? squeeze.characters / analysis.bodyCharacters : 0;
      if (share < rules.minShare || squeeze.characters < rules.minCharacters) continue;
      const { what, actual, expected } = DESCRIPTIONS[kind](squeeze.extreme);
      report({
        message:
          `${percent(share)} of the essay's text (${plural(squeeze.passages.length, 'paragraph')}) uses ${what}, ` +
          'which fits more text on the page than the limit intends.',
        evidence: firstPassages(squeeze.passages.map((p) => evidenceFor(p.paragraph, `[${p.setting}] ${p.text}`))),
        actual: `${actual} on ${percent(share)} of the text`,
        expected,
      });
    }
  },
});
