import { sql } from 'kysely';
import type { Db } from './database';

// Rows loaded without row-by-row triggers (PostgreSQL; docs/dossier-imports.md "Direct first loads"). A foreign
// key is enforced by a trigger that looks its target up once per inserted row, one SPI query each: for a
// dossier, five lookups (units three times, users, procedures), about a third of a bulk COPY's time. With
// `session_replication_role = replica` for the load (what pg_restore's --disable-triggers does) those triggers,
// and the tables' own triggers, do not fire; afterwards every foreign key of the loaded tables is checked once,
// set-based: the distinct keys the rows hold, their targets locked FOR KEY SHARE as the triggers would have
// locked them (a target cannot be deleted before the load commits), any key without a target reported as
// PostgreSQL reports it (23503, the constraint's name). The caller does the work of the tables' own triggers
// (the dossier counters: a recount).
//
// Setting the parameter needs a superuser, or PostgreSQL 15's `GRANT SET ON PARAMETER session_replication_role`
// (docs/deployment.md "PostgreSQL"): without it the load runs with the triggers, as before.

/** A load with the triggers off: `end` turns them on again and checks the foreign keys they skipped. */
export interface TriggerBypass {
  end(): Promise<void>;
}

/** A foreign key the load bypassed: its name as declared; tables and columns quoted for SQL. */
interface ForeignKey {
  name: string;
  table: string;
  target: string;
  columns: string[];
  targetColumns: string[];
}

/**
 * Turns row triggers off for the rest of the caller's transaction (PostgreSQL), or returns null when the role
 * may not (then nothing changed and the transaction is usable). `tables` are those the caller will write while
 * they are off; `end` must be called before anything else is written in the transaction.
 */
export async function bypassTriggers(trx: Db, tables: readonly string[]): Promise<TriggerBypass | null> {
  if (!trx.isTransaction) throw new Error('bypassTriggers runs inside a transaction');
  const before = (await sql<{ role: string }>`select current_setting('session_replication_role') as role`.execute(trx)).rows[0]!.role;
  // A savepoint, so that a role without the right leaves the caller's transaction usable.
  await sql`savepoint bypass_triggers`.execute(trx);
  try {
    await sql`set local session_replication_role = replica`.execute(trx);
  } catch (e) {
    if ((e as { code?: string }).code !== '42501') throw e;
    await sql`rollback to savepoint bypass_triggers`.execute(trx);
    return null;
  }
  await sql`release savepoint bypass_triggers`.execute(trx);
  return {
    async end() {
      await sql`select set_config('session_replication_role', ${before}, true)`.execute(trx);
      await checkForeignKeys(trx, tables);
    },
  };
}

/** The foreign keys declared on `tables` now (those dropped for the load are checked when they are added again). */
async function foreignKeys(trx: Db, tables: readonly string[]): Promise<ForeignKey[]> {
  const r = await sql<ForeignKey>`
    select c.conname::text as name, c.conrelid::regclass::text as "table", c.confrelid::regclass::text as target,
      array(select quote_ident(a.attname) from unnest(c.conkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i)::text[] as columns,
      array(select quote_ident(a.attname) from unnest(c.confkey) with ordinality k(n, i)
            join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i)::text[] as "targetColumns"
    from pg_constraint c
    where c.contype = 'f' and c.conrelid in (${sql.join(tables.map((t) => sql`${t}::regclass`))})
    order by 1`.execute(trx);
  return r.rows;
}

/**
 * Checks every foreign key of `tables` in one pass over each table: its distinct key values go into a temporary
 * table (a few hundred for a million dossiers), then each key's targets are locked and any value without one is
 * an error. MATCH SIMPLE, as the constraints are declared: a key with a null column references nothing.
 */
async function checkForeignKeys(trx: Db, tables: readonly string[]): Promise<void> {
  const keys = await foreignKeys(trx, tables);
  for (const [i, table] of tables.entries()) {
    const mine = keys.filter((k) => k.table === table);
    if (mine.length === 0) continue;
    const columns = [...new Set(mine.flatMap((k) => k.columns))];
    const distinct = `bypass_keys_${i}`;
    await sql.raw(`create temporary table ${distinct} on commit drop as select distinct ${columns.join(', ')} from ${table}`).execute(trx);
    for (const k of mine) {
      const held = k.columns.map((c) => `k.${c} is not null`).join(' and ');
      const match = k.columns.map((c, j) => `t.${k.targetColumns[j]} = k.${c}`).join(' and ');
      await sql.raw(`select 1 from ${k.target} t where exists (select 1 from ${distinct} k where ${held} and ${match}) for key share of t`).execute(trx);
      const missing = await sql
        .raw<Record<string, unknown>>(
          `select ${k.columns.map((c) => `k.${c}::text`).join(', ')} from ${distinct} k
         where ${held} and not exists (select 1 from ${k.target} t where ${match}) limit 1`,
        )
        .execute(trx);
      const row = missing.rows[0];
      if (row)
        throw Object.assign(new Error(`insert or update on table "${table}" violates foreign key constraint "${k.name}"`), {
          code: '23503',
          table,
          constraint: k.name,
          detail: `Key (${k.columns.join(', ')})=(${Object.values(row).map(String).join(', ')}) is not present in table "${k.target}".`,
        });
    }
    await sql.raw(`drop table ${distinct}`).execute(trx);
  }
}
