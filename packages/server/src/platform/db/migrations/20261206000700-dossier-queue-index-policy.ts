import { sql, type Kysely } from 'kysely';

// The queue page (issue #9, defect 11), second pass: on SQLite the covering queue index also holds the
// "almost due" days frozen into each dossier's policy (an indexed expression over the state JSON), so the
// page's rows are chosen and classified from the index alone and only the short leading columns of the 20
// rows are read from the table (the state JSON is neither read nor parsed). SQLite uses an indexed
// expression in place of the same expression in a query. A second covering index holds the same columns in
// the order of the default sort (due time, then code), so the page as it opens is the first entries of a walk
// along it that pass the scope and the queue, instead of a sort of every dossier in scope (the one-stop
// officer's "all" queue). PostgreSQL answers an index-only scan from plain columns only and plans with
// statistics, so its indexes stay as they are.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

const POLICY = `json_extract(state, '$.policy.almostDueWorkingDays')`;
const COLUMNS = ['status', 'clock_running', 'due_date', 'assignee_id', 'unit_id', 'processing_unit_id', 'current_unit_id', 'due_at', 'received_at', 'code', 'applicant_name_folded'];

export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropIndex('dossiers_queue_idx').execute();
  await sql`create index dossiers_queue_idx on dossiers (${sql.raw(COLUMNS.join(', '))}, ${sql.raw(POLICY)})`.execute(db);
  const byDue = ['due_at', 'code', ...COLUMNS.filter((c) => c !== 'due_at' && c !== 'code')];
  await sql`create index dossiers_queue_due_idx on dossiers (${sql.raw(byDue.join(', '))}, ${sql.raw(POLICY)})`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) return;
  await db.schema.dropIndex('dossiers_queue_due_idx').execute();
  await db.schema.dropIndex('dossiers_queue_idx').execute();
  await db.schema.createIndex('dossiers_queue_idx').on('dossiers').columns(COLUMNS).execute();
}
