/**
 * Findings and report sections → one report in the contract's shape, with its status.
 *
 * Status (CONTRACT.md): `fail` when a formal requirement is broken (an error-severity finding of
 * category `compliance`: page limit over, filename fails, wrong paper); `review` when nothing failed
 * but something needs a person (a non-AI finding of warning or error severity, a borderline page
 * count, a challenge not covered, AI level medium or high); `pass` otherwise.
 */
import type { CheckContext, FileInfo, Finding } from '../checks/types.js';
import { detectLanguage } from '../document/language.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { RejectionCode, Report } from './schema.js';
import { SCHEMA_VERSION } from './schema.js';

type Sections = Partial<Pick<Report, 'pages' | 'paper' | 'filename' | 'challenges' | 'ai'>>;

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function decideStatus(findings: Finding[], sections: Sections): Report['status'] {
  if (findings.some((f) => f.category === 'compliance' && f.severity === 'error')) return 'fail';
  const needsPerson =
    findings.some((f) => f.category !== 'ai' && f.severity !== 'info') ||
    sections.pages?.verdict === 'borderline' ||
    (sections.challenges ?? []).some((c) => c.verdict !== 'covered') ||
    sections.ai?.level === 'medium' ||
    sections.ai?.level === 'high';
  return needsPerson ? 'review' : 'pass';
}

export function assembleReport(ctx: CheckContext, findings: Finding[], sections: Record<string, unknown>): Report {
  const known = sections as Sections;
  const sorted = [...findings].sort(
    (a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.rule.localeCompare(b.rule),
  );
  return {
    schemaVersion: SCHEMA_VERSION,
    file: ctx.file.name,
    sha256: ctx.file.sha256,
    vacancy: ctx.vacancy.reference,
    status: decideStatus(sorted, known),
    language: detectLanguage(ctx.doc.text),
    words: ctx.doc.wordCount,
    ...(known.paper ? { paper: known.paper } : {}),
    ...(known.pages ? { pages: known.pages } : {}),
    ...(known.filename ? { filename: known.filename } : {}),
    ...(known.challenges ? { challenges: known.challenges } : {}),
    ...(known.ai ? { ai: known.ai } : {}),
    findings: sorted,
    bytes: ctx.file.size,
  };
}

export function rejectedReport(
  file: FileInfo,
  vacancy: Vacancy,
  code: RejectionCode,
  message: string,
  cause?: unknown,
): Report {
  return {
    schemaVersion: SCHEMA_VERSION,
    file: file.name,
    sha256: file.sha256,
    vacancy: vacancy.reference,
    status: 'rejected',
    error: { code, message },
    findings: [
      {
        rule: 'intake',
        category: 'input',
        severity: 'error',
        message,
        evidence: [],
        ...(cause instanceof Error ? { note: `Internal detail for support: ${cause.message}` } : {}),
      },
    ],
    bytes: file.size,
  };
}
