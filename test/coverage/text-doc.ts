/**
 * A DocModel from plain text, for the labelled set and the benchmark (thousands of essays would
 * be slow to zip and parse, and the parser is tested elsewhere). Every non-empty line is a
 * paragraph in Calibri 11; a line starting with "# " or "## " gets heading level 1 or 2, as a
 * Word heading style would. The unit tests use real generated .docx files instead.
 */
import { emptyMetadata } from '../../src/document/metadata.js';
import type { DocModel, Inline, Paragraph, RunFormat } from '../../src/document/model.js';

const RUN: RunFormat = {
  font: 'Calibri',
  sizePt: 11,
  bold: false,
  italic: false,
  underline: false,
  strike: false,
  caps: false,
  smallCaps: false,
  color: 'auto',
  hidden: false,
  webHidden: false,
  characterSpacing: 0,
  scalePercent: 100,
  positionPt: 0,
  rightToLeft: false,
};

export function textParagraph(
  index: number,
  text: string,
  headingLevel?: number,
  runs?: Array<Partial<Inline> & { text: string }>,
): Paragraph {
  const inlines: Inline[] = (runs ?? [{ text }]).map((r) => ({ ...RUN, kind: 'text', ...r }));
  const visible = inlines
    .filter((i) => !i.hidden)
    .map((i) => i.text)
    .join('');
  return {
    kind: 'paragraph',
    index,
    story: 'body',
    sectionIndex: 0,
    text: visible,
    fullText: inlines.map((i) => i.text).join(''),
    inlines,
    lastRenderedPageBreaks: 0,
    headingLevel,
    align: 'left',
    spacing: { before: 0, after: 160, beforeAuto: false, afterAuto: false, line: 259, lineRule: 'auto' },
    contextualSpacing: false,
    indent: { left: 0, right: 0, firstLine: 0 },
    keepNext: false,
    keepLines: false,
    widowControl: true,
    pageBreakBefore: false,
    tabs: [],
    hasBorder: false,
    mark: RUN,
    framed: false,
  };
}

export function docFromParagraphs(paragraphs: Paragraph[]): DocModel {
  const text = paragraphs.map((p) => p.text).join('\n\n');
  return {
    parts: [],
    embedded: [],
    sections: [],
    blocks: paragraphs,
    paragraphs,
    bodyParagraphs: paragraphs,
    headerFooters: {},
    footnotes: [],
    endnotes: [],
    comments: [],
    textBoxes: [],
    drawings: [],
    trackedChanges: [],
    hyperlinks: [],
    metadata: emptyMetadata(),
    theme: {},
    defaults: { font: 'Calibri', sizePt: 11 },
    text,
    wordCount: text.split(/\s+/).filter(Boolean).length,
  };
}

export function docFromText(text: string): DocModel {
  const paragraphs: Paragraph[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const heading = /^(#{1,3})\s+(.*)$/.exec(line);
    paragraphs.push(
      textParagraph(paragraphs.length + 1, heading ? heading[2] : line, heading ? heading[1].length : undefined),
    );
  }
  return docFromParagraphs(paragraphs);
}
