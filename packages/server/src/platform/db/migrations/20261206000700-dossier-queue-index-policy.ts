import { sql, type Kysely } from 'kysely';

// The queue page (issue #9, defect 11), second pass: on SQLite the covering queue index also holds the
// "almost due" days frozen into each dossier's policy (an indexed expression over the state JSON), so the
// page's rows are chosen and classified from the index alone and only the short leading columns of the 20
// rows are read from the table (the state JSON is neither read nor parsed). SQLite uses an indexed
// expression in place of the same expression in a query. PostgreSQL answers an index-only scan from plain
// columns only, so its index stays as it is.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

const COLUMNS = ['status', 'clock_running', 'due_date', 'assignee_id', 'unit_id', 'processing_unit_id', 'current_unit_id', 'due_at', 'received_at', 'code', 'applicant_name_folded'];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropIndex('dossiers_queue_idx').execute();
  await sql`create index dossiers_queue_idx on dossiers (${sql.raw(COLUMNS.join(', '))}, json_extract(state, '$.policy.almostDueWorkingDays'))`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropIndex('dossiers_queue_idx').execute();
  await db.schema.createIndex('dossiers_queue_idx').on('dossiers').columns(COLUMNS).execute();
}
