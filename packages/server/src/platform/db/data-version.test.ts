import { sql } from 'kysely';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, engines } from '../../../test/harness';
import { openDatabase, type DbHandle } from './database';
import { dataVersion, dataVersionSql, VersionedCache } from './data-version';

// The data version behind the overview's caches (docs/architecture.md, "Data version and derived-figure
// cache"): it moves with every committed change, whoever makes it, and stands still while only reads run.

describe.each(engines)('data version on %s', (engine) => {
  let h: DbHandle;
  let other: DbHandle;
  let dir: string;
  let drop = async () => undefined as unknown;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cchc-data-version-'));
    let url: string | null = null;
    if (engine === 'postgres') ({ url, drop } = await createPgDatabase());
    const file = join(dir, 'v.sqlite');
    h = openDatabase({ databaseUrl: url, sqliteFile: file });
    // A second connection: another process (the CLI) writing the same database.
    other = openDatabase({ databaseUrl: url, sqliteFile: file });
    await sql`create table counted (id integer primary key, n integer not null)`.execute(h.db);
    await sql`insert into counted (id, n) values (1, 0)`.execute(h.db);
  });
  afterAll(async () => {
    await other.close();
    await h.close();
    await drop();
    rmSync(dir, { recursive: true, force: true });
  });

  const bump = (on: DbHandle) => sql`update counted set n = n + 1 where id = 1`.execute(on.db);
  const read = async () => Number((await sql<{ n: number }>`select n from counted where id = 1`.execute(h.db)).rows[0]!.n);

  // On PostgreSQL the snapshot is the cluster's: the other databases of the shared test server move it too, so
  // "stands still" is asserted on SQLite only (on PostgreSQL it costs a recomputation, never a stale value).
  const still = engine === 'sqlite';

  it('stands still while only reads run, and moves with a change of this connection and of another one', async () => {
    const v0 = await dataVersion(h.db);
    await read();
    if (still) expect(await dataVersion(h.db)).toBe(v0);
    await bump(h);
    const v1 = await dataVersion(h.db);
    expect(v1).not.toBe(v0);
    await bump(other);
    expect(await dataVersion(h.db)).not.toBe(v1);
  });

  it('moves only when a transaction commits: an open one leaves it, its commit moves it', async () => {
    const before = await dataVersion(h.db);
    let inside = '';
    await h.db.transaction().execute(async (trx) => {
      await bump({ ...h, db: trx });
      // On PostgreSQL another connection reads while the transaction is open; SQLite serialises the connection.
      if (engine === 'postgres') inside = await dataVersion(other.db);
    });
    if (engine === 'postgres') expect(inside).not.toBe('');
    expect(await dataVersion(h.db)).not.toBe(before);
  });

  it('caches a value while the version stands and recomputes after any change, never serving the old value', async () => {
    const cache = new VersionedCache<number>(() => dataVersion(h.db));
    let computed = 0;
    const get = () => cache.get('n', async () => (computed++, read()));
    const first = await get();
    expect(await get()).toBe(first);
    if (still) expect(computed).toBe(1);
    const before = computed;
    await bump(other);
    expect(await get()).toBe(first + 1);
    expect(computed).toBeGreaterThan(before);
    await bump(h);
    expect(await get()).toBe(first + 2);
    if (still) expect(computed).toBe(3);
  });

  it('shares one computation between concurrent requests and keeps nothing when a write lands during it', async () => {
    const cache = new VersionedCache<number>(() => dataVersion(h.db));
    let computed = 0;
    const slow = async () => {
      computed++;
      const n = await read();
      await bump(other); // a write commits while the value is being computed
      return n;
    };
    const [a, b] = await Promise.all([cache.get('n', slow), cache.get('n', slow)]);
    if (still) expect(a).toBe(b);
    if (still) expect(computed).toBe(1);
    expect(cache.size).toBe(0);
    // The next request computes again and sees the write.
    const now = await read();
    if (still) expect(now).toBe(a + 1);
    expect(await cache.get('n', () => read())).toBe(now);
  });

  it('reads the version inside a statement, and a value kept at that version is served only to a read at it', async () => {
    // The version read with the data (as the task list reads it with its page) equals the standalone one.
    const withData = async () => (await sql<{ n: number; v: string }>`select n, ${dataVersionSql(h.db)} as v from counted where id = 1`.execute(h.db)).rows[0]!;
    const r0 = await withData();
    if (still) expect(r0.v).toBe(await dataVersion(h.db));
    let versionReads = 0;
    const cache = new VersionedCache<number>(() => (versionReads++, dataVersion(h.db)));
    let computed = 0;
    const count = async () => (computed++, read());
    expect(await cache.get('n', count, r0.v)).toBe(Number(r0.n));
    expect(versionReads).toBe(1); // only the check after computing
    if (still) expect(await cache.get('n', count, (await withData()).v)).toBe(Number(r0.n));
    if (still) expect(computed).toBe(1);
    if (still) expect(versionReads).toBe(1); // a hit with the statement's version reads no version
    await bump(other);
    const r1 = await withData();
    expect(r1.v).not.toBe(r0.v);
    // A read at the new version never gets the value kept at the old one.
    expect(await cache.get('n', count, r1.v)).toBe(Number(r0.n) + 1);
    expect(computed).toBe(2);
  });
});
