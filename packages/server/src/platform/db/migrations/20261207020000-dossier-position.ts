import { sql, type Kysely } from 'kysely';

// The dossier's position, on its own row (issue #11, docs/domain/statistics.md#how-cchc-computes-it): the
// last status entry of its history (the timeline span that has no end yet) with the statutory due moment
// and the supplement requests in force from it. A period report's "position at the end of the period" is
// that open span when it started before the period's end, else a closed timeline span that straddles the
// end; the open spans, one per dossier, are thus counted in the same pass over the dossiers as the other
// figures instead of joining every alive timeline row back to its dossier (1,000,000 dossiers: 2 s → one scan).
//
// `dossiers_statistics_idx` is rebuilt with these columns and the payment policy, so SQLite answers the
// whole report from the index without reading the wide rows. Backfilled from the timeline in one statement.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

const STATISTICS_COLUMNS = [
  'unit_id',
  'intake_at',
  'closed_at',
  'returned_at',
  'status',
  'channel',
  'end_of_processing_at',
  'statutory_due_at',
  'processing_unit_id',
  'current_unit_id',
  'procedure_id',
  'assignee_id',
];
const POSITION_COLUMNS = ['position_status', 'position_since', 'position_due_at', 'position_supplements', 'payment_stops_clock'];

export async function up(db: Kysely<any>): Promise<void> {
  const instant = isPostgres(db) ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('dossiers').addColumn('position_status', 'text').execute();
  await db.schema.alterTable('dossiers').addColumn('position_since', instant).execute();
  await db.schema.alterTable('dossiers').addColumn('position_due_at', instant).execute();
  await db.schema.alterTable('dossiers').addColumn('position_supplements', 'integer').execute();
  // The index goes first: one index fewer to write for every row the backfill rewrites.
  await db.schema.dropIndex('dossiers_statistics_idx').execute();
  await sql`update dossiers set position_status = s.status, position_since = s.start_at, position_due_at = s.statutory_due_at,
      position_supplements = s.supplement_requests
    from dossier_timeline s where s.dossier_id = dossiers.id and s.end_at is null and s.status <> 'apology'`.execute(db);
  await db.schema
    .createIndex('dossiers_statistics_idx')
    .on('dossiers')
    .columns([...STATISTICS_COLUMNS, ...POSITION_COLUMNS])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('dossiers_statistics_idx').execute();
  await db.schema.createIndex('dossiers_statistics_idx').on('dossiers').columns(STATISTICS_COLUMNS).execute();
  for (const c of ['position_status', 'position_since', 'position_due_at', 'position_supplements']) await db.schema.alterTable('dossiers').dropColumn(c).execute();
}
