/**
 * The document model every check and the layout engine share. Built in one pass over the OOXML
 * parts by `parseDocument` (src/document/parse.ts). It knows nothing of vacancies.
 *
 * Units: geometry in twips (1/20 pt, 1/1440 inch) as OOXML stores it, font sizes in points,
 * drawing extents in EMU (914400 per inch). Helpers below convert.
 */

export type Story = 'body' | 'table' | 'textbox' | 'header' | 'footer' | 'footnote' | 'endnote' | 'comment';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
  header: number;
  footer: number;
  gutter: number;
}

export interface Section {
  /** 0-based position in DocModel.sections (Paragraph.sectionIndex refers to it). */
  index: number;
  pageWidth: number; // twips
  pageHeight: number; // twips
  orientation: 'portrait' | 'landscape';
  margins: Margins;
  columns: { count: number; space: number; equalWidth: boolean; widths?: number[] };
  /** How this section starts relative to the previous one. */
  type: 'nextPage' | 'continuous' | 'evenPage' | 'oddPage' | 'nextColumn';
  titlePage: boolean;
  /** Header/footer ids (keys into DocModel.headerFooters) per kind, after inheritance from earlier sections. */
  headers: { default?: string; first?: string; even?: string };
  footers: { default?: string; first?: string; even?: string };
  docGrid?: { type?: string; linePitch?: number; charSpace?: number };
  pageNumberStart?: number;
  /** true when w:pgSz was absent and Word's defaults (Letter for en-US) were assumed. */
  pageSizeDefaulted: boolean;
}

export type InlineKind =
  | 'text'
  | 'tab'
  | 'break' // w:br
  | 'lastRenderedPageBreak'
  | 'drawing' // inline or anchored drawing (see DocModel.drawings by id)
  | 'noteReference' // footnote/endnote reference mark
  | 'symbol'; // w:sym

export interface RunFormat {
  /** Resolved font family for Latin text (ascii/hAnsi, theme fonts resolved). */
  font: string;
  /** East-Asian / complex-script family when set. */
  fontEastAsia?: string;
  fontComplex?: string;
  sizePt: number;
  bold: boolean;
  italic: boolean;
  /**
   * Complex-script formatting (Hebrew, Arabic, Indic, Thai… and every character of a run marked
   * w:rtl or w:cs): size from w:szCs (points; undefined when the cascade never sets it, Word then
   * uses 10 pt), weight and slant from w:bCs / w:iCs.
   */
  sizeComplexPt?: number;
  boldComplex?: boolean;
  italicComplex?: boolean;
  /** w:cs: the run is complex-script text whatever its characters. */
  complexScript?: boolean;
  underline: boolean;
  strike: boolean;
  caps: boolean;
  smallCaps: boolean;
  /** Hex colour without '#', upper case, or 'auto'. */
  color: string;
  /** w:highlight name (e.g. 'yellow') mapped to hex, or undefined. */
  highlight?: string;
  /** w:shd fill as hex, or undefined. */
  shading?: string;
  /** w:vanish (hidden text). */
  hidden: boolean;
  /** w:webHidden */
  webHidden: boolean;
  /** w:kern: pair kerning is applied at this font size (points) and above; undefined when off. */
  kernMinPt?: number;
  /** Character spacing in twips (w:spacing w:val; negative = condensed). */
  characterSpacing: number;
  /** Horizontal scale in percent (w:w), 100 by default. */
  scalePercent: number;
  /** w:position in points (raised/lowered). */
  positionPt: number;
  vertAlign?: 'superscript' | 'subscript';
  rightToLeft: boolean;
  /** w:emboss / w:imprint (engrave): letters drawn raised or sunk with a grey edge, readable even when white. */
  emboss?: boolean;
  imprint?: boolean;
  /** w:outline: hollow letters drawn with an outline. */
  outline?: boolean;
  /** w:shadow, or a coloured w14:shadow / w14:glow: letters drawn with a shadow or glow. */
  shadow?: boolean;
  /** Word 2010 w14:textFill: the colour the letters are filled with (hex, overrides `color`), or 'none' (transparent letters). */
  textFill?: string;
  /** Word 2010 w14:textOutline: colour of the line around the letters (hex, or 'auto' when not resolved). */
  textOutline?: string;
}

export interface Inline extends RunFormat {
  kind: InlineKind;
  /** Text for 'text' and 'symbol'; '' otherwise. */
  text: string;
  /** For 'break': page, column or textWrapping (line). */
  breakType?: 'page' | 'column' | 'textWrapping';
  /** For 'drawing': id into DocModel.drawings. */
  drawingId?: number;
  /** Inside w:ins (tracked insertion) or w:del (tracked deletion: NOT part of the visible text). */
  revision?: 'inserted' | 'deleted' | 'moveFrom' | 'moveTo';
  /** Inside a field code (w:instrText), not visible. */
  fieldCode?: boolean;
  /** Target when inside a hyperlink. */
  hyperlink?: string;
}

/** One border line: w:val style, its width (w:sz, eighths of a point, in twips) and distance from the text (w:space, points, in twips). */
export interface BorderLine {
  style: string;
  width: number;
  space: number;
}

export interface ParagraphBorders {
  top?: BorderLine;
  bottom?: BorderLine;
  left?: BorderLine;
  right?: BorderLine;
  /** Between consecutive paragraphs that share the same border settings. */
  between?: BorderLine;
}

/**
 * Table or cell borders. A side that is present but null was switched off (w:val none/nil), which
 * overrides what a table style or the table gives; an absent side inherits.
 */
export interface TableBorders {
  top?: BorderLine | null;
  bottom?: BorderLine | null;
  left?: BorderLine | null;
  right?: BorderLine | null;
  insideH?: BorderLine | null;
  insideV?: BorderLine | null;
}

export interface ParagraphFormat {
  styleId?: string;
  styleName?: string;
  /** 1-9 for headings (style outline level or w:outlineLvl + 1); undefined for body text. */
  headingLevel?: number;
  align: 'left' | 'center' | 'right' | 'both' | 'distribute';
  spacing: {
    before: number; // twips
    after: number; // twips
    beforeAuto: boolean;
    afterAuto: boolean;
    /** For 'auto': 240ths of a line (240 = single); for 'exact'/'atLeast': twips. */
    line: number;
    lineRule: 'auto' | 'exact' | 'atLeast';
  };
  contextualSpacing: boolean;
  indent: { left: number; right: number; firstLine: number }; // twips; firstLine < 0 = hanging
  keepNext: boolean;
  keepLines: boolean;
  widowControl: boolean;
  pageBreakBefore: boolean;
  /** Tab stops in twips from the left indent origin. */
  tabs: Array<{ pos: number; align: string; leader?: string }>;
  numbering?: { numId: string; level: number; label: string; format: string; indentLeft?: number; hanging?: number };
  /** Border or shading on the paragraph affects layout slightly. */
  hasBorder: boolean;
  /** The paragraph's borders (w:pBdr, sides merged down the style cascade); only sides that draw a line. */
  borders?: ParagraphBorders;
  shading?: string;
  /** Formatting of the paragraph mark: decides the height of an empty paragraph. */
  mark: RunFormat;
  /** Suppress line numbers, frames, etc. are not modelled. */
  framed: boolean;
}

export interface Paragraph extends ParagraphFormat {
  kind: 'paragraph';
  /**
   * 1-based, unique over the document. Body-story paragraphs (including those in tables and text
   * boxes where they are anchored) come first in reading order, so "paragraph 7" is the seventh a
   * reader meets; headers, footers, notes and comments are numbered after them.
   */
  index: number;
  story: Story;
  sectionIndex: number;
  /** Visible text (deleted revisions, field codes and hidden text excluded; tabs as '\t', line breaks as '\n'). */
  text: string;
  /** All text including hidden runs (still without deleted revisions and field codes). */
  fullText: string;
  inlines: Inline[];
  /** Count of w:lastRenderedPageBreak inside this paragraph (outside text boxes and mc:Fallback). */
  lastRenderedPageBreaks: number;
  /** Set when this paragraph's pPr carries a sectPr: the section that ends here. */
  endsSection?: number;
  /** For paragraphs inside a table cell. */
  table?: { tableIndex: number; row: number; cell: number };
  /** For paragraphs inside a text box. */
  textBoxId?: number;
  /** For header/footer paragraphs: the id of the part. */
  partId?: string;
  /**
   * The fill behind the paragraph's text (hex), when it is not the paper: the paragraph's shading,
   * else its table cell's fill (cell, table-style and table shading), else its text box's fill (or,
   * for a transparent floating box, the filled shape under it), else the page colour.
   */
  background?: string;
  /** Set when the text lies over something of unknown colour (a picture, a pattern): contrast cannot be judged. */
  backgroundUnknown?: boolean;
}

export interface TableCell {
  width?: number; // twips (w:tcW dxa), undefined when auto/pct
  widthPct?: number;
  gridSpan: number;
  vMerge?: 'restart' | 'continue';
  margins?: Partial<Pick<Margins, 'top' | 'right' | 'bottom' | 'left'>>;
  /** Fill behind the cell's content (hex): the cell's shading, else its table style's, else the row's or table's. */
  fill?: string;
  /** The cell's own borders (w:tcBorders), over those of its table style's conditional parts (first row, bands…). */
  borders?: TableBorders;
  blocks: Block[];
}

export interface TableRow {
  height?: number; // twips
  heightRule: 'auto' | 'atLeast' | 'exact';
  cantSplit: boolean;
  header: boolean;
  /** Grid columns the row leaves empty before its first cell and after its last (w:gridBefore / w:gridAfter). */
  gridBefore?: number;
  gridAfter?: number;
  cells: TableCell[];
}

export interface Table {
  kind: 'table';
  /** 0-based, in reading order over the whole document (nested tables count). */
  index: number;
  sectionIndex: number;
  story: Story;
  /** Column widths in twips from w:tblGrid. */
  grid: number[];
  width?: number;
  widthPct?: number;
  indent: number;
  cellMargins: { top: number; right: number; bottom: number; left: number };
  /** The table's borders: its style's w:tblBorders with the table's own over them. */
  borders?: TableBorders;
  rows: TableRow[];
  /** Floating (w:tblpPr) tables. */
  floating: boolean;
}

export type Block = Paragraph | Table;

export interface Drawing {
  /** Position in DocModel.drawings (Inline.drawingId refers to it). */
  id: number;
  /** Paragraph index the drawing is anchored in. */
  paragraph: number;
  inline: boolean;
  widthEmu: number;
  heightEmu: number;
  /** Room effects (shadow, glow, rotation) add around the extent (wp:effectExtent), EMU; Word keeps text clear of it. */
  effectExtentEmu?: { left: number; top: number; right: number; bottom: number };
  wrap: 'inline' | 'none' | 'square' | 'tight' | 'through' | 'topAndBottom' | 'behindText' | 'inFrontOfText';
  isTextBox: boolean;
  isPicture: boolean;
  /** Id into DocModel.textBoxes when the drawing holds text. */
  textBoxId?: number;
  /** Offsets for anchored drawings, EMU, relative to relativeFrom. */
  offsetEmu?: { x: number; y: number; relativeFromH?: string; relativeFromV?: string };
  /** 'drawingml' (wps/wpg) or 'vml' (w:pict / mc:Fallback). */
  source: 'drawingml' | 'vml';
  /** Colour the shape is filled with (hex; a gradient as its average); undefined when transparent or unknown. */
  fill?: string;
  /** The shape is filled with something of unknown colour (a picture, a pattern, a group of shapes). */
  fillUnknown?: boolean;
  /** Stacking order of an anchored drawing (wp:anchor relativeHeight, VML z-index): higher is in front. */
  zOrder?: number;
}

export interface TextBox {
  id: number;
  /** Paragraph index of the anchor. */
  anchorParagraph: number;
  source: 'drawingml' | 'vml';
  widthEmu?: number;
  heightEmu?: number;
  /** The box's own fill (hex); undefined when the box is transparent or its fill is unknown. */
  fill?: string;
  paragraphs: Paragraph[];
  text: string;
  /** The box's content as blocks (paragraphs and tables), when the parser kept them. */
  blocks?: Block[];
}

export interface HeaderFooter {
  id: string; // relationship target part name, e.g. 'word/header1.xml'
  kind: 'header' | 'footer';
  blocks: Block[];
  paragraphs: Paragraph[];
  text: string;
}

export interface Note {
  id: string;
  kind: 'footnote' | 'endnote';
  paragraphs: Paragraph[];
  text: string;
}

export interface Comment {
  id: string;
  author?: string;
  date?: string;
  text: string;
  /** Body paragraph the comment is anchored to, when found. */
  paragraph?: number;
}

export interface TrackedChange {
  kind: 'inserted' | 'deleted' | 'moveFrom' | 'moveTo' | 'formatChange';
  author?: string;
  date?: string;
  text: string;
  paragraph: number;
}

export interface Hyperlink {
  target: string;
  text: string;
  paragraph: number;
}

export interface Metadata {
  core: {
    title?: string;
    subject?: string;
    creator?: string;
    lastModifiedBy?: string;
    revision?: number;
    created?: string; // ISO
    modified?: string; // ISO
    description?: string;
    keywords?: string;
  };
  app: {
    application?: string;
    appVersion?: string;
    pages?: number;
    words?: number;
    characters?: number;
    charactersWithSpaces?: number;
    lines?: number;
    paragraphs?: number;
    totalTime?: number; // minutes
    template?: string;
    company?: string;
  };
  settings: {
    rsids: string[];
    rsidRoot?: string;
    trackRevisions: boolean;
    protection?: { edit?: string; enforced: boolean };
    compatibilityMode?: number;
    defaultTabStop: number; // twips
    evenAndOddHeaders: boolean;
    /** w:displayBackgroundShape: Word shows the page colour (w:background) on screen. */
    displayBackgroundShape: boolean;
    /** Word's layout compatibility switches present in w:compat (names only). */
    compat: string[];
  };
  custom: Record<string, string>;
}

/**
 * Another file carried inside the document: an OLE object (`w:object` with `o:OLEObject`: a Word
 * document, a PDF, a packaged file shown as an icon, a spreadsheet, an equation…) or content that
 * Word merges into the text when it opens the file (`w:altChunk`: HTML, RTF, another .docx).
 */
export interface EmbeddedObject {
  via: 'object' | 'altChunk';
  /** The part it lives in ('word/embeddings/Microsoft_Word_Document1.docx'); undefined when its relationship is broken or external. */
  part?: string;
  /** OLE program id ('Word.Document.12', 'AcroExch.Document.DC', 'Package'), when the document gives one. */
  progId?: string;
  /** Size of the part in bytes, when present. */
  bytes?: number;
  /** Stream names when the part is an OLE compound file ('WordDocument', 'Ole10Native', 'Workbook'…). */
  streams?: string[];
  /** Paragraph the object sits in; for altChunk, the last paragraph before it (0 at the start). */
  paragraph: number;
}

export interface DocModel {
  /** Zip entry names of the package. */
  parts: string[];
  /** Files embedded in the document and imported chunks, in document order. */
  embedded: EmbeddedObject[];
  sections: Section[];
  /** The main story in order: paragraphs and tables (text boxes are in textBoxes, referenced by drawings). */
  blocks: Block[];
  /** Every paragraph of every story, ordered by index. */
  paragraphs: Paragraph[];
  /** Body-story paragraphs only (story 'body' | 'table' | 'textbox' anchored in the body), in reading order. */
  bodyParagraphs: Paragraph[];
  headerFooters: Record<string, HeaderFooter>;
  footnotes: Note[];
  endnotes: Note[];
  comments: Comment[];
  textBoxes: TextBox[];
  drawings: Drawing[];
  trackedChanges: TrackedChange[];
  hyperlinks: Hyperlink[];
  metadata: Metadata;
  theme: { minorFont?: string; majorFont?: string };
  /**
   * The page colour a reader sees behind the text (Design > Page Color: w:background with
   * w:displayBackgroundShape), as 6-digit hex; undefined for white paper. Paragraphs with no fill
   * of their own carry it as their `background`.
   */
  pageColor?: string;
  /** Defaults after docDefaults and the Normal style: used for layout of empty content. */
  defaults: { font: string; sizePt: number };
  /** Visible text of the body story, paragraphs joined by '\n\n'. */
  text: string;
  /** Whitespace-separated word count of `text`. */
  wordCount: number;
}

export const TWIPS_PER_MM = 1440 / 25.4;
export const EMU_PER_TWIP = 635;
export const twipsToMm = (tw: number): number => tw / TWIPS_PER_MM;
export const twipsToCm = (tw: number): number => tw / TWIPS_PER_MM / 10;
export const twipsToPt = (tw: number): number => tw / 20;
export const emuToTwips = (emu: number): number => emu / EMU_PER_TWIP;
