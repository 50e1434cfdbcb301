/**
 * The re-run cache of the bulk scan: a file whose bytes and name were already screened for the same
 * vacancy under the same rules and the same program is not screened again (unless --force).
 *
 * - With --db, the service's store is the cache (findBySha), so a scan reuses what the service or an
 *   earlier scan stored, and the essay text comes from textsForVacancy.
 * - Without, a small SQLite file (default ./data/scan-cache.sqlite, whatever folder is scanned)
 *   keeps each report with its paragraphs. Its key includes a hash of the program's own code, so any
 *   change of the program (not only of its version number) screens everything afresh.
 *
 * Timeouts and internal errors are never cached: they say nothing about the file.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BodyParagraph } from '../checks/duplicates/collect.js';
import type { PageEngine } from '../checks/types.js';
import type { Report } from '../report/schema.js';
import type { Vacancy } from '../rules/vacancy.js';
import type { Store, StoredText } from '../store/index.js';
import { rulesHashFor } from '../store/rules-hash.js';

export const DEFAULT_CACHE_PATH = 'data/scan-cache.sqlite';

export interface CacheKey {
  sha256: string;
  filename: string;
}

export interface CachedScreening {
  report: Report;
  paragraphs?: BodyParagraph[];
  /**
   * false when the paragraphs were rebuilt from a stored plain text: their numbers are positions
   * among non-empty paragraphs, not the document's paragraph indexes.
   */
  exactParagraphs: boolean;
}

export interface ScanCache {
  get(key: CacheKey): Promise<CachedScreening | undefined>;
  put(key: CacheKey, report: Report, paragraphs: BodyParagraph[] | undefined): Promise<void>;
  close(): Promise<void>;
}

const TRANSIENT = new Set(['TIMEOUT', 'INTERNAL']);
export const isTransient = (report: Report): boolean => TRANSIENT.has(report.error?.code ?? '');

let codeDigest: string | undefined;

/** Hash of the program's code (src/*.ts when run from source, dist/*.js when built). */
export function codeVersion(): string {
  if (codeDigest) return codeDigest;
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  const hash = createHash('sha256');
  const visit = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ts|js|mjs|cjs|json|eta|css)$/.test(entry.name) && !entry.name.endsWith('.map')) {
        hash.update(relative(root, path)).update('\0').update(readFileSync(path)).update('\0');
      }
    }
  };
  visit(root);
  codeDigest = hash.digest('hex').slice(0, 16);
  return codeDigest;
}

/**
 * The store's rules hash for this vacancy, with the page engine when it is not the default (a
 * different engine can give a different page count, hence a different report).
 */
export function scanRulesHash(vacancy: Vacancy, pageEngine: PageEngine): string {
  const base = rulesHashFor(vacancy);
  if (pageEngine === 'auto') return base;
  return createHash('sha256').update(`${base}\0${pageEngine}`).digest('hex').slice(0, 16);
}

/** The local SQLite cache. */
export async function openLocalCache(path: string, vacancy: Vacancy, pageEngine: PageEngine): Promise<ScanCache> {
  const file = resolve(path);
  mkdirSync(dirname(file), { recursive: true });
  const { default: Database } = await import('better-sqlite3');
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(
    'CREATE TABLE IF NOT EXISTS scan_cache (key TEXT PRIMARY KEY, report TEXT NOT NULL, paragraphs TEXT, saved_at TEXT NOT NULL)',
  );
  const select = db.prepare<[string], { report: string; paragraphs: string | null }>(
    'SELECT report, paragraphs FROM scan_cache WHERE key = ?',
  );
  const upsert = db.prepare<[string, string, string | null, string]>(
    'INSERT INTO scan_cache (key, report, paragraphs, saved_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT(key) DO UPDATE SET report = excluded.report, paragraphs = excluded.paragraphs, saved_at = excluded.saved_at',
  );
  const version = `${scanRulesHash(vacancy, pageEngine)}:${codeVersion()}`;
  const keyOf = (key: CacheKey): string =>
    createHash('sha256')
      .update(JSON.stringify([key.sha256, key.filename, vacancy.reference, version]))
      .digest('hex');
  return {
    async get(key) {
      const row = select.get(keyOf(key));
      if (!row) return undefined;
      try {
        const report = JSON.parse(row.report) as Report;
        const paragraphs = row.paragraphs ? (JSON.parse(row.paragraphs) as BodyParagraph[]) : undefined;
        return { report, paragraphs, exactParagraphs: true };
      } catch {
        return undefined; // a damaged row is screened again
      }
    },
    async put(key, report, paragraphs) {
      if (isTransient(report)) return;
      upsert.run(
        keyOf(key),
        JSON.stringify(report),
        paragraphs ? JSON.stringify(paragraphs) : null,
        new Date().toISOString(),
      );
    },
    async close() {
      db.close();
    },
  };
}

/** The store as the cache (--db): reports by sha256, texts from textsForVacancy. */
export async function storeCache(
  store: Store,
  vacancy: Vacancy,
  pageEngine: PageEngine,
): Promise<ScanCache & { texts: StoredText[] }> {
  const rulesHash = scanRulesHash(vacancy, pageEngine);
  const texts = await store.textsForVacancy(vacancy.reference);
  const textBySha = new Map(texts.map((t) => [t.sha256, t.text]));
  return {
    texts,
    async get(key) {
      const stored = await store.findBySha(key.sha256, vacancy.reference, rulesHash);
      if (!stored || stored.filename !== key.filename || isTransient(stored.report)) return undefined;
      const text = textBySha.get(key.sha256);
      const paragraphs = text
        ?.split(/\n\s*\n/)
        .map((part) => part.trim())
        .filter(Boolean)
        .map((part, i) => ({ index: i + 1, text: part }));
      return { report: stored.report, paragraphs, exactParagraphs: false };
    },
    // The scan saves to the store itself once near-duplicates are known.
    async put() {},
    async close() {},
  };
}
