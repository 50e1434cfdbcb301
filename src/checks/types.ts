/**
 * The shape of a check, in the manner of an ESLint rule: declared metadata and one function that
 * reads the document model (and the vacancy) and reports findings with evidence.
 * Checks live in src/checks/<area>/<rule>.ts and are discovered by src/checks/registry.ts:
 * adding a check means adding one file (default-exporting `defineCheck({...})`) and its test.
 */
import type { DocModel } from '../document/model.js';
import type { Vacancy } from '../rules/vacancy.js';

export type Category = 'input' | 'compliance' | 'formatting' | 'coverage' | 'ai';
export type Severity = 'info' | 'warning' | 'error';

export interface Evidence {
  /** Paragraph index (DocModel paragraph.index); 0 when the evidence is not in a paragraph (metadata, file name). */
  paragraph: number;
  text: string;
  /** Where the text is, when not the body: 'header', 'footer', 'textbox', 'comment', 'metadata', 'filename', ... */
  where?: string;
}

export interface Finding {
  rule: string;
  category: Category;
  severity: Severity;
  message: string;
  evidence: Evidence[];
  /** Measured figure, e.g. "0.5 cm". */
  actual?: string;
  /** The limit, e.g. "≥ 1.27 cm". */
  expected?: string;
  /** Longer explanation for the panel. */
  note?: string;
}

/** What a check passes to `report`: rule and category come from its meta; severity may be overridden. */
export type FindingInput = Omit<Finding, 'rule' | 'category' | 'severity' | 'evidence'> & {
  severity?: Severity;
  evidence?: Evidence[];
};

export interface CheckMeta {
  id: string;
  category: Category;
  /** Default severity of its findings. */
  severity: Severity;
  description: string;
}

export type PageEngine = 'auto' | 'layout' | 'word' | 'libreoffice';

export interface ScreenOptions {
  pageEngine: PageEngine;
}

export interface FileInfo {
  name: string;
  sha256: string;
  size: number;
}

export interface CheckContext {
  doc: DocModel;
  vacancy: Vacancy;
  file: FileInfo;
  options: ScreenOptions;
  /** The original bytes (for engines that need the file itself, e.g. LibreOffice or mammoth). */
  bytes: Uint8Array;
  /**
   * Computes a shared analysis once per screening (page layout, challenge coverage, AI features)
   * so that checks and the report assembler reuse the same result.
   */
  memo<T>(key: string, compute: () => T): T;
}

/** Report sections a check may contribute besides its findings (see CONTRACT.md "Report"). */
export type ReportSectionKey = 'pages' | 'paper' | 'filename' | 'challenges' | 'ai';

export interface Check {
  meta: CheckMeta;
  run(ctx: CheckContext, report: (finding: FindingInput) => void): void | Promise<void>;
  /**
   * Optional: the report section this check owns, e.g. the page-limit check builds `pages`.
   * Use ctx.memo so that run() and section() share one analysis.
   */
  section?: { key: ReportSectionKey; build(ctx: CheckContext): unknown | Promise<unknown> };
}

export function defineCheck(check: Check): Check {
  return check;
}

/** Runs one check and returns its findings with rule, category and severity filled in. */
export async function runCheck(check: Check, ctx: CheckContext): Promise<Finding[]> {
  const findings: Finding[] = [];
  await check.run(ctx, (input) => {
    findings.push({
      rule: check.meta.id,
      category: check.meta.category,
      ...input,
      severity: input.severity ?? check.meta.severity,
      evidence: input.evidence ?? [],
    });
  });
  // AI findings send an essay to a person; they never reject it (contract).
  for (const f of findings) if (f.category === 'ai' && f.severity === 'error') f.severity = 'warning';
  return findings;
}

export function createContext(init: Omit<CheckContext, 'memo'>): CheckContext {
  const cache = new Map<string, unknown>();
  return {
    ...init,
    memo<T>(key: string, compute: () => T): T {
      if (!cache.has(key)) cache.set(key, compute());
      return cache.get(key) as T;
    },
  };
}
