/**
 * The essay as HTML for the panel page (mammoth), with each paragraph tagged by its DocModel
 * index so evidence ("paragraph 7") can be highlighted in place.
 *
 * How the numbering corresponds: mammoth reads the same package independently, so its paragraphs
 * are matched to the model's by text, in reading order. Mammoth's document tree is walked in
 * pre-order (a paragraph before the text-box paragraphs it anchors, table cells row by row: the
 * order parseDocument numbers body paragraphs in). Each mammoth paragraph with text is matched to
 * the next model paragraph whose text, ignoring all whitespace, is the same (looking a bounded
 * distance ahead, so a paragraph one reader shows and the other does not costs nothing more).
 * Footnote and endnote paragraphs are matched among the model's note paragraphs. A matched
 * paragraph gets `data-paragraph="N"` on its block element (<p>, <h1>…<h6>, <li>, or the <td>
 * it sits in when mammoth writes no paragraph element). Paragraphs left unmatched carry no
 * attribute; empty paragraphs are dropped by mammoth and have nothing to highlight.
 */
import mammoth from 'mammoth';
import { RejectionError } from '../intake/errors.js';
import { intake } from '../intake/index.js';
import type { DocModel, Paragraph } from './model.js';
import { parseDocument } from './parse.js';

/** How far ahead of the last match a paragraph is looked for. */
const MATCH_WINDOW = 64;
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';

interface MammothElement {
  type: string;
  value?: string;
  children?: MammothElement[];
  body?: MammothElement[];
}

const toBuffer = (bytes: Uint8Array): Buffer =>
  Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/**
 * Text as compared: without whitespace, soft hyphens and symbol-font glyphs (w:sym characters in
 * the private-use area, which mammoth leaves out), with Word's non-breaking hyphen as '-'.
 */
const squeeze = (text: string): string => text.replace(/[\s\u00AD\u200B\uE000-\uF8FF]+/g, '').replace(/\u2011/g, '-');

/** Text of a mammoth paragraph, without the paragraphs (text boxes) nested inside it. */
function ownText(element: MammothElement): string {
  let out = '';
  for (const c of element.children ?? []) {
    if (c.type === 'paragraph') continue;
    if (c.type === 'text') out += c.value ?? '';
    else out += ownText(c);
  }
  return out;
}

/** Prefix the paragraph's first own text node with a marker carrying the model index. */
function markFirstText(element: MammothElement, index: number): boolean {
  for (const c of element.children ?? []) {
    if (c.type === 'paragraph') continue;
    if (c.type === 'text' && (c.value ?? '') !== '') {
      c.value = `${MARK_OPEN}${index}${MARK_CLOSE}${c.value}`;
      return true;
    }
    if (markFirstText(c, index)) return true;
  }
  return false;
}

class SequenceMatcher {
  private next = 0;
  private readonly texts: string[];
  private readonly used = new Set<number>();

  constructor(private readonly paragraphs: Paragraph[]) {
    this.texts = paragraphs.map((p) => squeeze(p.text));
  }

  match(text: string): number | undefined {
    const limit = Math.min(this.paragraphs.length, this.next + MATCH_WINDOW);
    for (let i = this.next; i < limit; i++) {
      if (!this.used.has(i) && (this.texts[i] === text || squeeze(this.paragraphs[i].fullText) === text)) {
        this.next = i + 1;
        this.used.add(i);
        return this.paragraphs[i].index;
      }
    }
    // Mammoth joins paragraphs whose mark is a tracked deletion: a run of consecutive model
    // paragraphs that together make exactly this text is matched to the first of them.
    for (let i = this.next; i < limit; i++) {
      if (this.texts[i].length === 0 || !text.startsWith(this.texts[i])) continue;
      let joined = this.texts[i];
      let end = i + 1;
      while (joined.length < text.length && end < this.paragraphs.length && text.startsWith(joined + this.texts[end])) {
        joined += this.texts[end];
        end++;
      }
      if (joined === text && end > i + 1) {
        this.next = end;
        this.used.add(i);
        return this.paragraphs[i].index;
      }
    }
    // Text boxes may come in another order (mammoth reads their VML fallback): any unused paragraph.
    for (let i = 0; i < this.paragraphs.length; i++) {
      if (!this.used.has(i) && this.texts[i] === text) {
        this.used.add(i);
        return this.paragraphs[i].index;
      }
    }
    return undefined;
  }
}

function markParagraphs(elements: MammothElement[], matcher: SequenceMatcher): void {
  for (const element of elements) {
    if (element.type === 'paragraph') {
      const text = squeeze(ownText(element));
      if (text !== '') {
        const index = matcher.match(text);
        if (index !== undefined) markFirstText(element, index);
      }
    }
    if (element.children) markParagraphs(element.children, matcher);
  }
}

/** The document as HTML with data-paragraph attributes, and mammoth's warnings. */
export async function renderHtml(bytes: Uint8Array, doc?: DocModel): Promise<{ html: string; messages: string[] }> {
  const model = doc ?? loadModel(bytes);
  const result = await mammoth.convertToHtml(
    { buffer: toBuffer(bytes) },
    {
      externalFileAccess: false,
      transformDocument: (document: MammothElement & { notes?: { _notes?: Record<string, MammothElement> } }) => {
        markParagraphs(document.children ?? [], new SequenceMatcher(model.bodyParagraphs));
        const notes = Object.values(document.notes?._notes ?? {});
        const noteParagraphs = [...model.footnotes, ...model.endnotes].flatMap((n) => n.paragraphs);
        for (const note of notes) markParagraphs(note.body ?? [], new SequenceMatcher(noteParagraphs));
        return document;
      },
    },
  );
  return { html: attachMarkers(result.value), messages: result.messages.map((m) => m.message) };
}

/**
 * Move each marker onto the innermost block element (<p>, <h1>…<h6>, <li>, <td>, <th>) open where
 * it stands: one pass over the tags, keeping the open blocks on a stack.
 */
export function attachMarkers(html: string): string {
  const token = /<(p|h[1-6]|li|td|th)(\s[^>]*)?>|<\/(p|h[1-6]|li|td|th)>|\uE000(\d+)\uE001/g;
  const pieces: string[] = [];
  // For each open block: the index in `pieces` of its start tag, and whether it is tagged yet.
  const open: Array<{ piece: number; tag: string; attributes: string; tagged: boolean }> = [];
  let last = 0;
  for (let m = token.exec(html); m !== null; m = token.exec(html)) {
    pieces.push(html.slice(last, m.index));
    last = token.lastIndex;
    if (m[1] !== undefined) {
      open.push({ piece: pieces.length, tag: m[1], attributes: m[2] ?? '', tagged: false });
      pieces.push(m[0]);
    } else if (m[3] !== undefined) {
      for (let i = open.length - 1; i >= 0; i--) {
        if (open[i].tag === m[3]) {
          open.length = i;
          break;
        }
      }
      pieces.push(m[0]);
    } else {
      const block = open[open.length - 1];
      if (block && !block.tagged) {
        block.tagged = true;
        pieces[block.piece] = `<${block.tag}${block.attributes} data-paragraph="${m[4]}">`;
      }
    }
  }
  pieces.push(html.slice(last));
  return pieces.join('');
}

function loadModel(bytes: Uint8Array): DocModel {
  const result = intake(bytes);
  if (!result.ok) throw new RejectionError(result.code, result.message);
  return parseDocument(result.entries);
}

/** Mammoth's plain text of the document (the baseline the benchmarks compare against). */
export async function extractRawText(bytes: Uint8Array): Promise<string> {
  const result = await mammoth.extractRawText({ buffer: toBuffer(bytes) });
  return result.value;
}
