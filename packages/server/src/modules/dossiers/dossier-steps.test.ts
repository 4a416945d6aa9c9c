import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { actOk, actOn, at, bearerOf, createProcedure, receiveDossier, resultReady, tokenActors } from './dossier.fixtures';

// Step performers (issue #13 item 2, docs/domain/dossiers.md#step-performers): each step names the role
// that performs it; only a holder of that role over the step's unit completes or returns it; the hand-over
// goes to a chosen performer of the next step or to its unit's queue; the control sheet names both sides.

describe.each(engines)('step performers on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let desk: Caller;
  let lan: Caller;
  let binh: Caller;
  let head: Caller;
  let leader: Caller;
  let ids: Record<'lan' | 'binh' | 'head' | 'leader' | 'otherSpecialist', string>;
  let procedureId: string;
  let rootId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const other = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    const bearer = tokenActors(t, make);
    admin = await bearerOf(t, admin, 'admin');
    const idOf = async (c: Caller) => (await c.get('/api/me')).body.id as string;
    desk = await bearer('one_stop_officer');
    lan = await bearer('specialist', div.id);
    binh = await bearer('specialist', div.id);
    head = await bearer('unit_head', div.id);
    leader = await bearer('leader');
    const otherSpecialist = await bearer('specialist', other.id);
    ids = { lan: await idOf(lan), binh: await idOf(binh), head: await idOf(head), leader: await idOf(leader), otherSpecialist: await idOf(otherSpecialist) };
    procedureId = await createProcedure(admin, rootId, {
      processingUnitId: div.id,
      timeLimit: { value: 10, unit: 'working_days' },
      steps: [
        { code: 'TN', name: 'Tiếp nhận, chuyển hồ sơ', unitId: null, performerRole: 'one_stop_officer', budget: { value: 4, unit: 'working_hours' } },
        { code: 'TD', name: 'Thẩm định hồ sơ', unitId: div.id, performerRole: 'specialist', budget: { value: 5, unit: 'working_days' } },
        { code: 'KT', name: 'Lãnh đạo phòng kiểm tra', unitId: div.id, performerRole: 'unit_head', budget: { value: 1, unit: 'working_days' } },
        { code: 'PD', name: 'Lãnh đạo Sở phê duyệt, ký', unitId: null, performerRole: 'leader', budget: { value: 2, unit: 'working_days' } },
      ],
    });
  });
  afterAll(() => t.close());

  const applicant = { name: 'Nguyễn Văn Ánh', phone: '0905123456' };

  it('lets only the step performer complete it, hands over to a chosen performer or the queue, and records both sides', async () => {
    t.clock.set(at('2026-03-02', '09:00'));
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    const view = (await desk.get(`/api/dossiers/${d.id}`)).body;
    expect(view.steps.map((s: { performerRole: string }) => s.performerRole)).toEqual(['one_stop_officer', 'specialist', 'unit_head', 'leader']);
    expect(view.can.completeStep).toBe(true);
    expect((await lan.get(`/api/dossiers/${d.id}`)).body.can.completeStep).toBe(false);

    // The desk's step: the specialists of the division are the candidates, not its head nor another division's.
    const candidates = await desk.get(`/api/dossiers/${d.id}/handover-candidates`);
    expect(candidates.status).toBe(200);
    expect(candidates.body.step).toMatchObject({ code: 'TD', performerRole: 'specialist' });
    expect(candidates.body.items.map((u: { id: string }) => u.id).sort()).toEqual([ids.lan, ids.binh].sort());
    expect((await lan.get(`/api/dossiers/${d.id}/handover-candidates`)).status).toBe(403);

    const refused = await actOn(lan, d.id, { action: 'completeStep' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'dossier.step_performer_required', detail: { role: 'one_stop_officer', step: 'TN' } });
    const wrong = await actOn(desk, d.id, { action: 'completeStep', handoverTo: ids.head });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'body.handoverTo', code: 'dossier.handover_invalid' })]);

    t.clock.set(at('2026-03-02', '10:00'));
    let res = await actOk(desk, d.id, { action: 'completeStep', note: 'Chuyển phòng', handoverTo: ids.lan });
    expect(res).toMatchObject({ status: 'processing', currentStep: 1, assigneeId: ids.lan });
    expect(res.handovers.at(-1)).toMatchObject({
      kind: 'forward',
      fromStep: 'TN',
      toStep: 'TD',
      byName: expect.any(String),
      receivedAt: at('2026-03-02', '10:00'),
    });
    expect(res.handovers.at(-1).toName).toBe(res.assigneeName);

    // The specialist's step, handed to the division's queue; the head takes it from there.
    t.clock.set(at('2026-03-04', '09:00'));
    expect((await actOn(head, d.id, { action: 'completeStep' })).body.code).toBe('dossier.step_performer_required');
    res = await actOk(lan, d.id, { action: 'completeStep' });
    expect(res).toMatchObject({ currentStep: 2, assigneeId: null });
    expect(res.handovers.at(-1)).toMatchObject({ fromStep: 'TD', toName: null, receivedAt: null });
    t.clock.set(at('2026-03-04', '10:30'));
    res = (await head.post(`/api/dossiers/${d.id}/assign`, { version: res.version, assigneeId: ids.head })).body;
    expect(res.handovers.at(-1)).toMatchObject({ fromStep: 'TD', toName: res.assigneeName, receivedAt: at('2026-03-04', '10:30') });

    // The specialist cannot complete the leader's step; the leader can, and can send it back with a reason.
    t.clock.set(at('2026-03-05', '09:00'));
    res = await actOk(head, d.id, { action: 'completeStep', handoverTo: ids.leader });
    expect(res).toMatchObject({ currentStep: 3, assigneeId: ids.leader });
    const specialistTry = await actOn(lan, d.id, { action: 'completeStep' });
    expect(specialistTry.status).toBe(403);
    expect(specialistTry.body.detail).toMatchObject({ role: 'leader', step: 'PD' });
    expect((await actOn(lan, d.id, { action: 'returnStep', reason: 'x' })).status).toBe(403);
    const noReason = await actOn(leader, d.id, { action: 'returnStep', reason: ' ' });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors).toEqual([expect.objectContaining({ path: 'body.reason' })]);
    t.clock.set(at('2026-03-05', '10:00'));
    res = await actOk(leader, d.id, { action: 'returnStep', reason: 'Bổ sung ý kiến của phòng' });
    expect(res).toMatchObject({ status: 'processing', currentStep: 2, assigneeId: ids.head });
    expect(res.handovers.at(-1)).toMatchObject({ kind: 'return', fromStep: 'PD', toStep: 'KT', note: 'Bổ sung ý kiến của phòng', toName: res.assigneeName });
    expect(res.history.at(-1)).toMatchObject({ action: 'return_step', note: 'Bổ sung ý kiến của phòng' });

    t.clock.set(at('2026-03-05', '11:00'));
    await actOk(head, d.id, { action: 'completeStep', handoverTo: ids.leader });
    t.clock.set(at('2026-03-06', '09:00'));
    res = await actOk(leader, d.id, { action: 'completeStep', note: 'Đã ký' });
    expect(res.currentStep).toBe(4);
    expect(res.handovers.map((h: { fromStep: string; kind: string }) => `${h.kind}:${h.fromStep}`)).toEqual([
      'forward:TN',
      'forward:TD',
      'forward:KT',
      'return:PD',
      'forward:KT',
      'forward:PD',
    ]);
    res = await actOk(lan, d.id, resultReady('2026-03-06'));
    expect(res.status).toBe('result_ready');

    const audit = await t.handle.db
      .selectFrom('auditLog')
      .select(['action', 'after'])
      .where('entityId', '=', d.id)
      .where('action', '=', 'return_step')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after as string)).toMatchObject({ currentStep: 2, assigneeId: ids.head, note: 'Bổ sung ý kiến của phòng' });
  });

  it('maps the performers of steps the procedure names none for from their names', async () => {
    t.clock.set(at('2026-03-09', '09:00'));
    const unnamed = await createProcedure(admin, rootId, {
      steps: [
        { code: 'TN', name: 'Tiếp nhận', unitId: null, budget: { value: 4, unit: 'working_hours' } },
        { code: 'PD', name: 'Lãnh đạo Sở phê duyệt, ký', unitId: null, budget: { value: 2, unit: 'working_days' } },
      ],
    });
    const d = await receiveDossier(desk, { procedureId: unnamed, channel: 'counter', applicant });
    const view = (await desk.get(`/api/dossiers/${d.id}`)).body;
    expect(view.steps.map((s: { performerRole: string }) => s.performerRole)).toEqual(['one_stop_officer', 'leader']);
    await actOk(desk, d.id, { action: 'completeStep' });
    expect((await actOn(desk, d.id, { action: 'completeStep' })).body.code).toBe('dossier.step_performer_required');
    expect((await actOn(leader, d.id, { action: 'completeStep' })).status).toBe(200);
  });

  it('counts and lists the queues "to assign" and "result ready", with the holder and the current unit, and assigns in bulk', async () => {
    t.clock.set(at('2026-03-10', '09:00'));
    const queue = async (by: Caller, name: string) => (await by.get(`/api/dossiers?queue=${name}&pageSize=100`)).body;
    const before = await queue(head, 'to_assign');
    const a = await receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    const b = await receiveDossier(desk, { procedureId, channel: 'counter', applicant });
    for (const d of [a, b]) await actOk(desk, d.id, { action: 'completeStep' });
    const waiting = await queue(head, 'to_assign');
    expect(waiting.counts.to_assign).toBe(before.counts.to_assign + 2);
    expect(waiting.total).toBe(waiting.counts.to_assign);
    const row = waiting.items.find((i: { id: string }) => i.id === a.id);
    expect(row).toMatchObject({ assigneeId: null, assigneeName: null, currentUnitName: 'Phòng Quản lý khoa học' });

    // All or nothing: a person who does not process these dossiers, a role that may not assign, then the real thing.
    const wrong = await head.post('/api/dossiers/assign', { ids: [a.id, b.id], assigneeId: ids.otherSpecialist });
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual([expect.objectContaining({ path: 'body.ids.0', code: 'dossier.assignee_invalid' })]);
    expect((await lan.post('/api/dossiers/assign', { ids: [a.id], assigneeId: ids.lan })).status).toBe(403);
    const done = await head.post('/api/dossiers/assign', { ids: [a.id, b.id], assigneeId: ids.lan });
    expect(done.status).toBe(200);
    expect(done.body).toEqual({ assigned: 2 });
    expect((await queue(head, 'to_assign')).counts.to_assign).toBe(before.counts.to_assign);
    const mine = await queue(lan, 'mine');
    expect(mine.items.find((i: { id: string }) => i.id === a.id)).toMatchObject({
      assigneeName: expect.any(String),
      currentUnitName: 'Phòng Quản lý khoa học',
    });
    expect((await lan.get(`/api/dossiers/${a.id}`)).body.handovers.at(-1)).toMatchObject({
      fromStep: 'TN',
      toName: expect.any(String),
      receivedAt: at('2026-03-10', '09:00'),
    });
    const again = await head.post('/api/dossiers/assign', { ids: [b.id], assigneeId: ids.binh });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'dossier.already_assigned', detail: { codes: [b.code] } });
    expect((await lan.get(`/api/dossiers/${b.id}`)).body.assigneeId).toBe(ids.lan);

    // The desk's "result ready" queue holds what waits to be returned.
    const ready = (await queue(desk, 'result_ready')).counts.result_ready;
    for (const [by, step] of [
      [lan, {}],
      [head, { handoverTo: ids.leader }],
      [leader, {}],
    ] as const)
      await actOk(by, a.id, { action: 'completeStep', ...step });
    await actOk(lan, a.id, resultReady('2026-03-10'));
    const returned = await queue(desk, 'result_ready');
    expect(returned.counts.result_ready).toBe(ready + 1);
    expect(returned.items.map((i: { id: string }) => i.id)).toContain(a.id);
  });

  it('previews the due date before the receipt, warning on a day off and after the cut-off (issue #13 item 5)', async () => {
    const preview = (by: Caller, q: string) => by.get(`/api/dossiers/receipt-preview?procedureId=${procedureId}${q}`);
    const cutoff = await createProcedure(admin, rootId, { receivingCutoffMinute: 900, timeLimit: { value: 5, unit: 'working_days' }, steps: [] });
    // Tuesday 10 March 2026, 10:00: counted from the day; 5 working days later.
    t.clock.set(at('2026-03-10', '10:00'));
    let res = await desk.get(`/api/dossiers/receipt-preview?procedureId=${cutoff}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ deemedReceivedOn: '2026-03-10', dueDate: '2026-03-17', nonWorkingDay: false, afterCutoff: false, cutoffMinute: 900 });
    // The same day after 15:00 counts from the next working day, and says so.
    res = await desk.get(`/api/dossiers/receipt-preview?procedureId=${cutoff}&receivedAt=${encodeURIComponent(at('2026-03-10', '15:30'))}`);
    expect(res.body).toMatchObject({ deemedReceivedOn: '2026-03-11', dueDate: '2026-03-18', afterCutoff: true });
    // A Saturday is a day off.
    res = await desk.get(`/api/dossiers/receipt-preview?procedureId=${cutoff}&receivedAt=${encodeURIComponent(at('2026-03-07', '09:00'))}`);
    expect(res.body).toMatchObject({ nonWorkingDay: true, deemedReceivedOn: '2026-03-09' });
    // The preview promises what the receipt then gives.
    const d = await receiveDossier(desk, { procedureId: cutoff, channel: 'counter', applicant });
    expect(d.dueDate).toBe('2026-03-17');
    expect((await preview(lan, '')).status).toBe(403);
    expect((await desk.get('/api/dossiers/receipt-preview?procedureId=nope')).status).toBe(400);
  });

  it('tells the desk before the form when the agency has no identifier, which the receipt would refuse (issue #13 item 6b)', async () => {
    expect((await desk.get(`/api/dossiers/receipt-preview?procedureId=${procedureId}`)).body.agencyCodeMissing).toBe(false);
    // A second agency set up without its electronic identifier, with its own desk.
    const agency = await admin.post('/api/units', { parentId: null, kind: 'department', name: 'Sở chưa có mã định danh' });
    expect(agency.status).toBe(201);
    const bareProcedure = await createProcedure(admin, agency.body.id);
    const bareDesk = await bearerOf(t, (await factories(t, admin, agency.body.id).actor('one_stop_officer', agency.body.id)).caller);
    const res = await bareDesk.get(`/api/dossiers/receipt-preview?procedureId=${bareProcedure}`);
    expect(res.status).toBe(200);
    expect(res.body.agencyCodeMissing).toBe(true);
    const refused = await bareDesk.post('/api/dossiers', { procedureId: bareProcedure, channel: 'counter', applicant });
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('dossier.agency_code_missing');
  });
});
