import { sql, type Kysely } from 'kysely';

// QĐ 766 service-quality indicators (docs/domain/qd766.md): indicator sets as versioned data (the national
// default is written by the application at start-up; a province adds its own with its targets), and the
// figures people enter for the indicators CCHC does not count itself, per unit and period.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('indicator_sets')
    .addColumn('id', 'text', (c) => c.primaryKey())
    // null: the national default; otherwise the unit (a province, an agency) whose set it is, for it and below.
    .addColumn('owner_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('effective_from', day, (c) => c.notNull())
    .addColumn('base_key', 'text')
    .addColumn('overrides_json', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_by', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addUniqueConstraint('indicator_sets_key_unique', ['key'])
    .execute();
  await db.schema.createIndex('indicator_sets_owner_idx').on('indicator_sets').columns(['owner_unit_id', 'effective_from']).execute();

  await db.schema
    .createTable('indicator_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('period_from', day, (c) => c.notNull())
    .addColumn('period_to', day, (c) => c.notNull())
    .addColumn('numerator', 'bigint', (c) => c.notNull())
    .addColumn('denominator', 'bigint', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('entered_by', 'text', (c) => c.references('users.id'))
    .addColumn('entered_by_name', 'text')
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('indicator_entries_period_unique', ['unit_id', 'code', 'period_from', 'period_to'])
    .execute();
  await db.schema.createIndex('indicator_entries_period_idx').on('indicator_entries').columns(['unit_id', 'period_from', 'period_to']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('indicator_entries').execute();
  await db.schema.dropTable('indicator_sets').execute();
}
