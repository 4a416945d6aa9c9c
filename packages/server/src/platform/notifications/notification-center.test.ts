import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { createProcedure, receiveDossier, threeSteps } from '../../modules/dossiers/dossier.fixtures';
import { NotificationCenter, mergeTemplates, renderTemplate } from './notification-center';
import type { Notice, NoticeTemplates } from './notice-types';

// Generic notices and the bell (issue #10 item 3; docs/architecture.md "Notifications and reminders").

const templates: NoticeTemplates = {
  'test.hello': {
    vi: { subject: 'Chào {{name}}', body: 'Nhiệm vụ {{task}} đến hạn ngày {{due}}.' },
    en: { subject: 'Hello {{name}}', body: 'Task {{task}} is due on {{due}}.' },
  },
};

describe('templates', () => {
  it('renders {{param}}, leaves an unknown placeholder visible, refuses a key defined twice', () => {
    expect(renderTemplate('Hồ sơ {{code}} ({{ n }}) {{missing}}', { code: 'A-1', n: 3 })).toBe('Hồ sơ A-1 (3) {{missing}}');
    expect(() => mergeTemplates([templates, templates])).toThrow('test.hello');
  });
});

describe.each(engines)('notifications center and bell on %s', (engine) => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let center: NotificationCenter;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp(engine, { smtpUrl: `smtp://127.0.0.1:${smtp.port}`, smtpFrom: 'cchc@example.gov.vn' });
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    center = new NotificationCenter([templates], t.clock, { emailEnabled: true, baseUrl: 'https://cchc.example.gov.vn' });
  });
  afterAll(async () => {
    await t?.close();
    await smtp.stop();
  });

  let people = 0;
  /** A user with a role, an e-mail address (or none) and a language (set in the account's preferences), logged in. */
  async function person(opts: { email?: string | null; locale?: 'vi' | 'en'; role?: string; unitId?: string } = {}) {
    const email = opts.email === undefined ? `person${++people}@example.vn` : opts.email;
    const { user, caller } = await make.actor(opts.role ?? 'specialist', opts.unitId ?? rootId, email);
    if (opts.locale) {
      const res = await caller.put('/api/account/notification-preferences', { email: true, locale: opts.locale });
      if (res.status !== 200) throw new Error(`preferences: ${JSON.stringify(res.body)}`);
    }
    return { id: user.id, version: user.version, caller };
  }
  const notice = (recipientUserId: string, over: Partial<Notice> = {}): Notice => ({
    recipientUserId,
    entityKind: 'task',
    entityId: 'task-1',
    templateKey: 'test.hello',
    params: { name: 'Lan', task: 'Báo cáo quý', due: '07/12/2026' },
    link: '/plans/tasks/task-1',
    ...over,
  });
  const rowsOf = (userId: string) => t.handle.db.selectFrom('notifications').selectAll().where('recipientUserId', '=', userId).orderBy('channel').execute();

  it('renders in the recipient’s language, writes the bell row and the e-mail row, and a repeated key writes nothing', async () => {
    const vi = await person();
    const en = await person({ email: null, locale: 'en' });
    await t.handle.db.transaction().execute(async (trx) => {
      await center.notify(trx, notice(vi.id, { idempotencyKey: 'test.hello:task-1:vi' }));
      // The second insert with the same key is a no-op inside the same transaction, which stays usable
      // (on PostgreSQL a caught unique violation would have aborted it).
      await center.notify(trx, notice(vi.id, { idempotencyKey: 'test.hello:task-1:vi' }));
      await center.notify(trx, notice(en.id));
    });
    await t.handle.db.transaction().execute((trx) => center.notify(trx, notice(vi.id, { idempotencyKey: 'test.hello:task-1:vi' })));

    const mine = await rowsOf(vi.id);
    expect(mine.map((r) => r.channel)).toEqual(['email', 'in_app']);
    const [mail, bell] = mine;
    expect(bell).toMatchObject({
      subject: 'Chào Lan',
      body: 'Nhiệm vụ Báo cáo quý đến hạn ngày 07/12/2026.',
      entityKind: 'task',
      entityId: 'task-1',
      templateKey: 'test.hello',
      link: '/plans/tasks/task-1',
      readAt: null,
      locale: 'vi',
    });
    expect(mail).toMatchObject({
      status: 'pending',
      recipient: expect.stringContaining('@example.vn'),
      noticeId: bell!.id,
      idempotencyKey: 'test.hello:task-1:vi:email',
    });
    expect(mail!.body).toBe('Nhiệm vụ Báo cáo quý đến hạn ngày 07/12/2026.\n\nhttps://cchc.example.gov.vn/plans/tasks/task-1');
    // No address: the bell only, in English.
    expect(await rowsOf(en.id)).toEqual([expect.objectContaining({ channel: 'in_app', subject: 'Hello Lan', body: 'Task Báo cáo quý is due on 07/12/2026.' })]);
  });

  it('a rolled-back transaction leaves no notice; an inactive user gets none; an unknown template is a wiring error', async () => {
    const p = await person();
    await expect(
      t.handle.db.transaction().execute(async (trx) => {
        await center.notify(trx, notice(p.id));
        throw new Error('change failed');
      }),
    ).rejects.toThrow('change failed');
    expect(await rowsOf(p.id)).toEqual([]);
    expect((await admin.patch(`/api/users/${p.id}`, { version: p.version, isActive: false })).status).toBe(200);
    await t.handle.db.transaction().execute((trx) => center.notify(trx, notice(p.id)));
    expect(await rowsOf(p.id)).toEqual([]);
    await expect(t.handle.db.transaction().execute((trx) => center.notify(trx, notice(p.id, { templateKey: 'test.nope' })))).rejects.toThrow('test.nope');
  });

  it('GET /api/notifications: own notices only, newest first, unread count and filter, paging; read and read-all', async () => {
    const a = await person();
    const b = await person();
    for (let i = 1; i <= 3; i++) {
      t.clock.advanceMinutes(1);
      await t.handle.db
        .transaction()
        .execute((trx) => center.notify(trx, notice(a.id, { entityId: `task-${i}`, params: { name: 'A', task: `T${i}`, due: '01/01/2027' } })));
    }
    await t.handle.db.transaction().execute((trx) => center.notify(trx, notice(b.id)));

    let res = await a.caller.get('/api/notifications?pageSize=2');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ unread: 3, total: 3, page: 1, pageSize: 2 });
    expect(res.body.items.map((i: { entityId: string }) => i.entityId)).toEqual(['task-3', 'task-2']);
    expect(res.body.items[0]).toMatchObject({
      templateKey: 'test.hello',
      entityKind: 'task',
      link: '/plans/tasks/task-1',
      readAt: null,
      email: { status: 'pending', attempts: 0, error: null, sentAt: null },
    });
    const firstId = res.body.items[1].id as string;

    // B never sees A's notices, and cannot mark them read.
    res = await b.caller.get('/api/notifications');
    expect(res.body).toMatchObject({ unread: 1, total: 1 });
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(firstId);
    res = await b.caller.post(`/api/notifications/${firstId}/read`);
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('notification.not_found');

    res = await a.caller.post(`/api/notifications/${firstId}/read`);
    expect(res.body).toEqual({ unread: 2 });
    res = await a.caller.get('/api/notifications?unread=true');
    expect(res.body).toMatchObject({ unread: 2, total: 2 });
    expect(res.body.items.map((i: { id: string }) => i.id)).not.toContain(firstId);
    expect((await a.caller.get('/api/notifications?page=2&pageSize=2')).body.items).toHaveLength(1);
    expect((await a.caller.get('/api/notifications?unread=maybe&pageSize=0')).body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'querystring.pageSize',
      'querystring.unread',
    ]);

    res = await a.caller.post('/api/notifications/read-all');
    expect(res.body).toEqual({ unread: 0 });
    expect((await b.caller.get('/api/notifications')).body.unread).toBe(1);
    expect((await t.anon.get('/api/notifications')).status).toBe(401);
  });

  it('the e-mail preference: off means the bell only; the language switches the texts', async () => {
    const p = await person();
    expect((await p.caller.get('/api/account/notification-preferences')).body).toEqual({ email: true, locale: 'vi', hasEmail: true });
    const bad = await p.caller.put('/api/account/notification-preferences', { email: 'yes', locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(['body.email', 'body.locale']);
    const res = await p.caller.put('/api/account/notification-preferences', { email: false, locale: 'en' });
    expect(res.body).toEqual({ email: false, locale: 'en', hasEmail: true });
    await t.handle.db.transaction().execute((trx) => center.notify(trx, notice(p.id)));
    expect(await rowsOf(p.id)).toEqual([expect.objectContaining({ channel: 'in_app', subject: 'Hello Lan' })]);
  });

  it('assigning a dossier notifies the assignee in the bell and by e-mail, delivered after commit', async () => {
    const div = await make.unit({ name: 'Phòng Thông báo' });
    const procedureId = await createProcedure(admin, rootId, {
      processingUnitId: div.id,
      steps: threeSteps(div.id),
      timeLimit: { value: 10, unit: 'working_days' },
    });
    const spec = await person({ unitId: div.id });
    const head = await person({ role: 'unit_head', unitId: div.id });
    const d = await receiveDossier(admin, { procedureId, channel: 'counter', applicant: { name: 'Trần Thị Bình' } });
    const res = await head.caller.post(`/api/dossiers/${d.id}/assign`, { version: d.version, assigneeId: spec.id });
    expect(res.status).toBe(200);
    const bell = await spec.caller.get('/api/notifications');
    expect(bell.body.unread).toBe(1);
    expect(bell.body.items[0]).toMatchObject({
      templateKey: 'dossier.assigned',
      entityKind: 'dossier',
      entityId: d.id,
      link: `/dossiers/${d.id}`,
      subject: `Hồ sơ ${d.code} được giao cho bạn`,
    });
    await expect.poll(async () => (await spec.caller.get('/api/notifications')).body.items[0].email.status, { timeout: 5000, interval: 25 }).toBe('sent');
    expect(smtp.received.filter((m) => m.headers.subject === `Hồ sơ ${d.code} được giao cho bạn`)).toHaveLength(1);
    // The head who assigned gets nothing.
    expect((await head.caller.get('/api/notifications')).body.total).toBe(0);
  });

  it('the outbox view: failed e-mails of the units an administrator manages, visible with their error', async () => {
    const divA = await make.unit({ name: 'Phòng Hộp thư A' });
    const divB = await make.unit({ name: 'Phòng Hộp thư B' });
    const inA = await person({ unitId: divA.id });
    const inB = await person({ unitId: divB.id });
    for (const p of [inA, inB]) await t.handle.db.transaction().execute((trx) => center.notify(trx, notice(p.id)));
    await t.handle.db
      .updateTable('notifications')
      .set({ status: 'failed', error: 'ECONNREFUSED: connect ECONNREFUSED', attempts: 1 })
      .where('recipientUserId', 'in', [inA.id, inB.id])
      .where('channel', '=', 'email')
      .execute();
    const adminA = await person({ role: 'agency_admin', unitId: divA.id });
    const res = await adminA.caller.get('/api/notifications/outbox?status=failed');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: { recipientUserId: string }) => i.recipientUserId)).toEqual([inA.id]);
    expect(res.body.items[0]).toMatchObject({ status: 'failed', error: 'ECONNREFUSED: connect ECONNREFUSED', attempts: 1, templateKey: 'test.hello' });
    expect((await admin.get('/api/notifications/outbox?status=failed')).body.total).toBeGreaterThanOrEqual(2);
    expect((await inA.caller.get('/api/notifications/outbox')).status).toBe(403);
    expect((await admin.get('/api/notifications/outbox?status=lost')).status).toBe(400);

    // Sending again, once the mail server works: only a failed row, only in the administrator's units.
    const failedA = res.body.items[0].id as string;
    const failedB = (await admin.get('/api/notifications/outbox?status=failed')).body.items.find(
      (i: { recipientUserId: string }) => i.recipientUserId === inB.id,
    ).id as string;
    expect((await adminA.caller.post(`/api/notifications/outbox/${failedB}/retry`)).status).toBe(404);
    expect((await inA.caller.post(`/api/notifications/outbox/${failedA}/retry`)).status).toBe(403);
    const retried = await adminA.caller.post(`/api/notifications/outbox/${failedA}/retry`);
    expect(retried.status).toBe(200);
    // The answer is read after the commit, and the dispatcher, woken by the same commit, may already have made
    // its attempt (attempts 1) by then: what the retry itself guarantees is a pending row, sent below.
    expect(retried.body).toMatchObject({ id: failedA, status: 'pending' });
    expect(retried.body.attempts).toBeLessThanOrEqual(1);
    await expect.poll(async () => (await inA.caller.get('/api/notifications')).body.items[0].email.status, { timeout: 5000, interval: 25 }).toBe('sent');
    const again = await adminA.caller.post(`/api/notifications/outbox/${failedA}/retry`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'notification.not_failed', detail: { current: { status: 'sent' } } });
  });
});
