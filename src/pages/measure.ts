/**
 * Measures paragraphs and tables the way Word sets them: greedy line breaking with the fonts'
 * advance widths (spaces hang at the line end, breaks after spaces, hyphens, dashes and between
 * East-Asian characters), tabs to the next stop, inline pictures as tall characters, and line
 * heights from the fonts' Windows metrics under the paragraph's line rule. Positions on the page
 * are the paginator's business (layout.ts); this module only turns content into line heights.
 */
import type { Block, DocModel, Inline, Paragraph, RunFormat, Section, Table } from '../document/model.js';
import { emuToTwips } from '../document/model.js';
import { type FontBook, type FontFace, fontBook } from './fonts.js';

export interface LayoutConfig {
  keepSpaceBeforeAtPageTop: boolean;
  multipleLeadingBelow: boolean;
  collapseParagraphSpacing: boolean;
  gridLineRule: 'wholePitches' | 'atLeastPitch';
  wrapAreaShare: number;
  inlineImageMultiple: boolean;
  autoSpacingTwips: number;
  minWrapGapTwips: number;
  wrapDistanceTwips: number;
  footnoteSeparatorLines: number;
  defaultTabStopTwips: number;
  verticalAlignScale: number;
  smallCapsScale: number;
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
  | { type: 'group'; width: number; ascent: number; descent: number; noteRefs: number; image: number; text?: string }
  | { type: 'space'; width: number; ascent: number; descent: number; text?: string }
  | { type: 'tab'; ascent: number; descent: number }
  | { type: 'break'; kind: 'page' | 'column' | 'textWrapping'; ascent: number; descent: number };

const HYPHENS = new Set([0x2d, 0x2010, 0x2012, 0x2013, 0x2014, 0x2015]);
const SPACES = new Set([0x20, 0x3000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2008, 0x2009, 0x200a]);

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

  constructor(
    readonly doc: DocModel,
    readonly config: LayoutConfig,
  ) {
    this.fonts = fontBook();
    this.defaultTabStop = doc.metadata.settings.defaultTabStop || config.defaultTabStopTwips;
    this.compatibilityMode = doc.metadata.settings.compatibilityMode ?? 12;
    this.drawings = new Map(doc.drawings.map((d) => [d.id, d]));
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

  /** Ascent and descent (twips) of a run's font at its size. */
  private heights(format: RunFormat): { ascent: number; descent: number } {
    const face = this.face(format);
    const total = face.lineEm * format.sizePt * 20;
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
      const { ascent, descent } = this.heights(p.mark);
      addToGroup(this.textWidth(p.numbering.label, p.mark), ascent, descent);
      closeGroup();
      items.push({ type: 'tab', ascent, descent });
    }
    for (const inline of p.inlines) {
      if (inline.revision === 'deleted' || inline.revision === 'moveFrom' || inline.fieldCode) continue;
      if (inline.hidden) continue;
      const { ascent, descent } = this.heights(inline);
      switch (inline.kind) {
        case 'text':
        case 'symbol': {
          this.count(inline.font, inline.text.length);
          const face = this.face(inline);
          const size = this.effectiveSize(inline);
          for (const ch of inline.text) {
            let cp = ch.codePointAt(0) as number;
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
            if (inline.caps || inline.smallCaps) {
              const upper = ch.toUpperCase();
              if (upper !== ch) {
                cp = upper.codePointAt(0) as number;
                if (inline.smallCaps && !inline.caps) charSize = size * this.config.smallCapsScale;
              }
            }
            const width = face.width(cp) * charSize * 20 * (inline.scalePercent / 100) + inline.characterSpacing;
            if (SPACES.has(cp)) {
              closeGroup();
              items.push({ type: 'space', width, ascent, descent, text: ' ' });
            } else if (isWide(cp)) {
              closeGroup();
              addToGroup(width, ascent, descent, 0, ch);
              closeGroup();
            } else {
              addToGroup(width, ascent, descent, 0, ch);
              if (HYPHENS.has(cp)) closeGroup();
            }
          }
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
            closeGroup();
            addToGroup(emuToTwips(drawing.widthEmu), ascent, descent, 0, '', emuToTwips(drawing.heightEmu));
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

  /** Lines of a paragraph set in a column `width` twips wide. */
  measureParagraph(p: Paragraph, width: number, section: Section | undefined): MeasuredParagraph {
    const before = p.spacing.beforeAuto ? this.config.autoSpacingTwips : p.spacing.before;
    const after = p.spacing.afterAuto ? this.config.autoSpacingTwips : p.spacing.after;
    const lines: Line[] = [];
    const items = this.items(p);
    const mark = this.heights(p.mark);
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
      const height = this.lineHeight(p, ascent, descent, section, image);
      // The extra leading of "multiple" spacing lies below the text: the text itself must fit the page.
      // (Not on a document grid, where the text sits in the middle of its pitches.)
      let fitHeight =
        this.config.multipleLeadingBelow && p.spacing.lineRule === 'auto' && !this.onGrid(p, section)
          ? Math.min(height, Math.max(ascent, image) + descent)
          : height;
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
  lineHeight(p: Paragraph, ascent: number, descent: number, section: Section | undefined, image = 0): number {
    const natural = ascent + descent;
    const pictured = image > 0 ? Math.max(ascent, image) + descent : 0;
    const { line, lineRule } = p.spacing;
    if (lineRule === 'exact') return line > 0 ? line : natural;
    if (lineRule === 'atLeast') return Math.max(natural, pictured, line);
    const multiple = (line > 0 ? line : 240) / 240;
    if (image > 0) {
      const text = this.lineHeight(p, ascent, descent, section);
      return Math.max(text, this.config.inlineImageMultiple ? pictured * multiple : pictured);
    }
    const grid = section?.docGrid;
    if (grid?.linePitch && this.onGrid(p, section)) {
      // Document grid (East-Asian layouts): each line takes whole grid pitches.
      if (this.config.gridLineRule === 'atLeastPitch') return Math.max(natural * multiple, grid.linePitch * multiple);
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
      const w = emuToTwips(d.widthEmu);
      const h = emuToTwips(d.heightEmu);
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
    table.rows.forEach((row, rowIndex) => {
      let column = 0;
      let height = 0;
      let splitPoints: number[] = [];
      let minSplit = 0;
      let contentHeight = 0;
      // A row that covers fewer grid columns than the grid has skips some (w:gridBefore/After,
      // not in the model): its cells' own widths are then the better guide.
      const spans = row.cells.reduce((sum, c) => sum + Math.max(1, c.gridSpan), 0);
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
      if (row.heightRule === 'exact' && row.height) height = row.height;
      else if (row.height) height = Math.max(height, row.height);
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

  private cellAt(table: Table, row: number, column: number) {
    let col = 0;
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
    if (previous) y += previous.after;
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
