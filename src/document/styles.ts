/**
 * Formatting: reading w:rPr / w:pPr into partial property sets, the style sheet with basedOn
 * chains, the theme (fonts and colours) and the cascade Word applies:
 *   runs:       docDefaults rPr → table style → paragraph style → character style → direct rPr
 *   paragraphs: docDefaults pPr → table style → numbering level → paragraph style → direct pPr
 * (ECMA-376 Part 1, 17.7.2). Toggle properties (bold, italic, caps…) set in a character style
 * flip the value the paragraph style gave (17.7.3), as Word does.
 */
import { drawingColor, fillAmong } from './fills.js';
import type { BorderLine, ParagraphBorders, ParagraphFormat, RunFormat, TableBorders } from './model.js';
import { child, type El } from './xml.js';

// ---------------------------------------------------------------------------------------------
// Attribute readers

/** w:val of an on/off property: absent element → undefined, bare element → true. */
export function onOff(el: El | undefined): boolean | undefined {
  if (!el) return undefined;
  const v = el.attrs['w:val'];
  if (v === undefined) return true;
  return !(v === '0' || v === 'false' || v === 'off' || v === 'none');
}

/**
 * The largest font size Word sets (1638 pt) and the widest character scale (600 %, ST_TextScale).
 * Larger values in a file are damage; kept as they are, a 50-million-point letter makes a page
 * layout run out of memory. They are read as the largest Word allows.
 */
const MAX_FONT_SIZE_PT = 1638;
const MAX_TEXT_SCALE_PERCENT = 600;

/**
 * Word stores numeric attributes as 32-bit integers; a larger magnitude ("999999999999", "1e308")
 * is damage, not a measurement, and would turn into Infinity or NaN in later arithmetic.
 */
const MAX_ATTRIBUTE_MAGNITUDE = 2 ** 31;

/** A finite number within what Word stores, else undefined. */
function sane(n: number): number | undefined {
  return Number.isFinite(n) && Math.abs(n) <= MAX_ATTRIBUTE_MAGNITUDE ? n : undefined;
}

/**
 * A twips (or other integer) attribute; undefined when absent, not a number ("abc", "1.2.3", ".")
 * or beyond what Word stores (so the model never holds NaN or Infinity).
 */
export function num(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (Number.isFinite(n)) return sane(n);
  // Strict OOXML and some writers use units: "12pt", "1in", "2.5cm", "50%".
  const m = /^(-?[\d.]+)\s*(pt|in|cm|mm|pc|pi|%)?$/.exec(value.trim());
  if (!m) return undefined;
  const v = Number(m[1]);
  switch (m[2]) {
    case 'pt':
      return sane(v * 20);
    case 'in':
      return sane(v * 1440);
    case 'cm':
      return sane((v * 1440) / 2.54);
    case 'mm':
      return sane((v * 1440) / 25.4);
    case 'pc':
    case 'pi':
      return sane(v * 240);
    default:
      return sane(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Theme

export interface Theme {
  minorFont?: string;
  majorFont?: string;
  minorEastAsia?: string;
  majorEastAsia?: string;
  minorComplex?: string;
  majorComplex?: string;
  colors: Record<string, string>;
}

export function readTheme(root: El | undefined): Theme {
  const theme: Theme = { colors: {} };
  const themeEl = root?.children[0];
  const elements = child(themeEl, 'a:themeElements');
  const fontScheme = child(elements, 'a:fontScheme');
  const face = (scheme: El | undefined, tag: string) => {
    const typeface = child(scheme, tag)?.attrs.typeface;
    return typeface ? typeface : undefined;
  };
  const major = child(fontScheme, 'a:majorFont');
  const minor = child(fontScheme, 'a:minorFont');
  theme.majorFont = face(major, 'a:latin');
  theme.minorFont = face(minor, 'a:latin');
  theme.majorEastAsia = face(major, 'a:ea');
  theme.minorEastAsia = face(minor, 'a:ea');
  theme.majorComplex = face(major, 'a:cs');
  theme.minorComplex = face(minor, 'a:cs');
  const scheme = child(elements, 'a:clrScheme');
  for (const c of scheme?.children ?? []) {
    const value = c.children[0];
    const hex = value?.name === 'a:sysClr' ? value.attrs.lastClr : value?.attrs.val;
    if (hex) theme.colors[c.name.slice(2)] = hex.toUpperCase();
  }
  return theme;
}

/** Names used by w:themeColor, mapped to the scheme slots of the theme part. */
const THEME_COLOR_SLOT: Record<string, string> = {
  text1: 'dk1',
  dark1: 'dk1',
  background1: 'lt1',
  light1: 'lt1',
  text2: 'dk2',
  dark2: 'dk2',
  background2: 'lt2',
  light2: 'lt2',
  hyperlink: 'hlink',
  followedHyperlink: 'folHlink',
};

export function themeColor(theme: Theme, name: string, tint?: string, shade?: string): string | undefined {
  const base = theme.colors[THEME_COLOR_SLOT[name] ?? name];
  if (!base || !/^[0-9A-F]{6}$/.test(base)) return undefined;
  const t = tint ? Number.parseInt(tint, 16) / 255 : undefined;
  const s = shade ? Number.parseInt(shade, 16) / 255 : undefined;
  if (t === undefined && s === undefined) return base;
  let out = '';
  for (let i = 0; i < 6; i += 2) {
    let c = Number.parseInt(base.slice(i, i + 2), 16);
    if (t !== undefined && Number.isFinite(t)) c = 255 - (255 - c) * t;
    if (s !== undefined && Number.isFinite(s)) c = c * s;
    out += Math.round(Math.min(255, Math.max(0, c)))
      .toString(16)
      .padStart(2, '0');
  }
  return out.toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Run properties

/** A font slot at one level: a theme reference wins over a family name given at the same level. */
type FontRef = { name?: string; theme?: string };

export interface RProps {
  ascii?: FontRef;
  eastAsia?: FontRef;
  complex?: FontRef;
  sizePt?: number;
  sizeComplexPt?: number;
  /** w:kern in points; 0 switches kerning off. */
  kernPt?: number;
  bold?: boolean;
  italic?: boolean;
  boldComplex?: boolean;
  italicComplex?: boolean;
  complexScript?: boolean;
  underline?: boolean;
  strike?: boolean;
  caps?: boolean;
  smallCaps?: boolean;
  hidden?: boolean;
  webHidden?: boolean;
  color?: string;
  /** null: explicitly none (clears an inherited value). */
  highlight?: string | null;
  shading?: string | null;
  characterSpacing?: number;
  scalePercent?: number;
  positionPt?: number;
  vertAlign?: 'superscript' | 'subscript' | null;
  rightToLeft?: boolean;
  emboss?: boolean;
  imprint?: boolean;
  outline?: boolean;
  shadow?: boolean;
  /** w14:textFill: hex, 'none' (w14:noFill), or null when it gives no usable colour. */
  textFill?: string | null;
  /** w14:textOutline line colour (hex, or 'auto' when drawn in a colour not resolved); null: no line. */
  textOutline?: string | null;
  rStyle?: string;
}

// Toggle properties (ECMA-376 17.7.3): set in a character style, they flip the inherited value.
const TOGGLES = [
  'bold',
  'italic',
  'boldComplex',
  'italicComplex',
  'caps',
  'smallCaps',
  'strike',
  'hidden',
  'emboss',
  'imprint',
  'outline',
  'shadow',
] as const;

/** Word's highlight palette (ST_HighlightColor). */
export const HIGHLIGHT_HEX: Record<string, string> = {
  black: '000000',
  blue: '0000FF',
  cyan: '00FFFF',
  green: '00FF00',
  magenta: 'FF00FF',
  red: 'FF0000',
  yellow: 'FFFF00',
  white: 'FFFFFF',
  darkBlue: '000080',
  darkCyan: '008080',
  darkGreen: '008000',
  darkMagenta: '800080',
  darkRed: '800000',
  darkYellow: '808000',
  darkGray: '808080',
  lightGray: 'C0C0C0',
};

/** The fill a w:shd paints, or null when it paints nothing. */
export function shadingFill(el: El, theme: Theme): string | null {
  const val = el.attrs['w:val'];
  const fill = el.attrs['w:fill'];
  const color = el.attrs['w:color'];
  if (val === 'solid' && color && color !== 'auto') return color.toUpperCase();
  if (el.attrs['w:themeFill']) {
    const fromTheme = themeColor(
      theme,
      el.attrs['w:themeFill'],
      el.attrs['w:themeFillTint'],
      el.attrs['w:themeFillShade'],
    );
    if (fromTheme) return fromTheme;
  }
  if (fill && fill !== 'auto' && /^[0-9A-Fa-f]{6}$/.test(fill)) return fill.toUpperCase();
  return null;
}

function fontRef(attrs: Record<string, string>, themeKey: string, nameKey: string): FontRef | undefined {
  const theme = attrs[themeKey];
  if (theme) return { theme };
  const name = attrs[nameKey];
  if (name) return { name };
  return undefined;
}

export function readRPr(rPr: El | undefined, theme: Theme): RProps {
  const out: RProps = {};
  if (!rPr) return out;
  for (const el of rPr.children) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:rStyle':
        if (a['w:val']) out.rStyle = a['w:val'];
        break;
      case 'w:rFonts': {
        const ascii = fontRef(a, 'w:asciiTheme', 'w:ascii') ?? fontRef(a, 'w:hAnsiTheme', 'w:hAnsi');
        if (ascii) out.ascii = ascii;
        const ea = fontRef(a, 'w:eastAsiaTheme', 'w:eastAsia');
        if (ea) out.eastAsia = ea;
        const cs = fontRef(a, 'w:cstheme', 'w:cs');
        if (cs) out.complex = cs;
        break;
      }
      case 'w:sz': {
        const v = num(a['w:val']);
        if (v !== undefined && v > 0) out.sizePt = Math.min(v / 2, MAX_FONT_SIZE_PT);
        break;
      }
      case 'w:kern': {
        const v = num(a['w:val']);
        if (v !== undefined && v >= 0) out.kernPt = v / 2;
        break;
      }
      case 'w:szCs': {
        const v = num(a['w:val']);
        if (v !== undefined && v > 0) out.sizeComplexPt = Math.min(v / 2, MAX_FONT_SIZE_PT);
        break;
      }
      case 'w:b':
        out.bold = onOff(el);
        break;
      case 'w:i':
        out.italic = onOff(el);
        break;
      case 'w:bCs':
        out.boldComplex = onOff(el);
        break;
      case 'w:iCs':
        out.italicComplex = onOff(el);
        break;
      case 'w:cs':
        out.complexScript = onOff(el);
        break;
      case 'w:u':
        out.underline = (a['w:val'] ?? 'single') !== 'none';
        break;
      case 'w:strike':
      case 'w:dstrike':
        if (onOff(el)) out.strike = true;
        else if (out.strike === undefined) out.strike = false;
        break;
      case 'w:caps':
        out.caps = onOff(el);
        break;
      case 'w:smallCaps':
        out.smallCaps = onOff(el);
        break;
      case 'w:vanish':
      case 'w:specVanish':
        if (onOff(el)) out.hidden = true;
        else if (out.hidden === undefined) out.hidden = false;
        break;
      case 'w:webHidden':
        out.webHidden = onOff(el);
        break;
      case 'w:color': {
        const val = a['w:val'];
        const fromTheme = a['w:themeColor']
          ? themeColor(theme, a['w:themeColor'], a['w:themeTint'], a['w:themeShade'])
          : undefined;
        if (val && /^[0-9A-Fa-f]{6}$/.test(val)) out.color = val.toUpperCase();
        else if (fromTheme) out.color = fromTheme;
        else if (val === 'auto') out.color = 'auto';
        break;
      }
      case 'w:highlight': {
        const val = a['w:val'];
        out.highlight = val && val !== 'none' ? (HIGHLIGHT_HEX[val] ?? null) : null;
        break;
      }
      case 'w:shd':
        out.shading = shadingFill(el, theme);
        break;
      case 'w:spacing': {
        const v = num(a['w:val']);
        if (v !== undefined) out.characterSpacing = v;
        break;
      }
      case 'w:w': {
        const v = num(a['w:val']);
        if (v !== undefined && v > 0) out.scalePercent = Math.min(v, MAX_TEXT_SCALE_PERCENT);
        break;
      }
      case 'w:position': {
        const v = num(a['w:val']);
        if (v !== undefined) out.positionPt = v / 2;
        break;
      }
      case 'w:vertAlign': {
        const val = a['w:val'];
        out.vertAlign = val === 'superscript' || val === 'subscript' ? val : null;
        break;
      }
      case 'w:rtl':
        out.rightToLeft = onOff(el);
        break;
      case 'w:emboss':
        out.emboss = onOff(el);
        break;
      case 'w:imprint':
        out.imprint = onOff(el);
        break;
      case 'w:outline':
        out.outline = onOff(el);
        break;
      case 'w:shadow':
        out.shadow = onOff(el);
        break;
      case 'w14:textFill': {
        const fill = fillAmong(el, theme);
        out.textFill = fill?.kind === 'none' ? 'none' : fill?.kind === 'color' ? fill.color : null;
        break;
      }
      case 'w14:textOutline': {
        // A line is drawn only with a fill; without one (or with w14:noFill) the letters have no outline.
        const line = fillAmong(el, theme);
        out.textOutline = line?.kind === 'color' ? line.color : line?.kind === 'unknown' ? 'auto' : null;
        break;
      }
      case 'w14:shadow':
      case 'w14:glow':
        // A shadow or glow in a colour draws the letter shapes even when the letters match the page.
        if (el.children.some((c) => drawingColor(c, theme) !== undefined)) out.shadow = true;
        break;
    }
  }
  return out;
}

/** Later levels override earlier ones, key by key. */
export function mergeR(base: RProps, over: RProps): RProps {
  return { ...base, ...over };
}

/** Combine the paragraph-style level with a character style: toggles flip, the rest override. */
function applyCharacterStyle(styleLevel: RProps, charStyle: RProps): RProps {
  const out: RProps = { ...styleLevel, ...charStyle };
  for (const key of TOGGLES) {
    if (charStyle[key] !== undefined && styleLevel[key] !== undefined) out[key] = styleLevel[key] !== charStyle[key];
  }
  return out;
}

export function resolveFont(ref: FontRef | undefined, theme: Theme, slot: 'latin' | 'ea' | 'cs'): string | undefined {
  if (!ref) return undefined;
  if (ref.theme) {
    const major = ref.theme.startsWith('major');
    if (slot === 'latin' || ref.theme.endsWith('HAnsi') || ref.theme.endsWith('Ascii'))
      return (major ? theme.majorFont : theme.minorFont) ?? ref.name;
    if (ref.theme.endsWith('EastAsia')) return (major ? theme.majorEastAsia : theme.minorEastAsia) ?? ref.name;
    return (major ? theme.majorComplex : theme.minorComplex) ?? ref.name;
  }
  return ref.name;
}

/** Word's fallbacks when nothing in the cascade sets a value. */
export const WORD_DEFAULT_FONT = 'Times New Roman';
export const WORD_DEFAULT_SIZE_PT = 10;

export function toRunFormat(p: RProps, theme: Theme): RunFormat {
  const format: RunFormat = {
    font: resolveFont(p.ascii, theme, 'latin') ?? WORD_DEFAULT_FONT,
    sizePt: p.sizePt ?? WORD_DEFAULT_SIZE_PT,
    bold: p.bold ?? false,
    italic: p.italic ?? false,
    underline: p.underline ?? false,
    strike: p.strike ?? false,
    caps: p.caps ?? false,
    smallCaps: p.smallCaps ?? false,
    color: p.color ?? 'auto',
    hidden: p.hidden ?? false,
    webHidden: p.webHidden ?? false,
    characterSpacing: p.characterSpacing ?? 0,
    scalePercent: p.scalePercent ?? 100,
    positionPt: p.positionPt ?? 0,
    rightToLeft: p.rightToLeft ?? false,
  };
  if (p.sizeComplexPt !== undefined) format.sizeComplexPt = p.sizeComplexPt;
  if (p.kernPt !== undefined && p.kernPt > 0) format.kernMinPt = p.kernPt;
  if (p.boldComplex) format.boldComplex = true;
  if (p.italicComplex) format.italicComplex = true;
  if (p.complexScript) format.complexScript = true;
  const ea = resolveFont(p.eastAsia, theme, 'ea');
  if (ea) format.fontEastAsia = ea;
  const cs = resolveFont(p.complex, theme, 'cs');
  if (cs) format.fontComplex = cs;
  if (p.highlight) format.highlight = p.highlight;
  if (p.shading) format.shading = p.shading;
  if (p.vertAlign) format.vertAlign = p.vertAlign;
  if (p.emboss) format.emboss = true;
  if (p.imprint) format.imprint = true;
  if (p.outline) format.outline = true;
  if (p.shadow) format.shadow = true;
  if (p.textFill) format.textFill = p.textFill;
  if (p.textOutline) format.textOutline = p.textOutline;
  return format;
}

// ---------------------------------------------------------------------------------------------
// Paragraph properties

export interface PProps {
  pStyle?: string;
  align?: ParagraphFormat['align'];
  before?: number;
  after?: number;
  beforeAuto?: boolean;
  afterAuto?: boolean;
  line?: number;
  lineRule?: 'auto' | 'exact' | 'atLeast';
  contextualSpacing?: boolean;
  indentLeft?: number;
  indentRight?: number;
  firstLine?: number;
  keepNext?: boolean;
  keepLines?: boolean;
  widowControl?: boolean;
  pageBreakBefore?: boolean;
  /** Tab stop changes at this level, in order (clear removes an inherited stop). */
  tabs?: Array<{ pos: number; align: string; leader?: string }>;
  numId?: string;
  ilvl?: number;
  outlineLevel?: number;
  hasBorder?: boolean;
  /** Sides given at this level; null: switched off (w:val none/nil), which clears an inherited side. */
  borders?: Partial<Record<keyof ParagraphBorders, BorderLine | null>>;
  shading?: string | null;
  framed?: boolean;
}

const ALIGN: Record<string, ParagraphFormat['align']> = {
  left: 'left',
  start: 'left',
  right: 'right',
  end: 'right',
  center: 'center',
  both: 'both',
  justify: 'both',
  distribute: 'distribute',
  thaiDistribute: 'distribute',
  mediumKashida: 'both',
  highKashida: 'both',
  lowKashida: 'both',
};

export function readPPr(pPr: El | undefined, theme: Theme): PProps {
  const out: PProps = {};
  if (!pPr) return out;
  for (const el of pPr.children) {
    const a = el.attrs;
    switch (el.name) {
      case 'w:pStyle':
        if (a['w:val']) out.pStyle = a['w:val'];
        break;
      case 'w:jc': {
        const align = ALIGN[a['w:val'] ?? ''];
        if (align) out.align = align;
        break;
      }
      case 'w:spacing': {
        const before = num(a['w:before']);
        if (before !== undefined) out.before = before;
        const after = num(a['w:after']);
        if (after !== undefined) out.after = after;
        // beforeLines/afterLines are hundredths of a line; 240 twips is Word's nominal line.
        const beforeLines = num(a['w:beforeLines']);
        if (beforeLines !== undefined) out.before = (beforeLines * 240) / 100;
        const afterLines = num(a['w:afterLines']);
        if (afterLines !== undefined) out.after = (afterLines * 240) / 100;
        if (a['w:beforeAutospacing'] !== undefined) out.beforeAuto = onOffValue(a['w:beforeAutospacing']);
        if (a['w:afterAutospacing'] !== undefined) out.afterAuto = onOffValue(a['w:afterAutospacing']);
        const line = num(a['w:line']);
        if (line !== undefined) {
          out.line = line;
          const rule = a['w:lineRule'];
          out.lineRule = rule === 'exact' || rule === 'atLeast' ? rule : 'auto';
        }
        break;
      }
      case 'w:ind': {
        const left = num(a['w:left'] ?? a['w:start']);
        if (left !== undefined) out.indentLeft = left;
        const right = num(a['w:right'] ?? a['w:end']);
        if (right !== undefined) out.indentRight = right;
        const hanging = num(a['w:hanging']);
        const firstLine = num(a['w:firstLine']);
        if (hanging !== undefined) out.firstLine = -hanging;
        else if (firstLine !== undefined) out.firstLine = firstLine;
        break;
      }
      case 'w:contextualSpacing':
        out.contextualSpacing = onOff(el);
        break;
      case 'w:keepNext':
        out.keepNext = onOff(el);
        break;
      case 'w:keepLines':
        out.keepLines = onOff(el);
        break;
      case 'w:widowControl':
        out.widowControl = onOff(el);
        break;
      case 'w:pageBreakBefore':
        out.pageBreakBefore = onOff(el);
        break;
      case 'w:tabs':
        out.tabs = [];
        for (const tab of el.children) {
          const pos = num(tab.attrs['w:pos']);
          if (pos === undefined) continue;
          const stop: { pos: number; align: string; leader?: string } = { pos, align: tab.attrs['w:val'] ?? 'left' };
          if (tab.attrs['w:leader'] && tab.attrs['w:leader'] !== 'none') stop.leader = tab.attrs['w:leader'];
          out.tabs.push(stop);
        }
        break;
      case 'w:numPr': {
        const numId = child(el, 'w:numId')?.attrs['w:val'];
        if (numId !== undefined) out.numId = numId;
        const ilvl = num(child(el, 'w:ilvl')?.attrs['w:val']);
        if (ilvl !== undefined) out.ilvl = ilvl;
        break;
      }
      case 'w:outlineLvl': {
        const level = num(a['w:val']);
        if (level !== undefined) out.outlineLevel = level;
        break;
      }
      case 'w:pBdr': {
        out.hasBorder = el.children.some((side) => {
          const val = side.attrs['w:val'];
          return val !== undefined && val !== 'none' && val !== 'nil';
        });
        const borders: NonNullable<PProps['borders']> = {};
        for (const side of el.children) {
          const key = PARAGRAPH_SIDES[side.name];
          if (key) borders[key] = readBorderLine(side);
        }
        out.borders = borders;
        break;
      }
      case 'w:shd':
        out.shading = shadingFill(el, theme);
        break;
      case 'w:framePr':
        out.framed = true;
        break;
    }
  }
  return out;
}

/** The four outer sides, under their names in both writing directions (w:start / w:end). */
const OUTER_SIDES = {
  'w:top': 'top',
  'w:bottom': 'bottom',
  'w:left': 'left',
  'w:start': 'left',
  'w:right': 'right',
  'w:end': 'right',
} as const;

const PARAGRAPH_SIDES: Record<string, keyof ParagraphBorders> = { ...OUTER_SIDES, 'w:between': 'between' };

const TABLE_SIDES: Record<string, keyof TableBorders> = {
  ...OUTER_SIDES,
  'w:insideH': 'insideH',
  'w:insideV': 'insideV',
};

/** A border element (w:top, w:insideH…): the line it draws, or null when it draws none (w:val none or nil). */
export function readBorderLine(el: El): BorderLine | null {
  const style = el.attrs['w:val'];
  if (style === undefined || style === 'none' || style === 'nil') return null;
  // w:sz is in eighths of a point, from 2 (a quarter point) to 96 (12 pt); w:space in points.
  const eighths = Math.min(96, Math.max(2, num(el.attrs['w:sz']) ?? 2));
  const points = num(el.attrs['w:space']) ?? 0;
  return { style, width: (eighths * 20) / 8, space: Math.max(0, points) * 20 };
}

/** w:tblBorders / w:tcBorders: the sides given (null where switched off). */
export function readTableBorders(el: El | undefined): TableBorders | undefined {
  if (!el) return undefined;
  const out: TableBorders = {};
  for (const side of el.children) {
    const key = TABLE_SIDES[side.name];
    if (key) out[key] = readBorderLine(side);
  }
  return out;
}

/** The paragraph's drawn borders once the cascade is done (sides switched off removed). */
export function finalParagraphBorders(borders: PProps['borders']): ParagraphBorders | undefined {
  if (!borders) return undefined;
  const out: ParagraphBorders = {};
  let any = false;
  for (const [key, line] of Object.entries(borders) as Array<[keyof ParagraphBorders, BorderLine | null]>) {
    if (line) {
      out[key] = line;
      any = true;
    }
  }
  return any ? out : undefined;
}

function onOffValue(v: string): boolean {
  return !(v === '0' || v === 'false' || v === 'off');
}

export function mergeP(base: PProps, over: PProps): PProps {
  const out = { ...base, ...over };
  // Border sides cascade one by one: a style's bottom border survives a direct top border.
  if (over.borders && base.borders) out.borders = { ...base.borders, ...over.borders };
  if (over.tabs && base.tabs) {
    // Tab stops accumulate down the cascade; a 'clear' stop removes the inherited one at that position.
    const stops = new Map<number, { pos: number; align: string; leader?: string }>();
    for (const t of base.tabs) stops.set(t.pos, t);
    for (const t of over.tabs) {
      if (t.align === 'clear') stops.delete(t.pos);
      else stops.set(t.pos, t);
    }
    out.tabs = [...stops.values()].sort((x, y) => x.pos - y.pos);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Style sheet

export interface StyleDef {
  id: string;
  name?: string;
  type: string;
  basedOn?: string;
  pPr: PProps;
  rPr: RProps;
  /** Table styles: cell margins and indent (twips). */
  tblCellMargins?: Partial<Record<'top' | 'right' | 'bottom' | 'left', number>>;
  tblInd?: number;
  /** Table styles: shading and run formatting by conditional part. */
  tableParts?: TableStyleParts;
}

/**
 * What a table style gives beyond its own rPr/pPr: `table` shading behind the whole table
 * (w:tblPr/w:shd), and per conditional part (w:tblStylePr w:type: firstRow, band1Horz…; the
 * style's own w:tcPr counts as 'wholeTable') the cell shading (null: no fill) and run properties.
 */
export interface TableStyleParts {
  table?: string | null;
  fills: Record<string, string | null>;
  runs: Record<string, RProps>;
  /** Rows / columns per band (w:tblStyleRowBandSize, w:tblStyleColBandSize). */
  rowBandSize?: number;
  colBandSize?: number;
  /** The style's table borders (w:tblPr/w:tblBorders). */
  tableBorders?: TableBorders;
  /** Cell borders (w:tcPr/w:tcBorders) by conditional part, 'wholeTable' for the style's own. */
  cellBorders: Record<string, TableBorders>;
}

function readTableStyleParts(el: El, theme: Theme): TableStyleParts {
  const out: TableStyleParts = { fills: {}, runs: {}, cellBorders: {} };
  const tblPr = child(el, 'w:tblPr');
  const tableBorders = readTableBorders(child(tblPr, 'w:tblBorders'));
  if (tableBorders) out.tableBorders = tableBorders;
  const wholeCellBorders = readTableBorders(child(child(el, 'w:tcPr'), 'w:tcBorders'));
  if (wholeCellBorders) out.cellBorders.wholeTable = wholeCellBorders;
  const tableShd = child(tblPr, 'w:shd');
  if (tableShd) out.table = shadingFill(tableShd, theme);
  const rowBand = num(child(tblPr, 'w:tblStyleRowBandSize')?.attrs['w:val']);
  if (rowBand !== undefined && rowBand > 0) out.rowBandSize = rowBand;
  const colBand = num(child(tblPr, 'w:tblStyleColBandSize')?.attrs['w:val']);
  if (colBand !== undefined && colBand > 0) out.colBandSize = colBand;
  const wholeShd = child(child(el, 'w:tcPr'), 'w:shd');
  if (wholeShd) out.fills.wholeTable = shadingFill(wholeShd, theme);
  for (const part of el.children) {
    const type = part.attrs['w:type'];
    if (part.name !== 'w:tblStylePr' || !type) continue;
    const shd = child(child(part, 'w:tcPr'), 'w:shd');
    if (shd) out.fills[type] = shadingFill(shd, theme);
    // Borders a conditional part gives: on its cells, and (Word does so for some built-in styles) in its w:tblPr.
    const partBorders = {
      ...readTableBorders(child(child(part, 'w:tblPr'), 'w:tblBorders')),
      ...readTableBorders(child(child(part, 'w:tcPr'), 'w:tcBorders')),
    };
    if (Object.keys(partBorders).length > 0) out.cellBorders[type] = partBorders;
    const rPr = child(part, 'w:rPr');
    if (rPr) out.runs[type] = readRPr(rPr, theme);
  }
  return out;
}

export interface TableCellMargins {
  top?: number;
  right?: number;
  bottom?: number;
  left?: number;
}

export function readCellMargins(el: El | undefined): TableCellMargins | undefined {
  if (!el) return undefined;
  const out: TableCellMargins = {};
  for (const side of el.children) {
    if (side.attrs['w:type'] && side.attrs['w:type'] !== 'dxa') continue;
    const w = num(side.attrs['w:w']);
    if (w === undefined) continue;
    const key = localSide(side.name);
    if (key) out[key] = w;
  }
  return out;
}

function localSide(name: string): 'top' | 'right' | 'bottom' | 'left' | undefined {
  switch (name) {
    case 'w:top':
      return 'top';
    case 'w:bottom':
      return 'bottom';
    case 'w:left':
    case 'w:start':
      return 'left';
    case 'w:right':
    case 'w:end':
      return 'right';
    default:
      return undefined;
  }
}

export class StyleSheet {
  readonly styles = new Map<string, StyleDef>();
  docDefaultsR: RProps = {};
  docDefaultsP: PProps = {};
  defaultParagraphStyle?: string;
  defaultCharacterStyle?: string;
  defaultTableStyle?: string;
  private readonly chainR = new Map<string, RProps>();
  private readonly chainP = new Map<string, PProps>();
  private readonly runCache = new Map<string, RunFormat>();

  constructor(
    root: El | undefined,
    readonly theme: Theme,
  ) {
    const stylesEl = root?.children[0];
    for (const el of stylesEl?.children ?? []) {
      if (el.name === 'w:docDefaults') {
        this.docDefaultsR = readRPr(child(child(el, 'w:rPrDefault'), 'w:rPr'), theme);
        this.docDefaultsP = readPPr(child(child(el, 'w:pPrDefault'), 'w:pPr'), theme);
      } else if (el.name === 'w:style') {
        const id = el.attrs['w:styleId'];
        if (!id) continue;
        const type = el.attrs['w:type'] ?? 'paragraph';
        const style: StyleDef = {
          id,
          type,
          name: child(el, 'w:name')?.attrs['w:val'],
          basedOn: child(el, 'w:basedOn')?.attrs['w:val'],
          pPr: readPPr(child(el, 'w:pPr'), theme),
          rPr: readRPr(child(el, 'w:rPr'), theme),
        };
        if (type === 'table') {
          const tblPr = child(el, 'w:tblPr');
          style.tblCellMargins = readCellMargins(child(tblPr, 'w:tblCellMar'));
          const ind = child(tblPr, 'w:tblInd');
          if (ind && (ind.attrs['w:type'] ?? 'dxa') === 'dxa') style.tblInd = num(ind.attrs['w:w']);
          style.tableParts = readTableStyleParts(el, theme);
        }
        // The first definition wins when a writer repeats a style id.
        if (!this.styles.has(id)) this.styles.set(id, style);
        const isDefault = el.attrs['w:default'];
        if (isDefault !== undefined && onOffValue(isDefault)) {
          if (type === 'paragraph' && !this.defaultParagraphStyle) this.defaultParagraphStyle = id;
          else if (type === 'character' && !this.defaultCharacterStyle) this.defaultCharacterStyle = id;
          else if (type === 'table' && !this.defaultTableStyle) this.defaultTableStyle = id;
        }
      }
    }
  }

  style(id: string | undefined): StyleDef | undefined {
    return id === undefined ? undefined : this.styles.get(id);
  }

  /** Run properties of a style with its basedOn chain applied (loops and depth guarded). */
  styleR(id: string | undefined): RProps {
    if (id === undefined) return {};
    const cached = this.chainR.get(id);
    if (cached) return cached;
    const chain = this.chain(id);
    let out: RProps = {};
    for (const s of chain) out = mergeR(out, s.rPr);
    delete out.rStyle;
    this.chainR.set(id, out);
    return out;
  }

  styleP(id: string | undefined): PProps {
    if (id === undefined) return {};
    const cached = this.chainP.get(id);
    if (cached) return cached;
    const chain = this.chain(id);
    let out: PProps = {};
    for (const s of chain) out = mergeP(out, s.pPr);
    this.chainP.set(id, out);
    return out;
  }

  /** A table style's conditional parts with its basedOn chain applied (later styles override part by part). */
  tableParts(id: string | undefined): TableStyleParts {
    const out: TableStyleParts = { fills: {}, runs: {}, cellBorders: {} };
    if (id === undefined) return out;
    for (const s of this.chain(id)) {
      const parts = s.tableParts;
      if (!parts) continue;
      if (parts.table !== undefined) out.table = parts.table;
      if (parts.rowBandSize !== undefined) out.rowBandSize = parts.rowBandSize;
      if (parts.colBandSize !== undefined) out.colBandSize = parts.colBandSize;
      Object.assign(out.fills, parts.fills);
      if (parts.tableBorders) out.tableBorders = { ...out.tableBorders, ...parts.tableBorders };
      for (const [type, borders] of Object.entries(parts.cellBorders))
        out.cellBorders[type] = { ...out.cellBorders[type], ...borders };
      for (const [type, props] of Object.entries(parts.runs)) out.runs[type] = mergeR(out.runs[type] ?? {}, props);
    }
    return out;
  }

  /** The style and its ancestors, root first. */
  private chain(id: string): StyleDef[] {
    const out: StyleDef[] = [];
    const seen = new Set<string>();
    let current = this.styles.get(id);
    while (current && !seen.has(current.id) && out.length < 32) {
      seen.add(current.id);
      out.unshift(current);
      current = current.basedOn ? this.styles.get(current.basedOn) : undefined;
    }
    return out;
  }

  /** The outline level (0-8) a paragraph style gives, or a heading level read from its name. */
  headingLevel(styleId: string | undefined): number | undefined {
    const outline = this.styleP(styleId).outlineLevel;
    if (outline !== undefined && outline >= 0 && outline <= 8) return outline + 1;
    let current = this.style(styleId);
    for (let depth = 0; current && depth < 32; depth++) {
      const m = /^heading\s*([1-9])$/i.exec(current.name ?? '');
      if (m) return Number(m[1]);
      current = this.style(current.basedOn);
    }
    return undefined;
  }

  /**
   * The run format for a run: paragraph-level properties (docDefaults, table style, paragraph
   * style) then character style, then direct formatting. Cached per combination of styles.
   */
  runFormat(paragraphLevel: RProps, paragraphKey: string, direct: RProps): RunFormat {
    const rStyle = direct.rStyle ?? this.defaultCharacterStyle;
    let hasDirect = false;
    for (const key in direct) {
      if (key !== 'rStyle') {
        hasDirect = true;
        break;
      }
    }
    const cacheKey = `${paragraphKey}\u0000${rStyle ?? ''}`;
    if (!hasDirect) {
      const cached = this.runCache.get(cacheKey);
      if (cached) return cached;
    }
    let props = paragraphLevel;
    if (rStyle !== undefined && this.styles.get(rStyle)?.type === 'character')
      props = applyCharacterStyle(props, this.styleR(rStyle));
    if (!hasDirect) {
      const format = toRunFormat(props, this.theme);
      this.runCache.set(cacheKey, format);
      return format;
    }
    const withDirect = { ...props, ...direct };
    return toRunFormat(withDirect, this.theme);
  }
}
