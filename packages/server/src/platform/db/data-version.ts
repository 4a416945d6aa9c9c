import { sql, type RawBuilder } from 'kysely';
import type { Db } from './database';
import { isPostgres } from './dialect';

/**
 * A token that changes whenever committed data of the database may have changed, maintained by the database
 * itself, so no writer can forget to bump it (docs/architecture.md, "Data version and derived-figure cache"):
 *
 * - SQLite: `total_changes()` (rows inserted, updated or deleted through this process's one connection,
 *   triggers included; Kysely runs a transaction alone on it, so a read never sees one half done) and
 *   `PRAGMA data_version` (changes when any other connection — the CLI, a second process — commits).
 * - PostgreSQL: `pg_current_snapshot()`. Two equal snapshots see exactly the same committed transactions:
 *   any commit (of this database or another of the cluster) moves `xmax` or empties a slot of the in-progress
 *   list. Read-only transactions take no transaction id and leave it alone.
 *
 * Equal tokens therefore mean equal data; a different token may also come from a change that touched nothing
 * the caller reads (another table, a rolled-back write), which only costs a recomputation.
 */
export async function dataVersion(db: Db): Promise<string> {
  const r = await sql<{ v: string }>`select ${dataVersionSql(db)} as v`.execute(db);
  return String(r.rows[0]!.v);
}

/**
 * The data version as an SQL expression, to read it in the statement that reads the data it versions: on
 * PostgreSQL the statement's own snapshot, on SQLite the connection's counters as the statement runs (one
 * connection, no transaction in between). A hot read saves the separate version query this way and the value
 * it is compared with (`VersionedCache.get`'s `known`) is exactly the one its rows were read at.
 */
export function dataVersionSql(db: Db): RawBuilder<string> {
  return isPostgres(db) ? sql<string>`pg_current_snapshot()::text` : sql<string>`total_changes() || ':' || (select data_version from pragma_data_version)`;
}

/**
 * Values derived from the database, kept while the database's data version ({@link dataVersion}) is the one
 * they were computed at. A value is stored only when the version read after computing it equals the one read
 * before (nothing was committed in between, so every query of the computation saw the same data); requests
 * that arrive meanwhile with the same version share the computation instead of starting their own. The key
 * must name everything else the value depends on (the user's scope, the day): the cache never holds data a
 * request could not have computed itself at that version.
 */
export class VersionedCache<V> {
  private readonly entries = new Map<string, { version: string; value: Promise<V> }>();

  constructor(
    private readonly version: () => Promise<string>,
    private readonly max = 500,
  ) {}

  /**
   * The value of `key` at the current version, computed when absent or older. `known`: the version the caller
   * has just read within its own statement ({@link dataVersionSql}), used instead of reading it again.
   */
  async get(key: string, compute: () => Promise<V>, known?: string): Promise<V> {
    const version = known ?? (await this.version());
    const hit = this.entries.get(key);
    if (hit && hit.version === version) return hit.value;
    const entry = { version, value: compute() };
    if (this.entries.size >= this.max) this.entries.clear();
    this.entries.set(key, entry);
    const forget = () => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    };
    try {
      const value = await entry.value;
      if ((await this.version()) !== version) forget();
      return value;
    } catch (e) {
      forget();
      throw e;
    }
  }

  /** Number of stored values (tests). */
  get size(): number {
    return this.entries.size;
  }
}
