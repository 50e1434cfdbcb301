/**
 * List numbering (numbering.xml): levels of abstract numberings, the w:num instances that use
 * them, and the counters that turn "%1.%2." into "2.3." as paragraphs are met in reading order.
 */
import { num, type PProps, type RProps, readPPr, readRPr, type StyleSheet, type Theme } from './styles.js';
import { child, type El } from './xml.js';

interface Level {
  start: number;
  format: string;
  text: string;
  /** 1-based level after which this level restarts; 0 = never; undefined = after any higher level. */
  restart?: number;
  legal: boolean;
  pPr: PProps;
  rPr: RProps;
}

interface AbstractNum {
  id: string;
  levels: Array<Level | undefined>;
  numStyleLink?: string;
}

interface NumInstance {
  id: string;
  abstractId: string;
  startOverrides: Map<number, number>;
  levelOverrides: Map<number, Level>;
}

export interface NumberingResult {
  numId: string;
  level: number;
  label: string;
  format: string;
  indentLeft?: number;
  hanging?: number;
  pPr: PProps;
  rPr: RProps;
}

function readLevel(el: El, theme: Theme): Level {
  const restart = num(child(el, 'w:lvlRestart')?.attrs['w:val']);
  const level: Level = {
    start: num(child(el, 'w:start')?.attrs['w:val']) ?? 0,
    format: child(el, 'w:numFmt')?.attrs['w:val'] ?? 'decimal',
    text: child(el, 'w:lvlText')?.attrs['w:val'] ?? '',
    legal: child(el, 'w:isLgl') !== undefined && child(el, 'w:isLgl')?.attrs['w:val'] !== '0',
    pPr: readPPr(child(el, 'w:pPr'), theme),
    rPr: readRPr(child(el, 'w:rPr'), theme),
  };
  if (restart !== undefined) level.restart = restart;
  return level;
}

/** Bullet characters written in the Symbol/Wingdings private-use area, as a reader sees them. */
const BULLET_GLYPHS: Record<string, string> = {
  '\uF0B7': '•',
  '\uF0A7': '▪',
  '\uF0D8': '➢',
  '\uF0FC': '✓',
  '\uF076': '❖',
  '\uF0A8': '□',
  '\uF06E': '■',
  '\uF0E0': '➔',
  '\uF0D2': '●',
  '\uF02D': '-',
};

const ROMAN: Array<[number, string]> = [
  [1000, 'm'],
  [900, 'cm'],
  [500, 'd'],
  [400, 'cd'],
  [100, 'c'],
  [90, 'xc'],
  [50, 'l'],
  [40, 'xl'],
  [10, 'x'],
  [9, 'ix'],
  [5, 'v'],
  [4, 'iv'],
  [1, 'i'],
];

function roman(n: number): string {
  let out = '';
  let rest = n;
  for (const [value, digits] of ROMAN) {
    while (rest >= value) {
      out += digits;
      rest -= value;
    }
  }
  return out;
}

/** Word's letter numbering: a…z, then aa…zz, aaa… */
function letters(n: number): string {
  if (n <= 0) return '';
  const letter = String.fromCharCode(97 + ((n - 1) % 26));
  return letter.repeat(Math.floor((n - 1) / 26) + 1);
}

const CARDINALS = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
  'twenty',
];
const ORDINALS = [
  'zeroth',
  'first',
  'second',
  'third',
  'fourth',
  'fifth',
  'sixth',
  'seventh',
  'eighth',
  'ninth',
  'tenth',
  'eleventh',
  'twelfth',
  'thirteenth',
  'fourteenth',
  'fifteenth',
  'sixteenth',
  'seventeenth',
  'eighteenth',
  'nineteenth',
  'twentieth',
];

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

export function formatNumber(n: number, format: string): string {
  switch (format) {
    case 'lowerLetter':
      return letters(n);
    case 'upperLetter':
      return letters(n).toUpperCase();
    case 'lowerRoman':
      return roman(n);
    case 'upperRoman':
      return roman(n).toUpperCase();
    case 'decimalZero':
      return n < 10 && n >= 0 ? `0${n}` : String(n);
    case 'ordinal': {
      const tens = n % 100;
      const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
      return `${n}${suffix}`;
    }
    case 'cardinalText':
      return capitalise(CARDINALS[n] ?? String(n));
    case 'ordinalText':
      return capitalise(ORDINALS[n] ?? String(n));
    case 'none':
    case 'bullet':
      return '';
    default:
      return String(n);
  }
}

export class Numbering {
  private readonly abstracts = new Map<string, AbstractNum>();
  private readonly nums = new Map<string, NumInstance>();
  /** Counters per list (abstract numbering, or the w:num when it overrides start values). */
  private readonly counters = new Map<string, Array<number | undefined>>();

  constructor(
    root: El | undefined,
    private readonly styles: StyleSheet,
    theme: Theme,
  ) {
    for (const el of root?.children[0]?.children ?? []) {
      if (el.name === 'w:abstractNum') {
        const id = el.attrs['w:abstractNumId'];
        if (id === undefined) continue;
        const abstract: AbstractNum = { id, levels: [] };
        const link = child(el, 'w:numStyleLink')?.attrs['w:val'];
        if (link) abstract.numStyleLink = link;
        for (const lvl of el.children) {
          if (lvl.name !== 'w:lvl') continue;
          const ilvl = num(lvl.attrs['w:ilvl']) ?? 0;
          if (ilvl >= 0 && ilvl <= 8) abstract.levels[ilvl] = readLevel(lvl, theme);
        }
        this.abstracts.set(id, abstract);
      } else if (el.name === 'w:num') {
        const id = el.attrs['w:numId'];
        const abstractId = child(el, 'w:abstractNumId')?.attrs['w:val'];
        if (id === undefined || abstractId === undefined) continue;
        const instance: NumInstance = { id, abstractId, startOverrides: new Map(), levelOverrides: new Map() };
        for (const o of el.children) {
          if (o.name !== 'w:lvlOverride') continue;
          const ilvl = num(o.attrs['w:ilvl']) ?? 0;
          const start = num(child(o, 'w:startOverride')?.attrs['w:val']);
          if (start !== undefined) instance.startOverrides.set(ilvl, start);
          const lvl = child(o, 'w:lvl');
          if (lvl) instance.levelOverrides.set(ilvl, readLevel(lvl, theme));
        }
        this.nums.set(id, instance);
      }
    }
  }

  /** The abstract numbering of a w:num, following numStyleLink through numbering styles. */
  private abstractOf(instance: NumInstance): AbstractNum | undefined {
    let abstract = this.abstracts.get(instance.abstractId);
    for (let hops = 0; abstract?.numStyleLink && hops < 4; hops++) {
      const linkedNumId = this.styles.styleP(abstract.numStyleLink).numId;
      const linked = linkedNumId === undefined ? undefined : this.nums.get(linkedNumId);
      const next = linked ? this.abstracts.get(linked.abstractId) : undefined;
      if (!next || next === abstract) break;
      abstract = next;
    }
    return abstract;
  }

  private levelOf(instance: NumInstance, abstract: AbstractNum, ilvl: number): Level | undefined {
    const override = instance.levelOverrides.get(ilvl);
    const base = override ?? abstract.levels[ilvl];
    if (!base) return undefined;
    const start = instance.startOverrides.get(ilvl);
    return start === undefined ? base : { ...base, start };
  }

  /** Formatting a list level gives, without advancing any counter. */
  levelFormat(numId: string, ilvl: number): { pPr: PProps; rPr: RProps } | undefined {
    const instance = this.nums.get(numId);
    if (!instance) return undefined;
    const abstract = this.abstractOf(instance);
    const level = abstract && this.levelOf(instance, abstract, ilvl);
    return level ? { pPr: level.pPr, rPr: level.rPr } : undefined;
  }

  /** Advance the list counters for a numbered paragraph and return its label. */
  next(numId: string, ilvl: number): NumberingResult | undefined {
    if (numId === '0') return undefined; // numId 0 removes numbering inherited from a style
    const instance = this.nums.get(numId);
    if (!instance) return undefined;
    const abstract = this.abstractOf(instance);
    if (!abstract) return undefined;
    const levelIndex = Math.min(8, Math.max(0, ilvl));
    const level = this.levelOf(instance, abstract, levelIndex);
    if (!level) return undefined;

    const key =
      instance.startOverrides.size > 0 || instance.levelOverrides.size > 0
        ? `num:${instance.id}`
        : `abs:${abstract.id}`;
    let counters = this.counters.get(key);
    if (!counters) {
      counters = [];
      this.counters.set(key, counters);
    }
    const current = counters[levelIndex];
    counters[levelIndex] = current === undefined ? level.start : current + 1;
    for (let deeper = levelIndex + 1; deeper < 9; deeper++) {
      const deeperLevel = this.levelOf(instance, abstract, deeper);
      const restartAfter = deeperLevel?.restart ?? deeper; // default: restart after any higher level
      if (restartAfter !== 0 && levelIndex < restartAfter) counters[deeper] = undefined;
    }

    let label: string;
    if (level.format === 'bullet') {
      label = [...level.text].map((ch) => BULLET_GLYPHS[ch] ?? ch).join('');
    } else if (level.format === 'none') {
      label = level.text.replace(/%[1-9]/g, '');
    } else {
      label = level.text.replace(/%([1-9])/g, (_, d: string) => {
        const i = Number(d) - 1;
        const other = i === levelIndex ? level : this.levelOf(instance, abstract, i);
        const value = counters[i] ?? other?.start ?? 1;
        const format = level.legal ? 'decimal' : (other?.format ?? 'decimal');
        return formatNumber(value, format);
      });
    }
    const result: NumberingResult = {
      numId,
      level: levelIndex,
      label,
      format: level.format,
      pPr: level.pPr,
      rPr: level.rPr,
    };
    if (level.pPr.indentLeft !== undefined) result.indentLeft = level.pPr.indentLeft;
    if (level.pPr.firstLine !== undefined && level.pPr.firstLine < 0) result.hanging = -level.pPr.firstLine;
    return result;
  }
}
