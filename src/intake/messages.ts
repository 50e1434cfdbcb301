/**
 * What a candidate (or the HR officer passing it on) reads when a file is turned away: what the file
 * is, why it cannot be screened and what to do. One place, so the wording stays consistent.
 */

const SAVE_AS_DOCX = 'In Word, choose File > Save As, pick "Word Document (.docx)" and attach the new file.';
const ATTACH_DOCX = 'Please attach your essay as a Word document (.docx).';

/** "This file is a PDF" or, when the name claims otherwise, "Although its name ends in .docx, this file is a PDF". */
function thisFileIs(what: string, filename: string | undefined): string {
  const extension = filename?.match(/\.([A-Za-z0-9]{1,5})$/)?.[1];
  if (extension && /^doc[xm]?$/i.test(extension)) {
    return `Although its name ends in .${extension.toLowerCase()}, this file is ${what}`;
  }
  return `This file is ${what}`;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} bytes`;
}

export const messages = {
  empty: () =>
    'The file is empty (0 bytes): nothing was received. The upload may have failed, or the file was saved before it was written. Please attach your essay again.',
  tooLarge: (size: number, limit: number) =>
    `The file is ${formatBytes(size)}, more than the ${formatBytes(limit)} allowed. A two-page essay is normally well under 1 MB; large pictures are the usual cause. In Word, use File > Compress Pictures (or remove the pictures), save, and attach the file again.`,

  pdf: (filename?: string) =>
    `${thisFileIs('a PDF', filename)}, not a Word document. ${ATTACH_DOCX} Open the original in Word and save it as .docx instead of exporting it to PDF.`,
  rtf: (filename?: string) =>
    `${thisFileIs('in Rich Text Format (RTF)', filename)}, not a Word document. ${SAVE_AS_DOCX}`,
  image: (format: string, filename?: string) =>
    `${thisFileIs(`a ${format} picture`, filename)}, not a Word document. ${ATTACH_DOCX} The essay must be typed text, not a picture or a scan.`,
  html: (filename?: string) =>
    `${thisFileIs('a web page (HTML)', filename)}, not a Word document. Open it in Word and save it as a Word Document (.docx), then attach the new file.`,
  mhtml: (filename?: string) =>
    `${thisFileIs('a single-file web page (.mht)', filename)}, not a Word document. ${SAVE_AS_DOCX}`,
  wordXml: (filename?: string) =>
    `${thisFileIs('a Word XML document (the older single-file XML format)', filename)}. ${SAVE_AS_DOCX}`,
  text: (filename?: string) =>
    `${thisFileIs('plain text', filename)}, not a Word document. Paste the text into Word, check the layout, save it as a Word Document (.docx) and attach that file.`,
  unknownBinary: (filename?: string) =>
    `${thisFileIs('of a type that is not a Word document', filename)}. ${ATTACH_DOCX} If you wrote the essay in another program, save or export it as .docx.`,
  archive: (format: string, filename?: string) =>
    `${thisFileIs(`a compressed ${format} archive`, filename)}, not a Word document. Please attach the essay itself as a Word document (.docx), not packed in an archive.`,
  openDocument: (what: 'text' | 'spreadsheet' | 'presentation' | 'other', filename?: string) =>
    what === 'text'
      ? `${thisFileIs('an OpenDocument text file (.odt, as written by LibreOffice or OpenOffice)', filename)}, not a Word document. Please save it as a Word document: choose File > Save As and pick "Word 2007-365 (.docx)", then attach the new file.`
      : `${thisFileIs(`an OpenDocument ${what === 'other' ? 'file' : what}`, filename)}, not a text document. ${ATTACH_DOCX}`,
  epub: (filename?: string) => `${thisFileIs('an e-book (EPUB)', filename)}, not a Word document. ${ATTACH_DOCX}`,
  officeOther: (
    what: 'an Excel workbook' | 'a PowerPoint presentation' | 'an Office file of another kind',
    filename?: string,
  ) => `${thisFileIs(what, filename)}, not a Word document. ${ATTACH_DOCX}`,
  legacyOffice: (what: string, filename?: string) =>
    `${thisFileIs(what, filename)}, not a Word document. ${ATTACH_DOCX}`,
  outlookMessage: (filename?: string) =>
    `${thisFileIs('an Outlook e-mail message (.msg)', filename)}. Please attach the essay document itself (.docx), not the e-mail that carried it.`,

  legacyDoc: () =>
    `This is a Word 97-2003 document (.doc), an older format that cannot be screened. Please save it as .docx: ${SAVE_AS_DOCX}`,
  encryptedPackage: () =>
    'This document is protected by a password to open, so it cannot be read. Please remove the password (in Word: File > Info > Protect Document > Encrypt with Password, clear the box, OK), save, and attach the file again.',
  encryptedZip: () =>
    'This file is a password-protected archive, so it cannot be read. Please attach the Word document (.docx) itself, without a password.',
  macroEnabled: () =>
    `This is a macro-enabled Word document (.docm). Files that contain macros are not accepted, for security. Please save it as a normal Word document, which removes the macros: ${SAVE_AS_DOCX}`,

  damaged: () =>
    'The file is damaged or incomplete (it may have been cut short during upload or download), so it cannot be read. Please open it in Word, save it again as .docx, and attach the new file.',
  emptyArchive: () =>
    'The file is an empty package: it contains no document at all. It was probably damaged while being saved or uploaded. Please save your essay again as .docx and attach it.',
  notAnOfficePackage: (filename?: string) =>
    `${thisFileIs('a zip archive', filename)}, not a Word document. Please attach the essay itself as a Word document (.docx), not packed in a zip file.`,
  missingMainPart: () =>
    'The file looks like a Word document but its main text is missing, so it cannot be read. It may have been produced by a faulty converter. Please open it in Word, save it again as .docx, and attach the new file.',
  unsupportedCompression: (part: string) =>
    `The file is packed with a compression method Word does not use (in "${part}"), so it cannot be read safely. Please open it in Word, save it again as .docx, and attach the new file.`,
  damagedOfficeFile: () =>
    'The file is a damaged Microsoft Office file and cannot be read. Please open it in Word, save it as a Word Document (.docx), and attach the new file.',

  zipBomb: (detail: string) =>
    `The file unpacks to far more data than a Word document holds (${detail}), so it was not opened. Files built like this are used to overload servers. Please save your essay again as a normal Word document (.docx) and attach it.`,
  unsafeXml: (part: string) =>
    `The file contains an XML document type declaration (in "${part}"), which Word never writes and which can be used to attack servers, so it was not opened. Please open the essay in Word, save it again as .docx, and attach the new file.`,
  tooManyParagraphs: (paragraphs: number) =>
    `The document is far longer than a one- or two-page essay (${paragraphs.toLocaleString('en-GB')} paragraphs), so it was not screened. Please attach only your essay, saved as a Word document (.docx).`,
  tooMuchText: (limit: number) =>
    `The document is far longer than a one- or two-page essay (more than ${limit.toLocaleString('en-GB')} characters of text), so it was not screened. Please attach only your essay, saved as a Word document (.docx).`,
  tooManyElements: (limit: number) =>
    `The document holds far more than a one- or two-page essay (more than ${limit.toLocaleString('en-GB')} pieces of formatting and content), so it was not screened. Please attach only your essay: open it in Word, save it again as .docx, and attach the new file.`,
  nestedTooDeep: (part: string, limit: number) =>
    `The file is damaged or was not written by Word: its part "${part}" nests elements more than ${limit} levels deep, so it cannot be read safely. Please open it in Word, save it again as .docx, and attach the new file.`,
  unreadable: () =>
    'The file could not be read as a Word document. Please open it in Word, save it again as .docx, and attach the new file.',
} as const;
