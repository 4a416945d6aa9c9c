import { sql, type Kysely } from 'kysely';

// One-stop dossiers (DOMAIN.md §3). The processing state is the domain's `DossierState`, kept whole
// as JSON text in `state`; the columns beside it are copies of the fields that lists, queues, scope
// checks and statistics filter or sort on, rewritten with the state in the same UPDATE.
// `dossier_sequences` hands out the daily 4-digit sequence of dossier codes: one row per agency
// identifier and day, incremented by an atomic upsert so concurrent receipts never share a number.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  const day = pg ? sql`date` : sql`text`;

  await db.schema
    .createTable('dossier_sequences')
    .addColumn('agency_code', 'text', (c) => c.notNull())
    .addColumn('day', day, (c) => c.notNull())
    .addColumn('last_seq', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_sequences_pk', ['agency_code', 'day'])
    .execute();

  await db.schema
    .createTable('dossiers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('code', 'text', (c) => c.notNull().unique())
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('processing_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('current_unit_id', 'text', (c) => c.references('units.id'))
    .addColumn('assignee_id', 'text', (c) => c.references('users.id'))
    .addColumn('procedure_id', 'text', (c) => c.notNull().references('procedures.id'))
    .addColumn('procedure_version_id', 'text', (c) => c.notNull().references('procedure_versions.id'))
    .addColumn('procedure_code', 'text', (c) => c.notNull())
    .addColumn('procedure_name', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clock_running', 'integer', (c) => c.notNull())
    .addColumn('applicant_name', 'text', (c) => c.notNull())
    .addColumn('applicant_name_folded', 'text', (c) => c.notNull())
    .addColumn('applicant', 'text', (c) => c.notNull())
    .addColumn('components', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('lookup_pin', 'text', (c) => c.notNull())
    .addColumn('submitted_at', instant)
    .addColumn('received_at', instant)
    .addColumn('received_on', day)
    .addColumn('due_date', day)
    .addColumn('due_at', instant)
    // The statutory due moment (moved by pauses, not by apologies): what on-time statistics judge against.
    .addColumn('statutory_due_at', instant)
    .addColumn('deemed_received_on', day)
    .addColumn('end_of_processing_at', instant)
    .addColumn('finished_at', instant)
    .addColumn('return_method', 'text')
    .addColumn('supplement_requests', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('apologies', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.references('users.id'))
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', instant, (c) => c.notNull())
    .addColumn('updated_at', instant, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dossiers_unit_status_idx').on('dossiers').columns(['unit_id', 'status']).execute();
  await db.schema.createIndex('dossiers_processing_unit_idx').on('dossiers').columns(['processing_unit_id', 'status']).execute();
  await db.schema.createIndex('dossiers_current_unit_idx').on('dossiers').columns(['current_unit_id', 'status']).execute();
  await db.schema.createIndex('dossiers_due_idx').on('dossiers').columns(['clock_running', 'due_date']).execute();
  await db.schema.createIndex('dossiers_received_idx').on('dossiers').column('received_on').execute();
  await db.schema.createIndex('dossiers_procedure_idx').on('dossiers').columns(['procedure_id', 'channel']).execute();
  await db.schema.createIndex('dossiers_finished_idx').on('dossiers').column('finished_at').execute();
  // PAR metrics (modules/dossiers/dossier-metrics.ts): covering indexes, so receipts, completions and open
  // dossiers of an agency and period are counted from the index alone, never from the wide rows.
  await db.schema.createIndex('dossiers_metric_receipt_idx').on('dossiers').columns(['unit_id', 'received_on', 'procedure_id', 'channel', 'return_method', 'processing_unit_id']).execute();
  await db.schema.createIndex('dossiers_metric_end_idx').on('dossiers').columns(['unit_id', 'end_of_processing_at', 'statutory_due_at', 'processing_unit_id']).execute();
  await db.schema.createIndex('dossiers_metric_open_idx').on('dossiers').columns(['unit_id', 'clock_running', 'statutory_due_at', 'received_on', 'processing_unit_id']).execute();

  // Who did what: the domain history has times, this has people (the control sheet and timeline).
  await db.schema
    .createTable('dossier_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('from_status', 'text')
    .addColumn('to_status', 'text', (c) => c.notNull())
    .addColumn('at', instant, (c) => c.notNull())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_name', 'text')
    .addColumn('note', 'text')
    .addUniqueConstraint('dossier_events_seq_unique', ['dossier_id', 'seq'])
    .execute();

  // The citizen's rating after return (DOMAIN.md §8): once per dossier, five-level scale.
  await db.schema
    .createTable('dossier_ratings')
    .addColumn('dossier_id', 'text', (c) => c.primaryKey().references('dossiers.id').onDelete('cascade'))
    .addColumn('unit_id', 'text', (c) => c.notNull().references('units.id'))
    .addColumn('scores', 'text', (c) => c.notNull())
    .addColumn('overall', 'integer', (c) => c.notNull())
    .addColumn('comment', 'text')
    .addColumn('created_at', instant, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('dossier_ratings').execute();
  await db.schema.dropTable('dossier_events').execute();
  await db.schema.dropTable('dossiers').execute();
  await db.schema.dropTable('dossier_sequences').execute();
}
