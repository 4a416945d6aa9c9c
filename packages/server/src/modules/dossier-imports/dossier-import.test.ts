import { once } from 'node:events';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { bearerOf, createProcedure } from '../dossiers/dossier.fixtures';
import { crashingImport, dossierCount, importFinished, jsonLines, NATIONAL_RECORD_PATH, nationalRecord, uploadImport } from './dossier-import.fixtures';
import { NEW_JOB } from './dossier-import.service';

// Bulk import and live sync of dossiers through the HTTP API on both engines (issue #11 items 2, 5, 5b;
// docs/dossier-imports.md).

describe.each(engines)('dossier imports on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let cookie: string;
  let procCode: string;
  let otherAgencyAdmin: Caller;
  let specialist: Caller;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const procId = await createProcedure(admin, rootId, { processingUnitId: div.id });
    procCode = (await admin.get(`/api/procedures/${procId}`)).body.code;
    const login = await t.login('admin', 'Quantri2026');
    cookie = login.cookie;
    admin = await bearerOf(t, admin, 'admin');
    specialist = await bearerOf(t, (await make.actor('specialist')).caller);
    const other = await admin.post('/api/units', { parentId: null, kind: 'department', name: 'Sở Tư pháp', code: '000.00.13.H49' });
    otherAgencyAdmin = await bearerOf(t, (await make.actor('agency_admin', other.body.id)).caller);
  });
  afterAll(() => t.close());

  const record = (code: string, over: Record<string, unknown> = {}) => nationalRecord(procCode, code, over);
  const jsonl = jsonLines;
  const upload = (name: string, data: Buffer, by = cookie, unitId = rootId) => uploadImport(t, name, data, by, unitId);
  const finished = (id: string) => importFinished(admin, id);

  const countDossiers = () => dossierCount(t);
  const audits = async (id: string) =>
    t.handle.db.selectFrom('auditLog').selectAll().where('entity', '=', 'dossier_import').where('entityId', '=', id).execute();

  it('imports JSON lines with the national fields: 202, then done with counts; one audit entry with the file hash; state, due moment and history as given', async () => {
    const file = jsonl([record('H49.12-IMP-0001'), record('H49.12-IMP-0002', { TrangThaiHoSo: 4, NgayKetThucXuLy: '', NgayTra: '', KenhThucHien: '' })]);
    const res = await upload('hoso.jsonl', file);
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ id: expect.any(String) });
    const job = await finished(res.body.id);
    expect(job).toMatchObject({ status: 'done', rowsRead: 2, rowsValid: 2, rowsWritten: 2, rowsUnchanged: 0, errorCount: 0, errors: [] });
    // Out of its phases, every switch statement done, and the time of each phase and statement kept.
    expect(job).toMatchObject({ phase: null, phaseSteps: 9, phaseStep: 9 });
    expect(Object.keys(job.timings)).toEqual(
      expect.arrayContaining(['read', 'convert', 'stage', 'check', 'switch.analyze', 'switch.insert', 'switch.events', 'switch.timeline', 'switch.audit']),
    );
    const a = await audits(res.body.id);
    expect(a).toHaveLength(1);
    expect(JSON.parse(a[0]!.after!)).toMatchObject({ sha256: job.sha256, inserted: 2, updated: 0 });
    expect(job.sha256).toMatch(/^[0-9a-f]{64}$/);

    const list = await admin.get('/api/dossiers?queue=all&q=IMP-0001');
    const id = list.body.items[0].id;
    const view = await admin.get(`/api/dossiers/${id}`);
    expect(view.status).toBe(200);
    // NgayHenTra 17:00 on 23/02 (UTC+7) stays the due moment; the end of processing is on time.
    expect(view.body).toMatchObject({
      code: 'H49.12-IMP-0001',
      status: 'returned',
      nationalStatusCode: 10,
      channel: 'online',
      dueDate: '2026-02-23',
      dueAt: '2026-02-23T10:00:00.000Z',
      receivedAt: '2026-02-02T02:00:00.000Z',
    });
    expect(view.body.history.map((h: { to: string }) => h.to)).toEqual(NATIONAL_RECORD_PATH);
    const second = (await admin.get('/api/dossiers?queue=all&q=IMP-0002')).body.items[0];
    expect(second).toMatchObject({ status: 'processing', channel: 'counter' });
    // Each new dossier drew its survey key in the switch (docs/surveys.md "Sampling").
    const keys = await t.handle.db.selectFrom('dossiers').select('surveyKey').where('id', 'in', [id, second.id]).execute();
    expect(keys.map((k) => Number.isInteger(k.surveyKey))).toEqual([true, true]);
    expect(keys[0]!.surveyKey).not.toBe(keys[1]!.surveyKey);

    // The statistics read imported dossiers like any other: their columns and timeline are derived in the switch.
    const derived = await t.handle.db
      .selectFrom('dossiers')
      .select(['intakeAt', 'closedAt', 'returnedAt', 'positionStatus', 'positionSince', 'positionSupplements'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(derived).toMatchObject({ intakeAt: '2026-02-02T02:00:00.000Z', closedAt: expect.any(String), returnedAt: expect.any(String) });
    // The open span (the last status entry) is copied on the row as every writer copies it.
    expect(derived).toMatchObject({ positionStatus: 'returned', positionSince: derived.returnedAt, positionSupplements: 1 });
    const timeline = await t.handle.db.selectFrom('dossierTimeline').select('status').where('dossierId', '=', id).orderBy('seq').execute();
    expect(timeline.map((r) => r.status)).toEqual(NATIONAL_RECORD_PATH);
  });

  it('is idempotent by code: the same file again changes nothing; a changed row updates the dossier and marks it imported', async () => {
    const file = jsonl([record('H49.12-IDEM-1'), record('H49.12-IDEM-2')]);
    const first = await finished((await upload('a.jsonl', file)).body.id);
    expect(first).toMatchObject({ status: 'done', rowsWritten: 2 });
    const before = await t.handle.db
      .selectFrom('dossiers')
      .select(['code', 'version', 'state', 'updatedAt'])
      .where('code', 'like', 'H49.12-IDEM-%')
      .orderBy('code')
      .execute();
    const again = await finished((await upload('a.jsonl', file)).body.id);
    expect(again).toMatchObject({ status: 'done', rowsWritten: 0, rowsUnchanged: 2 });
    const same = await t.handle.db
      .selectFrom('dossiers')
      .select(['code', 'version', 'state', 'updatedAt'])
      .where('code', 'like', 'H49.12-IDEM-%')
      .orderBy('code')
      .execute();
    expect(same).toEqual(before);

    const changed = await finished(
      (await upload('b.jsonl', jsonl([record('H49.12-IDEM-1', { TrangThaiHoSo: 9, NgayTra: '' }), record('H49.12-IDEM-2')]))).body.id,
    );
    expect(changed).toMatchObject({ status: 'done', rowsWritten: 1, rowsUnchanged: 1 });
    const row = await t.handle.db.selectFrom('dossiers').select(['status', 'version']).where('code', '=', 'H49.12-IDEM-1').executeTakeFirstOrThrow();
    expect(row).toEqual({ status: 'result_ready', version: 2 });
    const marked = await sql<{ importId: string }>`select import_id from dossiers where code in ('H49.12-IDEM-1', 'H49.12-IDEM-2') order by code`.execute(
      t.handle.db,
    );
    expect(marked.rows.map((r) => r.importId)).toEqual([changed.id, first.id]);
    const events = await t.handle.db
      .selectFrom('dossierEvents as e')
      .innerJoin('dossiers as d', 'd.id', 'e.dossierId')
      .select('e.toStatus')
      .where('d.code', '=', 'H49.12-IDEM-1')
      .orderBy('e.seq')
      .execute();
    expect(events.map((e) => e.toStatus).at(-1)).toBe('result_ready');
    // The replaced dossier's timeline and statistics columns are the new record's, not added to the old.
    const timeline = await t.handle.db
      .selectFrom('dossierTimeline as t')
      .innerJoin('dossiers as d', 'd.id', 't.dossierId')
      .select(['t.status', 't.endAt'])
      .where('d.code', '=', 'H49.12-IDEM-1')
      .orderBy('t.seq')
      .execute();
    expect(timeline.map((r) => r.status)).toEqual(events.map((e) => e.toStatus));
    expect(timeline.at(-1)).toMatchObject({ status: 'result_ready', endAt: null });
    const derived = await t.handle.db.selectFrom('dossiers').select(['returnedAt', 'closedAt']).where('code', '=', 'H49.12-IDEM-1').executeTakeFirstOrThrow();
    expect(derived).toEqual({ returnedAt: null, closedAt: expect.any(String) });
  });

  it('commits nothing when one row is bad, and lists every error with row and field; the report downloads as CSV and XLSX', async () => {
    const n = await countDossiers();
    const file = jsonl([
      record('H49.12-BAD-1'),
      record('H49.12-BAD-2', { TrangThaiHoSo: 11, NgayTiepNhan: '02/02/2026' }),
      record('H49.12-BAD-3', { MaTTHC: '9.999999', NgayTra: '' }),
      record('H49.12-BAD-1'),
    ]);
    const job = await finished((await upload('bad.jsonl', Buffer.concat([file, Buffer.from('{not json\n')]))).body.id);
    expect(job.status).toBe('failed');
    expect(job.rowsWritten).toBe(0);
    expect(job.errors).toEqual(
      expect.arrayContaining([
        { row: 2, field: 'TrangThaiHoSo', code: 'dossier_import.status_invalid' },
        { row: 2, field: 'NgayTiepNhan', code: 'dossier_import.time_invalid' },
        { row: 3, field: 'NgayTra', code: 'dossier_import.required' },
        { row: 3, field: 'MaTTHC', code: 'dossier_import.procedure_unknown' },
        { row: 5, field: '', code: 'dossier_import.json_invalid' },
      ]),
    );
    expect(await countDossiers()).toBe(n);
    const staged = await t.handle.db.selectFrom('dossierImportRows').select('code').where('importId', '=', job.id).execute();
    expect(staged).toEqual([]);

    // A code twice in a file is found once the file is staged.
    const dup = await finished((await upload('dup.jsonl', jsonl([record('H49.12-DUP-1'), record('H49.12-DUP-1')]))).body.id);
    expect(dup).toMatchObject({ status: 'failed', errors: [{ row: 2, field: 'MaHoSo', code: 'dossier_import.duplicate_code' }] });
    expect(await countDossiers()).toBe(n);

    const csv = await admin.get(`/api/dossier-imports/${job.id}/errors?format=csv`);
    expect(csv.status).toBe(200);
    expect(csv.raw.toString('utf8')).toContain('2,TrangThaiHoSo,dossier_import.status_invalid');
    const xlsx = await admin.get(`/api/dossier-imports/${job.id}/errors?format=xlsx`);
    expect(xlsx.status).toBe(200);
    expect(String(xlsx.headers['content-type'])).toContain('spreadsheetml');
  });

  it('maps every national status code 1–10 and reads CSV with the same field names', async () => {
    const rows = [
      { TrangThaiHoSo: 1, NgayTiepNhan: '', NgayKetThucXuLy: '', NgayTra: '', DanhSachHoSoBoSung: '' },
      { TrangThaiHoSo: 2, NgayKetThucXuLy: '', NgayTra: '', DanhSachHoSoBoSung: '' },
      { TrangThaiHoSo: 3, NgayTra: '', DanhSachHoSoBoSung: '' },
      { TrangThaiHoSo: 4, NgayKetThucXuLy: '', NgayTra: '' },
      { TrangThaiHoSo: 5, NgayKetThucXuLy: '', NgayTra: '', DanhSachHoSoBoSung: JSON.stringify([{ NgayBoSung: '20260205090000' }]) },
      { TrangThaiHoSo: 6, NgayKetThucXuLy: '', NgayTra: '' },
      { TrangThaiHoSo: 7, NgayTra: '' },
      { TrangThaiHoSo: 8, NgayTra: '' },
      { TrangThaiHoSo: 9, NgayTra: '' },
      { TrangThaiHoSo: 10 },
    ];
    const header = Object.keys(record('x'));
    const cell = (v: unknown) => {
      const s = typeof v === 'string' ? v : Array.isArray(v) ? JSON.stringify(v) : String(v);
      return /[",\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
    };
    const lines = rows.map((over, i) => {
      const r = record(`H49.12-ST-${i + 1}`, over) as Record<string, unknown>;
      return header.map((h) => cell(r[h])).join(',');
    });
    const job = await finished((await upload('status.csv', Buffer.from([header.join(','), ...lines].join('\r\n')))).body.id);
    expect(job).toMatchObject({ status: 'done', rowsWritten: 10, errors: [] });
    const got = await t.handle.db.selectFrom('dossiers').select(['code', 'status']).where('code', 'like', 'H49.12-ST-%').execute();
    const byCode = Object.fromEntries(got.map((g) => [g.code, g.status]));
    expect(Array.from({ length: 10 }, (_, i) => byCode[`H49.12-ST-${i + 1}`])).toEqual([
      'submitted',
      'received',
      'refused',
      'processing',
      'awaiting_supplement',
      'awaiting_payment',
      'withdrawn',
      'stopped',
      'result_ready',
      'returned',
    ]);
  });

  it('restarts a job whose process died: staged leftovers are dropped, the switch writes each row once', async () => {
    // A job as a kill -9 during staging leaves it: "running", half its rows staged, its file on disk.
    const id = 'crashed-job-1';
    const path = join(t.config.dataDir, 'crashed.jsonl');
    writeFileSync(path, jsonl([record('H49.12-CR-1'), record('H49.12-CR-2')]));
    await t.handle.db
      .insertInto('dossierImports')
      .values({
        id,
        unitId: rootId,
        actorId: null,
        actorName: null,
        actorUsername: null,
        source: 'file',
        fileName: 'crashed.jsonl',
        format: 'jsonl',
        filePath: path,
        sha256: 'x'.repeat(64),
        sizeBytes: 1,
        status: 'running',
        ...NEW_JOB,
        attempts: 1,
        createdAt: t.clock.now(),
      })
      .execute();
    const proc = await t.handle.db
      .selectFrom('procedureVersions as v')
      .innerJoin('procedures as p', 'p.id', 'v.procedureId')
      .select(['p.id', 'v.id as versionId'])
      .where('p.code', '=', procCode)
      .executeTakeFirstOrThrow();
    await t.handle.db
      .insertInto('dossierImportRows')
      .values({
        importId: id,
        rowNo: 1,
        id: 'stale',
        code: 'H49.12-CR-STALE',
        sourceHash: 'h',
        unitId: rootId,
        processingUnitId: null,
        procedureId: proc.id,
        procedureVersionId: proc.versionId,
        procedureCode: procCode,
        procedureName: 'x',
        channel: 'counter',
        status: 'received',
        clockRunning: 0,
        applicantName: 'x',
        applicantNameFolded: 'x',
        applicant: '{}',
        components: '[]',
        lookupPin: '000000',
        supplementRequests: 0,
        state: '{}',
      })
      .execute();
    const n = await countDossiers();
    await t.scheduler.schedule('dossier.import', `dossier.import:${id}`, t.clock.now(), { importId: id });
    await t.runScheduler();
    const job = await finished(id);
    expect(job).toMatchObject({ status: 'done', rowsWritten: 2 });
    expect(await countDossiers()).toBe(n + 2);
    expect(await t.handle.db.selectFrom('dossiers').select('code').where('code', '=', 'H49.12-CR-STALE').executeTakeFirst()).toBeUndefined();
    expect(existsSync(path)).toBe(false);
  });

  it('survives a kill -9 of the process running the import: nothing is half-written, the restarted job writes every row once', async () => {
    const rows = 12_000;
    const id = 'killed-job-1';
    const path = join(t.config.dataDir, 'killed.jsonl');
    writeFileSync(path, jsonl(Array.from({ length: rows }, (_, i) => record(`H49.12-KILL-${i + 1}`))));
    const n = await countDossiers();
    const child = await crashingImport(t, { id, unitId: rootId, path });
    const exited = once(child, 'exit');
    const progress = () => t.handle.db.selectFrom('dossierImports').select(['status', 'rowsRead']).where('id', '=', id).executeTakeFirstOrThrow();
    const staged = async () =>
      Number(
        (
          await t.handle.db
            .selectFrom('dossierImportRows')
            .select((eb) => eb.fn.countAll<number | string>().as('n'))
            .where('importId', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    // Killed once its first batch is staged (the batch is written while the next one is read), long before its switch.
    while ((await staged()) === 0) {
      expect(child.exitCode).toBeNull();
      await sleep(10);
    }
    child.kill('SIGKILL');
    await exited;
    expect(await progress()).toMatchObject({ status: 'running' });
    expect(await countDossiers()).toBe(n);
    expect(await staged()).toBeGreaterThan(0);
    // The dead run's lease runs out; the next tick starts the job over from its file.
    t.clock.advanceMinutes(11);
    try {
      await t.runScheduler();
      const job = await finished(id);
      expect(job).toMatchObject({ status: 'done', rowsRead: rows, rowsWritten: rows, errorCount: 0 });
      expect(await countDossiers()).toBe(n + rows);
      expect(await staged()).toBe(0);
      const timeline = await sql<{
        n: number | string;
      }>`select count(*) as n from dossier_timeline t join dossiers d on d.id = t.dossier_id where d.import_id = ${id}`.execute(t.handle.db);
      expect(Number(timeline.rows[0]!.n)).toBe(rows * 7);
    } finally {
      t.clock.set('2026-03-02T02:00:00.000Z');
    }
  }, 240_000);

  it('answers live sync per record, idempotent by MaHoSo, with an API token', async () => {
    const res = await admin.post(`/api/dossier-sync?unitId=${rootId}`, {
      records: [
        record('H49.12-SYNC-1'),
        record('H49.12-SYNC-2', { TrangThaiHoSo: 0 }),
        record('H49.12-SYNC-3', { TrangThaiHoSo: 4, NgayKetThucXuLy: '', NgayTra: '' }),
      ],
    });
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([
      { index: 0, code: 'H49.12-SYNC-1', status: 'inserted', errors: [] },
      { index: 1, code: 'H49.12-SYNC-2', status: 'rejected', errors: [{ field: 'TrangThaiHoSo', code: 'dossier_import.status_invalid' }] },
      { index: 2, code: 'H49.12-SYNC-3', status: 'inserted', errors: [] },
    ]);
    const one = await admin.post(`/api/dossier-sync?unitId=${rootId}`, record('H49.12-SYNC-1'));
    expect(one.body.results).toEqual([{ index: 0, code: 'H49.12-SYNC-1', status: 'unchanged', errors: [] }]);
    const upd = await admin.post(`/api/dossier-sync?unitId=${rootId}`, record('H49.12-SYNC-3', { TrangThaiHoSo: 9, NgayTra: '' }));
    expect(upd.body.results[0].status).toBe('updated');
    // Another agency's administrator cannot see this agency (404); a specialist may not import (403).
    expect((await otherAgencyAdmin.post(`/api/dossier-sync?unitId=${rootId}`, record('H49.12-SYNC-9'))).status).toBe(404);
    expect((await specialist.post(`/api/dossier-sync?unitId=${rootId}`, record('H49.12-SYNC-9'))).status).toBe(403);
    expect((await admin.post(`/api/dossier-sync?unitId=${rootId}`, { records: [] })).status).toBe(400);
  });

  it('refuses an unknown format, hides another agency’s jobs, and cancels only unfinished jobs', async () => {
    expect((await upload('hoso.txt', Buffer.from('x'))).body).toMatchObject({ code: 'dossier_import.format_unknown' });
    const job = await finished((await upload('c.jsonl', jsonl([record('H49.12-CAN-1')]))).body.id);
    expect((await otherAgencyAdmin.get(`/api/dossier-imports/${job.id}`)).status).toBe(404);
    expect((await specialist.get(`/api/dossier-imports/${job.id}`)).status).toBe(404);
    const cancel = await admin.post(`/api/dossier-imports/${job.id}/cancel`);
    expect(cancel.status).toBe(409);
    expect(cancel.body.code).toBe('dossier_import.finished');
    const list = await admin.get(`/api/dossier-imports?unitId=${rootId}`);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(job.id);
  });

  it('reports an unreadable stored state with the dossier code, never a 500; the list still answers', async () => {
    const job = await finished((await upload('u.jsonl', jsonl([record('H49.12-UNR-1')]))).body.id);
    expect(job.status).toBe('done');
    await t.handle.db
      .updateTable('dossiers')
      .set({ state: JSON.stringify({ schemaVersion: 1, status: 'nonsense' }) })
      .where('code', '=', 'H49.12-UNR-1')
      .execute();
    const list = await admin.get('/api/dossiers?queue=all&q=UNR-1');
    expect(list.status).toBe(200);
    const id = list.body.items[0].id;
    const view = await admin.get(`/api/dossiers/${id}`);
    expect(view.status).toBe(409);
    expect(view.body).toMatchObject({ code: 'dossier.state_unreadable', detail: { code: 'H49.12-UNR-1' } });
    expect((await admin.get('/api/dossiers/export?queue=all')).status).toBe(200);
    // A state written before versions existed (no schemaVersion) is upcast and reads.
    const ok = (await admin.get('/api/dossiers?queue=all&q=IMP-0002')).body.items[0].id;
    const row = await t.handle.db.selectFrom('dossiers').select('state').where('id', '=', ok).executeTakeFirstOrThrow();
    const { schemaVersion: _v, ...old } = JSON.parse(row.state) as Record<string, unknown>;
    await t.handle.db
      .updateTable('dossiers')
      .set({ state: JSON.stringify(old) })
      .where('id', '=', ok)
      .execute();
    expect((await admin.get(`/api/dossiers/${ok}`)).status).toBe(200);
  });
});

// Migration 20261211010000: on PostgreSQL a staged row stays in the staging table's own pages (compressed, not
// moved out of line), so the switch does not fetch its values back from TOAST one lookup at a time. SQLite has
// no storage setting.
describe.each(engines.filter((e) => e === 'postgres'))('dossier import staging on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
  });
  afterAll(() => t.close());

  it('keeps every value of a staged row in the row (main storage)', async () => {
    const r = await sql<{ attname: string; attstorage: string }>`
      select attname, attstorage from pg_attribute
      where attrelid = 'dossier_import_rows'::regclass and attnum > 0 and not attisdropped and attstorage not in ('p', 'm')`.execute(t.handle.db);
    expect(r.rows).toEqual([]);
  });
});
