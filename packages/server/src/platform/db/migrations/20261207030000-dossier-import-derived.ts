import { sql, type Kysely } from 'kysely';

// Set-based import switch (issue #11 item 5, docs/dossier-imports.md#the-switch): the statistics columns and
// the timeline of each staged row are derived while the row is converted and staged with it, so the switch
// copies them with INSERT … SELECT / UPDATE … FROM instead of re-reading every switched dossier.
// `dossier_imports.bytes_read` is the job's position in its file, for the progress bar.
// On PostgreSQL the staging tables are UNLOGGED: a crash empties them, which is what a restarted job
// does first anyway, and the bulk writes skip the write-ahead log.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('dossier_import_rows').addColumn('intake_at', instant).execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('closed_at', instant).execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('returned_at', instant).execute();
  await db.schema
    .alterTable('dossier_import_rows')
    .addColumn('payment_stops_clock', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('dossier_import_timeline')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_at', instant, (c) => c.notNull())
    .addColumn('end_at', instant)
    .addColumn('statutory_due_at', instant)
    .addColumn('supplement_requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_import_timeline_pk', ['import_id', 'row_no', 'seq'])
    .execute();
  await db.schema
    .alterTable('dossier_imports')
    .addColumn('bytes_read', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  if (pg) {
    for (const t of ['dossier_import_rows', 'dossier_import_events', 'dossier_import_timeline']) await sql`alter table ${sql.table(t)} set unlogged`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossier_imports').dropColumn('bytes_read').execute();
  await db.schema.dropTable('dossier_import_timeline').execute();
  for (const c of ['payment_stops_clock', 'returned_at', 'closed_at', 'intake_at']) await db.schema.alterTable('dossier_import_rows').dropColumn(c).execute();
  if (isPostgres(db)) for (const t of ['dossier_import_rows', 'dossier_import_events']) await sql`alter table ${sql.table(t)} set logged`.execute(db);
}
