import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { createProcedure } from './dossier.fixtures';

// Citizen-facing events reach a real SMTP server (in-process), and the calendar's impact check lists
// the open dossiers whose counting span contains a day about to change.

describe.each(engines)('dossier e-mails and calendar impact on %s', (engine) => {
  const smtp = new TestSmtp();
  let t: TestApp;
  let admin: Caller;
  let procedureId: string;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(engine, { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: '"Bộ phận Một cửa" <motcua@example.gov.vn>' });
    let rootId: string;
    ({ admin, rootId } = await t.setup());
    factories(t, admin, rootId);
    procedureId = await createProcedure(admin, rootId, { steps: [] });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('mails the receipt and the supplement request to the applicant, in Vietnamese, with the lookup link', async () => {
    const res = await admin.post('/api/dossiers', { procedureId, channel: 'counter', applicant: { name: 'Lê Thị Thu Hà', email: 'thuha@example.vn' } });
    expect(res.status).toBe(201);
    await expect.poll(() => smtp.received.length).toBe(1);
    const receipt = smtp.received[0]!;
    expect(receipt.rcptTo).toEqual(['thuha@example.vn']);
    expect(receipt.headers.subject).toBe(`Tiếp nhận hồ sơ ${res.body.code}`);
    expect(receipt.text).toContain('Kính gửi Ông/Bà Lê Thị Thu Hà');
    expect(receipt.text).toContain(`/tra-cuu?ma=${encodeURIComponent(res.body.code)}&pin=${res.body.lookupPin}`);
    expect(receipt.text).toContain('Ngày hẹn trả kết quả: 23/03/2026'); // 15 working days

    const asked = await admin.post(`/api/dossiers/${res.body.id}/actions`, {
      version: 1,
      action: 'requestSupplement',
      reason: 'Thiếu bản sao',
      items: ['Giấy phép kinh doanh'],
    });
    expect(asked.status).toBe(200);
    await expect.poll(() => smtp.received.length).toBe(2);
    expect(smtp.received[1]!.text).toContain('- Giấy phép kinh doanh');
    const rows = await t.handle.db.selectFrom('notifications').select(['event', 'status']).where('dossierId', '=', res.body.id).orderBy('createdAt').execute();
    await expect
      .poll(async () => (await t.handle.db.selectFrom('notifications').select('status').where('dossierId', '=', res.body.id).execute()).map((r) => r.status))
      .toEqual(['sent', 'sent']);
    expect(rows.map((r) => r.event).sort()).toEqual(['dossier.received', 'dossier.supplement_requested']);
  });

  it('lists open dossiers spanning a day in the calendar impact check, without moving their due dates', async () => {
    const res = await admin.post('/api/dossiers', { procedureId, channel: 'post', applicant: { name: 'Phan Văn Minh' } });
    const impact = await admin.get('/api/calendar/impact?date=2026-03-10');
    expect(impact.status).toBe(200);
    expect(impact.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'dossiers',
          entity: 'dossier',
          id: res.body.id,
          code: res.body.code,
          dueDate: res.body.dueDate,
          startDate: '2026-03-02',
        }),
      ]),
    );
    expect((await admin.get('/api/calendar/impact?date=2026-03-02')).body.items.map((i: { id: string }) => i.id)).not.toContain(res.body.id);
  });
});
