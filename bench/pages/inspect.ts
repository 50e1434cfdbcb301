/**
 * Shows how the layout engine set one corpus file: each body paragraph's page and top, its lines
 * (text, width used / available) and heights, next to the truth and both LibreOffice counts.
 *
 *   npx tsx bench/pages/inspect.ts s011            # a file by its name's prefix
 *   npx tsx bench/pages/inspect.ts s011 --lines    # also the text of every line
 *   npx tsx bench/pages/inspect.ts s011 --config '{"tableBorderShare":0}'   # with a switch flipped
 */
import { withoutWordEvidence } from '../../src/pages/evidence.js';
import { layoutDocument } from '../../src/pages/layout.js';
import { Measurer } from '../../src/pages/measure.js';
import { layoutConfig } from '../../src/pages/layout.js';
import { loadCorpusDoc, readManifest } from './corpus.js';

const [prefix, ...flags] = process.argv.slice(2);
// --config '{"tableBorderShare":0}': behaviour switches to override (rules/pages.yaml layout).
const configArg = flags.indexOf('--config');
const config = configArg >= 0 ? JSON.parse(flags[configArg + 1]) : {};
if (!prefix) {
  console.error('Name a corpus file (or the start of its name), e.g. s011.');
  process.exit(2);
}
const row = readManifest().find((r) => r.file.startsWith(prefix));
if (!row) {
  console.error(`No corpus file starts with "${prefix}".`);
  process.exit(2);
}
const { doc } = loadCorpusDoc(row);
const bare = withoutWordEvidence(doc);
const result = layoutDocument(bare, { trace: true, config });
console.log(
  `${row.file}: truth ${row.gtPages} (${row.gtSource}), LibreOffice 25.2 ${row.lo252Pages ?? '-'}, 7.4 ${row.lo74Pages ?? '-'}; layout ${result.pages}, fills ${result.pageFills.map((f) => f.toFixed(2)).join(' ')}`,
);
console.log(
  `fonts: ${result.fonts.map((f) => `${f.family} ${(f.share * 100).toFixed(0)}%${f.known ? '' : ' (unknown)'}`).join(', ')}`,
);
console.log(`first paragraph of each page: ${result.pageStarts.join(', ')}`);
console.log(`approximations: ${result.approximations.join(', ') || 'none'}`);
for (const s of doc.sections) {
  console.log(
    `section ${s.index}: ${s.pageWidth}x${s.pageHeight} margins ${JSON.stringify(s.margins)} cols ${s.columns.count} grid ${JSON.stringify(s.docGrid ?? {})} type ${s.type}`,
  );
}
if (flags.includes('--lines')) {
  const measurer = new Measurer(bare, { ...layoutConfig(), ...config });
  measurer.prepareBorders(bare.blocks);
  measurer.trace = [];
  const width = (() => {
    const s = bare.sections[0];
    return s ? s.pageWidth - s.margins.left - s.margins.right - s.margins.gutter : 9360;
  })();
  const byParagraph = new Map(result.placements?.map((p) => [p.paragraph, p]));
  for (const block of bare.blocks) {
    if (block.kind === 'table') {
      const t = measurer.measureTable(block, width, bare.sections[block.sectionIndex]);
      console.log(
        `table ${block.index}: grid ${block.grid.join(',')} rows ${t.rows.map((r) => Math.round(r.height)).join(',')} = ${Math.round(t.rows.reduce((a, r) => a + r.height, 0))}`,
      );
      continue;
    }
    const m = measurer.measureParagraph(block, width, bare.sections[block.sectionIndex]);
    const at = byParagraph.get(block.index);
    const traced = measurer.trace.pop() ?? [];
    console.log(
      `p${block.index} page ${at?.page ?? '-'} y ${at ? Math.round(at.y) : '-'} before ${m.before} after ${m.after} lines ${m.lines.map((l) => Math.round(l.height)).join(',')}${m.floatHeight ? ` float ${Math.round(m.floatHeight)}` : ''}`,
    );
    for (const t of traced) console.log(`    ${t}`);
  }
} else {
  for (const p of result.placements ?? []) console.log(`p${p.paragraph} page ${p.page} y ${Math.round(p.y)}`);
}
