/**
 * Builds essays for the formatting-check tests: an ordinary essay (Calibri 11, A4, 2.54 cm margins,
 * the candidate's name in the header, a page number in the footer) that each test bends in one
 * way, and a runner that screens a file with every formatting check.
 */
import {
  AlignmentType,
  Document,
  Footer,
  Header,
  type IRunOptions,
  type ISectionPropertiesOptions,
  Packer,
  PageNumber,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
import comments from '../../src/checks/formatting/comments.js';
import condensedSpacing from '../../src/checks/formatting/condensed-spacing.js';
import hiddenText from '../../src/checks/formatting/hidden-text.js';
import narrowMargins from '../../src/checks/formatting/narrow-margins.js';
import promptInjection from '../../src/checks/formatting/prompt-injection.js';
import textBox from '../../src/checks/formatting/text-box.js';
import textInHeaderFooter from '../../src/checks/formatting/text-in-header-footer.js';
import tinyFont from '../../src/checks/formatting/tiny-font.js';
import trackedChanges from '../../src/checks/formatting/tracked-changes.js';
import whiteText from '../../src/checks/formatting/white-text.js';
import { type Check, createContext, type Finding, runCheck } from '../../src/checks/types.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { loadDoc } from '../helpers/docx.js';

export const FORMATTING_CHECKS: Check[] = [
  comments,
  condensedSpacing,
  hiddenText,
  narrowMargins,
  promptInjection,
  textBox,
  textInHeaderFooter,
  tinyFont,
  trackedChanges,
  whiteText,
];

/** Five paragraphs (about 330 words) of an ordinary essay for vacancy 250875. */
export const ESSAY: string[] = [
  'Allied unity has been the quiet strength of the Alliance for more than seventy years, yet it can never be taken for granted. Domestic politics in several Allies now question the cost of collective defence, and adversaries work hard to widen every disagreement.',
  'The first challenge is therefore political. The Section must help the Secretary General find language that all thirty-two Allies can support without emptying it of meaning. That requires early consultation with delegations, honest reading of national red lines and patience when positions harden before a summit.',
  'The second challenge is to keep the Alliance relevant to partners and other international organisations. Cooperation with the European Union, the United Nations and the OSCE avoids duplication and gives each body a clearer role. NATO must ensure AI models are used responsibly, and shared standards with partners make that credible.',
  'The third challenge is internal: a small team must deliver analysis of high quality under constant time pressure. I would set clear priorities with the team each week, protect time for longer research, and make sure that every draft is checked by a second pair of eyes before it leaves the Section.',
  'In my current post I have chaired negotiations among twenty delegations and led a team of six analysts. These experiences taught me that unity is built in the preparation long before a meeting, and I would bring that discipline to the Section.',
];

export const CANDIDATE = 'Jane Doe';

export interface EssayOptions {
  /** Replaces the essay's body paragraphs. */
  body?: Paragraph[];
  /** Paragraphs added after the essay. */
  append?: Paragraph[];
  /** Run options for every essay run (e.g. { size: 14 } for 7 pt). */
  run?: Partial<IRunOptions>;
  /** Paragraph options for every essay paragraph (e.g. spacing). */
  paragraph?: Record<string, unknown>;
  /** Page margins in twips (defaults 1440 = 2.54 cm). */
  margin?: { top?: number; right?: number; bottom?: number; left?: number; gutter?: number };
  /** Page colour (Design > Page Color), 6-digit hex. */
  pageColor?: string;
  /** Extra sections after the first, each with its own margins. */
  moreSections?: Array<{ margin: NonNullable<EssayOptions['margin']>; text: string }>;
  /** Header / footer paragraphs; default: the candidate's name / a page number. */
  header?: Paragraph[];
  footer?: Paragraph[];
  comments?: Array<{ id: number; author: string; text: string }>;
  title?: string;
  description?: string;
  keywords?: string;
}

export const essayParagraphs = (run: Partial<IRunOptions> = {}, paragraph: Record<string, unknown> = {}): Paragraph[] =>
  ESSAY.map((text) => new Paragraph({ ...paragraph, children: [new TextRun({ ...run, text } as IRunOptions)] }));

export function pageNumberFooter(): Paragraph[] {
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [new TextRun({ children: ['Page ', PageNumber.CURRENT] })],
    }),
  ];
}

function sectionProperties(margin: EssayOptions['margin'] = {}): ISectionPropertiesOptions {
  return {
    page: {
      size: { width: 11906, height: 16838 },
      margin: { top: 1440, right: 1440, bottom: 1440, left: 1440, header: 708, footer: 708, gutter: 0, ...margin },
    },
  };
}

/** The ordinary essay, bent by `options`, as .docx bytes. */
export async function essayDocx(options: EssayOptions = {}): Promise<Buffer> {
  const body = [
    new Paragraph({ heading: 'Heading1', children: [new TextRun('Key challenges')] }),
    ...(options.body ?? essayParagraphs(options.run, options.paragraph)),
    ...(options.append ?? []),
  ];
  const headers = { default: new Header({ children: options.header ?? [new Paragraph(CANDIDATE)] }) };
  const footers = { default: new Footer({ children: options.footer ?? pageNumberFooter() }) };
  const doc = new Document({
    creator: CANDIDATE,
    title: options.title ?? 'Key challenges',
    ...(options.description ? { description: options.description } : {}),
    ...(options.keywords ? { keywords: options.keywords } : {}),
    styles: { default: { document: { run: { font: 'Calibri', size: 22 } } } },
    ...(options.pageColor ? { background: { color: options.pageColor } } : {}),
    ...(options.comments
      ? {
          comments: {
            children: options.comments.map((c) => ({
              id: c.id,
              author: c.author,
              date: new Date('2025-03-01T10:00:00Z'),
              children: [new Paragraph(c.text)],
            })),
          },
        }
      : {}),
    sections: [
      { properties: sectionProperties(options.margin), headers, footers, children: body },
      ...(options.moreSections ?? []).map((s) => ({
        properties: sectionProperties(s.margin),
        headers,
        footers,
        children: [new Paragraph(s.text)],
      })),
    ],
  });
  return Packer.toBuffer(doc);
}

/** A paragraph of ordinary text followed by a run with other options. */
export function paragraphWith(visible: string, special: IRunOptions, after: ParagraphChild[] = []): Paragraph {
  return new Paragraph({ children: [new TextRun(visible), new TextRun(special), ...after] });
}

/** Runs every formatting check on a file, as the screening does. */
export async function formattingFindings(bytes: Uint8Array): Promise<Finding[]> {
  const doc = loadDoc(bytes);
  const vacancy = findVacancy('250875');
  if (!vacancy) throw new Error('bundled vacancy 250875 is missing from rules/vacancies');
  const ctx = createContext({
    doc,
    vacancy,
    file: { name: '250875 - Key challenges - Jane Doe.docx', sha256: '', size: bytes.byteLength },
    options: { pageEngine: 'layout' },
    bytes,
  });
  const findings: Finding[] = [];
  for (const check of FORMATTING_CHECKS) findings.push(...(await runCheck(check, ctx)));
  return findings;
}

export const rulesOf = (findings: Finding[]): string[] => [...new Set(findings.map((f) => f.rule))].sort();
export const only = (findings: Finding[], rule: string): Finding[] => findings.filter((f) => f.rule === rule);
