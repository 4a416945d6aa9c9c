import { sql, type Kysely } from 'kysely';

// The queue page's counters (issue #9 defect 11, issue #11 queue page; docs/conventions.md#lists-and-counting):
// how many dossiers hold each (agency unit, processing unit, current unit, status, assigned or not). The
// queues that depend only on those (all, to receive, to process, awaiting supplement, open, to assign,
// result ready) add up the few counter rows whose units meet the reader's scope instead of reading every
// dossier in it; the queues that depend on today or on the reader (overdue, due today, almost due, mine) still
// read the dossiers, only the active ones. Database triggers keep the counters current in the same statement
// as every insert, update and delete of a dossier, whoever writes (the service, the bulk import's switch, the
// CLI, seeders). A missing unit is stored as '' (a key column cannot be null). `rebuildDossierCounts`
// (modules/dossiers/dossier-counts.ts) recomputes them from the dossiers.

function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

const KEY = 'unit_id, processing_unit_id, current_unit_id, status, assigned';

/** The counter key of a dossier row (`r` is `new`, `old` or a transition table's alias). */
const keyOf = (r: string) =>
  `${r}.unit_id, coalesce(${r}.processing_unit_id, ''), coalesce(${r}.current_unit_id, ''), ${r}.status, case when ${r}.assignee_id is null then 0 else 1 end`;

/** Every counter, from the dossiers: the definition the triggers maintain. */
const FILL = sql.raw(`insert into dossier_counts (${KEY}, n) select ${keyOf('d')}, count(*) from dossiers d group by ${keyOf('d')}`);

/** SQLite (one writer at a time): add `delta` to the row's counter. */
const sqliteBump = (r: string, delta: 1 | -1) =>
  `insert into dossier_counts (${KEY}, n) values (${keyOf(r)}, ${delta}) on conflict (${KEY}) do update set n = n + (${delta});`;

/**
 * PostgreSQL: one statement-level trigger per operation with its transition tables, so a statement that
 * writes many dossiers (an import's switch, a seeder) updates each counter once; the deltas are applied in
 * key order so two transactions lock shared counters in the same order (no deadlock between them).
 */
const PG_APPLY = (rows: string) => `
  insert into dossier_counts as c (${KEY}, n)
    select ${KEY}, sum(n) from (${rows}) x (${KEY}, n)
    group by ${KEY} having sum(n) <> 0 order by ${KEY}
  on conflict (${KEY}) do update set n = c.n + excluded.n;`;
const NEW_ROWS = `select ${keyOf('r')}, 1 from new_rows r`;
const OLD_ROWS = `select ${keyOf('r')}, -1 from old_rows r`;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('dossier_counts')
    .addColumn('unit_id', 'text', (c) => c.notNull())
    .addColumn('processing_unit_id', 'text', (c) => c.notNull())
    .addColumn('current_unit_id', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned', 'integer', (c) => c.notNull())
    .addColumn('n', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('dossier_counts_pk', ['unit_id', 'processing_unit_id', 'current_unit_id', 'status', 'assigned'])
    .execute();
  await FILL.execute(db);

  if (pg) {
    await sql`
      create function dossier_counts_apply() returns trigger language plpgsql as $$
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
    await sql`create function dossier_counts_clear() returns trigger language plpgsql as $$ begin delete from dossier_counts; return null; end $$`.execute(db);
    await sql`create trigger dossiers_counts_insert after insert on dossiers referencing new table as new_rows for each statement execute function dossier_counts_apply()`.execute(
      db,
    );
    await sql`create trigger dossiers_counts_update after update on dossiers referencing new table as new_rows old table as old_rows for each statement execute function dossier_counts_apply()`.execute(
      db,
    );
    await sql`create trigger dossiers_counts_delete after delete on dossiers referencing old table as old_rows for each statement execute function dossier_counts_apply()`.execute(
      db,
    );
    await sql`create trigger dossiers_counts_truncate after truncate on dossiers for each statement execute function dossier_counts_clear()`.execute(db);
  } else {
    await sql`create trigger dossiers_counts_insert after insert on dossiers begin ${sql.raw(sqliteBump('new', 1))} end`.execute(db);
    await sql`
      create trigger dossiers_counts_update after update of unit_id, processing_unit_id, current_unit_id, status, assignee_id on dossiers
      when new.unit_id is not old.unit_id or new.processing_unit_id is not old.processing_unit_id or new.current_unit_id is not old.current_unit_id
        or new.status is not old.status or (new.assignee_id is null) is not (old.assignee_id is null)
      begin ${sql.raw(sqliteBump('old', -1))} ${sql.raw(sqliteBump('new', 1))} end`.execute(db);
    await sql`create trigger dossiers_counts_delete after delete on dossiers begin ${sql.raw(sqliteBump('old', -1))} end`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  for (const t of ['insert', 'update', 'delete', ...(pg ? ['truncate'] : [])])
    await sql`drop trigger if exists ${sql.raw(`dossiers_counts_${t}`)}${pg ? sql` on dossiers` : sql``}`.execute(db);
  if (pg) {
    await sql`drop function if exists dossier_counts_apply()`.execute(db);
    await sql`drop function if exists dossier_counts_clear()`.execute(db);
  }
  await db.schema.dropTable('dossier_counts').execute();
}
