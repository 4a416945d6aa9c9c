import { sql, type Kysely } from 'kysely';

// Bulk import and live sync of dossiers from other one-stop systems (issue #11 items 5 and 5b,
// docs/dossier-imports.md). `dossier_imports` is one job: its file's hash, progress counters, the row
// errors (the first 1,000) and a lease, so a job whose process died is claimed again and starts over.
// `dossier_import_rows` and `dossier_import_events` stage a job's rows, already converted into dossier
// columns, until the switch copies them into `dossiers` and `dossier_events` in one transaction; a crash
// before the switch leaves only staged rows, which the restarted job deletes first. `dossiers` gains
// `import_id` (the job that last wrote the dossier: "imported") and `source_hash` (the hash of the source
// record, so the same record again changes nothing).

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('dossier_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('actor_username', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('file_path', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'bigint', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('rows_read', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_valid', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_written', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rows_unchanged', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('errors', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('failure', 'text')
    .addColumn('cancel_requested', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('lease_until', instant)
    .addColumn('leased_by', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('started_at', instant)
    .addColumn('finished_at', instant)
    .execute();
  await db.schema.createIndex('dossier_imports_unit_idx').on('dossier_imports').columns(['unit_id', 'created_at']).execute();
  await db.schema.createIndex('dossier_imports_status_idx').on('dossier_imports').columns(['status', 'lease_until']).execute();

  await db.schema
    .createTable('dossier_import_rows')
    .addColumn('import_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('id', 'text', (c) => c.notNull())
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('source_hash', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('processing_unit_id', 'text')
    .addColumn('procedure_id', 'text', (c) => c.notNull())
    .addColumn('procedure_version_id', 'text', (c) => c.notNull())
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clock_running', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_name_folded', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('lookup_pin', 'text', (c) => c.notNull())
    .addColumn('submitted_at', instant)
    .addColumn('received_at', instant)
    .addColumn('received_on', day)
    .addColumn('due_date', day)
    .addColumn('due_at', instant)
    .addColumn('statutory_due_at', instant)
    .addColumn('deemed_received_on', day)
    .addColumn('end_of_processing_at', instant)
    .addColumn('finished_at', instant)
    .addColumn('supplement_requests', 'integer', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    // Set by the switch: 'insert', 'update' or 'unchanged', and the id of the dossier it writes.
    .addColumn('action', 'text')
    .addColumn('dossier_id', 'text')
    .addPrimaryKeyConstraint('dossier_import_rows_pk', ['import_id', 'row_no'])
    .execute();
  await db.schema.createIndex('dossier_import_rows_code_idx').on('dossier_import_rows').columns(['import_id', 'code']).execute();

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

  await db.schema.alterTable('dossiers').addColumn('import_id', 'text').execute();
  await db.schema.alterTable('dossiers').addColumn('source_hash', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('dossiers').dropColumn('source_hash').execute();
  await db.schema.alterTable('dossiers').dropColumn('import_id').execute();
  await db.schema.dropTable('dossier_import_events').execute();
  await db.schema.dropTable('dossier_import_rows').execute();
  await db.schema.dropTable('dossier_imports').execute();
}
