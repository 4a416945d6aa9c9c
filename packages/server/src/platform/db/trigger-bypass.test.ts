import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, engines } from '../../../test/harness';
import { openDatabase, type DbHandle } from './database';
import { bypassTriggers } from './trigger-bypass';

// Loads with the row triggers off (docs/dossier-imports.md "Direct first loads"): the foreign keys they skip are
// checked once at the end, their targets locked as the triggers would have locked them, and a role that may not
// turn the triggers off loads with them. PostgreSQL only: SQLite never loads this way.

const ROLLBACK = new Error('rollback');

// Without TEST_DATABASE_URL the harness shows its one skipped case; with it (CI), nothing here is skipped.
describe.runIf(engines.includes('postgres'))('loads without row triggers on postgres', () => {
  describe('session_replication_role', () => {
    let database: { url: string; drop: () => Promise<void> };
    let h: DbHandle;
    const plainRole = `cchc_plain_${randomBytes(4).toString('hex')}`;

    beforeAll(async () => {
      database = await createPgDatabase();
      h = openDatabase({ databaseUrl: database.url, sqliteFile: '' });
      await sql`create table targets (id text primary key)`.execute(h.db);
      await sql`create table pairs (x text, y text, primary key (x, y))`.execute(h.db);
      await sql`create table rows (id serial primary key, target_id text references targets (id), x text, y text, foreign key (x, y) references pairs (x, y))`.execute(
        h.db,
      );
      await sql`create table counted (n int not null)`.execute(h.db);
      await sql`insert into counted values (0)`.execute(h.db);
      await sql`create function count_row() returns trigger language plpgsql as $$ begin update counted set n = n + 1; return new; end $$`.execute(h.db);
      await sql`create trigger rows_counted after insert on rows for each row execute function count_row()`.execute(h.db);
      await sql`insert into targets values ('a'), ('b')`.execute(h.db);
      await sql`insert into pairs values ('p', 'q')`.execute(h.db);
      await sql.raw(`create role ${plainRole} nologin`).execute(h.db);
    });
    afterAll(async () => {
      await sql.raw(`drop role if exists ${plainRole}`).execute(h.db);
      await h.close();
      await database.drop();
    });

    /** Runs `fn` in a transaction that is rolled back whatever happens in it (a failed statement included). */
    const rolledBack = (fn: (trx: DbHandle['db']) => Promise<void>) =>
      h.db
        .transaction()
        .execute(async (trx) => {
          await fn(trx);
          throw ROLLBACK;
        })
        .catch((e: unknown) => {
          if (e !== ROLLBACK) throw e;
        });
    const counted = async () => Number((await sql<{ n: number }>`select n from counted`.execute(h.db)).rows[0]!.n);

    it('skips the triggers while loading, then accepts rows whose keys all have targets (a key with a null column references nothing)', async () => {
      const before = await counted();
      await rolledBack(async (trx) => {
        const bypass = await bypassTriggers(trx, ['rows']);
        expect(bypass).not.toBeNull();
        await sql`insert into rows (target_id, x, y) values ('a', 'p', 'q'), ('b', null, 'zz'), (null, 'p', null)`.execute(trx);
        await bypass!.end();
        // On again: the next row fires its trigger, and its key is checked at once.
        await sql`insert into rows (target_id) values ('a')`.execute(trx);
        await expect(sql`insert into rows (target_id) values ('nobody')`.execute(trx)).rejects.toMatchObject({ code: '23503' });
      });
      expect(await counted()).toBe(before);
      await h.db.transaction().execute(async (trx) => {
        const bypass = await bypassTriggers(trx, ['rows']);
        await sql`insert into rows (target_id, x, y) values ('a', 'p', 'q'), ('b', null, 'zz')`.execute(trx);
        await bypass!.end();
        expect(Number((await sql<{ n: number }>`select n from counted`.execute(trx)).rows[0]!.n)).toBe(before);
        await sql`insert into rows (target_id) values ('b')`.execute(trx);
      });
      expect(await counted()).toBe(before + 1);
      expect((await sql`select current_setting('session_replication_role') as r`.execute(h.db)).rows).toEqual([{ r: 'origin' }]);
    });

    it('reports a key without a target as PostgreSQL does (23503, the constraint named), single and composite', async () => {
      const attempt = (values: string) =>
        h.db.transaction().execute(async (trx) => {
          const bypass = await bypassTriggers(trx, ['rows']);
          await sql.raw(`insert into rows (target_id, x, y) values ('a', 'p', 'q'), ${values}`).execute(trx);
          await bypass!.end();
        });
      await expect(attempt(`('gone', null, null)`)).rejects.toMatchObject({
        code: '23503',
        constraint: 'rows_target_id_fkey',
        detail: 'Key (target_id)=(gone) is not present in table "targets".',
      });
      await expect(attempt(`('a', 'p', 'nope')`)).rejects.toMatchObject({
        code: '23503',
        constraint: 'rows_x_y_fkey',
        detail: 'Key (x, y)=(p, nope) is not present in table "pairs".',
      });
      expect((await sql`select count(*)::int as n from rows where target_id = 'gone' or y = 'nope'`.execute(h.db)).rows).toEqual([{ n: 0 }]);
    });

    it('locks the targets until the load commits, as the triggers would: a target cannot be deleted under it', async () => {
      const other = new pg.Client({ connectionString: database.url });
      await other.connect();
      try {
        await h.db.transaction().execute(async (trx) => {
          const bypass = await bypassTriggers(trx, ['rows']);
          await sql`insert into rows (target_id) values ('b')`.execute(trx);
          await bypass!.end();
          await other.query(`set lock_timeout = 200`);
          await expect(other.query(`delete from targets where id = 'b'`)).rejects.toMatchObject({ code: '55P03' });
          // A target the load does not use is not locked.
          await other.query(`insert into targets values ('c')`);
          await other.query(`delete from targets where id = 'c'`);
        });
      } finally {
        await other.end();
      }
    });

    it('gives way to the triggers when the role may not turn them off: null, and the transaction goes on', async () => {
      await rolledBack(async (trx) => {
        await sql.raw(`set local role ${plainRole}`).execute(trx);
        expect(await bypassTriggers(trx, ['rows'])).toBeNull();
        expect((await sql`select current_setting('session_replication_role') as r`.execute(trx)).rows).toEqual([{ r: 'origin' }]);
        await sql`reset role`.execute(trx);
        await expect(sql`insert into rows (target_id) values ('nobody')`.execute(trx)).rejects.toMatchObject({ code: '23503' });
      });
    });
  });
});
