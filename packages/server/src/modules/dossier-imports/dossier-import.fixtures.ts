import { setTimeout as sleep } from 'node:timers/promises';
import { multipart, type Caller, type Response, type TestApp } from '../../../test/harness';

// Shared by the import tests (dossier-import.test.ts, dossier-import-first-load.test.ts): a record with the
// national sync fields (docs/dossier-imports.md#record-formats), a JSON-lines file, the upload and its wait.

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

/** Waits for the job the upload kicked off to end (the scheduler runs it in the background). */
export async function importFinished(by: Caller, id: string): Promise<Response['body']> {
  for (let i = 0; i < 500; i++) {
    const res = await by.get(`/api/dossier-imports/${id}`);
    if (!['queued', 'running'].includes(res.body.status)) return res.body;
    await sleep(20);
  }
  throw new Error('import did not finish');
}
