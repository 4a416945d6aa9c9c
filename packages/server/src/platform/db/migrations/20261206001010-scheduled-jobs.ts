import { sql, type Kysely } from 'kysely';

// Scheduled jobs stored in the database (issue #10 item 3, docs/architecture.md "Notifications and
// reminders"): each row runs once at or after `run_at`. An instance claims a due row with a conditional
// UPDATE that sets a lease (`lease_until`, `leased_by`); a row whose lease ran out (its instance died) is
// claimable again, so a job survives a restart. `idempotency_key` is unique: the daily reminder job of a
// day is one row however many instances try to create it.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema
    .createTable('scheduled_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
    .addColumn('run_at', instant, (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', instant)
    .addColumn('leased_by', 'text')
    .addColumn('last_error', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('finished_at', instant)
    .execute();
  // Due pending rows by time, and running rows by lease: the claim reads one index range each.
  await db.schema.createIndex('scheduled_jobs_due_idx').on('scheduled_jobs').columns(['status', 'run_at']).execute();
  await db.schema.createIndex('scheduled_jobs_lease_idx').on('scheduled_jobs').columns(['status', 'lease_until']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('scheduled_jobs').execute();
}
