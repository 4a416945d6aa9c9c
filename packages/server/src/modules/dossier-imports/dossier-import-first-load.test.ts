import Database from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setAsideIndexes } from '../../platform/db/index-rebuild';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { createProcedure } from '../dossiers/dossier.fixtures';
import { dossierCatalog, dossierCount, importAndAudit, NATIONAL_RECORD_PATH, nationalRecord } from './dossier-import.fixtures';

// First loads (docs/dossier-imports.md, "First loads"): an import with at least as many rows as `dossiers`
// holds sets the dossier tables' indexes (and on PostgreSQL the history tables' keys) aside and builds
// them again after its rows, in the switch's transaction. Here the threshold is 3 rows instead of 10,000.

const TABLES = ['dossiers', 'dossier_events', 'dossier_timeline'];

describe.each(engines)('first loads of dossiers on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let cookie: string;
  let procCode: string;

  beforeAll(async () => {
    t = await createTestApp(engine, { importRebuildMinRows: 3 });
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    procCode = (await admin.get(`/api/procedures/${await createProcedure(admin, rootId, { processingUnitId: div.id })}`)).body.code;
    cookie = (await t.login('admin', 'Quantri2026')).cookie;
  });
  afterAll(() => t.close());

  const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `H49.12-${prefix}-${i + 1}`);

  /** Uploads JSON lines of these codes and waits for the job to end; the job and its audit entry's counts. */
  const importCodes = (list: string[]) =>
    importAndAudit(
      t,
      admin,
      cookie,
      rootId,
      list.map((c) => nationalRecord(procCode, c)),
    );

  const catalog = () => dossierCatalog(t, engine);

  it('sets the indexes aside and builds them again: the catalog is as before, every row reads through them', async () => {
    const before = await catalog();
    expect(before.filter((d) => d.startsWith('index')).length).toBeGreaterThan(20);
    const first = await importCodes(codes('FL', 5));
    expect(first.job).toMatchObject({ status: 'done', rowsWritten: 5 });
    // Every secondary index of the three tables (and on PostgreSQL the history tables' keys) was built again.
    expect(first.after).toMatchObject({ inserted: 5, rebuilt: expect.any(Number) });
    expect(first.after!.rebuilt).toBeGreaterThan(20);
    expect(Object.keys(first.job.timings)).toEqual(expect.arrayContaining(['switch.setAside', 'switch.rebuild']));
    expect(await catalog()).toEqual(before);

    // The rows are in the rebuilt indexes: the queue finds them by code, the detail reads history and timeline.
    const list = await admin.get('/api/dossiers?queue=all&q=FL-3');
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual(['H49.12-FL-3']);
    const view = await admin.get(`/api/dossiers/${list.body.items[0].id}`);
    expect(view.body.history.map((h: { to: string }) => h.to)).toEqual(NATIONAL_RECORD_PATH);
    const timeline = await t.handle.db.selectFrom('dossierTimeline').select('status').where('dossierId', '=', list.body.items[0].id).execute();
    expect(timeline).toHaveLength(7);

    // Fewer rows than `dossiers` holds: the indexes stay and take the rows one by one.
    const small = await importCodes(codes('SM', 3));
    expect(small.after).toMatchObject({ inserted: 3, rebuilt: 0 });

    // The same rows again: nothing to insert, so nothing is set aside (only the rows inserted count).
    const again = await importCodes([...codes('FL', 5), ...codes('SM', 3)]);
    expect(again.after).toMatchObject({ inserted: 0, updated: 0, unchanged: 8, rebuilt: 0 });

    // At least as many new rows as stored, beside stored ones: a first load again, and the stored ones are left
    // alone (equal) while the new ones get their history by code (not every staged row is new).
    const mixed = await importCodes([...codes('FL', 5), ...codes('SM', 3), ...codes('MX', 8)]);
    expect(mixed.after).toMatchObject({ inserted: 8, updated: 0, unchanged: 8 });
    expect(mixed.after!.rebuilt).toBe(first.after!.rebuilt);
    expect(await catalog()).toEqual(before);
    const mx = (await admin.get('/api/dossiers?queue=all&q=MX-2')).body.items[0];
    expect((await admin.get(`/api/dossiers/${mx.id}`)).body.history).toHaveLength(7);
    expect(await dossierCount(t)).toBe(16);

    // Fewer new rows than stored, in a file larger than the table: the indexes stay.
    const grown = await importCodes([...codes('FL', 5), ...codes('SM', 3), ...codes('MX', 8), ...codes('GR', 4)]);
    expect(grown.after).toMatchObject({ inserted: 4, unchanged: 16, rebuilt: 0 });
  });

  it('rolls a failed first load back whole: no dossier written, every index and key as before', async () => {
    const before = await catalog();
    const count = await dossierCount(t);
    // A trigger that fails the switch after the indexes were set aside (the timeline is written last).
    if (engine === 'postgres') {
      await sql`create function cchc_test_fail() returns trigger language plpgsql as $$ begin raise exception 'test failure'; end $$`.execute(t.handle.db);
      await sql`create trigger cchc_test_fail before insert on dossier_timeline for each row execute function cchc_test_fail()`.execute(t.handle.db);
    } else {
      await sql`create trigger cchc_test_fail before insert on dossier_timeline begin select raise(abort, 'test failure'); end`.execute(t.handle.db);
    }
    try {
      const failed = await importCodes(codes('RB', 12));
      expect(failed.job).toMatchObject({ status: 'failed', rowsWritten: 0 });
      expect(failed.after).toBeNull();
    } finally {
      await sql`drop trigger cchc_test_fail${engine === 'postgres' ? sql` on dossier_timeline` : sql``}`.execute(t.handle.db);
      if (engine === 'postgres') await sql`drop function cchc_test_fail()`.execute(t.handle.db);
    }
    expect(await dossierCount(t)).toBe(count);
    expect(await catalog()).toEqual(before);
    // The same file loads once the fault is gone.
    expect((await importCodes(codes('RB', 12))).after).toMatchObject({ inserted: 12, rebuilt: expect.any(Number) });
  });

  it('meets a reader in the middle of a transaction: PostgreSQL gives up the lock after its timeout and goes on; SQLite sets the indexes aside, the reader keeps its snapshot', async () => {
    const before = await catalog();
    const count = await dossierCount(t);
    // Another session, inside a transaction that has read `dossiers`.
    const other =
      engine === 'postgres'
        ? await (async () => {
            const c = new pg.Client({ connectionString: t.config.databaseUrl! });
            await c.connect();
            await c.query('begin');
            await c.query('select count(*) from dossiers');
            return {
              read: async () => Number((await c.query('select count(*) as n from dossiers')).rows[0].n),
              end: () => c.query('rollback').then(() => c.end()),
            };
          })()
        : (() => {
            const c = new Database(t.config.sqliteFile);
            c.exec('begin');
            c.prepare('select count(*) from dossiers').get();
            return {
              read: async () => Number((c.prepare('select count(*) as n from dossiers').get() as { n: number }).n),
              end: async () => void (c.exec('rollback'), c.close()),
            };
          })();
    try {
      const started = Date.now();
      const outcome = await t.handle.db.transaction().execute(async (trx) => {
        const setAside = await setAsideIndexes(trx, engine, { tables: TABLES, keyTables: TABLES.slice(1), lockTimeoutMs: 200 });
        // The transaction goes on either way.
        const n = (await sql<{ n: number }>`select 1 as n`.execute(trx)).rows[0]!.n;
        const dropped = setAside?.dropped ?? 0;
        if (setAside) {
          // The reader still counts what was committed, and does not wait for the set-aside indexes.
          expect(await other.read()).toBe(count);
          await setAside.restore();
        }
        return { setAside: setAside !== null, n, dropped };
      });
      if (engine === 'postgres') {
        expect(outcome).toEqual({ setAside: false, n: 1, dropped: 0 });
        expect(Date.now() - started).toBeLessThan(5_000);
      } else expect(outcome).toMatchObject({ setAside: true, n: 1, dropped: expect.any(Number) });
      expect(await catalog()).toEqual(before);
    } finally {
      await other.end();
    }
  });
});
