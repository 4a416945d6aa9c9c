import { sql, type Kysely } from 'kysely';

// The queue page's date sorts on PostgreSQL (issue #11, queue page target): with an index in (due_at, code)
// and (received_at, code) order the planner reads the first page in order and stops after it, instead of
// sorting every dossier in the officer's scope (100,000 for a large agency: ~200 ms down to under 1 ms).
// SQLite already reads its pages in order from the covering `dossiers_queue_due_idx` (and the queue index).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`create index dossiers_due_at_code_idx on dossiers (due_at, code)`.execute(db);
  await sql`create index dossiers_received_at_code_idx on dossiers (received_at, code)`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`drop index dossiers_received_at_code_idx`.execute(db);
  await sql`drop index dossiers_due_at_code_idx`.execute(db);
}
