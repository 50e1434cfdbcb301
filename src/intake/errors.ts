import type { RejectionCode } from '../report/schema.js';

/**
 * A file that cannot be screened. `message` is written for the candidate or HR officer: what is
 * wrong and what to do ("This is a Word 97-2003 .doc file; please save it as .docx").
 */
export class RejectionError extends Error {
  constructor(
    readonly code: RejectionCode,
    message: string,
  ) {
    super(message);
    this.name = 'RejectionError';
  }
}
