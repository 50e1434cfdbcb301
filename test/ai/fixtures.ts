/**
 * Builders for the AI tests: .docx files from paragraphs with chosen metadata, run through the
 * real parser and the AI checks. Corpus texts come from ../shared/corpus/ai-text.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import aiLevel from '../../src/checks/ai/ai-level.js';
import type { AiSection } from '../../src/checks/ai/analysis.js';
import chatbotResidue from '../../src/checks/ai/chatbot-residue.js';
import citationArtifact from '../../src/checks/ai/citation-artifact.js';
import generatorMetadata from '../../src/checks/ai/generator-metadata.js';
import llmVocabulary from '../../src/checks/ai/llm-vocabulary.js';
import lowBurstiness from '../../src/checks/ai/low-burstiness.js';
import markdownResidue from '../../src/checks/ai/markdown-residue.js';
import participialClauses from '../../src/checks/ai/participial-clauses.js';
import shortEditingTime from '../../src/checks/ai/short-editing-time.js';
import singleRevision from '../../src/checks/ai/single-revision.js';
import stockTransitions from '../../src/checks/ai/stock-transitions.js';
import { createContext, type Finding, runCheck } from '../../src/checks/types.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { loadDoc, type RawDocxParts, rawDocx } from '../helpers/docx.js';

export const AI_CHECKS = [
  chatbotResidue,
  citationArtifact,
  markdownResidue,
  shortEditingTime,
  singleRevision,
  generatorMetadata,
  llmVocabulary,
  lowBurstiness,
  stockTransitions,
  participialClauses,
  aiLevel,
];

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A body paragraph of plain text (optionally hidden with w:vanish). */
export function para(text: string, options: { hidden?: boolean } = {}): string {
  const rPr = options.hidden ? '<w:rPr><w:vanish/></w:rPr>' : '';
  return `<w:p><w:r>${rPr}<w:t xml:space="preserve">${esc(text)}</w:t></w:r></w:p>`;
}

/** Paragraphs of a corpus-style text (one paragraph per line). */
export const paras = (text: string): string =>
  text
    .split(/\n+/)
    .filter((l) => l.trim())
    .map((l) => para(l.trim()))
    .join('');

/** What Word writes for an essay drafted over several sittings. */
export const WORD_METADATA = {
  core:
    '<dc:creator>Jane Doe</dc:creator><cp:lastModifiedBy>Jane Doe</cp:lastModifiedBy><cp:revision>14</cp:revision>' +
    '<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-02T09:12:00Z</dcterms:created>' +
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-04T18:40:00Z</dcterms:modified>',
  app: '<Template>Normal.dotm</Template><TotalTime>95</TotalTime><Pages>1</Pages><Words>480</Words><Application>Microsoft Office Word</Application><AppVersion>16.0000</AppVersion>',
  settings:
    '<w:rsids><w:rsidRoot w:val="00A1B2C3"/>' +
    ['00A1B2C3', '0012F4A1', '001C7D22', '00311E9B', '0049A0F7', '005B33C1', '006D1A04', '0078E2B5', '0083F6D0']
      .map((r) => `<w:rsid w:val="${r}"/>`)
      .join('') +
    '</w:rsids>',
} satisfies Partial<RawDocxParts>;

export interface AiRun {
  findings: Finding[];
  ai: AiSection;
  byRule(rule: string): Finding[];
}

/** Screens a .docx with the AI checks only. */
export async function runAi(bytes: Uint8Array): Promise<AiRun> {
  const doc = loadDoc(bytes);
  const vacancy = findVacancy('250875');
  if (!vacancy) throw new Error('bundled vacancy 250875 not found in rules/vacancies');
  const ctx = createContext({
    doc,
    vacancy,
    file: { name: 'essay.docx', sha256: '0'.repeat(64), size: bytes.byteLength },
    options: { pageEngine: 'layout' },
    bytes,
  });
  const findings: Finding[] = [];
  for (const check of AI_CHECKS) findings.push(...(await runCheck(check, ctx)));
  const ai = (await aiLevel.section?.build(ctx)) as AiSection;
  return { findings, ai, byRule: (rule) => findings.filter((f) => f.rule === rule) };
}

/** A .docx of paragraphs with Word's metadata unless overridden. */
export function essayDocx(body: string, overrides: Partial<RawDocxParts> = {}): Buffer {
  return rawDocx({ document: body, ...WORD_METADATA, ...overrides });
}

const CORPUS = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..', 'shared', 'corpus', 'ai-text');

/** One text of the shared corpus by id. */
export function corpusText(file: string, id: string): { text: string; language?: string } {
  for (const line of readFileSync(resolve(CORPUS, file), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const row = JSON.parse(line) as { id: string; text: string; language?: string };
    if (row.id === id) return row;
  }
  throw new Error(`corpus text ${id} not found in ${file}`);
}
