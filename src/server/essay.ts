/**
 * The essay as the panel reads it on the detail page: the document's HTML (mammoth, with a
 * data-paragraph attribute per paragraph, from src/document/html.ts), with an anchor on every
 * paragraph and the evidence paragraphs and quoted passages highlighted.
 */
import type { renderHtml as RenderHtml } from '../document/html.js';

let htmlRenderer: Promise<typeof RenderHtml> | undefined;
/**
 * mammoth and the document parser, loaded on the first detail page: a service that only takes
 * uploads never needs them on its main thread (the workers read the documents).
 */
const loadRenderer = (): Promise<typeof RenderHtml> =>
  (htmlRenderer ??= import('../document/html.js').then((module) => module.renderHtml));

export interface EvidenceMark {
  /** Quoted passages inside the paragraph, to wrap in <mark> (findings' evidence). */
  quotes: string[];
  /** What the paragraph is evidence for ("hidden-text", "challenge 2"), shown with it. */
  labels: string[];
  /**
   * True when only challenge coverage points here: such paragraphs are labelled but not
   * highlighted, or a well-covered essay would be yellow from top to bottom.
   */
  coverageOnly?: boolean;
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Strips the ellipses evidence uses to shorten a quote, leaving the passage to look for. */
function quoteCore(quote: string): string {
  return quote
    .replace(/^\s*\[[^\]]{1,40}\]\s*/, '') // a label such as "[hidden]" put before the quote
    .replace(/^[\s…]+|[\s…]+$/g, '')
    .replace(/^\.\.\.|\.\.\.$/g, '')
    .trim();
}

/** The longest piece of a quote between ellipses: what can be found verbatim in the paragraph. */
function searchablePieces(quote: string): string[] {
  return quoteCore(quote)
    .split(/\s*(?:…|\.\.\.)\s*/)
    .map((piece) => piece.trim())
    .filter((piece) => piece.length >= 3)
    .sort((a, b) => b.length - a.length);
}

/** Wraps the first occurrence of each quote in `segment` in <mark>, only inside text (never inside a tag). */
function markQuotes(segment: string, quotes: string[]): string {
  let out = segment;
  for (const quote of quotes) {
    const core = searchablePieces(quote)[0];
    if (!core) continue;
    const needle = escapeHtml(core);
    let from = 0;
    while (from < out.length) {
      const at = out.indexOf(needle, from);
      if (at < 0) break;
      const lastOpen = out.lastIndexOf('<', at);
      const lastClose = out.lastIndexOf('>', at);
      const insideTag = lastOpen > lastClose;
      if (!insideTag) {
        out = `${out.slice(0, at)}<mark class="quote">${needle}</mark>${out.slice(at + needle.length)}`;
        break;
      }
      from = at + needle.length;
    }
  }
  return out;
}

const PARAGRAPH_TAG = /<([a-zA-Z][a-zA-Z0-9]*)((?:\s[^>]*?)?)\sdata-paragraph="(\d+)"([^>]*)>/g;

/**
 * Adds id="p-N" to every element carrying data-paragraph="N", and to the evidence paragraphs the
 * class "evidence" (plus a title naming what they are evidence for) and <mark>s around the quotes.
 */
export function highlightEvidence(html: string, marks: Map<number, EvidenceMark>): string {
  const pieces: string[] = [];
  let last = 0;
  const matches = [...html.matchAll(PARAGRAPH_TAG)];
  for (const [i, match] of matches.entries()) {
    const start = match.index ?? 0;
    const end = start + match[0].length;
    const nextStart = i + 1 < matches.length ? (matches[i + 1].index ?? html.length) : html.length;
    pieces.push(html.slice(last, start));
    const [, tag, before, number, after] = match;
    const index = Number(number);
    const mark = marks.get(index);
    let attributes = `${before} data-paragraph="${number}"${after}`;
    if (!/\sid="/.test(attributes)) attributes = ` id="p-${index}"${attributes}`;
    if (mark) {
      const kind = mark.coverageOnly ? 'coverage' : 'evidence';
      attributes = /\sclass="/.test(attributes)
        ? attributes.replace(/\sclass="([^"]*)"/, ` class="$1 ${kind}"`)
        : `${attributes} class="${kind}"`;
      if (mark.labels.length > 0) {
        const label = [...new Set(mark.labels)].join('; ');
        attributes += ` title="${escapeHtml(`Evidence: ${label}`)}" data-evidence-for="${escapeHtml(label)}"`;
      }
    }
    pieces.push(`<${tag}${attributes}>`);
    const body = html.slice(end, nextStart);
    pieces.push(mark && !mark.coverageOnly ? markQuotes(body, mark.quotes) : body);
    last = nextStart;
  }
  pieces.push(html.slice(last));
  return pieces.join('');
}

/**
 * Links in an essay are the candidate's: only web and mail links stay clickable (a javascript: or
 * file: link becomes inert). The CSP would block script URLs anyway; this is the second fence.
 */
export function neutraliseLinks(html: string): string {
  return html.replace(/\shref="([^"]*)"/g, (whole, target: string) => {
    // Browsers ignore spaces, control characters and entity-encoded tabs inside a scheme.
    const decoded = [...target.replace(/&amp;/g, '&').replace(/&#x?[0-9a-f]+;/gi, '')]
      .filter((char) => char.charCodeAt(0) > 0x20)
      .join('')
      .toLowerCase();
    return /^(https?:|mailto:|#)/.test(decoded) ? `${whole} rel="noopener noreferrer"` : ' href="#"';
  });
}

/** The document's HTML (src/document/html.ts), paragraphs tagged with data-paragraph, links made safe. */
export async function renderEssayHtml(bytes: Uint8Array): Promise<string> {
  const renderHtml = await loadRenderer();
  return neutraliseLinks((await renderHtml(bytes)).html);
}
