/**
 * Measures paragraphs and tables the way Word sets them: greedy line breaking with the fonts'
 * advance widths (spaces hang at the line end, breaks after spaces, hyphens, dashes and between
 * East-Asian characters), tabs to the next stop, inline pictures as tall characters, and line
 * heights from the fonts' Windows metrics under the paragraph's line rule. Positions on the page
 * are the paginator's business (layout.ts); this module only turns content into line heights.
 */
import type {
  Block,
  BorderLine,
  DocModel,
  Drawing,
  Inline,
  Paragraph,
  RunFormat,
  Section,
  Table,
  TableCell,
} from '../document/model.js';
import { emuToTwips } from '../document/model.js';
import { type FontBook, type FontFace, fontBook } from './fonts.js';

export interface LayoutConfig {
  keepSpaceBeforeAtPageTop: boolean;
  /** After a hard page or column break: 'keep' the space before, 'drop' it, or drop it in files laid out as Word 2010 and earlier (compatibility mode below 15). */
  spaceBeforeAfterHardBreak: 'keep' | 'drop' | 'dropBeforeWord2013';
  /** A "page break before" paragraph's space before is reduced by the previous paragraph's space after. */
  pageBreakBeforeCredit: boolean;
  multipleLeadingBelow: boolean;
  collapseParagraphSpacing: boolean;
  /**
   * Lines on a document grid: 'wholePitches' (a line taller than the pitch takes whole pitches),
   * 'atLeastPitch' (the larger of the pitch and its own height), 'wholePitchesEastAsian' (whole
   * pitches for lines holding East-Asian characters, the larger of the two for the others).
   */
  gridLineRule: 'wholePitches' | 'atLeastPitch' | 'wholePitchesEastAsian';
  /** On a grid the text sits in the middle of its pitches: the last line on a page fits when the text and the space above it do. */
  gridTextInMiddle: boolean;
  wrapAreaShare: number;
  inlineImageMultiple: boolean;
  autoSpacingTwips: number;
  minWrapGapTwips: number;
  wrapDistanceTwips: number;
  footnoteSeparatorLines: number;
  defaultTabStopTwips: number;
  verticalAlignScale: number;
  smallCapsScale: number;
  /** Pair kerning from the fonts' tables for runs with w:kern, at and above its size. */
  kerning: boolean;
  /** Auto spacing (w:afterAutospacing) after the last paragraph of a table cell is dropped. */
  autoSpacingCollapsesInCells: boolean;
  /** Share of a paragraph border's width and distance (w:pBdr sz, space) that takes height above/below the text. */
  paragraphBorderShare: number;
  /** Share of a table's horizontal border widths added to the rows' heights. */
  tableBorderShare: number;
  /** Look-alike stand-ins take the real font's published single line height (rules/fonts/word-line-heights.yaml). */
  wordLineHeights: boolean;
}

export interface Line {
  /** Height in twips, line rule applied. */
  height: number;
  /** Height that must fit above the bottom margin when this is the last line on the page. */
  fitHeight: number;
  /** A page or column break ends this line. */
  breakAfter?: 'page' | 'column';
  /** Footnote references on this line. */
  noteRefs: number;
}

export interface MeasuredParagraph {
  kind: 'paragraph';
  paragraph: Paragraph;
  lines: Line[];
  before: number;
  after: number;
  /** Space displaced by anchored pictures/text boxes that text flows around (twips), added before the first line. */
  floatHeight: number;
  /** Bands of the page blocked by anchored pictures/text boxes anchored in this paragraph. */
  bands: FloatBand[];
}

/** A float that text cannot pass beside: its top (twips) relative to the paragraph, the page or the margin. */
export interface FloatBand {
  offset: number;
  height: number;
  relative: 'paragraph' | 'page' | 'margin';
}

export interface MeasuredRow {
  height: number;
  cantSplit: boolean;
  header: boolean;
  /** Cumulative line bottoms (twips from the row top) of the tallest cell: where the row may split. */
  splitPoints: number[];
  /** A split must leave at least this much on the first page: every cell's first line. */
  minSplit: number;
  /** Height of the tallest cell's content (the row may be taller by its minimum height). */
  contentHeight: number;
}

export interface MeasuredTable {
  kind: 'table';
  table: Table;
  rows: MeasuredRow[];
}

export type MeasuredBlock = MeasuredParagraph | MeasuredTable;

/** A piece of a line: an unbreakable group of characters, a space, a tab or a break. */
type Item =
  | {
      type: 'group';
      width: number;
      ascent: number;
      descent: number;
      noteRefs: number;
      image: number;
      text?: string;
      /** An East-Asian (ideographic, kana, hangul, full-width) character. */
      eastAsian?: boolean;
    }
  | { type: 'space'; width: number; ascent: number; descent: number; text?: string }
  | { type: 'tab'; ascent: number; descent: number }
  | { type: 'break'; kind: 'page' | 'column' | 'textWrapping'; ascent: number; descent: number };

const HYPHENS = new Set([0x2d, 0x2010, 0x2012, 0x2013, 0x2014, 0x2015]);
const SPACES = new Set([0x20, 0x3000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x2009, 0x200a]);

/** The room a drawing takes (twips): its extent plus what its effects (shadow, glow, rotation) add around it. */
function footprint(d: Drawing): { width: number; height: number } {
  const e = d.effectExtentEmu;
  return {
    width: emuToTwips(d.widthEmu + (e ? e.left + e.right : 0)),
    height: emuToTwips(d.heightEmu + (e ? e.top + e.bottom : 0)),
  };
}

/** A cell's own border on one side: the line, null when switched off, undefined when the cell leaves it to the table. */
function sideOf(cell: TableCell, side: 'top' | 'bottom'): BorderLine | null | undefined {
  return cell.borders?.[side];
}

function inRanges(cp: number, ranges: Array<[number, number]>): boolean {
  for (const [from, to] of ranges) if (cp >= from && cp <= to) return true;
  return false;
}

function isWide(cp: number): boolean {
  return (
    (cp >= 0x2e80 && cp <= 0x9fff) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xff00 && cp <= 0xff60)
  );
}

export class Measurer {
  readonly fonts: FontBook;
  /** Characters set per font family, for the confidence of the estimate. */
  readonly charsByFamily = new Map<string, number>();
  /** When set, the text of each measured line is recorded here (for diagnostics). */
  trace?: string[][];
  /** Features the engine only approximates, seen while measuring. */
  readonly approximations = new Set<string>();
  private readonly defaultTabStop: number;
  /** Word's layout compatibility mode (15 = Word 2013 and later; files without it open as Word 2007, 12). */
  readonly compatibilityMode: number;
  private readonly drawings: Map<number, DocModel['drawings'][number]>;
  private readonly anchoredByParagraph = new Map<number, DocModel['drawings']>();
  private readonly complexFormats = new WeakMap<RunFormat, RunFormat>();
  /** Height paragraph borders add above and below each paragraph, once its neighbours are known. */
  private readonly borderRoom = new WeakMap<Paragraph, { top: number; bottom: number }>();
  private readonly complexRanges: Array<[number, number]>;
  private readonly complexDefaultFont: string;
  private readonly complexDefaultSize: number;

  constructor(
    readonly doc: DocModel,
    readonly config: LayoutConfig,
  ) {
    this.fonts = fontBook();
    this.defaultTabStop = doc.metadata.settings.defaultTabStop || config.defaultTabStopTwips;
    this.compatibilityMode = doc.metadata.settings.compatibilityMode ?? 12;
    this.drawings = new Map(doc.drawings.map((d) => [d.id, d]));
    const script = this.fonts.complexScript;
    this.complexRanges = script.ranges;
    this.complexDefaultFont = script.defaultFont;
    this.complexDefaultSize = script.defaultSizePt;
    for (const d of doc.drawings) {
      if (d.inline) continue;
      const list = this.anchoredByParagraph.get(d.paragraph) ?? [];
      list.push(d);
      this.anchoredByParagraph.set(d.paragraph, list);
    }
  }

  face(format: RunFormat): FontFace {
    return this.fonts.face(format.font, format.bold, format.italic);
  }

  /** Word's single line height of a face in em: the real font's when published, else the stand-in's. */
  lineEm(face: FontFace): number {
    return this.config.wordLineHeights ? (face.wordLineEm ?? face.lineEm) : face.lineEm;
  }

  /**
   * The format Word sets a run's complex-script characters in: its complex-script font, size
   * (w:szCs, 10 pt when never given) and weight/slant (w:bCs, w:iCs). Cached per run format.
   */
  complexFormat(format: RunFormat): RunFormat {
    let cs = this.complexFormats.get(format);
    if (!cs) {
      cs = {
        ...format,
        font: format.fontComplex ?? this.complexDefaultFont,
        sizePt: format.sizeComplexPt ?? this.complexDefaultSize,
        bold: format.boldComplex ?? false,
        italic: format.italicComplex ?? false,
      };
      this.complexFormats.set(format, cs);
    }
    return cs;
  }

  /** A run marked right-to-left (w:rtl) or complex script (w:cs) uses complex-script formatting throughout. */
  private wholeRunComplex(format: RunFormat): boolean {
    return format.rightToLeft || format.complexScript === true;
  }

  /** Ascent and descent (twips) of a run's font at its size. */
  private heights(format: RunFormat): { ascent: number; descent: number } {
    const face = this.face(format);
    const total = this.lineEm(face) * format.sizePt * 20;
    return { ascent: total * face.ascentShare, descent: total * (1 - face.ascentShare) };
  }

  /** Whether a paragraph takes no space at all (everything in it, mark included, is hidden). */
  isHidden(p: Paragraph): boolean {
    if (!p.mark.hidden) return false;
    return p.inlines.every((i) => i.hidden || i.revision === 'deleted' || i.revision === 'moveFrom' || i.fieldCode);
  }

  private items(p: Paragraph): Item[] {
    const items: Item[] = [];
    let group: Extract<Item, { type: 'group' }> | undefined;
    const closeGroup = () => {
      if (group) items.push(group);
      group = undefined;
    };
    const addToGroup = (width: number, ascent: number, descent: number, noteRefs = 0, text = '', image = 0) => {
      if (!group) group = { type: 'group', width: 0, ascent: 0, descent: 0, noteRefs: 0, image: 0, text: '' };
      group.image = Math.max(group.image, image);
      if (this.trace) group.text += text;
      group.width += width;
      group.ascent = Math.max(group.ascent, ascent);
      group.descent = Math.max(group.descent, descent);
      group.noteRefs += noteRefs;
    };
    if (p.numbering?.label) {
      const { ascent, descent } = this.heights(this.markFormat(p));
      addToGroup(this.textWidth(p.numbering.label, p.mark), ascent, descent);
      closeGroup();
      items.push({ type: 'tab', ascent, descent });
    }
    for (const inline of p.inlines) {
      if (inline.revision === 'deleted' || inline.revision === 'moveFrom' || inline.fieldCode) continue;
      if (inline.hidden) continue;
      const wholeRunComplex = this.wholeRunComplex(inline);
      const runFormat = wholeRunComplex ? this.complexFormat(inline) : inline;
      const { ascent, descent } = this.heights(runFormat);
      switch (inline.kind) {
        case 'text':
        case 'symbol': {
          // Latin and complex-script characters of one run may use different fonts and sizes.
          const latin = {
            format: runFormat,
            face: this.face(runFormat),
            size: this.effectiveSize(runFormat),
            ascent,
            descent,
          };
          let complex: typeof latin | undefined;
          let complexChars = 0;
          const kernFrom = this.config.kerning ? inline.kernMinPt : undefined;
          let previousCp: number | undefined;
          let previousSet: typeof latin | undefined;
          const text = inline.text;
          const scale = 20 * (inline.scalePercent / 100);
          const spacing = inline.characterSpacing;
          const caseChanges = inline.caps || inline.smallCaps;
          for (let i = 0; i < text.length; i++) {
            let cp = text.charCodeAt(i);
            if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
              cp = text.codePointAt(i) as number;
              i++;
            }
            let set = latin;
            if (cp >= 0x0590 && !wholeRunComplex && inRanges(cp, this.complexRanges)) {
              if (!complex) {
                const format = this.complexFormat(inline);
                complex = {
                  format,
                  face: this.face(format),
                  size: this.effectiveSize(format),
                  ...this.heights(format),
                };
              }
              set = complex;
              complexChars++;
            }
            const { face, size, ascent, descent } = set;
            if (cp === 0x09) {
              closeGroup();
              items.push({ type: 'tab', ascent, descent });
              continue;
            }
            if (cp === 0x0a) {
              closeGroup();
              items.push({ type: 'break', kind: 'textWrapping', ascent, descent });
              continue;
            }
            let charSize = size;
            if (caseChanges) {
              const ch = String.fromCodePoint(cp);
              const upper = ch.toUpperCase();
              if (upper !== ch) {
                cp = upper.codePointAt(0) as number;
                if (inline.smallCaps && !inline.caps) charSize = size * this.config.smallCapsScale;
              }
            }
            let width = face.width(cp) * charSize * scale + spacing;
            // Pair kerning (w:kern) between this character and the one before it in the run.
            if (kernFrom !== undefined && charSize >= kernFrom && set === previousSet && previousCp !== undefined)
              width += face.kern(previousCp, cp) * charSize * scale;
            previousCp = cp;
            previousSet = set;
            if (cp === 0x20 || ((cp >= 0x2002 || cp === 0x3000) && SPACES.has(cp))) {
              closeGroup();
              items.push({ type: 'space', width, ascent, descent, text: ' ' });
            } else if (cp >= 0x1100 && isWide(cp)) {
              closeGroup();
              addToGroup(width, ascent, descent, 0, this.trace ? String.fromCodePoint(cp) : '');
              if (group) group.eastAsian = true;
              closeGroup();
            } else {
              // The common case, inline: one more character in the current unbreakable group.
              if (!group) group = { type: 'group', width: 0, ascent: 0, descent: 0, noteRefs: 0, image: 0, text: '' };
              group.width += width;
              if (ascent > group.ascent) group.ascent = ascent;
              if (descent > group.descent) group.descent = descent;
              if (this.trace) group.text += String.fromCodePoint(cp);
              if (cp === 0x2d || (cp >= 0x2010 && HYPHENS.has(cp))) closeGroup();
            }
          }
          const length = inline.text.length;
          if (complex) this.count(complex.format.font, complexChars);
          this.count(runFormat.font, length - complexChars);
          break;
        }
        case 'tab':
          closeGroup();
          items.push({ type: 'tab', ascent, descent });
          break;
        case 'break':
          closeGroup();
          items.push({ type: 'break', kind: inline.breakType ?? 'textWrapping', ascent, descent });
          break;
        case 'drawing': {
          const drawing = inline.drawingId !== undefined ? this.drawings.get(inline.drawingId) : undefined;
          if (drawing?.inline) {
            const { width, height } = footprint(drawing);
            closeGroup();
            addToGroup(width, ascent, descent, 0, '', height);
            closeGroup();
          }
          break;
        }
        case 'noteReference': {
          // A superscript number: its width barely matters; the note's text is placed by the paginator.
          addToGroup(this.textWidth('1', inline) * this.config.verticalAlignScale, ascent, descent, 1);
          break;
        }
        default:
          break;
      }
    }
    closeGroup();
    return items;
  }

  /** The paragraph mark's format as set: complex-script formatting when the mark is marked right-to-left. */
  private markFormat(p: Paragraph): RunFormat {
    return this.wholeRunComplex(p.mark) ? this.complexFormat(p.mark) : p.mark;
  }

  private count(family: string, chars: number): void {
    this.charsByFamily.set(family, (this.charsByFamily.get(family) ?? 0) + chars);
  }

  private effectiveSize(format: RunFormat): number {
    return format.vertAlign ? format.sizePt * this.config.verticalAlignScale : format.sizePt;
  }

  textWidth(text: string, format: RunFormat): number {
    const face = this.face(format);
    const size = this.effectiveSize(format) * 20 * (format.scalePercent / 100);
    let width = 0;
    for (const ch of text) width += face.width(ch.codePointAt(0) as number) * size + format.characterSpacing;
    return width;
  }

  /** Next tab stop (twips from the text-area left edge) strictly after `position`. */
  private nextTabStop(p: Paragraph, position: number, hangingStop: number | undefined): { pos: number; align: string } {
    let best: { pos: number; align: string } | undefined;
    for (const tab of p.tabs) {
      if (tab.align === 'clear' || tab.align === 'bar') continue;
      if (tab.pos > position + 1 && (!best || tab.pos < best.pos)) best = { pos: tab.pos, align: tab.align };
    }
    if (hangingStop !== undefined && hangingStop > position + 1 && (!best || hangingStop < best.pos)) {
      best = { pos: hangingStop, align: 'left' };
    }
    if (best) return best;
    const step = this.defaultTabStop > 0 ? this.defaultTabStop : 720;
    return { pos: (Math.floor(position / step) + 1) * step, align: 'left' };
  }

  /**
   * Paragraph borders of a story: consecutive paragraphs with the same borders and indents share
   * one box (Word draws the top border above the first, the bottom border below the last, and the
   * "between" border between them). Records the height each paragraph's borders add.
   */
  prepareBorders(blocks: Block[]): void {
    if (!blocks.some((b) => b.kind === 'paragraph' && b.borders)) return;
    const share = this.config.paragraphBorderShare;
    const room = (line: BorderLine | undefined) => (line ? (line.space + line.width) * share : 0);
    const key = (p: Paragraph) => `${JSON.stringify(p.borders)}|${p.indent.left}|${p.indent.right}`;
    let previous: Paragraph | undefined;
    const visible = blocks.map((b) => (b.kind === 'paragraph' && this.isHidden(b) ? undefined : b));
    visible.forEach((block, i) => {
      if (!block) return;
      if (block.kind !== 'paragraph' || !block.borders) {
        previous = undefined;
        return;
      }
      let next: Block | undefined;
      for (let j = i + 1; j < visible.length && !next; j++) next = visible[j];
      const joinsPrevious = previous !== undefined && key(previous) === key(block);
      const joinsNext = next?.kind === 'paragraph' && next.borders !== undefined && key(next) === key(block);
      const b = block.borders;
      this.borderRoom.set(block, {
        top: joinsPrevious ? room(b.between) : room(b.top),
        bottom: joinsNext ? 0 : room(b.bottom),
      });
      previous = block;
    });
  }

  /** Lines of a paragraph set in a column `width` twips wide. */
  measureParagraph(p: Paragraph, width: number, section: Section | undefined): MeasuredParagraph {
    const before = p.spacing.beforeAuto ? this.config.autoSpacingTwips : p.spacing.before;
    const after = p.spacing.afterAuto ? this.config.autoSpacingTwips : p.spacing.after;
    const lines: Line[] = [];
    const items = this.items(p);
    const mark = this.heights(this.markFormat(p));
    const left = p.indent.left;
    const right = p.indent.right;
    const firstLine = p.indent.firstLine;
    const hangingStop = firstLine < 0 ? left : undefined;

    let first = true;
    let lineStart = left + firstLine; // from the text-area left edge
    let avail = width - lineStart - right;
    let content = 0; // width up to the end of the last non-space item
    let trailing = 0; // spaces after it (they hang past the margin)
    let ascent = 0;
    let descent = 0;
    let image = 0; // tallest inline picture on the line
    let eastAsian = false; // the line holds an East-Asian character
    let noteRefs = 0;
    let lastFont = mark;

    let lineText = '';
    const traced: string[] = [];
    const push = (breakAfter?: 'page' | 'column') => {
      if (this.trace) {
        traced.push(`${lineText} [${Math.round(content)}/${Math.round(avail)}]`);
        lineText = '';
      }
      if (ascent === 0 && descent === 0) {
        ascent = lastFont.ascent;
        descent = lastFont.descent;
      }
      const height = this.lineHeight(p, ascent, descent, section, image, eastAsian);
      const text = Math.max(ascent, image) + descent;
      // The extra leading of "multiple" spacing lies below the text: the text itself must fit the page.
      // On a document grid the text sits in the middle of its pitches: the half below may run past.
      const grid = this.onGrid(p, section);
      let fitHeight = height;
      if (grid && this.config.gridTextInMiddle) fitHeight = Math.min(height, (height + text) / 2);
      else if (!grid && this.config.multipleLeadingBelow && p.spacing.lineRule === 'auto')
        fitHeight = Math.min(height, text);
      // A line holding nothing but a page or column break never needs a page of its own.
      if (breakAfter && content === 0 && trailing === 0) fitHeight = 0;
      lines.push({ height, fitHeight, breakAfter, noteRefs });
      first = false;
      lineStart = left;
      avail = width - lineStart - right;
      content = 0;
      trailing = 0;
      ascent = 0;
      descent = 0;
      image = 0;
      eastAsian = false;
      noteRefs = 0;
    };
    const grow = (a: number, d: number) => {
      ascent = Math.max(ascent, a);
      descent = Math.max(descent, d);
      lastFont = { ascent: a, descent: d };
    };

    for (let i = 0; i < items.length; i++) {
      const item = items[i];
      if (item.type === 'space') {
        if (this.trace) lineText += ' ';
        trailing += item.width;
        grow(item.ascent, item.descent);
      } else if (item.type === 'group') {
        let w = item.width;
        if ((content > 0 || trailing > 0) && content + trailing + w > avail + 0.5) push();
        // A word longer than the line is broken between characters.
        while (w > avail + 0.5 && avail > 0) {
          grow(item.ascent, item.descent);
          content = avail;
          push();
          w -= avail;
        }
        if (this.trace) lineText += item.text ?? '';
        content += trailing + w;
        trailing = 0;
        noteRefs += item.noteRefs;
        image = Math.max(image, item.image);
        if (item.eastAsian) eastAsian = true;
        grow(item.ascent, item.descent);
      } else if (item.type === 'tab') {
        const x = lineStart + content + trailing;
        let stop = this.nextTabStop(p, x, first ? hangingStop : undefined);
        if (stop.pos - lineStart > avail + 0.5 && content + trailing > 0) {
          // No stop left on this line: the tab starts the next one.
          push();
          stop = this.nextTabStop(p, lineStart, undefined);
        }
        let target = stop.pos - lineStart;
        if (stop.align === 'right' || stop.align === 'end' || stop.align === 'center' || stop.align === 'decimal') {
          // The text up to the next tab or break ends at (right) or centres on (center) the stop.
          let following = 0;
          for (let j = i + 1; j < items.length; j++) {
            const next = items[j];
            if (next.type === 'tab' || next.type === 'break') break;
            following += next.width;
          }
          target -= stop.align === 'center' ? following / 2 : following;
        }
        if (this.trace) lineText += '→';
        content = Math.max(content + trailing, Math.min(target, Math.max(avail, content + trailing)));
        trailing = 0;
        grow(item.ascent, item.descent);
      } else {
        grow(item.ascent, item.descent);
        push(item.kind === 'textWrapping' ? undefined : item.kind);
      }
    }
    // The paragraph mark ends the last line and lends it its height. After a page break that
    // ends the paragraph, Word 2013+ (compatibility mode 15) puts the mark on the next page;
    // earlier modes leave it with the break.
    const endsWithBreak =
      items.length > 0 && items[items.length - 1].type === 'break' && lines[lines.length - 1]?.breakAfter !== undefined;
    if (!(endsWithBreak && this.compatibilityMode < 15)) {
      grow(mark.ascent, mark.descent);
      push();
    }
    this.trace?.push(traced);
    if (p.borders && lines.length > 0) {
      const share = this.config.paragraphBorderShare;
      const own = this.borderRoom.get(p) ?? {
        top: p.borders.top ? (p.borders.top.space + p.borders.top.width) * share : 0,
        bottom: p.borders.bottom ? (p.borders.bottom.space + p.borders.bottom.width) * share : 0,
      };
      const opening = lines[0];
      const closing = lines[lines.length - 1];
      opening.height += own.top;
      opening.fitHeight += own.top;
      closing.height += own.bottom;
      closing.fitHeight += own.bottom;
    }

    const floats = this.floats(p, width);
    return {
      kind: 'paragraph',
      paragraph: p,
      lines,
      before,
      after,
      floatHeight: floats.areaHeight,
      bands: floats.bands,
    };
  }

  /** Whether the paragraph's lines snap to the section's document grid (East-Asian layouts). */
  onGrid(p: Paragraph, section: Section | undefined): boolean {
    const grid = section?.docGrid;
    return (
      !!grid?.linePitch &&
      (grid.type === 'lines' || grid.type === 'linesAndChars') &&
      p.story !== 'footnote' &&
      p.spacing.lineRule === 'auto'
    );
  }

  /**
   * Height of one line (twips) from its tallest ascent and descent under the paragraph's line
   * rule; an inline picture stands on the baseline (its height plus the text's descent).
   */
  lineHeight(
    p: Paragraph,
    ascent: number,
    descent: number,
    section: Section | undefined,
    image = 0,
    eastAsian = false,
  ): number {
    const natural = ascent + descent;
    const pictured = image > 0 ? Math.max(ascent, image) + descent : 0;
    const { line, lineRule } = p.spacing;
    if (lineRule === 'exact') return line > 0 ? line : natural;
    if (lineRule === 'atLeast') return Math.max(natural, pictured, line);
    const multiple = (line > 0 ? line : 240) / 240;
    if (image > 0) {
      const text = this.lineHeight(p, ascent, descent, section, 0, eastAsian);
      return Math.max(text, this.config.inlineImageMultiple ? pictured * multiple : pictured);
    }
    const grid = section?.docGrid;
    if (grid?.linePitch && this.onGrid(p, section)) {
      // Document grid (East-Asian layouts): a line takes at least one pitch; one taller than the
      // pitch takes whole pitches (or, by the rule, only when it holds East-Asian text).
      const rule = this.config.gridLineRule;
      if (rule === 'atLeastPitch' || (rule === 'wholePitchesEastAsian' && !eastAsian))
        return Math.max(natural * multiple, grid.linePitch * multiple);
      const pitches = Math.max(1, Math.ceil(natural / grid.linePitch - 0.01));
      return pitches * grid.linePitch * multiple;
    }
    return natural * multiple;
  }

  /**
   * Anchored pictures and text boxes in the paragraph that push text aside. Those set above and
   * below the text (or too wide for text beside them) block a band of the page: lines that would
   * cross it go below it. Those text flows around take the area they displace, spread over the
   * lines beside them (an extra height at the anchor).
   */
  private floats(p: Paragraph, width: number): { bands: FloatBand[]; areaHeight: number } {
    const anchored = this.anchoredByParagraph.get(p.index);
    const bands: FloatBand[] = [];
    let areaHeight = 0;
    if (!anchored || p.story === 'header' || p.story === 'footer') return { bands, areaHeight };
    for (const d of anchored) {
      const { width: w, height: h } = footprint(d);
      if (!(w > 0 && h > 0)) continue;
      const wraps = d.wrap === 'square' || d.wrap === 'tight' || d.wrap === 'through';
      if (!wraps && d.wrap !== 'topAndBottom') continue;
      this.approximations.add('floating objects');
      const taken = w + this.config.wrapDistanceTwips;
      if (d.wrap === 'topAndBottom' || width - taken < this.config.minWrapGapTwips) {
        const from = d.offsetEmu?.relativeFromV;
        const relative: FloatBand['relative'] =
          from === 'page' ? 'page' : from === 'margin' || from === 'topMargin' ? 'margin' : 'paragraph';
        bands.push({ offset: emuToTwips(d.offsetEmu?.y ?? 0), height: h, relative });
      } else areaHeight += ((h * taken) / width) * this.config.wrapAreaShare;
    }
    return { bands, areaHeight };
  }

  measureTable(table: Table, width: number, section: Section | undefined): MeasuredTable {
    const grid = table.grid.length > 0 ? table.grid : undefined;
    const rows: MeasuredRow[] = [];
    const pendingMerges: Array<{ startRow: number; column: number; height: number }> = [];
    const borderRoom = this.rowBorderRoom(table);
    table.rows.forEach((row, rowIndex) => {
      const skipBefore = row.gridBefore ?? 0;
      let column = skipBefore;
      let height = 0;
      let splitPoints: number[] = [];
      let minSplit = 0;
      let contentHeight = 0;
      // The grid gives the cells' widths when the row's cells (and the columns it skips) cover it.
      const spans = row.cells.reduce((sum, c) => sum + Math.max(1, c.gridSpan), 0) + skipBefore + (row.gridAfter ?? 0);
      const useGrid = grid !== undefined && (spans >= grid.length || row.cells.some((c) => c.width === undefined));
      for (const cell of row.cells) {
        const span = Math.max(1, cell.gridSpan);
        const cellWidth =
          useGrid && grid
            ? grid.slice(column, column + span).reduce((a, b) => a + b, 0)
            : (cell.width ?? width / Math.max(1, row.cells.length));
        const margins = { ...table.cellMargins, ...cell.margins };
        const inner = Math.max(cellWidth - margins.left - margins.right, 1);
        if (cell.vMerge !== 'continue') {
          const content = this.blocksHeight(cell.blocks, inner, section, true);
          const total = margins.top + content.height + margins.bottom;
          contentHeight = Math.max(contentHeight, total);
          if (content.lineBottoms.length > 0) minSplit = Math.max(minSplit, margins.top + content.lineBottoms[0]);
          if (cell.vMerge === 'restart') pendingMerges.push({ startRow: rowIndex, column, height: total });
          else if (total > height) {
            height = total;
            splitPoints = content.lineBottoms.map((b) => b + margins.top);
          }
        }
        column += span;
      }
      // Horizontal borders take height (rules/pages.yaml tableBorderShare): each row holds the line
      // below it, the first row also the table's top line; a row of exact height holds its lines within.
      const above = rowIndex === 0 ? borderRoom[0] : 0;
      const below = borderRoom[rowIndex + 1];
      if (above > 0) {
        splitPoints = splitPoints.map((b) => b + above);
        if (minSplit > 0) minSplit += above;
      }
      height += above + below;
      contentHeight += contentHeight > 0 ? above + below : 0;
      // An exact height is the whole row; a minimum height is the cells' and the borders come on top.
      if (row.heightRule === 'exact' && row.height) height = row.height;
      else if (row.height) height = Math.max(height, row.height + above + below);
      rows.push({
        height,
        cantSplit: row.cantSplit || row.heightRule === 'exact',
        header: row.header,
        splitPoints,
        minSplit,
        contentHeight,
      });
    });
    // A vertically merged cell spreads over its rows: the last row grows if the cell needs more.
    for (const merge of pendingMerges) {
      let end = merge.startRow + 1;
      while (end < table.rows.length && this.cellAt(table, end, merge.column)?.vMerge === 'continue') end++;
      const spanned = rows.slice(merge.startRow, end).reduce((a, r) => a + r.height, 0);
      if (merge.height > spanned) rows[end - 1].height += merge.height - spanned;
    }
    if (table.floating) this.approximations.add('floating tables');
    return { kind: 'table', table, rows };
  }

  /**
   * Height (twips) of the horizontal border above each row of a table, and (last entry) below its
   * last row. A cell's own border wins over the table's; where the border of the cell above meets
   * that of the cell below, the wider one is drawn; merged cells draw none between them.
   */
  private rowBorderRoom(table: Table): number[] {
    const share = this.config.tableBorderShare;
    const out: number[] = [];
    if (!table.borders && !table.rows.some((row) => row.cells.some((cell) => cell.borders)))
      return new Array<number>(table.rows.length + 1).fill(0);
    const width = (line: BorderLine | null | undefined) => (line ? line.width : 0);
    const tableBorders = table.borders ?? {};
    const n = table.rows.length;
    for (let r = 0; r <= n; r++) {
      let room = 0;
      if (r < n) {
        let column = table.rows[r].gridBefore ?? 0;
        for (const cell of table.rows[r].cells) {
          const span = Math.max(1, cell.gridSpan);
          if (cell.vMerge !== 'continue') {
            const own = sideOf(cell, 'top') ?? (r === 0 ? tableBorders.top : tableBorders.insideH);
            let line = width(own);
            if (r > 0) {
              const upper = this.cellAt(table, r - 1, column);
              if (upper) line = Math.max(line, width(sideOf(upper, 'bottom') ?? tableBorders.insideH));
            }
            room = Math.max(room, line);
          }
          column += span;
        }
      } else if (n > 0) {
        for (const cell of table.rows[n - 1].cells)
          room = Math.max(room, width(sideOf(cell, 'bottom') ?? tableBorders.bottom));
      }
      out.push(room * share);
    }
    return out;
  }

  private cellAt(table: Table, row: number, column: number) {
    let col = table.rows[row].gridBefore ?? 0;
    for (const cell of table.rows[row].cells) {
      if (col === column) return cell;
      col += Math.max(1, cell.gridSpan);
    }
    return undefined;
  }

  /**
   * Height of a run of blocks laid end to end without page breaks (table cells, headers, footers,
   * notes), with the line bottoms where the run may be split across pages.
   */
  blocksHeight(
    blocks: Block[],
    width: number,
    section: Section | undefined,
    inCell = false,
  ): { height: number; lineBottoms: number[] } {
    let y = 0;
    const lineBottoms: number[] = [];
    let previous: MeasuredParagraph | undefined;
    this.prepareBorders(blocks);
    blocks.forEach((block, i) => {
      if (block.kind === 'table') {
        const t = this.measureTable(block, width, section);
        for (const row of t.rows) {
          // A nested row may split where its own lines end.
          for (const point of row.splitPoints) if (point < row.height) lineBottoms.push(y + point);
          y += row.height;
          lineBottoms.push(y);
        }
        previous = undefined;
        return;
      }
      if (this.isHidden(block)) return;
      const m = this.measureParagraph(block, width, section);
      const gap = paragraphGap(previous, m, i === 0 && inCell, this.config.collapseParagraphSpacing);
      y += gap + m.floatHeight;
      // Where the content may break across pages: after any line, except that widow/orphan
      // control keeps the first two and the last two lines of a paragraph together.
      const n = m.lines.length;
      m.lines.forEach((line, k) => {
        y += line.height;
        const linesBefore = k + 1;
        const allowed = !block.widowControl || linesBefore === n || (linesBefore >= 2 && n - linesBefore >= 2);
        if (allowed && !(block.keepLines && linesBefore < n)) lineBottoms.push(y);
      });
      previous = m;
    });
    // HTML-like "auto" spacing collapses at the bottom of a table cell, as at its top.
    if (previous && !(inCell && previous.paragraph.spacing.afterAuto && this.config.autoSpacingCollapsesInCells))
      y += previous.after;
    return { height: y, lineBottoms };
  }
}

/**
 * Space between two paragraphs: the larger of the first one's "after" and the second one's
 * "before" (or their sum when `collapse` is false), each dropped when that paragraph asks for
 * contextual spacing and both share a style. Automatic (HTML-like) spacing: none between list
 * items, none before the first paragraph of a story.
 */
export function paragraphGap(
  previous: MeasuredParagraph | undefined,
  current: MeasuredParagraph,
  atTop: boolean,
  collapse: boolean,
): number {
  const cur = current.paragraph;
  const prev = previous?.paragraph;
  const sameStyle = prev !== undefined && (prev.styleId ?? '') === (cur.styleId ?? '');
  const after = previous && !(prev?.contextualSpacing && sameStyle) ? previous.after : 0;
  let before = cur.contextualSpacing && sameStyle ? 0 : current.before;
  if (cur.spacing.beforeAuto && (atTop || !previous)) before = 0;
  if (prev && (prev.spacing.afterAuto || cur.spacing.beforeAuto)) {
    if (prev.numbering && cur.numbering) {
      return (prev.spacing.afterAuto ? 0 : after) + (cur.spacing.beforeAuto ? 0 : before);
    }
    return Math.max(after, before);
  }
  return collapse ? Math.max(after, before) : after + before;
}

export type { Inline };
