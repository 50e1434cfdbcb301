/**
 * The Store on Kysely: one body of query code for SQLite and PostgreSQL.
 * Timestamps are ISO 8601 UTC strings (fixed width, so they sort and compare as text on both).
 */
import { randomUUID } from 'node:crypto';
import { type Dialect, type Expression, type ExpressionBuilder, Kysely, type SqlBool, sql } from 'kysely';
import type { Report } from '../report/schema.js';
import type {
  ListQuery,
  ListResult,
  ReviewMark,
  SaveScreeningInput,
  SortKey,
  Store,
  StoredFile,
  StoredScreening,
  StoredText,
  VacancyCount,
} from './index.js';
import { migrateToLatest, type StoreKind } from './migrations.js';

interface ScreeningsTable {
  id: string;
  sha256: string;
  vacancy: string;
  rules_hash: string;
  filename: string;
  uploader: string;
  created_at: string;
  size: number;
  status: string;
  status_rank: number;
  ai_level: string | null;
  ai_rank: number;
  pages_count: number | null;
  transient: number;
  report: string;
  essay_text: string | null;
  reviewed_at: string | null;
  reviewer: string | null;
  review_note: string | null;
}

interface Database {
  screenings: ScreeningsTable;
  screening_files: { screening_id: string; bytes: Buffer };
  reviews: { id: string; screening_id: string; reviewer: string; note: string; at: string };
}

/** Order in which a panel wants to see statuses: formal failures first, clean passes last. */
const STATUS_RANK: Record<Report['status'], number> = { fail: 0, rejected: 1, review: 2, pass: 3 };
const AI_RANK: Record<string, number> = { none: 0, low: 1, medium: 2, high: 3 };
/** Failures that say nothing about the file (the worker timed out or crashed): never reused. */
const TRANSIENT_CODES = new Set(['TIMEOUT', 'INTERNAL']);

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const SORT_COLUMNS: Record<
  SortKey,
  'created_at' | 'filename' | 'status_rank' | 'pages_count' | 'ai_rank' | 'reviewed_at'
> = {
  created: 'created_at',
  filename: 'filename',
  status: 'status_rank',
  pages: 'pages_count',
  ai: 'ai_rank',
  reviewed: 'reviewed_at',
};

/** Columns read for a screening (everything but the essay text, which only the duplicate check needs). */
const SCREENING_COLUMNS = [
  'id',
  'sha256',
  'vacancy',
  'rules_hash',
  'filename',
  'uploader',
  'created_at',
  'size',
  'status',
  'report',
  'reviewed_at',
  'reviewer',
  'review_note',
] as const;

type ScreeningRow = Pick<ScreeningsTable, (typeof SCREENING_COLUMNS)[number]>;

function toScreening(row: ScreeningRow): StoredScreening {
  const screening: StoredScreening = {
    id: row.id,
    sha256: row.sha256,
    vacancy: row.vacancy,
    rulesHash: row.rules_hash,
    filename: row.filename,
    uploader: row.uploader,
    createdAt: row.created_at,
    size: Number(row.size),
    status: row.status as Report['status'],
    report: JSON.parse(row.report) as Report,
  };
  if (row.reviewed_at) {
    screening.review = { reviewer: row.reviewer ?? '', note: row.review_note ?? '', at: row.reviewed_at };
  }
  return screening;
}

const asList = <T>(value: T | T[] | undefined): T[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

function summaryColumns(report: Report) {
  return {
    status: report.status,
    status_rank: STATUS_RANK[report.status] ?? 9,
    ai_level: report.ai?.level ?? null,
    ai_rank: report.ai ? (AI_RANK[report.ai.level] ?? -1) : -1,
    pages_count: report.pages?.count ?? null,
    transient: report.status === 'rejected' && report.error && TRANSIENT_CODES.has(report.error.code) ? 1 : 0,
    report: JSON.stringify(report),
  };
}

export async function createKyselyStore(kind: StoreKind, dialect: Dialect): Promise<Store> {
  const db = new Kysely<Database>({ dialect });
  try {
    await migrateToLatest(db as unknown as Kysely<unknown>, kind);
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }

  const filters = (query: ListQuery) => (eb: ExpressionBuilder<Database, 'screenings'>) => {
    const conditions: Expression<SqlBool>[] = [];
    const vacancies = asList(query.vacancy);
    if (vacancies.length > 0) conditions.push(eb('vacancy', 'in', vacancies));
    const statuses = asList(query.status);
    if (statuses.length > 0) conditions.push(eb('status', 'in', statuses));
    const levels = asList(query.ai);
    if (levels.length > 0) conditions.push(eb('ai_level', 'in', levels));
    if (query.reviewed === true) conditions.push(eb('reviewed_at', 'is not', null));
    if (query.reviewed === false) conditions.push(eb('reviewed_at', 'is', null));
    // An empty list compiles to 1 = 1 on both dialects.
    return eb.and(conditions);
  };

  const getScreening = async (id: string): Promise<StoredScreening | undefined> => {
    const row = await db.selectFrom('screenings').select(SCREENING_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row ? toScreening(row) : undefined;
  };

  const deleteIds = async (ids: string[]): Promise<number> => {
    if (ids.length === 0) return 0;
    let deleted = 0;
    // Chunked so a long retention purge never builds a statement past SQLite's variable limit.
    for (let start = 0; start < ids.length; start += 500) {
      const chunk = ids.slice(start, start + 500);
      await db.transaction().execute(async (trx) => {
        await trx.deleteFrom('screening_files').where('screening_id', 'in', chunk).execute();
        await trx.deleteFrom('reviews').where('screening_id', 'in', chunk).execute();
        const result = await trx.deleteFrom('screenings').where('id', 'in', chunk).executeTakeFirst();
        deleted += Number(result.numDeletedRows);
      });
    }
    return deleted;
  };

  const store: Store = {
    kind,

    async saveScreening(input: SaveScreeningInput): Promise<string> {
      const vacancy = input.vacancy ?? input.report.vacancy;
      const sha256 = input.report.sha256;
      const bytes = Buffer.from(input.bytes.buffer, input.bytes.byteOffset, input.bytes.byteLength);
      const createdAt = (input.createdAt ?? new Date()).toISOString();
      const summary = summaryColumns(input.report);
      const key = (eb: ExpressionBuilder<Database, 'screenings'>) =>
        eb.and([eb('sha256', '=', sha256), eb('vacancy', '=', vacancy), eb('rules_hash', '=', input.rulesHash)]);

      return db.transaction().execute(async (trx) => {
        const existing = await trx.selectFrom('screenings').select(['id', 'transient']).where(key).executeTakeFirst();
        if (existing && Number(existing.transient) === 0) return existing.id;
        if (existing) {
          // The earlier attempt failed for a reason unrelated to the file: keep the new result in its place.
          await trx
            .updateTable('screenings')
            .set({
              ...summary,
              filename: input.filename,
              uploader: input.uploader,
              created_at: createdAt,
              essay_text: input.text ?? null,
            })
            .where('id', '=', existing.id)
            .execute();
          return existing.id;
        }
        const id = input.id ?? randomUUID();
        const inserted = await trx
          .insertInto('screenings')
          .values({
            id,
            sha256,
            vacancy,
            rules_hash: input.rulesHash,
            filename: input.filename,
            uploader: input.uploader,
            created_at: createdAt,
            size: bytes.byteLength,
            essay_text: input.text ?? null,
            reviewed_at: null,
            reviewer: null,
            review_note: null,
            ...summary,
          })
          .onConflict((oc) => oc.columns(['sha256', 'vacancy', 'rules_hash']).doNothing())
          .executeTakeFirst();
        if (Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0) {
          // Another instance saved the same screening between our read and our insert.
          const winner = await trx.selectFrom('screenings').select('id').where(key).executeTakeFirstOrThrow();
          return winner.id;
        }
        await trx.insertInto('screening_files').values({ screening_id: id, bytes }).execute();
        return id;
      });
    },

    getScreening,

    async getFile(id: string): Promise<StoredFile | undefined> {
      const row = await db
        .selectFrom('screenings')
        .innerJoin('screening_files', 'screening_files.screening_id', 'screenings.id')
        .select(['screening_files.bytes', 'screenings.filename', 'screenings.sha256', 'screenings.vacancy'])
        .where('screenings.id', '=', id)
        .executeTakeFirst();
      if (!row) return undefined;
      return { bytes: Buffer.from(row.bytes), filename: row.filename, sha256: row.sha256, vacancy: row.vacancy };
    },

    async listScreenings(query: ListQuery = {}): Promise<ListResult> {
      const pageSize = Math.min(Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
      const page = Math.max(1, Math.floor(query.page ?? 1));
      const where = filters(query);
      const column = SORT_COLUMNS[query.sort ?? 'created'];
      const direction = query.direction ?? (query.sort === undefined || query.sort === 'created' ? 'desc' : 'asc');
      const [rows, count] = await Promise.all([
        db
          .selectFrom('screenings')
          .select(SCREENING_COLUMNS)
          .where(where)
          .orderBy(column, direction)
          // A stable tie-break so pages never repeat or skip rows.
          .orderBy('created_at', 'desc')
          .orderBy('id', 'asc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        db
          .selectFrom('screenings')
          .select((eb) => eb.fn.countAll().as('n'))
          .where(where)
          .executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toScreening), total: Number(count.n), page, pageSize };
    },

    async findBySha(sha256: string, vacancy: string, rulesHash: string): Promise<StoredScreening | undefined> {
      const row = await db
        .selectFrom('screenings')
        .select(SCREENING_COLUMNS)
        .where('sha256', '=', sha256)
        .where('vacancy', '=', vacancy)
        .where('rules_hash', '=', rulesHash)
        .where('transient', '=', 0)
        .executeTakeFirst();
      return row ? toScreening(row) : undefined;
    },

    async markReviewed(id, mark) {
      const at = (mark.at ?? new Date()).toISOString();
      const note = mark.note ?? '';
      const updated = await db.transaction().execute(async (trx) => {
        const result = await trx
          .updateTable('screenings')
          .set({ reviewed_at: at, reviewer: mark.reviewer, review_note: note })
          .where('id', '=', id)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) === 0) return false;
        await trx
          .insertInto('reviews')
          .values({ id: randomUUID(), screening_id: id, reviewer: mark.reviewer, note, at })
          .execute();
        return true;
      });
      return updated ? getScreening(id) : undefined;
    },

    async reviewHistory(id: string): Promise<ReviewMark[]> {
      const rows = await db
        .selectFrom('reviews')
        .select(['reviewer', 'note', 'at'])
        .where('screening_id', '=', id)
        .orderBy('at', 'asc')
        .orderBy('id', 'asc')
        .execute();
      return rows.map((r) => ({ reviewer: r.reviewer, note: r.note, at: r.at }));
    },

    async deleteScreening(id: string): Promise<boolean> {
      return (await deleteIds([id])) > 0;
    },

    async purgeOlderThan(date: Date): Promise<number> {
      const rows = await db
        .selectFrom('screenings')
        .select('id')
        .where('created_at', '<', date.toISOString())
        .execute();
      return deleteIds(rows.map((r) => r.id));
    },

    async textsForVacancy(vacancy: string, options: { since?: string } = {}): Promise<StoredText[]> {
      let query = db
        .selectFrom('screenings')
        .select(['id', 'sha256', 'filename', 'essay_text', 'created_at'])
        .where('vacancy', '=', vacancy)
        .where('essay_text', 'is not', null);
      if (options.since) query = query.where('created_at', '>=', options.since);
      const rows = await query.orderBy('created_at', 'asc').orderBy('id', 'asc').execute();
      return rows.map((r) => ({
        id: r.id,
        sha256: r.sha256,
        filename: r.filename,
        text: r.essay_text ?? '',
        createdAt: r.created_at,
      }));
    },

    async vacancyCounts(vacancies?: string[]): Promise<VacancyCount[]> {
      let query = db
        .selectFrom('screenings')
        .select((eb) => ['vacancy', 'status', eb.fn.countAll().as('n'), eb.fn.count('reviewed_at').as('reviewed')])
        .groupBy(['vacancy', 'status']);
      if (vacancies) {
        if (vacancies.length === 0) return [];
        query = query.where('vacancy', 'in', vacancies);
      }
      const rows = await query.execute();
      const byVacancy = new Map<string, VacancyCount>();
      for (const row of rows) {
        const entry = byVacancy.get(row.vacancy) ?? { vacancy: row.vacancy, total: 0, reviewed: 0, byStatus: {} };
        entry.total += Number(row.n);
        entry.reviewed += Number(row.reviewed);
        entry.byStatus[row.status as Report['status']] = Number(row.n);
        byVacancy.set(row.vacancy, entry);
      }
      return [...byVacancy.values()].sort((a, b) => a.vacancy.localeCompare(b.vacancy));
    },

    async ping(): Promise<void> {
      await sql`select 1`.execute(db);
    },

    async close(): Promise<void> {
      await db.destroy();
    },
  };
  return store;
}
