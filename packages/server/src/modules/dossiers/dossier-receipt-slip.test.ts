import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { at, createProcedure, receiveDossier, tokenActors } from './dossier.fixtures';

// The receipt slip as data for the staff app's print page, and organisations as applicants (issue #13 item 5),
// through the HTTP API on both databases: the same content as the .docx, the lookup QR code as a PNG, read
// under the dossier's scope; an organisation's tax code and representative required, stored and shown.

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

  const organisation = {
    kind: 'organization',
    name: 'Công ty TNHH Bức xạ Miền Trung',
    taxCode: '4300123456',
    representative: 'Phạm Văn Long',
    phone: '0255 3822 123',
  };

  it('receives an organisation at the desk: tax code and representative stored, on the detail and on the slip', async () => {
    const d = await receiveDossier(desk, { procedureId, channel: 'counter', applicant: organisation });
    const detail = await specialist.get(`/api/dossiers/${d.id}`);
    expect(detail.body.applicant).toMatchObject({
      kind: 'organization',
      name: organisation.name,
      taxCode: '4300123456',
      representative: 'Phạm Văn Long',
      idNumber: null,
    });
    const slip = (await desk.get(`/api/dossiers/${d.id}/receipt-slip`)).body;
    expect(slip.applicant).toEqual({ name: organisation.name, taxCode: '4300123456', representative: 'Phạm Văn Long', phone: '0255 3822 123' });
    // A person stays a person, without organisation fields.
    const p = await receiveDossier(desk, { procedureId, channel: 'counter', applicant: { name: 'Lê Thị Thu' } });
    expect((await desk.get(`/api/dossiers/${p.id}`)).body.applicant).toMatchObject({ kind: 'person', taxCode: null, representative: null });
  });

  it('refuses an organisation without its tax code or representative, a malformed tax code, and organisation fields on a person', async () => {
    const send = (applicant: Record<string, unknown>) => desk.post('/api/dossiers', { procedureId, channel: 'counter', applicant });
    const codes = (res: { body: { errors?: Array<{ path: string; code: string }> } }) => (res.body.errors ?? []).map((e) => `${e.path} ${e.code}`).sort();
    let res = await send({ kind: 'organization', name: organisation.name });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['body.applicant.representative dossier.representative_required', 'body.applicant.taxCode dossier.tax_code_required']);
    res = await send({ ...organisation, taxCode: '43001234' });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['body.applicant.taxCode dossier.tax_code_invalid']);
    expect((await send({ ...organisation, taxCode: '4300123456-001' })).status).toBe(201);
    res = await send({ name: 'Lê Thị Thu', taxCode: '4300123456' });
    expect(res.status).toBe(400);
    expect(codes(res)).toEqual(['body.applicant.taxCode dossier.organisation_only']);
  });

  it("files an organisation online: the representative's identification number, the tax code, stored as given", async () => {
    const online = (applicant: Record<string, unknown>) =>
      t.app.inject({ method: 'POST', url: '/api/public/dossiers', remoteAddress: '198.51.100.7', payload: { procedureId, applicant } });
    let res = await online({ kind: 'organization', name: organisation.name, idNumber: '049123456789', phone: '0905123456' });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .errors.map((e: { code: string }) => e.code)
        .sort(),
    ).toEqual(['dossier.representative_required', 'dossier.tax_code_required']);
    res = await online({ ...organisation, idNumber: '049123456789', phone: '0905123456', email: 'vanthu@buxa.vn' });
    expect(res.statusCode, res.body).toBe(201);
    const found = await desk.get(`/api/dossiers?q=${encodeURIComponent(res.json().code)}`);
    const detail = await desk.get(`/api/dossiers/${found.body.items[0].id}`);
    expect(detail.body.applicant).toMatchObject({ kind: 'organization', taxCode: '4300123456', representative: 'Phạm Văn Long', idNumber: '049123456789' });
    // The code and PIN go to the address given, through the notification outbox (issue #13 item 6).
    const { code, lookupPin } = res.json() as { code: string; lookupPin: string };
    const mails = await t.handle.db
      .selectFrom('notifications')
      .select(['event', 'recipient', 'subject', 'body'])
      .where('dossierId', '=', found.body.items[0].id)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ event: 'dossier.submitted', recipient: 'vanthu@buxa.vn', subject: `Đã nhận hồ sơ nộp trực tuyến ${code}` });
    expect(mails[0]!.body).toContain(`mã tra cứu (PIN) ${lookupPin}`);
    expect(mails[0]!.body).toContain(`/tra-cuu?ma=${encodeURIComponent(code)}&pin=${lookupPin}`);
  });
});
