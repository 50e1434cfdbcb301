/**
 * The store's schema, as Kysely migrations kept in code (so a compiled build needs no migration
 * folder). The same statements run on SQLite and PostgreSQL; the only dialect difference is the
 * binary column type. Never edit a migration that has shipped: add the next one.
 */
import { type Kysely, type Migration, type MigrationProvider, Migrator } from 'kysely';

export type StoreKind = 'sqlite' | 'postgres';

function migrations(kind: StoreKind): Record<string, Migration> {
  const binary = kind === 'postgres' ? 'bytea' : 'blob';
  return {
    '0001-screenings': {
      async up(db: Kysely<unknown>) {
        await db.schema
          .createTable('screenings')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('sha256', 'text', (c) => c.notNull())
          .addColumn('vacancy', 'text', (c) => c.notNull())
          .addColumn('rules_hash', 'text', (c) => c.notNull())
          .addColumn('filename', 'text', (c) => c.notNull())
          .addColumn('uploader', 'text', (c) => c.notNull())
          .addColumn('created_at', 'text', (c) => c.notNull())
          .addColumn('size', 'integer', (c) => c.notNull())
          .addColumn('status', 'text', (c) => c.notNull())
          .addColumn('status_rank', 'integer', (c) => c.notNull())
          .addColumn('ai_level', 'text')
          .addColumn('ai_rank', 'integer', (c) => c.notNull().defaultTo(-1))
          .addColumn('pages_count', 'integer')
          .addColumn('transient', 'integer', (c) => c.notNull().defaultTo(0))
          .addColumn('report', 'text', (c) => c.notNull())
          .addColumn('essay_text', 'text')
          .addColumn('reviewed_at', 'text')
          .addColumn('reviewer', 'text')
          .addColumn('review_note', 'text')
          .addUniqueConstraint('screenings_dedup', ['sha256', 'vacancy', 'rules_hash'])
          .execute();
        await db.schema
          .createIndex('screenings_vacancy_created')
          .ifNotExists()
          .on('screenings')
          .columns(['vacancy', 'created_at'])
          .execute();
        await db.schema.createIndex('screenings_created').ifNotExists().on('screenings').column('created_at').execute();

        await db.schema
          .createTable('screening_files')
          .ifNotExists()
          .addColumn('screening_id', 'text', (c) => c.primaryKey())
          .addColumn('bytes', binary, (c) => c.notNull())
          .execute();

        await db.schema
          .createTable('reviews')
          .ifNotExists()
          .addColumn('id', 'text', (c) => c.primaryKey())
          .addColumn('screening_id', 'text', (c) => c.notNull())
          .addColumn('reviewer', 'text', (c) => c.notNull())
          .addColumn('note', 'text', (c) => c.notNull())
          .addColumn('at', 'text', (c) => c.notNull())
          .execute();
        await db.schema.createIndex('reviews_screening').ifNotExists().on('reviews').column('screening_id').execute();
      },
    },
  };
}

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<unknown>, kind: StoreKind): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => migrations(kind) };
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'essay_screen_migrations',
    migrationLockTableName: 'essay_screen_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`database migration ${failed?.migrationName ?? ''} failed: ${why}`);
  }
}
