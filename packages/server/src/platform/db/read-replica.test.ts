import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app';
import { at, bearerOf, createProcedure, receiveDossier } from '../../modules/dossiers/dossier.fixtures';
import { createPgDatabase, createTestApp, engines, factories, TEST_HASHING, type Caller, type TestApp } from '../../../test/harness';
import { loadConfig } from '../config';
import { openDatabase, type DbHandle } from './database';
import { migrateToLatest } from './migrations';

// DATABASE_READ_URL (issue #11 item 8, docs/deployment.md#read-replica): statistics, the dossier export and
// the QĐ 766 page read from a PostgreSQL replica, everything else from the primary. A second database
// stands in for the replica: the test fills it with a copy of the primary's rows and then changes them
// (one dossier gone, the others online), so every answer shows which database it was read from.

/** The tables the replicated reads touch, parents first. */
const COPIED = ['units', 'users', 'procedures', 'procedure_versions', 'dossiers', 'dossier_timeline', 'dossier_ratings', 'indicator_entries'] as const;

const SECRET = 'test-secret-test-secret-test-secret';

async function workbookRows(raw: Buffer): Promise<string[]> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(raw as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const codes: string[] = [];
  for (let r = 2; r <= ws.rowCount; r++) codes.push(String(ws.getRow(r).getCell(2).value));
  return codes;
}

describe.each(engines)('read replica (DATABASE_READ_URL) on %s', (engine) => {
  it('needs a PostgreSQL primary and a postgres:// address; unset, reads stay on the primary', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'cchc-replica-'));
    try {
      const env = { SESSION_SECRET: SECRET, DATABASE_READ_URL: 'postgres://replica.example/cchc' };
      expect(() => loadConfig(env, { dataDir, databaseUrl: null })).toThrow(/DATABASE_READ_URL needs DATABASE_URL/);
      expect(() => loadConfig({ ...env, DATABASE_READ_URL: 'mysql://x/y' }, { dataDir, databaseUrl: 'postgres://primary.example/cchc' })).toThrow(
        /DATABASE_READ_URL must start with postgres:\/\//,
      );
      expect(loadConfig(env, { dataDir, databaseUrl: 'postgres://primary.example/cchc' }).databaseReadUrl).toBe('postgres://replica.example/cchc');
      expect(loadConfig({ SESSION_SECRET: SECRET }, { dataDir }).databaseReadUrl).toBeNull();
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  describe.runIf(engine === 'postgres')('with a stand-in replica', () => {
    let replica: { url: string; drop: () => Promise<void> };
    let replicaHandle: DbHandle;
    let t: TestApp;
    let primaryOnly: App;
    let leader: Caller;
    let token: string;
    let rootId: string;
    const codes: string[] = [];

    beforeAll(async () => {
      replica = await createPgDatabase();
      t = await createTestApp(engine, { databaseReadUrl: replica.url });
      const setup = await t.setup();
      rootId = setup.rootId;
      const make = factories(t, setup.admin, rootId);
      const desk = await bearerOf(t, (await make.actor('one_stop_officer')).caller);
      const leaderSession = (await make.actor('leader')).caller;
      token = await t.bearerHeader(leaderSession, 'replica');
      leader = t.as(token);
      const procedureId = await createProcedure(setup.admin, rootId, { steps: [] });
      t.clock.set(at('2026-03-03', '09:00'));
      for (let i = 0; i < 3; i++) {
        const d = await receiveDossier(desk, {
          procedureId,
          channel: 'counter',
          applicant: { name: `Trần Văn ${i}`, phone: '0905123456', address: '12 Lê Lợi, Quảng Ngãi' },
          components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1 }],
        });
        codes.push(d.code);
      }

      // The stand-in: the primary's schema and rows, then different data.
      replicaHandle = openDatabase({ databaseUrl: replica.url, sqliteFile: '' });
      await migrateToLatest(replicaHandle.db);
      await replicaHandle.db.transaction().execute(async (trx) => {
        await sql`set local session_replication_role = replica`.execute(trx);
        await sql.raw(`truncate ${COPIED.join(', ')} cascade`).execute(trx);
        for (const table of COPIED) {
          const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.handle.db)).rows;
          for (const row of rows) {
            const cols = Object.keys(row);
            await sql`insert into ${sql.table(table)} (${sql.join(cols.map((c) => sql.id(c)))}) values (${sql.join(cols.map((c) => row[c]))})`.execute(trx);
          }
        }
        const gone = (await sql<{ id: string }>`select id from dossiers where code = ${codes[0]!}`.execute(trx)).rows[0]!.id;
        await sql`delete from dossier_timeline where dossier_id = ${gone}`.execute(trx);
        await sql`delete from dossiers where id = ${gone}`.execute(trx);
        await sql`update dossiers set channel = 'online'`.execute(trx);
      });

      // The same primary without a replica: reads fall back to it.
      const config = loadConfig({ SESSION_SECRET: SECRET }, { ...t.config, databaseReadUrl: null });
      primaryOnly = await buildApp(config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    });
    afterAll(async () => {
      await primaryOnly?.close();
      await t?.close();
      await replicaHandle?.close();
      await replica?.drop();
    });

    const primaryGet = async (url: string) => {
      const res = await primaryOnly.app.inject({ method: 'GET', url, headers: { authorization: token } });
      return { status: res.statusCode, body: res.headers['content-type']?.toString().includes('json') ? JSON.parse(res.body) : null, raw: res.rawPayload };
    };
    const MARCH = 'from=2026-03-01&to=2026-03-31';

    it('statistics are read from the replica, the dossier list from the primary', async () => {
      const stats = await leader.get(`/api/dossiers/statistics?${MARCH}`);
      expect(stats.status).toBe(200);
      expect(stats.body.received).toMatchObject({ total: 2, online: 2, counter: 0 });
      const fallback = await primaryGet(`/api/dossiers/statistics?${MARCH}`);
      expect(fallback.body.received).toMatchObject({ total: 3, online: 0, counter: 3 });
      // Lists (and every write) stay on the primary.
      expect((await leader.get('/api/dossiers?queue=all')).body.total).toBe(3);
      const series = await leader.get(`/api/dossiers/statistics/series?${MARCH}&granularity=month`);
      expect(series.body.items[0].received.online).toBe(2);
    });

    it('the QĐ 766 page counts on the replica', async () => {
      const onlineRate = (body: { groups: Array<{ indicators: Array<{ code: string; numerator: number; denominator: number }> }> }) =>
        body.groups.flatMap((g) => g.indicators).find((i) => i.code === '3.3');
      const page = await leader.get(`/api/indicators/766?unitId=${rootId}&${MARCH}`);
      expect(page.status).toBe(200);
      expect(onlineRate(page.body)).toMatchObject({ numerator: 2, denominator: 2 });
      expect(onlineRate((await primaryGet(`/api/indicators/766?unitId=${rootId}&${MARCH}`)).body)).toMatchObject({ numerator: 0, denominator: 3 });
    });

    it('the dossier export is read from the replica', async () => {
      const res = await leader.get(`/api/dossiers/export?${MARCH}`);
      expect(res.status).toBe(200);
      expect((await workbookRows(res.raw)).sort()).toEqual(codes.slice(1).sort());
      expect((await workbookRows((await primaryGet(`/api/dossiers/export?${MARCH}`)).raw)).sort()).toEqual([...codes].sort());
    });
  });
});
