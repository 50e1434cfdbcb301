/**
 * Mutations of valid .docx files for the robustness fuzz (bench/fuzz/run.ts, test/fuzz/).
 * Each takes the original bytes and a seeded random source and returns damaged bytes: at the byte
 * level (truncation, flipped bytes, garbage), the zip level (entries shuffled, dropped, duplicated,
 * a bomb) and the XML level (broken markup, DOCTYPEs and entities, huge attributes, deep nesting,
 * absurd numbers). Sizes are bounded by `scale` so the CI version stays quick.
 */
import { strFromU8, strToU8, unzipSync, type Zippable, zipSync } from 'fflate';

export type Random = () => number;

export interface MutationContext {
  random: Random;
  /** 1 for CI-sized inputs; larger for the long run (bigger attributes, deeper nesting). */
  scale: number;
}

export interface Mutation {
  name: string;
  apply(bytes: Uint8Array, ctx: MutationContext): Uint8Array;
}

const int = (random: Random, max: number): number => Math.floor(random() * max);
const pick = <T>(random: Random, list: readonly T[]): T => list[int(random, list.length)];

function entries(bytes: Uint8Array): [string, Uint8Array][] {
  return Object.entries(unzipSync(bytes));
}

function rezip(list: [string, Uint8Array][], level: 0 | 6 = 6): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, data] of list) zippable[name] = [data, { level }];
  return zipSync(zippable);
}

const MAIN = 'word/document.xml';
const XML_PARTS = (list: [string, Uint8Array][]) =>
  list.filter(([name]) => /\.(xml|rels)$/.test(name)).map(([name]) => name);

/** Rewrites one XML part's text (the main document by default, or a random XML part). */
function editXml(bytes: Uint8Array, ctx: MutationContext, edit: (xml: string) => string, anyPart = false): Uint8Array {
  const list = entries(bytes);
  const names = XML_PARTS(list);
  const target = anyPart ? pick(ctx.random, names) : names.includes(MAIN) ? MAIN : pick(ctx.random, names);
  return rezip(list.map(([name, data]) => [name, name === target ? strToU8(edit(strFromU8(data))) : data]));
}

/** Inserts text right after the root element's start tag (after the XML declaration). */
function afterRootStart(xml: string, insert: string): string {
  const decl = /^\s*<\?xml[^>]*\?>/.exec(xml);
  const start = decl ? decl[0].length : 0;
  const rootEnd = xml.indexOf('>', xml.indexOf('<', start)) + 1;
  return rootEnd > 0 ? xml.slice(0, rootEnd) + insert + xml.slice(rootEnd) : insert + xml;
}

/** Inside the body, before the final sectPr (or at the start of the body). */
function intoBody(xml: string, insert: string): string {
  const at = xml.indexOf('<w:body>');
  if (at < 0) return afterRootStart(xml, insert);
  return `${xml.slice(0, at + 8)}${insert}${xml.slice(at + 8)}`;
}

export const MUTATIONS: Mutation[] = [
  {
    name: 'truncate',
    apply: (bytes, { random }) => bytes.slice(0, Math.max(1, int(random, bytes.length))),
  },
  {
    name: 'flip-bytes',
    apply(bytes, { random }) {
      const out = Uint8Array.from(bytes);
      const flips = 1 + int(random, 16);
      for (let i = 0; i < flips; i++) out[int(random, out.length)] ^= 1 << int(random, 8);
      return out;
    },
  },
  {
    name: 'flip-bytes-in-central-directory',
    apply(bytes, { random }) {
      const out = Uint8Array.from(bytes);
      const tail = Math.min(out.length, 2048);
      for (let i = 0; i < 4; i++) out[out.length - 1 - int(random, tail)] ^= 0xff;
      return out;
    },
  },
  {
    name: 'garbage-after-zip-header',
    apply(_bytes, { random, scale }) {
      const out = new Uint8Array(64 + int(random, 4096 * scale));
      for (let i = 0; i < out.length; i++) out[i] = int(random, 256);
      out.set([0x50, 0x4b, 0x03, 0x04]);
      return out;
    },
  },
  {
    name: 'shuffle-zip-entries',
    apply(bytes, { random }) {
      const list = entries(bytes);
      for (let i = list.length - 1; i > 0; i--) {
        const j = int(random, i + 1);
        [list[i], list[j]] = [list[j], list[i]];
      }
      return rezip(list, random() < 0.5 ? 0 : 6);
    },
  },
  {
    name: 'drop-zip-entry',
    apply(bytes, { random }) {
      const list = entries(bytes);
      list.splice(int(random, list.length), 1);
      return rezip(list);
    },
  },
  {
    name: 'rename-zip-entry',
    apply(bytes, { random }) {
      const list = entries(bytes);
      const i = int(random, list.length);
      list[i] = [`${list[i][0]}${pick(random, ['.bak', 'X', '/', '../../etc/passwd'])}`, list[i][1]];
      return rezip(list);
    },
  },
  {
    name: 'flip-bytes-in-xml-part',
    apply(bytes, ctx) {
      const list = entries(bytes);
      const target = pick(ctx.random, XML_PARTS(list));
      return rezip(
        list.map(([name, data]) => {
          if (name !== target) return [name, data];
          const out = Uint8Array.from(data);
          for (let i = 0; i < 8; i++) out[int(ctx.random, out.length)] = int(ctx.random, 256);
          return [name, out];
        }),
      );
    },
  },
  {
    name: 'corrupt-xml-markup',
    apply: (bytes, ctx) =>
      editXml(
        bytes,
        ctx,
        (xml) => {
          const at = int(ctx.random, xml.length);
          const damage = pick(ctx.random, [
            '<',
            '</w:p>',
            '<w:r><w:t>',
            '&',
            '&bogus;',
            ']]>',
            '"',
            '\u0000',
            '<w:p w:x="1" w:x="2">',
          ]);
          return pick(ctx.random, [
            () => xml.slice(0, at) + damage + xml.slice(at),
            () => xml.slice(0, at),
            () => xml.slice(0, at) + xml.slice(at + int(ctx.random, 2000)),
            () => xml.replace(/<\/w:body>/, ''),
            () => xml.replaceAll('w:', 'q:'),
          ])();
        },
        true,
      ),
  },
  {
    name: 'inject-doctype-entities',
    apply: (bytes, ctx) =>
      editXml(
        bytes,
        ctx,
        (xml) => {
          const doctype = pick(ctx.random, [
            '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;">]>',
            '<!DOCTYPE w:document SYSTEM "http://127.0.0.1:1/evil.dtd">',
            '<!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
            '<!DOCTYPE x>',
          ]);
          const withDoctype = xml.replace(/^(\s*<\?xml[^>]*\?>)?/, (decl) => `${decl}${doctype}`);
          return ctx.random() < 0.5 ? withDoctype.replace('<w:t>', '<w:t>&e;&xxe;') : withDoctype;
        },
        true,
      ),
  },
  {
    name: 'huge-attribute',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) => {
        const size = (1 + int(ctx.random, 4)) * 1_000_000 * ctx.scale;
        return xml.replace(/<w:p[ >]/, (m) => `${m.slice(0, 4)} w:rsidR="${'A'.repeat(size)}"${m.slice(4)}`);
      }),
  },
  {
    name: 'many-attributes',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) => {
        const attributes = Array.from({ length: 20_000 * ctx.scale }, (_, i) => ` x${i}="${i}"`).join('');
        return xml.replace(/<w:p[ >]/, (m) => `${m.slice(0, 4)}${attributes}${m.slice(4)}`);
      }),
  },
  {
    name: 'deep-nesting',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) => {
        const depth = (2000 + int(ctx.random, 8000)) * ctx.scale;
        const kind = pick(ctx.random, ['sdt', 'table', 'smartTag', 'unknown']);
        const [open, close] =
          kind === 'table'
            ? ['<w:tbl><w:tr><w:tc>', '<w:p/></w:tc></w:tr></w:tbl>']
            : kind === 'sdt'
              ? ['<w:sdt><w:sdtContent>', '</w:sdtContent></w:sdt>']
              : kind === 'smartTag'
                ? ['<w:p><w:smartTag>', '</w:smartTag></w:p>']
                : ['<x:y xmlns:x="urn:x">', '</x:y>'];
        return intoBody(xml, `${open.repeat(depth)}<w:p><w:r><w:t>deep</w:t></w:r></w:p>${close.repeat(depth)}`);
      }),
  },
  {
    name: 'many-paragraphs',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) => intoBody(xml, '<w:p><w:r><w:t>x</w:t></w:r></w:p>'.repeat(50_000 * ctx.scale))),
  },
  {
    name: 'huge-text-run',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) =>
        intoBody(xml, `<w:p><w:r><w:t>${'word '.repeat(400_000 * ctx.scale)}</w:t></w:r></w:p>`),
      ),
  },
  {
    name: 'absurd-numbers',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) => {
        const value = pick(ctx.random, [
          '0',
          '-1',
          '999999999999',
          'NaN',
          '1e308',
          '-2147483649',
          '',
          '12.5pt',
          '0x10',
        ]);
        return xml
          .replace(/w:w="\d+"/g, `w:w="${value}"`)
          .replace(/w:h="\d+"/g, `w:h="${value}"`)
          .replace(/w:top="\d+"/g, `w:top="${value}"`)
          .replace(/<w:rPr>/, `<w:rPr><w:sz w:val="${value}"/><w:spacing w:val="${value}"/><w:w w:val="${value}"/>`)
          .replace(/<w:pPr>/, `<w:pPr><w:spacing w:line="${value}" w:before="${value}"/><w:ind w:left="${value}"/>`)
          .replace(
            /<w:body>/,
            `<w:body><w:p><w:pPr><w:numPr><w:ilvl w:val="${value}"/><w:numId w:val="${value}"/></w:numPr></w:pPr></w:p>`,
          );
      }),
  },
  {
    name: 'zip-bomb-entry',
    apply(bytes, ctx) {
      const list = entries(bytes);
      list.push([`word/media/bomb${int(ctx.random, 100)}.bin`, new Uint8Array(40_000_000 * ctx.scale)]);
      return rezip(list);
    },
  },
  {
    name: 'main-part-swapped',
    apply(bytes, ctx) {
      const list = entries(bytes);
      const names = XML_PARTS(list).filter((n) => n !== MAIN);
      const other = list.find(([n]) => n === pick(ctx.random, names));
      return rezip(list.map(([name, data]) => [name, name === MAIN && other ? other[1] : data]));
    },
  },
  {
    name: 'utf16-or-bad-encoding',
    apply: (bytes, ctx) =>
      editXml(bytes, ctx, (xml) =>
        pick(ctx.random, [
          () => xml.replace(/encoding="[^"]*"/, 'encoding="UTF-16"'),
          () => xml.replace(/encoding="[^"]*"/, 'encoding="x-unknown"'),
          () => `\uFEFF\uFEFF${xml}`,
          () => xml.replace(/<w:t>([^<]{3})/, '<w:t>\uD800$1'),
        ])(),
      ),
  },
];

/** A seeded source of randomness (mulberry32). */
export function seeded(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Applies one to three mutations in a row (damage compounds in real files too). */
export function mutate(bytes: Uint8Array, ctx: MutationContext): { bytes: Uint8Array; names: string[] } {
  const steps = 1 + (ctx.random() < 0.25 ? 1 + int(ctx.random, 2) : 0);
  let out = bytes;
  const names: string[] = [];
  for (let i = 0; i < steps; i++) {
    const mutation = pick(ctx.random, MUTATIONS);
    try {
      out = mutation.apply(out, ctx);
      names.push(mutation.name);
    } catch {
      // The previous step left something fflate cannot unzip: XML-level mutations no longer apply.
      break;
    }
  }
  return { bytes: out, names };
}
