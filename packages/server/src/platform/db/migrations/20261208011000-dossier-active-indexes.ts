import { sql, type Kysely } from 'kysely';

// The queues that depend on today or on the reader (overdue, due today, almost due, mine) count the active
// dossiers in the reader's scope (issue #11 queue page; dossier.repository.ts `timedQuery`). On PostgreSQL the
// scope is read as three disjoint parts, one per unit column, each an index-only range of one of these partial
// indexes: only active dossiers, led by the unit column, carrying the columns the queues test. SQLite reads the
// active range of `dossiers_queue_idx` (led by status), which is enough at the sizes it serves.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const ACTIVE = `status in ('received', 'processing', 'awaiting_supplement', 'awaiting_payment')`;
const UNITS = ['unit_id', 'processing_unit_id', 'current_unit_id'];
const CARRIED = ['clock_running', 'due_date', 'statutory_due_at', 'assignee_id'];

export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const unit of UNITS) {
    const include = [...UNITS.filter((u) => u !== unit), ...CARRIED].join(', ');
    await sql`${sql.raw(`create index dossiers_active_${unit}_idx on dossiers (${unit}, status) include (${include}) where ${ACTIVE}`)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  for (const unit of UNITS) await sql`${sql.raw(`drop index dossiers_active_${unit}_idx`)}`.execute(db);
}
