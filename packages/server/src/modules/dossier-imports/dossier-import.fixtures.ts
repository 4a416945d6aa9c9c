import { spawn, type ChildProcess } from 'node:child_process';
import { statSync } from 'node:fs';
import { basename } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import type { Engine } from '../../platform/db/database';
import { multipart, type Caller, type Response, type TestApp } from '../../../test/harness';
import { NEW_JOB } from './dossier-import.service';

// Shared by the import tests (dossier-import.test.ts, dossier-import-first-load.test.ts,
// dossier-import-direct.test.ts): a record with the national sync fields (docs/dossier-imports.md#record-formats),
// a JSON-lines file, the upload and its wait, the dossier tables' catalog, and a job run by a process to be killed.

/** A returned dossier with one supplement pause, in the national field names. */
export const nationalRecord = (procCode: string, code: string, over: Record<string, unknown> = {}): Record<string, unknown> => ({
  MaHoSo: code,
  MaTTHC: procCode,
  KenhThucHien: 2,
  TrangThaiHoSo: 10,
  NgayNopHoSo: '20260202080000',
  NgayTiepNhan: '2026-02-02T09:00:00+07:00',
  NgayHenTra: '20260223170000',
  NgayKetThucXuLy: '20260220100000',
  NgayTra: '20260224090000',
  ChuHoSo: 'Nguyễn Văn Ánh',
  DanhSachHoSoBoSung: [{ NgayBoSung: '20260205090000', NgayTiepNhanBoSung: '20260209090000', NoiDungBoSung: 'Thiếu bản sao' }],
  ...over,
});

/** The statuses `nationalRecord`'s dossier goes through, in order (its history and its timeline). */
export const NATIONAL_RECORD_PATH = ['submitted', 'received', 'processing', 'awaiting_supplement', 'processing', 'result_ready', 'returned'];

export const jsonLines = (records: unknown[]): Buffer => Buffer.from(records.map((r) => JSON.stringify(r)).join('\n') + '\n');

/** How many dossiers the database holds (read straight from the table). */
export async function dossierCount(t: TestApp): Promise<number> {
  const r = await t.handle.db
    .selectFrom('dossiers')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** `POST /api/dossier-imports` with a session cookie or a `Bearer …` token. */
export async function uploadImport(t: TestApp, name: string, data: Buffer, by: string, unitId: string): Promise<Pick<Response, 'status' | 'body'>> {
  const m = multipart(name, 'application/octet-stream', data);
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/dossier-imports?unitId=${unitId}`,
    headers: { ...(by.startsWith('Bearer ') ? { authorization: by } : { cookie: by }), 'content-type': m.contentType },
    payload: m.body,
  });
  return { status: res.statusCode, body: JSON.parse(res.body) };
}

/** Uploads JSON lines of `records` and waits for the job; the job and its audit entry's `after` (null when none). */
export async function importAndAudit(t: TestApp, by: Caller, cookie: string, unitId: string, records: unknown[]) {
  const res = await uploadImport(t, 'f.jsonl', jsonLines(records), cookie, unitId);
  if (res.status !== 202) throw new Error(JSON.stringify(res.body));
  const job = await importFinished(by, res.body.id);
  const audit = await t.handle.db
    .selectFrom('auditLog')
    .select('after')
    .where('entity', '=', 'dossier_import')
    .where('entityId', '=', res.body.id)
    .executeTakeFirst();
  return { job, after: audit?.after ? (JSON.parse(audit.after) as Record<string, number | boolean | string>) : null };
}

/** Waits for the job the upload kicked off to end (the scheduler runs it in the background). */
export async function importFinished(by: Caller, id: string): Promise<Response['body']> {
  for (let i = 0; i < 500; i++) {
    const res = await by.get(`/api/dossier-imports/${id}`);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    await sleep(20);
  }
  throw new Error('import did not finish');
}

/** The dossier tables whose indexes a first load sets aside. */
const DOSSIER_TABLES = ['dossiers', 'dossier_events', 'dossier_timeline'];

/** Every index and key of the dossier tables with its definition, as the engine's catalog gives them. */
export async function dossierCatalog(t: TestApp, engine: Engine): Promise<string[]> {
  if (engine === 'sqlite') {
    const r = await sql<{ d: string }>`
      select type || ' ' || name || ': ' || coalesce(sql, '') as d from sqlite_master
      where tbl_name in (${sql.join(DOSSIER_TABLES)}) and type in ('index', 'table') order by name`.execute(t.handle.db);
    return r.rows.map((x) => x.d);
  }
  const list = sql.join(DOSSIER_TABLES.map((x) => sql`${x}::regclass`));
  const r = await sql<{ d: string }>`
    select 'index ' || indexrelid::regclass::text || ': ' || pg_get_indexdef(indexrelid) as d from pg_index where indrelid in (${list})
    union all
    select 'constraint ' || conrelid::regclass::text || '.' || conname || ': ' || pg_get_constraintdef(oid) from pg_constraint where conrelid in (${list})
    order by 1`.execute(t.handle.db);
  return r.rows.map((x) => x.d);
}

/**
 * A queued import job of the JSON-lines file at `path` (written by the test), as an upload leaves it, and its
 * scheduled run; then a separate process (dossier-import.crash-child.ts) that runs the scheduler once, for
 * the test to kill with SIGKILL mid-import.
 */
export async function crashingImport(t: TestApp, job: { id: string; unitId: string; path: string }): Promise<ChildProcess> {
  await t.handle.db
    .insertInto('dossierImports')
    .values({
      id: job.id,
      unitId: job.unitId,
      actorId: null,
      actorName: null,
      actorUsername: null,
      source: 'file',
      fileName: basename(job.path),
      format: 'jsonl',
      filePath: job.path,
      sha256: 'k'.repeat(64),
      sizeBytes: statSync(job.path).size,
      status: 'queued',
      ...NEW_JOB,
      createdAt: t.clock.now(),
    })
    .execute();
  await t.scheduler.schedule('dossier.import', `dossier.import:${job.id}`, t.clock.now(), { importId: job.id });
  return spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      fileURLToPath(new URL('./dossier-import.crash-child.ts', import.meta.url)),
      t.config.dataDir,
      t.config.databaseUrl ?? '',
      t.clock.now(),
    ],
    { stdio: 'ignore' },
  );
}
