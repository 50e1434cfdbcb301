/**
 * Real .docx essays for the scan tests and benches, written with the `docx` package: A4, 11 pt
 * Calibri, 2.54 cm margins, paragraphs as given. Texts come from the shared corpus or the caller.
 */
import { AlignmentType, Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

export interface EssaySpec {
  paragraphs: string[];
  /** A heading line before the paragraphs. */
  title?: string;
  font?: string;
  sizePt?: number;
  /** Author in docProps/core.xml. */
  creator?: string;
}

const A4 = { width: 11906, height: 16838 };
const INCH = 1440;

export async function essayDocx(spec: EssaySpec): Promise<Buffer> {
  const size = (spec.sizePt ?? 11) * 2;
  const font = spec.font ?? 'Calibri';
  const children: Paragraph[] = [];
  if (spec.title)
    children.push(
      new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: spec.title, font })] }),
    );
  for (const text of spec.paragraphs) {
    children.push(
      new Paragraph({
        alignment: AlignmentType.JUSTIFIED,
        spacing: { after: 160 },
        children: [new TextRun({ text, font, size })],
      }),
    );
  }
  const document = new Document({
    creator: spec.creator ?? 'Candidate',
    sections: [
      {
        properties: { page: { size: A4, margin: { top: INCH, right: INCH, bottom: INCH, left: INCH } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
}
