import { sql, type Kysely } from 'kysely';

// The queue page's time-dependent counters (issue #9 defect 11, issue #11 queue page; docs/architecture.md,
// "Queues"): how many **active** dossiers (received, processing, awaiting supplement, awaiting payment) hold each
// (agency unit, processing unit, current unit, status, clock running, due day, statutory due day). The queues
// "overdue", "due today" and "almost due" compare only these with today, so their counts add up the counter rows
// of the reader's scope whose days fall in the queue's range: a 100,000-dossier agency has a few hundred such
// rows (one per due day and unit combination) where the active dossiers are tens of thousands. The statutory due
// day is the local day (UTC+7, as `localDateOf`) of `statutory_due_at`: a dossier is overdue when that instant is
// before today's local midnight, that is when its day is before today. Kept by triggers in the same statement as
// every write to `dossiers`, like `dossier_counts` (migration 20261208010000); `rebuildDossierCounts` recomputes
// both. "Assigned to me" is counted from the dossiers by a small index on the assignee, which replaces the three
// partial indexes of migration 20261208011000 on PostgreSQL.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const ACTIVE = `('received', 'processing', 'awaiting_supplement', 'awaiting_payment')`;
const KEY = 'unit_id, processing_unit_id, current_unit_id, status, clock_running, due_day, statutory_due_day';

/**
 * The counter key of a dossier row (`r` is `new`, `old` or a transition table's alias); a missing value is ''.
 * `named`: each column under its counter column's name (for reading the key back, modules/dossiers/dossier-counts.ts).
 */
export const dueKeyOf = (r: string, pg: boolean, named = false) => {
  const columns = [
    `${r}.unit_id`,
    `coalesce(${r}.processing_unit_id, '')`,
    `coalesce(${r}.current_unit_id, '')`,
    `${r}.status`,
    `${r}.clock_running`,
    pg ? `coalesce(to_char(${r}.due_date, 'YYYY-MM-DD'), '')` : `coalesce(${r}.due_date, '')`,
    pg
      ? `coalesce(to_char((${r}.statutory_due_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD'), '')`
      : `coalesce(date(${r}.statutory_due_at, '+7 hours'), '')`,
  ];
  const names = KEY.split(', ');
  return columns.map((c, i) => (named ? `${c} as ${names[i]!}` : c)).join(', ');
};

const sqliteBump = (r: string, delta: 1 | -1) =>
  `insert into dossier_due_counts (${KEY}, n) select ${dueKeyOf(r, false)}, ${delta} where ${r}.status in ${ACTIVE} ` +
  `on conflict (${KEY}) do update set n = n + (${delta});`;

const PG_APPLY = (rows: string) => `
  insert into dossier_due_counts as c (${KEY}, n)
    select ${KEY}, sum(n) from (${rows}) x (${KEY}, n)
    group by ${KEY} having sum(n) <> 0 order by ${KEY}
  on conflict (${KEY}) do update set n = c.n + excluded.n;`;
const NEW_ROWS = `select ${dueKeyOf('r', true)}, 1 from new_rows r where r.status in ${ACTIVE}`;
const OLD_ROWS = `select ${dueKeyOf('r', true)}, -1 from old_rows r where r.status in ${ACTIVE}`;

/** What the queue page's walk tests and returns besides the sort keys (PostgreSQL `dossiers_due_at_code_idx`). */
const PAGE_COLUMNS =
  'unit_id, processing_unit_id, current_unit_id, status, clock_running, due_date, assignee_id, received_at, applicant_name_folded, statutory_due_at';

const ACTIVE_INDEX_UNITS = ['unit_id', 'processing_unit_id', 'current_unit_id'];

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dossier_due_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('processing_unit_id', 'text', (c) => c.notNull())
    .addColumn('current_unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('clock_running', 'integer', (c) => c.notNull())
    .addColumn('due_day', 'text', (c) => c.notNull())
    .addColumn('statutory_due_day', 'text', (c) => c.notNull())
    .addColumn('n', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_due_counts_pk', [
      'unit_id',
      'processing_unit_id',
      'current_unit_id',
      'status',
      'clock_running',
      'due_day',
      'statutory_due_day',
    ])
    .execute();
  // The scope meets a counter row by any of its three units: the key leads with the agency's, these serve the others.
  await db.schema.createIndex('dossier_due_counts_processing_idx').on('dossier_due_counts').column('processing_unit_id').execute();
  await db.schema.createIndex('dossier_due_counts_current_idx').on('dossier_due_counts').column('current_unit_id').execute();
  await sql`${sql.raw(`insert into dossier_due_counts (${KEY}, n) select ${dueKeyOf('d', pg)}, count(*) from dossiers d where d.status in ${ACTIVE} group by ${dueKeyOf('d', pg)}`)}`.execute(
    db,
  );

  if (pg) {
    await sql`
      create function dossier_due_counts_apply() returns trigger language plpgsql as $$
      begin
        if tg_op = 'INSERT' then
          ${sql.raw(PG_APPLY(NEW_ROWS))}
        elsif tg_op = 'DELETE' then
          ${sql.raw(PG_APPLY(OLD_ROWS))}
        else
          ${sql.raw(PG_APPLY(`${NEW_ROWS} union all ${OLD_ROWS}`))}
        end if;
        return null;
      end $$`.execute(db);
    await sql`create function dossier_due_counts_clear() returns trigger language plpgsql as $$ begin delete from dossier_due_counts; return null; end $$`.execute(
      db,
    );
    for (const [op, refs] of [
      ['insert', 'new table as new_rows'],
      ['update', 'new table as new_rows old table as old_rows'],
      ['delete', 'old table as old_rows'],
    ] as const)
      await sql`${sql.raw(`create trigger dossiers_due_counts_${op} after ${op} on dossiers referencing ${refs} for each statement execute function dossier_due_counts_apply()`)}`.execute(
        db,
      );
    await sql`create trigger dossiers_due_counts_truncate after truncate on dossiers for each statement execute function dossier_due_counts_clear()`.execute(db);
    for (const unit of ACTIVE_INDEX_UNITS) await sql`${sql.raw(`drop index dossiers_active_${unit}_idx`)}`.execute(db);
    // The date sort's walk (dossier.repository.ts `pageQuery`) checks the scope and the queue on the index
    // entry instead of the table row: where the reader's dossiers are sparse in date order (one agency among
    // many), a page far down by cursor read thousands of table rows for its 20.
    await sql`drop index dossiers_due_at_code_idx`.execute(db);
    await sql`create index dossiers_due_at_code_idx on dossiers (due_at, code) include (${sql.raw(PAGE_COLUMNS)})`.execute(db);
    await sql`${sql.raw(
      `create index dossiers_active_assignee_idx on dossiers (assignee_id, status) include (unit_id, processing_unit_id, current_unit_id) where status in ${ACTIVE}`,
    )}`.execute(db);
  } else {
    await sql`create trigger dossiers_due_counts_insert after insert on dossiers begin ${sql.raw(sqliteBump('new', 1))} end`.execute(db);
    await sql`
      create trigger dossiers_due_counts_update after update of unit_id, processing_unit_id, current_unit_id, status, clock_running, due_date, statutory_due_at on dossiers
      when new.unit_id is not old.unit_id or new.processing_unit_id is not old.processing_unit_id or new.current_unit_id is not old.current_unit_id
        or new.status is not old.status or new.clock_running is not old.clock_running or new.due_date is not old.due_date
        or new.statutory_due_at is not old.statutory_due_at
      begin ${sql.raw(sqliteBump('old', -1))} ${sql.raw(sqliteBump('new', 1))} end`.execute(db);
    await sql`create trigger dossiers_due_counts_delete after delete on dossiers begin ${sql.raw(sqliteBump('old', -1))} end`.execute(db);
    await sql`create index dossiers_active_assignee_idx on dossiers (assignee_id, status, unit_id, processing_unit_id, current_unit_id)`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const t of ['insert', 'update', 'delete', ...(pg ? ['truncate'] : [])])
    await sql`drop trigger if exists ${sql.raw(`dossiers_due_counts_${t}`)}${pg ? sql` on dossiers` : sql``}`.execute(db);
  await sql`drop index if exists dossiers_active_assignee_idx`.execute(db);
  if (pg) {
    await sql`drop function if exists dossier_due_counts_apply()`.execute(db);
    await sql`drop function if exists dossier_due_counts_clear()`.execute(db);
    await sql`drop index dossiers_due_at_code_idx`.execute(db);
    await sql`create index dossiers_due_at_code_idx on dossiers (due_at, code)`.execute(db);
    const include = (unit: string) => [...ACTIVE_INDEX_UNITS.filter((u) => u !== unit), 'clock_running', 'due_date', 'statutory_due_at', 'assignee_id'].join(', ');
    for (const unit of ACTIVE_INDEX_UNITS)
      await sql`${sql.raw(`create index dossiers_active_${unit}_idx on dossiers (${unit}, status) include (${include(unit)}) where status in ${ACTIVE}`)}`.execute(db);
  }
  await db.schema.dropTable('dossier_due_counts').execute();
}
