import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/document/parse.js';
import { RejectionError } from '../../src/intake/errors.js';
import { loadDoc, rawDocx, WORD_NAMESPACES } from '../helpers/docx.js';
import { p, r } from './wml.js';

const rejectionOf = (fn: () => unknown): RejectionError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof RejectionError) return error;
    throw error;
  }
  throw new Error('expected a RejectionError');
};

/** Entries of a minimal package, for cases the intake itself would refuse. */
const entries = (parts: Record<string, string>) =>
  new Map(Object.entries(parts).map(([name, xml]) => [name, strToU8(xml)]));
const packageRels = (target: string) =>
  `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="${target}"/></Relationships>`;
const documentXml = (body: string) => `<w:document ${WORD_NAMESPACES}><w:body>${body}</w:body></w:document>`;

describe('locating the main part', () => {
  it('follows _rels/.rels to a main part that is not word/document.xml', () => {
    const doc = loadDoc(
      rawDocx({ document: p('Moved main part'), mainPartName: 'content/main.xml', headers: [p('Head')] }),
    );
    expect(doc.text).toBe('Moved main part');
    expect(doc.headerFooters['content/header1.xml']?.text).toBe('Head');
  });

  it('rejects a package whose relationship points at a missing part as CORRUPT', () => {
    const error = rejectionOf(() => parseDocument(entries({ '_rels/.rels': packageRels('word/missing.xml') })));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toMatch(/main text part is missing/);
  });

  it('rejects a main part with no body as CORRUPT', () => {
    const error = rejectionOf(() =>
      parseDocument(
        entries({
          '_rels/.rels': packageRels('word/document.xml'),
          'word/document.xml': `<w:document ${WORD_NAMESPACES}/>`,
        }),
      ),
    );
    expect(error.code).toBe('CORRUPT');
  });

  it('matches part names without regard to case, as OPC requires', () => {
    const doc = parseDocument(
      entries({ '_rels/.rels': packageRels('/Word/Document.xml'), 'word/document.xml': documentXml(p('Case')) }),
    );
    expect(doc.text).toBe('Case');
  });
});

describe('malformed input', () => {
  it('rejects XML that is not well formed as CORRUPT with a message naming the part', () => {
    const error = rejectionOf(() =>
      parseDocument(
        entries({
          '_rels/.rels': packageRels('word/document.xml'),
          'word/document.xml': documentXml('<w:p><w:r><w:t>open</w:r></w:p>'),
        }),
      ),
    );
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain('word/document.xml');
    expect(error.message).toMatch(/save it again/);
  });

  it('refuses a DTD in a part even when called without the intake', () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY x "boom">]>${documentXml(p('x'))}`;
    const error = rejectionOf(() =>
      parseDocument(entries({ '_rels/.rels': packageRels('word/document.xml'), 'word/document.xml': xml })),
    );
    expect(error.code).toBe('UNSAFE_XML');
  });

  it.each([
    {
      name: 'numbering reference to a missing list',
      body: p('x', '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="42"/></w:numPr>'),
    },
    {
      name: 'style that does not exist',
      body: p('x', '<w:pStyle w:val="Nope"/>') + p(r('y', '<w:rStyle w:val="Missing"/>')),
    },
    {
      name: 'attributes that are not numbers',
      body: p(
        r('x', '<w:sz w:val="big"/><w:spacing w:val=""/>'),
        '<w:spacing w:before="a" w:line="-"/><w:ind w:left="1cm"/>',
      ),
    },
    {
      name: 'header reference without a relationship',
      body: p('x'),
      sectPr: '<w:headerReference w:type="default" r:id="rIdNone"/><w:pgSz w:w="abc"/>',
    },
    {
      name: 'field end without a begin',
      body: p(
        '<w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>x</w:t></w:r>',
      ),
    },
    { name: 'drawing without a frame', body: p('<w:r><w:drawing/></w:r><w:r><w:pict/></w:r><w:r><w:t>x</w:t></w:r>') },
    { name: 'empty table', body: `<w:tbl/>${p('x')}` },
    { name: 'hyperlink to an unknown relationship', body: p(`<w:hyperlink r:id="rId999">${r('x')}</w:hyperlink>`) },
  ])('parses odd but well-formed XML: $name', ({ body, sectPr }) => {
    const doc = loadDoc(rawDocx({ document: body, sectPr }));
    expect(doc.text).toContain('x');
  });

  it('reads a style sheet whose basedOn chain loops', () => {
    const styles =
      '<w:style w:type="paragraph" w:styleId="A"><w:basedOn w:val="B"/><w:rPr><w:sz w:val="30"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="B"><w:basedOn w:val="A"/><w:rPr><w:b/></w:rPr></w:style>';
    const doc = loadDoc(rawDocx({ document: p('x', '<w:pStyle w:val="A"/>'), styles }));
    expect(doc.bodyParagraphs[0].inlines[0]).toMatchObject({ sizePt: 15, bold: true });
  });
});

describe('namespaces', () => {
  it('reads a document written with other prefixes and a default namespace', () => {
    const xml =
      '<document xmlns="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:rel="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<body><p><r><rPr><b/></rPr><t>Default namespace</t></r></p><sectPr><pgSz w="11906" h="16838"/></sectPr></body></document>';
    const doc = parseDocument(entries({ '_rels/.rels': packageRels('word/document.xml'), 'word/document.xml': xml }));
    expect(doc.text).toBe('Default namespace');
    expect(doc.bodyParagraphs[0].inlines[0].bold).toBe(true);
  });

  it('reads Strict OOXML namespaces', () => {
    const xml =
      '<x:document xmlns:x="http://purl.oclc.org/ooxml/wordprocessingml/main"><x:body><x:p><x:r><x:t>Strict</x:t></x:r></x:p>' +
      '<x:sectPr><x:pgSz x:w="11906" x:h="16838"/></x:sectPr></x:body></x:document>';
    const rels =
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
    const doc = parseDocument(entries({ '_rels/.rels': rels, 'word/document.xml': xml }));
    expect(doc.text).toBe('Strict');
    expect(doc.sections[0].pageWidth).toBe(11906);
  });
});

describe('fields', () => {
  it('does not hide the rest of the document behind a field that never ends', () => {
    const body =
      p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r><w:r><w:t>lost?</w:t></w:r>',
      ) + p('Next paragraph');
    const doc = loadDoc(rawDocx({ document: body }));
    expect(doc.bodyParagraphs[1].text).toBe('Next paragraph');
  });

  it('keeps a field result that runs over several paragraphs (a table of contents)', () => {
    const body =
      p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>Entry one</w:t></w:r>',
      ) +
      p(`${r('Entry two')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`) +
      p('Body');
    expect(loadDoc(rawDocx({ document: body })).text).toBe('Entry one\n\nEntry two\n\nBody');
  });
});
