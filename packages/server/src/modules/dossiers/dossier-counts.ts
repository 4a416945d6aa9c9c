import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import { isPostgres } from '../../platform/db/dialect';
import { dueKeyOf } from '../../platform/db/migrations/20261209030000-dossier-due-counts';

// The queue counters (`dossier_counts`, migration 20261208010000; docs/conventions.md#lists-and-counting): how
// many dossiers hold each (agency unit, processing unit, current unit, status, assigned). Database triggers
// keep them current with every write to `dossiers`; this module recomputes them from the dossiers (after a
// restore that bypassed the triggers, or to check them) and reads them back for the consistency tests. The same
// for the active dossiers' counters by due days (`dossier_due_counts`, migration 20261209030000), keyed `due|…`.

/** The counter key of a dossier row, as the triggers write it (a missing unit is ''). */
const KEY = sql`d.unit_id, coalesce(d.processing_unit_id, ''), coalesce(d.current_unit_id, ''), d.status, case when d.assignee_id is null then 0 else 1 end`;

type Counts = Map<string, number>;

const keyOf = (r: Record<string, unknown>) => `${String(r.a)}|${String(r.b)}|${String(r.c)}|${String(r.s)}|${Number(r.x)}`;
const dueKey = (r: Record<string, unknown>) =>
  `due|${String(r.unitId)}|${String(r.processingUnitId)}|${String(r.currentUnitId)}|${String(r.status)}|${Number(r.clockRunning)}|${String(r.dueDay)}|${String(r.statutoryDueDay)}`;

const ACTIVE = sql.raw(`('received', 'processing', 'awaiting_supplement', 'awaiting_payment')`);
const DUE_COLUMNS = sql.raw('unit_id, processing_unit_id, current_unit_id, status, clock_running, due_day, statutory_due_day');
const dueKeySql = (db: Db) => sql.raw(dueKeyOf('d', isPostgres(db)));

/** The counters a fresh count of the dossiers gives, by key. */
export async function freshDossierCounts(db: Db): Promise<Counts> {
  const r = await sql<Record<string, unknown>>`
    select d.unit_id as a, coalesce(d.processing_unit_id, '') as b, coalesce(d.current_unit_id, '') as c, d.status as s,
      case when d.assignee_id is null then 0 else 1 end as x, count(*) as n
    from dossiers d group by ${KEY}`.execute(db);
  const due = await sql<Record<string, unknown>>`
    select ${sql.raw(dueKeyOf('d', isPostgres(db), true))}, count(*) as n from dossiers d where d.status in ${ACTIVE} group by ${dueKeySql(db)}`.execute(db);
  return new Map([...r.rows.map((row) => [keyOf(row), Number(row.n)] as const), ...due.rows.map((row) => [dueKey(row), Number(row.n)] as const)]);
}

/** The stored counters, by key (rows at zero left out: a key no dossier holds any more may keep a zero row). */
export async function storedDossierCounts(db: Db): Promise<Counts> {
  const r = await sql<Record<string, unknown>>`
    select unit_id as a, processing_unit_id as b, current_unit_id as c, status as s, assigned as x, n from dossier_counts where n <> 0`.execute(db);
  const due = await sql<Record<string, unknown>>`
    select ${DUE_COLUMNS}, n from dossier_due_counts where n <> 0`.execute(db);
  return new Map([...r.rows.map((row) => [keyOf(row), Number(row.n)] as const), ...due.rows.map((row) => [dueKey(row), Number(row.n)] as const)]);
}

/**
 * Recomputes every counter (both tables) from the dossiers in one transaction; on PostgreSQL writers of dossiers wait for it
 * (share lock), so none of their changes falls between the count and the switch. Returns the number of counter rows.
 */
export async function rebuildDossierCounts(db: Db): Promise<number> {
  return db.transaction().execute((trx) => recountDossiers(trx));
}

/**
 * The same inside the caller's transaction: also for a bulk load that bypassed the triggers
 * (docs/dossier-imports.md "Direct first loads").
 */
export async function recountDossiers(trx: Db): Promise<number> {
  if (!trx.isTransaction) throw new Error('recountDossiers runs inside a transaction');
  if (isPostgres(trx)) await sql`lock table dossiers in share mode`.execute(trx);
  await sql`delete from dossier_counts`.execute(trx);
  await sql`
    insert into dossier_counts (unit_id, processing_unit_id, current_unit_id, status, assigned, n)
    select ${KEY}, count(*) from dossiers d group by ${KEY}`.execute(trx);
  await sql`delete from dossier_due_counts`.execute(trx);
  await sql`
    insert into dossier_due_counts (${DUE_COLUMNS}, n)
    select ${dueKeySql(trx)}, count(*) from dossiers d where d.status in ${ACTIVE} group by ${dueKeySql(trx)}`.execute(trx);
  const r = await sql<{ n: number | string }>`select count(*) as n from dossier_counts`.execute(trx);
  return Number(r.rows[0]!.n);
}
