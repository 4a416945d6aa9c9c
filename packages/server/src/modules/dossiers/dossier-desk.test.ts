import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { actOn, at, createProcedure, threeSteps } from './dossier.fixtures';

// Issue #13 items 1 and 3 through HTTP on both databases: the desk and the processing specialist see
// the files the citizen uploaded (list, preview, download), the desk confirms every mandatory
// component when receiving an online filing, and "result ready" records the result document, which
// the citizen's lookup shows (the file only for an electronic result). Clock: Monday 2026-03-02 (UTC+7).

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const TEXT = Buffer.from('Ghi chú của công dân\n');
const SIGNED = Buffer.from('%PDF-1.4\n% Giấy chứng nhận đã ký\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

const COMPONENTS = [
  { name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true },
  { name: 'Bản sao CCCD', kind: 'copy', quantity: 1, mandatory: true },
  { name: 'Ảnh chân dung', kind: 'original', quantity: 1, mandatory: false },
];

describe.each(engines)('dossier desk: files, receipt check, result on %s', (engine) => {
  let t: TestApp;
  let desk: Caller;
  let deskAuth: string;
  let specialist: Caller;
  let specialistAuth: string;
  let outsider: Caller;
  let paperProcedure: string;
  let electronicProcedure: string;
  let ipSeq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const other = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    // Tokens, not sessions: the tests move the clock by days. The raw header is kept for multipart uploads.
    const bearer = async (role: string, unitId?: string): Promise<[Caller, string]> => {
      const { caller } = await make.actor(role, unitId);
      const auth = await t.bearerHeader(caller, 'desk');
      return [t.as(auth), auth];
    };
    [desk, deskAuth] = await bearer('one_stop_officer');
    [specialist, specialistAuth] = await bearer('specialist', div.id);
    [outsider] = await bearer('specialist', other.id);
    const create = (over: Record<string, unknown>) =>
      createProcedure(admin, rootId, {
        processingUnitId: div.id,
        steps: threeSteps(div.id).slice(0, 2),
        components: COMPONENTS,
        timeLimit: { value: 10, unit: 'working_days' },
        ...over,
      });
    paperProcedure = await create({ resultType: 'paper' });
    electronicProcedure = await create({ resultType: 'both' });
  });
  afterAll(() => t.close());

  const applicant = { name: 'Trần Thị Mai', phone: '0905123456', idNumber: '049123456789' };
  const ip = () => `203.0.113.${++ipSeq}`;

  async function publicUpload(name: string, type: string, data: Buffer): Promise<string> {
    const m = multipart(name, type, data);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/uploads',
      remoteAddress: ip(),
      headers: { 'content-type': m.contentType },
      payload: m.body,
    });
    if (res.statusCode !== 201) throw new Error(res.body);
    return JSON.parse(res.body).fileId as string;
  }

  /** An online filing with a PDF, an image and a text file; answers its id, code and PIN. */
  async function fileOnline(procedureId: string) {
    const components = [
      { name: 'Đơn đề nghị', fileId: await publicUpload('don-de-nghi.pdf', 'application/pdf', PDF) },
      { name: 'Bản sao CCCD', fileId: await publicUpload('cccd.png', 'image/png', PNG) },
      { name: 'Ảnh chân dung', fileId: await publicUpload('ghi-chu.txt', 'text/plain', TEXT) },
    ];
    const res = await t.app.inject({ method: 'POST', url: '/api/public/dossiers', remoteAddress: ip(), payload: { procedureId, applicant, components } });
    if (res.statusCode !== 201) throw new Error(res.body);
    const filed = JSON.parse(res.body) as { code: string; lookupPin: string };
    const id = (await desk.get(`/api/dossiers?q=${encodeURIComponent(filed.code)}`)).body.items[0].id as string;
    return { id, ...filed };
  }

  async function staffUpload(auth: string, dossierId: string, name: string, type: string, data: Buffer) {
    const m = multipart(name, type, data);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=dossier&ownerId=${dossierId}`,
      headers: { authorization: auth, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  const lookup = async (code: string, pin: string) => {
    const res = await t.app.inject({ method: 'GET', url: `/api/public/dossiers/${encodeURIComponent(code)}?pin=${pin}`, remoteAddress: ip() });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  };
  const resultFile = (code: string, pin: string) =>
    t.app.inject({ method: 'GET', url: `/api/public/dossiers/${encodeURIComponent(code)}/result-file?pin=${pin}`, remoteAddress: ip() });

  /** Receives with every component ticked and hands the two steps over: ready for the result. */
  async function toProcessing(id: string) {
    const all = COMPONENTS.map((c) => c.name);
    expect((await actOn(desk, id, { action: 'receive', confirmedComponents: all })).status).toBe(200);
    expect((await actOn(desk, id, { action: 'completeStep' })).status).toBe(200);
    expect((await actOn(specialist, id, { action: 'completeStep' })).status).toBe(200);
  }

  it('lists the citizen’s files per component for the desk and the processing specialist; 404 out of scope', async () => {
    t.clock.set(at('2026-03-02', '09:00'));
    const d = await fileOnline(paperProcedure);
    for (const reader of [desk, specialist]) {
      const res = await reader.get(`/api/dossiers/${d.id}/files`);
      expect(res.status).toBe(200);
      expect(res.body.items).toEqual([
        expect.objectContaining({
          name: 'don-de-nghi.pdf',
          size: PDF.length,
          contentType: 'application/pdf',
          component: 'Đơn đề nghị',
          uploadedBy: { kind: 'applicant', name: null },
          previewable: true,
          isResult: false,
        }),
        expect.objectContaining({ name: 'cccd.png', contentType: 'image/png', component: 'Bản sao CCCD', previewable: true }),
        expect.objectContaining({ name: 'ghi-chu.txt', contentType: 'text/plain', component: 'Ảnh chân dung', previewable: false }),
      ]);
      expect(res.body.items[0].uploadedAt).toBe(at('2026-03-02', '09:00'));
    }
    const files = (await specialist.get(`/api/dossiers/${d.id}/files`)).body.items as Array<{ id: string }>;
    const opened = await specialist.get(`/api/dossiers/${d.id}/files/${files[0]!.id}`);
    expect(opened.status).toBe(200);
    expect(opened.raw.equals(PDF)).toBe(true);
    // Another division's specialist: the dossier and each of its files read as absent.
    expect((await outsider.get(`/api/dossiers/${d.id}/files`)).status).toBe(404);
    expect((await outsider.get(`/api/dossiers/${d.id}/files/${files[0]!.id}`)).status).toBe(404);
    // A file id of another dossier is not a file of this one.
    const other = await fileOnline(paperProcedure);
    expect((await desk.get(`/api/dossiers/${other.id}/files/${files[0]!.id}`)).status).toBe(404);
    // Staff uploads are named after the officer.
    expect((await staffUpload(deskAuth, d.id, 'bien-ban.pdf', 'application/pdf', SIGNED)).status).toBe(201);
    const after = (await desk.get(`/api/dossiers/${d.id}/files`)).body.items;
    expect(after[3]).toMatchObject({ name: 'bien-ban.pdf', uploadedBy: { kind: 'staff', name: expect.any(String) }, component: null });
  });

  it('previews PDF and images inline with a locked-down policy; anything else always downloads', async () => {
    const d = await fileOnline(paperProcedure);
    const [pdf, png, txt] = (await desk.get(`/api/dossiers/${d.id}/files`)).body.items as Array<{ id: string }>;
    const get = (fileId: string, disposition?: string) => desk.get(`/api/dossiers/${d.id}/files/${fileId}${disposition ? `?disposition=${disposition}` : ''}`);

    let res = await get(pdf!.id, 'inline');
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe("inline; filename*=UTF-8''don-de-nghi.pdf");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'self'");

    res = await get(png!.id, 'inline');
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['content-disposition']).toMatch(/^inline;/);
    expect(res.headers['content-security-policy']).toMatch(/(^|; )sandbox($|;)/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');

    res = await get(txt!.id, 'inline');
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    res = await get(pdf!.id);
    expect(res.headers['content-disposition']).toMatch(/^attachment;/);
    expect((await get(pdf!.id, 'script')).status).toBe(400);
  });

  it('receives an online filing only when every mandatory component is confirmed, and keeps the checklist', async () => {
    t.clock.set(at('2026-03-03', '09:00'));
    const d = await fileOnline(paperProcedure);
    let view = await desk.get(`/api/dossiers/${d.id}`);
    expect(view.body.procedureComponents).toEqual([
      { name: 'Đơn đề nghị', mandatory: true },
      { name: 'Bản sao CCCD', mandatory: true },
      { name: 'Ảnh chân dung', mandatory: false },
    ]);
    let res = await actOn(desk, d.id, { action: 'receive' });
    expect(res.status).toBe(422);
    expect(res.body).toMatchObject({ code: 'dossier.components_unconfirmed', detail: { missing: ['Đơn đề nghị', 'Bản sao CCCD'] } });
    res = await actOn(desk, d.id, { action: 'receive', confirmedComponents: ['Đơn đề nghị'] });
    expect(res.body).toMatchObject({ code: 'dossier.components_unconfirmed', detail: { missing: ['Bản sao CCCD'] } });
    expect((await desk.get(`/api/dossiers/${d.id}`)).body.status).toBe('submitted');

    res = await actOn(desk, d.id, { action: 'receive', confirmedComponents: ['Đơn đề nghị', 'Bản sao CCCD'] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'received', receivedAt: at('2026-03-03', '09:00') });
    expect(res.body.receiptChecks).toEqual([
      { name: 'Đơn đề nghị', mandatory: true, checked: true },
      { name: 'Bản sao CCCD', mandatory: true, checked: true },
      { name: 'Ảnh chân dung', mandatory: false, checked: false },
    ]);
    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['after'])
      .where('entityId', '=', d.id)
      .where('action', '=', 'receive')
      .executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!).receiptChecks).toHaveLength(3);

    // The alternatives in the same dialog are the existing transitions: a refusal with a reason.
    const refused = await fileOnline(paperProcedure);
    res = await actOn(desk, refused.id, { action: 'refuse', reason: 'Hồ sơ không thuộc thẩm quyền' });
    expect(res.body).toMatchObject({ status: 'refused', closingReason: 'Hồ sơ không thuộc thẩm quyền' });
    view = await desk.get(`/api/dossiers/${refused.id}`);
    expect(view.body.receiptChecks).toEqual([]);
  });

  it('requires and checks the result record at "result ready", and shows it on the dossier', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    const d = await fileOnline(paperProcedure);
    await toProcessing(d.id);
    t.clock.set(at('2026-03-06', '10:00'));
    const result = { kind: 'certificate', number: '15/GCN-SKHCN', date: '2026-03-06', signer: 'Nguyễn Văn Bình' };

    let res = await actOn(specialist, d.id, { action: 'markResultReady' });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path)).toContain('body.result');

    // Every problem at once, by field: no file for a certificate, a date in the future, electronic on a paper procedure.
    res = await actOn(specialist, d.id, { action: 'markResultReady', result: { ...result, date: '2026-03-09', electronic: true } });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual(
      expect.arrayContaining([
        { path: 'body.result.date', code: 'dossier.result_date_future' },
        { path: 'body.result.fileId', code: 'dossier.result_file_required' },
        { path: 'body.result.electronic', code: 'dossier.result_electronic_not_allowed' },
      ]),
    );
    res = await actOn(specialist, d.id, { action: 'markResultReady', result: { ...result, date: '2026-03-03' } });
    expect(res.body.errors).toEqual(expect.arrayContaining([{ path: 'body.result.date', code: 'dossier.result_date_before_receipt' }]));
    // A file of another dossier is refused, not attached by reference.
    const other = await fileOnline(paperProcedure);
    const foreign = (await desk.get(`/api/dossiers/${other.id}/files`)).body.items[0].id as string;
    res = await actOn(specialist, d.id, { action: 'markResultReady', result: { ...result, fileId: foreign } });
    expect(res.body.errors).toEqual([{ path: 'body.result.fileId', code: 'dossier.result_file_invalid' }]);
    expect((await specialist.get(`/api/dossiers/${d.id}`)).body.status).toBe('processing');

    const signed = await staffUpload(specialistAuth, d.id, 'giay-chung-nhan.pdf', 'application/pdf', SIGNED);
    expect(signed.status).toBe(201);
    res = await actOn(specialist, d.id, { action: 'markResultReady', result: { ...result, fileId: signed.body.id } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      status: 'result_ready',
      electronicResultAllowed: false,
      resultRecord: { ...result, fileId: signed.body.id, fileName: 'giay-chung-nhan.pdf', electronic: false },
    });
    const files = (await desk.get(`/api/dossiers/${d.id}/files`)).body.items as Array<{ id: string; isResult: boolean }>;
    expect(files.filter((f) => f.isResult).map((f) => f.id)).toEqual([signed.body.id]);
    // The printed control sheet carries the receipt checklist and the result.
    const sheet = await desk.get(`/api/dossiers/${d.id}/forms/control-sheet`);
    expect(sheet.status).toBe(200);
    const xml = await (await JSZip.loadAsync(sheet.raw)).file('word/document.xml')!.async('string');
    expect(xml).toContain('Đơn đề nghị; Bản sao CCCD; Ảnh chân dung');
    expect(xml).toContain('Giấy chứng nhận số 15/GCN-SKHCN ngày 06/03/2026, người ký: Nguyễn Văn Bình');

    // The citizen sees the result's kind, number and date, but no file: it is a paper result.
    const seen = await lookup(d.code, d.lookupPin);
    expect(seen.body).toMatchObject({
      status: 'result_ready',
      result: { kind: 'certificate', number: '15/GCN-SKHCN', date: '2026-03-06', electronic: false, downloadable: false },
    });
    expect((await resultFile(d.code, d.lookupPin)).statusCode).toBe(404);
  });

  it('lets the citizen download an electronic result with the code and PIN only', async () => {
    t.clock.set(at('2026-03-09', '09:00'));
    const d = await fileOnline(electronicProcedure);
    expect((await lookup(d.code, d.lookupPin)).body.result).toBeNull();
    await toProcessing(d.id);
    const signed = await staffUpload(specialistAuth, d.id, 'giay-phep.pdf', 'application/pdf', SIGNED);
    const res = await actOn(specialist, d.id, {
      action: 'markResultReady',
      result: { kind: 'licence', number: '07/GP', date: '2026-03-09', signer: 'Lê Văn Cường', fileId: signed.body.id, electronic: true },
    });
    expect(res.status).toBe(200);
    expect(res.body.resultRecord).toMatchObject({ electronic: true });

    expect((await lookup(d.code, d.lookupPin)).body.result).toEqual({
      kind: 'licence',
      number: '07/GP',
      date: '2026-03-09',
      electronic: true,
      downloadable: true,
    });
    const file = await resultFile(d.code, d.lookupPin);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(SIGNED)).toBe(true);
    expect(file.headers['content-disposition']).toMatch(/^attachment;/);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    const wrongPin = d.lookupPin === '000000' ? '111111' : '000000';
    expect((await resultFile(d.code, wrongPin)).statusCode).toBe(404);
  });
});
