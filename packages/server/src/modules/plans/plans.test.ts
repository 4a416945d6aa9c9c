import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';

// Plans and tasks through the HTTP API (docs/plans.md): the edges of issue #10 item 1 on both engines.
// The test clock's today is Monday 2026-03-02.

type Session = Caller & { cookie: string };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(engines)('plans and tasks on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let divA: { id: string };
  let divB: { id: string };
  let leader: Session;
  let secretary: Session;
  let headA: Session;
  let specA: { user: { id: string }; caller: Session };
  let specA2: Session;
  let headB: Session;
  let specB: { user: { id: string }; caller: Session };
  let viewer: Session;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    divA = await make.unit({ name: 'Phòng Quản lý khoa học' });
    divB = await make.unit({ name: 'Thanh tra Sở' });
    leader = (await make.actor('leader')).caller;
    secretary = (await make.actor('par_secretary')).caller;
    headA = (await make.actor('unit_head', divA.id)).caller;
    specA = await make.actor('specialist', divA.id);
    specA2 = (await make.actor('specialist', divA.id)).caller;
    headB = (await make.actor('unit_head', divB.id)).caller;
    specB = await make.actor('specialist', divB.id);
    viewer = (await make.actor('viewer')).caller;
  });
  afterAll(() => t.close());

  async function plan(over: Record<string, unknown> = {}, as: Caller = leader) {
    const res = await as.post('/api/plans', {
      unitId: rootId,
      year: 2026,
      kind: 'annual',
      title: 'Kế hoạch cải cách hành chính năm 2026',
      documentNumber: '12/KH-SKHCN',
      documentDate: '2026-01-10',
      ...over,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function issued(over: Record<string, unknown> = {}) {
    const p = await plan(over);
    const res = await leader.post(`/api/plans/${p.id}/issue`, { version: p.version, issuedOn: '2026-01-12' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  async function task(planId: string, over: Record<string, unknown> = {}, as: Caller = leader) {
    const res = await as.post('/api/tasks', { planId, title: 'Rà soát, đơn giản hóa thủ tục hành chính', unitId: divA.id, dueOn: '2026-06-30', ...over });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body;
  }
  async function upload(as: Session, taskId: string) {
    const m = multipart('bien-ban.pdf', 'application/pdf', PDF);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=task&ownerId=${taskId}`,
      headers: { cookie: as.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('creates, edits, issues and closes a plan; issuing needs the document number and judges the due day', async () => {
    const draft = await plan({ documentNumber: null, documentDate: null });
    expect(draft).toMatchObject({
      status: 'draft',
      taskCount: 0,
      timeliness: { dueOn: '2026-01-31', status: 'not_issued' },
      can: { manage: true, issue: true, delete: true },
    });
    const noNumber = await leader.post(`/api/plans/${draft.id}/issue`, { version: draft.version });
    expect(noNumber.status).toBe(400);
    expect(noNumber.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.documentDate', 'body.documentNumber']);
    const edited = await secretary.patch(`/api/plans/${draft.id}`, { version: draft.version, documentNumber: '15/KH-SKHCN', documentDate: '2026-02-02' });
    expect(edited.status).toBe(200);
    const stale = await leader.patch(`/api/plans/${draft.id}`, { version: draft.version, title: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current).toMatchObject({ id: draft.id, version: edited.body.version, documentNumber: '15/KH-SKHCN' });
    const done = await leader.post(`/api/plans/${draft.id}/issue`, { version: edited.body.version, issuedOn: '2026-02-03' });
    expect(done.body).toMatchObject({ status: 'issued', issuedOn: '2026-02-03', timeliness: { dueOn: '2026-01-31', status: 'late' } });
    // The agency's own due day for the year replaces the default.
    const put = await secretary.put('/api/plan-settings', { unitId: rootId, year: 2026, annualPlanDueOn: '2026-02-15', version: 0 });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect((await secretary.put('/api/plan-settings', { unitId: rootId, year: 2026, annualPlanDueOn: '2026-02-10', version: 0 })).status).toBe(409);
    expect((await leader.get(`/api/plans/${draft.id}`)).body.timeliness).toEqual({ dueOn: '2026-02-15', status: 'on_time' });
    expect((await headA.put('/api/plan-settings', { unitId: rootId, year: 2026, annualPlanDueOn: '2026-02-15', version: 1 })).status).toBe(404);
    const closed = await leader.post(`/api/plans/${draft.id}/close`, { version: done.body.version });
    expect(closed.body).toMatchObject({ status: 'closed', closedOn: '2026-03-02' });
    expect((await leader.post('/api/tasks', { planId: draft.id, title: 'x', unitId: divA.id, dueOn: '2026-06-30' })).status).toBe(409);
  });

  it('refuses plan writes to the wrong roles and hides other agencies', async () => {
    expect((await headA.post('/api/plans', { unitId: rootId, year: 2026, kind: 'thematic', title: 'X' })).status).toBe(404);
    expect((await viewer.post('/api/plans', { unitId: rootId, year: 2026, kind: 'thematic', title: 'X' })).status).toBe(403);
    const bad = await leader.post('/api/plans', { unitId: rootId, year: 1999, kind: 'weekly', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.kind', 'body.title', 'body.year']);
  });

  it('deletes a plan without tasks, and answers 409 for a plan that has tasks', async () => {
    const p = await plan();
    await task(p.id);
    const withTasks = await leader.delete(`/api/plans/${p.id}?version=${p.version}`);
    expect(withTasks.status).toBe(409);
    expect(withTasks.body.code).toBe('plan.has_tasks');
    const empty = await plan();
    expect((await leader.delete(`/api/plans/${empty.id}?version=${empty.version}`)).status).toBe(204);
    expect((await leader.get(`/api/plans/${empty.id}`)).status).toBe(404);
  });

  it('refuses due days before the start or outside the plan year, naming the field', async () => {
    const p = await plan();
    const before = await leader.post('/api/tasks', { planId: p.id, title: 'A', unitId: divA.id, startOn: '2026-05-01', dueOn: '2026-04-30' });
    expect(before.status).toBe(400);
    expect(before.body.errors).toEqual([{ path: 'body.dueOn', code: 'task.due_before_start' }]);
    const outside = await leader.post('/api/tasks', { planId: p.id, title: 'A', unitId: divA.id, dueOn: '2027-01-04' });
    expect(outside.body.errors).toEqual([{ path: 'body.dueOn', code: 'task.due_outside_plan_year' }]);
    const neither = await leader.post('/api/tasks', { planId: p.id, title: 'A', unitId: divA.id });
    expect(neither.body.errors).toEqual([{ path: 'body.dueOn', code: 'task.due_required' }]);
    const parent = await task(p.id, { dueOn: '2026-05-29' });
    const late = await leader.post('/api/tasks', { planId: p.id, parentId: parent.id, title: 'Con', unitId: divA.id, dueOn: '2026-06-30' });
    expect(late.body.errors).toEqual([{ path: 'body.dueOn', code: 'task.due_after_parent' }]);
    const child = await task(p.id, { parentId: parent.id, dueOn: '2026-05-15' });
    const grandchild = await leader.post('/api/tasks', { planId: p.id, parentId: child.id, title: 'Cháu', unitId: divA.id, dueOn: '2026-05-15' });
    expect(grandchild.body.errors).toEqual([{ path: 'body.parentId', code: 'task.subtask_depth' }]);
    const outsider = await leader.post('/api/tasks', { planId: p.id, title: 'A', unitId: 'no-such-unit', dueOn: '2026-05-15' });
    expect(outsider.body.errors).toEqual([{ path: 'body.unitId', code: 'task.unit_outside_agency' }]);
  });

  it('counts "N working days from issue" with the calendar, and recounts them from the issue day', async () => {
    const p = await plan();
    // Draft: counted from today (Monday 2 March 2026); 10 working days later is Monday 16 March.
    const relative = await task(p.id, { dueOn: undefined, dueInWorkingDays: 10 });
    expect(relative).toMatchObject({ dueOn: '2026-03-16', dueWorkingDays: 10 });
    // Issued on Friday 13 February 2026 (inside the Tết closure of 16–20 February): 10 working days end on 6 March.
    const res = await leader.post(`/api/plans/${p.id}/issue`, { version: p.version, issuedOn: '2026-02-13' });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const expected = (await t.anon.get('/api/calendar/add-working-days?from=2026-02-13&days=10')).body.date;
    expect((await leader.get(`/api/tasks/${relative.id}`)).body.dueOn).toBe(expected);
  });

  it('runs a task: hand to a specialist, progress with evidence, completion with evidence, done or done late', async () => {
    const p = await issued();
    const tk = await task(p.id, { coordinatingUnitIds: [divB.id], criteria: ['1.1', '3.2'], expectedOutput: 'Báo cáo kết quả rà soát' });
    expect(tk).toMatchObject({ status: 'not_started', progress: 0, coordinatingUnits: [{ id: divB.id, name: 'Thanh tra Sở' }], criteria: ['1.1', '3.2'] });

    // The lead person must hold a role in the owner unit; the coordinating division reads the task, no more.
    const wrongLead = await headA.post(`/api/tasks/${tk.id}/assign`, { version: tk.version, leadUserId: specB.user.id });
    expect(wrongLead.body.errors).toEqual([{ path: 'body.leadUserId', code: 'task.lead_not_in_unit' }]);
    expect((await headB.get(`/api/tasks/${tk.id}`)).body.can).toMatchObject({ update: false, assign: false, complete: false });
    expect((await specA.caller.post(`/api/tasks/${tk.id}/assign`, { version: tk.version, leadUserId: specA.user.id })).status).toBe(403);
    const assigned = await headA.post(`/api/tasks/${tk.id}/assign`, { version: tk.version, leadUserId: specA.user.id });
    expect(assigned.body).toMatchObject({ leadUserId: specA.user.id, can: { update: true } });

    // Only the lead person among the specialists updates it.
    expect((await specA2.post(`/api/tasks/${tk.id}/progress`, { version: assigned.body.version, progress: 10 })).status).toBe(403);
    const tooMuch = await specA.caller.post(`/api/tasks/${tk.id}/progress`, { version: assigned.body.version, progress: 101 });
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.errors).toEqual([{ path: 'body.progress', code: 'task.progress_out_of_range' }]);
    expect((await specA.caller.post(`/api/tasks/${tk.id}/progress`, { version: assigned.body.version, progress: -1 })).body.errors).toEqual([
      { path: 'body.progress', code: 'task.progress_out_of_range' },
    ]);
    expect((await upload(specA2, tk.id)).status).toBe(403);
    const file = await upload(specA.caller, tk.id);
    expect(file.status).toBe(201);
    const unknown = await specA.caller.post(`/api/tasks/${tk.id}/progress`, { version: assigned.body.version, progress: 50, attachmentIds: ['nope'] });
    expect(unknown.body.errors).toEqual([{ path: 'body.attachmentIds.0', code: 'task.attachment_unknown' }]);
    const progressed = await specA.caller.post(`/api/tasks/${tk.id}/progress`, {
      version: assigned.body.version,
      progress: 50,
      note: 'Đã rà soát 10/20 thủ tục',
      attachmentIds: [file.body.id],
    });
    expect(progressed.body).toMatchObject({ status: 'in_progress', progress: 50 });
    expect(progressed.body.journal[0]).toMatchObject({
      kind: 'progress',
      progress: 50,
      note: 'Đã rà soát 10/20 thủ tục',
      attachments: [{ id: file.body.id, name: 'bien-ban.pdf' }],
    });

    // Completing needs evidence or an explanation.
    const bare = await specA.caller.post(`/api/tasks/${tk.id}/complete`, { version: progressed.body.version, note: '  ' });
    expect(bare.status).toBe(422);
    expect(bare.body.code).toBe('task.evidence_required');
    const stale = await specA.caller.post(`/api/tasks/${tk.id}/complete`, { version: assigned.body.version, attachmentIds: [file.body.id] });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current).toMatchObject({ id: tk.id, version: progressed.body.version, progress: 50 });
    const done = await specA.caller.post(`/api/tasks/${tk.id}/complete`, { version: progressed.body.version, attachmentIds: [file.body.id] });
    expect(done.body).toMatchObject({ status: 'done', progress: 100, completedOn: '2026-03-02', bucket: 'done_on_time' });
    expect((await specA.caller.post(`/api/tasks/${tk.id}/progress`, { version: done.body.version, progress: 90 })).status).toBe(422);
    expect((await headA.post(`/api/tasks/${tk.id}/progress`, { version: done.body.version, progress: 90 })).body.code).toBe('task.invalid_transition');

    // Due last Friday, completed today with an explanation: done late.
    const late = await task(p.id, { title: 'Báo cáo quý I', dueOn: '2026-02-27' }, secretary);
    expect(late.bucket).toBe('overdue');
    const lateDone = await headA.post(`/api/tasks/${late.id}/complete`, { version: late.version, note: 'Đã gửi báo cáo qua eOffice' });
    expect(lateDone.body).toMatchObject({ status: 'done_late', bucket: 'done_late' });
  });

  it('asks the leader to approve completions when the plan says so', async () => {
    const p = await issued({ kind: 'conclusion', requiresApproval: true, title: 'Kết luận của Giám đốc Sở' });
    const tk = await task(p.id);
    const submitted = await headA.post(`/api/tasks/${tk.id}/complete`, { version: tk.version, note: 'Đã hoàn thành' });
    expect(submitted.body).toMatchObject({ status: 'awaiting_approval', submittedOn: '2026-03-02', completedOn: null, bucket: 'in_time' });
    expect((await headA.post(`/api/tasks/${tk.id}/approve`, { version: submitted.body.version })).status).toBe(403);
    const rejected = await leader.post(`/api/tasks/${tk.id}/reject`, { version: submitted.body.version, note: 'Bổ sung biên bản' });
    expect(rejected.body).toMatchObject({ status: 'in_progress', submittedOn: null });
    const again = await headA.post(`/api/tasks/${tk.id}/complete`, { version: rejected.body.version, note: 'Đã bổ sung' });
    const approved = await leader.post(`/api/tasks/${tk.id}/approve`, { version: again.body.version });
    expect(approved.body).toMatchObject({ status: 'done', completedOn: '2026-03-02' });
  });

  it('cancels with a reason; a cancelled task takes no more work and leaves every count', async () => {
    const p = await issued();
    const tk = await task(p.id, { dueOn: '2026-02-20' });
    expect((await headA.post(`/api/tasks/${tk.id}/cancel`, { version: tk.version, reason: 'Không còn phù hợp' })).status).toBe(403);
    expect((await leader.post(`/api/tasks/${tk.id}/cancel`, { version: tk.version, reason: '' })).status).toBe(400);
    const cancelled = await leader.post(`/api/tasks/${tk.id}/cancel`, { version: tk.version, reason: 'Không còn phù hợp' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Không còn phù hợp', bucket: null });
    const more = await headA.post(`/api/tasks/${tk.id}/complete`, { version: cancelled.body.version, note: 'x' });
    expect(more.status).toBe(422);
    expect(more.body.code).toBe('task.invalid_transition');
    const list = await leader.get(`/api/tasks?planId=${p.id}&bucket=overdue`);
    expect(list.body.total).toBe(0);
  });

  it('deletes only a task not started and without sub-tasks', async () => {
    const p = await issued();
    const parent = await task(p.id);
    await task(p.id, { parentId: parent.id, dueOn: '2026-05-01' });
    expect((await leader.delete(`/api/tasks/${parent.id}?version=${parent.version}`)).body.code).toBe('task.has_subtasks');
    const lone = await task(p.id);
    expect((await headA.delete(`/api/tasks/${lone.id}?version=${lone.version}`)).status).toBe(403);
    expect((await leader.delete(`/api/tasks/${lone.id}?version=${lone.version}`)).status).toBe(204);
  });

  it('lists mine, my unit, overdue and due soon with search ignoring diacritics; the overview equals the lists', async () => {
    const p = await issued({ title: 'Kế hoạch danh sách' });
    const mk = (title: string, dueOn: string, unitId = divB.id) => task(p.id, { title, dueOn, unitId });
    const overdue = await mk('Báo cáo công tác thanh tra', '2026-02-25');
    await mk('Kiểm tra việc thực hiện quy chế', '2026-03-04');
    await mk('Tổng kết năm', '2026-12-15');
    const assigned = await headB.post(`/api/tasks/${overdue.id}/assign`, { version: overdue.version, leadUserId: specB.user.id });
    expect(assigned.status).toBe(200);

    const mine = await specB.caller.get('/api/tasks?scope=mine');
    expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([overdue.id]);
    const unit = await headB.get('/api/tasks?scope=unit&sort=dueOn&order=desc');
    expect(unit.body.items.map((i: { title: string }) => i.title)).toEqual(['Tổng kết năm', 'Kiểm tra việc thực hiện quy chế', 'Báo cáo công tác thanh tra']);
    expect((await headB.get('/api/tasks?scope=unit&bucket=overdue')).body.total).toBe(1);
    expect((await headB.get('/api/tasks?scope=unit&bucket=due_soon&dueWithinDays=3')).body.items.map((i: { title: string }) => i.title)).toEqual([
      'Kiểm tra việc thực hiện quy chế',
    ]);
    expect((await headB.get('/api/tasks?q=bao%20cao%20cong%20tac')).body.items.map((i: { id: string }) => i.id)).toEqual([overdue.id]);
    // The search is a substring of the folded title on both engines (PostgreSQL `like`, SQLite `instr`):
    // case, diacritics and repeated spaces ignored, inside a word too, and `%`, `_`, `\` are plain characters.
    const pct = await mk('Tỷ lệ 100% hồ sơ đúng_hạn \\ năm', '2026-12-20');
    const found = async (q: string) => (await headB.get(`/api/tasks?scope=unit&q=${encodeURIComponent(q)}`)).body.items.map((i: { id: string }) => i.id);
    expect(await found('BÁO  CÁO Công')).toEqual([overdue.id]);
    expect(await found('ao ca')).toEqual([overdue.id]);
    expect(await found('100%')).toEqual([pct.id]);
    expect(await found('dung_han \\')).toEqual([pct.id]);
    expect(await found('%')).toEqual([pct.id]);
    expect(await found('_')).toEqual([pct.id]);
    expect(await found('a%c')).toEqual([]);
    expect((await headB.get(`/api/tasks?scope=unit&q=${encodeURIComponent('tra')}`)).body.total).toBe(2);
    expect((await headA.get('/api/tasks?scope=unit')).body.items.every((i: { unitId: string }) => i.unitId === divA.id)).toBe(true);
    const bad = await headB.get('/api/tasks?bucket=late&sort=size&pageSize=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.bucket', 'querystring.pageSize', 'querystring.sort']);

    for (const who of [leader, headB]) {
      const o = (await who.get('/api/tasks/overview')).body;
      expect(o).toMatchObject({ today: '2026-03-02', weekEndsOn: '2026-03-08' });
      expect(o.overdue).toBe((await who.get('/api/tasks?bucket=overdue')).body.total);
      expect(o.dueThisWeek).toBe((await who.get('/api/tasks?bucket=due_this_week')).body.total);
      expect(o.byUnit.find((u: { unitId: string }) => u.unitId === divB.id)).toMatchObject({ overdue: 1, dueThisWeek: 1 });
    }
  });

  it('counts tasks in the national follow-up shape by unit and by plan, and exports them', async () => {
    const p = await issued({ title: 'Kế hoạch thống kê', documentNumber: '99/KH' });
    const a = await task(p.id, { dueOn: '2026-02-26' });
    await task(p.id, { dueOn: '2026-02-27' });
    await task(p.id, { dueOn: '2026-09-30' });
    await headA.post(`/api/tasks/${a.id}/complete`, { version: a.version, note: 'xong', completedOn: '2026-02-26' });
    const s = await leader.get('/api/tasks/statistics?year=2026');
    expect(s.status, JSON.stringify(s.body)).toBe(200);
    const row = s.body.byPlan.find((r: { id: string }) => r.id === p.id);
    expect(row).toMatchObject({
      name: 'Kế hoạch thống kê',
      documentNumber: '99/KH',
      total: 3,
      done_on_time: 1,
      done_late: 0,
      in_time: 1,
      overdue: 1,
      completionRateBasisPoints: 5000,
    });
    const sum = (k: string) => s.body.byUnit.reduce((n: number, r: Record<string, number>) => n + r[k]!, 0);
    for (const k of ['total', 'done_on_time', 'done_late', 'in_time', 'overdue']) expect(s.body.total[k]).toBe(sum(k));
    expect(s.body.overdueTasks.map((x: { planTitle: string }) => x.planTitle)).toContain('Kế hoạch thống kê');
    const x = await leader.get('/api/tasks/statistics/export?year=2026');
    expect(x.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as never);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Theo đơn vị', 'Theo văn bản giao', 'Nhiệm vụ quá hạn']);
    expect(String(wb.worksheets[0]!.getCell(4, 4).value)).toBe('Hoàn thành đúng hạn');
  });

  it('imports tasks all or nothing, naming row and column, and exports them back', async () => {
    const p = await plan({ title: 'Kế hoạch nhập' });
    const sheet = async (rows: unknown[][]) => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('Nhiệm vụ');
      ws.addRow([
        'STT',
        'Nội dung nhiệm vụ',
        'Đơn vị chủ trì',
        'Đơn vị phối hợp',
        'Ngày bắt đầu',
        'Thời hạn hoàn thành',
        'Sản phẩm',
        'Tiêu chí CCHC',
        'Mức ưu tiên',
      ]);
      for (const r of rows) ws.addRow(r);
      return Buffer.from(await wb.xlsx.writeBuffer());
    };
    const send = async (data: Buffer, as: Session = leader) => {
      const m = multipart('nhiem-vu.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', data);
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/tasks/import?planId=${p.id}`,
        headers: { cookie: as.cookie, 'content-type': m.contentType },
        payload: m.body,
      });
      return { status: res.statusCode, body: JSON.parse(res.body) };
    };
    const bad = await send(
      await sheet([
        ['1', 'Tuyên truyền CCHC', 'Phòng Quản lý khoa học', 'Thanh tra Sở', '01/03/2026', '30/06/2026', 'Tin bài', '8.1', 'Cao'],
        ['2', 'Rà soát TTHC', 'Phòng Không Có', '', '', '31/02/2026', '', '', ''],
        ['2.1', 'Con của dòng lỗi', 'Phòng Quản lý khoa học', '', '2026-05-01', '2026-04-01', '', '', 'Gấp'],
      ]),
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([
      { path: 'file.unit', row: 3, column: 'C', code: 'task.unit_outside_agency' },
      { path: 'file.dueOn', row: 3, column: 'F', code: 'import.invalid_date' },
      { path: 'file.priority', row: 4, column: 'I', code: 'import.invalid_value' },
      { path: 'file.dueOn', row: 4, column: 'F', code: 'task.due_before_start' },
    ]);
    expect((await leader.get(`/api/tasks?planId=${p.id}`)).body.total).toBe(0);
    expect((await send(await sheet([['1', 'A', 'Phòng Quản lý khoa học', '', '', '30/06/2026']]), headA)).status).toBe(404);
    const ok = await send(
      await sheet([
        ['1', 'Tuyên truyền CCHC', 'Phòng Quản lý khoa học', 'Thanh tra Sở', '01/03/2026', '30/06/2026', 'Tin bài', '8.1', 'Cao'],
        ['1.1', 'Viết tin bài', 'phong quan ly khoa hoc', '', '', '2026-05-15', '', '', ''],
        ['2', 'Rà soát TTHC', 'Thanh tra Sở', '', '', new Date(Date.UTC(2026, 8, 30)), '', '', 'Thấp'],
      ]),
    );
    expect(ok).toEqual({ status: 200, body: { created: 3 } });
    const listed = (await leader.get(`/api/tasks?planId=${p.id}&sort=title`)).body.items;
    expect(listed.find((i: { title: string }) => i.title === 'Viết tin bài').parentId).toBe(
      listed.find((i: { title: string }) => i.title === 'Tuyên truyền CCHC').id,
    );
    expect(listed.find((i: { title: string }) => i.title === 'Rà soát TTHC')).toMatchObject({ dueOn: '2026-09-30', priority: 'low' });
    const x = await leader.get(`/api/plans/${p.id}/tasks/export`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.raw as never);
    const ws = wb.worksheets[0]!;
    expect([1, 2, 3, 4].map((r) => ws.getCell(r, 1).value)).toEqual(['STT', '1', '1.1', '2']);
    expect(ws.getCell(2, 5).value).toBe('Thanh tra Sở');
  });

  it('prints the plan as a Word document with the motto header and the appendix table', async () => {
    const p = await issued({ title: 'Kế hoạch in' });
    await task(p.id, { title: 'Công khai thủ tục hành chính', coordinatingUnitIds: [divB.id], expectedOutput: 'Quyết định công bố' });
    const res = await headA.get(`/api/plans/${p.id}/document`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('wordprocessingml');
    const xml = await (await JSZip.loadAsync(res.raw)).file('word/document.xml')!.async('string');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('|');
    for (const s of [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'KẾ HOẠCH IN',
      'Số: 12/KH-SKHCN',
      'STT',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Thời gian hoàn thành',
      'Sản phẩm',
      'Công khai thủ tục hành chính',
      'Thanh tra Sở',
      '30/06/2026',
      'Quyết định công bố',
    ])
      expect(text, s).toContain(s);
    // A coordinating unit owns no task of the plan: the plan is not its to read.
    expect((await headB.get(`/api/plans/${p.id}/document`)).status).toBe(404);
  });
  it('lets only the assigning leader approve or send back: a leader on the plan’s own unit, not one above it', async () => {
    const make = factories(t, admin, rootId);
    // The Department's public service centre issues its own plan; the Department's leader is above it.
    const agency = await make.unit({ kind: 'affiliate', name: 'Trung tâm Ứng dụng và Dịch vụ KH&CN' });
    const division = await make.unit({ parentId: agency.id, name: 'Phòng Dịch vụ' });
    const director = (await make.actor('leader', agency.id)).caller;
    const head = (await make.actor('unit_head', division.id)).caller;
    const p0 = await director.post('/api/plans', {
      unitId: agency.id,
      year: 2026,
      kind: 'conclusion',
      title: 'Kết luận của Giám đốc Trung tâm',
      documentNumber: '3/TB',
      documentDate: '2026-01-10',
      requiresApproval: true,
    });
    expect(p0.status, JSON.stringify(p0.body)).toBe(201);
    const p = (await director.post(`/api/plans/${p0.body.id}/issue`, { version: p0.body.version, issuedOn: '2026-01-12' })).body;
    const tk = (await director.post('/api/tasks', { planId: p.id, title: 'Công khai thủ tục', unitId: division.id, dueOn: '2026-06-30' })).body;
    const submitted = (await head.post(`/api/tasks/${tk.id}/complete`, { version: tk.version, note: 'Đã công khai' })).body;
    expect(submitted.status).toBe('awaiting_approval');
    // The Department's leader (grant on the root, above the centre) reads the task but did not assign it.
    const above = await leader.get(`/api/tasks/${tk.id}`);
    expect(above.body.can.approve).toBe(false);
    for (const action of ['approve', 'reject']) {
      const res = await leader.post(`/api/tasks/${tk.id}/${action}`, { version: submitted.version, note: 'Bổ sung' });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('task.not_assigning_leader');
    }
    expect((await head.post(`/api/tasks/${tk.id}/approve`, { version: submitted.version })).body.code).toBe('forbidden');
    expect((await director.get(`/api/tasks/${tk.id}`)).body.can.approve).toBe(true);
    const sentBack = await director.post(`/api/tasks/${tk.id}/reject`, { version: submitted.version, note: 'Bổ sung minh chứng' });
    expect(sentBack.body).toMatchObject({ status: 'in_progress' });
    const again = (await head.post(`/api/tasks/${tk.id}/complete`, { version: sentBack.body.version, note: 'Đã bổ sung' })).body;
    const approved = await director.post(`/api/tasks/${tk.id}/approve`, { version: again.version });
    expect(approved.body).toMatchObject({ status: 'done', completedOn: '2026-03-02' });
  });

  it('gives coordinating units read access (list, detail, journal, evidence) but no edit', async () => {
    const make = factories(t, admin, rootId);
    const divC = await make.unit({ name: 'Phòng Kế hoạch - Tài chính' });
    const headC = (await make.actor('unit_head', divC.id)).caller;
    const divD = await make.unit({ name: 'Văn phòng Sở' });
    const headD = (await make.actor('unit_head', divD.id)).caller;
    const specD = (await make.actor('specialist', divD.id)).caller;
    const p = await issued({ title: 'Kế hoạch phối hợp' });
    const tk = await task(p.id, { title: 'Số hóa hồ sơ lưu trữ', coordinatingUnitIds: [divD.id] });
    const progressed = await headA.post(`/api/tasks/${tk.id}/progress`, { version: tk.version, progress: 30, note: 'Đã số hóa 30 %' });
    expect(progressed.status).toBe(200);
    const up = await upload(headA, tk.id);
    expect(up.status).toBe(201);

    const seen = await headD.get(`/api/tasks/${tk.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.journal.map((j: { kind: string }) => j.kind)).toContain('progress');
    expect(Object.values(seen.body.can).every((v) => v === false)).toBe(true);
    expect((await specD.get(`/api/tasks/${tk.id}`)).status).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: `/api/files/${up.body.id}`, headers: { cookie: headD.cookie } })).statusCode).toBe(200);
    const coordinating = await headD.get('/api/tasks?scope=coordinating');
    expect(coordinating.body.items.map((i: { id: string }) => i.id)).toEqual([tk.id]);
    expect(coordinating.body.total).toBe(1);
    expect((await headD.get('/api/tasks?scope=all')).body.items.map((i: { id: string }) => i.id)).not.toContain(tk.id);
    expect((await headD.get(`/api/tasks?scope=coordinating&unitId=${divA.id}`)).body.total).toBe(1);
    expect((await headA.get('/api/tasks?scope=coordinating')).body.items.map((i: { id: string }) => i.id)).not.toContain(tk.id);

    const version = progressed.body.version;
    expect((await headD.patch(`/api/tasks/${tk.id}`, { version, title: 'Đổi' })).status).toBe(403);
    expect((await headD.post(`/api/tasks/${tk.id}/progress`, { version, progress: 50 })).status).toBe(403);
    expect((await headD.post(`/api/tasks/${tk.id}/assign`, { version, leadUserId: null })).status).toBe(403);
    expect((await upload(headD, tk.id)).status).toBe(403);
    // A unit that neither owns nor coordinates the task does not find it.
    expect((await headC.get(`/api/tasks/${tk.id}`)).status).toBe(404);
    expect((await headC.get('/api/tasks?scope=coordinating')).body.total).toBe(0);
  });

  it('edits every field of a task with its version, including the lead person, and answers 409 with the current task', async () => {
    const p = await issued({ title: 'Kế hoạch sửa nhiệm vụ' });
    const tk = await task(p.id, { title: 'Tập huấn nghiệp vụ', description: 'Một lớp', expectedOutput: 'Lớp tập huấn' });
    const edited = await secretary.patch(`/api/tasks/${tk.id}`, {
      version: tk.version,
      title: 'Tập huấn nghiệp vụ một cửa',
      description: 'Hai lớp',
      expectedOutput: 'Hai lớp tập huấn',
      startOn: '2026-04-01',
      dueOn: '2026-09-30',
      coordinatingUnitIds: [divB.id],
      priority: 'high',
      criteria: ['1.1.4'],
      leadUserId: specA.user.id,
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    expect(edited.body).toMatchObject({
      title: 'Tập huấn nghiệp vụ một cửa',
      description: 'Hai lớp',
      expectedOutput: 'Hai lớp tập huấn',
      startOn: '2026-04-01',
      dueOn: '2026-09-30',
      priority: 'high',
      criteria: ['1.1.4'],
      leadUserId: specA.user.id,
      coordinatingUnits: [{ id: divB.id, name: 'Thanh tra Sở' }],
    });
    expect(edited.body.journal[0]).toMatchObject({ kind: 'assign' });
    expect((await specA.caller.get('/api/tasks?scope=mine')).body.items.map((i: { id: string }) => i.id)).toContain(tk.id);

    const stale = await leader.patch(`/api/tasks/${tk.id}`, { version: tk.version, title: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current).toMatchObject({ id: tk.id, version: edited.body.version, title: 'Tập huấn nghiệp vụ một cửa' });
    const bad = await leader.patch(`/api/tasks/${tk.id}`, { version: edited.body.version, leadUserId: specB.user.id, startOn: '2026-10-01', title: '' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.title']);
    const bad2 = await leader.patch(`/api/tasks/${tk.id}`, { version: edited.body.version, leadUserId: specB.user.id, startOn: '2026-10-01' });
    expect(bad2.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.dueOn', 'body.leadUserId']);
    // Moving the task to another unit drops the lead person of the old one.
    const moved = await leader.patch(`/api/tasks/${tk.id}`, { version: edited.body.version, unitId: divB.id, coordinatingUnitIds: [] });
    expect(moved.body).toMatchObject({ unitId: divB.id, leadUserId: null, coordinatingUnits: [] });
    expect((await headA.patch(`/api/tasks/${tk.id}`, { version: moved.body.version, title: 'Không được' })).status).toBe(404);
    expect((await headB.patch(`/api/tasks/${tk.id}`, { version: moved.body.version, title: 'Không được' })).status).toBe(403);
  });
});
