import { describe, expect, it } from 'vitest';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { p, pStyle, r } from './wml.js';

const level = (ilvl: number, fmt: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}<w:pPr><w:ind w:left="${720 * (ilvl + 1)}" w:hanging="360"/></w:pPr></w:lvl>`;

describe('numbering', () => {
  const numbering =
    `<w:abstractNum w:abstractNumId="0">${level(0, 'decimal', '%1.')}${level(1, 'lowerLetter', '%2)')}${level(2, 'lowerRoman', '%1.%2.%3')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="1">${level(0, 'bullet', '\uF0B7')}${level(1, 'bullet', 'o')}</w:abstractNum>` +
    `<w:abstractNum w:abstractNumId="2">${level(0, 'upperRoman', '%1.')}${level(1, 'decimal', '%1.%2', '<w:isLgl/>')}</w:abstractNum>` +
    '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
    '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>' +
    '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>' +
    '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>';
  const styles = pStyle('ListNumber', '<w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>');
  const item = (text: string, numId: string, ilvl = 0) =>
    p(text, `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`);

  it('computes labels with counters, nested levels, bullets, overrides and legal numbering', () => {
    const body =
      item('one', '1') +
      item('one a', '1', 1) +
      item('one b', '1', 1) +
      item('one b i', '1', 2) +
      item('two', '1') +
      item('two a', '1', 1) +
      p('three', '<w:pStyle w:val="ListNumber"/>') +
      item('dot', '2') +
      item('circle', '2', 1) +
      item('restarted at five', '3') +
      item('roman', '4') +
      item('legal', '4', 1) +
      p('not numbered', '<w:pStyle w:val="ListNumber"/><w:numPr><w:numId w:val="0"/></w:numPr>');
    const doc = loadDoc(rawDocx({ document: body, numbering, styles }));
    expect(doc.bodyParagraphs.map((para) => [para.text, para.numbering?.label])).toEqual([
      ['one', '1.'],
      ['one a', 'a)'],
      ['one b', 'b)'],
      ['one b i', '1.b.i'], // each number keeps its own level's format
      ['two', '2.'],
      ['two a', 'a)'],
      ['three', '3.'],
      ['dot', '•'],
      ['circle', 'o'],
      ['restarted at five', '5.'],
      ['roman', 'I.'],
      ['legal', '1.1'],
      ['not numbered', undefined],
    ]);
    expect(doc.bodyParagraphs[1].numbering).toMatchObject({
      numId: '1',
      level: 1,
      format: 'lowerLetter',
      indentLeft: 1440,
      hanging: 360,
    });
    // The list level's indent reaches the paragraph when neither style nor paragraph sets one.
    expect(doc.bodyParagraphs[1].indent).toEqual({ left: 1440, right: 0, firstLine: -360 });
  });
});

describe('revisions, fields, hyperlinks and wrappers', () => {
  it('leaves deleted and moved-away text out and lists every tracked change', () => {
    const body = p(
      r('Kept ') +
        '<w:ins w:id="1" w:author="Ann" w:date="2024-01-02T03:04:00Z">' +
        r('added ') +
        '</w:ins><w:del w:id="2" w:author="Bob" w:date="2024-01-03T00:00:00Z"><w:r><w:delText>removed </w:delText></w:r></w:del>' +
        '<w:moveFrom w:id="3" w:author="Ann"><w:r><w:t>moved </w:t></w:r></w:moveFrom>' +
        '<w:r><w:rPr><w:b/><w:rPrChange w:id="4" w:author="Cy"><w:rPr/></w:rPrChange></w:rPr><w:t>bolded</w:t></w:r>',
    );
    const doc = loadDoc(rawDocx({ document: body }));
    expect(doc.text).toBe('Kept added bolded');
    expect(doc.wordCount).toBe(3);
    expect(doc.trackedChanges).toEqual([
      { kind: 'inserted', author: 'Ann', date: '2024-01-02T03:04:00Z', text: 'added ', paragraph: 1 },
      { kind: 'deleted', author: 'Bob', date: '2024-01-03T00:00:00Z', text: 'removed ', paragraph: 1 },
      { kind: 'moveFrom', author: 'Ann', text: 'moved ', paragraph: 1 },
      { kind: 'formatChange', author: 'Cy', text: 'bolded', paragraph: 1 },
    ]);
    expect(doc.bodyParagraphs[0].inlines.find((i) => i.text === 'removed ')?.revision).toBe('deleted');
  });

  it('shows field results, hides field codes, and reads simple fields', () => {
    const body = p(
      r('Page ') +
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>' +
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
        `<w:fldSimple w:instr=" NUMPAGES ">${r(' of 9')}</w:fldSimple>`,
    );
    const para = loadDoc(rawDocx({ document: body })).bodyParagraphs[0];
    expect(para.text).toBe('Page 7 of 9');
    expect(para.inlines.filter((i) => i.fieldCode).map((i) => i.text)).toEqual([' PAGE ']);
  });

  it('resolves hyperlink targets from relationships, anchors and HYPERLINK fields', () => {
    const body =
      p(`<w:hyperlink r:id="rIdLink">${r('external site')}</w:hyperlink>`) +
      p(`<w:hyperlink w:anchor="_Toc1">${r('inside')}</w:hyperlink>`) +
      p(
        '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "https://field.example/" </w:instrText></w:r>' +
          `<w:r><w:fldChar w:fldCharType="separate"/></w:r>${r('field link')}<w:r><w:fldChar w:fldCharType="end"/></w:r>`,
      );
    const doc = loadDoc(
      rawDocx({
        document: body,
        relationships: [{ id: 'rIdLink', type: 'hyperlink', target: 'https://example.org/a?b=1&c=2', external: true }],
      }),
    );
    expect(doc.hyperlinks.slice(0, 2)).toEqual([
      { target: 'https://example.org/a?b=1&c=2', text: 'external site', paragraph: 1 },
      { target: '#_Toc1', text: 'inside', paragraph: 2 },
    ]);
    const fieldRun = doc.bodyParagraphs[2].inlines.find((i) => i.text === 'field link');
    expect(fieldRun?.hyperlink).toBe('https://field.example/');
    expect(doc.bodyParagraphs[0].inlines[0].hyperlink).toBe('https://example.org/a?b=1&c=2');
  });

  it('includes content controls, smart tags and custom XML content', () => {
    const body =
      `<w:sdt><w:sdtPr><w:alias w:val="Title"/></w:sdtPr><w:sdtContent>${p('Block control')}</w:sdtContent></w:sdt>` +
      p(
        `${r('Inline ')}<w:sdt><w:sdtContent>${r('control ')}</w:sdtContent></w:sdt>` +
          `<w:smartTag w:uri="urn:x" w:element="place">${r('Brussels ')}</w:smartTag><w:customXml w:element="x">${r('custom')}</w:customXml>`,
      );
    expect(loadDoc(rawDocx({ document: body })).text).toBe('Block control\n\nInline control Brussels custom');
  });

  it('reads symbols, tabs and non-breaking hyphens', () => {
    const body = p(`${r('a')}<w:r><w:tab/><w:sym w:font="Symbol" w:char="F0B7"/><w:noBreakHyphen/></w:r>${r('b')}`);
    const para = loadDoc(rawDocx({ document: body })).bodyParagraphs[0];
    expect(para.text).toBe('a\t\uF0B7-b');
    expect(para.inlines.map((i) => i.kind)).toEqual(['text', 'tab', 'symbol', 'text', 'text']);
  });
});

describe('other stories and paragraph numbering', () => {
  const footnotes =
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>' +
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>' +
    `<w:footnote w:id="1">${p('<w:r><w:footnoteRef/></w:r><w:r><w:t xml:space="preserve"> A note.</w:t></w:r>')}</w:footnote>`;
  const comments =
    `<w:comment w:id="0" w:author="Reviewer" w:date="2024-05-01T10:00:00Z" w:initials="R">${p('Please cite this.')}</w:comment>` +
    `<w:comment w:id="1" w:author="Other">${p('Block-level anchor.')}</w:comment>`;
  const body =
    p(`${r('Claim')}<w:r><w:footnoteReference w:id="1"/></w:r>`) +
    '<w:commentRangeStart w:id="1"/>' +
    p(
      `<w:commentRangeStart w:id="0"/>${r('Commented words')}<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>`,
    ) +
    '<w:commentRangeEnd w:id="1"/>';

  it('numbers body paragraphs first, then headers, footers, notes and comments', () => {
    const doc = loadDoc(
      rawDocx({
        document: body,
        headers: [p('Running head')],
        footers: [p('Foot')],
        footnotes,
        endnotes: `<w:endnote w:id="1">${p('End note.')}</w:endnote>`,
        comments,
      }),
    );
    expect(doc.paragraphs.map((para) => [para.index, para.story, para.text.trim()])).toEqual([
      [1, 'body', 'Claim'],
      [2, 'body', 'Commented words'],
      [3, 'header', 'Running head'],
      [4, 'footer', 'Foot'],
      [5, 'footnote', 'A note.'],
      [6, 'endnote', 'End note.'],
      [7, 'comment', 'Please cite this.'],
      [8, 'comment', 'Block-level anchor.'],
    ]);
    expect(doc.bodyParagraphs.map((para) => para.index)).toEqual([1, 2]);
    expect(doc.footnotes).toEqual([expect.objectContaining({ id: '1', kind: 'footnote', text: ' A note.' })]);
    expect(doc.endnotes.map((n) => n.text)).toEqual(['End note.']);
    expect(doc.comments).toEqual([
      { id: '0', author: 'Reviewer', date: '2024-05-01T10:00:00Z', text: 'Please cite this.', paragraph: 2 },
      { id: '1', author: 'Other', text: 'Block-level anchor.', paragraph: 2 },
    ]);
    expect(doc.bodyParagraphs[0].inlines.some((i) => i.kind === 'noteReference')).toBe(true);
    expect(doc.text).toBe('Claim\n\nCommented words');
  });
});

describe('metadata', () => {
  it('reads core, app, custom properties and settings', () => {
    const doc = loadDoc(
      rawDocx({
        document: p('x'),
        core:
          '<dc:title>Key challenges</dc:title><dc:subject>Essay</dc:subject><dc:creator>J Doe</dc:creator><cp:keywords>nato</cp:keywords>' +
          '<dc:description>d</dc:description><cp:lastModifiedBy>python-docx</cp:lastModifiedBy><cp:revision>3</cp:revision>' +
          '<dcterms:created xsi:type="dcterms:W3CDTF">2024-01-01T10:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2024-01-01T10:05:00Z</dcterms:modified>',
        app:
          '<Template>Normal.dotm</Template><TotalTime>4</TotalTime><Pages>1</Pages><Words>612</Words><Characters>3500</Characters>' +
          '<Application>Microsoft Office Word</Application><Lines>30</Lines><Paragraphs>8</Paragraphs><Company>NATO</Company>' +
          '<CharactersWithSpaces>4100</CharactersWithSpaces><AppVersion>16.0000</AppVersion>',
        custom: { Source: 'generator', Reviewed: 'no' },
        settings:
          '<w:documentProtection w:edit="readOnly" w:enforcement="1"/><w:defaultTabStop w:val="708"/><w:evenAndOddHeaders/><w:trackRevisions/><w:displayBackgroundShape/>' +
          '<w:compat><w:doNotExpandShiftReturn/><w:useFELayout/><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>' +
          '<w:rsids><w:rsidRoot w:val="00A1B2C3"/><w:rsid w:val="00A1B2C3"/><w:rsid w:val="00D4E5F6"/></w:rsids>',
      }),
    );
    expect(doc.metadata.core).toEqual({
      title: 'Key challenges',
      subject: 'Essay',
      creator: 'J Doe',
      keywords: 'nato',
      description: 'd',
      lastModifiedBy: 'python-docx',
      revision: 3,
      created: '2024-01-01T10:00:00Z',
      modified: '2024-01-01T10:05:00Z',
    });
    expect(doc.metadata.app).toEqual({
      application: 'Microsoft Office Word',
      appVersion: '16.0000',
      pages: 1,
      words: 612,
      characters: 3500,
      charactersWithSpaces: 4100,
      lines: 30,
      paragraphs: 8,
      totalTime: 4,
      template: 'Normal.dotm',
      company: 'NATO',
    });
    expect(doc.metadata.custom).toEqual({ Source: 'generator', Reviewed: 'no' });
    expect(doc.metadata.settings).toEqual({
      rsids: ['00A1B2C3', '00D4E5F6'],
      rsidRoot: '00A1B2C3',
      trackRevisions: true,
      protection: { edit: 'readOnly', enforced: true },
      compatibilityMode: 15,
      defaultTabStop: 708,
      evenAndOddHeaders: true,
      displayBackgroundShape: true,
      compat: ['doNotExpandShiftReturn', 'useFELayout'],
    });
  });

  it('has Word defaults when the package has no metadata parts', () => {
    const doc = loadDoc(rawDocx({ document: p('x') }));
    expect(doc.metadata).toEqual({
      core: {},
      app: {},
      settings: {
        rsids: [],
        trackRevisions: false,
        defaultTabStop: 720,
        evenAndOddHeaders: false,
        displayBackgroundShape: false,
        compat: [],
      },
      custom: {},
    });
    expect(doc.parts).toEqual(expect.arrayContaining(['word/document.xml', '[Content_Types].xml', '_rels/.rels']));
  });
});
