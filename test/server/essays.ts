/** Real .docx essays for the service tests and the benchmark, built with the `docx` package. */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';

/** A4 in twips, 2.54 cm margins: what the notices ask for. */
const A4 = { width: 11906, height: 16838 };

export interface EssayOptions {
  title?: string;
  paragraphs: string[];
  /** Extra runs per paragraph index (e.g. hidden or white text) appended after the paragraph text. */
  extraRuns?: Record<number, TextRun[]>;
  fontSizeHalfPoints?: number;
}

export async function buildEssay(options: EssayOptions): Promise<Buffer> {
  const size = options.fontSizeHalfPoints ?? 22;
  const children: Paragraph[] = [];
  if (options.title)
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun({ text: options.title })] }));
  options.paragraphs.forEach((text, i) => {
    children.push(
      new Paragraph({
        spacing: { after: 120 },
        children: [new TextRun({ text, size }), ...(options.extraRuns?.[i] ?? [])],
      }),
    );
  });
  const doc = new Document({
    creator: 'J Doe',
    sections: [
      {
        properties: { page: { size: A4, margin: { top: 1440, bottom: 1440, left: 1440, right: 1440 } } },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A one-page essay on the three challenges of vacancy 250875, varied by `seed` so bytes differ. */
export function unityEssayParagraphs(seed = ''): string[] {
  return [
    `Keeping Allied unity in a difficult domestic and international political environment is the first challenge. ${seed}`.trim(),
    'Unity depends on listening to every Ally, finding common ground early and explaining decisions to national parliaments and publics. I have chaired working groups where consensus was reached only after quiet bilateral consultations.',
    'Delivering the NATO political agenda requires insight into Allied capabilities and priorities. I would give the Secretary General concise advice drawing on capability targets, defence plans and the views of delegations.',
    'Coordination with stakeholders and multilateral organisations such as the European Union, the United Nations and the OSCE should be structured, calibrated and flexible, so that cooperation stays positive in key areas for the Alliance.',
  ];
}

export const pleasantFilename = (name = 'J Doe') => `250875 - Key challenges - ${name}.docx`;
