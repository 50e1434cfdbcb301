/**
 * Documents written by the `docx` npm package (a different writer from rawDocx: its own
 * namespaces, styles part, numbering and relationship ids) read into the model as expected.
 */
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  Document,
  ExternalHyperlink,
  Footer,
  FootnoteReferenceRun,
  Header,
  HeadingLevel,
  LevelFormat,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
} from 'docx';
import { describe, expect, it } from 'vitest';
import { loadDoc } from '../helpers/docx.js';

const mm = (value: number) => Math.round((value * 1440) / 25.4);

describe('documents written by the docx package', () => {
  it('reads text, formatting, sections, lists, tables, notes, comments and links', async () => {
    const document = new Document({
      creator: 'Test Author',
      title: 'Key challenges',
      styles: { default: { document: { run: { font: 'Arial', size: 22 } } } },
      numbering: {
        config: [
          {
            reference: 'numbers',
            levels: [{ level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START }],
          },
        ],
      },
      footnotes: { 1: { children: [new Paragraph('Source of the claim.')] } },
      comments: {
        children: [
          { id: 0, author: 'Panel', date: new Date('2024-02-01T09:00:00Z'), children: [new Paragraph('Check this.')] },
        ],
      },
      sections: [
        {
          properties: {
            page: {
              size: { width: mm(210), height: mm(297) },
              margin: { top: mm(20), right: mm(15), bottom: mm(20), left: mm(15) },
            },
          },
          headers: { default: new Header({ children: [new Paragraph('Candidate 123')] }) },
          footers: { default: new Footer({ children: [new Paragraph('Page footer')] }) },
          children: [
            new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun('Allied unity')] }),
            new Paragraph({
              children: [
                new TextRun({ text: 'Visible ', bold: true }),
                new TextRun({ text: 'secret ', vanish: true }),
                new TextRun({ text: 'white', color: 'FFFFFF' }),
                new FootnoteReferenceRun(1),
              ],
            }),
            new Paragraph({ numbering: { reference: 'numbers', level: 0 }, children: [new TextRun('First point')] }),
            new Paragraph({ numbering: { reference: 'numbers', level: 0 }, children: [new TextRun('Second point')] }),
            new Paragraph({
              children: [
                new CommentRangeStart(0),
                new TextRun('Commented'),
                new CommentRangeEnd(0),
                new TextRun({ children: [new CommentReference(0)] }),
              ],
            }),
            new Paragraph({
              children: [new ExternalHyperlink({ link: 'https://www.nato.int/', children: [new TextRun('NATO')] })],
            }),
            new Table({
              rows: [
                new TableRow({
                  children: [
                    new TableCell({ children: [new Paragraph('Cell A')] }),
                    new TableCell({ children: [new Paragraph('Cell B')] }),
                  ],
                }),
              ],
            }),
          ],
        },
        {
          properties: { page: { size: { width: mm(210), height: mm(297), orientation: PageOrientation.LANDSCAPE } } },
          children: [new Paragraph({ children: [new TextRun({ text: 'Tiny', size: 4 })] })],
        },
      ],
    });
    const doc = loadDoc(await Packer.toBuffer(document));

    expect(doc.sections).toHaveLength(2);
    expect(doc.sections[0]).toMatchObject({
      pageWidth: mm(210),
      pageHeight: mm(297),
      orientation: 'portrait',
      margins: { top: mm(20), left: mm(15) },
    });
    expect(doc.sections[1].orientation).toBe('landscape');
    expect(doc.sections[1].headers.default).toBe(doc.sections[0].headers.default);

    // The package ends a section with an empty paragraph that carries the w:sectPr.
    const breakParagraph = doc.bodyParagraphs.find((p) => p.endsSection === 0);
    expect(breakParagraph?.text).toBe('');
    const texts = doc.bodyParagraphs.filter((p) => p !== breakParagraph).map((p) => p.text);
    expect(texts).toEqual([
      'Allied unity',
      'Visible white',
      'First point',
      'Second point',
      'Commented',
      'NATO',
      'Cell A',
      'Cell B',
      'Tiny',
    ]);
    expect(doc.bodyParagraphs[0].headingLevel).toBe(1);
    expect(doc.bodyParagraphs[1].fullText).toBe('Visible secret white');
    const [visible, , white] = doc.bodyParagraphs[1].inlines;
    expect(visible).toMatchObject({ bold: true, font: 'Arial', sizePt: 11 });
    expect(white.color).toBe('FFFFFF');
    expect(doc.bodyParagraphs.slice(2, 4).map((p) => p.numbering?.label)).toEqual(['1.', '2.']);
    const tiny = doc.bodyParagraphs.find((p) => p.text === 'Tiny');
    expect(tiny?.inlines[0].sizePt).toBe(2);
    expect(tiny?.sectionIndex).toBe(1);

    expect(doc.footnotes.map((n) => n.text.trim())).toEqual(['Source of the claim.']);
    expect(doc.comments).toEqual([expect.objectContaining({ author: 'Panel', text: 'Check this.', paragraph: 5 })]);
    expect(doc.hyperlinks).toEqual([{ target: 'https://www.nato.int/', text: 'NATO', paragraph: 6 }]);
    expect(Object.values(doc.headerFooters).map((h) => [h.kind, h.text])).toEqual([
      ['header', 'Candidate 123'],
      ['footer', 'Page footer'],
    ]);
    expect(doc.metadata.core).toMatchObject({ creator: 'Test Author', title: 'Key challenges' });
    expect(doc.wordCount).toBe(15);
  });
});
