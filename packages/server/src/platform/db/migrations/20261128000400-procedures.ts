import { sql, type Kysely } from 'kysely';

// Procedure catalogue (DOMAIN.md §4). A procedure's identity (unit, code, status) lives in
// `procedures`; every content change is a new row of `procedure_versions` in force from its
// effective date, so a dossier can keep the version in force when it was received.
// Content is JSON as TEXT on both engines; the key columns beside it serve search and statistics.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;
  const real = pg ? sql`double precision` : sql`real`;

  await db.schema
    .createTable('procedures')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sector_code', 'text', (c) => c.notNull())
    .addColumn('sector_name', 'text', (c) => c.notNull())
    .addColumn('processing_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('latest_version_no', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('procedures_unit_code_unique', ['unit_id', 'code'])
    .execute();
  await db.schema.createIndex('procedures_processing_unit_idx').on('procedures').column('processing_unit_id').execute();
  await db.schema.createIndex('procedures_sector_idx').on('procedures').column('sector_code').execute();

  await db.schema
    .createTable('procedure_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('effective_from', day, (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('sector_code', 'text', (c) => c.notNull())
    .addColumn('sector_name', 'text', (c) => c.notNull())
    .addColumn('time_limit_value', real, (c) => c.notNull())
    .addColumn('time_limit_unit', 'text', (c) => c.notNull())
    .addColumn('online_level', 'text', (c) => c.notNull())
    .addColumn('processing_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('content', 'text', (c) => c.notNull())
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addUniqueConstraint('procedure_versions_no_unique', ['procedure_id', 'version_no'])
    .execute();
  await db.schema.createIndex('procedure_versions_effective_idx').on('procedure_versions').columns(['procedure_id', 'effective_from']).execute();
  await db.schema.createIndex('procedure_versions_sector_idx').on('procedure_versions').column('sector_code').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('procedure_versions').execute();
  await db.schema.dropTable('procedures').execute();
}
