import { localDateOf } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { actOn, at, bearerOf, createProcedure, receiveDossier, resultReady, threeSteps, tokenActors } from './dossier.fixtures';

// The dossier lifecycle through the HTTP API on both databases (issue #4 "Tests"). The test clock
// starts on Monday 2026-03-02 09:00 (UTC+7); Tết 2026 closes 16–20 February.

describe.each(engines)('dossiers on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let desk: Caller;
  let specialist: Caller;
  let outsider: Caller;
  let viewer: Caller;
  let head: Caller;
  let leader: Caller;
  let specialistId: string;
  let procedureId: string;
  let oneDayProcedureId: string;
  let counterOnlyId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const other = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    // Tokens, not sessions: the tests move the clock by weeks, past any session's lifetime.
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    specialist = await bearer('specialist', div.id);
    specialistId = (await specialist.get('/api/me')).body.id;
    head = await bearer('unit_head', div.id);
    leader = await bearer('leader');
    outsider = await bearer('specialist', other.id);
    viewer = await bearer('viewer', other.id);
    const create = (over: Record<string, unknown>) => createProcedure(admin, rootId, { processingUnitId: div.id, steps: threeSteps(div.id), ...over });
    procedureId = await create({ timeLimit: { value: 10, unit: 'working_days' } });
    oneDayProcedureId = await create({ timeLimit: { value: 1, unit: 'working_days' }, steps: [] });
    counterOnlyId = await create({ channels: ['counter'], onlineLevel: 'none' });
    admin = await bearerOf(t, admin, 'admin');
  });
  afterAll(() => t.close());

  const applicant = { name: 'Nguyễn Văn Ánh', phone: '0905123456', email: 'anh@example.vn', idNumber: '049123456789', address: 'Quảng Ngãi' };
  const receive = (over: Record<string, unknown> = {}, by: Caller = desk) => receiveDossier(by, { procedureId, channel: 'counter', applicant, ...over });
  const act = actOn;

  it('receives a dossier with the national code, a due date from the calendar and a lookup PIN (API contract)', async () => {
    t.clock.set(at('2026-03-02', '09:00'));
    const res = await desk.post('/api/dossiers', { procedureId, channel: 'counter', applicant });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'received', dueDate: '2026-03-16', version: 1 });
    expect(res.body.id).toEqual(expect.any(String));
    expect(res.body.code).toMatch(/^000\.00\.12\.H49-260302-\d{4}$/);
    expect(res.body.lookupPin).toMatch(/^\d{6}$/);

    const view = await desk.get(`/api/dossiers/${res.body.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      code: res.body.code,
      nationalStatusCode: 2,
      channel: 'counter',
      timeliness: 'not_due',
      currentStep: 0,
      procedureVersionNo: 1,
    });
    expect(view.body.steps.map((s: { code: string }) => s.code)).toEqual(['TN', 'TD', 'PD']);
    expect(view.body.history).toEqual([expect.objectContaining({ action: 'receive', to: 'received', actorName: expect.any(String) })]);
    expect(view.body.can).toMatchObject({ completeStep: true, refuse: true, markResultReady: false, returnResult: false });
    expect(view.body.forms).toEqual(['receipt', 'control-sheet']);

    const mail = await t.handle.db.selectFrom('notifications').selectAll().where('dossierId', '=', res.body.id).execute();
    expect(mail).toEqual([
      expect.objectContaining({ event: 'dossier.received', recipient: 'anh@example.vn', status: 'skipped', error: 'smtp_not_configured' }),
    ]);
    expect(mail[0]!.body).toContain(res.body.code);
  });

  it('counts receipts after the cut-off and on non-working days from the next working day', async () => {
    // 10 working days from Friday 2026-03-06 is Friday 03-20; received Saturday it counts from Monday.
    t.clock.set(at('2026-03-07', '10:00'));
    expect((await receive()).dueDate).toBe('2026-03-23');
    t.clock.set(at('2026-03-02', '09:00'));
  });

  it('gives concurrent receipts distinct consecutive codes', async () => {
    t.clock.set(at('2026-03-03', '09:00'));
    const results = await Promise.all(Array.from({ length: 12 }, () => desk.post('/api/dossiers', { procedureId, channel: 'post', applicant })));
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(201));
    const seqs = results.map((r) => Number(String(r.body.code).slice(-4))).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  });

  it('accepts a past receipt as a backlog entry, audited as such', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    const past = await receive({ receivedAt: '2026-03-02T08:30:00+07:00' });
    expect(past.code).toMatch(/-260302-/);
    const audit = await t.handle.db.selectFrom('auditLog').select(['after']).where('entityId', '=', past.id).executeTakeFirstOrThrow();
    expect(JSON.parse(audit.after!)).toMatchObject({ backlogEntry: true, receivedAt: '2026-03-02T01:30:00.000Z' });
  });

  it('refuses a receipt in the future (400 naming receivedAt)', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    const future = await desk.post('/api/dossiers', { procedureId, channel: 'counter', applicant, receivedAt: '2026-03-05T09:00:00+07:00' });
    expect(future.status).toBe(400);
    expect(future.body.errors).toEqual([expect.objectContaining({ path: 'body.receivedAt', code: 'dossier.received_at_future' })]);
  });

  it('refuses a channel the procedure does not offer (400 naming channel)', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    const post = await desk.post('/api/dossiers', { procedureId: counterOnlyId, channel: 'post', applicant });
    expect(post.status).toBe(400);
    expect(post.body.errors).toEqual([expect.objectContaining({ path: 'body.channel', code: 'dossier.channel_not_allowed' })]);
  });

  it('names every invalid applicant field, and writes nothing', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    const bad = await desk.post('/api/dossiers', { procedureId, channel: 'counter', applicant: { name: ' ', email: 'not-an-email' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.applicant.email', 'body.applicant.name']);
    expect(await t.handle.db.selectFrom('dossiers').select('id').where('applicantName', '=', ' ').execute()).toEqual([]);
  });

  it('refuses a receipt by a role that does not receive (403)', async () => {
    t.clock.set(at('2026-03-04', '09:00'));
    expect((await specialist.post('/api/dossiers', { procedureId, channel: 'counter', applicant })).status).toBe(403);
  });

  it('answers a stale version with 409 and the current dossier', async () => {
    t.clock.set(at('2026-03-05', '08:00'));
    const d = await receive();
    t.clock.advanceMinutes(60);
    expect((await act(desk, d.id, { action: 'completeStep', note: 'Chuyển phòng chuyên môn' })).status).toBe(200);
    // Someone acting on the version they read before this change gets the current dossier back.
    const res = await specialist.post(`/api/dossiers/${d.id}/actions`, { version: 1, action: 'completeStep' });
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('conflict.stale_version');
    expect(res.body.detail.current).toMatchObject({ version: 2, currentStep: 1 });
  });

  it('runs the lifecycle: steps with a control sheet, result, return', async () => {
    t.clock.set(at('2026-03-05', '08:00'));
    const d = await receive();
    t.clock.advanceMinutes(60);
    let res = await act(desk, d.id, { action: 'completeStep', note: 'Chuyển phòng chuyên môn' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'processing', currentStep: 1 });

    t.clock.set(at('2026-03-09', '10:00'));
    expect((await act(specialist, d.id, { action: 'completeStep' })).status).toBe(200);
    expect((await act(specialist, d.id, resultReady('2026-03-09'))).body.code).toBe('dossier.steps_incomplete');
    // "Phê duyệt" is the leader's step (docs/domain/dossiers.md#step-performers).
    expect((await act(specialist, d.id, { action: 'completeStep', note: 'Đã ký' })).body.code).toBe('dossier.step_performer_required');
    res = await act(leader, d.id, { action: 'completeStep', note: 'Đã ký' });
    expect(res.body.handovers.map((h: { fromStep: string; timeliness: string }) => [h.fromStep, h.timeliness])).toEqual([
      ['TN', 'on_time'],
      ['TD', 'early'],
      ['PD', 'early'],
    ]);
    res = await act(specialist, d.id, resultReady('2026-03-09'));
    expect(res.body).toMatchObject({ status: 'result_ready', result: 'early' });
    expect((await act(specialist, d.id, { action: 'returnResult', method: 'counter', receivedBy: 'Nguyễn Văn Ánh' })).status).toBe(403);
    res = await act(desk, d.id, { action: 'returnResult', method: 'counter', receivedBy: 'Nguyễn Văn Ánh' });
    expect(res.body).toMatchObject({ status: 'returned', nationalStatusCode: 10, returnMethod: 'counter', returnedTo: 'Nguyễn Văn Ánh' });
    expect(res.body.history.map((h: { action: string }) => h.action)).toEqual([
      'receive',
      'complete_step',
      'complete_step',
      'complete_step',
      'mark_result_ready',
      'return_result',
    ]);
    expect(Object.values(res.body.can).some(Boolean)).toBe(false);
    const events = await t.handle.db.selectFrom('notifications').select('event').where('dossierId', '=', d.id).orderBy('createdAt').execute();
    expect(events.map((e) => e.event)).toEqual(['dossier.received', 'dossier.result_ready']);
  });

  it('pauses the clock for a supplement across Tết and moves the due date by the paused working days', async () => {
    t.clock.set(at('2026-02-10', '09:00'));
    const d = await receive();
    expect(d.dueDate).toBe('2026-03-03'); // 10 working days skipping Tết (16–20 February)
    t.clock.set(at('2026-02-12', '09:00'));
    let res = await act(specialist, d.id, { action: 'requestSupplement', reason: 'Thiếu bản sao quyết định', items: ['Quyết định công nhận kết quả'] });
    expect(res.body).toMatchObject({
      status: 'awaiting_supplement',
      nationalStatusCode: 5,
      timeliness: null,
      forms: ['receipt', 'supplement', 'control-sheet'],
    });
    t.clock.set(at('2026-02-24', '09:00'));
    res = await act(desk, d.id, { action: 'completeSupplement' });
    // Paused (12/2, 24/2]: 13/2, 23/2, 24/2 = 3 working days; Tết days are not counted.
    expect(res.body).toMatchObject({ status: 'processing', dueDate: '2026-03-06', originalDueDate: '2026-03-03' });
    expect(res.body.pauses).toEqual([expect.objectContaining({ kind: 'supplement', workingDays: 3, items: ['Quyết định công nhận kết quả'] })]);
    const mail = await t.handle.db
      .selectFrom('notifications')
      .select(['event', 'body'])
      .where('dossierId', '=', d.id)
      .where('event', '=', 'dossier.supplement_requested')
      .executeTakeFirstOrThrow();
    expect(mail.body).toContain('Thiếu bản sao quyết định');
  });

  it('blocks an overdue dossier until an apology letter with a new date is issued; it ends late', async () => {
    t.clock.set(at('2026-03-10', '09:00'));
    const d = await receive({ procedureId: oneDayProcedureId });
    expect(d.dueDate).toBe('2026-03-11');
    t.clock.set(at('2026-03-13', '09:00'));
    let view = await specialist.get(`/api/dossiers/${d.id}`);
    expect(view.body).toMatchObject({ timeliness: 'overdue', overdueDays: 2 });
    expect(view.body.can).toMatchObject({ startProcessing: false, issueApology: true });

    const list = await desk.get('/api/dossiers?queue=overdue&pageSize=100');
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(d.id);
    expect(list.body.counts.overdue).toBeGreaterThanOrEqual(1);

    let res = await act(specialist, d.id, { action: 'startProcessing' });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('dossier.apology_required');
    res = await act(specialist, d.id, { action: 'issueApology', reason: 'Chờ ý kiến liên ngành', newDueDate: '2026-03-14' });
    expect(res.body.code).toBe('dossier.apology_date_not_working_day');
    res = await act(specialist, d.id, { action: 'issueApology', reason: 'Chờ ý kiến liên ngành', newDueDate: '2026-03-17' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      dueDate: '2026-03-17',
      statutoryDueDate: '2026-03-11',
      timeliness: 'not_due',
      forms: ['receipt', 'apology', 'control-sheet'],
    });
    expect(res.body.apologies).toEqual([expect.objectContaining({ oldDueDate: '2026-03-11', newDueDate: '2026-03-17' })]);
    expect((await act(specialist, d.id, { action: 'startProcessing' })).status).toBe(200);
    res = await act(specialist, d.id, resultReady(localDateOf(t.clock.now())));
    expect(res.body).toMatchObject({ status: 'result_ready', result: 'late' });
    view = await desk.get(`/api/dossiers/${d.id}`);
    expect(view.body.history.find((h: { action: string }) => h.action === 'issue_apology')).toMatchObject({ note: 'Chờ ý kiến liên ngành' });
  });

  it('lists queues and finds dossiers by code or applicant without diacritics; scope hides other divisions', async () => {
    t.clock.set(at('2026-03-16', '09:00'));
    const d = await receive({ applicant: { name: 'Trần Thị Hương Giang' } });
    let res = await desk.get('/api/dossiers?q=huong%20giang');
    expect(res.body.items.map((i: { code: string }) => i.code)).toEqual([d.code]);
    res = await specialist.get(`/api/dossiers?q=${d.code.slice(-11)}`);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({ applicantName: 'Trần Thị Hương Giang', status: 'received', timeliness: 'not_due' });
    res = await desk.get('/api/dossiers?queue=to_process&sort=code&order=asc&pageSize=2&page=2');
    expect(res.body).toMatchObject({ page: 2, pageSize: 2 });
    expect(res.body.items).toHaveLength(2);

    expect((await outsider.get(`/api/dossiers/${d.id}`)).status).toBe(404);
    expect((await outsider.post(`/api/dossiers/${d.id}/actions`, { version: 1, action: 'refuse', reason: 'x' })).status).toBe(404);
    expect((await outsider.get('/api/dossiers')).body.total).toBe(0);
    expect((await viewer.get('/api/dossiers')).body.total).toBe(0);
    expect((await t.anon.get('/api/dossiers')).status).toBe(401);
  });

  // Issue #13 item 11: the header search types an ID number or a tax code into the same list query.
  it('finds a dossier by the applicant ID number or an organisation tax code (prefix, spaces ignored); scope still applies', async () => {
    t.clock.set(at('2026-03-16', '10:00'));
    const person = await receive({ applicant: { ...applicant, idNumber: '051987000123' } });
    const firm = await receive({
      applicant: { kind: 'organization', name: 'Công ty TNHH Tìm Kiếm', taxCode: '4300999888-001', representative: 'Lê Văn Tìm', phone: '0255 3822 123' },
    });
    const codes = async (by: Caller, q: string) =>
      ((await by.get(`/api/dossiers?q=${encodeURIComponent(q)}&pageSize=100`)).body.items as { code: string }[]).map((i) => i.code);
    expect(await codes(desk, '051987000123')).toEqual([person.code]);
    expect(await codes(specialist, '051 987 000')).toEqual([person.code]);
    expect(await codes(desk, '4300999888')).toEqual([firm.code]);
    expect(await codes(desk, '4300999888-001')).toEqual([firm.code]);
    // A number that is no one's finds nothing; a short number is not read as an ID (only codes and names).
    expect(await codes(desk, '051987000124')).toEqual([]);
    expect(await codes(outsider, '051987000123')).toEqual([]);
  });

  it('lets the division head assign a dossier to a specialist, who finds it in the "mine" queue', async () => {
    t.clock.set(at('2026-03-17', '09:00'));
    const d = await receive();
    let res = await head.get(`/api/dossiers/${d.id}/assignees`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((u: { id: string }) => u.id)).toContain(specialistId);
    expect((await specialist.get(`/api/dossiers/${d.id}/assignees`)).status).toBe(403);
    expect((await head.get(`/api/dossiers/${d.id}`)).body.can.assign).toBe(true);

    const outsiderId = (await outsider.get('/api/me')).body.id;
    res = await head.post(`/api/dossiers/${d.id}/assign`, { version: 1, assigneeId: outsiderId });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ path: 'body.assigneeId', code: 'dossier.assignee_invalid' })]);
    res = await head.post(`/api/dossiers/${d.id}/assign`, { version: 1, assigneeId: specialistId });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ assigneeId: specialistId, version: 2 });
    expect(res.body.history.at(-1)).toMatchObject({ action: 'assign', note: res.body.assigneeName });
    const mine = await specialist.get('/api/dossiers?queue=mine');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([d.id]);
    expect(mine.body.counts.mine).toBe(1);
    expect((await head.post(`/api/dossiers/${d.id}/assign`, { version: 1, assigneeId: null })).status).toBe(409);
  });

  it('counts in each queue tab exactly the dossiers its list holds, for every scope; list lines match the dossier', async () => {
    t.clock.set(at('2026-03-18', '09:00'));
    const late = await receive({ procedureId: oneDayProcedureId });
    const soon = await receive({ procedureId: oneDayProcedureId });
    const paused = await receive();
    expect((await act(specialist, paused.id, { action: 'requestSupplement', reason: 'Thiếu tờ khai', items: [] })).status).toBe(200);
    t.clock.set(at('2026-03-20', '09:00'));
    expect((await act(specialist, soon.id, { action: 'issueApology', reason: 'Chờ ý kiến', newDueDate: '2026-03-23' })).status).toBe(200);
    const version = (await head.get(`/api/dossiers/${paused.id}`)).body.version;
    expect((await head.post(`/api/dossiers/${paused.id}/assign`, { version, assigneeId: specialistId })).status).toBe(200);
    const callers = { desk, specialist, head, outsider, viewer };
    const queues = [
      'mine',
      'to_receive',
      'to_process',
      'awaiting_supplement',
      'almost_due',
      'overdue',
      'all',
      'open',
      'due_today',
      'to_assign',
      'result_ready',
    ] as const;
    for (const [who, caller] of Object.entries(callers)) {
      const counts = (await caller.get('/api/dossiers')).body.counts as Record<string, number>;
      for (const queue of queues) {
        const res = await caller.get(`/api/dossiers?queue=${queue}&pageSize=100`);
        expect(res.status).toBe(200);
        expect(res.body.total, `${who} ${queue}`).toBe(counts[queue]);
        expect(res.body.items, `${who} ${queue}`).toHaveLength(res.body.total);
        expect(res.body.counts).toEqual(counts);
      }
      // A filter narrows the list's total, never the tabs' counts.
      const filtered = await caller.get('/api/dossiers?queue=all&status=processing&pageSize=100');
      expect(filtered.body.counts).toEqual(counts);
      expect(filtered.body.items.every((i: { status: string }) => i.status === 'processing')).toBe(true);
      expect(filtered.body.total).toBe(filtered.body.items.length);
    }
    const tabs = (await desk.get('/api/dossiers')).body.counts;
    expect(tabs).toMatchObject({ awaiting_supplement: expect.any(Number), overdue: expect.any(Number), almost_due: expect.any(Number) });
    for (const queue of ['to_process', 'awaiting_supplement', 'almost_due', 'overdue'] as const) expect(tabs[queue], queue).toBeGreaterThan(0);
    expect((await specialist.get('/api/dossiers')).body.counts.mine).toBeGreaterThan(0);
    expect((await outsider.get('/api/dossiers')).body.counts).toEqual(Object.fromEntries(queues.map((q) => [q, 0])));

    // The list's line shows what the dossier shows: status, due dates, timeliness and overdue days.
    const all = (await desk.get('/api/dossiers?queue=all&pageSize=100')).body.items as Array<Record<string, unknown>>;
    for (const id of [late.id, soon.id, paused.id]) {
      const line = all.find((i) => i.id === id)!;
      const view = (await desk.get(`/api/dossiers/${id}`)).body;
      for (const field of ['code', 'status', 'channel', 'receivedAt', 'dueDate', 'dueAt', 'timeliness', 'overdueDays', 'assigneeId', 'assigneeName'])
        expect(line[field], field).toEqual(view[field]);
      expect(line.applicantName).toBe(view.applicant.name);
    }
    expect(all.find((i) => i.id === late.id)).toMatchObject({ timeliness: 'overdue', overdueDays: 1 });
    expect(all.find((i) => i.id === soon.id)).toMatchObject({ timeliness: 'almost_due', overdueDays: null });
    expect(all.find((i) => i.id === paused.id)).toMatchObject({ status: 'awaiting_supplement', timeliness: null });
  });

  it('keeps a procedure that has dossiers: deleting it is refused with procedure.in_use', async () => {
    const p = await admin.get(`/api/procedures/${counterOnlyId}`);
    await desk.post('/api/dossiers', { procedureId: counterOnlyId, channel: 'counter', applicant });
    const off = await admin.post(`/api/procedures/${counterOnlyId}/status`, { version: p.body.version, status: 'inactive' });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    const del = await admin.delete(`/api/procedures/${counterOnlyId}?version=${off.body.version}`);
    expect(del.status).toBe(409);
    expect(del.body.code).toBe('procedure.in_use');
  });
});
