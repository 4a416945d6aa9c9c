import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { at, createProcedure, receiveDossier, tokenActors } from './dossier.fixtures';

// The receipt slip as data for the staff app's print page (issue #13 item 5), through the HTTP API on both
// databases: the same content as the .docx, the lookup QR code as a PNG, read under the dossier's scope.

describe.each(engines)('receipt slip data on %s', (engine) => {
  let t: TestApp;
  let desk: Caller;
  let specialist: Caller;
  let outsider: Caller;
  let procedureId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const div = await make.unit({ name: 'Phòng Quản lý khoa học' });
    const other = await make.unit({ name: 'Phòng Quản lý công nghệ' });
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    specialist = await bearer('specialist', div.id);
    outsider = await bearer('specialist', other.id);
    procedureId = await createProcedure(admin, rootId, { processingUnitId: div.id, steps: [], timeLimit: { value: 3, unit: 'working_days' } });
  });
  afterAll(() => t.close());

  it('answers the slip of a received dossier with its code, PIN, QR code, applicant, components and appointment', async () => {
    t.clock.set(at('2026-03-02', '09:00'));
    const applicant = { name: 'Nguyễn Thị Hồng Nhung', phone: '0905123456', address: '12 Lê Lợi, Quảng Ngãi' };
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant, components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 2 }] });
    const res = await specialist.get(`/api/dossiers/${d.id}/receipt-slip`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const slip = res.body;
    expect(slip.dossierCode).toBe(d.code);
    expect(slip.lookupPin).toBe(d.lookupPin);
    expect(slip.lookupUrl).toContain(`/tra-cuu?ma=${encodeURIComponent(d.code)}&pin=${d.lookupPin}`);
    expect(slip.applicant).toEqual(applicant);
    expect(slip.components).toEqual([{ name: 'Đơn đề nghị', kind: 'original', copies: 2 }]);
    expect(slip.timeLimitText).toBe('3 ngày làm việc');
    expect(slip.receivedAt).toBe(at('2026-03-02', '09:00'));
    expect(slip.dueAt).toBe(at('2026-03-05', '17:00'));
    expect(slip.header).toMatchObject({ agencyName: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', issuedOn: '2026-03-02' });
    expect(slip.officerName).not.toBe('');
    expect(slip.qrPng).toMatch(/^data:image\/png;base64,/);
    const png = Buffer.from(String(slip.qrPng).slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    // The .docx carries the same QR image.
    expect((await desk.get(`/api/dossiers/${d.id}/forms/receipt`)).status).toBe(200);
  });

  it('is not found outside the reader scope', async () => {
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant: { name: 'Trần Văn Bình' } });
    expect((await outsider.get(`/api/dossiers/${d.id}/receipt-slip`)).status).toBe(404);
    expect((await outsider.get(`/api/dossiers/00000000-0000-4000-8000-000000000000/receipt-slip`)).status).toBe(404);
  });
});
