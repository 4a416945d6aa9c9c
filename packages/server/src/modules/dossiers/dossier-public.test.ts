import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { actOk, at, createProcedure, receiveDossier, resultReady, threeSteps, tokenActors } from './dossier.fixtures';

// The citizen's endpoints through HTTP on both databases (issue #4 "Public lookup and rating"): lookup
// by code and PIN, online filing with uploads, the rating after return. The test clock starts on
// Monday 2026-03-02 09:00 (UTC+7). Each test calls from its own client address, so the per-address
// rate limits of one test never touch another.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 1)]);
const MAX_UPLOAD = 4096;

describe.each(engines)('public dossier endpoints on %s', (engine) => {
  let t: TestApp;
  let desk: Caller;
  let specialist: Caller;
  let procedureId: string;
  let quickId: string;
  let counterOnlyId: string;
  let sysAdmin: Caller;
  let ipSeq = 0;
  /** A fresh client address (the app trusts X-Forwarded-For, as behind the reverse proxy). */
  const newIp = () => `198.51.100.${++ipSeq}`;

  beforeAll(async () => {
    t = await createTestApp(engine, { maxUploadBytes: MAX_UPLOAD });
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    // Tokens, not sessions: the tests move the clock by days, past a session's lifetime.
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    sysAdmin = await bearer('system_admin');
    specialist = await bearer('specialist', div.id);
    // Reception and appraisal only.
    const create = (over: Record<string, unknown>) =>
      createProcedure(admin, rootId, { processingUnitId: div.id, steps: threeSteps(div.id).slice(0, 2), ...over });
    procedureId = await create({ timeLimit: { value: 10, unit: 'working_days' } });
    quickId = await create({ timeLimit: { value: 3, unit: 'working_days' }, steps: [] });
    counterOnlyId = await create({ channels: ['counter'], onlineLevel: 'none' });
  });
  afterAll(() => t.close());

  const applicant = {
    name: 'Nguyễn Văn Ánh',
    phone: '0905123456',
    email: 'anh.nguyen@example.vn',
    idNumber: '049123456789',
    address: '12 Hùng Vương, Quảng Ngãi',
  };

  async function send(ip: string, method: 'GET' | 'POST', url: string, body?: object) {
    const res = await t.app.inject({ method, url, remoteAddress: ip, ...(body ? { payload: body } : {}) });
    return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : undefined, text: res.body, headers: res.headers };
  }
  const lookup = (code: string, pin: string, ip = newIp()) =>
    send(ip, 'GET', `/api/public/dossiers/${encodeURIComponent(code)}?pin=${encodeURIComponent(pin)}`);
  const rate = (code: string, pin: string, body: object, ip = newIp()) =>
    send(ip, 'POST', `/api/public/dossiers/${encodeURIComponent(code)}/rating?pin=${encodeURIComponent(pin)}`, body);
  async function upload(name: string, type: string, data: Buffer, ip = newIp()) {
    const m = multipart(name, type, data);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/public/uploads',
      remoteAddress: ip,
      headers: { 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }
  const receive = (over: Record<string, unknown> = {}) => receiveDossier(desk, { procedureId, channel: 'counter', applicant, ...over });
  const act = actOk;
  const idOf = async (code: string) => (await desk.get(`/api/dossiers?q=${encodeURIComponent(code)}`)).body.items[0].id as string;

  it('files a dossier online; the desk finds it to receive, and the clock starts at receipt (after office hours: next working day)', async () => {
    // Filed on Friday night: national status 1, no due date until the desk accepts it.
    t.clock.set(at('2026-03-06', '22:00'));
    const ip = newIp();
    let res = await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant, note: 'Nộp qua cổng' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({
      code: expect.stringMatching(/^000\.00\.12\.H49-260306-\d{4}$/),
      lookupPin: expect.stringMatching(/^\d{6}$/),
      status: 'submitted',
    });
    const filed = res.body as { code: string; lookupPin: string };

    res = await lookup(filed.code, filed.lookupPin);
    expect(res.body).toMatchObject({
      status: 'submitted',
      nationalStatusCode: 1,
      receivedAt: null,
      dueDate: null,
      missing: [],
      canRate: false,
      submittedAt: at('2026-03-06', '22:00'),
    });
    expect(res.body.timeline).toEqual([{ at: at('2026-03-06', '22:00'), action: 'submit', status: 'submitted' }]);

    const queue = await desk.get('/api/dossiers?queue=to_receive&pageSize=100');
    expect(queue.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ code: filed.code, status: 'submitted', channel: 'online', applicantName: applicant.name })]),
    );
    expect(queue.body.counts.to_receive).toBeGreaterThanOrEqual(1);

    // Received on Monday morning: 10 working days from Monday 9 March.
    t.clock.set(at('2026-03-09', '09:00'));
    const id = await idOf(filed.code);
    let view = await act(desk, id, { action: 'receive', confirmedComponents: ['Đơn đề nghị'] });
    expect(view).toMatchObject({
      status: 'received',
      channel: 'online',
      receivedAt: at('2026-03-09', '09:00'),
      deemedReceivedOn: '2026-03-09',
      dueDate: '2026-03-23',
    });
    res = await lookup(filed.code, filed.lookupPin);
    expect(res.body).toMatchObject({ status: 'received', nationalStatusCode: 2, receivedAt: at('2026-03-09', '09:00'), dueDate: '2026-03-23' });
    expect(res.body.timeline.map((e: { action: string }) => e.action)).toEqual(['submit', 'receive']);

    // Filed during the day, accepted by the desk after closing (17:00): it counts from the next working day.
    t.clock.set(at('2026-03-10', '10:00'));
    const second = (await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant })).body as { code: string };
    t.clock.set(at('2026-03-10', '17:15'));
    view = await act(desk, await idOf(second.code), { action: 'receive', confirmedComponents: ['Đơn đề nghị'] });
    expect(view).toMatchObject({ status: 'received', deemedReceivedOn: '2026-03-11', dueDate: '2026-03-25' });
    // The same moment at the counter (no cut-off configured) counts from the day itself.
    expect((await receive()).code).toMatch(/-260310-/);
  });

  it('refuses online filing for counter-only procedures and checks the applicant', async () => {
    t.clock.set(at('2026-03-11', '09:00'));
    const ip = newIp();
    let res = await send(ip, 'POST', '/api/public/dossiers', { procedureId: counterOnlyId, applicant });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.procedureId', code: 'dossier.channel_not_allowed' })]);
    res = await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant: { name: 'A', idNumber: '123', phone: '' } });
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.applicant.idNumber', 'body.applicant.phone']);
  });

  it('shows status, due date, what is missing and the timeline, and nothing personal', async () => {
    t.clock.set(at('2026-03-12', '09:00'));
    const d = await receive({ note: 'Ghi chú nội bộ của bộ phận một cửa' });
    t.clock.advanceMinutes(60);
    await act(desk, d.id, { action: 'completeStep', note: 'Chuyển phòng chuyên môn, anh Bình xử lý' });
    t.clock.advanceMinutes(60);
    await act(specialist, d.id, {
      action: 'requestSupplement',
      reason: 'Thiếu bản sao quyết định thành lập',
      items: ['Quyết định thành lập tổ chức', 'Điều lệ tổ chức'],
    });

    const res = await lookup(d.code, d.lookupPin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      code: d.code,
      status: 'awaiting_supplement',
      nationalStatusCode: 5,
      receivedAt: at('2026-03-12', '09:00'),
      dueDate: '2026-03-26',
      returnedAt: null,
      missing: ['Quyết định thành lập tổ chức', 'Điều lệ tổ chức'],
      canRate: false,
    });
    expect(res.body.procedureName).toContain('Cấp giấy chứng nhận');
    expect(res.body.timeline).toEqual([
      { at: at('2026-03-12', '09:00'), action: 'receive', status: 'received' },
      { at: at('2026-03-12', '10:00'), action: 'complete_step', status: 'processing', name: 'Tiếp nhận' },
      { at: at('2026-03-12', '11:00'), action: 'request_supplement', status: 'awaiting_supplement', note: 'Thiếu bản sao quyết định thành lập' },
    ]);
    // Field by field: no applicant data, no officers, no internal notes, no ids.
    const officers = [(await desk.get('/api/me')).body.fullName, (await specialist.get('/api/me')).body.fullName];
    for (const secret of [
      applicant.name,
      applicant.phone,
      applicant.email,
      applicant.idNumber,
      applicant.address,
      ...officers,
      'Ghi chú nội bộ',
      'anh Bình',
      d.id,
      d.lookupPin,
    ]) {
      expect(res.text, secret).not.toContain(secret);
    }
    expect(Object.keys(res.body).sort()).toEqual(
      [
        'canRate',
        'code',
        'completion',
        'dueAt',
        'dueDate',
        'missing',
        'nationalStatusCode',
        'procedureName',
        'receivedAt',
        'result',
        'returnedAt',
        'status',
        'submittedAt',
        'timeline',
      ].sort(),
    );

    // Once supplemented nothing is missing any more.
    await act(desk, d.id, { action: 'completeSupplement' });
    expect((await lookup(d.code, d.lookupPin)).body).toMatchObject({ status: 'processing', missing: [] });
  });

  it('finds the dossier by its code in any letter case with surrounding spaces (issue #13 contract)', async () => {
    t.clock.set(at('2026-03-13', '08:00'));
    const d = await receive();
    const typed = `  ${d.code.toLowerCase()}  `;
    expect(typed.trim()).not.toBe(d.code);
    const res = await lookup(typed, d.lookupPin);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ code: d.code, status: 'received' });
    expect((await lookup(typed, d.lookupPin === '000000' ? '000001' : '000000')).status).toBe(404);
  });

  it('answers a wrong PIN and an unknown code with the same 404', async () => {
    t.clock.set(at('2026-03-13', '09:00'));
    const d = await receive();
    const wrong = await lookup(d.code, d.lookupPin === '000000' ? '000001' : '000000');
    const unknown = await lookup('000.00.12.H49-260313-9999', '123456');
    const malformed = await lookup(d.code, 'abc');
    const missing = await send(newIp(), 'GET', `/api/public/dossiers/${encodeURIComponent(d.code)}`);
    for (const r of [wrong, unknown, malformed, missing]) {
      expect(r.status).toBe(404);
      expect(r.headers['content-type']).toBe(wrong.headers['content-type']);
      expect(r.text).toBe(wrong.text);
    }
    expect(wrong.body).toMatchObject({ status: 404, code: 'dossier.not_found' });
    // The rating endpoint checks the PIN the same way.
    const rating = await rate(d.code, '999999' === d.lookupPin ? '999998' : '999999', { answers: { overall: 5 } });
    expect(rating.status).toBe(404);
    expect(rating.text).toBe(wrong.text);
  });

  it('locks a code for 15 minutes after 10 wrong PINs, known or unknown alike', async () => {
    t.clock.set(at('2026-03-16', '09:00'));
    const d = await receive();
    const bad = d.lookupPin === '111111' ? '222222' : '111111';
    const unknownCode = '000.00.12.H49-260316-9999';
    for (let i = 0; i < 10; i++) {
      expect((await lookup(d.code, bad)).status).toBe(404);
      expect((await lookup(unknownCode, bad)).status).toBe(404);
    }
    // Locked: even the right PIN is refused, and an unknown code looks the same.
    const locked = await lookup(d.code, d.lookupPin);
    expect(locked.status).toBe(429);
    // Another letter case is the same code, and the same lock.
    expect((await lookup(d.code.toLowerCase(), d.lookupPin)).status).toBe(429);
    expect(locked.body.code).toBe('dossier.lookup_locked');
    expect((await lookup(unknownCode, '123456')).text).toBe(locked.text);
    expect((await rate(d.code, d.lookupPin, { answers: { overall: 5 } })).status).toBe(429);
    // Other codes are unaffected; the lock ends when the failures leave the window.
    const other = await receive();
    expect((await lookup(other.code, other.lookupPin)).status).toBe(200);
    t.clock.advanceMinutes(16);
    expect((await lookup(d.code, d.lookupPin)).status).toBe(200);
  });

  it('rate-limits each client address (30 lookups a minute)', async () => {
    const ip = newIp();
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) statuses.push((await lookup(`000.00.12.H49-260317-${String(i).padStart(4, '0')}`, '123456', ip)).status);
    expect(statuses.slice(0, 30)).toEqual(Array(30).fill(404));
    expect(statuses[30]).toBe(429);
    const limited = await lookup('x', '123456', ip);
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    // Another address is not affected.
    expect((await lookup('x', '123456')).status).toBe(404);
  });

  it('accepts component uploads (content-checked, size-limited) and attaches them to the filed dossier', async () => {
    t.clock.set(at('2026-03-18', '09:00'));
    const up = await upload('Đơn đề nghị.pdf', 'application/pdf', PDF);
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({ fileId: expect.any(String), name: 'Đơn đề nghị.pdf', size: PDF.length, contentType: 'application/pdf' });
    const exe = await upload('don.pdf', 'application/pdf', EXE);
    expect(exe.status).toBe(400);
    expect(exe.body.code).toBe('file.type_not_allowed');
    expect((await upload('big.txt', 'text/plain', Buffer.alloc(MAX_UPLOAD + 1, 'a'))).status).toBe(413);

    const ip = newIp();
    const forged = `${up.body.fileId.split('.')[0]}.${Buffer.alloc(32).toString('base64url')}`;
    const refused = await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components: [{ name: 'Đơn', fileId: forged }] });
    expect(refused.status).toBe(400);
    expect(refused.body.errors).toEqual([expect.objectContaining({ path: 'body.components.0.fileId', code: 'dossier.file_invalid' })]);

    const res = await send(ip, 'POST', '/api/public/dossiers', {
      procedureId,
      applicant,
      components: [{ name: 'Đơn đề nghị cấp giấy chứng nhận', fileId: up.body.fileId }, { name: 'Bản sao quyết định thành lập' }],
    });
    expect(res.status, res.text).toBe(201);
    const id = await idOf(res.body.code);
    const view = await desk.get(`/api/dossiers/${id}`);
    expect(view.body.components.map((c: { name: string }) => c.name)).toEqual(['Đơn đề nghị cấp giấy chứng nhận', 'Bản sao quyết định thành lập']);
    const files = await desk.get(`/api/files?ownerEntity=dossier&ownerId=${id}`);
    expect(files.body.items).toEqual([expect.objectContaining({ name: 'Đơn đề nghị.pdf', contentType: 'application/pdf', size: PDF.length })]);
    const dl = await desk.get(`/api/files/${files.body.items[0].id}`);
    expect(dl.status).toBe(200);
    expect(dl.raw.equals(PDF)).toBe(true);
    const row = await t.handle.db.selectFrom('attachments').select(['createdBy', 'unitId']).where('ownerId', '=', id).executeTakeFirstOrThrow();
    expect(row.createdBy).toBeNull();

    // A reference expires after a day.
    t.clock.set(at('2026-03-20', '09:00'));
    const late = await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components: [{ name: 'Đơn', fileId: up.body.fileId }] });
    expect(late.status).toBe(400);
  });

  it('takes one rating per dossier, only after the result was returned', async () => {
    t.clock.set(at('2026-03-23', '09:00'));
    const d = await receive({ procedureId: quickId });
    const answers = { overall: 5, ease: 4, timeliness: 5, attitude: 5, contacts: 3, publicity: 4 };
    let res = await rate(d.code, d.lookupPin, { answers });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('dossier.rating_not_allowed');

    await act(desk, d.id, { action: 'startProcessing' });
    t.clock.advanceMinutes(120);
    await act(specialist, d.id, resultReady('2026-03-23'));
    expect((await lookup(d.code, d.lookupPin)).body.canRate).toBe(false);
    t.clock.set(at('2026-03-24', '10:00'));
    await act(desk, d.id, { action: 'returnResult', method: 'counter', receivedBy: applicant.name });

    let found = await lookup(d.code, d.lookupPin);
    expect(found.body).toMatchObject({ status: 'returned', nationalStatusCode: 10, returnedAt: at('2026-03-24', '10:00'), canRate: true });
    expect(found.text).not.toContain(applicant.name);

    res = await rate(d.code, d.lookupPin, { answers: { ...answers, overall: 6 } });
    expect(res.status).toBe(400);
    res = await rate(d.code, d.lookupPin, { answers: { ease: 4 } });
    expect(res.status).toBe(400);
    res = await rate(d.code, d.lookupPin, { answers, comment: 'Cán bộ hướng dẫn tận tình.' });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ code: d.code, overall: 5 });
    res = await rate(d.code, d.lookupPin, { answers: { overall: 1 } });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('dossier.already_rated');

    const stored = await t.handle.db.selectFrom('dossierRatings').selectAll().where('dossierId', '=', d.id).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ overall: 5, comment: 'Cán bộ hướng dẫn tận tình.' });
    expect(JSON.parse(stored.scores)).toEqual({ ease: 4, timeliness: 5, attitude: 5, contacts: 3, publicity: 4 });
    const view = await desk.get(`/api/dossiers/${d.id}`);
    expect(stored.unitId).toBe(view.body.unitId);
    expect(view.body.rating).toMatchObject({ overall: 5, comment: 'Cán bộ hướng dẫn tận tình.' });
    found = await lookup(d.code, d.lookupPin);
    expect(found.body.canRate).toBe(false);
    const audited = await sysAdmin.get(`/api/audit?entity=dossier_rating&entityId=${d.id}`);
    expect(audited.body.items).toEqual([expect.objectContaining({ actorName: applicant.name, actorKind: 'citizen' })]);
  });

  it('attributes what the applicant did on the public site to the citizen in the audit log, and the chain covers it', async () => {
    t.clock.set(at('2026-03-25', '09:00'));
    const ip = newIp();
    const up = await upload('Tờ khai.pdf', 'application/pdf', PDF, ip);
    const filed = await send(ip, 'POST', '/api/public/dossiers', { procedureId, applicant, components: [{ name: 'Tờ khai', fileId: up.body.fileId }] });
    expect(filed.status, filed.text).toBe(201);
    const id = await idOf(filed.body.code);
    const created = await sysAdmin.get(`/api/audit?entity=dossier&entityId=${id}`);
    expect(created.body.items).toEqual([expect.objectContaining({ action: 'create', actorId: null, actorName: applicant.name, actorKind: 'citizen' })]);
    const attachment = await t.handle.db.selectFrom('attachments').select('id').where('ownerId', '=', id).executeTakeFirstOrThrow();
    const attached = await sysAdmin.get(`/api/audit?entity=attachment&entityId=${attachment.id}`);
    expect(attached.body.items).toEqual([expect.objectContaining({ actorName: applicant.name, actorKind: 'citizen' })]);

    // The desk's receipt is the officer's, by name; the 'system' kind is for rows no one made.
    await act(desk, id, { action: 'receive', confirmedComponents: ['Đơn đề nghị'] });
    const received = await sysAdmin.get(`/api/audit?entity=dossier&entityId=${id}&action=receive`);
    expect(received.body.items).toEqual([expect.objectContaining({ actorKind: 'user', actorId: expect.any(String) })]);
    const unknownEntity = await sysAdmin.get('/api/audit?entity=dossiers');
    expect(unknownEntity.status).toBe(400);
    expect(unknownEntity.body.errors[0].path).toBe('querystring.entity');

    // Turning the citizen's row into a "system" row breaks the chain at that row.
    const row = await t.handle.db
      .selectFrom('auditLog')
      .select('seq')
      .where('entity', '=', 'dossier')
      .where('entityId', '=', id)
      .where('action', '=', 'create')
      .executeTakeFirstOrThrow();
    const { AuditRepository } = await import('../../platform/audit/audit.repository');
    const repo = new AuditRepository(t.handle.db, t.engine);
    expect((await repo.verify()).problems).toEqual([]);
    await t.handle.db.updateTable('auditLog').set({ actorKind: null }).where('seq', '=', row.seq).execute();
    expect((await repo.verify()).problems).toContainEqual({ seq: Number(row.seq), problem: 'hash_mismatch' });
    await t.handle.db.updateTable('auditLog').set({ actorKind: 'citizen' }).where('seq', '=', row.seq).execute();
  });
  it('sends an online filing back for completion before receipt; the filer completes it and the desk receives it (issue #13 item 1)', async () => {
    t.clock.set(at('2026-04-06', '09:00'));
    const ip = newIp();
    const first = await upload('Đơn đề nghị.pdf', 'application/pdf', PDF, ip);
    const filed = await send(ip, 'POST', '/api/public/dossiers', {
      procedureId,
      applicant,
      components: [{ name: 'Đơn đề nghị', fileId: first.body.fileId }, { name: 'Bản sao CCCD' }],
    });
    expect(filed.status, filed.text).toBe(201);
    const { code, lookupPin } = filed.body as { code: string; lookupPin: string };
    const id = await idOf(code);
    const version = (await desk.get(`/api/dossiers/${id}`)).body.version as number;
    // The period's figures as filed (the file's other dossiers are in them too): the test compares with these.
    const april = '/api/dossiers/statistics?from=2026-04-01&to=2026-04-30';
    const base = (await desk.get(april)).body;
    const figures = (s: typeof base) => [s.received.total, s.toProcess, s.inProgress.total, s.paused.total, s.awaitingReceipt];

    // Only the desk sends it back (a specialist of the processing division reads it: 403), with a reason and the list.
    const ask = { version, action: 'requestCompletion', reason: 'Bản chụp CCCD bị mờ, thiếu mặt sau', items: ['Bản sao CCCD', 'Tờ khai'] };
    const denied = await specialist.post(`/api/dossiers/${id}/actions`, ask);
    expect(denied.status).toBe(403);
    expect((await desk.post(`/api/dossiers/${id}/actions`, { ...ask, items: [] })).status).toBe(400);
    t.clock.set(at('2026-04-06', '10:00'));
    const sent = await act(desk, id, ask);
    expect(sent).toMatchObject({
      status: 'awaiting_completion',
      nationalStatusCode: 5,
      receivedAt: null,
      dueDate: null,
      pauses: [],
      supplementRequestCount: 0,
      completionRequests: [{ at: at('2026-04-06', '10:00'), reason: ask.reason, items: ask.items, completedAt: null }],
      forms: ['supplement'],
      can: { receive: false, requestCompletion: false, refuse: true, withdraw: true, assign: false },
    });
    expect(sent.history.at(-1)).toMatchObject({ action: 'request_completion', from: 'submitted', to: 'awaiting_completion', note: ask.reason });
    const audited = await sysAdmin.get(`/api/audit?entity=dossier&entityId=${id}&action=request_completion`);
    expect(audited.body.items).toHaveLength(1);
    const mail = await t.handle.db
      .selectFrom('notifications')
      .select(['body', 'recipient'])
      .where('dossierId', '=', id)
      .where('event', '=', 'dossier.completion_requested')
      .executeTakeFirstOrThrow();
    expect(mail.recipient).toBe(applicant.email);
    expect(mail.body).toContain('Bản chụp CCCD bị mờ');
    expect(mail.body).toContain('- Tờ khai');
    // Received dossiers cannot be sent back this way (they get a supplement request), nor a second time.
    expect((await desk.post(`/api/dossiers/${id}/actions`, { ...ask, version: sent.version })).status).toBe(422);

    // Not in the desk's "to receive" queue; in "awaiting supplement"; not received, in the statistics.
    const toReceive = await desk.get('/api/dossiers?queue=to_receive&pageSize=100');
    expect(toReceive.body.items.map((d: { id: string }) => d.id)).not.toContain(id);
    const waiting = await desk.get('/api/dossiers?queue=awaiting_supplement&pageSize=100');
    expect(waiting.body.items).toEqual(expect.arrayContaining([expect.objectContaining({ id, status: 'awaiting_completion' })]));
    expect(waiting.body.counts.awaiting_supplement).toBe(waiting.body.items.length);
    const [received0, toProcess0, inProgress0, paused0, awaiting0] = figures(base);
    expect(figures((await desk.get(april)).body)).toEqual([received0, toProcess0, inProgress0, paused0, awaiting0 - 1]);

    // The citizen sees what to complete and the officer's note.
    let res = await lookup(code, lookupPin);
    expect(res.body).toMatchObject({
      status: 'awaiting_completion',
      missing: ask.items,
      completion: { requestedAt: at('2026-04-06', '10:00'), reason: ask.reason, items: ask.items },
    });
    expect(res.body.timeline.at(-1)).toEqual({ at: at('2026-04-06', '10:00'), action: 'request_completion', status: 'awaiting_completion', note: ask.reason });

    // Completing: the PIN is checked, every requested component needs a file.
    t.clock.set(at('2026-04-08', '14:00'));
    const cccd = await upload('CCCD hai mặt.pdf', 'application/pdf', PDF, ip);
    const form = await upload('Tờ khai.pdf', 'application/pdf', Buffer.concat([PDF, Buffer.from('% tờ khai\n')]), ip);
    const complete = (body: object, pin = lookupPin) => send(ip, 'POST', `/api/public/dossiers/${encodeURIComponent(code)}/completion?pin=${pin}`, body);
    const wrongPin = lookupPin === '000000' ? '111111' : '000000';
    expect((await complete({ components: [{ name: 'Bản sao CCCD', fileId: cccd.body.fileId }] }, wrongPin)).status).toBe(404);
    const partial = await complete({ components: [{ name: 'Bản sao CCCD', fileId: cccd.body.fileId }] });
    expect(partial.status).toBe(400);
    expect(partial.body).toMatchObject({ code: 'dossier.completion_incomplete', detail: { missing: ['Tờ khai'] } });
    res = await complete({
      components: [
        { name: 'Bản sao CCCD', fileId: cccd.body.fileId },
        { name: 'Tờ khai', fileId: form.body.fileId },
      ],
      note: 'Đã chụp lại cả hai mặt',
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toEqual({ code, status: 'submitted' });
    expect((await complete({ components: [{ name: 'Tờ khai', fileId: form.body.fileId }] })).status).toBe(409);

    // Back with the desk, same code; the new files are attached (the earlier ones kept) and named per component.
    const back = (await desk.get(`/api/dossiers/${id}`)).body;
    expect(back).toMatchObject({ code, status: 'submitted', nationalStatusCode: 1, completionRequests: [{ completedAt: at('2026-04-08', '14:00') }] });
    expect(back.components.map((c: { name: string }) => c.name)).toEqual(['Đơn đề nghị', 'Bản sao CCCD', 'Tờ khai']);
    expect(back.history.at(-1)).toMatchObject({ action: 'complete_filing', to: 'submitted', actorName: applicant.name, note: 'Đã chụp lại cả hai mặt' });
    const files = await desk.get(`/api/files?ownerEntity=dossier&ownerId=${id}`);
    expect(files.body.items.map((f: { name: string }) => f.name).sort()).toEqual(['CCCD hai mặt.pdf', 'Tờ khai.pdf', 'Đơn đề nghị.pdf']);
    const byCitizen = await sysAdmin.get(`/api/audit?entity=dossier&entityId=${id}&action=complete_filing`);
    expect(byCitizen.body.items).toEqual([expect.objectContaining({ actorName: applicant.name, actorKind: 'citizen' })]);
    expect((await desk.get('/api/dossiers?queue=to_receive&pageSize=100')).body.items.map((d: { id: string }) => d.id)).toContain(id);
    expect(figures((await desk.get(april)).body)).toEqual(figures(base));

    // Received as usual: the clock starts at the receipt, not at the first filing.
    t.clock.set(at('2026-04-09', '09:00'));
    const received = await act(desk, id, { action: 'receive', confirmedComponents: ['Đơn đề nghị'] });
    expect(received).toMatchObject({ status: 'received', receivedAt: at('2026-04-09', '09:00'), dueDate: '2026-04-23' });
    const after = (await desk.get(april)).body;
    expect([after.received.total, after.received.online, after.awaitingReceipt]).toEqual([received0 + 1, base.received.online + 1, awaiting0 - 1]);
  });
});
