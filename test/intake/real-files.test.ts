/**
 * Files written by a real office suite (LibreOffice, see real/README.md), not crafted byte by byte:
 * the classification must hold for what candidates actually upload.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import type { RejectionCode } from '../../src/report/schema.js';

const real = (name: string): Buffer => readFileSync(new URL(`real/${name}`, import.meta.url));

describe('files written by LibreOffice, uploaded under a .docx name', () => {
  it('accepts the .docx itself', () => {
    expect(intake(real('essay.docx'), { filename: 'essay.docx' }).ok).toBe(true);
  });

  const expected: [string, RejectionCode, RegExp][] = [
    ['essay.doc', 'LEGACY_DOC', /Word 97-2003/],
    ['essay.docm', 'MACRO_ENABLED', /macro-enabled/],
    ['essay.odt', 'NOT_DOCX', /OpenDocument text/],
    ['essay.rtf', 'NOT_DOCX', /Rich Text Format/],
    ['essay.pdf', 'NOT_DOCX', /PDF/],
  ];
  for (const [file, code, pattern] of expected) {
    it(`refuses ${file} as ${code}`, () => {
      const result = intake(real(file), { filename: 'essay.docx' });
      expect(result).toMatchObject({ ok: false, code });
      expect((result as { message: string }).message).toMatch(pattern);
    });
  }
});
