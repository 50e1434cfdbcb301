/**
 * Where screenings are kept: the original file, its report, sha256, vacancy, time and uploader,
 * plus the panel's review marks. One implementation (Kysely) serves both the embedded SQLite file
 * (the default, under ./data) and PostgreSQL (several service instances sharing one database).
 *
 *   const store = await openStore();                          // ./data/essay-screen.sqlite
 *   const store = await openStore('postgres://u:p@host/db');  // PostgreSQL
 *
 * Migrations run automatically on open.
 */
import { mkdirSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { Report } from '../report/schema.js';
import { createKyselyStore } from './kysely-store.js';

export { rulesHashFor } from './rules-hash.js';

/** A stored screening as the service and the queue read it. */
export interface StoredScreening {
  id: string;
  sha256: string;
  /** The vacancy's reference (never an alias), as the report names it. */
  vacancy: string;
  rulesHash: string;
  filename: string;
  /** Who uploaded it: the token's name, or 'local' without tokens, or 'cli' for scans. */
  uploader: string;
  /** ISO 8601, UTC. */
  createdAt: string;
  size: number;
  status: Report['status'];
  report: Report;
  /** The latest review mark, if any. */
  review?: ReviewMark;
}

export interface ReviewMark {
  reviewer: string;
  note: string;
  /** ISO 8601, UTC. */
  at: string;
}

export interface StoredFile {
  bytes: Buffer;
  filename: string;
  sha256: string;
  vacancy: string;
}

export interface SaveScreeningInput {
  report: Report;
  bytes: Uint8Array;
  filename: string;
  /** The vacancy reference; defaults to report.vacancy. */
  vacancy?: string;
  uploader: string;
  /** Hash of the rules that produced the report (see rulesHashFor): a rules change means a new screening. */
  rulesHash: string;
  /** The essay's visible text, kept for the near-duplicate check (textsForVacancy). */
  text?: string;
  /** When it was screened; defaults to now (tests and imports set it). */
  createdAt?: Date;
  /**
   * Id for a new row (default: a random UUID). The service passes its own so that, when the id
   * returned is this one, it knows the row is exactly what it saved and need not read it back.
   */
  id?: string;
}

export type SortKey = 'created' | 'filename' | 'status' | 'pages' | 'ai' | 'reviewed';

export interface ListQuery {
  /** One reference, or several (a panel token limited to its vacancies). */
  vacancy?: string | string[];
  status?: Report['status'] | Array<Report['status']>;
  /** AI level(s). */
  ai?: string | string[];
  reviewed?: boolean;
  /** 1-based. */
  page?: number;
  pageSize?: number;
  sort?: SortKey;
  direction?: 'asc' | 'desc';
}

export interface ListResult {
  items: StoredScreening[];
  total: number;
  page: number;
  pageSize: number;
}

export interface VacancyCount {
  vacancy: string;
  total: number;
  reviewed: number;
  /** Count by status. */
  byStatus: Partial<Record<Report['status'], number>>;
}

export interface StoredText {
  id: string;
  sha256: string;
  filename: string;
  text: string;
  /** ISO 8601, UTC: when it was screened. */
  createdAt: string;
}

export interface Store {
  /** 'sqlite' or 'postgres'. */
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Keeps a screening and its file; returns its id. The same sha256 + vacancy + rulesHash returns the
   * id of the earlier screening instead (race-safe across instances: a unique index decides), except
   * that an earlier transient failure (TIMEOUT / INTERNAL) is replaced by the new result.
   */
  saveScreening(input: SaveScreeningInput): Promise<string>;
  getScreening(id: string): Promise<StoredScreening | undefined>;
  getFile(id: string): Promise<StoredFile | undefined>;
  listScreenings(query?: ListQuery): Promise<ListResult>;
  /** The earlier screening of these bytes for this vacancy under these rules (not transient failures). */
  findBySha(sha256: string, vacancy: string, rulesHash: string): Promise<StoredScreening | undefined>;
  /** Marks a screening reviewed; returns the updated screening, or undefined when there is no such id. */
  markReviewed(id: string, mark: { reviewer: string; note?: string; at?: Date }): Promise<StoredScreening | undefined>;
  /** Every review mark of a screening, oldest first. */
  reviewHistory(id: string): Promise<ReviewMark[]>;
  /** Deletes a screening, its file and its review marks; false when there was no such id. */
  deleteScreening(id: string): Promise<boolean>;
  /** Deletes every screening created before `date`; returns how many. */
  purgeOlderThan(date: Date): Promise<number>;
  /**
   * Texts of the essays already kept for a vacancy (for the near-duplicate check), oldest first;
   * with `since` (ISO time), only those screened at or after it (a long-running service tops up its index).
   */
  textsForVacancy(vacancy: string, options?: { since?: string }): Promise<StoredText[]>;
  /** Screening counts per vacancy (the queue's index page). */
  vacancyCounts(vacancies?: string[]): Promise<VacancyCount[]>;
  /** Resolves when the database answers a trivial query (health check). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The default embedded database, relative to the working directory. */
export const DEFAULT_SQLITE_PATH = 'data/essay-screen.sqlite';

export interface ResolvedStoreUrl {
  kind: 'sqlite' | 'postgres';
  /** File path for SQLite (':memory:' allowed); connection string for PostgreSQL. */
  target: string;
}

/**
 * Reads a store URL: undefined → DATABASE_URL or the default SQLite file; `postgres://` or
 * `postgresql://` → PostgreSQL; `sqlite:PATH`, `sqlite://PATH` or a plain path → SQLite file.
 */
export function resolveStoreUrl(url: string | undefined = process.env.DATABASE_URL): ResolvedStoreUrl {
  const given = url?.trim();
  if (!given) return { kind: 'sqlite', target: resolve(DEFAULT_SQLITE_PATH) };
  if (/^postgres(ql)?:\/\//i.test(given)) return { kind: 'postgres', target: given };
  let path = given.replace(/^sqlite:(\/\/)?/i, '');
  if (path === '') path = DEFAULT_SQLITE_PATH;
  if (path === ':memory:') return { kind: 'sqlite', target: path };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(given) && !/^sqlite:/i.test(given)) {
    throw new Error(
      `unsupported database URL "${given.replace(/\/\/[^@/]*@/, '//***@')}": use postgres://user:password@host/db or a SQLite file path`,
    );
  }
  return { kind: 'sqlite', target: isAbsolute(path) ? path : resolve(path) };
}

/** Most distinct statements kept prepared (the store issues a few dozen shapes of query). */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely prepares every query anew; under load that was a tenth of the service's main-thread time.
 * Statements are reused by SQL text (Kysely runs one query at a time on the connection, so a
 * statement is never used twice at once), with the oldest dropped past the cache size.
 */
function withStatementCache(database: import('better-sqlite3').Database) {
  const cache = new Map<string, import('better-sqlite3').Statement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql: string) {
      let statement = cache.get(sql);
      if (statement) {
        // Refresh its place: Map keeps insertion order, so the first key is the least recently used.
        cache.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}

/** Opens (and migrates) the store named by `url`; see resolveStoreUrl for the forms accepted. */
export async function openStore(url?: string): Promise<Store> {
  const resolved = resolveStoreUrl(url);
  if (resolved.kind === 'sqlite') {
    if (resolved.target !== ':memory:') mkdirSync(dirname(resolved.target), { recursive: true });
    const { default: Database } = await import('better-sqlite3');
    const database = new Database(resolved.target);
    // WAL lets readers (the queue) proceed while a screening is written; NORMAL sync is safe with WAL.
    database.pragma('journal_mode = WAL');
    database.pragma('synchronous = NORMAL');
    database.pragma('busy_timeout = 5000');
    const { SqliteDialect } = await import('kysely');
    return createKyselyStore('sqlite', new SqliteDialect({ database: withStatementCache(database) }));
  }
  const pg = await import('pg');
  const { PostgresDialect } = await import('kysely');
  const pool = new pg.default.Pool({ connectionString: resolved.target, max: 10 });
  return createKyselyStore('postgres', new PostgresDialect({ pool }));
}
