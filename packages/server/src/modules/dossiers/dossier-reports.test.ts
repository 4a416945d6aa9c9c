import { localDateOf } from '@cchc/domain';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type Response, type TestApp } from '../../../test/harness';
import { actOk, at, createProcedure, receiveDossier, resultReady, threeSteps, tokenActors } from './dossier.fixtures';
import { governingBodyLine, placeFromUnitName, timeLimitText } from './dossier-forms.service';

// Statistics (docs/domain/statistics.md), the Excel exports and the printed forms through the HTTP API on both
// databases. One scripted month of dossiers, run in time order with the test clock, and the report
// for March 2026 checked against numbers worked out by hand below.

const MOTTO = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';

async function workbook(res: Response) {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(res.raw as unknown as ArrayBuffer);
  return wb;
}

async function documentXml(res: Response) {
  const zip = await JSZip.loadAsync(res.raw);
  const xml = await zip.file('word/document.xml')!.async('string');
  return { zip, xml, text: xml.replace(/<[^>]+>/g, '').replace(/&amp;/g, '&') };
}

describe('form helpers', () => {
  it('derives the place and the governing body line from unit names', () => {
    expect(placeFromUnitName('Ủy ban nhân dân tỉnh Quảng Ngãi')).toBe('Quảng Ngãi');
    expect(placeFromUnitName('UBND thành phố Đà Nẵng')).toBe('Đà Nẵng');
    expect(placeFromUnitName('Sở Khoa học và Công nghệ')).toBeNull();
    expect(governingBodyLine('Ủy ban nhân dân tỉnh Quảng Ngãi')).toBe('UBND TỈNH QUẢNG NGÃI');
    expect(timeLimitText({ value: 10, unit: 'working_days' })).toBe('10 ngày làm việc');
    expect(timeLimitText({ value: 0.5, unit: 'working_days' })).toBe('0,5 ngày làm việc');
    expect(timeLimitText({ value: 0, unit: 'same_day' })).toBe('Trong ngày');
  });
});

describe.each(engines)('dossier statistics, exports and forms on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let divId: string;
  let otherId: string;
  let desk: Caller;
  let specialist: Caller;
  let outsider: Caller;
  let leader: Caller;
  let otherHead: Caller;
  const d: Record<string, { id: string; code: string; lookupPin: string }> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const other = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    divId = div.id;
    otherId = other.id;
    // Tokens, not sessions: the clock moves by weeks.
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    specialist = await bearer('specialist', div.id);
    outsider = await bearer('specialist', other.id);
    leader = await bearer('leader');
    otherHead = await bearer('unit_head', other.id);
    const create = (over: Record<string, unknown>) => createProcedure(admin, rootId, { processingUnitId: div.id, steps: [], ...over });
    const p1 = await create({ timeLimit: { value: 1, unit: 'working_days' } });
    const p3 = await create({ timeLimit: { value: 3, unit: 'working_days' } });
    const p10 = await create({ timeLimit: { value: 10, unit: 'working_days' }, steps: threeSteps(div.id) });
    const pOther = await create({ timeLimit: { value: 3, unit: 'working_days' }, processingUnitId: other.id });

    const applicant = { name: 'Nguyễn Thị Hồng Nhung', phone: '0905123456', email: 'nhung@example.vn', address: '12 Lê Lợi, Quảng Ngãi' };
    const receive = async (key: string, procedureId: string, channel = 'counter') => {
      d[key] = await receiveDossier(desk, { procedureId, channel, applicant, components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1 }] });
    };
    const act = async (by: Caller, key: string, body: Record<string, unknown>) => {
      await actOk(by, d[key]!.id, body, `${key} ${String(body.action)}`);
    };
    const finish = async (key: string) => {
      await act(specialist, key, { action: 'startProcessing' });
      await act(specialist, key, resultReady(localDateOf(t.clock.now())));
    };

    // February: D13 is received and closed before the period; D1 is carried over into it.
    t.clock.set(at('2026-02-23', '09:00'));
    await receive('D13', p3);
    t.clock.set(at('2026-02-24', '09:00'));
    await finish('D13');
    await act(desk, 'D13', { action: 'returnResult', method: 'counter', receivedBy: applicant.name });
    t.clock.set(at('2026-02-27', '09:00'));
    await receive('D1', p3); // due 03-04
    // March.
    t.clock.set(at('2026-03-02', '09:00'));
    await receive('D2', p3); // due 03-05
    await receive('D3', p1, 'post'); // due 03-03
    t.clock.set(at('2026-03-03', '09:00'));
    await finish('D1'); // early
    await receive('D4', p1); // due 03-04, never handled: overdue at period end
    await receive('D5', p3);
    await receive('D6', p3);
    t.clock.set(at('2026-03-04', '09:00'));
    await act(specialist, 'D3', { action: 'issueApology', reason: 'Chờ ý kiến liên ngành', newDueDate: '2026-03-06' });
    await finish('D3'); // late against the statutory 03-03
    await act(specialist, 'D5', { action: 'requestSupplement', reason: 'Thiếu bản sao quyết định', items: ['Đơn đề nghị', 'Quyết định thành lập'] });
    await act(specialist, 'D6', { action: 'requestSupplement', reason: 'Thiếu chữ ký' });
    t.clock.set(at('2026-03-05', '09:00'));
    await finish('D2'); // on the due day: on time
    await receive('D9', p3);
    await act(specialist, 'D9', { action: 'refuse', reason: 'Thủ tục không thuộc thẩm quyền giải quyết của Sở.' });
    await receive('D10', p3);
    t.clock.set(at('2026-03-06', '09:00'));
    await act(desk, 'D2', { action: 'returnResult', method: 'counter', receivedBy: applicant.name });
    await act(desk, 'D10', { action: 'withdraw', reason: 'Công dân rút hồ sơ' });
    t.clock.set(at('2026-03-09', '09:00'));
    await act(desk, 'D6', { action: 'completeSupplement' });
    t.clock.set(at('2026-03-10', '09:00'));
    await act(specialist, 'D6', { action: 'requestSupplement', reason: 'Vẫn thiếu chữ ký' }); // a second request: late if still waiting
    t.clock.set(at('2026-03-20', '09:00'));
    await receive('D7', p10, 'online'); // due 04-03
    t.clock.set(at('2026-03-20', '10:00'));
    await act(desk, 'D7', { action: 'completeStep', note: 'Chuyển phòng chuyên môn' });
    t.clock.set(at('2026-03-27', '09:00'));
    await receive('D8', p3); // due 04-01: almost due on 03-31
    t.clock.set(at('2026-03-30', '09:00'));
    await receive('Dx', pOther); // the other division's; due 04-02
    t.clock.set(at('2026-04-01', '09:00'));
    await receive('D11', p3); // after the period
  });
  afterAll(() => t.close());

  const MARCH = 'from=2026-03-01&to=2026-03-31';

  it('reports March as worked out by hand (identities hold, rates in basis points)', async () => {
    const res = await leader.get(`/api/dossiers/statistics?${MARCH}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({
      period: { from: '2026-03-01', to: '2026-03-31' },
      carriedOver: 1, // D1
      received: { total: 10, online: 1, counter: 8, post: 1 }, // D2–D10, Dx; D7 online, D3 post
      toProcess: 11,
      completed: { total: 3, early: 1, onTime: 1, late: 1 }, // D1, D2, D3
      inProgress: { total: 4, withinTime: 3, almostDue: 1, overdue: 1 }, // D7, D8 (almost due), Dx; D4 overdue
      paused: { total: 2, supplement: 2, payment: 0, late: 1 }, // D5; D6 asked twice
      withdrawn: 1, // D10
      refused: 1, // D9
      stopped: 0,
      returned: 1, // D2 (D13 was returned in February)
      resultReadyNotCollected: 2, // D1, D3
      awaitingReceipt: 0,
      apologiesIssued: 1, // D3
      late: 3, // D3 + D4 + D6
      lateRateBasisPoints: 2727, // 3 / 11
      onTimeRateBasisPoints: 7273,
    });
  });

  it('narrows to a unit and the units below it, within the actor’s scope', async () => {
    let res = await leader.get(`/api/dossiers/statistics?${MARCH}&unitId=${divId}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      carriedOver: 1,
      received: { total: 9, online: 1, counter: 7, post: 1 },
      toProcess: 10,
      inProgress: { total: 3, withinTime: 2, almostDue: 1, overdue: 1 },
      late: 3,
      lateRateBasisPoints: 3000,
    });

    // A division head of the other division sees that division only, and nothing of the first one.
    res = await otherHead.get(`/api/dossiers/statistics?${MARCH}`);
    expect(res.body).toMatchObject({
      carriedOver: 0,
      received: { total: 1 },
      toProcess: 1,
      inProgress: { total: 1, withinTime: 1 },
      late: 0,
      onTimeRateBasisPoints: 10000,
    });
    expect((await otherHead.get(`/api/dossiers/statistics?${MARCH}&unitId=${divId}`)).status).toBe(404);
    expect((await otherHead.get(`/api/dossiers/statistics?${MARCH}&unitId=${otherId}`)).status).toBe(200);

    // No dossier.statistics anywhere: 403; a bad period: 400.
    expect((await specialist.get(`/api/dossiers/statistics?${MARCH}`)).status).toBe(403);
    expect((await leader.get('/api/dossiers/statistics?from=2026-03-31&to=2026-03-01')).status).toBe(400);
    const empty = await leader.get('/api/dossiers/statistics?from=2025-01-01&to=2025-01-31');
    expect(empty.body).toMatchObject({ toProcess: 0, lateRateBasisPoints: null, onTimeRateBasisPoints: null });
  });

  it('exports the report as .xlsx: one line per deciding unit and the totals, rates as percentages', async () => {
    const res = await leader.get(`/api/dossiers/statistics/export?${MARCH}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(String(res.headers['content-disposition'])).toContain('thong-ke-ho-so-2026-03-01-2026-03-31.xlsx');
    const ws = (await workbook(res)).worksheets[0]!;
    expect(ws.getCell('A1').value).toBe('BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH');
    expect(ws.getCell('A2').value).toBe('Kỳ báo cáo: từ ngày 01/03/2026 đến ngày 31/03/2026');
    expect(ws.getCell('C5').value).toBe('Số hồ sơ nhận giải quyết');
    expect(ws.getCell('C6').value).toBe('Tổng số');
    const rows: Array<{ name: unknown; toProcess: unknown; received: unknown; late: unknown; lateRate: unknown; onTime: unknown; fmt: string | undefined }> =
      [];
    for (let r = 8; r <= ws.rowCount && rows.at(-1)?.name !== 'Tổng cộng'; r++) {
      const row = ws.getRow(r);
      rows.push({
        name: row.getCell(2).value,
        toProcess: row.getCell(3).value,
        received: row.getCell(5).value,
        late: row.getCell(26).value,
        lateRate: row.getCell(27).value,
        onTime: row.getCell(28).value,
        fmt: row.getCell(27).numFmt,
      });
    }
    expect(ws.getCell(6, 27).value).toBe('Tỷ lệ trễ hạn');
    expect(String(ws.getCell(ws.rowCount, 1).value)).toMatch(/^Ghi chú: Tỷ lệ trễ hạn = /);
    expect(rows).toEqual([
      { name: 'Phòng Quản lý công nghệ', toProcess: 1, received: 1, late: 0, lateRate: 0, onTime: 1, fmt: '0.00%' },
      { name: 'Phòng Quản lý khoa học', toProcess: 10, received: 9, late: 3, lateRate: 0.3, onTime: 0.7, fmt: '0.00%' },
      { name: 'Tổng cộng', toProcess: 11, received: 10, late: 3, lateRate: 0.2727, onTime: 0.7273, fmt: '0.00%' },
    ]);
    expect((await specialist.get(`/api/dossiers/statistics/export?${MARCH}`)).status).toBe(403);
  });

  it('exports the dossier list with the list filters as .xlsx (Vietnamese statuses, local times)', async () => {
    const res = await desk.get(`/api/dossiers/export?${MARCH}`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toMatch(/attachment; filename="ho-so-2026-04-01\.xlsx"/);
    const ws = (await workbook(res)).worksheets[0]!;
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([
      'STT',
      'Mã hồ sơ',
      'Mã thủ tục',
      'Tên thủ tục',
      'Người nộp',
      'Kênh tiếp nhận',
      'Trạng thái',
      'Ngày tiếp nhận',
      'Ngày hẹn trả',
      'Tiến độ',
      'Kết quả giải quyết',
    ]);
    const byCode = new Map<string, unknown[]>();
    for (let r = 2; r <= ws.rowCount; r++) {
      const v = ws.getRow(r).values as unknown[];
      byCode.set(String(v[2]), v.slice(1));
    }
    expect([...byCode.keys()].sort()).toEqual(['D2', 'D3', 'D4', 'D5', 'D6', 'D7', 'D8', 'D9', 'D10', 'Dx'].map((k) => d[k]!.code).sort());
    const row = (k: string) => byCode.get(d[k]!.code)!;
    expect(row('D3').slice(4)).toEqual(['Nguyễn Thị Hồng Nhung', 'Bưu chính công ích', 'Đã xử lý xong', '02/03/2026 09:00', '06/03/2026', '', 'Trễ hạn']);
    expect(row('D2').slice(5)).toEqual(['Trực tiếp', 'Đã trả kết quả', '02/03/2026 09:00', '05/03/2026', '', 'Đúng hạn']);
    expect(row('D4').slice(6, 10)).toEqual(['Được tiếp nhận', '03/03/2026 09:00', '04/03/2026', 'Quá hạn 20 ngày']);
    expect(row('D7').slice(5, 7)).toEqual(['Trực tuyến', 'Đang xử lý']);
    expect(row('D5')[6]).toBe('Yêu cầu bổ sung giấy tờ');

    // Scope: the other division's specialist exports only its own dossier.
    const mine = await workbook(await outsider.get(`/api/dossiers/export?${MARCH}`));
    expect(mine.worksheets[0]!.rowCount).toBe(2);
    expect(mine.worksheets[0]!.getCell('B2').value).toBe(d.Dx!.code);
  });

  it('downloads every applicable form as a .docx with the national motto and the dossier code', async () => {
    const cases: Array<[string, string, string, string]> = [
      ['D2', 'receipt', 'phieu-tiep-nhan', 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ'],
      ['D5', 'supplement', 'phieu-yeu-cau-bo-sung', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ'],
      ['D9', 'refusal', 'phieu-tu-choi', 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ'],
      ['D3', 'apology', 'phieu-xin-loi', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ'],
      ['D7', 'control-sheet', 'phieu-kiem-soat', 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ'],
    ];
    for (const [key, form, stem, title] of cases) {
      const res = await specialist.get(`/api/dossiers/${d[key]!.id}/forms/${form}`);
      expect(res.status, `${form} ${res.raw.toString().slice(0, 200)}`).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
      expect(res.headers['content-disposition']).toBe(`attachment; filename="${stem}-${d[key]!.code}.docx"; filename*=UTF-8''${stem}-${d[key]!.code}.docx`);
      const { text } = await documentXml(res);
      expect(text, form).toContain(d[key]!.code);
      expect(text, form).toContain(MOTTO);
      expect(text, form).toContain(title);
      expect(text, form).toContain('SỞ KHOA HỌC VÀ CÔNG NGHỆ');
    }
  });

  it('fills the forms from the dossier: receipt with a QR image of the lookup link, officers, reasons, hand-overs', async () => {
    const receipt = await documentXml(await desk.get(`/api/dossiers/${d.D2!.id}/forms/receipt`));
    const media = Object.keys(receipt.zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect((await receipt.zip.file(media[0]!)!.async('nodebuffer')).subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(receipt.xml).toContain('<pic:pic');
    expect(receipt.text).toContain(`/tra-cuu?ma=${encodeURIComponent(d.D2!.code)}&pin=${d.D2!.lookupPin}`);
    expect(receipt.text).toContain('……………, ngày 02 tháng 03 năm 2026'); // no province above the root and no DOSSIER_PLACE: left to fill by hand
    expect(receipt.text).toContain('Thời gian giải quyết hồ sơ theo quy định là: 3 ngày làm việc');
    expect(receipt.text).toContain('Thời gian trả kết quả giải quyết hồ sơ: 17 giờ 00 phút, ngày 05 tháng 03 năm 2026');
    expect(receipt.text).toContain('Đơn đề nghị');

    const supplement = await documentXml(await desk.get(`/api/dossiers/${d.D5!.id}/forms/supplement`));
    expect(supplement.text).toContain('Thiếu bản sao quyết định');
    expect(supplement.text).toContain('Quyết định thành lập');
    expect(supplement.text).toContain('ngày 04 tháng 03 năm 2026');

    const refusal = await documentXml(await desk.get(`/api/dossiers/${d.D9!.id}/forms/refusal`));
    expect(refusal.text).toContain('Thủ tục không thuộc thẩm quyền giải quyết của Sở.');

    const apology = await documentXml(await desk.get(`/api/dossiers/${d.D3!.id}/forms/apology`));
    expect(apology.text).toContain('Chờ ý kiến liên ngành');
    expect(apology.text).toContain('06/03/2026');
    expect(apology.text).toContain('03/03/2026');

    const sheet = await documentXml(await desk.get(`/api/dossiers/${d.D7!.id}/forms/control-sheet`));
    expect(sheet.text).toContain('1. Giao: Bộ phận tiếp nhận và trả kết quả');
    expect(sheet.text).toContain('2. Nhận: Phòng Quản lý khoa học');
    expect(sheet.text).toContain('10:00 20/03/2026');
  });

  it('refuses a form that does not apply (409) and hides other divisions’ dossiers (404)', async () => {
    let res = await desk.get(`/api/dossiers/${d.D2!.id}/forms/apology`);
    expect(res.status).toBe(409);
    expect(res.body.code).toBe('dossier.form_not_available');
    expect((await desk.get(`/api/dossiers/${d.D2!.id}/forms/refusal`)).status).toBe(409);
    expect((await desk.get(`/api/dossiers/${d.D9!.id}/forms/supplement`)).status).toBe(409);
    res = await outsider.get(`/api/dossiers/${d.D2!.id}/forms/receipt`);
    expect(res.status).toBe(404);
    expect((await desk.get(`/api/dossiers/${d.D2!.id}/forms/unknown`)).status).toBe(400);
    expect((await t.anon.get(`/api/dossiers/${d.D2!.id}/forms/receipt`)).status).toBe(401);
  });
});
