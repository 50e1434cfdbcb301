/**
 * Generates the width tables the layout engine uses (rules/fonts/<key>.json) from the font files
 * of Debian's metric-compatible font packages. The layout engine never opens a font file: this
 * script is run once, by hand, on a machine with the packages installed:
 *
 *   apt-get install -y fonts-crosextra-carlito fonts-crosextra-caladea fonts-liberation2 \
 *     fonts-liberation fonts-croscore fonts-urw-base35 fonts-ebgaramond fonts-dejavu-core
 *   npx tsx scripts/gen-font-metrics.ts
 *
 * Each family file holds, per face (regular, bold, italic, boldItalic), the advance widths in font
 * units of the code points in CODE_POINT_RANGES (-1 where the font has no glyph), units per em, the
 * OS/2 Windows ascent/descent, hhea and typo metrics, the single-line height in em that Word
 * uses (GDI tmHeight + tmExternalLeading), and the pair kerning of KERN_CODE_POINTS (used only for
 * runs Word kerns, w:kern). Fonts that cannot be installed here (Georgia, Verdana,
 * Tahoma, Segoe UI, Trebuchet MS) are derived from a close clone: the clone's widths scaled so the
 * English-text average width equals the real font's (from ../shared/corpus/font-metrics.json, which
 * copied the real fonts' figures from @capsizecss/metrics), and the real font's vertical metrics.
 * Which Word family name maps to which file is hand-kept data in rules/fonts/families.yaml.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as fontkit from 'fontkit';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = join(ROOT, 'rules', 'fonts');
const CORPUS_METRICS = resolve(ROOT, '..', 'shared', 'corpus', 'font-metrics.json');

/** Code points whose widths are stored: Latin (basic to Extended-B), general punctuation, currency, a few symbols. */
export const CODE_POINT_RANGES: Array<[number, number]> = [
  [0x20, 0x24f],
  [0x2000, 0x206f],
  [0x20a0, 0x20bf],
  [0x2100, 0x2122],
  [0x2190, 0x2193],
  [0x2212, 0x2212],
  [0x2260, 0x2265],
  [0x25a0, 0x25cf],
];

/**
 * Characters whose pair kerning is stored (Word kerns only runs with w:kern): printable ASCII,
 * Latin-1 letters and punctuation, curly quotes and dashes.
 */
export const KERN_CODE_POINTS: number[] = [
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  0x2013,
  0x2014,
  0x2018,
  0x2019,
  0x201c,
  0x201d,
  0x2026,
];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

type FaceName = 'regular' | 'bold' | 'italic' | 'boldItalic';

interface FamilySource {
  key: string;
  family: string;
  standsFor: string;
  debianPackage: string;
  faces: Partial<Record<FaceName, string>>;
}

const CROSEXTRA = '/usr/share/fonts/truetype/crosextra';
const LIB2 = '/usr/share/fonts/truetype/liberation2';
const LIB1 = '/usr/share/fonts/truetype/liberation';
const URW = '/usr/share/fonts/opentype/urw-base35';
const DEJAVU = '/usr/share/fonts/truetype/dejavu';
const EBG = '/usr/share/fonts/opentype/ebgaramond';

const FAMILIES: FamilySource[] = [
  {
    key: 'carlito',
    family: 'Carlito',
    standsFor: 'Calibri (metric-compatible)',
    debianPackage: 'fonts-crosextra-carlito',
    faces: {
      regular: `${CROSEXTRA}/Carlito-Regular.ttf`,
      bold: `${CROSEXTRA}/Carlito-Bold.ttf`,
      italic: `${CROSEXTRA}/Carlito-Italic.ttf`,
      boldItalic: `${CROSEXTRA}/Carlito-BoldItalic.ttf`,
    },
  },
  {
    key: 'caladea',
    family: 'Caladea',
    standsFor: 'Cambria (metric-compatible widths)',
    debianPackage: 'fonts-crosextra-caladea',
    faces: {
      regular: `${CROSEXTRA}/Caladea-Regular.ttf`,
      bold: `${CROSEXTRA}/Caladea-Bold.ttf`,
      italic: `${CROSEXTRA}/Caladea-Italic.ttf`,
      boldItalic: `${CROSEXTRA}/Caladea-BoldItalic.ttf`,
    },
  },
  {
    key: 'liberation-serif',
    family: 'Liberation Serif',
    standsFor: 'Times New Roman (metric-compatible)',
    debianPackage: 'fonts-liberation2',
    faces: {
      regular: `${LIB2}/LiberationSerif-Regular.ttf`,
      bold: `${LIB2}/LiberationSerif-Bold.ttf`,
      italic: `${LIB2}/LiberationSerif-Italic.ttf`,
      boldItalic: `${LIB2}/LiberationSerif-BoldItalic.ttf`,
    },
  },
  {
    key: 'liberation-sans',
    family: 'Liberation Sans',
    standsFor: 'Arial (metric-compatible)',
    debianPackage: 'fonts-liberation2',
    faces: {
      regular: `${LIB2}/LiberationSans-Regular.ttf`,
      bold: `${LIB2}/LiberationSans-Bold.ttf`,
      italic: `${LIB2}/LiberationSans-Italic.ttf`,
      boldItalic: `${LIB2}/LiberationSans-BoldItalic.ttf`,
    },
  },
  {
    key: 'liberation-mono',
    family: 'Liberation Mono',
    standsFor: 'Courier New (metric-compatible)',
    debianPackage: 'fonts-liberation2',
    faces: {
      regular: `${LIB2}/LiberationMono-Regular.ttf`,
      bold: `${LIB2}/LiberationMono-Bold.ttf`,
      italic: `${LIB2}/LiberationMono-Italic.ttf`,
      boldItalic: `${LIB2}/LiberationMono-BoldItalic.ttf`,
    },
  },
  {
    key: 'liberation-sans-narrow',
    family: 'Liberation Sans Narrow',
    standsFor: 'Arial Narrow (metric-compatible)',
    debianPackage: 'fonts-liberation',
    faces: {
      regular: `${LIB1}/LiberationSansNarrow-Regular.ttf`,
      bold: `${LIB1}/LiberationSansNarrow-Bold.ttf`,
      italic: `${LIB1}/LiberationSansNarrow-Italic.ttf`,
      boldItalic: `${LIB1}/LiberationSansNarrow-BoldItalic.ttf`,
    },
  },
  {
    key: 'nimbus-sans',
    family: 'Nimbus Sans',
    standsFor: 'Helvetica (metric-compatible)',
    debianPackage: 'fonts-urw-base35',
    faces: {
      regular: `${URW}/NimbusSans-Regular.otf`,
      bold: `${URW}/NimbusSans-Bold.otf`,
      italic: `${URW}/NimbusSans-Italic.otf`,
      boldItalic: `${URW}/NimbusSans-BoldItalic.otf`,
    },
  },
  {
    key: 'p052',
    family: 'P052',
    standsFor: 'Palatino (Palatino Linotype / Book Antiqua approx.)',
    debianPackage: 'fonts-urw-base35',
    faces: {
      regular: `${URW}/P052-Roman.otf`,
      bold: `${URW}/P052-Bold.otf`,
      italic: `${URW}/P052-Italic.otf`,
      boldItalic: `${URW}/P052-BoldItalic.otf`,
    },
  },
  {
    key: 'c059',
    family: 'C059',
    standsFor: 'New Century Schoolbook (Century Schoolbook approx.)',
    debianPackage: 'fonts-urw-base35',
    faces: {
      regular: `${URW}/C059-Roman.otf`,
      bold: `${URW}/C059-Bold.otf`,
      italic: `${URW}/C059-Italic.otf`,
      boldItalic: `${URW}/C059-BdIta.otf`,
    },
  },
  {
    key: 'urw-bookman',
    family: 'URW Bookman',
    standsFor: 'ITC Bookman (Bookman Old Style approx.)',
    debianPackage: 'fonts-urw-base35',
    faces: {
      regular: `${URW}/URWBookman-Light.otf`,
      bold: `${URW}/URWBookman-Demi.otf`,
      italic: `${URW}/URWBookman-LightItalic.otf`,
      boldItalic: `${URW}/URWBookman-DemiItalic.otf`,
    },
  },
  {
    key: 'urw-gothic',
    family: 'URW Gothic',
    standsFor: 'ITC Avant Garde Gothic (Century Gothic approx.)',
    debianPackage: 'fonts-urw-base35',
    faces: {
      regular: `${URW}/URWGothic-Book.otf`,
      bold: `${URW}/URWGothic-Demi.otf`,
      italic: `${URW}/URWGothic-BookOblique.otf`,
      boldItalic: `${URW}/URWGothic-DemiOblique.otf`,
    },
  },
  {
    key: 'eb-garamond',
    family: 'EB Garamond',
    standsFor: 'Garamond (approx.)',
    debianPackage: 'fonts-ebgaramond',
    faces: {
      regular: `${EBG}/EBGaramond12-Regular.otf`,
      bold: `${EBG}/EBGaramond12-Bold.otf`,
      italic: `${EBG}/EBGaramond12-Italic.otf`,
    },
  },
  {
    key: 'dejavu-sans',
    family: 'DejaVu Sans',
    standsFor: 'Verdana (fallback only)',
    debianPackage: 'fonts-dejavu-core',
    faces: {
      regular: `${DEJAVU}/DejaVuSans.ttf`,
      bold: `${DEJAVU}/DejaVuSans-Bold.ttf`,
    },
  },
  {
    key: 'dejavu-serif',
    family: 'DejaVu Serif',
    standsFor: 'Georgia (fallback only)',
    debianPackage: 'fonts-dejavu-core',
    faces: {
      regular: `${DEJAVU}/DejaVuSerif.ttf`,
      bold: `${DEJAVU}/DejaVuSerif-Bold.ttf`,
    },
  },
];

/**
 * Real fonts with no installable clone: vertical metrics and English average width of the real
 * font come from the capsize reference in the corpus metrics; widths are the named clone's, scaled.
 */
const DERIVED: Array<{ key: string; family: string; capsizeKey: string; clone: string }> = [
  { key: 'georgia', family: 'Georgia', capsizeKey: 'georgia', clone: 'dejavu-serif' },
  { key: 'verdana', family: 'Verdana', capsizeKey: 'verdana', clone: 'dejavu-sans' },
  { key: 'tahoma', family: 'Tahoma', capsizeKey: 'tahoma', clone: 'dejavu-sans' },
  { key: 'segoe-ui', family: 'Segoe UI', capsizeKey: 'segoeUI', clone: 'liberation-sans' },
  { key: 'trebuchet-ms', family: 'Trebuchet MS', capsizeKey: 'trebuchetMS', clone: 'liberation-sans' },
];

interface FaceMetrics {
  file: string;
  unitsPerEm: number;
  /** OS/2 usWinAscent, usWinDescent (both positive). */
  win: [number, number];
  /** hhea ascender, descender (negative), lineGap. */
  hhea: [number, number, number];
  /** OS/2 sTypoAscender, sTypoDescender, sTypoLineGap. */
  typo: [number, number, number];
  /** Word's single line height in em: GDI tmHeight + tmExternalLeading. */
  singleLineEm: number;
  /** Frequency-weighted English average width (em) from the corpus metrics, when listed there. */
  avgCharWidthEmEnglish?: number;
  /** Advance widths in font units for CODE_POINT_RANGES in order; -1 = no glyph. */
  widths: number[];
  /** Pair kerning (font units) of KERN_CODE_POINTS pairs with a non-zero adjustment: [left, right, adjustment]. */
  kerning?: Array<[number, number, number]>;
}

interface FamilyFile {
  _about: string;
  key: string;
  family: string;
  standsFor: string;
  source: string;
  ranges: Array<[number, number]>;
  faces: Partial<Record<FaceName, FaceMetrics>>;
}

function packageVersion(name: string): string {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${Version}', name], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** GDI line height: win ascent + descent plus the part of hhea lineGap not already inside them. */
function singleLineEm(unitsPerEm: number, win: [number, number], hhea: [number, number, number]): number {
  const winHeight = win[0] + win[1];
  const external = Math.max(0, hhea[2] - (winHeight - (hhea[0] - hhea[1])));
  return round((winHeight + external) / unitsPerEm, 5);
}

const round = (value: number, digits: number): number => Number(value.toFixed(digits));

interface CorpusMetrics {
  fonts: Array<{ family: string; style: string; file: string; avg_char_width_em_english?: number }>;
  capsize_reference: Array<{
    key: string;
    family: string;
    unitsPerEm: number;
    hhea_ascent: number;
    hhea_descent: number;
    hhea_lineGap: number;
    avg_char_width_em_english: number;
  }>;
}

function readFace(path: string, corpus: CorpusMetrics): FaceMetrics {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- fontkit's typings do not expose the OS/2 table fields
  const font = fontkit.openSync(path) as any;
  const os2 = font['OS/2'];
  const hhea: [number, number, number] = [font.hhea.ascent, font.hhea.descent, font.hhea.lineGap];
  const win: [number, number] = [os2.winAscent, os2.winDescent];
  const widths: number[] = [];
  for (const [from, to] of CODE_POINT_RANGES) {
    for (let cp = from; cp <= to; cp++) {
      widths.push(font.hasGlyphForCodePoint(cp) ? font.glyphForCodePoint(cp).advanceWidth : -1);
    }
  }
  const listed = corpus.fonts.find((f) => f.file === path);
  // Pair kerning as the font's layout engine applies it (GPOS kern feature, or the old kern table).
  const kerning: Array<[number, number, number]> = [];
  const present = KERN_CODE_POINTS.filter((cp) => font.hasGlyphForCodePoint(cp));
  for (const left of present) {
    const leftAdvance = font.glyphForCodePoint(left).advanceWidth;
    for (const right of present) {
      const run = font.layout(String.fromCodePoint(left, right), ['kern']);
      if (run.glyphs.length !== 2) continue;
      const adjustment = run.positions[0].xAdvance - leftAdvance;
      if (adjustment !== 0) kerning.push([left, right, adjustment]);
    }
  }
  return {
    file: path,
    unitsPerEm: font.unitsPerEm,
    win,
    hhea,
    typo: [os2.typoAscender, os2.typoDescender, os2.typoLineGap],
    singleLineEm: singleLineEm(font.unitsPerEm, win, hhea),
    avgCharWidthEmEnglish: listed?.avg_char_width_em_english,
    widths,
    kerning,
  };
}

function main(): void {
  const corpus = JSON.parse(readFileSync(CORPUS_METRICS, 'utf8')) as CorpusMetrics;
  mkdirSync(OUT_DIR, { recursive: true });
  const generated = new Map<string, FamilyFile>();
  for (const source of FAMILIES) {
    const faces: Partial<Record<FaceName, FaceMetrics>> = {};
    for (const [face, path] of Object.entries(source.faces) as Array<[FaceName, string]>) {
      if (!existsSync(path)) throw new Error(`${path} is missing: apt-get install ${source.debianPackage}`);
      faces[face] = readFace(path, corpus);
    }
    const file: FamilyFile = {
      _about: 'Generated by scripts/gen-font-metrics.ts from the font files named per face; do not edit by hand.',
      key: source.key,
      family: source.family,
      standsFor: source.standsFor,
      source: `${source.debianPackage} ${packageVersion(source.debianPackage)}`,
      ranges: CODE_POINT_RANGES,
      faces,
    };
    generated.set(source.key, file);
  }
  for (const derived of DERIVED) {
    const real = corpus.capsize_reference.find((r) => r.key === derived.capsizeKey);
    const clone = generated.get(derived.clone);
    if (!real || !clone) throw new Error(`no capsize reference ${derived.capsizeKey} or clone ${derived.clone}`);
    const faces: Partial<Record<FaceName, FaceMetrics>> = {};
    const cloneRegular = clone.faces.regular as FaceMetrics;
    for (const [face, metrics] of Object.entries(clone.faces) as Array<[FaceName, FaceMetrics]>) {
      // Scale the clone's widths so its English average width matches the real font's.
      const scale =
        real.avg_char_width_em_english / (cloneRegular.avgCharWidthEmEnglish ?? real.avg_char_width_em_english);
      const unitsScale = real.unitsPerEm / metrics.unitsPerEm;
      const hhea: [number, number, number] = [real.hhea_ascent, real.hhea_descent, real.hhea_lineGap];
      // Microsoft's core fonts carry the same ascent/descent in hhea and OS/2 win (capsize lists hhea only).
      const win: [number, number] = [real.hhea_ascent, -real.hhea_descent];
      faces[face] = {
        file: `${metrics.file} (widths x ${round(scale, 4)})`,
        unitsPerEm: real.unitsPerEm,
        win,
        hhea,
        typo: hhea,
        singleLineEm: singleLineEm(real.unitsPerEm, win, hhea),
        avgCharWidthEmEnglish: face === 'regular' ? real.avg_char_width_em_english : undefined,
        widths: metrics.widths.map((w) => (w < 0 ? -1 : Math.round(w * scale * unitsScale))),
        // The real font's kerning is unknown: none rather than the clone's.
      };
    }
    generated.set(derived.key, {
      _about:
        'Generated by scripts/gen-font-metrics.ts: vertical metrics and English average width of the real font ' +
        "(@capsizecss/metrics 4.3.0 via ../shared/corpus/font-metrics.json); per-character widths are the clone's, scaled. Approximate.",
      key: derived.key,
      family: derived.family,
      standsFor: `${derived.family} (approximate: ${clone.family} widths scaled)`,
      source: clone.source,
      ranges: CODE_POINT_RANGES,
      faces,
    });
  }
  for (const file of generated.values()) {
    const inline = (key: string, value: unknown) =>
      key === 'kerning' || (Array.isArray(value) && value.every((v) => typeof v === 'number'))
        ? `@@${JSON.stringify(value)}@@`
        : value;
    // Arrays of numbers (widths, metrics, ranges) on one line each: compact and still diffable.
    const compact = `${JSON.stringify(file, inline, 1)}\n`.replace(/"@@(\[[^"]*\])@@"/g, '$1');
    writeFileSync(join(OUT_DIR, `${file.key}.json`), compact);
    console.log(`rules/fonts/${file.key}.json  ${Object.keys(file.faces).join(', ')}  ${file.source}`);
  }
}

main();
