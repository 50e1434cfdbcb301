/**
 * Colours painted behind text by shapes: DrawingML fills (a:solidFill, a:gradFill, the shape
 * style's a:fillRef) resolved through the theme, VML fills (fillcolor, v:fill), and the same
 * DrawingML colour model for Word 2010 text effects (w14:textFill, w14:textOutline). The
 * visibility rules (visibility.ts) compare text colour with these.
 */
import type { Theme } from './styles.js';
import { child, type El, localName } from './xml.js';

/** What a shape paints: nothing (transparent), one colour, or something of unknown colour (a picture). */
export type ShapeFill = { kind: 'none' } | { kind: 'color'; color: string } | { kind: 'unknown' };

const NONE: ShapeFill = { kind: 'none' };
const UNKNOWN: ShapeFill = { kind: 'unknown' };

/** a:schemeClr names mapped to the theme's colour-scheme slots (Word's default w:clrSchemeMapping). */
const SCHEME_SLOT: Record<string, string> = { bg1: 'lt1', tx1: 'dk1', bg2: 'lt2', tx2: 'dk2' };

/** The sixteen HTML 3.2 colour names: VML accepts exactly these, DrawingML presets include them. */
const HTML_COLOURS: Record<string, string> = {
  black: '000000',
  white: 'FFFFFF',
  red: 'FF0000',
  green: '008000',
  blue: '0000FF',
  yellow: 'FFFF00',
  gray: '808080',
  silver: 'C0C0C0',
  navy: '000080',
  maroon: '800000',
  purple: '800080',
  teal: '008080',
  olive: '808000',
  lime: '00FF00',
  aqua: '00FFFF',
  fuchsia: 'FF00FF',
};

/** The DrawingML preset colours (a:prstClr) that text boxes and text effects use in practice. */
const PRESET: Record<string, string> = {
  ...HTML_COLOURS,
  grey: '808080',
  cyan: '00FFFF',
  magenta: 'FF00FF',
  ltGray: 'C0C0C0',
  dkGray: '808080',
};

type Rgb = [number, number, number];

const isHex6 = (s: string | undefined): s is string => s !== undefined && /^[0-9A-Fa-f]{6}$/.test(s);
const toRgb = (hex: string): Rgb => [0, 2, 4].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as Rgb;
const clamp = (c: number): number => Math.round(Math.min(255, Math.max(0, c)));
const toHex = (rgb: Rgb): string =>
  rgb
    .map((c) => clamp(c).toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

function rgbToHsl([r, g, b]: Rgb): Rgb {
  const [rf, gf, bf] = [r / 255, g / 255, b / 255];
  const max = Math.max(rf, gf, bf);
  const min = Math.min(rf, gf, bf);
  const l = (max + min) / 2;
  if (max === min) return [0, 0, l];
  const d = max - min;
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min);
  let h: number;
  if (max === rf) h = (gf - bf) / d + (gf < bf ? 6 : 0);
  else if (max === gf) h = (bf - rf) / d + 2;
  else h = (rf - gf) / d + 4;
  return [h / 6, s, l];
}

function hslToRgb([h, s, l]: Rgb): Rgb {
  if (s === 0) return [l * 255, l * 255, l * 255];
  const q = l < 0.5 ? l * (1 + s) : l + s - l * s;
  const p = 2 * l - q;
  const channel = (t0: number): number => {
    const t = t0 < 0 ? t0 + 1 : t0 > 1 ? t0 - 1 : t0;
    if (t < 1 / 6) return p + (q - p) * 6 * t;
    if (t < 1 / 2) return q;
    if (t < 2 / 3) return p + (q - p) * (2 / 3 - t) * 6;
    return p;
  };
  return [channel(h + 1 / 3) * 255, channel(h) * 255, channel(h - 1 / 3) * 255];
}

/** Mix a colour with white paper by its opacity (0-1). */
function overPaper(rgb: Rgb, opacity: number): Rgb {
  return rgb.map((c) => c * opacity + 255 * (1 - opacity)) as Rgb;
}

/** Average colour of several (a gradient seen as a whole). */
function average(colors: string[]): string | undefined {
  if (colors.length === 0) return undefined;
  const sum: Rgb = [0, 0, 0];
  for (const c of colors) {
    const rgb = toRgb(c);
    for (let i = 0; i < 3; i++) sum[i] += rgb[i];
  }
  return toHex(sum.map((v) => v / colors.length) as Rgb);
}

/**
 * A DrawingML colour element (srgbClr, schemeClr, sysClr, prstClr, scrgbClr, hslClr, in the a: or
 * w14: namespace) with its modifiers (lumMod/lumOff, tint, shade, alpha over white paper), as hex.
 * `placeholder` is the colour a style reference gives to schemeClr phClr.
 */
export function drawingColor(el: El | undefined, theme: Theme, placeholder?: string): string | undefined {
  if (!el) return undefined;
  const val = el.attrs.val ?? el.attrs['w14:val'];
  let base: string | undefined;
  switch (localName(el.name)) {
    case 'srgbClr':
      base = isHex6(val) ? val.toUpperCase() : undefined;
      break;
    case 'schemeClr': {
      if (val === 'phClr') base = placeholder;
      else if (val) base = theme.colors[SCHEME_SLOT[val] ?? val];
      break;
    }
    case 'sysClr': {
      const last = el.attrs.lastClr ?? el.attrs['w14:lastClr'];
      base = isHex6(last)
        ? last.toUpperCase()
        : val === 'window'
          ? 'FFFFFF'
          : val === 'windowText'
            ? '000000'
            : undefined;
      break;
    }
    case 'prstClr':
      base = val ? PRESET[val] : undefined;
      break;
    case 'scrgbClr': {
      // Linear RGB in thousandths of a percent.
      const linear = ['r', 'g', 'b'].map((k) => Number(el.attrs[k] ?? el.attrs[`w14:${k}`]) / 100000);
      if (linear.every(Number.isFinite))
        base = toHex(linear.map((c) => (c <= 0.0031308 ? 12.92 * c : 1.055 * c ** (1 / 2.4) - 0.055) * 255) as Rgb);
      break;
    }
    case 'hslClr': {
      const h = Number(el.attrs.hue ?? el.attrs['w14:hue']) / 60000 / 360;
      const s = Number(el.attrs.sat ?? el.attrs['w14:sat']) / 100000;
      const l = Number(el.attrs.lum ?? el.attrs['w14:lum']) / 100000;
      if ([h, s, l].every(Number.isFinite)) base = toHex(hslToRgb([h, s, l]));
      break;
    }
  }
  if (!isHex6(base)) return undefined;
  let rgb = toRgb(base);
  let opacity = 1;
  for (const mod of el.children) {
    const v = Number(mod.attrs.val ?? mod.attrs['w14:val']) / 100000;
    if (!Number.isFinite(v)) continue;
    switch (localName(mod.name)) {
      case 'lumMod':
      case 'lumOff': {
        const hsl = rgbToHsl(rgb);
        hsl[2] = Math.min(1, Math.max(0, localName(mod.name) === 'lumMod' ? hsl[2] * v : hsl[2] + v));
        rgb = hslToRgb(hsl);
        break;
      }
      case 'tint': // v of the colour, the rest white
        rgb = rgb.map((c) => c * v + 255 * (1 - v)) as Rgb;
        break;
      case 'shade': // v of the colour, the rest black
        rgb = rgb.map((c) => c * v) as Rgb;
        break;
      case 'alpha':
        opacity = Math.min(1, Math.max(0, v));
        break;
    }
  }
  return toHex(opacity < 1 ? overPaper(rgb, opacity) : rgb);
}

/** The colour child of a fill or line element (the first element that resolves). */
function colorChild(el: El | undefined, theme: Theme, placeholder?: string): string | undefined {
  for (const c of el?.children ?? []) {
    const color = drawingColor(c, theme, placeholder);
    if (color) return color;
  }
  return undefined;
}

/**
 * The fill given among the children of a properties element (wps:spPr, w14:textFill…), or
 * undefined when none is given there. A gradient counts as the average of its stops.
 */
export function fillAmong(props: El | undefined, theme: Theme, placeholder?: string): ShapeFill | undefined {
  for (const c of props?.children ?? []) {
    switch (localName(c.name)) {
      case 'noFill':
        return NONE;
      case 'solidFill': {
        const color = colorChild(c, theme, placeholder);
        return color ? { kind: 'color', color } : UNKNOWN;
      }
      case 'gradFill': {
        const stops = child(c, 'a:gsLst') ?? child(c, 'w14:gsLst');
        const colors = (stops?.children ?? [])
          .map((gs) => colorChild(gs, theme, placeholder))
          .filter((x): x is string => !!x);
        const color = average(colors);
        return color ? { kind: 'color', color } : UNKNOWN;
      }
      case 'blipFill':
      case 'pattFill':
      case 'grpFill':
        return UNKNOWN;
    }
  }
  return undefined;
}

/**
 * What a DrawingML shape (wps:wsp) paints behind its text: its own spPr fill, else the fill its
 * shape style refers to (a:fillRef idx 0 = none; otherwise the theme's fill style in the referenced
 * colour, taken as that colour), else nothing.
 */
export function drawingMLShapeFill(wsp: El, theme: Theme): ShapeFill {
  const own = fillAmong(child(wsp, 'wps:spPr'), theme);
  if (own) return own;
  const fillRef = child(child(wsp, 'wps:style'), 'a:fillRef');
  const idx = Number(fillRef?.attrs.idx ?? 0);
  if (!fillRef || !Number.isFinite(idx) || idx === 0) return NONE;
  const color = colorChild(fillRef, theme);
  return color ? { kind: 'color', color } : UNKNOWN;
}

/** VML's named colours: the HTML names and the system colours of a window. */
const VML_NAMED: Record<string, string> = { ...HTML_COLOURS, window: 'FFFFFF', windowtext: '000000' };

/** A VML colour ("#365f91", "#365f91 [2404]", "#fff", "white"); undefined when not understood. */
export function vmlColor(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const v = value.replace(/\[[^\]]*\]/g, '').trim();
  const long = /^#?([0-9a-f]{6})$/i.exec(v);
  if (long) return long[1].toUpperCase();
  const short = /^#([0-9a-f]{3})$/i.exec(v);
  if (short)
    return short[1]
      .split('')
      .map((c) => c + c)
      .join('')
      .toUpperCase();
  return VML_NAMED[v.toLowerCase()];
}

const vmlFalse = (v: string | undefined): boolean => v !== undefined && /^(f|false|0)$/i.test(v.trim());

/** VML opacity: "0.5", "50%" or fixed point "32768f" (1/65536). */
function vmlOpacity(value: string | undefined): number {
  if (!value) return 1;
  const v = value.trim();
  const n = v.endsWith('f')
    ? Number(v.slice(0, -1)) / 65536
    : v.endsWith('%')
      ? Number(v.slice(0, -1)) / 100
      : Number(v);
  return Number.isFinite(n) ? Math.min(1, Math.max(0, n)) : 1;
}

/**
 * What a VML shape paints: VML shapes are filled white unless filled="f"; fillcolor and a v:fill
 * child (on, color, type, opacity) change that. Pictures and patterns are of unknown colour.
 */
export function vmlShapeFill(shape: El): ShapeFill {
  if (shape.name === 'v:line' || shape.name === 'v:polyline' || shape.name === 'v:arc' || shape.name === 'v:curve')
    return NONE;
  const fill = child(shape, 'v:fill');
  if (vmlFalse(shape.attrs.filled) || vmlFalse(fill?.attrs.on)) return NONE;
  const type = fill?.attrs.type ?? 'solid';
  if (type === 'tile' || type === 'pattern' || type === 'frame') return UNKNOWN;
  const rawColor = fill?.attrs.color ?? shape.attrs.fillcolor;
  const color = rawColor === undefined ? 'FFFFFF' : vmlColor(rawColor);
  if (!color) return UNKNOWN;
  if (type.startsWith('gradient')) {
    const second = fill?.attrs.color2 === undefined ? 'FFFFFF' : vmlColor(fill.attrs.color2);
    const mixed = second ? average([color, second]) : undefined;
    return mixed ? { kind: 'color', color: mixed } : UNKNOWN;
  }
  const opacity = vmlOpacity(fill?.attrs.opacity);
  return { kind: 'color', color: opacity < 1 ? toHex(overPaper(toRgb(color), opacity)) : color };
}
