import { sql, type Kysely } from 'kysely';

// Security counters kept in the database (issue #9, defects 6, 7 and 10): the per-code PIN lock, the
// login backoff, the per-address request limits and upload quotas. In memory they could be flushed
// by filling the table with junk keys, were forgotten on restart and were not shared between server
// instances. One row per key, updated by a single upsert; `expires_at` says when the row means
// nothing any more, so the cleanup job (and each touch) can delete it cheaply through its index.
// `public_uploads` remembers content a citizen uploaded before filing, so the job can delete what
// was never attached (docs/architecture.md, "Security"). No foreign key to `files`: an upload records
// itself before its content, so the job never deletes content an upload in progress is about to use.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('throttle_counters')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('hits', 'bigint', (c) => c.notNull())
    .addColumn('window_ends_at', instant, (c) => c.notNull())
    .addColumn('blocked_until', instant)
    .addColumn('expires_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('throttle_counters_expires_idx').on('throttle_counters').column('expires_at').execute();
  await db.schema
    .createTable('public_uploads')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('uploaded_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('public_uploads_uploaded_idx').on('public_uploads').column('uploaded_at').execute();
  // Attachments are never deleted, so content without one is a public upload never filed: it expires too.
  await sql`insert into public_uploads (sha256, uploaded_at)
    select sha256, created_at from files f where not exists (select 1 from attachments a where a.sha256 = f.sha256)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('public_uploads').execute();
  await db.schema.dropTable('throttle_counters').execute();
}
