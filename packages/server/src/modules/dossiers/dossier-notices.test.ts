import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../app';
import { createTestApp, engines, factories, TEST_HASHING, type Caller, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { jobByKey } from '../../platform/jobs/job-scheduler';
import { Mailer } from '../../platform/notifications/mailer';
import { NotificationService } from '../../platform/notifications/notification.service';
import { actOn, at, bearerOf, createProcedure, receiveDossier } from './dossier.fixtures';

// The daily reminders about dossiers (issue #10 item 3; docs/architecture.md "Notifications and
// reminders"), run by the database scheduler of two app instances on one database, at 07:30 Viet Nam
// time on working days only. Monday 2026-03-02: dossiers due in 5 working days are due Monday 03-09.

describe.each(engines)('dossier reminders on %s', (engine) => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let a: App;
  let b: App;
  let spec: { id: string; caller: Caller; email: string };
  let head: { id: string; caller: Caller; email: string };
  let almostDue: { id: string; code: string };
  let overdue: { id: string; code: string };
  let stopped: { id: string; code: string };

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(engine, { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: 'cchc@example.gov.vn' });
    const { admin: adminSession, rootId } = await t.setup();
    const make = factories(t, adminSession, rootId);
    const admin = await bearerOf(t, adminSession, 'admin');
    const div = await make.unit({ name: 'Phòng Nhắc việc' });
    // Tokens, not sessions: the clock moves by a week.
    const person = async (role: string) => {
      const email = `${role}.${div.id.slice(0, 8)}@example.vn`;
      const { user, caller } = await make.actor(role, div.id, email);
      return { id: user.id, caller: await bearerOf(t, caller), email };
    };
    spec = await person('specialist');
    head = await person('unit_head');
    const procedureId = await createProcedure(admin, rootId, { processingUnitId: div.id, steps: [], timeLimit: { value: 5, unit: 'working_days' } });
    const receive = (receivedAt: string) => receiveDossier(admin, { procedureId, channel: 'counter', applicant: { name: 'Lê Văn Cường' }, receivedAt });
    t.clock.set(at('2026-03-02', '09:00'));
    almostDue = await receive(at('2026-03-02', '09:00'));
    const assigned = await head.caller.post(`/api/dossiers/${almostDue.id}/assign`, { version: 1, assigneeId: spec.id });
    if (assigned.status !== 200) throw new Error(JSON.stringify(assigned.body));
    overdue = await receive(at('2026-02-23', '09:00'));
    stopped = await receive(at('2026-03-02', '09:00'));
    const stop = await actOn(admin, stopped.id, { action: 'stop', reason: 'Công dân đề nghị dừng' });
    if (stop.status !== 200) throw new Error(JSON.stringify(stop.body));
    // The assignment notice, mailed after commit: wait for it, then forget it.
    await vi.waitFor(() => expect(smtp.received).toHaveLength(1), { timeout: 5000, interval: 25 });
    await t.handle.db.deleteFrom('notifications').where('recipientUserId', 'is not', null).execute();
    smtp.received.length = 0;
    a = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
    b = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false });
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await t?.close();
    await smtp.stop();
  });

  const bell = async (c: Caller) =>
    (await c.get('/api/notifications?pageSize=100')).body as {
      unread: number;
      items: Array<{ templateKey: string; entityId: string; subject: string; email: { status: string; error: string | null } | null }>;
    };
  const mailsTo = (email: string) => smtp.received.filter((m) => m.rcptTo.includes(email));
  const tickBoth = () => Promise.all([a.runScheduler(), b.runScheduler()]);

  it('sends nothing on a non-working day, and nothing before 07:30 on a working day', async () => {
    t.clock.set(at('2026-03-07', '08:00')); // Saturday
    await tickBoth();
    expect(await jobByKey(t.handle.db, 'reminders.daily:2026-03-07')).toMatchObject({ status: 'done', attempts: 1 });
    expect(await jobByKey(t.handle.db, 'reminders.daily:2026-03-08')).toMatchObject({ status: 'pending', runAt: '2026-03-08T00:30:00.000Z' });
    t.clock.set(at('2026-03-09', '07:29')); // Monday, a minute early
    await tickBoth();
    expect(await jobByKey(t.handle.db, 'reminders.daily:2026-03-09')).toMatchObject({ status: 'pending', runAt: '2026-03-09T00:30:00.000Z', attempts: 0 });
    expect((await bell(spec.caller)).items).toEqual([]);
    expect((await bell(head.caller)).items).toEqual([]);
    expect(smtp.received).toEqual([]);
  });

  it('at 07:30 alerts the assignee and the unit head once, by bell and e-mail, even with two instances; never about a stopped dossier', async () => {
    t.clock.set(at('2026-03-09', '07:30'));
    await tickBoth();
    await tickBoth();
    expect(await jobByKey(t.handle.db, 'reminders.daily:2026-03-09')).toMatchObject({ status: 'done', attempts: 1 });

    const specBell = await bell(spec.caller);
    expect(specBell.items.map((i) => [i.templateKey, i.entityId])).toEqual([['dossier.almost_due', almostDue.id]]);
    expect(specBell.items[0]!.subject).toBe(`Hồ sơ ${almostDue.code} sắp đến hạn`);
    const headBell = await bell(head.caller);
    expect(headBell.items.map((i) => [i.templateKey, i.entityId]).sort()).toEqual(
      [
        ['dossier.almost_due', almostDue.id],
        ['dossier.overdue', overdue.id],
      ].sort(),
    );
    expect(headBell.items.some((i) => i.entityId === stopped.id)).toBe(false);

    await expect.poll(() => mailsTo(spec.email).length + mailsTo(head.email).length, { timeout: 5000, interval: 25 }).toBe(3);
    expect(mailsTo(spec.email).map((m) => m.headers.subject)).toEqual([`Hồ sơ ${almostDue.code} sắp đến hạn`]);
    expect(
      mailsTo(head.email)
        .map((m) => m.headers.subject)
        .sort(),
    ).toEqual([`Hồ sơ ${almostDue.code} sắp đến hạn`, `Hồ sơ ${overdue.code} đã quá hạn`].sort());
    expect(mailsTo(spec.email)[0]!.text).toContain(`/dossiers/${almostDue.id}`);
  });

  it('a reminder e-mail that fails is visible with its error in the bell, and is retried until sent', async () => {
    const port = smtp.port;
    await smtp.stop(); // the mail server is down for the next pass
    t.clock.set(at('2026-03-10', '07:30')); // Tuesday: the first dossier is now overdue
    await tickBoth();
    const specBell = await bell(spec.caller);
    const alert = specBell.items.find((i) => i.templateKey === 'dossier.overdue')!;
    expect(alert).toMatchObject({ entityId: almostDue.id, email: { status: 'failed' } });
    expect(alert.email!.error).toMatch(/ECONNREFUSED/);
    // The overdue dossier already alerted for this due date gets no second alert.
    expect((await bell(head.caller)).items.filter((i) => i.entityId === overdue.id)).toHaveLength(1);

    await smtp.start(port);
    t.clock.advanceMinutes(1);
    const mailer = new Mailer(`smtp://127.0.0.1:${port}`, 'cchc@example.gov.vn');
    await new NotificationService(t.handle.db, mailer, t.clock).deliverPending(); // what the outbox timer does
    mailer.close();
    expect((await bell(spec.caller)).items.find((i) => i.templateKey === 'dossier.overdue')!.email).toMatchObject({ status: 'sent', error: null });
    expect(mailsTo(spec.email).map((m) => m.headers.subject)).toContain(`Hồ sơ ${almostDue.code} đã quá hạn`);
  });

  it('a job left from a day already over sends nothing (a server down for days sends no stale reminders)', async () => {
    const before = (await bell(head.caller)).items.length;
    await t.handle.db.updateTable('scheduledJobs').set({ status: 'pending', attempts: 0 }).where('idempotencyKey', '=', 'reminders.daily:2026-03-09').execute();
    await t.handle.db.deleteFrom('notifications').where('recipientUserId', '=', head.id).where('entityId', '=', overdue.id).execute();
    await tickBoth();
    expect(await jobByKey(t.handle.db, 'reminders.daily:2026-03-09')).toMatchObject({ status: 'done', attempts: 1 });
    expect((await bell(head.caller)).items.length).toBe(before - 1);
  });
});
