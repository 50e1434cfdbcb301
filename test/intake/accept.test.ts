/**
 * What must get through: Word documents written by the `docx` package, by hand and by real users
 * (the corpus), including documents with "Restrict editing" protection, which are not encrypted.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { Document, ImageRun, Packer, Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { parseDocument } from '../../src/document/parse.js';
import { type IntakeResult, intake } from '../../src/intake/index.js';
import { DOCUMENT_LIMITS, type DocumentLimits } from '../../src/intake/limits.js';
import { rawDocx } from '../helpers/docx.js';
import { buildZip, documentXml, docxEntries } from './fixtures.js';

type Accepted = Extract<IntakeResult, { ok: true }>;

function expectAccepted(bytes: Uint8Array, options?: Parameters<typeof intake>[1]): Accepted {
  const result = intake(bytes, options);
  if (!result.ok) throw new Error(`rejected as ${result.code}: ${result.message}`);
  return result;
}

/** The body text as the real parser reads it from what intake handed over. */
const text = (result: Accepted): string => parseDocument(result.entries).text;

const onePixelPng = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const CORPUS = new URL('../../../shared/corpus/docx-pages/', import.meta.url);

describe('documents that are accepted', () => {
  it('accepts a .docx written by the docx package and finds its main part', async () => {
    const bytes = await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('Allied unity is the first challenge.')] }] }),
    );
    const result = expectAccepted(bytes, { filename: '250875 - Key challenges - J Doe.docx' });
    expect(result.kind).toBe('docx');
    expect(result.mainDocument).toBe('word/document.xml');
    expect(new TextDecoder().decode(result.entries.get('word/document.xml'))).toContain(
      'Allied unity is the first challenge.',
    );
  });

  it('leaves pictures packed unless asked, and the parser still reads the text', async () => {
    const bytes = await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: [
              new Paragraph({ children: [new TextRun('Text beside a picture.')] }),
              new Paragraph({
                children: [new ImageRun({ type: 'png', data: onePixelPng, transformation: { width: 20, height: 20 } })],
              }),
            ],
          },
        ],
      }),
    );
    const lean = expectAccepted(bytes);
    const media = lean.omittedMedia.filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(lean.entries.has(media[0])).toBe(false);
    expect(text(lean)).toContain('Text beside a picture.');

    const full = expectAccepted(bytes, { keepMedia: true });
    expect(full.omittedMedia).toEqual([]);
    expect(Buffer.from(full.entries.get(media[0]) as Uint8Array).equals(onePixelPng)).toBe(true);
  });

  it('reads a document with "Restrict editing" protection normally: it is not encrypted', () => {
    const bytes = rawDocx({
      document: '<w:p><w:r><w:t>Protected against editing, readable by anyone.</w:t></w:r></w:p>',
      settings:
        '<w:documentProtection w:edit="readOnly" w:enforcement="1" w:cryptProviderType="rsaAES" w:cryptAlgorithmClass="hash" w:cryptAlgorithmType="typeAny" w:cryptAlgorithmSid="14" w:cryptSpinCount="100000" w:hash="9QmJ4QmQxB1lmHy0rWmiRDG0fNwd0PHd7Ta3yXtsm8Lw0rqOkMsRuJf2ZW0wl3a2M7z9qEdELpYvs7r7bQ4ANw==" w:salt="3Cj2CmRwPJhIGSb0X6Hw6g=="/>',
    });
    const result = expectAccepted(bytes);
    expect(new TextDecoder().decode(result.entries.get('word/settings.xml'))).toContain('w:documentProtection');
    expect(text(result)).toContain('Protected against editing, readable by anyone.');
  });

  it('reads the corpus documents that carry enforced editing restrictions', () => {
    const restricted = readdirSync(CORPUS)
      .filter((name) => name.endsWith('.docx'))
      .map((name) => ({ name, result: intake(readFileSync(new URL(name, CORPUS))) }))
      .filter(
        ({ result }) =>
          result.ok &&
          /w:documentProtection[^>]*w:enforcement="(1|true)"/.test(
            new TextDecoder().decode(result.entries.get('word/settings.xml')),
          ),
      );
    // s034 (forms) and s049 (read-only with a password hash) at the time of writing.
    expect(restricted.length).toBeGreaterThanOrEqual(2);
  });

  it('accepts a main part found through _rels/.rels under another name, and Strict OOXML relationships', () => {
    const renamed = rawDocx({
      document: '<w:p><w:r><w:t>Main part elsewhere.</w:t></w:r></w:p>',
      mainPartName: 'word/document2.xml',
    });
    const result = expectAccepted(renamed);
    expect(result.mainDocument).toBe('word/document2.xml');
    expect(text(result)).toContain('Main part elsewhere.');

    const strict = buildZip(
      docxEntries({
        '_rels/.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="/word/document.xml"/></Relationships>',
      }),
    );
    expect(expectAccepted(strict).mainDocument).toBe('word/document.xml');
  });

  it('reads zip64 records and streamed entries whose local headers carry no sizes', () => {
    for (const options of [{ zip64: true }, { dataDescriptors: true }, { zip64: true, dataDescriptors: true }]) {
      const result = expectAccepted(buildZip(docxEntries(), options));
      expect(new TextDecoder().decode(result.entries.get('word/document.xml'))).toContain(
        'An essay on key challenges.',
      );
    }
  });

  it('does not mistake harmless look-alikes for a DTD: escaped text, and an SVG picture with its own DOCTYPE', () => {
    const escaped = buildZip(
      docxEntries({
        'word/document.xml': documentXml('<w:p><w:r><w:t>Never write &lt;!DOCTYPE in an essay.</w:t></w:r></w:p>'),
      }),
    );
    expectAccepted(escaped);
    const svg =
      '<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>';
    expectAccepted(buildZip(docxEntries({ 'word/media/image1.svg': svg })));
  });

  it('accepts at least 99% of the real .docx files in the corpus', () => {
    const names = readdirSync(CORPUS).filter((name) => name.endsWith('.docx'));
    expect(names.length).toBeGreaterThan(100);
    const rejected: string[] = [];
    for (const name of names) {
      const result = intake(readFileSync(new URL(name, CORPUS)), { filename: name });
      if (!result.ok) rejected.push(`${name}: ${result.code} ${result.message}`);
    }
    if (rejected.length) console.log(`corpus files rejected:\n${rejected.join('\n')}`);
    expect(rejected.length / names.length).toBeLessThanOrEqual(0.01);
  });

  it('reads every accepted corpus file within a fifth of each document limit (rules/intake.yaml)', () => {
    // The limits stop absurd documents (50,000 paragraphs, 10,000 nested levels) early; a real one,
    // even the corpus's longest (s053: 7 pages, 464 body paragraphs), must stay far below each of them.
    const fifth = Object.fromEntries(
      Object.entries(DOCUMENT_LIMITS).map(([name, limit]) => [name, Math.floor(limit / 5)]),
    ) as unknown as DocumentLimits;
    const refused: string[] = [];
    let read = 0;
    for (const name of readdirSync(CORPUS).filter((file) => file.endsWith('.docx'))) {
      const result = intake(readFileSync(new URL(name, CORPUS)), { filename: name });
      if (!result.ok) continue;
      try {
        parseDocument(result.entries, fifth);
        read++;
      } catch (error) {
        refused.push(`${name}: ${(error as Error).message}`);
      }
    }
    expect(refused).toEqual([]);
    expect(read).toBeGreaterThan(280);
  });
});
