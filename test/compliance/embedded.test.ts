/**
 * multiple-documents and imported-content on generated .docx files parsed by the real parser:
 * another document embedded in the essay fails it; charts, spreadsheets and equations do not;
 * text imported with w:altChunk is flagged because it cannot be read.
 */
import { describe, expect, it } from 'vitest';
import { screen } from '../../src/screen.js';
import { findVacancy } from '../../src/rules/vacancy.js';
import { loadDoc, rawDocx } from '../helpers/docx.js';
import { buildCfb } from '../intake/fixtures.js';

const vacancy = findVacancy('250875')!;
const FILENAME = '250875 - Key challenges - J Doe.docx';
const ESSAY = Array.from(
  { length: 4 },
  (_, i) =>
    `<w:p><w:r><w:t>Paragraph ${i + 1}: keeping the Allies together while domestic politics pull them apart needs patient consultation and clear priorities.</w:t></w:r></w:p>`,
).join('');

const REL_OLE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject';
const REL_PACKAGE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/package';
const REL_ALTCHUNK = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk';

/** A paragraph holding an OLE object shown as an icon, as Word writes "Insert > Object". */
const objectParagraph = (relId: string, progId: string): string =>
  '<w:p><w:r><w:object w:dxaOrig="1520" w:dyaOrig="960">' +
  '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:76pt;height:48pt" o:ole=""><v:imagedata r:id="rIdIcon" o:title=""/></v:shape>' +
  `<o:OLEObject Type="Embed" ProgID="${progId}" ShapeID="_x0000_i1025" DrawAspect="Icon" ObjectID="_1" r:id="${relId}"/>` +
  '</w:object></w:r></w:p>';

const ICON = { id: 'rIdIcon', type: 'image', target: 'media/image1.emf' };
const ICON_PART = { 'word/media/image1.emf': new Uint8Array(64) };

function docWithObject(progId: string, part: string, content: Uint8Array, type = REL_OLE): Uint8Array {
  return rawDocx({
    document: ESSAY + objectParagraph('rIdObj', progId),
    relationships: [ICON, { id: 'rIdObj', type, target: part.replace(/^word\//, '') }],
    extraParts: { ...ICON_PART, [part]: content },
  });
}

const findingsOf = async (bytes: Uint8Array, rule: string) =>
  (await screen({ bytes, filename: FILENAME }, vacancy)).findings.filter((f) => f.rule === rule);

describe('multiple-documents', () => {
  it('fails an essay with a Word document embedded in it, naming the part and where it sits', async () => {
    const bytes = docWithObject(
      'Word.Document.12',
      'word/embeddings/Microsoft_Word_Document1.docx',
      rawDocx({ document: '<w:p><w:r><w:t>My CV</w:t></w:r></w:p>' }),
      REL_PACKAGE,
    );
    const report = await screen({ bytes, filename: FILENAME }, vacancy);
    const [finding] = report.findings.filter((f) => f.rule === 'multiple-documents');
    expect(finding?.severity).toBe('error');
    expect(finding?.category).toBe('compliance');
    expect(report.status).toBe('fail');
    expect(finding?.evidence[0]?.text).toMatch(
      /Word document \(Word\.Document\.12\): word\/embeddings\/Microsoft_Word_Document1\.docx/,
    );
    // The object is in the fifth paragraph, after the four of the essay.
    expect(finding?.evidence[0]?.paragraph).toBe(loadDoc(bytes).paragraphs[4]!.index);
  });

  it('recognises a legacy .doc or a packaged file inside an OLE container by its streams', async () => {
    const doc = buildCfb([{ name: 'WordDocument', data: new Uint8Array(600) }]);
    const packaged = buildCfb([{ name: '\x01Ole10Native', data: new Uint8Array(100) }]);
    const asDoc = await findingsOf(
      docWithObject('Unknown.Object', 'word/embeddings/oleObject1.bin', doc),
      'multiple-documents',
    );
    const asPackage = await findingsOf(
      docWithObject('Unknown.Object', 'word/embeddings/oleObject1.bin', packaged),
      'multiple-documents',
    );
    expect(asDoc[0]?.evidence[0]?.text).toMatch(/^Word document/);
    expect(asPackage[0]?.evidence[0]?.text).toMatch(/^attached file/);
  });

  it('recognises an embedded PDF by its program id and counts every embedded document', async () => {
    const bytes = rawDocx({
      document: ESSAY + objectParagraph('rIdA', 'AcroExch.Document.DC') + objectParagraph('rIdB', 'Package'),
      relationships: [
        ICON,
        { id: 'rIdA', type: REL_OLE, target: 'embeddings/oleObject1.bin' },
        { id: 'rIdB', type: REL_OLE, target: 'embeddings/oleObject2.bin' },
      ],
      extraParts: {
        ...ICON_PART,
        'word/embeddings/oleObject1.bin': buildCfb([{ name: 'CONTENTS', data: new Uint8Array(10) }]),
        'word/embeddings/oleObject2.bin': buildCfb([{ name: '\x01Ole10Native', data: new Uint8Array(10) }]),
      },
    });
    const [finding] = await findingsOf(bytes, 'multiple-documents');
    expect(finding?.evidence.map((e) => e.text.split(' ')[0])).toEqual(['PDF', 'attached']);
    expect(finding?.actual).toBe('3 documents');
  });

  it('does not count spreadsheets, charts or equations embedded in the essay', async () => {
    for (const [progId, part, content] of [
      ['Excel.Sheet.12', 'word/embeddings/Microsoft_Excel_Worksheet1.xlsx', new Uint8Array(200)],
      [
        'Equation.3',
        'word/embeddings/oleObject1.bin',
        buildCfb([{ name: 'Equation Native', data: new Uint8Array(50) }]),
      ],
    ] as const) {
      const bytes = docWithObject(progId, part, content);
      expect(loadDoc(bytes).embedded).toHaveLength(1);
      expect(await findingsOf(bytes, 'multiple-documents')).toEqual([]);
    }
  });

  it('raises nothing on an ordinary essay', async () => {
    const bytes = rawDocx({ document: ESSAY });
    expect(loadDoc(bytes).embedded).toEqual([]);
    expect(await findingsOf(bytes, 'multiple-documents')).toEqual([]);
    expect(await findingsOf(bytes, 'imported-content')).toEqual([]);
  });
});

describe('imported-content', () => {
  it('warns that text imported from another file (w:altChunk) was not screened, and sends the essay to a person', async () => {
    const bytes = rawDocx({
      document: ESSAY + '<w:altChunk r:id="rIdChunk"/>',
      relationships: [{ id: 'rIdChunk', type: REL_ALTCHUNK, target: 'afchunk.htm' }],
      extraParts: { 'word/afchunk.htm': '<html><body><p>More of the essay</p></body></html>' },
    });
    const report = await screen({ bytes, filename: FILENAME }, vacancy);
    const [finding] = report.findings.filter((f) => f.rule === 'imported-content');
    expect(finding?.severity).toBe('warning');
    expect(finding?.evidence[0]?.text).toBe('Imported from a web page: word/afchunk.htm');
    // It follows the essay's last paragraph.
    expect(finding?.evidence[0]?.paragraph).toBe(loadDoc(bytes).paragraphs[3]!.index);
    expect(report.status).not.toBe('pass');
    expect(report.findings.some((f) => f.rule === 'multiple-documents')).toBe(false);
  });
});
