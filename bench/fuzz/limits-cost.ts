/**
 * What the worst accepted document costs: screening time (in this process, page engine `layout`) of
 * documents just under each limit of rules/intake.yaml `document:`, and of the same just over it
 * (refused while the tree is built). Shows that the limits bound the work per file.
 *
 *   npx tsx bench/fuzz/limits-cost.ts
 */
import { DOCUMENT_LIMITS } from '../../src/intake/limits.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';
import { rawDocx } from '../../test/helpers/docx.js';

const vacancy = findVacancy('250875');
if (!vacancy) throw new Error('Vacancy 250875 is missing from rules/vacancies/.');
const { maxParagraphs, maxTextCharacters, maxElements, maxElementDepth } = DOCUMENT_LIMITS;

/** Varied words (seeded), so the parts compress like real text and pass intake's ratio check. */
let state = 7;
const nextRandom = () => {
  state = (state * 1103515245 + 12345) % 2147483648;
  return state / 2147483648;
};
const WORDS =
  'deterrence defence resilience supply chains shared awareness allies partners capability cyber hybrid threats interoperability logistics readiness innovation budget planning cohesion strategy'.split(
    ' ',
  );
const words = (count: number) =>
  Array.from({ length: count }, () => WORDS[Math.floor(nextRandom() * WORDS.length)]).join(' ');
const paragraph = (content: string) => `<w:p><w:r><w:t xml:space="preserve">${content}</w:t></w:r></w:p>`;
/** Short paragraphs (about 40 characters: a list, a table of figures). */
const paragraphs = (count: number) => Array.from({ length: count }, () => paragraph(words(4))).join('');
/** About `characters` of text in paragraphs of about 1,000 characters. */
const text = (characters: number) =>
  Array.from({ length: Math.floor(characters / 1000) }, () => paragraph(words(95))).join('');
/** A revision id as Word writes on runs (eight hex digits): keeps the part from compressing like a bomb. */
const rsid = () =>
  Math.floor(nextRandom() * 0xffffffff)
    .toString(16)
    .toUpperCase()
    .padStart(8, '0');
/** Runs of one letter, 400 to a paragraph: two elements (w:r, w:t) per run. */
const runs = (elements: number) =>
  Array.from(
    { length: Math.floor(elements / 2 / 400) },
    () => `<w:p>${Array.from({ length: 400 }, () => `<w:r w:rsidR="${rsid()}"><w:t>a</w:t></w:r>`).join('')}</w:p>`,
  ).join('');
const nesting = (levels: number) =>
  `${'<w:sdt><w:sdtContent>'.repeat(levels)}${paragraph(words(10))}${'</w:sdtContent></w:sdt>'.repeat(levels)}`;

const cases: Array<[string, string]> = [
  [
    `${Math.round(maxParagraphs * 0.98)} paragraphs (limit ${maxParagraphs})`,
    paragraphs(Math.round(maxParagraphs * 0.98)),
  ],
  [`${maxParagraphs * 10} paragraphs`, paragraphs(maxParagraphs * 10)],
  [`${Math.round(maxTextCharacters * 0.96)} characters (limit ${maxTextCharacters})`, text(maxTextCharacters * 0.96)],
  [`${maxTextCharacters * 8} characters in one run`, paragraph(words((maxTextCharacters * 8) / 10))],
  [`${Math.round(maxElements * 0.9)} elements in runs (limit ${maxElements})`, runs(maxElements * 0.9)],
  [`${maxElements * 1.5} elements in runs`, runs(maxElements * 1.5)],
  [
    `${Math.floor((maxElementDepth - 6) / 2)} nested content controls (depth limit ${maxElementDepth})`,
    nesting(Math.floor((maxElementDepth - 6) / 2)),
  ],
  ['10,000 nested content controls', nesting(10_000)],
];

for (const [label, body] of cases) {
  const bytes = rawDocx({ document: body });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const report = await screen({ bytes, filename: 'Key challenges.docx' }, vacancy, { pageEngine: 'layout' });
  const used = process.cpuUsage(cpu);
  console.log(
    `${label.padEnd(52)} ${(bytes.length / 1024).toFixed(0).padStart(6)} KB  ${report.status.padEnd(8)} ${(report.error?.code ?? '').padEnd(9)} ${Math.round(
      performance.now() - started,
    )
      .toString()
      .padStart(6)} ms wall ${Math.round((used.user + used.system) / 1000)
      .toString()
      .padStart(6)} ms CPU`,
  );
}
