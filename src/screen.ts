/**
 * The one entry point every surface uses (CLI check, bulk scan, HTTP service), so that they can
 * never disagree about an essay: bytes + file name + vacancy → report.
 */
import { createHash } from 'node:crypto';
import { allChecks } from './checks/registry.js';
import { type Check, createContext, type Finding, runCheck, type ScreenOptions } from './checks/types.js';
import { parseDocument } from './document/parse.js';
import { RejectionError } from './intake/errors.js';
import { type IntakeLimits, intake } from './intake/index.js';
import { assembleReport, rejectedReport } from './report/assemble.js';
import type { Report } from './report/schema.js';
import type { Vacancy } from './rules/vacancy.js';

export interface ScreenInput {
  bytes: Uint8Array;
  /** The file name as given by the uploader (used by the filename rule and shown in reports). */
  filename: string;
}

export interface ScreenSettings extends Partial<ScreenOptions> {
  limits?: Partial<IntakeLimits>;
}

export const DEFAULT_SCREEN_OPTIONS: ScreenOptions = { pageEngine: 'auto' };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function checkFailure(check: Check, error: unknown): Finding {
  return {
    rule: check.meta.id,
    category: check.meta.category === 'ai' ? 'ai' : 'input',
    severity: 'warning',
    message: `The "${check.meta.id}" check could not run on this file because of an internal error, so a person should check this aspect by hand: ${check.meta.description}`,
    evidence: [],
    note: `Internal detail for support: ${error instanceof Error ? error.message : String(error)}`,
  };
}

export async function screen(input: ScreenInput, vacancy: Vacancy, settings: ScreenSettings = {}): Promise<Report> {
  const started = performance.now();
  const options: ScreenOptions = { ...DEFAULT_SCREEN_OPTIONS, ...settings };
  const file = { name: input.filename, sha256: sha256Hex(input.bytes), size: input.bytes.byteLength };
  const finish = (report: Report): Report => ({
    ...report,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  });

  try {
    const accepted = intake(input.bytes, { filename: input.filename, limits: settings.limits });
    if (!accepted.ok) return finish(rejectedReport(file, vacancy, accepted.code, accepted.message));
    const doc = parseDocument(accepted.entries);
    if (doc.wordCount === 0) {
      throw new RejectionError(
        'EMPTY',
        'The document contains no text. Please check that you attached the essay itself and not an empty or image-only file.',
      );
    }
    const ctx = createContext({ doc, vacancy, file, options, bytes: input.bytes });
    const checks = await allChecks();
    const findings: Finding[] = [];
    const sections: Record<string, unknown> = {};
    for (const check of checks) {
      try {
        findings.push(...(await runCheck(check, ctx)));
        if (check.section) sections[check.section.key] = await check.section.build(ctx);
      } catch (error) {
        // A check that fails is our defect, not the candidate's: the file is still screened by the
        // other checks, and a person is asked to look at what this one would have checked.
        findings.push(checkFailure(check, error));
      }
    }
    return finish(assembleReport(ctx, findings, sections));
  } catch (error) {
    if (error instanceof RejectionError) return finish(rejectedReport(file, vacancy, error.code, error.message));
    // A parser failure on bytes that passed intake: the file is damaged in a way we did not foresee.
    return finish(
      rejectedReport(
        file,
        vacancy,
        'CORRUPT',
        'The file could not be read as a Word document; it may be damaged. Please open it in Word, save it again as .docx and re-submit.',
        error,
      ),
    );
  }
}
