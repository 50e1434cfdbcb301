/**
 * How big real Word files get in the measures the document limits use (rules/intake.yaml,
 * `document:`), over every .docx of ../shared/corpus/docx-pages/: element nesting depth (deepest
 * part), and per document (all XML parts together, as the parser's budget counts them) elements,
 * paragraphs (w:p) and characters of text (w:t, w:delText, w:instrText). Prints the median, 99th
 * percentile and largest of each, with the file that holds the largest, and the document parser's
 * figures for that file.
 *
 *   npx tsx bench/fuzz/corpus-sizes.ts
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { SaxesParser } from 'saxes';
import { decodeXml } from '../../src/document/xml.js';
import { intake } from '../../src/intake/index.js';

const dir = resolve(process.cwd(), '..', 'shared', 'corpus', 'docx-pages');
const TEXT = /^(?:[\w]+:)?(?:t|delText|instrText|delInstrText)$/;

interface Sizes {
  depth: number;
  elements: number;
  paragraphs: number;
  textChars: number;
}

function measurePart(xml: string, into: Sizes): void {
  const parser = new SaxesParser({ xmlns: false, position: false });
  const open: string[] = [];
  parser.on('opentag', (tag) => {
    into.elements++;
    if (tag.name === 'w:p') into.paragraphs++;
    if (!tag.isSelfClosing) {
      open.push(tag.name);
      into.depth = Math.max(into.depth, open.length);
    }
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) open.pop();
  });
  parser.on('text', (text) => {
    if (open.length > 0 && TEXT.test(open[open.length - 1])) into.textChars += text.length;
  });
  parser.write(xml).close();
}

const rows: Array<{ file: string } & Sizes> = [];
for (const file of readdirSync(dir).filter((name) => name.endsWith('.docx'))) {
  const accepted = intake(readFileSync(join(dir, file)));
  if (!accepted.ok) {
    console.log(`${file}: rejected ${accepted.code}`);
    continue;
  }
  const sizes: Sizes = { depth: 0, elements: 0, paragraphs: 0, textChars: 0 };
  for (const [part, bytes] of accepted.entries) {
    if (!/\.(xml|rels)$/i.test(part)) continue;
    try {
      measurePart(decodeXml(bytes), sizes);
    } catch (error) {
      console.log(`${file} ${part}: ${(error as Error).message.split('\n')[0]}`);
    }
  }
  rows.push({ file, ...sizes });
}

console.log(`${rows.length} files`);
const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
for (const key of ['depth', 'elements', 'paragraphs', 'textChars'] as const) {
  const sorted = rows.map((row) => row[key]).sort((a, b) => a - b);
  const top = rows.reduce((best, row) => (row[key] > best[key] ? row : best));
  console.log(
    `${key.padEnd(10)}  median ${quantile(sorted, 0.5)}  p99 ${quantile(sorted, 0.99)}  max ${top[key]} (${top.file})`,
  );
}
