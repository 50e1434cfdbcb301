/**
 * OOXML → DocModel. Each part is parsed once (saxes → small element tree, see xml.ts) and walked
 * once. Reading order decides paragraph numbers: the body first (table cells in row order, a text
 * box's paragraphs right after the paragraph that anchors it), then headers and footers, footnotes,
 * endnotes and comments.
 */
import { CfbError, listCfbEntryNames } from '../intake/cfb.js';
import { classify } from '../intake/classify.js';
import { RejectionError } from '../intake/errors.js';
import type { DocumentLimits } from '../intake/limits.js';
import { drawingMLShapeFill, type ShapeFill, vmlShapeFill } from './fills.js';
import { emptyMetadata, readApp, readCore, readCustom, readSettings } from './metadata.js';
import type {
  Block,
  Comment,
  DocModel,
  Drawing,
  EmbeddedObject,
  HeaderFooter,
  Hyperlink,
  Inline,
  Margins,
  Note,
  Paragraph,
  ParagraphFormat,
  RunFormat,
  Section,
  Story,
  Table,
  TableBorders,
  TableCell,
  TableRow,
  TextBox,
  TrackedChange,
} from './model.js';
import { Numbering } from './numbering.js';
import { Package, type Relationship, relOfType } from './package.js';
import {
  finalParagraphBorders,
  mergeP,
  mergeR,
  num,
  onOff,
  type PProps,
  type RProps,
  readCellMargins,
  readPPr,
  readRPr,
  readTableBorders,
  readTheme,
  StyleSheet,
  shadingFill,
  type TableStyleParts,
  type Theme,
  toRunFormat,
  themeColor,
} from './styles.js';
import { child, type El } from './xml.js';

/** Word's page when a section gives no w:pgSz: US Letter (the en-US default). */
export const DEFAULT_PAGE = { width: 12240, height: 15840 };
/** Word's margins when a section gives no w:pgMar: one inch, header/footer half an inch. */
export const DEFAULT_MARGINS: Margins = {
  top: 1440,
  right: 1440,
  bottom: 1440,
  left: 1440,
  header: 720,
  footer: 720,
  gutter: 0,
};
/** Word's default left/right cell padding (0.19 cm) when neither table nor style sets one. */
export const DEFAULT_CELL_MARGINS = { top: 0, right: 108, bottom: 0, left: 108 };

/** One EMU per 1/12700 pt; VML sizes come in CSS units. */
const EMU_PER_UNIT: Record<string, number> = {
  pt: 12700,
  in: 914400,
  cm: 360000,
  mm: 36000,
  px: 9525,
  pc: 152400,
  emu: 1,
};

interface StoryContext {
  story: Story;
  inBody: boolean;
  rels: Map<string, Relationship>;
  partId?: string;
  /** Section a non-body paragraph is reported in. */
  sectionIndex?: number;
}

interface BlockContext {
  base: StoryContext;
  table?: { tableIndex: number; row: number; cell: number };
  textBoxId?: number;
  innermost?: 'table' | 'textbox';
  tableStyle?: string;
  /** Run properties of the table style's conditional parts that apply to this cell (first row…). */
  tableRuns?: { props: RProps; key: string };
  /** Fill behind this content (hex) from an enclosing table cell or text box. */
  fill?: string;
  /** The content lies over something of unknown colour (a picture-filled box…). */
  fillUnknown?: boolean;
}

/** Where an anchored drawing sits, to find which shape lies under a transparent text box. */
interface Placement {
  drawing: Drawing;
  /** EMU in the frames below. */
  x: number;
  y: number;
  width: number;
  height: number;
  frameH: string;
  frameV: string;
  /** Behind-text drawings are under every in-front one, whatever their z-order. */
  layer: number;
  z: number;
  partId?: string;
}

interface RunContext {
  revision?: Inline['revision'];
  hyperlink?: string;
}

interface FieldState {
  inCode: boolean;
  instr: string;
  hyperlink?: string;
}

/** Paragraph-level run properties and the cache key of that combination of styles. */
interface ParagraphRunBase {
  props: RProps;
  key: string;
}

class DocumentParser {
  private readonly theme: Theme;
  private readonly styles: StyleSheet;
  private readonly numbering: Numbering;
  private readonly mainPart: string;
  private readonly mainRels: Map<string, Relationship>;

  private paragraphCounter = 0;
  private tableCounter = 0;
  private sectionIndex = 0;
  private readonly sections: Section[] = [];
  private readonly allParagraphs: Paragraph[] = [];
  private readonly drawings: Drawing[] = [];
  private readonly embedded: EmbeddedObject[] = [];
  private readonly textBoxes: TextBox[] = [];
  private readonly trackedChanges: TrackedChange[] = [];
  private readonly hyperlinks: Hyperlink[] = [];
  private readonly commentAnchors = new Map<string, number>();
  private pendingCommentAnchors: string[] = [];
  private fields: FieldState[] = [];
  private fieldCodeDepth = 0;
  private readonly metadata = emptyMetadata();
  /** Anchored drawings with a known position, by drawing id. */
  private readonly placements = new Map<number, Placement>();
  /** Transparent anchored text boxes: what is under them is settled once every drawing is known. */
  private readonly transparentBoxes: Array<{ box: TextBox; drawingId: number }> = [];

  constructor(private readonly pkg: Package) {
    const packageRels = pkg.relationships('');
    const main = relOfType(packageRels, 'officeDocument');
    let mainPart = main && !main.external ? pkg.resolveName(main.target) : undefined;
    // Packages without _rels/.rels are broken, but Word itself opens one with word/document.xml.
    if (mainPart === undefined && packageRels.size === 0) mainPart = pkg.resolveName('word/document.xml');
    if (mainPart === undefined) {
      throw new RejectionError(
        'CORRUPT',
        'The file is not a complete Word document: its main text part is missing. Please open it in Word, save it again as .docx and resubmit.',
      );
    }
    this.mainPart = mainPart;
    this.mainRels = pkg.relationships(mainPart);
    const partOf = (type: string): string | undefined => {
      const rel = relOfType(this.mainRels, type);
      return rel && !rel.external ? rel.target : undefined;
    };
    const themePart = partOf('theme');
    this.theme = readTheme(themePart ? pkg.tree(themePart) : undefined);
    const stylesPart = partOf('styles');
    this.styles = new StyleSheet(stylesPart ? pkg.tree(stylesPart) : undefined, this.theme);
    const numberingPart = partOf('numbering');
    this.numbering = new Numbering(numberingPart ? pkg.tree(numberingPart) : undefined, this.styles, this.theme);

    const settingsPart = partOf('settings');
    if (settingsPart) readSettings(pkg.tree(settingsPart), this.metadata.settings);
    const corePart = relOfType(packageRels, 'core-properties')?.target ?? 'docProps/core.xml';
    readCore(pkg.tree(corePart, true), this.metadata.core);
    const appPart = relOfType(packageRels, 'extended-properties')?.target ?? 'docProps/app.xml';
    readApp(pkg.tree(appPart, true), this.metadata.app);
    const customPart = relOfType(packageRels, 'custom-properties')?.target ?? 'docProps/custom.xml';
    readCustom(pkg.tree(customPart, true), this.metadata.custom);
  }

  parse(): DocModel {
    const root = this.pkg.tree(this.mainPart);
    const documentEl = root?.children.find((c) => c.name === 'w:document') ?? root?.children[0];
    const body = child(documentEl, 'w:body');
    if (!body) {
      throw new RejectionError(
        'CORRUPT',
        'The file is damaged: its main part has no document body. Please open it in Word, save it again as .docx and resubmit.',
      );
    }

    const bodyContext: StoryContext = { story: 'body', inBody: true, rels: this.mainRels };
    const blocks = this.blocks(body.children, { base: bodyContext }, true);
    const finalSectPr = body.children.find((c) => c.name === 'w:sectPr');
    if (finalSectPr) this.endSection(finalSectPr);
    else if (this.sections.length === 0 || this.sectionHasContent) this.endSection(undefined);
    const bodyParagraphs = this.allParagraphs.slice();

    const headerFooters = this.readHeaderFooters();
    const footnotes = this.readNotes('footnotes', 'footnote');
    const endnotes = this.readNotes('endnotes', 'endnote');
    const comments = this.readComments();
    this.fillTransparentBoxes();
    this.fillBehindAnchors();
    const pageColor = this.fillPageColor(child(documentEl, 'w:background'));

    const texts: string[] = [];
    for (const p of bodyParagraphs) if (p.text.trim() !== '') texts.push(p.text);
    const text = texts.join('\n\n');
    const defaults = toRunFormat(
      mergeR(this.styles.docDefaultsR, this.styles.styleR(this.styles.defaultParagraphStyle)),
      this.theme,
    );
    const theme: DocModel['theme'] = {};
    if (this.theme.minorFont) theme.minorFont = this.theme.minorFont;
    if (this.theme.majorFont) theme.majorFont = this.theme.majorFont;

    return {
      parts: this.pkg.names,
      embedded: this.embedded,
      sections: this.sections,
      blocks,
      paragraphs: this.allParagraphs,
      bodyParagraphs,
      headerFooters,
      footnotes,
      endnotes,
      comments,
      textBoxes: this.textBoxes,
      drawings: this.drawings,
      trackedChanges: this.trackedChanges,
      hyperlinks: this.hyperlinks,
      metadata: this.metadata,
      theme,
      ...(pageColor ? { pageColor } : {}),
      defaults: { font: defaults.font, sizePt: defaults.sizePt },
      text,
      wordCount: countWords(text),
    };
  }

  // -------------------------------------------------------------------------------------------
  // Sections

  /** Whether body content has been met since the last section break. */
  private sectionHasContent = false;

  private endSection(sectPr: El | undefined): void {
    const previous = this.sections[this.sections.length - 1];
    this.sections.push(this.readSection(sectPr, previous, this.sections.length));
    this.sectionIndex = this.sections.length;
    this.sectionHasContent = false;
  }

  private readSection(sectPr: El | undefined, previous: Section | undefined, index: number): Section {
    const pgSz = child(sectPr, 'w:pgSz');
    const width = num(pgSz?.attrs['w:w']);
    const height = num(pgSz?.attrs['w:h']);
    const pageSizeDefaulted = width === undefined || height === undefined;
    const pageWidth = width ?? DEFAULT_PAGE.width;
    const pageHeight = height ?? DEFAULT_PAGE.height;
    const orient = pgSz?.attrs['w:orient'];
    const pgMar = child(sectPr, 'w:pgMar');
    const margin = (key: keyof Margins) => num(pgMar?.attrs[`w:${key}`]) ?? DEFAULT_MARGINS[key];
    const cols = child(sectPr, 'w:cols');
    const equalWidthAttr = cols?.attrs['w:equalWidth'];
    const widths = (cols?.children ?? []).filter((c) => c.name === 'w:col').map((c) => num(c.attrs['w:w']) ?? 0);
    const columns: Section['columns'] = {
      count: Math.max(1, num(cols?.attrs['w:num']) ?? (widths.length || 1)),
      space: num(cols?.attrs['w:space']) ?? 720,
      equalWidth: equalWidthAttr !== undefined ? !['0', 'false', 'off'].includes(equalWidthAttr) : widths.length === 0,
    };
    if (widths.length > 0) columns.widths = widths;
    const typeVal = child(sectPr, 'w:type')?.attrs['w:val'];
    const type: Section['type'] =
      typeVal === 'continuous' || typeVal === 'evenPage' || typeVal === 'oddPage' || typeVal === 'nextColumn'
        ? typeVal
        : 'nextPage';
    const headers: Section['headers'] = { ...(previous?.headers ?? {}) };
    const footers: Section['footers'] = { ...(previous?.footers ?? {}) };
    for (const ref of sectPr?.children ?? []) {
      if (ref.name !== 'w:headerReference' && ref.name !== 'w:footerReference') continue;
      const rel = this.mainRels.get(ref.attrs['r:id'] ?? '');
      if (!rel || rel.external) continue;
      const part = this.pkg.resolveName(rel.target) ?? rel.target;
      const kind = ref.attrs['w:type'] === 'first' || ref.attrs['w:type'] === 'even' ? ref.attrs['w:type'] : 'default';
      if (ref.name === 'w:headerReference') headers[kind] = part;
      else footers[kind] = part;
    }
    const section: Section = {
      index,
      pageWidth,
      pageHeight,
      orientation:
        orient === 'landscape' || (orient === undefined && pageWidth > pageHeight) ? 'landscape' : 'portrait',
      margins: {
        top: margin('top'),
        right: margin('right'),
        bottom: margin('bottom'),
        left: margin('left'),
        header: margin('header'),
        footer: margin('footer'),
        gutter: margin('gutter'),
      },
      columns,
      type,
      titlePage: onOff(child(sectPr, 'w:titlePg')) === true,
      headers,
      footers,
      pageSizeDefaulted,
    };
    const grid = child(sectPr, 'w:docGrid');
    if (grid) {
      const docGrid: NonNullable<Section['docGrid']> = {};
      if (grid.attrs['w:type']) docGrid.type = grid.attrs['w:type'];
      const linePitch = num(grid.attrs['w:linePitch']);
      if (linePitch !== undefined) docGrid.linePitch = linePitch;
      const charSpace = num(grid.attrs['w:charSpace']);
      if (charSpace !== undefined) docGrid.charSpace = charSpace;
      section.docGrid = docGrid;
    }
    const start = num(child(sectPr, 'w:pgNumType')?.attrs['w:start']);
    if (start !== undefined) section.pageNumberStart = start;
    return section;
  }

  private currentSectionIndex(ctx: StoryContext): number {
    return ctx.inBody ? this.sectionIndex : (ctx.sectionIndex ?? 0);
  }

  // -------------------------------------------------------------------------------------------
  // Blocks

  private blocks(children: El[], ctx: BlockContext, topLevelBody = false, out: Block[] = []): Block[] {
    for (const el of children) {
      switch (el.name) {
        case 'w:p': {
          const paragraph = this.paragraph(el, ctx);
          out.push(paragraph);
          if (topLevelBody) {
            this.sectionHasContent = true;
            const sectPr = child(child(el, 'w:pPr'), 'w:sectPr');
            if (sectPr) {
              paragraph.endsSection = this.sections.length;
              this.endSection(sectPr);
            }
          }
          break;
        }
        case 'w:tbl':
          out.push(this.table(el, ctx));
          if (topLevelBody) this.sectionHasContent = true;
          break;
        case 'w:sdt':
          this.blocks(child(el, 'w:sdtContent')?.children ?? [], ctx, topLevelBody, out);
          break;
        case 'w:altChunk': {
          const before = this.allParagraphs[this.allParagraphs.length - 1];
          this.embed('altChunk', el.attrs['r:id'], ctx.base.rels, before?.index ?? 0);
          break;
        }
        case 'w:customXml':
        case 'w:smartTag':
          this.blocks(el.children, ctx, topLevelBody, out);
          break;
        case 'mc:AlternateContent': {
          const choice = child(el, 'mc:Choice');
          if (choice) this.blocks(choice.children, ctx, topLevelBody, out);
          break;
        }
        case 'w:commentRangeStart':
          if (el.attrs['w:id'] !== undefined) this.pendingCommentAnchors.push(el.attrs['w:id']);
          break;
      }
    }
    return out;
  }

  // -------------------------------------------------------------------------------------------
  // Paragraphs

  private paragraph(el: El, ctx: BlockContext): Paragraph {
    const pPr = child(el, 'w:pPr');
    const direct = readPPr(pPr, this.theme);
    const styleId = direct.pStyle ?? this.styles.defaultParagraphStyle;
    const styleP = this.styles.styleP(styleId);

    const numId = direct.numId ?? styleP.numId;
    let numberingInfo: ReturnType<Numbering['next']>;
    if (numId !== undefined) {
      const ilvl = direct.ilvl ?? (direct.numId !== undefined ? 0 : (styleP.ilvl ?? 0));
      numberingInfo = this.numbering.next(numId, ilvl);
    }

    let props: PProps = this.styles.docDefaultsP;
    if (ctx.tableStyle) props = mergeP(props, this.styles.styleP(ctx.tableStyle));
    if (numberingInfo) props = mergeP(props, numberingInfo.pPr);
    props = mergeP(props, styleP);
    props = mergeP(props, direct);

    const runBase = this.paragraphRunBase(styleId, ctx.tableStyle, ctx.tableRuns);
    const markDirect = readRPr(child(pPr, 'w:rPr'), this.theme);
    const mark = this.styles.runFormat(runBase.props, runBase.key, markDirect);

    let headingLevel: number | undefined;
    const outline = direct.outlineLevel;
    if (outline !== undefined && outline >= 0 && outline <= 8) headingLevel = outline + 1;
    else if (outline === undefined) headingLevel = this.styles.headingLevel(styleId);

    const format: ParagraphFormat = {
      align: props.align ?? 'left',
      spacing: {
        before: props.before ?? 0,
        after: props.after ?? 0,
        beforeAuto: props.beforeAuto ?? false,
        afterAuto: props.afterAuto ?? false,
        line: props.line ?? 240,
        lineRule: props.lineRule ?? 'auto',
      },
      contextualSpacing: props.contextualSpacing ?? false,
      indent: { left: props.indentLeft ?? 0, right: props.indentRight ?? 0, firstLine: props.firstLine ?? 0 },
      keepNext: props.keepNext ?? false,
      keepLines: props.keepLines ?? false,
      widowControl: props.widowControl ?? true,
      pageBreakBefore: props.pageBreakBefore ?? false,
      tabs: props.tabs ? props.tabs.filter((t) => t.align !== 'clear') : [],
      hasBorder: props.hasBorder ?? false,
      mark,
      framed: props.framed ?? false,
    };
    const borders = finalParagraphBorders(props.borders);
    if (borders) format.borders = borders;
    if (styleId !== undefined) {
      format.styleId = styleId;
      const name = this.styles.style(styleId)?.name;
      if (name !== undefined) format.styleName = name;
    }
    if (headingLevel !== undefined) format.headingLevel = headingLevel;
    if (props.shading) format.shading = props.shading;
    if (numberingInfo) {
      const n: NonNullable<ParagraphFormat['numbering']> = {
        numId: numberingInfo.numId,
        level: numberingInfo.level,
        label: numberingInfo.label,
        format: numberingInfo.format,
      };
      if (numberingInfo.indentLeft !== undefined) n.indentLeft = numberingInfo.indentLeft;
      if (numberingInfo.hanging !== undefined) n.hanging = numberingInfo.hanging;
      format.numbering = n;
    }

    const base = ctx.base;
    const story: Story =
      base.story === 'body'
        ? ctx.innermost === 'table'
          ? 'table'
          : ctx.innermost === 'textbox'
            ? 'textbox'
            : 'body'
        : base.story;
    const paragraph: Paragraph = {
      kind: 'paragraph',
      index: ++this.paragraphCounter,
      story,
      sectionIndex: this.currentSectionIndex(base),
      text: '',
      fullText: '',
      inlines: [],
      lastRenderedPageBreaks: 0,
      ...format,
    };
    if (ctx.table) paragraph.table = { ...ctx.table };
    if (ctx.textBoxId !== undefined) paragraph.textBoxId = ctx.textBoxId;
    if (base.partId !== undefined) paragraph.partId = base.partId;
    const background = props.shading ?? ctx.fill;
    if (background) paragraph.background = background;
    else if (ctx.fillUnknown) paragraph.backgroundUnknown = true;
    // Registered before its content so that text boxes anchored here are numbered after it.
    this.allParagraphs.push(paragraph);
    if (this.pendingCommentAnchors.length > 0) {
      for (const id of this.pendingCommentAnchors)
        if (!this.commentAnchors.has(id)) this.commentAnchors.set(id, paragraph.index);
      this.pendingCommentAnchors = [];
    }

    this.inlines(el.children, paragraph, ctx, runBase, {});
    // A field code still open at the paragraph mark is malformed (Word keeps codes within one
    // paragraph in practice): drop it rather than hide the text that follows as "code".
    while (this.fieldCodeDepth > 0 && this.fields.length > 0) {
      const top = this.fields.pop();
      if (top?.inCode) this.fieldCodeDepth--;
    }

    let text = '';
    let fullText = '';
    for (const inline of paragraph.inlines) {
      if (inline.revision === 'deleted' || inline.revision === 'moveFrom' || inline.fieldCode) continue;
      let piece: string;
      if (inline.kind === 'text' || inline.kind === 'symbol') piece = inline.text;
      else if (inline.kind === 'tab') piece = '\t';
      else if (inline.kind === 'break') piece = '\n';
      else continue;
      fullText += piece;
      if (!inline.hidden) text += piece;
    }
    paragraph.text = text;
    paragraph.fullText = fullText;
    return paragraph;
  }

  private paragraphRunBase(
    styleId: string | undefined,
    tableStyle: string | undefined,
    tableRuns: BlockContext['tableRuns'],
  ): ParagraphRunBase {
    let props = this.styles.docDefaultsR;
    if (tableStyle) props = mergeR(props, this.styles.styleR(tableStyle));
    // The style's conditional formatting (a white bold first row…) sits on top of its general formatting.
    if (tableRuns) props = mergeR(props, tableRuns.props);
    props = mergeR(props, this.styles.styleR(styleId));
    return { props, key: `${tableStyle ?? ''}\u0000${tableRuns?.key ?? ''}\u0000${styleId ?? ''}` };
  }

  /** Content of a hyperlink (w:hyperlink or a HYPERLINK field): its runs carry the target, and the link is listed. */
  private linkedInlines(
    children: El[],
    target: string | undefined,
    paragraph: Paragraph,
    ctx: BlockContext,
    runBase: ParagraphRunBase,
    rctx: RunContext,
  ): void {
    const start = paragraph.inlines.length;
    this.inlines(children, paragraph, ctx, runBase, target === undefined ? rctx : { ...rctx, hyperlink: target });
    if (target !== undefined) {
      this.hyperlinks.push({ target, text: inlineText(paragraph.inlines, start, false), paragraph: paragraph.index });
    }
  }

  /** Walk paragraph content (runs and the containers around them). */
  private inlines(
    children: El[],
    paragraph: Paragraph,
    ctx: BlockContext,
    runBase: ParagraphRunBase,
    rctx: RunContext,
  ): void {
    for (const el of children) {
      switch (el.name) {
        case 'w:r':
          this.run(el, paragraph, ctx, runBase, rctx);
          break;
        case 'w:ins':
        case 'w:del':
        case 'w:moveFrom':
        case 'w:moveTo': {
          const kind =
            el.name === 'w:ins'
              ? 'inserted'
              : el.name === 'w:del'
                ? 'deleted'
                : el.name === 'w:moveFrom'
                  ? 'moveFrom'
                  : 'moveTo';
          const start = paragraph.inlines.length;
          this.inlines(el.children, paragraph, ctx, runBase, { ...rctx, revision: kind });
          this.trackChange(kind, el, paragraph, inlineText(paragraph.inlines, start, true));
          break;
        }
        case 'w:hyperlink': {
          let target: string | undefined;
          const relId = el.attrs['r:id'];
          if (relId) {
            const rel = ctx.base.rels.get(relId);
            if (rel) target = rel.target;
          }
          if (target === undefined && el.attrs['w:anchor']) target = `#${el.attrs['w:anchor']}`;
          this.linkedInlines(el.children, target, paragraph, ctx, runBase, rctx);
          break;
        }
        case 'w:fldSimple': {
          const target = hyperlinkFromInstruction(el.attrs['w:instr'] ?? '');
          this.linkedInlines(el.children, target, paragraph, ctx, runBase, rctx);
          break;
        }
        case 'w:sdt':
          this.inlines(child(el, 'w:sdtContent')?.children ?? [], paragraph, ctx, runBase, rctx);
          break;
        case 'w:smartTag':
        case 'w:customXml':
        case 'w:dir':
        case 'w:bdo':
          this.inlines(el.children, paragraph, ctx, runBase, rctx);
          break;
        case 'mc:AlternateContent': {
          const choice = child(el, 'mc:Choice');
          if (choice) this.inlines(choice.children, paragraph, ctx, runBase, rctx);
          break;
        }
        case 'w:commentRangeStart': {
          const id = el.attrs['w:id'];
          if (id !== undefined && !this.commentAnchors.has(id)) this.commentAnchors.set(id, paragraph.index);
          break;
        }
      }
    }
  }

  private trackChange(kind: TrackedChange['kind'], el: El, paragraph: Paragraph, text: string): void {
    const change: TrackedChange = { kind, text, paragraph: paragraph.index };
    if (el.attrs['w:author']) change.author = el.attrs['w:author'];
    if (el.attrs['w:date']) change.date = el.attrs['w:date'];
    this.trackedChanges.push(change);
  }

  private run(el: El, paragraph: Paragraph, ctx: BlockContext, runBase: ParagraphRunBase, rctx: RunContext): void {
    const rPr = child(el, 'w:rPr');
    const direct = readRPr(rPr, this.theme);
    const format = this.styles.runFormat(runBase.props, runBase.key, direct);
    const rPrChange = child(rPr, 'w:rPrChange');
    const start = paragraph.inlines.length;
    this.runContent(el.children, paragraph, ctx, runBase, format, rctx);
    if (rPrChange) this.trackChange('formatChange', rPrChange, paragraph, inlineText(paragraph.inlines, start, true));
  }

  private push(
    paragraph: Paragraph,
    format: RunFormat,
    kind: Inline['kind'],
    text: string,
    rctx: RunContext,
    fieldCode = false,
  ): Inline {
    const inline: Inline = { ...format, kind, text };
    if (rctx.revision) inline.revision = rctx.revision;
    const fieldLink = this.fieldHyperlink();
    if (rctx.hyperlink ?? fieldLink) inline.hyperlink = rctx.hyperlink ?? fieldLink;
    if (fieldCode || (this.fieldCodeDepth > 0 && kind === 'text')) inline.fieldCode = true;
    paragraph.inlines.push(inline);
    return inline;
  }

  private fieldHyperlink(): string | undefined {
    for (let i = this.fields.length - 1; i >= 0; i--) if (this.fields[i].hyperlink) return this.fields[i].hyperlink;
    return undefined;
  }

  private runContent(
    children: El[],
    paragraph: Paragraph,
    ctx: BlockContext,
    runBase: ParagraphRunBase,
    format: RunFormat,
    rctx: RunContext,
  ): void {
    for (const el of children) {
      switch (el.name) {
        case 'w:t':
          if (el.text !== '') this.push(paragraph, format, 'text', el.text, rctx);
          break;
        case 'w:delText':
          if (el.text !== '')
            this.push(paragraph, format, 'text', el.text, rctx.revision ? rctx : { ...rctx, revision: 'deleted' });
          break;
        case 'w:instrText':
        case 'w:delInstrText': {
          const top = this.fields[this.fields.length - 1];
          if (top?.inCode) top.instr += el.text;
          if (el.text !== '') this.push(paragraph, format, 'text', el.text, rctx, true);
          break;
        }
        case 'w:fldChar':
          this.fieldChar(el.attrs['w:fldCharType']);
          break;
        case 'w:tab':
        case 'w:ptab':
          this.push(paragraph, format, 'tab', '', rctx);
          break;
        case 'w:br': {
          const type = el.attrs['w:type'];
          const inline = this.push(paragraph, format, 'break', '', rctx);
          inline.breakType = type === 'page' || type === 'column' ? type : 'textWrapping';
          break;
        }
        case 'w:cr': {
          const inline = this.push(paragraph, format, 'break', '', rctx);
          inline.breakType = 'textWrapping';
          break;
        }
        case 'w:noBreakHyphen':
          this.push(paragraph, format, 'text', '-', rctx);
          break;
        case 'w:sym': {
          const code = Number.parseInt(el.attrs['w:char'] ?? '', 16);
          if (Number.isFinite(code) && code > 0)
            this.push(paragraph, format, 'symbol', String.fromCodePoint(code), rctx);
          break;
        }
        case 'w:lastRenderedPageBreak':
          // Page breaks Word saw when laying out the body; inside a text box they say nothing about pages.
          if (ctx.textBoxId === undefined) {
            paragraph.lastRenderedPageBreaks++;
            this.push(paragraph, format, 'lastRenderedPageBreak', '', rctx);
          }
          break;
        case 'w:footnoteReference':
        case 'w:endnoteReference':
          this.push(paragraph, format, 'noteReference', '', rctx);
          break;
        case 'w:drawing': {
          const id = this.drawingML(el, paragraph, ctx);
          if (id !== undefined) this.push(paragraph, format, 'drawing', '', rctx).drawingId = id;
          break;
        }
        case 'w:pict':
        case 'w:object': {
          const ole = el.name === 'w:object' ? child(el, 'o:OLEObject') : undefined;
          if (ole) this.embed('object', ole.attrs['r:id'], ctx.base.rels, paragraph.index, ole.attrs.ProgID);
          const id = this.vml(el, paragraph, ctx);
          if (id !== undefined) this.push(paragraph, format, 'drawing', '', rctx).drawingId = id;
          break;
        }
        case 'mc:AlternateContent': {
          const choice = child(el, 'mc:Choice');
          if (choice) this.runContent(choice.children, paragraph, ctx, runBase, format, rctx);
          break;
        }
        case 'w:ruby': {
          const base = child(el, 'w:rubyBase');
          if (base) this.inlines(base.children, paragraph, ctx, runBase, rctx);
          break;
        }
        case 'w:commentReference': {
          const id = el.attrs['w:id'];
          if (id !== undefined && !this.commentAnchors.has(id)) this.commentAnchors.set(id, paragraph.index);
          break;
        }
      }
    }
  }

  /** Complex fields: text between 'begin' and 'separate' is the code; the result follows. */
  private fieldChar(type: string | undefined): void {
    if (type === 'begin') {
      this.fields.push({ inCode: true, instr: '' });
      this.fieldCodeDepth++;
    } else if (type === 'separate') {
      const top = this.fields[this.fields.length - 1];
      if (top?.inCode) {
        top.inCode = false;
        this.fieldCodeDepth--;
        const target = hyperlinkFromInstruction(top.instr);
        if (target !== undefined) top.hyperlink = target;
      }
    } else if (type === 'end') {
      const top = this.fields.pop();
      if (top?.inCode) this.fieldCodeDepth--;
    }
  }

  /** Records an embedded file or imported chunk; an OLE compound file is listed by its streams. */
  private embed(
    via: EmbeddedObject['via'],
    relId: string | undefined,
    rels: Map<string, Relationship>,
    paragraph: number,
    progId?: string,
  ): void {
    const object: EmbeddedObject = { via, paragraph };
    if (progId) object.progId = progId;
    const rel = relId === undefined ? undefined : rels.get(relId);
    const bytes = rel && !rel.external ? this.pkg.bytes(rel.target) : undefined;
    if (rel && bytes) {
      object.part = this.pkg.resolveName(rel.target) ?? rel.target;
      object.bytes = bytes.byteLength;
      if (classify(bytes).kind === 'cfb') {
        try {
          object.streams = listCfbEntryNames(bytes);
        } catch (error) {
          // A damaged embedded object still counts as one; only its streams are unknown.
          if (!(error instanceof CfbError)) throw error;
        }
      }
    }
    this.embedded.push(object);
  }

  // -------------------------------------------------------------------------------------------
  // Drawings and text boxes

  private drawingML(el: El, paragraph: Paragraph, ctx: BlockContext): number | undefined {
    const container = el.children.find((c) => c.name === 'wp:inline' || c.name === 'wp:anchor');
    if (!container) return undefined;
    const inline = container.name === 'wp:inline';
    const extent = child(container, 'wp:extent');
    const effect = child(container, 'wp:effectExtent');
    const drawing: Drawing = {
      id: this.drawings.length,
      paragraph: paragraph.index,
      inline,
      widthEmu: num(extent?.attrs.cx) ?? 0,
      heightEmu: num(extent?.attrs.cy) ?? 0,
      wrap: 'inline',
      isTextBox: false,
      isPicture: false,
      source: 'drawingml',
    };
    if (effect) {
      const side = (key: string) => Math.max(0, num(effect.attrs[key]) ?? 0);
      const room = { left: side('l'), top: side('t'), right: side('r'), bottom: side('b') };
      if (room.left || room.top || room.right || room.bottom) drawing.effectExtentEmu = room;
    }
    if (!inline) {
      drawing.wrap = 'none';
      for (const c of container.children) {
        switch (c.name) {
          case 'wp:wrapNone':
            drawing.wrap =
              container.attrs.behindDoc === '1' || container.attrs.behindDoc === 'true'
                ? 'behindText'
                : 'inFrontOfText';
            break;
          case 'wp:wrapSquare':
            drawing.wrap = 'square';
            break;
          case 'wp:wrapTight':
            drawing.wrap = 'tight';
            break;
          case 'wp:wrapThrough':
            drawing.wrap = 'through';
            break;
          case 'wp:wrapTopAndBottom':
            drawing.wrap = 'topAndBottom';
            break;
        }
      }
      const h = child(container, 'wp:positionH');
      const v = child(container, 'wp:positionV');
      const offset: NonNullable<Drawing['offsetEmu']> = {
        x: num(child(h, 'wp:posOffset')?.text.trim()) ?? 0,
        y: num(child(v, 'wp:posOffset')?.text.trim()) ?? 0,
      };
      if (h?.attrs.relativeFrom) offset.relativeFromH = h.attrs.relativeFrom;
      if (v?.attrs.relativeFrom) offset.relativeFromV = v.attrs.relativeFrom;
      drawing.offsetEmu = offset;
      const z = num(container.attrs.relativeHeight);
      if (z !== undefined) drawing.zOrder = z;
      // Aligned (not offset) drawings need a layout to place: they are left out of overlap tests.
      if (child(h, 'wp:posOffset') && child(v, 'wp:posOffset'))
        this.place(drawing, offset, h?.attrs.relativeFrom ?? 'column', v?.attrs.relativeFrom ?? 'paragraph', ctx);
    }
    this.drawings.push(drawing);
    const graphicData = child(child(container, 'a:graphic'), 'a:graphicData');
    const found: GraphicScan = { picture: false, boxes: [], shapes: [] };
    if (graphicData) scanGraphic(graphicData, found);
    drawing.isPicture = found.picture;
    const main = graphicData?.children.find(
      (c) => c.name === 'wps:wsp' || c.name === 'wpg:wgp' || c.name === 'wpc:wpc',
    );
    if (main?.name === 'wps:wsp') setDrawingFill(drawing, drawingMLShapeFill(main, this.theme));
    else if (main && found.shapes.some((shape) => drawingMLShapeFill(shape, this.theme).kind !== 'none'))
      drawing.fillUnknown = true;
    for (const box of found.boxes) {
      const fill = box.owner ? drawingMLShapeFill(box.owner, this.theme) : { kind: 'none' as const };
      const id = this.textBox(box.content, paragraph, ctx, 'drawingml', drawing, fill);
      if (drawing.textBoxId === undefined) drawing.textBoxId = id;
      drawing.isTextBox = true;
    }
    return drawing.id;
  }

  /** Records where an anchored drawing sits (frames as DrawingML names them). */
  private place(
    drawing: Drawing,
    offset: { x: number; y: number },
    frameH: string,
    frameV: string,
    ctx: BlockContext,
  ): void {
    const placement: Placement = {
      drawing,
      x: offset.x,
      y: offset.y,
      width: drawing.widthEmu,
      height: drawing.heightEmu,
      frameH,
      frameV,
      layer: drawing.wrap === 'behindText' ? 0 : 1,
      z: drawing.zOrder ?? 0,
    };
    if (ctx.base.partId !== undefined) placement.partId = ctx.base.partId;
    this.placements.set(drawing.id, placement);
  }

  /**
   * The page colour is the bottom layer, under every fill found so far: paragraphs with no fill
   * of their own (and transparent text boxes over nothing) take it. Word shows it only with
   * w:displayBackgroundShape; a background picture or gradient leaves the colour behind the text
   * unknown.
   */
  private fillPageColor(background: El | undefined): string | undefined {
    if (!background || !this.metadata.settings.displayBackgroundShape) return undefined;
    const a = background.attrs;
    const fromTheme = a['w:themeColor']
      ? themeColor(this.theme, a['w:themeColor'], a['w:themeTint'], a['w:themeShade'])
      : undefined;
    const color = /^[0-9A-Fa-f]{6}$/.test(a['w:color'] ?? '') ? a['w:color'].toUpperCase() : fromTheme;
    const picture = background.children.length > 0;
    // White is the paper every contrast is already judged against.
    if ((!color || color === 'FFFFFF') && !picture) return undefined;
    for (const paragraph of this.allParagraphs) {
      if (paragraph.background !== undefined || paragraph.backgroundUnknown) continue;
      if (picture) paragraph.backgroundUnknown = true;
      else paragraph.background = color;
    }
    return picture ? undefined : color;
  }

  /**
   * A paragraph that anchors a filled shape or picture placed behind its text, starting at or above
   * and to the left of the paragraph's first line and reaching past it, has that fill behind its text
   * (a banner picture behind a white title). Other positions need a page layout and are left alone.
   */
  private fillBehindAnchors(): void {
    for (const placement of this.placements.values()) {
      const d = placement.drawing;
      if (placement.layer !== 0 || (d.fill === undefined && !d.fillUnknown && !d.isPicture)) continue;
      if (!TEXT_FRAMES_V.has(placement.frameV) || !TEXT_FRAMES_H.has(placement.frameH)) continue;
      if (placement.x > 0 || placement.x + placement.width <= 0) continue;
      if (placement.y > 0 || placement.y + placement.height <= 0) continue;
      const paragraph = this.allParagraphs[d.paragraph - 1];
      if (!paragraph || paragraph.index !== d.paragraph) continue;
      if (paragraph.background !== undefined || paragraph.backgroundUnknown) continue;
      if (d.fill !== undefined) paragraph.background = d.fill;
      else paragraph.backgroundUnknown = true;
    }
  }

  /**
   * A transparent anchored text box shows what lies under it: the topmost filled shape or picture
   * below it in the stacking order that covers at least half of it, positioned in the same frame
   * (the same anchor paragraph, or the same header/footer for page-positioned shapes).
   */
  private fillTransparentBoxes(): void {
    for (const { box, drawingId } of this.transparentBoxes) {
      const own = this.placements.get(drawingId);
      if (!own || own.width <= 0 || own.height <= 0) continue;
      let under: Placement | undefined;
      for (const other of this.placements.values()) {
        const d = other.drawing;
        if (d.id === drawingId || (d.fill === undefined && !d.fillUnknown && !d.isPicture)) continue;
        if (other.layer > own.layer || (other.layer === own.layer && other.z >= own.z)) continue;
        if (other.frameH !== own.frameH || other.frameV !== own.frameV) continue;
        const pageFramed = PAGE_FRAMES.has(own.frameH) && PAGE_FRAMES.has(own.frameV);
        const sameFrame =
          d.paragraph === own.drawing.paragraph ||
          (pageFramed && own.partId !== undefined && own.partId === other.partId);
        if (!sameFrame) continue;
        const overlapW = Math.min(own.x + own.width, other.x + other.width) - Math.max(own.x, other.x);
        const overlapH = Math.min(own.y + own.height, other.y + other.height) - Math.max(own.y, other.y);
        if (overlapW <= 0 || overlapH <= 0 || overlapW * overlapH < 0.5 * own.width * own.height) continue;
        if (!under || other.layer > under.layer || (other.layer === under.layer && other.z > under.z)) under = other;
      }
      if (!under) continue;
      for (const paragraph of box.paragraphs) {
        if (paragraph.background !== undefined || paragraph.backgroundUnknown) continue;
        if (under.drawing.fill !== undefined) paragraph.background = under.drawing.fill;
        else paragraph.backgroundUnknown = true;
      }
    }
  }

  private vml(el: El, paragraph: Paragraph, ctx: BlockContext): number | undefined {
    const found: VmlScan = { picture: false, boxes: [], shapes: [] };
    scanVml(el, found);
    if (!found.shape && found.boxes.length === 0 && !found.picture) return undefined;
    const style = parseCssStyle(found.shape?.attrs.style ?? '');
    const absolute = style.position === 'absolute';
    const drawing: Drawing = {
      id: this.drawings.length,
      paragraph: paragraph.index,
      inline: !absolute,
      widthEmu: cssLengthToEmu(style.width),
      heightEmu: cssLengthToEmu(style.height),
      wrap: absolute ? vmlWrap(found.wrap, style['z-index']) : 'inline',
      isTextBox: found.boxes.length > 0,
      isPicture: found.picture,
      source: 'vml',
    };
    if (absolute) {
      const offset: NonNullable<Drawing['offsetEmu']> = {
        x: cssLengthToEmu(style['margin-left'] ?? style.left),
        y: cssLengthToEmu(style['margin-top'] ?? style.top),
      };
      if (style['mso-position-horizontal-relative']) offset.relativeFromH = style['mso-position-horizontal-relative'];
      if (style['mso-position-vertical-relative']) offset.relativeFromV = style['mso-position-vertical-relative'];
      drawing.offsetEmu = offset;
      const z = num(style['z-index']);
      if (z !== undefined) drawing.zOrder = z;
      // mso-position-horizontal/vertical align the shape instead of offsetting it.
      const aligned = (key: string) => style[key] !== undefined && style[key] !== 'absolute';
      if (!aligned('mso-position-horizontal') && !aligned('mso-position-vertical'))
        this.place(
          drawing,
          offset,
          VML_FRAME_H[offset.relativeFromH ?? 'text'] ?? 'column',
          VML_FRAME_V[offset.relativeFromV ?? 'text'] ?? 'paragraph',
          ctx,
        );
    }
    this.drawings.push(drawing);
    if (found.shape) {
      if (found.shape.name === 'v:group') {
        if (found.shapes.some((shape) => vmlShapeFill(shape).kind !== 'none')) drawing.fillUnknown = true;
      } else if (!found.picture) setDrawingFill(drawing, vmlShapeFill(found.shape));
    }
    for (const box of found.boxes) {
      const fill = box.owner ? vmlShapeFill(box.owner) : { kind: 'none' as const };
      const id = this.textBox(box.content, paragraph, ctx, 'vml', drawing, fill);
      if (drawing.textBoxId === undefined) drawing.textBoxId = id;
    }
    return drawing.id;
  }

  private textBox(
    content: El,
    anchor: Paragraph,
    ctx: BlockContext,
    source: TextBox['source'],
    drawing: Drawing,
    fill: ShapeFill,
  ): number {
    const box: TextBox = { id: this.textBoxes.length, anchorParagraph: anchor.index, source, paragraphs: [], text: '' };
    if (drawing.widthEmu > 0) box.widthEmu = drawing.widthEmu;
    if (drawing.heightEmu > 0) box.heightEmu = drawing.heightEmu;
    if (fill.kind === 'color') box.fill = fill.color;
    this.textBoxes.push(box);
    // Behind the box's text: its own fill; a transparent inline box shows the paragraph it sits in,
    // a transparent anchored one whatever lies under it (settled in fillTransparentBoxes).
    const inner: BlockContext = { base: ctx.base, textBoxId: box.id, innermost: 'textbox' };
    if (fill.kind === 'color') inner.fill = fill.color;
    else if (fill.kind === 'unknown') inner.fillUnknown = true;
    else if (drawing.inline) {
      if (anchor.background !== undefined) inner.fill = anchor.background;
      else if (anchor.backgroundUnknown) inner.fillUnknown = true;
    } else this.transparentBoxes.push({ box, drawingId: drawing.id });
    // A text box's content is a story of its own: fields do not continue into or out of it.
    const savedFields = this.fields;
    const savedDepth = this.fieldCodeDepth;
    this.fields = [];
    this.fieldCodeDepth = 0;
    const blocks = this.blocks(content.children, inner);
    this.fields = savedFields;
    this.fieldCodeDepth = savedDepth;
    box.blocks = blocks;
    box.paragraphs = paragraphsOf(blocks);
    box.text = joinText(box.paragraphs);
    return box.id;
  }

  // -------------------------------------------------------------------------------------------
  // Tables

  private table(el: El, ctx: BlockContext): Table {
    const tblPr = child(el, 'w:tblPr');
    const styleId = child(tblPr, 'w:tblStyle')?.attrs['w:val'] ?? this.styles.defaultTableStyle;
    const style = this.styles.style(styleId);
    const tblW = child(tblPr, 'w:tblW');
    const tblInd = child(tblPr, 'w:tblInd');
    const directMargins = readCellMargins(child(tblPr, 'w:tblCellMar'));
    const table: Table = {
      kind: 'table',
      index: this.tableCounter++,
      sectionIndex: this.currentSectionIndex(ctx.base),
      story: ctx.base.story === 'body' && ctx.innermost === 'textbox' ? 'textbox' : ctx.base.story,
      grid: (child(el, 'w:tblGrid')?.children ?? [])
        .filter((c) => c.name === 'w:gridCol')
        .map((c) => num(c.attrs['w:w']) ?? 0),
      indent:
        (tblInd && (tblInd.attrs['w:type'] ?? 'dxa') === 'dxa' ? num(tblInd.attrs['w:w']) : undefined) ??
        style?.tblInd ??
        0,
      cellMargins: { ...DEFAULT_CELL_MARGINS, ...(style?.tblCellMargins ?? {}), ...(directMargins ?? {}) },
      rows: [],
      floating: child(tblPr, 'w:tblpPr') !== undefined,
    };
    const styleBorders = this.styles.tableParts(style?.type === 'table' ? style.id : undefined).tableBorders;
    const directBorders = readTableBorders(child(tblPr, 'w:tblBorders'));
    if (styleBorders || directBorders) table.borders = { ...styleBorders, ...directBorders };
    const width = readWidth(tblW);
    if (width.width !== undefined) table.width = width.width;
    if (width.pct !== undefined) table.widthPct = width.pct;

    const tableStyle = style?.type === 'table' ? style.id : undefined;
    const rows = flatten(el.children, 'w:tr');
    const styleParts = this.styles.tableParts(tableStyle);
    const look = readTableLook(child(tblPr, 'w:tblLook'));
    const tableShd = child(tblPr, 'w:shd');
    // Under every cell: the table's own shading, else its style's.
    const tableFill = (tableShd ? shadingFill(tableShd, this.theme) : undefined) ?? styleParts.table ?? undefined;
    rows.forEach((tr, rowIndex) => {
      const trPr = child(tr, 'w:trPr');
      const trHeight = child(trPr, 'w:trHeight');
      const height = num(trHeight?.attrs['w:val']);
      const rule = trHeight?.attrs['w:hRule'];
      const row: TableRow = {
        heightRule: height === undefined ? 'auto' : rule === 'exact' || rule === 'auto' ? rule : 'atLeast',
        cantSplit: onOff(child(trPr, 'w:cantSplit')) === true,
        header: onOff(child(trPr, 'w:tblHeader')) === true,
        cells: [],
      };
      if (height !== undefined) row.height = height;
      const gridBefore = num(child(trPr, 'w:gridBefore')?.attrs['w:val']);
      if (gridBefore !== undefined && gridBefore > 0) row.gridBefore = gridBefore;
      const gridAfter = num(child(trPr, 'w:gridAfter')?.attrs['w:val']);
      if (gridAfter !== undefined && gridAfter > 0) row.gridAfter = gridAfter;
      const rowShd = child(child(tr, 'w:tblPrEx'), 'w:shd');
      const rowFill = (rowShd ? shadingFill(rowShd, this.theme) : undefined) ?? tableFill;
      const cells = flatten(tr.children, 'w:tc');
      let gridColumn = num(child(trPr, 'w:gridBefore')?.attrs['w:val']) ?? 0;
      cells.forEach((tc, cellIndex) => {
        const tcPr = child(tc, 'w:tcPr');
        const cellWidth = readWidth(child(tcPr, 'w:tcW'));
        const vMergeEl = child(tcPr, 'w:vMerge');
        const cell: TableCell = {
          gridSpan: Math.max(1, num(child(tcPr, 'w:gridSpan')?.attrs['w:val']) ?? 1),
          blocks: [],
        };
        if (cellWidth.width !== undefined) cell.width = cellWidth.width;
        if (cellWidth.pct !== undefined) cell.widthPct = cellWidth.pct;
        if (vMergeEl) cell.vMerge = vMergeEl.attrs['w:val'] === 'restart' ? 'restart' : 'continue';
        const margins = readCellMargins(child(tcPr, 'w:tcMar'));
        if (margins && Object.keys(margins).length > 0) cell.margins = margins;
        const cellShd = child(tcPr, 'w:shd');
        const position = {
          row: rowIndex,
          rows: rows.length,
          column: gridColumn,
          lastColumn: cellIndex === cells.length - 1,
        };
        const parts = conditionalParts(styleParts, look, position);
        let styleFill: string | null | undefined;
        let runs: RProps | undefined;
        let cellBorders: TableBorders | undefined;
        for (const part of parts) {
          if (styleParts.fills[part] !== undefined) styleFill = styleParts.fills[part];
          const partBorders = styleParts.cellBorders[part];
          if (partBorders) cellBorders = { ...cellBorders, ...partBorders };
          const partRuns = styleParts.runs[part];
          if (partRuns) runs = runs ? mergeR(runs, partRuns) : partRuns;
        }
        const fill = (cellShd ? shadingFill(cellShd, this.theme) : undefined) ?? styleFill ?? rowFill;
        gridColumn += cell.gridSpan;
        if (fill) cell.fill = fill;
        const ownBorders = readTableBorders(child(tcPr, 'w:tcBorders'));
        if (ownBorders) cellBorders = { ...cellBorders, ...ownBorders };
        if (cellBorders && Object.keys(cellBorders).length > 0) cell.borders = cellBorders;
        const inner: BlockContext = {
          base: ctx.base,
          table: { tableIndex: table.index, row: rowIndex, cell: cellIndex },
          textBoxId: ctx.textBoxId,
          innermost: 'table',
          tableStyle,
        };
        if (runs) inner.tableRuns = { props: runs, key: parts.join(' ') };
        // A cell without a fill of its own shows what is behind the table.
        if (fill) inner.fill = fill;
        else if (ctx.fill) inner.fill = ctx.fill;
        else if (ctx.fillUnknown) inner.fillUnknown = true;
        cell.blocks = this.blocks(tc.children, inner);
        row.cells.push(cell);
      });
      table.rows.push(row);
    });
    return table;
  }

  // -------------------------------------------------------------------------------------------
  // Other stories

  private readHeaderFooters(): Record<string, HeaderFooter> {
    const out: Record<string, HeaderFooter> = {};
    // Parts in the order sections use them, then any part no section refers to.
    const order: Array<{ part: string; kind: 'header' | 'footer'; section: number }> = [];
    const seen = new Set<string>();
    for (const section of this.sections) {
      for (const kind of ['header', 'footer'] as const) {
        const refs = kind === 'header' ? section.headers : section.footers;
        for (const part of [refs.default, refs.first, refs.even]) {
          if (part && !seen.has(part)) {
            seen.add(part);
            order.push({ part, kind, section: section.index });
          }
        }
      }
    }
    for (const rel of this.mainRels.values()) {
      if ((rel.type === 'header' || rel.type === 'footer') && !rel.external) {
        const part = this.pkg.resolveName(rel.target) ?? rel.target;
        if (!seen.has(part)) {
          seen.add(part);
          order.push({ part, kind: rel.type, section: 0 });
        }
      }
    }
    for (const { part, kind, section } of order) {
      const root = this.pkg.tree(part);
      if (!root) continue;
      const ctx: StoryContext = {
        story: kind,
        inBody: false,
        rels: this.pkg.relationships(part),
        partId: part,
        sectionIndex: section,
      };
      this.fields = [];
      this.fieldCodeDepth = 0;
      const blocks = this.blocks(root.children[0]?.children ?? [], { base: ctx });
      const paragraphs = paragraphsOf(blocks);
      out[part] = { id: part, kind, blocks, paragraphs, text: joinText(paragraphs) };
    }
    return out;
  }

  private readNotes(type: 'footnotes' | 'endnotes', kind: 'footnote' | 'endnote'): Note[] {
    const rel = relOfType(this.mainRels, type);
    if (!rel || rel.external) return [];
    const root = this.pkg.tree(rel.target);
    if (!root) return [];
    const ctx: StoryContext = { story: kind, inBody: false, rels: this.pkg.relationships(rel.target) };
    const notes: Note[] = [];
    for (const el of root.children[0]?.children ?? []) {
      if (el.name !== `w:${kind}`) continue;
      const noteType = el.attrs['w:type'];
      if (noteType && noteType !== 'normal') continue; // separators and continuation notices
      this.fields = [];
      this.fieldCodeDepth = 0;
      const paragraphs = paragraphsOf(this.blocks(el.children, { base: ctx }));
      notes.push({ id: el.attrs['w:id'] ?? '', kind, paragraphs, text: joinText(paragraphs) });
    }
    return notes;
  }

  private readComments(): Comment[] {
    const rel = relOfType(this.mainRels, 'comments');
    if (!rel || rel.external) return [];
    const root = this.pkg.tree(rel.target);
    if (!root) return [];
    const ctx: StoryContext = { story: 'comment', inBody: false, rels: this.pkg.relationships(rel.target) };
    const comments: Comment[] = [];
    for (const el of root.children[0]?.children ?? []) {
      if (el.name !== 'w:comment') continue;
      const id = el.attrs['w:id'] ?? '';
      this.fields = [];
      this.fieldCodeDepth = 0;
      const paragraphs = paragraphsOf(this.blocks(el.children, { base: ctx }));
      const comment: Comment = { id, text: joinText(paragraphs) };
      if (el.attrs['w:author']) comment.author = el.attrs['w:author'];
      if (el.attrs['w:date']) comment.date = el.attrs['w:date'];
      const anchor = this.commentAnchors.get(id);
      if (anchor !== undefined) comment.paragraph = anchor;
      comments.push(comment);
    }
    return comments;
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

function countWords(text: string): number {
  let count = 0;
  let inWord = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const space =
      c === 32 ||
      c === 9 ||
      c === 10 ||
      c === 13 ||
      c === 160 ||
      c === 12 ||
      c === 11 ||
      c === 0x2002 ||
      c === 0x2003 ||
      c === 0x2009 ||
      c === 0x200b ||
      c === 0x3000;
    if (space) inWord = false;
    else if (!inWord) {
      inWord = true;
      count++;
    }
  }
  return count;
}

/** Text of the inlines added since `start` (deleted text included when asked: it is what changed). */
function inlineText(inlines: Inline[], start: number, includeDeleted: boolean): string {
  let out = '';
  for (let i = start; i < inlines.length; i++) {
    const inline = inlines[i];
    if (inline.fieldCode) continue;
    if (!includeDeleted && (inline.revision === 'deleted' || inline.revision === 'moveFrom')) continue;
    if (inline.kind === 'text' || inline.kind === 'symbol') out += inline.text;
    else if (inline.kind === 'tab') out += '\t';
    else if (inline.kind === 'break') out += '\n';
  }
  return out;
}

function paragraphsOf(blocks: Block[], out: Paragraph[] = []): Paragraph[] {
  for (const block of blocks) {
    if (block.kind === 'paragraph') out.push(block);
    else for (const row of block.rows) for (const cell of row.cells) paragraphsOf(cell.blocks, out);
  }
  return out;
}

function joinText(paragraphs: Paragraph[]): string {
  const texts: string[] = [];
  for (const p of paragraphs) if (p.text.trim() !== '') texts.push(p.text);
  return texts.join('\n\n');
}

/** Rows of a table or cells of a row, looking through content controls and custom XML around them. */
function flatten(children: El[], name: string, out: El[] = []): El[] {
  for (const el of children) {
    if (el.name === name) out.push(el);
    else if (el.name === 'w:sdt') flatten(child(el, 'w:sdtContent')?.children ?? [], name, out);
    else if (el.name === 'w:customXml') flatten(el.children, name, out);
  }
  return out;
}

/** Which conditional formats of its style a table uses (w:tblLook). */
interface TableLook {
  firstRow: boolean;
  lastRow: boolean;
  firstColumn: boolean;
  lastColumn: boolean;
  bandedRows: boolean;
  bandedColumns: boolean;
}

/**
 * w:tblLook as attributes (Word 2010+) or as the older hex bit mask in w:val. Without it a table
 * uses none of its style's conditional formats (only the whole-table one).
 */
function readTableLook(el: El | undefined): TableLook | undefined {
  if (!el) return undefined;
  const mask = Number.parseInt(el.attrs['w:val'] ?? '0', 16) || 0;
  const flag = (name: string, bit: number): boolean => {
    const v = el.attrs[`w:${name}`];
    return v === undefined ? (mask & bit) !== 0 : v === '1' || v === 'true' || v === 'on';
  };
  return {
    firstRow: flag('firstRow', 0x20),
    lastRow: flag('lastRow', 0x40),
    firstColumn: flag('firstColumn', 0x80),
    lastColumn: flag('lastColumn', 0x100),
    bandedRows: !flag('noHBand', 0x200),
    bandedColumns: !flag('noVBand', 0x400),
  };
}

/**
 * The conditional parts of its table style that apply to a cell, in the order Word applies them
 * (ECMA-376 17.7.6: whole table, column bands, row bands, last/first column, last/first row,
 * corner cells): later parts win.
 */
function conditionalParts(
  style: TableStyleParts,
  look: TableLook | undefined,
  at: { row: number; rows: number; column: number; lastColumn: boolean },
): string[] {
  const parts: string[] = ['wholeTable'];
  if (look) {
    const firstRow = look.firstRow && at.row === 0;
    const lastRow = look.lastRow && at.row === at.rows - 1;
    const firstColumn = look.firstColumn && at.column === 0;
    const lastColumn = look.lastColumn && at.lastColumn;
    if (look.bandedColumns) {
      const band = at.column - (look.firstColumn ? 1 : 0);
      if (band >= 0) parts.push(Math.floor(band / (style.colBandSize ?? 1)) % 2 === 0 ? 'band1Vert' : 'band2Vert');
    }
    if (look.bandedRows) {
      const band = at.row - (look.firstRow ? 1 : 0);
      if (band >= 0) parts.push(Math.floor(band / (style.rowBandSize ?? 1)) % 2 === 0 ? 'band1Horz' : 'band2Horz');
    }
    if (lastColumn) parts.push('lastCol');
    if (firstColumn) parts.push('firstCol');
    if (lastRow) parts.push('lastRow');
    if (firstRow) parts.push('firstRow');
    if (firstRow && lastColumn) parts.push('neCell');
    if (firstRow && firstColumn) parts.push('nwCell');
    if (lastRow && lastColumn) parts.push('seCell');
    if (lastRow && firstColumn) parts.push('swCell');
  }
  return parts;
}

/** w:tblW / w:tcW: twips for dxa, percent for pct (fiftieths of a percent, or "50%"). */
function readWidth(el: El | undefined): { width?: number; pct?: number } {
  if (!el) return {};
  const type = el.attrs['w:type'] ?? 'dxa';
  const raw = el.attrs['w:w'];
  if (type === 'dxa') {
    const w = num(raw);
    return w !== undefined && w > 0 ? { width: w } : {};
  }
  if (type === 'pct' && raw !== undefined) {
    if (raw.endsWith('%')) {
      const p = Number(raw.slice(0, -1));
      return Number.isFinite(p) ? { pct: p } : {};
    }
    const p = num(raw);
    return p !== undefined ? { pct: p / 50 } : {};
  }
  return {};
}

function hyperlinkFromInstruction(instr: string): string | undefined {
  const m = /^\s*HYPERLINK\s+(?:"([^"]*)"|(\S+))?((?:\s+\\[a-z](?:\s+"[^"]*"|\s+\S+)?)*)/i.exec(instr);
  if (!m) return undefined;
  const url = m[1] ?? m[2];
  const anchor = /\\l\s+"([^"]*)"/.exec(m[3] ?? '')?.[1];
  if (url) return anchor ? `${url}#${anchor}` : url;
  return anchor ? `#${anchor}` : undefined;
}

/** A text box's content and the shape that holds it (whose fill is behind its text). */
interface FoundBox {
  content: El;
  owner?: El;
}

interface GraphicScan {
  picture: boolean;
  boxes: FoundBox[];
  /** Every wps:wsp met (for the fill of groups). */
  shapes: El[];
}

/** Pictures, shapes and text-box contents inside a DrawingML graphic (shapes, groups, canvases). */
function scanGraphic(el: El, found: GraphicScan, owner?: El): void {
  for (const c of el.children) {
    if (c.name === 'w:txbxContent') found.boxes.push(owner ? { content: c, owner } : { content: c });
    else if (c.name === 'pic:pic') found.picture = true;
    else if (c.name === 'mc:AlternateContent') {
      const choice = child(c, 'mc:Choice');
      if (choice) scanGraphic(choice, found, owner);
    } else if (c.children.length > 0) {
      if (c.name === 'wps:wsp') found.shapes.push(c);
      scanGraphic(c, found, c.name === 'wps:wsp' ? c : owner);
    }
  }
}

/** A drawing's fill as the model records it. */
function setDrawingFill(drawing: Drawing, fill: ShapeFill): void {
  if (fill.kind === 'color') drawing.fill = fill.color;
  else if (fill.kind === 'unknown') drawing.fillUnknown = true;
}

/** Positioning frames tied to the page rather than to the text (same place on every page of a header). */
const PAGE_FRAMES = new Set([
  'page',
  'margin',
  'leftMargin',
  'rightMargin',
  'insideMargin',
  'outsideMargin',
  'topMargin',
  'bottomMargin',
]);

/** Frames whose origin is where the anchor paragraph's text starts (vertically / horizontally). */
const TEXT_FRAMES_V = new Set(['paragraph', 'line']);
const TEXT_FRAMES_H = new Set(['column', 'character', 'margin']);

/** VML mso-position-*-relative values under their DrawingML names. */
const VML_FRAME_H: Record<string, string> = {
  text: 'column',
  char: 'character',
  margin: 'margin',
  page: 'page',
  'left-margin-area': 'leftMargin',
  'right-margin-area': 'rightMargin',
  'inner-margin-area': 'insideMargin',
  'outer-margin-area': 'outsideMargin',
};
const VML_FRAME_V: Record<string, string> = {
  text: 'paragraph',
  line: 'line',
  margin: 'margin',
  page: 'page',
  'top-margin-area': 'topMargin',
  'bottom-margin-area': 'bottomMargin',
  'inner-margin-area': 'insideMargin',
  'outer-margin-area': 'outsideMargin',
};

const VML_SHAPES = new Set([
  'v:shape',
  'v:rect',
  'v:roundrect',
  'v:oval',
  'v:group',
  'v:line',
  'v:polyline',
  'v:arc',
  'v:curve',
  'v:image',
]);

interface VmlScan {
  picture: boolean;
  boxes: FoundBox[];
  /** The outermost VML shape. */
  shape?: El;
  /** Every VML shape met below the outermost one (for the fill of groups). */
  shapes: El[];
  wrap?: string;
}

function scanVml(el: El, found: VmlScan, owner?: El): void {
  for (const c of el.children) {
    const isShape = VML_SHAPES.has(c.name);
    if (isShape) {
      if (!found.shape) found.shape = c;
      else if (c.name !== 'v:group') found.shapes.push(c);
    }
    if (c.name === 'w:txbxContent') {
      found.boxes.push(owner ? { content: c, owner } : { content: c });
      continue;
    }
    if (c.name === 'v:imagedata' || c.name === 'v:image') found.picture = true;
    if (c.name === 'w10:wrap' && c.attrs.type) found.wrap = c.attrs.type;
    if (c.children.length > 0) scanVml(c, found, isShape ? c : owner);
  }
}

function vmlWrap(type: string | undefined, zIndex: string | undefined): Drawing['wrap'] {
  switch (type) {
    case 'square':
      return 'square';
    case 'tight':
      return 'tight';
    case 'through':
      return 'through';
    case 'topAndBottom':
      return 'topAndBottom';
    default:
      return zIndex?.trim().startsWith('-') ? 'behindText' : 'inFrontOfText';
  }
}

function parseCssStyle(style: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const decl of style.split(';')) {
    const colon = decl.indexOf(':');
    if (colon < 0) continue;
    out[decl.slice(0, colon).trim().toLowerCase()] = decl.slice(colon + 1).trim();
  }
  return out;
}

function cssLengthToEmu(value: string | undefined): number {
  if (!value) return 0;
  const m = /^(-?[\d.]+)\s*([a-z]*)$/i.exec(value.trim());
  if (!m) return 0;
  const n = Number(m[1]);
  const unit = m[2].toLowerCase() || 'px';
  const factor = EMU_PER_UNIT[unit];
  return Number.isFinite(n) && factor !== undefined ? Math.round(n * factor) : 0;
}

/**
 * Build the document model from the unzipped package (zip entry name → bytes). Throws
 * RejectionError('CORRUPT') when the main part is missing, a part is not well-formed XML or nests
 * elements deeper than Word does, RejectionError('TOO_LARGE') when the document crosses a limit of
 * rules/intake.yaml `document:` (paragraphs, elements, text), and RejectionError('UNSAFE_XML') for
 * a DTD. `limits` replaces those defaults (tests).
 */
export function parseDocument(entries: Map<string, Uint8Array>, limits?: Readonly<DocumentLimits>): DocModel {
  return new DocumentParser(new Package(entries, limits)).parse();
}
