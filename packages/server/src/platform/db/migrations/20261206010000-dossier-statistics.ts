import { sql, type Kysely } from 'kysely';

// One-stop statistics counted in the database (issue #11, docs/domain/statistics.md#how-cchc-computes-it).
//
// Four columns copied from the state on every write, so the report's dossier-level figures come from an
// index: `intake_at` (receipt, or refusal at the receipt check), `closed_at` (the first closing status:
// result ready, returned, refused, stopped, withdrawn), `returned_at` and `payment_stops_clock` (the policy
// frozen at receipt).
//
// `dossier_timeline`: one row per status entry of the history, holding the span until the next entry,
// the statutory due moment in force from it and the supplement requests made by then, plus one row per
// apology letter (status 'apology'). A period report asks which span was alive at the end of the period's
// last day, so a past period is judged with the status and the due date it had then. Rewritten with the
// state in the same transaction as every dossier write.
//
// The queue index gains `statutory_due_at`: the "overdue" queue and the report's "in progress, overdue"
// are one condition on the statutory due moment, answered from the index.
//
// The backfill reads each state once, in pages; its rules are frozen here as the application had them.

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter.constructor.name === 'PostgresAdapter';

const QUEUE_COLUMNS = [
  'status',
  'clock_running',
  'due_date',
  'assignee_id',
  'unit_id',
  'processing_unit_id',
  'current_unit_id',
  'due_at',
  'received_at',
  'code',
  'applicant_name_folded',
];
const SQLITE_POLICY = `json_extract(state, '$.policy.almostDueWorkingDays')`;

const AFTER_RECEIPT = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'stopped', 'result_ready', 'returned'];
const CLOSING = ['result_ready', 'returned', 'refused', 'stopped', 'withdrawn'];

interface FrozenState {
  history?: Array<{ to: string; at: string }>;
  originalDueAt?: string | null;
  dueChanges?: Array<{ at: string; cause: string; statutoryDueAt: string }>;
  apologies?: Array<{ issuedAt: string }>;
  policy?: { paymentStopsClock?: boolean } | null;
}

function derive(id: string, s: FrozenState) {
  const history = s.history ?? [];
  const changes = (s.dueChanges ?? []).filter((c) => c.cause !== 'apology');
  const dueAt = (t: string) => {
    let due = s.originalDueAt ?? null;
    for (const c of changes) if (Date.parse(c.at) <= Date.parse(t)) due = c.statutoryDueAt;
    return due;
  };
  const intakeAt = history.find((h) => AFTER_RECEIPT.includes(h.to))?.at ?? history.find((h) => h.to === 'refused')?.at ?? null;
  let supplements = 0;
  const rows = history.map((h, i) => {
    if (h.to === 'awaiting_supplement') supplements++;
    return {
      dossier_id: id,
      seq: i + 1,
      status: h.to,
      start_at: h.at,
      end_at: history[i + 1]?.at ?? null,
      statutory_due_at: dueAt(h.at),
      supplement_requests: supplements,
    };
  });
  (s.apologies ?? []).forEach((a, j) =>
    rows.push({
      dossier_id: id,
      seq: history.length + j + 1,
      status: 'apology',
      start_at: a.issuedAt,
      end_at: null,
      statutory_due_at: null,
      supplement_requests: supplements,
    }),
  );
  return {
    columns: {
      intake_at: intakeAt,
      closed_at: history.find((h) => CLOSING.includes(h.to))?.at ?? null,
      returned_at: history.find((h) => h.to === 'returned')?.at ?? null,
      payment_stops_clock: s.policy?.paymentStopsClock ? 1 : 0,
    },
    rows,
  };
}

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  const instant = pg ? sql`timestamptz` : sql`text`;
  await db.schema.alterTable('dossiers').addColumn('intake_at', instant).execute();
  await db.schema.alterTable('dossiers').addColumn('closed_at', instant).execute();
  await db.schema.alterTable('dossiers').addColumn('returned_at', instant).execute();
  await db.schema
    .alterTable('dossiers')
    .addColumn('payment_stops_clock', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createTable('dossier_timeline')
    .addColumn('dossier_id', 'text', (c) => c.notNull().references('dossiers.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('start_at', instant, (c) => c.notNull())
    .addColumn('end_at', instant)
    .addColumn('statutory_due_at', instant)
    .addColumn('supplement_requests', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_timeline_pk', ['dossier_id', 'seq'])
    .execute();

  let after = '';
  for (;;) {
    const page: Array<{ id: string; state: string }> = await db
      .selectFrom('dossiers')
      .select(['id', 'state'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (page.length === 0) break;
    const rows = [];
    for (const d of page) {
      const { columns, rows: timeline } = derive(d.id, JSON.parse(d.state) as FrozenState);
      await db.updateTable('dossiers').set(columns).where('id', '=', d.id).execute();
      rows.push(...timeline);
    }
    for (let i = 0; i < rows.length; i += 100)
      await db
        .insertInto('dossier_timeline')
        .values(rows.slice(i, i + 100))
        .execute();
    after = page[page.length - 1]!.id;
  }

  // Spans alive at a moment, by status: the open, submitted and result-ready positions of a period end.
  await db.schema
    .createIndex('dossier_timeline_alive_idx')
    .on('dossier_timeline')
    .columns(['status', 'end_at', 'start_at', 'dossier_id', 'statutory_due_at', 'supplement_requests'])
    .execute();
  // The report over a period: dossiers taken in by its end and not closed before its start, by agency.
  await db.schema
    .createIndex('dossiers_statistics_idx')
    .on('dossiers')
    .columns([
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
    ])
    .execute();

  await db.schema.dropIndex('dossiers_queue_idx').execute();
  if (pg) {
    await db.schema
      .createIndex('dossiers_queue_idx')
      .on('dossiers')
      .columns([...QUEUE_COLUMNS, 'statutory_due_at'])
      .execute();
  } else {
    await db.schema.dropIndex('dossiers_queue_due_idx').execute();
    await sql`create index dossiers_queue_idx on dossiers (${sql.raw([...QUEUE_COLUMNS, 'statutory_due_at'].join(', '))}, ${sql.raw(SQLITE_POLICY)})`.execute(
      db,
    );
    const byDue = ['due_at', 'code', ...QUEUE_COLUMNS.filter((c) => c !== 'due_at' && c !== 'code'), 'statutory_due_at'];
    await sql`create index dossiers_queue_due_idx on dossiers (${sql.raw(byDue.join(', '))}, ${sql.raw(SQLITE_POLICY)})`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema.dropIndex('dossiers_queue_idx').execute();
  if (pg) {
    await db.schema.createIndex('dossiers_queue_idx').on('dossiers').columns(QUEUE_COLUMNS).execute();
  } else {
    await db.schema.dropIndex('dossiers_queue_due_idx').execute();
    await sql`create index dossiers_queue_idx on dossiers (${sql.raw(QUEUE_COLUMNS.join(', '))}, ${sql.raw(SQLITE_POLICY)})`.execute(db);
    const byDue = ['due_at', 'code', ...QUEUE_COLUMNS.filter((c) => c !== 'due_at' && c !== 'code')];
    await sql`create index dossiers_queue_due_idx on dossiers (${sql.raw(byDue.join(', '))}, ${sql.raw(SQLITE_POLICY)})`.execute(db);
  }
  await db.schema.dropIndex('dossiers_statistics_idx').execute();
  await db.schema.dropTable('dossier_timeline').execute();
  for (const c of ['intake_at', 'closed_at', 'returned_at', 'payment_stops_clock']) await db.schema.alterTable('dossiers').dropColumn(c).execute();
}
