import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../dialect';

// A staged row carries its history and timeline as two JSON arrays (docs/dossier-imports.md#the-switch) instead of
// about eight rows of `dossier_import_events` / `dossier_import_timeline` per dossier: staging a million-row file
// writes a million rows rather than nine million, and the switch expands the arrays with `json_each` (SQLite) or
// `jsonb_array_elements` (PostgreSQL) into `dossier_events` and `dossier_timeline`. The two tables go; whatever a
// job had staged in them before this migration is dropped with them (a restarted job stages again).

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossier_import_rows').addColumn('events', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('dossier_import_rows').addColumn('timeline', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.dropTable('dossier_import_events').execute();
  await db.schema.dropTable('dossier_import_timeline').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('dossier_import_events')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_import_events_pk', ['import_id', 'row_no', 'seq'])
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
  if (isPostgres(db)) for (const t of ['dossier_import_events', 'dossier_import_timeline']) await sql`alter table ${sql.table(t)} set unlogged`.execute(db);
  await db.schema.alterTable('dossier_import_rows').dropColumn('timeline').execute();
  await db.schema.alterTable('dossier_import_rows').dropColumn('events').execute();
}
