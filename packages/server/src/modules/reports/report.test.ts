import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { createProcedure, receiveDossier } from '../dossiers/dossier.fixtures';

// Periodic reports through the HTTP API on both engines (docs/reports.md). The test clock stands on
// Monday 2 March 2026, 09:00 in Viet Nam. With the shipped set installed for the office:
//  - monthly one-stop report of January: due 3 working days after 31/1 → 4/2 (before Tết) → late;
//  - February: 3 working days after Saturday 28/2 → Wednesday 4/3, within 5 working days → due;
//  - PAR quarter I: the 15th of March is a Sunday → Monday 16/3 → upcoming.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(engines)('periodic reports on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let office: { id: string };
  let other: { id: string };
  let secretary: Caller & { cookie: string };
  let make: ReturnType<typeof factories>;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    office = await make.unit({ name: 'Văn phòng Sở' });
    other = await make.unit({ name: 'Phòng Quản lý chuyên ngành' });
    secretary = (await make.actor('par_secretary', office.id)).caller;
    const res = await admin.post('/api/reports/obligations/install-shipped', { agencyId: rootId, responsibleUnitId: office.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  });
  afterAll(() => t.close());

  const find = async (c: Caller, query: string) => (await c.get(`/api/reports/instances?${query}`)).body;
  async function upload(by: { cookie: string }, instanceId: string) {
    const m = multipart('bao-cao.pdf', 'application/pdf', PDF);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=report_instance&ownerId=${instanceId}`,
      headers: { cookie: by.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }

  it('installs the shipped set once and generates the year idempotently', async () => {
    const list = await admin.get(`/api/reports/obligations?agencyId=${rootId}`);
    expect(list.body.items.map((o: { code: string }) => o.code).sort()).toEqual(['CCHC-6T', 'CCHC-NAM', 'CCHC-Q1', 'CCHC-Q3', 'TTHC-THANG']);
    expect((await admin.post('/api/reports/obligations/install-shipped', { agencyId: rootId })).body.total).toBe(5);
    const page2 = await admin.get(`/api/reports/obligations?agencyId=${rootId}&pageSize=2&page=2`);
    expect(page2.body).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(page2.body.items.map((o: { code: string }) => o.code)).toEqual(['CCHC-Q1', 'CCHC-Q3']);
    expect((await admin.get('/api/reports/obligations?q=thu tuc hanh chinh')).body.items.map((o: { code: string }) => o.code)).toEqual(['TTHC-THANG']);
    expect((await find(admin, 'year=2026')).total).toBe(16);
    const again = await admin.post('/api/reports/instances/generate?year=2026');
    expect(again.body).toEqual({ year: 2026, created: 0, updated: 0 });
    const y2027 = await admin.post('/api/reports/instances/generate?year=2027');
    expect(y2027.body.created).toBe(16);
    expect((await find(admin, 'year=2027&pageSize=1')).total).toBe(16);
    expect((await admin.post('/api/reports/instances/generate?year=1999')).status).toBe(400);
  });

  it('computes due dates on the working calendar and filters by status, search and PAR', async () => {
    const late = await find(admin, 'year=2026&status=late');
    expect(late.items.map((i: { periodKey: string; dueOn: string }) => `${i.periodKey} ${i.dueOn}`)).toEqual(['2026-M01 2026-02-04']);
    const due = await find(admin, 'year=2026&status=due');
    expect(due.items.map((i: { periodKey: string; dueOn: string }) => `${i.periodKey} ${i.dueOn}`)).toEqual(['2026-M02 2026-03-04']);
    const q1 = (await find(admin, 'year=2026&q=quy i&servesPar=true')).items;
    expect(q1.map((i: { periodKey: string; dueOn: string; status: string }) => `${i.periodKey} ${i.dueOn} ${i.status}`)).toEqual([
      '2026-Q1 2026-03-16 upcoming',
      '2026-Q3 2026-09-15 upcoming',
    ]);
    expect((await find(admin, 'year=2026&q=BÁO CÁO CÔNG TÁC&servesPar=true')).total).toBe(4);
    expect((await find(admin, 'year=2026&dueWithin=10')).items.map((i: { periodKey: string }) => i.periodKey)).toEqual(['2026-M01', '2026-M02', '2026-Q1']);
    const sorted = await find(admin, 'year=2026&sort=dueOn&order=desc&pageSize=2&page=1');
    expect(sorted.items.map((i: { periodKey: string }) => i.periodKey)).toEqual(['2026-M12', '2026-Y']); // December's report is due in January 2027
    // The calendar's impact check lists the unsubmitted reports whose due day was counted over the date.
    const impact = await admin.get('/api/calendar/impact?date=2026-03-03');
    expect(
      impact.body.items
        .filter((i: { source: string }) => i.source === 'reports')
        .map((i: { code: string; startDate: string; dueDate: string }) => [i.code, i.startDate, i.dueDate]),
    ).toEqual([['TTHC-THANG 2026-M02', '2026-02-28', '2026-03-04']]);
    const bad = await admin.get('/api/reports/instances?status=soon&pageSize=1000');
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['querystring.pageSize', 'querystring.status']);
  });

  it('the overview tiles equal the list totals, per responsible unit', async () => {
    const o = await secretary.get('/api/reports/overview');
    expect(o.status).toBe(200);
    expect(o.body.due).toBe((await find(secretary, 'status=due')).total);
    expect(o.body.late).toBe((await find(secretary, 'status=late')).total);
    expect(o.body.byUnit).toEqual([{ unitId: office.id, unitName: 'Văn phòng Sở', due: 1, late: 1 }]);
  });

  it('a late submission needs a reason (422, nothing written); with one it is marked late; resubmission keeps versions', async () => {
    const jan = (await find(secretary, 'year=2026&status=late')).items[0];
    const file = await upload(secretary, jan.id);
    expect(file.status).toBe(201);
    const body = {
      version: jan.version,
      sentNumber: '15/BC-VP',
      sentOn: '2026-03-02',
      ticked: ['received', 'resolved', 'in_progress', 'apologies'],
      fileIds: [file.body.id],
      lateReason: null,
    };
    const refused = await secretary.post(`/api/reports/instances/${jan.id}/submissions`, body);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('report.late_reason_required');
    const untouched = await secretary.get(`/api/reports/instances/${jan.id}`);
    expect(untouched.body).toMatchObject({ status: 'late', submissionCount: 0, version: jan.version, submissions: [] });

    const sent = await secretary.post(`/api/reports/instances/${jan.id}/submissions`, {
      ...body,
      lateReason: 'Chờ số liệu của Trung tâm Phục vụ hành chính công',
    });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body).toMatchObject({ status: 'submitted_late', sentOn: '2026-03-02', isComplete: true, submissionCount: 1 });
    expect(sent.body.submissions[0]).toMatchObject({
      versionNo: 1,
      isLate: true,
      isComplete: true,
      sentNumber: '15/BC-VP',
      files: [{ id: file.body.id, name: 'bao-cao.pdf' }],
    });

    const stale = await secretary.post(`/api/reports/instances/${jan.id}/submissions`, { ...body, lateReason: 'x' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current).toMatchObject({ id: jan.id, submissionCount: 1, version: sent.body.version });

    const again = await secretary.post(`/api/reports/instances/${jan.id}/submissions`, {
      ...body,
      version: sent.body.version,
      sentNumber: '16/BC-VP',
      ticked: ['received'],
      lateReason: 'Bổ sung số liệu',
    });
    expect(again.status).toBe(200);
    expect(again.body.isComplete).toBe(false);
    expect(
      again.body.submissions.map((s: { versionNo: number; sentNumber: string; missing: string[] }) => [s.versionNo, s.sentNumber, s.missing.length]),
    ).toEqual([
      [2, '16/BC-VP', 3],
      [1, '15/BC-VP', 0],
    ]);
    expect((await find(secretary, 'status=submitted_late')).total).toBe(1);
    expect((await secretary.get('/api/reports/overview')).body.late).toBe(0);
  });

  it('an on-time submission is "submitted"; bad input names every field', async () => {
    const feb = (await find(secretary, 'year=2026&status=due')).items[0];
    const file = await upload(secretary, feb.id);
    const bad = await secretary.post(`/api/reports/instances/${feb.id}/submissions`, {
      version: feb.version,
      sentNumber: '',
      sentOn: '2026-02-30',
      fileIds: [],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.fileIds', 'body.sentNumber', 'body.sentOn']);
    const foreign = await secretary.post(`/api/reports/instances/${feb.id}/submissions`, {
      version: feb.version,
      sentNumber: '1/BC',
      sentOn: '2026-03-02',
      fileIds: ['no-such-file'],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors).toEqual([{ path: 'body.fileIds.0', code: 'report.file_not_attached' }]);
    const unknownTick = await secretary.post(`/api/reports/instances/${feb.id}/submissions`, {
      version: feb.version,
      sentNumber: '1/BC',
      sentOn: '2026-03-02',
      fileIds: [file.body.id],
      ticked: ['nope'],
    });
    expect(unknownTick.status).toBe(422);
    const future = await secretary.post(`/api/reports/instances/${feb.id}/submissions`, {
      version: feb.version,
      sentNumber: '1/BC',
      sentOn: '2026-03-03',
      fileIds: [file.body.id],
    });
    expect(future.body.code).toBe('report.sent_in_future');
    const ok = await secretary.post(`/api/reports/instances/${feb.id}/submissions`, {
      version: feb.version,
      sentNumber: '20/BC-VP',
      sentOn: '2026-03-02',
      fileIds: [file.body.id],
    });
    expect(ok.body).toMatchObject({ status: 'submitted', isComplete: false });
  });

  it('authorizes per unit: another division reads nothing (404), a specialist reads but cannot submit (403)', async () => {
    const q1 = (await find(admin, 'year=2026&q=quy i')).items[0];
    const elsewhere = (await make.actor('par_secretary', other.id)).caller;
    expect((await elsewhere.get(`/api/reports/instances/${q1.id}`)).status).toBe(404);
    expect((await find(elsewhere, 'year=2026')).total).toBe(0);
    expect(
      (await elsewhere.post(`/api/reports/instances/${q1.id}/submissions`, { version: 1, sentNumber: '1', sentOn: '2026-03-02', fileIds: ['x'] })).status,
    ).toBe(404);
    expect((await upload(elsewhere, q1.id)).status).toBe(404);
    const specialist = (await make.actor('specialist', office.id)).caller;
    expect((await specialist.get(`/api/reports/instances/${q1.id}`)).body.can).toEqual({ update: false, submit: false });
    expect(
      (await specialist.post(`/api/reports/instances/${q1.id}/submissions`, { version: q1.version, sentNumber: '1', sentOn: '2026-03-02', fileIds: ['x'] }))
        .status,
    ).toBe(403);
    expect((await upload(specialist, q1.id)).status).toBe(403);
    const appraiser = (await make.actor('appraiser', office.id)).caller;
    expect((await appraiser.get(`/api/reports/instances/${q1.id}`)).status).toBe(403);
    const head = (await make.actor('unit_head', office.id)).caller;
    expect((await head.get(`/api/reports/instances/${q1.id}`)).body.can).toEqual({ update: false, submit: true });
  });

  it('validates obligations field by field, refuses stale versions with the current record, and moves unsubmitted due dates', async () => {
    const bad = await admin.post('/api/reports/obligations', {
      agencyId: rootId,
      code: '',
      name: 'X',
      recipient: 'Sở Nội vụ',
      period: { kind: 'quarterly' },
      dueRule: { kind: 'day_of_month', monthOffset: 0, day: 40 },
      responsibleUnitId: office.id,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.code', 'body.dueRule.day']);
    const mismatch = await admin.post('/api/reports/obligations', {
      agencyId: rootId,
      code: 'DX',
      name: 'Đột xuất',
      recipient: 'UBND tỉnh',
      period: { kind: 'quarterly' },
      dueRule: { kind: 'date', date: '2026-05-05' },
      responsibleUnitId: office.id,
    });
    expect(mismatch.body.errors).toEqual([{ path: 'body.dueRule.kind', code: 'report.date_rule_ad_hoc_only' }]);
    const dup = await admin.post('/api/reports/obligations', {
      agencyId: rootId,
      code: 'CCHC-Q1',
      name: 'Trùng',
      recipient: 'UBND tỉnh',
      period: { kind: 'annual' },
      dueRule: { kind: 'working_days_after', days: 5 },
      responsibleUnitId: office.id,
    });
    expect(dup.body.errors).toEqual([{ path: 'body.code', code: 'report.code_taken' }]);

    const adHoc = await admin.post('/api/reports/obligations', {
      agencyId: rootId,
      code: 'DX-01',
      name: 'Báo cáo đột xuất về số hóa hồ sơ',
      recipient: 'UBND tỉnh',
      period: { kind: 'ad_hoc' },
      dueRule: { kind: 'date', date: '2026-05-05' },
      responsibleUnitId: office.id,
      checklist: [{ key: 'figures', label: 'Số liệu' }],
    });
    expect(adHoc.status, JSON.stringify(adHoc.body)).toBe(201);
    const inst = (await find(admin, `obligationId=${adHoc.body.id}`)).items;
    expect(inst.map((i: { periodFrom: string; periodTo: string; dueOn: string }) => [i.periodFrom, i.periodTo, i.dueOn])).toEqual([
      ['2026-01-01', '2026-05-05', '2026-05-05'],
    ]);

    const monthly = (await admin.get(`/api/reports/obligations?q=thu tuc`)).body.items[0];
    const moved = await admin.patch(`/api/reports/obligations/${monthly.id}`, { version: monthly.version, dueRule: { kind: 'working_days_after', days: 5 } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const months = (await find(admin, `obligationId=${monthly.id}&year=2026&pageSize=3`)).items;
    // January was submitted: it keeps the due day it was judged against; March moves to the 5th working day.
    expect(months.map((i: { periodKey: string; dueOn: string }) => `${i.periodKey} ${i.dueOn}`)).toEqual([
      '2026-M01 2026-02-04',
      '2026-M02 2026-03-04',
      '2026-M03 2026-04-07',
    ]);
    const stale = await admin.patch(`/api/reports/obligations/${monthly.id}`, { version: monthly.version, name: 'Cũ' });
    expect(stale.status).toBe(409);
    expect(stale.body.detail.current).toMatchObject({ id: monthly.id, version: moved.body.version });
    expect((await admin.delete(`/api/reports/obligations/${monthly.id}?version=${moved.body.version}`)).body.code).toBe('report.obligation_in_use');
    expect((await admin.delete(`/api/reports/obligations/${adHoc.body.id}?version=${adHoc.body.version}`)).status).toBe(204);
    expect((await find(admin, `obligationId=${adHoc.body.id}`)).total).toBe(0);
    expect((await secretary.patch(`/api/reports/obligations/${monthly.id}`, { version: moved.body.version, name: 'Không được' })).status).toBe(403);
    const specialist = (await make.actor('specialist', other.id)).caller;
    expect((await specialist.get(`/api/reports/obligations/${monthly.id}`)).status).toBe(404);
  });

  it('drafts a PAR report as Word with the one-stop figures of the period; other reports have no draft', async () => {
    // Two dossiers received at the Department's desk in quarter I (the test clock is 2 March 2026).
    const procedureId = await createProcedure(admin, rootId);
    for (const name of ['Nguyễn Văn A', 'Trần Thị B']) await receiveDossier(admin, { procedureId, channel: 'counter', applicant: { name } });
    const agencySecretary = (await make.actor('par_secretary', rootId)).caller;
    const q1 = (await find(secretary, 'year=2026&q=quy i')).items[0];
    const docText = async (c: Caller) => {
      const res = await c.get(`/api/reports/instances/${q1.id}/draft`);
      expect(res.status).toBe(200);
      expect(String(res.headers['content-type'])).toContain('wordprocessingml');
      const zip = await JSZip.loadAsync(res.raw);
      return (await zip.file('word/document.xml')!.async('string')).replace(/<\/w:p>/g, '\n').replace(/<[^>]+>/g, '');
    };
    const text = await docText(agencySecretary);
    expect(text).toContain('Báo cáo công tác cải cách hành chính quý I năm 2026');
    expect(text).toContain('Kính gửi: Sở Nội vụ');
    expect(text).toMatch(/Tổng số hồ sơ nhận giải quyết\n2\n/);
    expect(text).toMatch(/Tiếp nhận trong kỳ \(trực tuyến \/ trực tiếp \/ bưu chính\)\n2 \(0 \/ 2 \/ 0\)/);
    // The tasks section comes from the plans module (no task in this app: all zero); the PAR scorecard has no assessment.
    expect(text).toContain('Nhiệm vụ đến hạn đã hoàn thành: đúng hạn 0, quá hạn 0.');
    expect(text.match(/Chưa có dữ liệu trong hệ thống cho kỳ báo cáo này\./g)).toHaveLength(1);
    // The office's secretary may not see the Department's statistics: that section says so too.
    const officeText = await docText(secretary);
    expect(officeText).not.toContain('Tổng số hồ sơ nhận giải quyết');
    expect(officeText.match(/Chưa có dữ liệu trong hệ thống cho kỳ báo cáo này\./g)).toHaveLength(2);
    const monthly = (await find(secretary, 'year=2026&q=thu tuc')).items[0];
    expect((await secretary.get(`/api/reports/instances/${monthly.id}/draft`)).body.code).toBe('report.draft_par_only');
  });

  it('exports the filtered list as Excel', async () => {
    const res = await secretary.get('/api/reports/instances/export?year=2026&status=submitted_late');
    expect(res.status).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(10).value).toBe('Gửi trễ');
    expect(ws.getRow(2).getCell(7).value).toBe('04/02/2026');
  });
});
