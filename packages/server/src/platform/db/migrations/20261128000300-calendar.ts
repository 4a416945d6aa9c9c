import { sql, type Kysely } from 'kysely';

// Working-day calendar (DOMAIN.md §2): the announced (or edited) non-working weekdays and make-up
// Saturdays, one row per date, grouped by the calendar year whose announcement lists them (the 2019
// set holds 2018-12-31, so the year is stored, not derived). Dates are 'YYYY-MM-DD' TEXT on both
// engines. The rows are seeded by the application at start-up: a migration imports no app code.
// `calendar_state.generation` is bumped with every change so each server instance knows when to
// rebuild its in-memory calendar (the same pattern as `authz_state`).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;

  await db.schema
    .createTable('calendar_days')
    .addColumn('date', 'text', (c) => c.primaryKey())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source_number', 'text')
    .addColumn('source_date', 'text')
    .addColumn('note', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addColumn('updated_by', 'text', (c) => c.references('users.id'))
    .execute();
  await db.schema.createIndex('calendar_days_year_idx').on('calendar_days').column('year').execute();

  await db.schema
    .createTable('calendar_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.insertInto('calendar_state').values({ id: 1, generation: 1 }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('calendar_state').execute();
  await db.schema.dropTable('calendar_days').execute();
}
