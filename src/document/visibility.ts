/**
 * Whether a reader sees a piece of text. Shared by the formatting checks (which report invisible
 * text) and the coverage and AI analyses (which must not count it). Thresholds come from
 * rules/formatting.yaml.
 */
import { loadRuleData } from '../rules/data.js';
import type { Inline, Paragraph, RunFormat } from './model.js';

interface VisibilityRules {
  unreadableFontPt: number;
  minColourContrast: number;
}

export type InvisibleReason = 'hidden' | 'white' | 'unreadable-size';

const rules = (): VisibilityRules => loadRuleData<{ visibility: VisibilityRules }>('formatting.yaml').visibility;

function relativeLuminance(hex: string): number {
  const channel = (i: number): number => {
    const c = Number.parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(2) + 0.0722 * channel(4);
}

/** WCAG contrast ratio of two 6-digit hex colours (1 = identical, 21 = black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/** What a paragraph contributes to the background of its runs. */
export type ParagraphBackground = Pick<Paragraph, 'shading' | 'background' | 'backgroundUnknown'>;

export const PAPER = 'FFFFFF';

/**
 * The colour behind a run: its highlight, its shading, the paragraph's shading, the fill of its
 * table cell or text box or the page colour (Paragraph.background), or white paper.
 */
export function backgroundOf(format: RunFormat, paragraph?: Partial<ParagraphBackground>): string {
  return format.highlight ?? format.shading ?? paragraph?.shading ?? paragraph?.background ?? PAPER;
}

/** Whether the colour behind a run is unknown (text over a picture, with no highlight or shading of its own). */
export function backgroundIsUnknown(format: RunFormat, paragraph?: Partial<ParagraphBackground>): boolean {
  return (
    paragraph?.backgroundUnknown === true &&
    format.highlight === undefined &&
    format.shading === undefined &&
    paragraph.shading === undefined &&
    paragraph.background === undefined
  );
}

/**
 * The colour the letters are drawn in: a Word 2010 text fill, else the font colour; 'auto' text is
 * black on a light background and white on a dark one, so always readable. undefined for letters
 * with no fill (w14:noFill).
 */
export function foregroundOf(format: RunFormat, background: string): string | undefined {
  if (format.textFill === 'none') return undefined;
  if (format.textFill && /^[0-9A-F]{6}$/i.test(format.textFill)) return format.textFill;
  if (format.color === 'auto' || !/^[0-9A-F]{6}$/i.test(format.color)) {
    return relativeLuminance(background) > 0.18 ? '000000' : 'FFFFFF';
  }
  return format.color;
}

/**
 * Emboss, engrave, outline, shadow and glow draw the letters' edges in a contrasting tone, so the
 * text reads even when its colour matches the background; so does a Word 2010 outline in a colour
 * that stands out.
 */
function drawnWithEdges(format: RunFormat, background: string, minContrast: number): boolean {
  if (format.emboss || format.imprint || format.outline || format.shadow) return true;
  const line = format.textOutline;
  if (line === undefined) return false;
  return !/^[0-9A-F]{6}$/i.test(line) || contrastRatio(line, background) >= minContrast;
}

/** Why a reader would not see this run, or undefined when it is visible. */
export function invisibleReason(
  inline: RunFormat,
  paragraph?: Partial<ParagraphBackground>,
): InvisibleReason | undefined {
  const r = rules();
  if (inline.hidden) return 'hidden';
  if (!backgroundIsUnknown(inline, paragraph)) {
    const background = backgroundOf(inline, paragraph);
    const foreground = foregroundOf(inline, background);
    const blends = foreground === undefined || contrastRatio(foreground, background) < r.minColourContrast;
    if (blends && !drawnWithEdges(inline, background, r.minColourContrast)) return 'white';
  }
  if (inline.sizePt <= r.unreadableFontPt) return 'unreadable-size';
  return undefined;
}

/** The text of a paragraph a reader actually sees (visible text runs, tabs and breaks). */
export function visibleText(paragraph: Paragraph): string {
  let out = '';
  for (const inline of paragraph.inlines) {
    if (inline.revision === 'deleted' || inline.revision === 'moveFrom' || inline.fieldCode) continue;
    if (inline.kind === 'tab') out += '\t';
    else if (inline.kind === 'break') out += '\n';
    else if ((inline.kind === 'text' || inline.kind === 'symbol') && !invisibleReason(inline, paragraph))
      out += inline.text;
  }
  return out;
}

export type { Inline };
