/**
 * The layout engine: lays the body out page by page as Word does and counts the pages.
 *
 * Page area from each section's page size and margins, pushed in by headers and footers taller
 * than the margin; paragraphs measured into lines (measure.ts); spacing before/after with
 * contextual spacing; widow/orphan control, keep-with-next chains and keep-lines; explicit page,
 * column and section breaks (next page, continuous, odd/even, columns); tables row by row (rows
 * split at line boundaries unless they may not, header rows repeat); footnotes take room at the
 * bottom of the page that holds their reference; endnotes follow the text.
 *
 * It needs no font file and no LibreOffice: widths come from rules/fonts/, behaviour switches
 * from rules/pages.yaml.
 */
import type { Block, DocModel, HeaderFooter, Note, Paragraph, Section, Table } from '../document/model.js';
import { loadRuleData } from '../rules/data.js';
import {
  type LayoutConfig,
  type Line,
  type MeasuredParagraph,
  type MeasuredRow,
  Measurer,
  paragraphGap,
} from './measure.js';

export interface LayoutResult {
  /** Pages the document occupies. */
  pages: number;
  /** Share of the last page's body height that is used, 0..1. */
  lastPageFill: number;
  /** Share of each page's body height that is used. */
  pageFills: number[];
  /** Index of the first body paragraph on each page (0 when a page starts inside a table row). */
  pageStarts: number[];
  /** 0..1: how well the fonts used are known (share of characters set in a known stand-in). */
  fontConfidence: number;
  /** Font families used in the body with their share of characters and whether a table stands for them. */
  fonts: Array<{ family: string; share: number; known: boolean }>;
  /** Features the engine only approximates that occur in this document. */
  approximations: string[];
  /** With options.trace: page and top (twips from the body top) of each paragraph's first line. */
  placements?: Array<{ paragraph: number; page: number; y: number }>;
}

export interface LayoutOptions {
  /** Lay the document out on this paper (twips, portrait; landscape sections are turned) instead of its own. */
  paper?: { width: number; height: number };
  /** Override behaviour switches of rules/pages.yaml (for measurements). */
  config?: Partial<LayoutConfig>;
  /** Record where each paragraph's first line went (diagnostics). */
  trace?: boolean;
}

export function layoutConfig(): LayoutConfig {
  return loadRuleData<{ layout: LayoutConfig }>('pages.yaml').layout;
}

interface Geometry {
  bodyHeight: number;
  /** Distance from the page's top edge to the body's top (twips). */
  bodyTop: number;
  columnWidth: number;
  columns: number;
  columnSpace: number;
}

interface State {
  pages: number;
  column: number;
  y: number;
  regionTop: number;
  noteReserve: number;
  notesOnPage: number;
  nextNote: number;
  pageStarts: number;
  pageFills: number;
  sectionPage: number;
  sawContent: boolean;
  topCause: TopCause;
  breakCredit: number;
  previous: MeasuredParagraph | undefined;
  bands: Band[];
}

/**
 * Why the current page or column began: the text ran over ('natural'), a page or column break
 * ('break'), or a section start or "page break before" ('start').
 */
type TopCause = 'natural' | 'break' | 'start';

/** A stretch of the current page's body (twips from its top) that lines must skip. */
interface Band {
  top: number;
  bottom: number;
}

const EPSILON = 0.5; // twips: rounding slack when a line exactly fills the page

class Paginator {
  readonly measurer: Measurer;
  private pages = 0;
  private column = 0;
  private y = 0;
  /** Top of the current column region (columns start below a continuous section break). */
  private regionTop = 0;
  private noteReserve = 0;
  private notesOnPage = 0;
  private nextNote = 0;
  private sectionPage = 0;
  private section!: Section;
  private geometry!: Geometry;
  /** Anything placed since the last page or column start. */
  private sawContent = false;
  /** Why the current page or column began. */
  private topCause: TopCause = 'start';
  /** Space after of the paragraph before a "page break before", which Word takes off that paragraph's space before. */
  private breakCredit = 0;
  private previous: MeasuredParagraph | undefined;
  /** Bands of the current page blocked by floating pictures and text boxes. */
  private bands: Band[] = [];
  readonly pageStarts: number[] = [];
  placements?: Array<{ paragraph: number; page: number; y: number }>;
  readonly pageFills: number[] = [];
  private readonly footnotes: Note[];
  private readonly noteHeights = new Map<number, number>();
  private readonly headerHeights = new Map<string, number>();
  private readonly measured = new Map<Block, { width: number; value: unknown }>();

  constructor(
    readonly doc: DocModel,
    readonly config: LayoutConfig,
    readonly paper: LayoutOptions['paper'],
  ) {
    this.measurer = new Measurer(doc, config);
    this.footnotes = doc.footnotes.filter(
      (n) => Number(n.id) > 0 || (Number.isNaN(Number(n.id)) && n.text.trim() !== ''),
    );
  }

  run(): void {
    this.measurer.prepareBorders(this.doc.blocks);
    const sections = this.doc.sections;
    const bySection = new Map<number, Block[]>();
    for (const block of this.doc.blocks) {
      const list = bySection.get(block.sectionIndex) ?? [];
      list.push(block);
      bySection.set(block.sectionIndex, list);
    }
    const order = sections.length > 0 ? sections : [defaultSection()];
    order.forEach((section, i) => {
      this.startSection(section, i === 0 ? undefined : order[i - 1]);
      this.placeBlocks(
        bySection.get(section.index) ?? (i === order.length - 1 ? this.orphanBlocks(bySection, order) : []),
      );
    });
    this.placeEndnotes();
    this.pageFills[this.pages - 1] = this.fill();
  }

  /** Blocks whose section index names no section go with the last section. */
  private orphanBlocks(bySection: Map<number, Block[]>, sections: Section[]): Block[] {
    const known = new Set(sections.map((s) => s.index));
    return [...bySection.entries()].filter(([k]) => !known.has(k)).flatMap(([, v]) => v);
  }

  private fill(): number {
    const used =
      this.geometry.columns > 1
        ? this.column / this.geometry.columns + this.y / this.geometry.bodyHeight / this.geometry.columns
        : this.y / this.geometry.bodyHeight;
    return Math.max(0, Math.min(1, used));
  }

  private startSection(section: Section, previous: Section | undefined): void {
    this.section = section;
    if (!previous) {
      this.newPage();
      return;
    }
    const samePaper = previous.pageWidth === section.pageWidth && previous.pageHeight === section.pageHeight;
    switch (section.type) {
      case 'continuous':
        if (!samePaper) {
          this.newPage();
          break;
        }
        if (this.geometry.columns > 1) this.balanceColumns();
        this.sectionPage = 0;
        this.geometry = this.geometryFor(section, this.pages);
        this.regionTop = this.y;
        this.column = 0;
        break;
      case 'nextColumn':
        this.geometry = this.geometryFor(section, this.pages);
        this.nextColumnOrPage('start');
        break;
      case 'evenPage':
      case 'oddPage': {
        this.newPage();
        const wantEven = section.type === 'evenPage';
        // Word inserts a blank page when the section would start on the wrong side.
        if ((this.pages % 2 === 0) !== wantEven) this.newPage();
        break;
      }
      default:
        this.newPage();
    }
  }

  /** At a continuous break after a multi-column section, columns are balanced to equal height. */
  private balanceColumns(): void {
    const used = this.column * (this.geometry.bodyHeight - this.regionTop) + (this.y - this.regionTop);
    this.y = this.regionTop + used / this.geometry.columns;
    this.column = 0;
  }

  private geometryFor(section: Section, pageNumber: number): Geometry {
    let width = section.pageWidth;
    let height = section.pageHeight;
    if (this.paper) {
      const landscape = width > height;
      width = landscape ? this.paper.height : this.paper.width;
      height = landscape ? this.paper.width : this.paper.height;
    }
    const m = section.margins;
    const textWidth = Math.max(width - m.left - m.right - m.gutter, 720);
    const kind = this.headerKind(section, pageNumber);
    const headerId =
      section.headers[kind] ?? (kind === 'default' ? undefined : kind === 'even' ? section.headers.default : undefined);
    const footerId =
      section.footers[kind] ?? (kind === 'default' ? undefined : kind === 'even' ? section.footers.default : undefined);
    // Only a header or footer that exists can push the body; an absent one takes no room.
    const headerExtent = headerId ? m.header + this.headerFooterHeight(headerId, textWidth, section) : 0;
    const footerExtent = footerId ? m.footer + this.headerFooterHeight(footerId, textWidth, section) : 0;
    const top = m.top >= 0 ? Math.max(m.top, headerExtent) : -m.top;
    const bottom = m.bottom >= 0 ? Math.max(m.bottom, footerExtent) : -m.bottom;
    const columns = Math.max(1, section.columns.count || 1);
    const space = section.columns.space ?? 720;
    let columnWidth = textWidth;
    if (columns > 1) {
      columnWidth =
        section.columns.equalWidth || !section.columns.widths?.length
          ? (textWidth - space * (columns - 1)) / columns
          : section.columns.widths[0];
      this.measurer.approximations.add('columns');
    }
    return {
      bodyHeight: Math.max(height - top - bottom, 240),
      bodyTop: top,
      columnWidth: Math.max(columnWidth, 360),
      columns,
      columnSpace: space,
    };
  }

  private headerKind(section: Section, pageNumber: number): 'default' | 'first' | 'even' {
    if (section.titlePage && this.sectionPage === 1) return 'first';
    if (this.doc.metadata.settings.evenAndOddHeaders && pageNumber % 2 === 0) return 'even';
    return 'default';
  }

  private headerFooterHeight(id: string | undefined, width: number, section: Section): number {
    if (!id) return 0;
    const key = `${id}@${width}`;
    let height = this.headerHeights.get(key);
    if (height === undefined) {
      const part: HeaderFooter | undefined = this.doc.headerFooters[id];
      height = part ? this.measurer.blocksHeight(part.blocks, width, section).height : 0;
      this.headerHeights.set(key, height);
    }
    return height;
  }

  /** Starts a page. */
  private newPage(cause: TopCause = 'start'): void {
    if (this.pages > 0) this.pageFills[this.pages - 1] = this.fill();
    this.topCause = cause;
    this.breakCredit = 0;
    this.pages++;
    this.sectionPage++;
    this.column = 0;
    this.y = 0;
    this.regionTop = 0;
    this.noteReserve = 0;
    this.notesOnPage = 0;
    this.sawContent = false;
    this.bands = [];
    this.geometry = this.geometryFor(this.section, this.pages);
    this.pageStarts.push(0);
  }

  private nextColumnOrPage(cause: TopCause): void {
    if (this.column + 1 < this.geometry.columns) {
      this.column++;
      this.y = this.regionTop;
      this.sawContent = false;
      this.topCause = cause;
      this.breakCredit = 0;
    } else this.newPage(cause);
  }

  private get atTop(): boolean {
    return !this.sawContent;
  }

  private markStart(paragraphIndex: number): void {
    if (!this.sawContent && this.column === 0 && this.pageStarts[this.pages - 1] === 0) {
      this.pageStarts[this.pages - 1] = paragraphIndex;
    }
    this.sawContent = true;
  }

  private snapshot(): State {
    return {
      pages: this.pages,
      column: this.column,
      y: this.y,
      regionTop: this.regionTop,
      noteReserve: this.noteReserve,
      notesOnPage: this.notesOnPage,
      nextNote: this.nextNote,
      pageStarts: this.pageStarts.length,
      pageFills: this.pageFills.length,
      sectionPage: this.sectionPage,
      sawContent: this.sawContent,
      topCause: this.topCause,
      breakCredit: this.breakCredit,
      previous: this.previous,
      bands: [...this.bands],
    };
  }

  private restore(s: State): void {
    this.pages = s.pages;
    this.column = s.column;
    this.y = s.y;
    this.regionTop = s.regionTop;
    this.noteReserve = s.noteReserve;
    this.notesOnPage = s.notesOnPage;
    this.nextNote = s.nextNote;
    this.pageStarts.length = s.pageStarts;
    this.pageFills.length = s.pageFills;
    this.sectionPage = s.sectionPage;
    this.sawContent = s.sawContent;
    this.topCause = s.topCause;
    this.breakCredit = s.breakCredit;
    this.previous = s.previous;
    this.bands = [...s.bands];
    this.geometry = this.geometryFor(this.section, this.pages);
  }

  private measure<T>(block: Block, compute: (width: number) => T): T {
    const width = this.geometry.columnWidth;
    const cached = this.measured.get(block);
    if (cached && cached.width === width) return cached.value as T;
    const value = compute(width);
    this.measured.set(block, { width, value });
    return value;
  }

  private placeBlocks(blocks: Block[]): void {
    // Keep-with-next chain: where it started, to move it whole when its follower is pushed over.
    let chainStart: { index: number; state: State } | undefined;
    const retried = new Set<number>();
    let forceBreakAt = -1;
    for (let i = 0; i < blocks.length; i++) {
      const block = blocks[i];
      const before = this.snapshot();
      if (i === forceBreakAt) this.newPage('natural');
      let pushed: boolean;
      let keepNext = false;
      if (block.kind === 'table') {
        pushed = this.placeTable(block);
      } else {
        if (this.measurer.isHidden(block)) continue;
        const m = this.measure(block, (w) => this.measurer.measureParagraph(block, w, this.section));
        pushed = this.placeParagraph(m);
        keepNext = block.keepNext;
      }
      if (pushed && chainStart && !retried.has(chainStart.index) && chainStart.state.sawContent) {
        // The paragraph after a keep-with-next chain went to the next page: the chain goes with it.
        retried.add(chainStart.index);
        forceBreakAt = chainStart.index;
        this.restore(chainStart.state);
        i = chainStart.index - 1;
        chainStart = undefined;
        continue;
      }
      if (keepNext) chainStart ??= { index: i, state: before };
      else chainStart = undefined;
    }
  }

  /** Places a paragraph; true when its first line could not go where the previous content ended. */
  private placeParagraph(m: MeasuredParagraph): boolean {
    const p = m.paragraph;
    let pushed = false;
    if (p.pageBreakBefore && this.sawContent) {
      const credit = this.previous?.after ?? 0;
      this.newPage('start');
      this.breakCredit = credit;
      this.previous = undefined;
    }
    // Split at explicit page/column breaks; each part follows the widow/orphan rules on its own.
    const segments: Line[][] = [];
    let current: Line[] = [];
    for (const line of m.lines) {
      current.push(line);
      if (line.breakAfter) {
        segments.push(current);
        current = [];
      }
    }
    if (current.length > 0) segments.push(current);

    segments.forEach((lines, s) => {
      const first = s === 0;
      const moved = this.placeLines(m, lines, first);
      if (first) pushed = moved;
      const last = lines[lines.length - 1];
      if (last.breakAfter === 'page') this.newPage('break');
      else if (last.breakAfter === 'column') this.nextColumnOrPage('break');
    });
    this.previous = m;
    return pushed;
  }

  private gapBefore(m: MeasuredParagraph): number {
    if (this.atTop) {
      // At the top of a page or column the text ran onto, Word drops the space before; after a
      // page or column break too (rules/pages.yaml spaceBeforeAfterHardBreak). A section's first
      // page keeps it, and so does a "page break before" paragraph, less the space after of the
      // paragraph before it (pageBreakBeforeCredit).
      const rule = this.config.spaceBeforeAfterHardBreak;
      const dropAfterBreak =
        this.doc.metadata.settings.compat.includes('suppressSpBfAfterPgBrk') ||
        rule === 'drop' ||
        (rule === 'dropBeforeWord2013' && this.measurer.compatibilityMode < 15);
      const dropped = this.topCause === 'natural' || (this.topCause === 'break' && dropAfterBreak);
      if (!this.config.keepSpaceBeforeAtPageTop && dropped) return m.floatHeight;
      const before = paragraphGap(undefined, m, false, this.config.collapseParagraphSpacing);
      const credit = this.config.pageBreakBeforeCredit ? this.breakCredit : 0;
      return Math.max(0, before - credit) + m.floatHeight;
    }
    return paragraphGap(this.previous, m, false, this.config.collapseParagraphSpacing) + m.floatHeight;
  }

  private notesHeight(refs: number, from: number): number {
    let height = 0;
    for (let k = 0; k < refs; k++) {
      const index = from + k;
      const note = this.footnotes[index];
      if (!note) continue;
      let h = this.noteHeights.get(index);
      if (h === undefined) {
        h = this.measurer.blocksHeight(note.paragraphs, this.geometry.columnWidth, this.section).height;
        this.noteHeights.set(index, h);
      }
      height += h;
    }
    if (height > 0 && this.notesOnPage === 0) height += this.separatorHeight();
    return height;
  }

  private separatorHeight(): number {
    const face = this.measurer.fonts.face(this.doc.defaults.font, false, false);
    return this.config.footnoteSeparatorLines * this.measurer.lineEm(face) * this.doc.defaults.sizePt * 20;
  }

  /** Places lines of one paragraph part with widow/orphan control and keep-lines. */
  private placeLines(m: MeasuredParagraph, lines: Line[], firstSegment: boolean): boolean {
    const p = m.paragraph;
    const n = lines.length;
    let i = 0;
    let pushed = false;
    while (i < n) {
      const gap = i === 0 && firstSegment ? this.gapBefore(m) : 0;
      const space = this.geometry.bodyHeight - this.noteReserve - this.y - gap;
      let fit = 0;
      let used = 0;
      let notes = 0;
      let noteCount = 0;
      let pending: Band[] = [];
      if (i === 0 && firstSegment && m.bands.length > 0) {
        pending = m.bands.map((b) => {
          const top =
            b.relative === 'paragraph'
              ? this.y + gap + b.offset
              : b.relative === 'page'
                ? b.offset - this.geometry.bodyTop
                : b.offset;
          return { top, bottom: top + b.height };
        });
      }
      const bands = pending.length > 0 ? [...this.bands, ...pending] : this.bands;
      const usedAfter: number[] = [0];
      while (i + fit < n) {
        const line = lines[i + fit];
        const extraNotes = line.noteRefs > 0 ? this.notesHeightAfter(noteCount, line.noteRefs) : 0;
        // A line that would cross a float's band goes below it.
        const top = this.y + gap + used;
        for (const band of bands) {
          if (top < band.bottom && top + line.fitHeight > band.top) used += band.bottom - top;
        }
        if (used + line.fitHeight + notes + extraNotes > space + EPSILON) break;
        used += line.height;
        notes += extraNotes;
        noteCount += line.noteRefs;
        fit++;
        usedAfter.push(used);
      }
      // A break-only line stays at the foot of the page, however full it is.
      if (fit === 0 && lines[i].fitHeight === 0) fit = 1;
      let keep = fit;
      if (keep < n - i) {
        if (p.keepLines && i === 0 && this.sawContent) keep = 0;
        if (p.widowControl) {
          if (i === 0 && keep === 1 && n >= 2) keep = 0; // orphan: a lone first line stays with the rest
          if (keep > 0 && n - i - keep === 1) keep = keep >= 2 ? keep - 1 : 0; // widow: a lone last line takes one along
          if (i === 0 && keep === 1 && n >= 2) keep = 0;
        }
        if (keep === 0 && !this.sawContent) keep = Math.max(1, fit); // nothing fits on an empty page: overflow
      }
      if (keep > 0) {
        this.markStart(p.index);
        if (i === 0 && firstSegment) this.placements?.push({ paragraph: p.index, page: this.pages, y: this.y + gap });
        // Overflowing lines (nothing fits on an empty page) take their plain heights.
        let h = usedAfter[Math.min(keep, fit)];
        for (let k = fit; k < keep; k++) h += lines[i + k].height;
        let refs = 0;
        for (let k = 0; k < keep; k++) refs += lines[i + k].noteRefs;
        if (refs > 0) {
          this.noteReserve += this.notesHeight(refs, this.nextNote);
          this.notesOnPage += refs;
          this.nextNote += refs;
        }
        this.y += gap + h;
        if (pending.length > 0) this.bands.push(...pending);
        i += keep;
      } else if (i === 0) {
        pushed = true;
      }
      if (i < n) {
        this.nextColumnOrPage('natural');
        this.previous = undefined;
      }
    }
    return pushed;
  }

  /** Height of `refs` more notes after `pending` already counted on this line run. */
  private notesHeightAfter(pending: number, refs: number): number {
    const separator = this.notesOnPage === 0 && pending === 0;
    const start = this.nextNote + pending;
    let h = 0;
    for (let k = 0; k < refs; k++) {
      const note = this.footnotes[start + k];
      if (!note) continue;
      let nh = this.noteHeights.get(start + k);
      if (nh === undefined) {
        nh = this.measurer.blocksHeight(note.paragraphs, this.geometry.columnWidth, this.section).height;
        this.noteHeights.set(start + k, nh);
      }
      h += nh;
    }
    return h > 0 && separator ? h + this.separatorHeight() : h;
  }

  /** Places a table row by row; true when its first row could not go where the previous content ended. */
  private placeTable(table: Table): boolean {
    const measured = this.measure(table, (w) => this.measurer.measureTable(table, w, this.section));
    const headerHeight = leadingHeaderHeight(measured.rows);
    // The paragraph before the table keeps its space after.
    let gap = this.previous && this.sawContent ? this.previous.after : 0;
    let pushed = false;
    for (let r = 0; r < measured.rows.length; r++) {
      let row: MeasuredRow = measured.rows[r];
      // The row's first paragraph marks where a page starts inside the table.
      const firstParagraph = firstParagraphIndex(table.rows[r]);
      for (;;) {
        const space = this.geometry.bodyHeight - this.noteReserve - this.y - gap;
        if (row.height <= space + EPSILON) {
          this.markStart(firstParagraph);
          this.y += gap + row.height;
          gap = 0;
          break;
        }
        // A row splits at a line boundary, and only once every cell's first line fits above it;
        // a row whose text would fit but whose minimum height does not moves whole.
        const splittable = !row.cantSplit && row.minSplit <= space + EPSILON && row.contentHeight > space + EPSILON;
        const splitAt = splittable ? largestAtMost(row.splitPoints, space + EPSILON) : 0;
        if (splitAt > 0 && splitAt < row.height) {
          this.markStart(firstParagraph);
          this.y += gap + splitAt;
          gap = 0;
          row = {
            ...row,
            height: row.height - splitAt,
            splitPoints: row.splitPoints.filter((b) => b > splitAt).map((b) => b - splitAt),
            minSplit: 0,
            contentHeight: Math.max(0, row.contentHeight - splitAt),
          };
          this.newPage('natural');
          if (!row.header) this.y += headerHeight;
          continue;
        }
        if (!this.sawContent) {
          // Taller than an empty page and may not split: Word lets it run off the page.
          this.markStart(firstParagraph);
          this.y += gap + row.height;
          gap = 0;
          break;
        }
        if (r === 0) pushed = true;
        this.newPage('natural');
        gap = 0;
        if (!row.header && r > 0) this.y += headerHeight;
      }
    }
    this.previous = undefined;
    return pushed;
  }

  private placeEndnotes(): void {
    const notes = this.doc.endnotes.filter((n) => n.text.trim() !== '');
    if (notes.length === 0) return;
    this.measurer.approximations.add('endnotes');
    const separator = this.separatorHeight();
    if (this.y + separator > this.geometry.bodyHeight) this.newPage('natural');
    else this.y += separator;
    this.previous = undefined;
    for (const note of notes) {
      for (const p of note.paragraphs) {
        const m = this.measurer.measureParagraph(p, this.geometry.columnWidth, this.section);
        this.placeParagraph(m);
      }
    }
  }

  result(): LayoutResult {
    const total = [...this.measurer.charsByFamily.values()].reduce((a, b) => a + b, 0);
    const fonts = [...this.measurer.charsByFamily.entries()]
      .map(([family, chars]) => ({
        family,
        share: total > 0 ? chars / total : 0,
        known: this.measurer.fonts.isKnown(family),
      }))
      .sort((a, b) => b.share - a.share);
    let confidence = 0;
    for (const f of fonts) confidence += f.share * this.measurer.fonts.face(f.family, false, false).confidence;
    return {
      pages: this.pages,
      lastPageFill: this.pageFills[this.pages - 1] ?? 0,
      pageFills: this.pageFills.slice(0, this.pages),
      pageStarts: this.pageStarts.slice(0, this.pages),
      fontConfidence: fonts.length > 0 ? confidence : 1,
      fonts,
      approximations: [...this.measurer.approximations].sort(),
    };
  }
}

function leadingHeaderHeight(rows: MeasuredRow[]): number {
  let h = 0;
  for (const row of rows) {
    if (!row.header) break;
    h += row.height;
  }
  return h;
}

function largestAtMost(points: number[], limit: number): number {
  let best = 0;
  for (const p of points) if (p <= limit && p > best) best = p;
  return best;
}

function firstParagraphIndex(row: Table['rows'][number]): number {
  for (const cell of row.cells)
    for (const block of cell.blocks) {
      if (block.kind === 'paragraph') return block.index;
      for (const inner of block.rows) {
        const index = firstParagraphIndex(inner);
        if (index) return index;
      }
    }
  return 0;
}

/** Word's defaults when a document has no section properties: US Letter, 1-inch margins. */
function defaultSection(): Section {
  return {
    index: 0,
    pageWidth: 12240,
    pageHeight: 15840,
    orientation: 'portrait',
    margins: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 720, footer: 720, gutter: 0 },
    columns: { count: 1, space: 720, equalWidth: true },
    type: 'nextPage',
    titlePage: false,
    headers: {},
    footers: {},
    pageSizeDefaulted: true,
  };
}

/** Lays the document out as Word would and reports the page count and how full the last page is. */
export function layoutDocument(doc: DocModel, options: LayoutOptions = {}): LayoutResult {
  const config = { ...layoutConfig(), ...options.config };
  const paginator = new Paginator(doc, config, options.paper);
  if (options.trace) paginator.placements = [];
  paginator.run();
  return { ...paginator.result(), placements: paginator.placements };
}

/** Pages the document would take on other paper (twips, portrait), margins unchanged: A4 is 11906 x 16838. */
export function countPagesOn(doc: DocModel, paperTwips: { width: number; height: number }): number {
  return layoutDocument(doc, { paper: paperTwips }).pages;
}

export type { Paragraph };
