/**
 * Writers for the scan's --out formats: JSON Lines (default, on stdout), a JSON array, CSV for
 * Excel, and a self-contained HTML report (html.ts). Each writes one record at a time with
 * back-pressure, so a scan of thousands of files never holds all reports in memory.
 */
import type { Report } from '../report/schema.js';
import { htmlWriter } from './html.js';

export type OutputFormat = 'jsonl' | 'json' | 'csv' | 'html';

/** One screened file as the scan outputs it: the report plus where the file is in the folder. */
export interface ScanRecord {
  /** Path relative to the scanned folder, with forward slashes. */
  path: string;
  report: Report;
}

export interface ScanSummary {
  dir: string;
  vacancy: { reference: string; title: string };
  total: number;
  counts: Record<Report['status'], number>;
  /** Files whose report came from the cache. */
  cached: number;
  nearDuplicates: number;
  elapsedMs: number;
  /** ISO 8601. */
  startedAt: string;
}

export interface ReportWriter {
  write(record: ScanRecord): Promise<void>;
  /** Writes what follows the last record; does not end the stream. */
  finish(): Promise<void>;
}

/** The format named by --out's extension; undefined for an extension we do not write. */
export function formatFromPath(path: string | undefined): OutputFormat | undefined {
  if (!path) return 'jsonl';
  const match = /\.(csv|jsonl|ndjson|json|html?)$/i.exec(path);
  if (!match) return undefined;
  const ext = match[1].toLowerCase();
  return ext === 'ndjson' ? 'jsonl' : ext === 'htm' ? 'html' : (ext as OutputFormat);
}

/** Writes with back-pressure: waits for 'drain' when the stream's buffer is full. */
export function writeTo(stream: NodeJS.WritableStream): (text: string) => Promise<void> {
  return (text) =>
    new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      stream.once('error', onError);
      const done = () => {
        stream.off('error', onError);
        resolve();
      };
      if (stream.write(text)) done();
      else stream.once('drain', done);
    });
}

/** The JSON form of a record: the report with the file's path in the folder (an extension field). */
const withPath = (record: ScanRecord) => ({ ...record.report, path: record.path });

// ------------------------------------------------------------------------------------------------
// CSV. Excel reads a UTF-8 file correctly only with a byte-order mark, and splits rows at CRLF.
// A cell starting with = + - @ (or tab / CR) would run as a formula: it gets a leading apostrophe.

const FORMULA = /^[=+\-@\t\r]/;

export function csvField(value: string | number | undefined): string {
  let text = value === undefined ? '' : String(value);
  if (typeof value === 'string' && FORMULA.test(text)) text = `'${text}`;
  return /[",;\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const CSV_COLUMNS = [
  'file',
  'status',
  'rejection code',
  'pages',
  'limit',
  'page verdict',
  'paper',
  'filename verdict',
  'challenges covered',
  'challenges weak',
  'challenges missing',
  'AI level',
  'AI score',
  'findings',
  'top findings',
] as const;

const SEVERITY_RANK = { error: 0, warning: 1, info: 2 } as const;
const TOP_FINDINGS = 3;

/** The most important findings in one cell: "error page-limit: …; warning hidden-text: …". */
export function topFindings(report: Report, count = TOP_FINDINGS): string {
  if (report.status === 'rejected') return report.error ? `${report.error.code}: ${report.error.message}` : '';
  return [...report.findings]
    .filter((f) => f.severity !== 'info')
    .sort((a, b) => SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity])
    .slice(0, count)
    .map((f) => `${f.severity} ${f.rule}: ${f.message.replace(/\s+/g, ' ')}`)
    .join('; ');
}

export function csvRecord(record: ScanRecord): string {
  const r = record.report;
  const verdicts = (v: string) => (r.challenges ? r.challenges.filter((c) => c.verdict === v).length : undefined);
  const cells: (string | number | undefined)[] = [
    record.path,
    r.status,
    r.error?.code,
    r.pages?.count,
    r.pages?.limit,
    r.pages?.verdict,
    r.paper ? `${r.paper.name} ${r.paper.orientation}` : undefined,
    r.filename?.verdict,
    verdicts('covered'),
    verdicts('weak'),
    verdicts('missing'),
    r.ai?.level,
    r.ai ? Number(r.ai.score.toFixed(2)) : undefined,
    r.findings.length,
    topFindings(r),
  ];
  return `${cells.map(csvField).join(',')}\r\n`;
}

export function createWriter(format: OutputFormat, stream: NodeJS.WritableStream, summary: ScanSummary): ReportWriter {
  const write = writeTo(stream);
  switch (format) {
    case 'jsonl':
      return {
        write: (record) => write(`${JSON.stringify(withPath(record))}\n`),
        finish: async () => {},
      };
    case 'json': {
      let first = true;
      return {
        async write(record) {
          await write(`${first ? '[\n' : ',\n'}${JSON.stringify(withPath(record))}`);
          first = false;
        },
        finish: () => write(first ? '[]\n' : '\n]\n'),
      };
    }
    case 'csv': {
      let started = false;
      const header = async () => {
        if (started) return;
        started = true;
        await write(`\uFEFF${CSV_COLUMNS.map(csvField).join(',')}\r\n`);
      };
      return {
        async write(record) {
          await header();
          await write(csvRecord(record));
        },
        finish: header,
      };
    }
    case 'html':
      return htmlWriter(write, summary);
  }
}
