/**
 * Font metrics for the layout engine: advance widths and line heights of the fonts Word documents
 * name, read from the width tables in rules/fonts/ (generated from metric-compatible font files by
 * scripts/gen-font-metrics.ts). No font file is opened at run time.
 */
import { loadRuleData } from '../rules/data.js';

type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';

interface FaceFile {
  unitsPerEm: number;
  win: [number, number];
  hhea: [number, number, number];
  singleLineEm: number;
  avgCharWidthEmEnglish?: number;
  widths: number[];
  kerning?: Array<[number, number, number]>;
}

interface FamilyFile {
  key: string;
  family: string;
  ranges: Array<[number, number]>;
  faces: Partial<Record<FaceName, FaceFile>>;
}

interface FamilyEntry {
  metrics: string;
  widthScale?: number;
  singleLineEm?: number;
  confidence: number;
}

/** Published single line heights of real fonts that only have look-alike stand-ins. */
interface WordLineHeightsFile {
  lineHeights: Record<string, { a: number; b: number; c?: number }>;
  check: Record<string, number>;
}

interface FamiliesFile {
  families: Record<string, FamilyEntry>;
  fallback: { confidence: number; rules: Array<{ pattern: string; metrics: string }>; default: string };
  suffixes: Array<{ pattern: string; bold?: boolean; italic?: boolean }>;
  wideRanges: Array<[number, number]>;
  zeroWidthRanges: Array<[number, number]>;
  complexScript: ComplexScript;
}

/** Which characters Word sets with a run's complex-script formatting, and its defaults. */
export interface ComplexScript {
  ranges: Array<[number, number]>;
  defaultFont: string;
  defaultSizePt: number;
}

/** One face of one font at unit size: widths and heights in em. */
export interface FontFace {
  /** The width table used, e.g. 'carlito'. */
  metricsKey: string;
  /** Word's single line height (GDI tmHeight + tmExternalLeading) in em. */
  lineEm: number;
  /** Share of lineEm above the baseline (win ascent / (win ascent + descent)). */
  ascentShare: number;
  /** Advance width in em of a code point. */
  width(codePoint: number): number;
  /** Pair kerning in em between two code points (0 when the font has none for them). */
  kern(left: number, right: number): number;
  /** How well this stand-in is known to match the real font (0..1). */
  confidence: number;
  /** true when no table is listed for the family and a fallback was chosen by name. */
  fallback: boolean;
  /**
   * Word's single line height (em) of the real font when the stand-in is only a look-alike and
   * published measurements of the real font exist (rules/fonts/word-line-heights.yaml).
   */
  wordLineEm?: number;
}

const FAST_LIMIT = 0x250;

class TableFace implements FontFace {
  readonly fast: Float64Array;
  readonly other = new Map<number, number>();
  readonly average: number;
  readonly lineEm: number;
  readonly ascentShare: number;
  private readonly kerning = new Map<number, number>();

  constructor(
    readonly metricsKey: string,
    file: FamilyFile,
    face: FaceFile,
    entry: FamilyEntry,
    private readonly shared: SharedRanges,
    readonly fallback: boolean,
    readonly confidence: number,
    readonly wordLineEm?: number,
  ) {
    const scale = (entry.widthScale ?? 1) / face.unitsPerEm;
    this.fast = new Float64Array(FAST_LIMIT).fill(-1);
    let i = 0;
    for (const [from, to] of file.ranges) {
      for (let cp = from; cp <= to; cp++, i++) {
        const w = face.widths[i];
        if (w < 0) continue;
        if (cp < FAST_LIMIT) this.fast[cp] = w * scale;
        else this.other.set(cp, w * scale);
      }
    }
    // The English-text average when known, else the mean of the lower-case letters.
    let letters = 0;
    for (let cp = 0x61; cp <= 0x7a; cp++) letters += Math.max(0, this.fast[cp]);
    this.average = face.avgCharWidthEmEnglish ? face.avgCharWidthEmEnglish * (entry.widthScale ?? 1) : letters / 26;
    this.lineEm = entry.singleLineEm ?? face.singleLineEm;
    this.ascentShare = face.win[0] / (face.win[0] + face.win[1]);
    for (const [left, right, units] of face.kerning ?? []) this.kerning.set(left * 0x110000 + right, units * scale);
  }

  kern(left: number, right: number): number {
    return this.kerning.get(left * 0x110000 + right) ?? 0;
  }

  width(cp: number): number {
    if (cp < FAST_LIMIT) {
      const w = this.fast[cp];
      if (w >= 0) return w;
      return cp < 0x20 ? 0 : this.average;
    }
    const w = this.other.get(cp);
    if (w !== undefined) return w;
    if (this.shared.isZeroWidth(cp)) return 0;
    if (this.shared.isWide(cp)) return 1;
    // Private-use symbols (Symbol/Wingdings bullets) and scripts without a table: an average character.
    return this.average;
  }
}

class SharedRanges {
  constructor(
    private readonly wide: Array<[number, number]>,
    private readonly zero: Array<[number, number]>,
  ) {}
  isWide(cp: number): boolean {
    return inRanges(cp, this.wide);
  }
  isZeroWidth(cp: number): boolean {
    return inRanges(cp, this.zero);
  }
}

function inRanges(cp: number, ranges: Array<[number, number]>): boolean {
  for (const [from, to] of ranges) if (cp >= from && cp <= to) return true;
  return false;
}

/** Resolves font family names (as Word documents spell them) to faces; caches every face. */
export class FontBook {
  private readonly config: FamiliesFile;
  private readonly shared: SharedRanges;
  /** Faces by family name, then by style (regular, italic, bold, bold italic). */
  private readonly faces = new Map<string, FontFace[]>();
  private readonly fallbackRules: Array<{ pattern: RegExp; metrics: string }>;
  private readonly suffixes: Array<{ pattern: RegExp; bold?: boolean; italic?: boolean }>;
  private readonly wordLineHeights: WordLineHeightsFile;

  constructor() {
    this.config = loadRuleData<FamiliesFile>('fonts/families.yaml');
    this.wordLineHeights = loadRuleData<WordLineHeightsFile>('fonts/word-line-heights.yaml');
    this.shared = new SharedRanges(this.config.wideRanges, this.config.zeroWidthRanges);
    this.fallbackRules = this.config.fallback.rules.map((r) => ({
      pattern: new RegExp(r.pattern, 'i'),
      metrics: r.metrics,
    }));
    this.suffixes = this.config.suffixes.map((s) => ({ ...s, pattern: new RegExp(s.pattern, 'i') }));
  }

  get complexScript(): ComplexScript {
    return this.config.complexScript;
  }

  /** The face Word would use for `family` with the given weight and slant. */
  face(family: string, bold: boolean, italic: boolean): FontFace {
    let styles = this.faces.get(family);
    if (!styles) {
      styles = [];
      this.faces.set(family, styles);
    }
    const slot = (bold ? 2 : 0) + (italic ? 1 : 0);
    let face = styles[slot];
    if (!face) {
      face = this.resolve(family, bold, italic);
      styles[slot] = face;
    }
    return face;
  }

  /** The published figures behind `wordLineEm` (for the check of their method). */
  get publishedLineHeights(): WordLineHeightsFile {
    return this.wordLineHeights;
  }

  /** Whether a family has a listed stand-in (not chosen by the fallback rules). */
  isKnown(family: string): boolean {
    return this.lookup(family).entry !== undefined;
  }

  private lookup(family: string): { entry?: FamilyEntry; bold: boolean; italic: boolean; name: string } {
    let name = family.trim().toLowerCase().replace(/\s+/g, ' ');
    let bold = false;
    let italic = false;
    const direct = this.config.families[name];
    if (direct) return { entry: direct, bold, italic, name };
    for (const suffix of this.suffixes) {
      if (suffix.pattern.test(name)) {
        name = name.replace(suffix.pattern, '').trim();
        bold ||= suffix.bold ?? false;
        italic ||= suffix.italic ?? false;
        const entry = this.config.families[name];
        if (entry) return { entry, bold, italic, name };
      }
    }
    // "TimesNewRoman" and the like: compare without spaces.
    const squashed = name.replace(/[\s-]/g, '');
    for (const [key, entry] of Object.entries(this.config.families)) {
      if (key.replace(/[\s-]/g, '') === squashed) return { entry, bold, italic, name: key };
    }
    return { bold, italic, name };
  }

  private publishedFor(name: string): { a: number } | undefined {
    const table = this.wordLineHeights.lineHeights;
    if (table[name]) return table[name];
    const squashed = name.replace(/[\s-]/g, '');
    const key = Object.keys(table).find((k) => k.replace(/\s/g, '') === squashed);
    return key ? table[key] : undefined;
  }

  private resolve(family: string, boldIn: boolean, italicIn: boolean): FontFace {
    const found = this.lookup(family || 'Calibri');
    const bold = boldIn || found.bold;
    const italic = italicIn || found.italic;
    let entry = found.entry;
    let fallback = false;
    if (!entry) {
      fallback = true;
      const rule = this.fallbackRules.find((r) => r.pattern.test(found.name));
      entry = { metrics: rule?.metrics ?? this.config.fallback.default, confidence: this.config.fallback.confidence };
    }
    const file = loadRuleData<FamilyFile>(`fonts/${entry.metrics}.json`);
    const wanted: FaceName = bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
    // A missing face falls back to the nearest one Word would synthesise from (bold from regular, ...).
    const order: FaceName[] =
      wanted === 'boldItalic' ? ['boldItalic', 'bold', 'italic', 'regular'] : [wanted, 'regular', 'bold', 'italic'];
    const faceName = order.find((f) => file.faces[f]) as FaceName;
    // The real family's line height, when published: the same for all its faces (Word's fonts keep
    // one Windows ascent and descent across the family; the stand-ins' vary by face).
    const published = this.publishedFor(found.name);
    return new TableFace(
      entry.metrics,
      file,
      file.faces[faceName] as FaceFile,
      entry,
      this.shared,
      fallback,
      entry.confidence,
      published?.a,
    );
  }
}

let sharedBook: FontBook | undefined;
/** One FontBook per process: the tables are read once. */
export function fontBook(): FontBook {
  sharedBook ??= new FontBook();
  return sharedBook;
}
