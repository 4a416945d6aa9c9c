import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { Mailer } from './mailer';
import { MAX_ATTEMPTS, NotificationService, type NotificationInput } from './notification.service';

describe.each(engines)('notifications on %s', (engine) => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let mailer: Mailer;
  let service: NotificationService;

  const input = (over: Partial<NotificationInput> = {}): NotificationInput => ({
    dossierId: randomUUID(),
    event: 'dossier.received',
    to: 'nhung@example.vn',
    subject: `Hồ sơ 000.00.12.H49-260302-${randomUUID().slice(0, 4)} đã được tiếp nhận`,
    body: 'Kính gửi Ông/Bà Nguyễn Thị Hồng Nhung,\n\nHồ sơ của Ông/Bà đã được tiếp nhận lúc 09 giờ 00 phút, ngày 02 tháng 03 năm 2026.\nHẹn trả kết quả: 16/03/2026.',
    ...over,
  });
  const recordCommitted = (s: NotificationService, n: NotificationInput) => t.handle.db.transaction().execute((trx) => s.record(trx, n));
  const rowOf = (id: string) => t.handle.db.selectFrom('notifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

  beforeAll(async () => {
    t = await createTestApp(engine);
    await smtp.start();
    mailer = Mailer.fromConfig({ smtpUrl: `smtp://cchc:mat-khau@127.0.0.1:${smtp.port}`, smtpFrom: '"Bộ phận Một cửa" <motcua@example.gov.vn>' })!;
    service = new NotificationService(t.handle.db, mailer, t.clock);
  });
  afterAll(async () => {
    mailer?.close();
    await smtp.stop();
    await t?.close();
  });

  it('records a pending row in the transaction and delivers it after commit', async () => {
    const n = input();
    const { id, status } = await recordCommitted(service, n);
    expect(status).toBe('pending');
    expect(await rowOf(id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      channel: 'email',
      event: 'dossier.received',
      dossierId: n.dossierId,
      sentAt: null,
    });

    const report = await service.deliverPending();
    expect(report.sent).toBeGreaterThanOrEqual(1);
    const mail = smtp.received.find((m) => m.headers.subject === n.subject)!;
    expect(mail).toBeDefined();
    expect(mail.rcptTo).toEqual(['nhung@example.vn']);
    expect(mail.user).toBe('cchc'); // credentials from the URL were used
    expect(mail.headers.to).toBe('nhung@example.vn');
    expect(mail.headers.from).toContain('Bộ phận Một cửa');
    expect(mail.headers.from).toContain('<motcua@example.gov.vn>');
    expect(mail.headers.subject).toMatch(/^Hồ sơ 000\.00\.12\.H49-260302-.{4} đã được tiếp nhận$/);
    expect(mail.text).toBe(n.body);
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 1, error: null, sentAt: t.clock.now(), nextAttemptAt: null });

    const again = await service.deliverPending(); // nothing sent twice
    expect(again).toEqual({ sent: 0, failed: 0 });
  });

  it('a rolled-back transaction leaves no notification and sends nothing', async () => {
    const before = smtp.received.length;
    const n = input();
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await service.record(trx, n);
        throw new Error('dossier change failed');
      }),
    ).rejects.toThrow('dossier change failed');
    expect(await t.handle.db.selectFrom('notifications').select('id').where('dossierId', '=', n.dossierId).execute()).toEqual([]);
    await service.deliverPending();
    expect(smtp.received.length).toBe(before);
  });

  it('records skipped rows when there is no recipient or no SMTP server', async () => {
    const noTo = await recordCommitted(service, input({ to: '  ' }));
    expect(noTo.status).toBe('skipped');
    expect(await rowOf(noTo.id)).toMatchObject({ status: 'skipped', error: 'no_recipient', nextAttemptAt: null });

    const unconfigured = new NotificationService(t.handle.db, null, t.clock);
    const noSmtp = await recordCommitted(unconfigured, input({ dossierId: null, event: 'dossier.apology_issued' }));
    expect(noSmtp.status).toBe('skipped');
    expect(await rowOf(noSmtp.id)).toMatchObject({ status: 'skipped', error: 'smtp_not_configured', dossierId: null });
    expect(await unconfigured.deliverPending()).toEqual({ sent: 0, failed: 0 });
    expect(Mailer.fromConfig({ smtpUrl: null, smtpFrom: null })).toBeNull();
  });

  it('a mail server that is down marks the row failed with the error, and it is retried later', async () => {
    const down = new TestSmtp();
    await down.start();
    const port = down.port;
    await down.stop(); // the port is now closed
    const downMailer = new Mailer(`smtp://127.0.0.1:${port}`, 'motcua@example.gov.vn');
    const s = new NotificationService(t.handle.db, downMailer, t.clock);
    const n = input({ event: 'dossier.supplement_requested', subject: `Yêu cầu bổ sung hồ sơ ${randomUUID().slice(0, 8)}` });
    const { id } = await recordCommitted(s, n);

    const first = await s.deliverPending();
    expect(first.failed).toBeGreaterThanOrEqual(1);
    const failed = await rowOf(id);
    expect(failed).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(failed.error).toMatch(/ECONNREFUSED/);
    expect(failed.nextAttemptAt).toBe(new Date(Date.parse(t.clock.now()) + 60_000).toISOString());

    await s.deliverPending(); // not yet due: no second attempt
    expect((await rowOf(id)).attempts).toBe(1);

    await down.start(port); // the server is back
    t.clock.advanceMinutes(1);
    await s.deliverPending();
    expect(await rowOf(id)).toMatchObject({ status: 'sent', attempts: 2, error: null, sentAt: t.clock.now() });
    expect(down.received.map((m) => m.headers.subject)).toEqual([n.subject]);
    downMailer.close();
    await down.stop();
  });

  it(`gives up after ${MAX_ATTEMPTS} attempts`, async () => {
    const closed = new TestSmtp();
    await closed.start();
    const port = closed.port;
    await closed.stop();
    const deadMailer = new Mailer(`smtp://127.0.0.1:${port}`, 'motcua@example.gov.vn');
    const s = new NotificationService(t.handle.db, deadMailer, t.clock);
    const { id } = await recordCommitted(s, input());
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
      await s.deliverPending();
      t.clock.advanceMinutes(240);
    }
    expect(await rowOf(id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, nextAttemptAt: null });
    deadMailer.close();
  });

  it('the timer delivers what was recorded', async () => {
    const n = input({ event: 'dossier.result_ready', subject: `Đã có kết quả ${randomUUID().slice(0, 8)}` });
    const { id } = await recordCommitted(service, n);
    const stop = service.startTimer(20);
    try {
      await expect.poll(async () => (await rowOf(id)).status, { timeout: 5000, interval: 25 }).toBe('sent');
    } finally {
      stop();
    }
    expect(smtp.received.some((m) => m.headers.subject === n.subject)).toBe(true);
  });
});
