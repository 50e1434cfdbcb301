/**
 * Every rejection code from crafted files: what the file is, the code the contract names, and a
 * message that tells the candidate what to do. Each call must return quickly.
 */
import { describe, expect, it } from 'vitest';
import { type IntakeResult, intake } from '../../src/intake/index.js';
import type { RejectionCode } from '../../src/report/schema.js';
import {
  buildCfb,
  buildZip,
  CONTENT_TYPES_DOCX,
  documentXml,
  docxEntries,
  HELLO_DOCUMENT,
  PACKAGE_RELS,
} from './fixtures.js';
import { measure } from './measure.js';

const enc = new TextEncoder();

function expectRejected(bytes: Uint8Array, code: RejectionCode, options: Parameters<typeof intake>[1] = {}): string {
  const { result, ms } = measure(() => intake(bytes, options));
  expect(ms).toBeLessThan(2000);
  expect(result).toMatchObject({ ok: false, code });
  const message = (result as Extract<IntakeResult, { ok: false }>).message;
  // Each message says what to do, not only what is wrong.
  expect(message).toMatch(/please|choose|attach/i);
  return message;
}

const minimalPdf = enc.encode('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const minimalPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe('files that are not Word documents at all', () => {
  it('refuses zero bytes as EMPTY, saying nothing was received', () => {
    expect(expectRejected(new Uint8Array(0), 'EMPTY')).toMatch(/empty/i);
  });

  it('refuses a PDF named .docx as NOT_DOCX and says it is a PDF despite the name', () => {
    const message = expectRejected(minimalPdf, 'NOT_DOCX', { filename: '250875 - Key challenges - J Doe.docx' });
    expect(message).toMatch(/PDF/);
    expect(message).toMatch(/name ends in \.docx/);
  });

  it('refuses RTF, pictures, archives, text and web pages as NOT_DOCX, naming what each is', () => {
    const cases: [string, Uint8Array, RegExp][] = [
      ['rtf', enc.encode('{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} Essay text\\par }'), /Rich Text Format/],
      ['png', minimalPng, /PNG picture/],
      ['jpeg', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]), /JPEG picture/],
      ['gif', enc.encode('GIF89a\x01\x00\x01\x00'), /GIF picture/],
      ['gzip', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0, 3]), /gzip archive/],
      [
        'text',
        enc.encode('Key challenges\n\nNATO must remain united in a difficult political environment.\n'),
        /plain text/,
      ],
      ['utf16 text', Buffer.from('\ufeffKey challenges essay text', 'utf16le'), /plain text/],
      ['html', enc.encode('<!DOCTYPE html>\n<html><body><p>Essay</p></body></html>'), /web page/],
      [
        'mhtml',
        enc.encode('MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="x"\r\n\r\n--x\r\n'),
        /\.mht/,
      ],
      [
        'word 2003 xml',
        enc.encode(
          '<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="http://schemas.microsoft.com/office/word/2003/wordml"></w:wordDocument>',
        ),
        /Word XML/,
      ],
      ['binary', Buffer.from([0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xfe]), /not a Word document/],
    ];
    for (const [label, bytes, pattern] of cases) {
      const message = expectRejected(bytes, 'NOT_DOCX', { filename: `essay.${label}` });
      expect(message, label).toMatch(pattern);
    }
  });

  it('refuses an OpenDocument text (.odt) renamed .docx as NOT_DOCX with LibreOffice save-as advice', () => {
    const odt = buildZip([
      { name: 'mimetype', data: 'application/vnd.oasis.opendocument.text', stored: true },
      {
        name: 'content.xml',
        data: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      },
      // Old OpenOffice manifests carry a DTD: the file must still be named for what it is.
      {
        name: 'META-INF/manifest.xml',
        data: '<?xml version="1.0"?><!DOCTYPE manifest:manifest PUBLIC "-//OpenOffice.org//DTD Manifest 1.0//EN" "Manifest.dtd"><manifest:manifest/>',
      },
    ]);
    expect(expectRejected(odt, 'NOT_DOCX', { filename: 'essay.docx' })).toMatch(/OpenDocument text.*Save As/s);
  });

  it('refuses an OpenDocument package without its mimetype entry as NOT_DOCX', () => {
    const odf = buildZip([
      {
        name: 'content.xml',
        data: '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>',
      },
      {
        name: 'META-INF/manifest.xml',
        data: '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"/>',
      },
    ]);
    expect(expectRejected(odf, 'NOT_DOCX')).toMatch(/OpenDocument file/);
  });

  it('refuses Excel and PowerPoint packages renamed .docx as NOT_DOCX', () => {
    const xlsx = buildZip([
      {
        name: '[Content_Types].xml',
        data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
      },
      { name: '_rels/.rels', data: PACKAGE_RELS.replace('word/document.xml', 'xl/workbook.xml') },
      {
        name: 'xl/workbook.xml',
        data: '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>',
      },
    ]);
    expect(expectRejected(xlsx, 'NOT_DOCX', { filename: 'essay.docx' })).toMatch(/Excel workbook/);

    const pptxWithoutTypes = buildZip([
      {
        name: '[Content_Types].xml',
        data: '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
      },
      { name: '_rels/.rels', data: PACKAGE_RELS.replace('word/document.xml', 'ppt/presentation.xml') },
      {
        name: 'ppt/presentation.xml',
        data: '<?xml version="1.0"?><p:presentation xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"/>',
      },
    ]);
    expect(expectRejected(pptxWithoutTypes, 'NOT_DOCX')).toMatch(/PowerPoint/);
  });

  it('refuses a plain zip archive as NOT_DOCX', () => {
    const zip = buildZip([
      { name: 'essay.txt', data: 'Essay' },
      { name: 'photo.jpg', data: 'not really' },
    ]);
    expect(expectRejected(zip, 'NOT_DOCX')).toMatch(/zip archive/);
  });

  it('refuses an .xls and an Outlook .msg (OLE files without a WordDocument stream) as NOT_DOCX', () => {
    const xls = buildCfb([{ name: 'Workbook', data: new Uint8Array(600) }, { name: '\u0005SummaryInformation' }]);
    expect(expectRejected(xls, 'NOT_DOCX')).toMatch(/Excel 97-2003/);
    const msg = buildCfb([{ name: '__properties_version1.0' }, { name: '__substg1.0_0037001F' }]);
    expect(expectRejected(msg, 'NOT_DOCX')).toMatch(/Outlook/);
  });
});

describe('Word files that cannot be screened', () => {
  it('refuses a Word 97-2003 .doc (OLE file with a WordDocument stream) as LEGACY_DOC, asking for .docx', () => {
    const doc = buildCfb([
      { name: 'WordDocument', data: new Uint8Array(1500).fill(0xec) },
      { name: '1Table', data: new Uint8Array(700) },
      { name: '\u0005SummaryInformation', data: new Uint8Array(200) },
    ]);
    const message = expectRejected(doc, 'LEGACY_DOC', { filename: 'essay.doc' });
    expect(message).toMatch(/Word 97-2003/);
    expect(message).toMatch(/\.docx/);
  });

  it('refuses a password-encrypted .docx (OLE file with EncryptionInfo and EncryptedPackage) as ENCRYPTED', () => {
    const encrypted = buildCfb([
      { name: 'EncryptionInfo', data: new Uint8Array(300).fill(4) },
      { name: 'EncryptedPackage', data: new Uint8Array(4096).fill(0x5a) },
      { name: '\u0006DataSpaces' },
    ]);
    expect(expectRejected(encrypted, 'ENCRYPTED', { filename: 'essay.docx' })).toMatch(/password/);
  });

  it('still recognises an encrypted package whose directory cannot be walked, from its stream names', () => {
    const encrypted = buildCfb([
      { name: 'EncryptionInfo', data: new Uint8Array(300) },
      { name: 'EncryptedPackage', data: new Uint8Array(20_000) },
    ]);
    // Point the directory at a sector far past the end of the file.
    encrypted.writeUInt32LE(0x00ffffff, 0x30);
    expect(expectRejected(encrypted, 'ENCRYPTED')).toMatch(/password/);
    // With the names gone too, all that can be said is that the Office file is damaged.
    expect(expectRejected(encrypted.subarray(0, 1024), 'CORRUPT')).toMatch(/damaged Microsoft Office file/);
  });

  it('refuses a zip whose entries are password-protected as ENCRYPTED', () => {
    const zip = buildZip(docxEntries().map((entry) => ({ ...entry, flags: 0x0001 })));
    expectRejected(zip, 'ENCRYPTED');
  });

  it('refuses a .docm (vbaProject.bin and a macro-enabled main part) as MACRO_ENABLED', () => {
    const docm = buildZip(
      docxEntries({
        '[Content_Types].xml': CONTENT_TYPES_DOCX.replace(
          'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
          'application/vnd.ms-word.document.macroEnabled.main+xml',
        ).replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>'),
        'word/vbaProject.bin': new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 1, 2, 3]),
      }),
    );
    expect(expectRejected(docm, 'MACRO_ENABLED', { filename: 'essay.docm' })).toMatch(/macro/);
  });

  it('refuses a package with only one of the macro signs (the part, or the content type) as MACRO_ENABLED', () => {
    expectRejected(buildZip(docxEntries({ 'word/vbaProject.bin': new Uint8Array(64) })), 'MACRO_ENABLED');
    const typeOnly = CONTENT_TYPES_DOCX.replace(
      'wordprocessingml.document.main+xml',
      'wordprocessingml.document.main+xml',
    ).replace(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      'application/vnd.ms-word.document.macroEnabled.main+xml',
    );
    expectRejected(buildZip(docxEntries({ '[Content_Types].xml': typeOnly })), 'MACRO_ENABLED');
  });
});

describe('damaged packages', () => {
  const valid = buildZip(docxEntries());

  it('accepts the untouched package these cases are cut from', () => {
    expect(intake(valid).ok).toBe(true);
  });

  it('refuses a .docx cut short at any point as CORRUPT (or NOT_DOCX when too little is left to tell)', () => {
    for (const length of [valid.length - 1, valid.length - 22, Math.floor(valid.length / 2), 100, 30, 4]) {
      const { result, ms } = measure(() => intake(valid.subarray(0, length)));
      expect(ms).toBeLessThan(2000);
      expect(result.ok, `cut at ${length}`).toBe(false);
      expect(['CORRUPT', 'NOT_DOCX']).toContain((result as { code: string }).code);
    }
    expect(expectRejected(valid.subarray(0, Math.floor(valid.length / 2)), 'CORRUPT')).toMatch(/damaged or incomplete/);
  });

  it('refuses a package whose officeDocument relationship points at a missing part as CORRUPT', () => {
    const missingMain = buildZip(docxEntries({ 'word/document.xml': null }));
    expect(expectRejected(missingMain, 'CORRUPT')).toMatch(/main text is missing/);
    const noRelationship = buildZip(docxEntries({ '_rels/.rels': PACKAGE_RELS.replace(/<Relationship [^>]*>/, '') }));
    expectRejected(noRelationship, 'CORRUPT');
    const noPackageRels = buildZip(docxEntries({ '_rels/.rels': null }));
    expectRejected(noPackageRels, 'CORRUPT');
  });

  it('refuses a Word package without [Content_Types].xml as CORRUPT', () => {
    expectRejected(buildZip(docxEntries({ '[Content_Types].xml': null })), 'CORRUPT');
  });

  it('refuses damaged data, a wrong checksum, an unknown compression method and an empty archive as CORRUPT', () => {
    const flipped = Buffer.from(valid);
    const dataStart = 30 + '[Content_Types].xml'.length;
    for (let i = dataStart; i < dataStart + 40; i++) flipped[i] ^= 0xa5;
    expectRejected(flipped, 'CORRUPT');

    expectRejected(buildZip(docxEntries().map((entry) => ({ ...entry, declaredCrc: 0x12345678 }))), 'CORRUPT');
    expect(
      expectRejected(
        buildZip(docxEntries().map((entry) => ({ ...entry, method: 14, compressed: Buffer.from('lzma?') }))),
        'CORRUPT',
      ),
    ).toMatch(/compression method/);
    const emptyArchive = Buffer.alloc(22);
    emptyArchive.writeUInt32LE(0x06054b50, 0);
    expect(expectRejected(emptyArchive, 'CORRUPT')).toMatch(/empty package/);
  });

  it('refuses two parts with one name (a different document for each reader) as CORRUPT', () => {
    const entries = docxEntries();
    entries.push({ name: 'WORD/document.xml', data: documentXml('<w:p><w:r><w:t>Another text</w:t></w:r></w:p>') });
    expectRejected(buildZip(entries), 'CORRUPT');
  });

  it('refuses an end record whose entry count hides directory records as CORRUPT', () => {
    expectRejected(buildZip(docxEntries(), { declaredEntryCount: 2 }), 'CORRUPT');
  });
});

describe('XML with a document type declaration', () => {
  const billionLaughs = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>`;

  it('refuses billion laughs (entity expansion) in word/document.xml as UNSAFE_XML, naming the part', () => {
    expect(expectRejected(buildZip(docxEntries({ 'word/document.xml': billionLaughs })), 'UNSAFE_XML')).toMatch(
      /word\/document\.xml/,
    );
  });

  it('refuses an external entity (file:///etc/passwd) as UNSAFE_XML', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>${HELLO_DOCUMENT.replace(/^<\?xml[^>]*>/, '').replace('An essay', '&xxe;')}`;
    expectRejected(buildZip(docxEntries({ 'word/document.xml': xxe })), 'UNSAFE_XML');
  });

  it('finds the declaration in any letter case, after a byte order mark, in UTF-16 and in every XML part', () => {
    const doctype = '<!doctype x [<!ENTITY a "b">]>';
    const variants: Record<string, string | Uint8Array>[] = [
      { 'word/document.xml': `\ufeff<?xml version="1.0"?>${doctype}${HELLO_DOCUMENT.replace(/^<\?xml[^>]*>/, '')}` },
      {
        'word/styles.xml': Buffer.concat([
          Buffer.from([0xff, 0xfe]),
          Buffer.from(`<?xml version="1.0" encoding="UTF-16"?><!DocType s><w:styles/>`, 'utf16le'),
        ]),
      },
      {
        'word/settings.xml': Buffer.from(
          `<?xml version="1.0" encoding="UTF-16BE"?><!DOCTYPE s><w:settings/>`,
          'utf16le',
        ).swap16(),
      },
      {
        '[Content_Types].xml': CONTENT_TYPES_DOCX.replace(
          '<Types',
          '<!DOCTYPE Types SYSTEM "http://attacker.example/t.dtd"><Types',
        ),
      },
      { '_rels/.rels': PACKAGE_RELS.replace('<Relationships', '<!DOCTYPE r [<!ENTITY e "x">]><Relationships') },
      {
        'word/_rels/document.xml.rels':
          '<?xml version="1.0"?><!DOCTYPE r><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>',
      },
      { 'customXml/item1.xml': '<?xml version="1.0"?><!DOCTYPE data SYSTEM "file:///etc/hosts"><data/>' },
    ];
    for (const parts of variants) {
      expectRejected(buildZip(docxEntries(parts)), 'UNSAFE_XML');
    }
  });

  it('checks the main part even when it is not named .xml', () => {
    const entries = docxEntries({
      'word/document.xml': null,
      'word/main.part': billionLaughs,
      '[Content_Types].xml': CONTENT_TYPES_DOCX.replace('/word/document.xml', '/word/main.part'),
      '_rels/.rels': PACKAGE_RELS.replace('word/document.xml', 'word/main.part'),
    });
    expectRejected(buildZip(entries), 'UNSAFE_XML');
  });
});

describe('size limits', () => {
  it('refuses a file over maxFileBytes as TOO_LARGE before reading it, giving both sizes', () => {
    const valid = buildZip(docxEntries());
    const message = expectRejected(valid, 'TOO_LARGE', { limits: { maxFileBytes: 100 } });
    expect(message).toMatch(/100 bytes allowed/);
  });

  it('refuses an 11 MB upload under the default 10 MB limit as TOO_LARGE', () => {
    const eleven = Buffer.alloc(11 * 1024 * 1024);
    buildZip(docxEntries()).copy(eleven);
    expect(expectRejected(eleven, 'TOO_LARGE')).toMatch(/11\.0 MB, more than the 10\.0 MB allowed/);
  });
});
