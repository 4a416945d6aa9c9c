import { sql, type Kysely } from 'kysely';

// Periodic reports (docs/reports.md): obligations configured per agency, one instance per period
// (generated, idempotent on obligation + period key), and every submission kept as a version.
// An instance carries its latest submission's outcome (sent day, late, complete) so the list
// filters, the overview tiles, the metrics and the reminder pass are single indexed queries.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('report_obligations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('agency_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('name_folded', 'text', (c) => c.notNull())
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('period_kind', 'text', (c) => c.notNull())
    .addColumn('period_json', 'text', (c) => c.notNull())
    .addColumn('due_rule_json', 'text', (c) => c.notNull())
    .addColumn('responsible_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('checklist_json', 'text', (c) => c.notNull())
    .addColumn('par_criteria_json', 'text', (c) => c.notNull())
    .addColumn('serves_par', 'integer', (c) => c.notNull())
    .addColumn('shipped_key', 'text')
    .addColumn('is_active', 'integer', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('report_obligations_agency_code_unique', ['agency_id', 'code'])
    .execute();
  await db.schema.createIndex('report_obligations_responsible_idx').on('report_obligations').column('responsible_unit_id').execute();

  await db.schema
    .createTable('report_instances')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('obligation_id', 'text', (c) => c.notNull().references('report_obligations.id').onDelete('cascade'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('responsible_unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('period_key', 'text', (c) => c.notNull())
    .addColumn('period_from', day, (c) => c.notNull())
    .addColumn('period_to', day, (c) => c.notNull())
    .addColumn('due_on', day, (c) => c.notNull())
    .addColumn('calendar_version', 'text', (c) => c.notNull())
    .addColumn('serves_par', 'integer', (c) => c.notNull())
    .addColumn('sent_on', day)
    .addColumn('is_late', 'integer')
    .addColumn('is_complete', 'integer')
    .addColumn('submission_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .addUniqueConstraint('report_instances_period_unique', ['obligation_id', 'period_key'])
    .execute();
  // The list (scope leads, due day orders), the overview tiles and metrics of a unit set.
  await db.schema.createIndex('report_instances_unit_due_idx').on('report_instances').columns(['responsible_unit_id', 'due_on']).execute();
  await db.schema.createIndex('report_instances_agency_due_idx').on('report_instances').columns(['agency_id', 'due_on']).execute();
  // The daily reminder pass reads only unsubmitted instances up to a horizon (docs/reports.md "Reminders").
  await db.schema.createIndex('report_instances_open_due_idx').on('report_instances').column('due_on').where(sql.ref('sent_on'), 'is', null).execute();

  await db.schema
    .createTable('report_submissions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('instance_id', 'text', (c) => c.notNull().references('report_instances.id').onDelete('cascade'))
    .addColumn('version_no', 'integer', (c) => c.notNull())
    .addColumn('sent_number', 'text', (c) => c.notNull())
    .addColumn('sent_on', day, (c) => c.notNull())
    .addColumn('ticked_json', 'text', (c) => c.notNull())
    .addColumn('is_complete', 'integer', (c) => c.notNull())
    .addColumn('is_late', 'integer', (c) => c.notNull())
    .addColumn('late_reason', 'text')
    .addColumn('file_ids_json', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('submitted_by', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('submitted_at', instant, (c) => c.notNull())
    .addUniqueConstraint('report_submissions_version_unique', ['instance_id', 'version_no'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_submissions').execute();
  await db.schema.dropTable('report_instances').execute();
  await db.schema.dropTable('report_obligations').execute();
}
