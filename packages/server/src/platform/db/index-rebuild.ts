import { sql } from 'kysely';
import type { Db } from './database';

// Indexes set aside for a bulk load and built again after it (docs/dossier-imports.md, "First loads"). A row
// inserted into a table with twenty indexes costs twenty B-tree insertions at random places; building an
// index once over all the rows sorts them and writes each page once. PostgreSQL's documentation gives the
// same advice for populating a table ("Populating a Database": remove indexes and foreign keys, load,
// recreate). Everything here runs inside the caller's transaction: both engines roll DDL back with it, so a
// failed or killed load leaves every index and key as it was.

/** What was set aside. */
export interface SetAside {
  /** Indexes and keys dropped (for the job's timings and the tests). */
  readonly dropped: number;
  /** Builds everything again from the definitions read before dropping it. */
  restore(): Promise<void>;
}

export interface SetAsideOptions {
  /** Tables whose secondary indexes are dropped (indexes behind a constraint or a foreign key are kept). */
  tables: readonly string[];
  /**
   * PostgreSQL only: tables whose primary and unique keys, and foreign keys into `tables`, are dropped too
   * (none may be the target of another table's foreign key; those are kept). SQLite keeps a table's keys
   * (they are part of its definition).
   */
  keyTables?: readonly string[];
  /** PostgreSQL: how long to wait for the tables' exclusive lock before giving up (null is returned). */
  lockTimeoutMs: number;
  /** PostgreSQL: memory for each index build (`maintenance_work_mem`) at least, in MB (default 256). */
  buildMemoryMb?: number;
}

interface Definition {
  table: string;
  name: string;
  def: string;
  kind: 'index' | 'key' | 'foreign';
}

/**
 * Drops the secondary indexes of `tables` (and on PostgreSQL the keys of `keyTables`), returning how to
 * build them again, or null when PostgreSQL could not lock the tables within `lockTimeoutMs` (other work
 * holds them; the caller loads with the indexes in place). On PostgreSQL the tables stay locked
 * (ACCESS EXCLUSIVE: no other session reads or writes them) until the caller's transaction ends; SQLite's
 * readers keep reading the last committed state, its writers wait for the transaction as they always do.
 */
export async function setAsideIndexes(trx: Db, engine: 'postgres' | 'sqlite', opts: SetAsideOptions): Promise<SetAside | null> {
  if (!trx.isTransaction) throw new Error('setAsideIndexes runs inside a transaction');
  const defs = engine === 'postgres' ? await pgDefinitions(trx, opts) : await sqliteDefinitions(trx, opts.tables);
  if (!defs) return null;
  // Foreign keys first (they depend on the keys), then keys, then plain indexes.
  const order = { foreign: 0, key: 1, index: 2 } as const;
  for (const d of [...defs].sort((a, b) => order[a.kind] - order[b.kind]))
    await sql.raw(d.kind === 'index' ? `drop index ${d.name}` : `alter table ${d.table} drop constraint ${d.name}`).execute(trx);
  return {
    dropped: defs.length,
    async restore() {
      // Raised for the builds when the server gives less (never lowered: docs/deployment.md suggests more).
      const buildKb = Math.max(64, Math.floor(opts.buildMemoryMb ?? 256)) * 1024;
      const raise =
        engine === 'postgres' &&
        Number((await sql<{ kb: string }>`select setting as kb from pg_settings where name = 'maintenance_work_mem'`.execute(trx)).rows[0]?.kb) < buildKb;
      if (raise) await sql.raw(`set local maintenance_work_mem = '${buildKb}kB'`).execute(trx);
      // Keys first (adding one checks the rows are unique), the plain indexes, then the foreign keys (adding
      // one checks every row against its target in one join rather than a lookup per inserted row).
      for (const kind of ['key', 'index', 'foreign'] as const)
        for (const d of defs)
          if (d.kind === kind) await sql.raw(kind === 'index' ? d.def : `alter table ${d.table} add constraint ${d.name} ${d.def}`).execute(trx);
      if (raise) await sql`set local maintenance_work_mem to default`.execute(trx);
    },
  };
}

async function pgDefinitions(trx: Db, opts: SetAsideOptions): Promise<Definition[] | null> {
  const all = [...new Set([...opts.tables, ...(opts.keyTables ?? [])])];
  const list = sql.join(all.map((t) => sql`${t}::regclass`));
  // A savepoint, so that a lock that cannot be had leaves the caller's transaction usable.
  await sql`savepoint set_aside_indexes`.execute(trx);
  try {
    await sql.raw(`set local lock_timeout = ${Math.max(1, Math.floor(opts.lockTimeoutMs))}`).execute(trx);
    await sql.raw(`lock table ${all.join(', ')} in access exclusive mode`).execute(trx);
    await sql`set local lock_timeout to default`.execute(trx);
  } catch (e) {
    if ((e as { code?: string }).code !== '55P03') throw e;
    await sql`rollback to savepoint set_aside_indexes`.execute(trx);
    return null;
  }
  await sql`release savepoint set_aside_indexes`.execute(trx);
  const indexes = await sql<{ table: string; name: string; def: string }>`
    select i.indrelid::regclass::text as "table", i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i
    where i.indrelid in (${sql.join(opts.tables.map((t) => sql`${t}::regclass`))})
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
    order by 2`.execute(trx);
  const keyTables = opts.keyTables ?? [];
  const keys =
    keyTables.length === 0
      ? { rows: [] }
      : await sql<{ table: string; name: string; def: string; kind: 'key' | 'foreign' }>`
          select c.conrelid::regclass::text as "table", quote_ident(c.conname) as name, pg_get_constraintdef(c.oid) as def,
            case when c.contype = 'f' then 'foreign' else 'key' end as kind
          from pg_constraint c
          where c.conrelid in (${sql.join(keyTables.map((t) => sql`${t}::regclass`))})
            and (c.contype in ('p', 'u') and not exists (select 1 from pg_constraint r where r.contype = 'f' and r.conindid = c.conindid)
              or c.contype = 'f' and c.confrelid in (${list}))
          order by 2`.execute(trx);
  return [...indexes.rows.map((r) => ({ ...r, kind: 'index' as const })), ...keys.rows];
}

async function sqliteDefinitions(trx: Db, tables: readonly string[]): Promise<Definition[]> {
  // An index SQLite made for a PRIMARY KEY or UNIQUE clause has no SQL text: it belongs to the table.
  const r = await sql<{ table: string; name: string; def: string }>`
    select tbl_name as "table", '"' || replace(name, '"', '""') || '"' as name, sql as def
    from sqlite_master where type = 'index' and sql is not null and tbl_name in (${sql.join([...tables])})
    order by name`.execute(trx);
  return r.rows.map((x) => ({ ...x, kind: 'index' as const }));
}
