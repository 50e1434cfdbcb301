import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { attachMarkers, extractRawText, renderHtml } from '../../src/document/html.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { p, pStyle, r, textBoxRun, tr } from './wml.js';

/** data-paragraph → the element's text (tags stripped, entities for & < > decoded). */
function taggedTexts(html: string): Map<number, string> {
  const out = new Map<number, string>();
  for (const m of html.matchAll(/<(p|h[1-6]|li|td|th)\b[^>]*\bdata-paragraph="(\d+)"[^>]*>([\s\S]*?)<\/\1>/g)) {
    const text = m[3]
      .replace(/<[^>]+>/g, '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    out.set(Number(m[2]), text);
  }
  return out;
}

describe('renderHtml', () => {
  it('tags headings, paragraphs, list items, table cells and text boxes with the model index', async () => {
    const styles = pStyle('Heading1', '<w:pPr><w:outlineLvl w:val="0"/></w:pPr>').replace(
      'w:val="Heading1"/>',
      'w:val="heading 1"/>',
    );
    const numbering =
      '<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>' +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>';
    const item = (text: string) => p(text, '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>');
    const body =
      p('Key challenges', '<w:pStyle w:val="Heading1"/>') +
      p('') +
      p(`${r('Allied unity is ')}${r('central', '<w:b/>')}${r(' &amp; &lt;hard&gt;.')}`) +
      item('First item') +
      item('Second item') +
      `<w:tbl><w:tblGrid><w:gridCol w:w="3000"/><w:gridCol w:w="3000"/></w:tblGrid>${tr('Cell one', 'Cell two')}</w:tbl>` +
      p(r('Anchor ') + textBoxRun('Inside the box')) +
      p('\tIndented by a tab');
    const bytes = rawDocx({ document: body, styles, numbering });
    const doc = loadDoc(bytes);
    const { html } = await renderHtml(bytes, doc);
    const tagged = taggedTexts(html);
    for (const paragraph of doc.bodyParagraphs) {
      if (paragraph.text.trim() === '') continue;
      expect(tagged.get(paragraph.index)?.replace(/\s+/g, ''), `paragraph ${paragraph.index}`).toBe(
        paragraph.text.replace(/\s+/g, ''),
      );
    }
    expect(html).toMatch(/<h1 data-paragraph="1">Key challenges<\/h1>/);
    expect(html).toMatch(/<li data-paragraph="4">First item<\/li>/);
    expect(html).not.toMatch(/[\uE000\uE001]/);
  });

  it('parses the document itself when no model is given', async () => {
    const bytes = rawDocx({ document: p('Only paragraph') });
    const { html, messages } = await renderHtml(bytes);
    expect(html).toBe('<p data-paragraph="1">Only paragraph</p>');
    expect(messages).toEqual([]);
  });

  it('tags the innermost open block and drops markers that have none', () => {
    expect(attachMarkers('<table><tr><td><p>\t<strong>\uE0007\uE001Hi</strong></p></td></tr></table>')).toBe(
      '<table><tr><td><p data-paragraph="7">\t<strong>Hi</strong></p></td></tr></table>',
    );
    expect(attachMarkers('\uE0003\uE001loose')).toBe('loose');
  });

  it('tags nearly every paragraph with text in real documents', async () => {
    const dir = fileURLToPath(new URL('../../../shared/corpus/docx-pages/', import.meta.url));
    let withText = 0;
    let tagged = 0;
    for (const file of ['s160_Essay-1-Hist-329.docx', 's241_essay.docx', 's277_essay.docx', 's030_RP051-Arabic.docx']) {
      const bytes = readFileSync(dir + file);
      const doc = loadDoc(bytes);
      const { html } = await renderHtml(bytes, doc);
      const found = taggedTexts(html);
      for (const paragraph of doc.bodyParagraphs) {
        if (paragraph.text.trim() === '') continue;
        withText++;
        if (found.has(paragraph.index)) tagged++;
      }
    }
    expect(tagged / withText).toBeGreaterThan(0.95);
  });
});

describe('extractRawText', () => {
  it('returns mammoth plain text', async () => {
    expect(await extractRawText(rawDocx({ document: p('One') + p('Two') }))).toBe('One\n\nTwo\n\n');
  });
});
