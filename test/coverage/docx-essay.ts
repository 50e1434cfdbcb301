/**
 * Builds essays as real .docx files with the `docx` package and parses them with the real parser,
 * for the coverage tests. Lines starting with "# " become Word headings.
 */
import { readFileSync } from 'node:fs';
import { Document, HeadingLevel, type IRunOptions, Packer, Paragraph, TextRun } from 'docx';
import type { DocModel } from '../../src/document/model.js';
import { loadDoc } from '../helpers/docx.js';

export type EssayBlock = string | { heading: string } | { runs: IRunOptions[] };

export async function essayDoc(blocks: EssayBlock[]): Promise<DocModel> {
  const children = blocks.map((b) => {
    if (typeof b === 'string') return new Paragraph({ children: [new TextRun(b)] });
    if ('heading' in b) return new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(b.heading)] });
    return new Paragraph({ children: b.runs.map((r) => new TextRun(r)) });
  });
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children }] }));
  return loadDoc(new Uint8Array(bytes));
}

/** Blocks from plain text: one paragraph a non-empty line, "# " for a heading. */
export function blocksFromText(text: string): EssayBlock[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => (l.startsWith('# ') ? { heading: l.slice(2) } : l));
}

/** The text of a labelled essay (test/coverage/labelled/<id>.md) without its front matter. */
export function labelledText(id: string): string {
  const raw = readFileSync(new URL(`./labelled/${id}.md`, import.meta.url), 'utf8');
  return raw.replace(/^---\n[\s\S]*?\n---\n?/, '');
}
