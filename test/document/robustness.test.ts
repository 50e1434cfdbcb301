import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { nonFiniteNumbers } from '../../bench/fuzz/problems.js';
import { parseDocument } from '../../src/document/parse.js';
import { RejectionError } from '../../src/intake/errors.js';
import { intake } from '../../src/intake/index.js';
import { DOCUMENT_LIMITS, type DocumentLimits } from '../../src/intake/limits.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { screen } from '../../src/screen.js';
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

describe('document limits (rules/intake.yaml `document:`)', () => {
  const parse = (body: string, limits?: Partial<DocumentLimits>, parts: Record<string, string> = {}) =>
    parseDocument(
      entries({ '_rels/.rels': packageRels('word/document.xml'), 'word/document.xml': documentXml(body), ...parts }),
      limits && { ...DOCUMENT_LIMITS, ...limits },
    );
  const deepText = '<w:p><w:r><w:t>deep</w:t></w:r></w:p>';

  it.each([
    { name: 'content controls', open: '<w:sdt><w:sdtContent>', close: '</w:sdtContent></w:sdt>' },
    { name: 'tables', open: '<w:tbl><w:tr><w:tc>', close: '<w:p/></w:tc></w:tr></w:tbl>' },
    { name: 'smart tags', open: '<w:p><w:smartTag>', close: '</w:smartTag></w:p>' },
    { name: 'custom XML', open: '<w:customXml>', close: '</w:customXml>' },
    { name: 'unknown elements', open: '<x:y xmlns:x="urn:x">', close: '</x:y>' },
  ])('refuses 10,000 nested $name as CORRUPT instead of exhausting the stack', ({ open, close }) => {
    const error = rejectionOf(() => parse(`${open.repeat(10_000)}${deepText}${close.repeat(10_000)}`));
    expect(error.code).toBe('CORRUPT');
    expect(error.message).toContain('word/document.xml');
    expect(error.message).toContain(`more than ${DOCUMENT_LIMITS.maxElementDepth} levels`);
    expect(error.message).toMatch(/save it again/);
  });

  it('reads nesting up to the limit: 60 content controls around a table in a table', () => {
    const nested = `<w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc>${deepText}</w:tc></w:tr></w:tbl><w:p/></w:tc></w:tr></w:tbl>`;
    const doc = parse(`${'<w:sdt><w:sdtContent>'.repeat(60)}${nested}${'</w:sdtContent></w:sdt>'.repeat(60)}`);
    expect(doc.text).toBe('deep');
  });

  it('counts depth from the part root: the same nesting one level over a low limit is refused', () => {
    // document > body > 3 content controls (2 levels each) > p > r > t = 11 levels
    const body = `${'<w:sdt><w:sdtContent>'.repeat(3)}${deepText}${'</w:sdtContent></w:sdt>'.repeat(3)}`;
    expect(parse(body, { maxElementDepth: 11 }).text).toBe('deep');
    expect(rejectionOf(() => parse(body, { maxElementDepth: 10 })).code).toBe('CORRUPT');
  });

  it('refuses 50,000 paragraphs as TOO_LARGE, naming how many there are', () => {
    const error = rejectionOf(() => parse(p('x').repeat(50_000)));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('far longer than a one- or two-page essay (50,000 paragraphs)');
  });

  it('accepts paragraphs up to the limit and counts those of headers, notes and comments too', () => {
    expect(parse(p('x').repeat(20), { maxParagraphs: 20 }).paragraphs).toHaveLength(20);
    expect(rejectionOf(() => parse(p('x').repeat(21), { maxParagraphs: 20 })).code).toBe('TOO_LARGE');
    const bytes = rawDocx({ document: p('body').repeat(15), headers: [p('head').repeat(10)] });
    const accepted = intake(bytes);
    if (!accepted.ok) throw new Error(accepted.message);
    const error = rejectionOf(() => parseDocument(accepted.entries, { ...DOCUMENT_LIMITS, maxParagraphs: 20 }));
    expect(error.code).toBe('TOO_LARGE');
    expect(parseDocument(accepted.entries, { ...DOCUMENT_LIMITS, maxParagraphs: 25 }).paragraphs).toHaveLength(25);
  });

  it('refuses a single run of 400,000 words as TOO_LARGE', () => {
    const error = rejectionOf(() => parse(p(r('word '.repeat(400_000)))));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain(
      `more than ${DOCUMENT_LIMITS.maxTextCharacters.toLocaleString('en-GB')} characters of text`,
    );
  });

  it('refuses a few paragraphs holding hundreds of thousands of runs as TOO_LARGE', () => {
    const error = rejectionOf(() => parse(p(r('a').repeat(80_000)).repeat(3)));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toMatch(/far more than a one- or two-page essay/);
  });

  it('turns the same documents into rejections through screen(), not escaped exceptions', async () => {
    const vacancy = findVacancy('250875');
    if (!vacancy) throw new Error('vacancy 250875 missing');
    const deep = rawDocx({
      document: `${'<w:sdt><w:sdtContent>'.repeat(5000)}${deepText}${'</w:sdtContent></w:sdt>'.repeat(5000)}`,
    });
    const long = rawDocx({ document: p('x').repeat(6000) });
    for (const [bytes, code] of [
      [deep, 'CORRUPT'],
      [long, 'TOO_LARGE'],
    ] as const) {
      const report = await screen({ bytes, filename: 'essay.docx' }, vacancy, { pageEngine: 'layout' });
      expect(report.error?.code).toBe(code);
      expect(report.findings.find((f) => f.rule === 'intake')?.note ?? '').not.toMatch(/^Internal detail/);
    }
  });
});

describe('numeric attributes that are not numbers', () => {
  const bad = ['abc', '', '1e999', '1.2.3', '.', '12..5pt', 'NaN', '-Infinity', '999999999999', '9'.repeat(400)];

  it.each(bad)('keeps NaN and Infinity out of the model for %j in sizes, spacing, margins and widths', (value) => {
    const body =
      `<w:tbl><w:tblPr><w:tblW w:w="${value}" w:type="dxa"/><w:tblInd w:w="${value}" w:type="dxa"/></w:tblPr>` +
      `<w:tblGrid><w:gridCol w:w="${value}"/></w:tblGrid><w:tr><w:trPr><w:trHeight w:val="${value}"/></w:trPr>` +
      `<w:tc><w:tcPr><w:tcW w:w="${value}" w:type="pct"/><w:gridSpan w:val="${value}"/></w:tcPr>${p('cell')}</w:tc></w:tr></w:tbl>` +
      p(
        r(
          'text',
          `<w:sz w:val="${value}"/><w:szCs w:val="${value}"/><w:spacing w:val="${value}"/><w:w w:val="${value}"/><w:position w:val="${value}"/><w:kern w:val="${value}"/>`,
        ),
        `<w:spacing w:before="${value}" w:after="${value}" w:line="${value}"/><w:ind w:left="${value}" w:right="${value}" w:hanging="${value}"/>`,
      );
    const sectPr = `<w:pgSz w:w="${value}" w:h="${value}"/><w:pgMar w:top="${value}" w:right="${value}" w:bottom="${value}" w:left="${value}" w:header="${value}" w:footer="${value}" w:gutter="${value}"/><w:cols w:num="${value}" w:space="${value}"/>`;
    const doc = loadDoc(rawDocx({ document: body, sectPr }));
    expect(doc.text).toContain('text');
    expect(nonFiniteNumbers(doc)).toEqual([]);
  });

  it('reads absurd font sizes and character scales as the largest Word allows', () => {
    const doc = loadDoc(rawDocx({ document: p(r('huge', '<w:sz w:val="100000000"/><w:w w:val="100000"/>')) }));
    expect(doc.bodyParagraphs[0].inlines[0]).toMatchObject({ sizePt: 1638, scalePercent: 600 });
  });
});
