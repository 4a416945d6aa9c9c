import { once } from 'node:events';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../platform/db/database';
import { createTestApp, engines, type Caller, type TestApp } from '../../../test/harness';
import { freshDossierCounts, storedDossierCounts } from '../dossiers/dossier-counts';
import { createProcedure, receiveDossier } from '../dossiers/dossier.fixtures';
import { crashingImport, dossierCatalog, dossierCount, importAndAudit, importFinished, jsonLines, nationalRecord } from './dossier-import.fixtures';

// Direct first loads (docs/dossier-imports.md, "Direct first loads"): on PostgreSQL a file of at least the
// first-load threshold's lines into an empty `dossiers` is copied straight into the dossier tables in one
// transaction, without staging. It must write exactly what the staged switch writes, commit whole or not at
// all, and give way to the staged path when a code is twice in the file. SQLite never loads directly: there the
// same files go through staging, and the same expectations hold.

interface Agency {
  t: TestApp;
  admin: Caller;
  rootId: string;
  cookie: string;
  procCode: string;
  procId: string;
}

/**
 * A fresh database with an agency and one procedure (the same code and name in every database); `minRows` the
 * first-load threshold (left out: the configuration's default, 10,000 rows).
 */
async function agency(engine: Engine, minRows?: number | null, databaseUrl?: string): Promise<Agency> {
  const t = await createTestApp(engine, { ...(minRows === undefined ? {} : { importRebuildMinRows: minRows }), ...(databaseUrl ? { databaseUrl } : {}) });
  const { admin, rootId } = await t.setup();
  const id = await createProcedure(admin, rootId, { code: '1.001234', name: 'Cấp giấy phép nhập thử' });
  const procCode = (await admin.get(`/api/procedures/${id}`)).body.code as string;
  return { t, admin, rootId, cookie: (await t.login('admin', 'Quantri2026')).cookie, procCode, procId: id };
}

const importRecords = (a: Agency, records: unknown[]) => importAndAudit(a.t, a.admin, a.cookie, a.rootId, records);

/**
 * The three dossier tables' rows of a database, ordered by dossier code, with every identifier the two
 * databases draw on their own (dossiers, units, procedures, users, the job) replaced by its order of
 * appearance, and without what is drawn at random (the survey key, the lookup PIN): what must be equal between two
 * loads of the same file.
 */
async function written(t: TestApp): Promise<string> {
  const db = t.handle.db;
  const dossiers = await db.selectFrom('dossiers').selectAll().orderBy('code').execute();
  const ids = new Map<string, string>();
  const keep = (v: unknown) => {
    if (typeof v === 'string' && v !== '' && !ids.has(v)) ids.set(v, `#${ids.size}`);
  };
  for (const d of dossiers) [d.id, d.unitId, d.processingUnitId, d.procedureId, d.procedureVersionId, d.createdBy, d.importId].forEach(keep);
  const rows = [];
  for (const { surveyKey: _key, lookupPin: _pin, ...d } of dossiers) {
    const events = await db.selectFrom('dossierEvents').selectAll().where('dossierId', '=', d.id).orderBy('seq').execute();
    const timeline = await db.selectFrom('dossierTimeline').selectAll().where('dossierId', '=', d.id).orderBy('seq').execute();
    rows.push({ d, events, timeline });
  }
  let text = JSON.stringify(rows);
  // Longest first, so that no identifier is replaced inside a longer one.
  for (const [id, token] of [...ids].sort((x, y) => y[0].length - x[0].length)) text = text.split(id).join(token);
  return text;
}

describe.each(engines)('direct first loads of dossiers on %s', (engine) => {
  const direct = engine === 'postgres';
  let a: Agency;
  let staged: Agency;

  beforeAll(async () => {
    a = await agency(engine, 3);
    staged = await agency(engine, null);
  });
  afterAll(async () => {
    await a.t.close();
    await staged.t.close();
  });

  const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `H49.12-${prefix}-${i + 1}`);
  const records = (ag: Agency, list: string[]) =>
    list.map((c, i) =>
      // Some rows in progress, with no channel, with an apostrophe, a tab and a backslash in the applicant's name.
      i % 3 === 1
        ? nationalRecord(ag.procCode, c, { TrangThaiHoSo: 4, NgayKetThucXuLy: '', NgayTra: '', KenhThucHien: '', ChuHoSo: "Lê Thị O'Brien\t\\ Hà" })
        : nationalRecord(ag.procCode, c),
    );

  it('refuses a file with a code twice and one with a bad row: each row named, nothing written, every index and key as before', async () => {
    const before = await dossierCatalog(a.t, engine);
    const twice = await importRecords(a, records(a, [...codes('DUP', 4), 'H49.12-DUP-2']));
    expect(twice.job).toMatchObject({ status: 'failed', rowsWritten: 0, errors: [{ row: 5, field: 'MaHoSo', code: 'dossier_import.duplicate_code' }] });
    const bad = await importRecords(a, [...records(a, codes('BAD', 4)), nationalRecord(a.procCode, 'H49.12-BAD-5', { TrangThaiHoSo: 0 })]);
    expect(bad.job).toMatchObject({ status: 'failed', rowsWritten: 0, errors: [{ row: 5, field: 'TrangThaiHoSo', code: 'dossier_import.status_invalid' }] });
    expect(bad.after).toBeNull();
    expect(await dossierCount(a.t)).toBe(0);
    expect(await dossierCatalog(a.t, engine)).toEqual(before);
  });

  it('writes exactly the rows, history and timeline the staged switch writes, and builds every index again', async () => {
    const before = await dossierCatalog(a.t, engine);
    const list = codes('DL', 7);
    const first = await importRecords(a, records(a, list));
    expect(first.job).toMatchObject({ status: 'done', rowsRead: 7, rowsWritten: 7, phase: null, phaseStep: 9 });
    // The test server's role may turn the row triggers off (a superuser): the keys are checked after the load.
    expect(first.after).toMatchObject({ inserted: 7, updated: 0, unchanged: 0, direct, triggersBypassed: direct });
    expect(first.after!.rebuilt).toEqual(expect.any(Number));
    expect(first.after!.rebuilt as number).toBeGreaterThan(20);
    expect(Object.keys(first.job.timings)).toEqual(expect.arrayContaining(['read', 'convert', 'stage', 'switch.setAside', 'switch.rebuild', 'switch.audit']));
    expect(await dossierCatalog(a.t, engine)).toEqual(before);
    // Staging is not used: nothing was staged, nothing is left.
    expect(await a.t.handle.db.selectFrom('dossierImportRows').select('code').execute()).toEqual([]);

    const other = await importRecords(staged, records(staged, list));
    expect(other.after).toMatchObject({ inserted: 7, rebuilt: 0, direct: false });
    expect(await written(a.t)).toEqual(await written(staged.t));

    // The dossiers read through the rebuilt indexes, and the same file again changes nothing (staged path now).
    const found = await a.admin.get('/api/dossiers?queue=all&q=DL-3');
    expect(found.body.items.map((i: { code: string }) => i.code)).toEqual(['H49.12-DL-3']);
    const again = await importRecords(a, records(a, list));
    expect(again.after).toMatchObject({ inserted: 0, updated: 0, unchanged: 7, direct: false });
    // The queue counters the triggers keep were recounted after the load, and the triggers are on again: a
    // dossier received at the desk afterwards is counted.
    expect(await storedDossierCounts(a.t.handle.db)).toEqual(await freshDossierCounts(a.t.handle.db));
    expect(await storedDossierCounts(a.t.handle.db)).not.toEqual(new Map());
    await receiveDossier(a.admin, { procedureId: a.procId, channel: 'counter', applicant: { name: 'Phạm Thị Thu' } });
    expect(await dossierCount(a.t)).toBe(8);
    expect(await storedDossierCounts(a.t.handle.db)).toEqual(await freshDossierCounts(a.t.handle.db));
  });

  it('survives a kill -9 mid-load: nothing is written, the indexes are as before, the restarted job loads every row once', async () => {
    const fresh = await agency(engine);
    try {
      const { t } = fresh;
      const before = await dossierCatalog(t, engine);
      const rows = 12_000;
      const id = 'killed-direct-1';
      const path = join(t.config.dataDir, 'killed-direct.jsonl');
      writeFileSync(path, jsonLines(codes('KD', rows).map((c) => nationalRecord(fresh.procCode, c))));
      // The child runs with the default threshold (10,000 rows): on PostgreSQL this file loads directly.
      const child = await crashingImport(t, { id, unitId: fresh.rootId, path });
      const exited = once(child, 'exit');
      const progress = () => t.handle.db.selectFrom('dossierImports').select(['status', 'rowsRead']).where('id', '=', id).executeTakeFirstOrThrow();
      // Killed once its first batch of 5,000 rows is read (and being written), long before the end.
      while ((await progress()).rowsRead === 0) {
        expect(child.exitCode).toBeNull();
        await sleep(10);
      }
      child.kill('SIGKILL');
      await exited;
      expect(await progress()).toMatchObject({ status: 'running' });
      expect(await dossierCount(t)).toBe(0);
      expect(await dossierCatalog(t, engine)).toEqual(before);
      // The dead run's lease runs out; the next tick starts the job over from its file.
      t.clock.advanceMinutes(11);
      await t.runScheduler();
      const job = await importFinished(fresh.admin, id);
      expect(job).toMatchObject({ status: 'done', rowsRead: rows, rowsWritten: rows, errorCount: 0 });
      expect(await dossierCount(t)).toBe(rows);
      const timeline = await sql<{ n: number | string }>`select count(*) as n from dossier_timeline`.execute(t.handle.db);
      expect(Number(timeline.rows[0]!.n)).toBe(rows * 7);
      expect(await dossierCatalog(t, engine)).toEqual(before);
      // The child and the restarted run have the same threshold: on PostgreSQL both loaded directly.
      const audit = await t.handle.db.selectFrom('auditLog').select('after').where('entityId', '=', id).executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after!)).toMatchObject({ inserted: rows, direct });
    } finally {
      await fresh.t.close();
    }
  }, 240_000);
});

// The deployment guide's role (docs/deployment.md "PostgreSQL") owns its database and is no superuser: it may not
// turn row triggers off unless granted the parameter (PostgreSQL 15 and later). Both ways the load is direct.
describe.runIf(engines.includes('postgres'))("direct first loads under the deployment guide's database role", () => {
  it('loads with the triggers as an owner without rights, without them once granted the parameter', async () => {
    const base = process.env.TEST_DATABASE_URL!;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    try {
      const version = Number((await admin.query<{ v: string }>(`select current_setting('server_version_num') as v`)).rows[0]!.v);
      for (const granted of version >= 150000 ? [false, true] : [false]) {
        const name = `cchc_owner_${randomBytes(4).toString('hex')}`;
        await admin.query(`create role ${name} login`);
        await admin.query(`create database ${name} owner ${name}`);
        if (granted) await admin.query(`grant set on parameter session_replication_role to ${name}`);
        const url = new URL(base);
        url.username = name;
        url.pathname = `/${name}`;
        const a = await agency('postgres', 3, url.toString());
        try {
          const list = Array.from({ length: 5 }, (_, i) => `H49.12-OWN-${i + 1}`);
          const first = await importRecords(
            a,
            list.map((c) => nationalRecord(a.procCode, c)),
          );
          expect(first.job).toMatchObject({ status: 'done', rowsWritten: 5 });
          expect(first.after).toMatchObject({ inserted: 5, direct: true, triggersBypassed: granted });
          expect(await storedDossierCounts(a.t.handle.db)).toEqual(await freshDossierCounts(a.t.handle.db));
        } finally {
          await a.t.close();
          if (granted) await admin.query(`revoke set on parameter session_replication_role from ${name}`);
          await admin.query(`drop database ${name} with (force)`);
          await admin.query(`drop role ${name}`);
        }
      }
    } finally {
      await admin.end();
    }
  }, 120_000);
});
