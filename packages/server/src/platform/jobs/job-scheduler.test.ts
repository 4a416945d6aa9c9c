import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app';
import { createTestApp, engines, TEST_HASHING, type TestApp } from '../../../test/harness';
import { TestSmtp } from '../../../test/test-smtp';
import { loadConfig } from '../config';
import { Mailer } from '../notifications/mailer';
import { JOB_LEASE_MINUTES, JOB_MAX_ATTEMPTS, jobByKey, type JobHandler } from './job-scheduler';

// Jobs stored in the database (docs/architecture.md "Notifications and reminders"): claimed by one
// instance with a lease, taken over when the lease runs out, retried with backoff.

describe('REMINDER_LOCAL_TIME', () => {
  const dataDir = { dataDir: mkdtempSync(join(tmpdir(), 'cchc-reminder-config-')) };
  afterAll(() => rmSync(dataDir.dataDir, { recursive: true, force: true }));
  it('defaults to 07:30, reads HH:MM, and refuses anything else naming the variable', () => {
    expect(loadConfig({ SESSION_SECRET: 's' }, dataDir).reminderMinuteOfDay).toBe(7 * 60 + 30);
    expect(loadConfig({ SESSION_SECRET: 's', REMINDER_LOCAL_TIME: '06:45' }, dataDir).reminderMinuteOfDay).toBe(6 * 60 + 45);
    expect(() => loadConfig({ SESSION_SECRET: 's', REMINDER_LOCAL_TIME: '7h30' }, dataDir)).toThrow('REMINDER_LOCAL_TIME');
    expect(() => loadConfig({ SESSION_SECRET: 's', REMINDER_LOCAL_TIME: '24:00' }, dataDir)).toThrow('REMINDER_LOCAL_TIME');
  });
});

describe.each(engines)('job scheduler on %s', (engine) => {
  let t: TestApp;
  const smtp = new TestSmtp();
  let mailer: Mailer;
  const instances: App[] = [];
  let failures = 0;
  let failUntil = 0;

  /** Test job kinds: one mails the test SMTP server (no deduplication), one fails `failUntil` times. */
  const handlers: Record<string, JobHandler> = {
    'test.mail': async (job) => {
      await mailer.send({ to: 'lan@example.vn', subject: `Job ${job.idempotencyKey}`, text: 'run' });
    },
    'test.flaky': async () => {
      if (failures++ < failUntil) throw new Error(`flaky failure ${failures}`);
    },
  };
  /** Another app instance on the same database and clock, as a second server would be. */
  const instance = async () => {
    const app = await buildApp(t.config, { clock: t.clock, hashing: TEST_HASHING, logger: false, jobHandlers: handlers });
    instances.push(app);
    return app;
  };
  const mailsFor = (key: string) => smtp.received.filter((m) => m.headers.subject === `Job ${key}`);

  beforeAll(async () => {
    await smtp.start();
    mailer = new Mailer(`smtp://127.0.0.1:${smtp.port}`, 'cchc@example.gov.vn');
    t = await createTestApp(engine);
  });
  afterAll(async () => {
    for (const app of instances) await app.close();
    mailer?.close();
    await t?.close();
    await smtp.stop();
  });

  it('runs a job once when two instances on one database tick at the same moment', async () => {
    const [a, b] = [await instance(), await instance()];
    for (let i = 0; i < 3; i++) {
      const key = `test.mail:${engine}:${i}`;
      await a.scheduler.schedule('test.mail', key, t.clock.now(), { i });
      expect(await b.scheduler.schedule('test.mail', key, t.clock.now(), { i })).toBe(false); // one row per key
      await Promise.all([a.runScheduler(), b.runScheduler(), a.runScheduler(), b.runScheduler()]);
      expect(mailsFor(key)).toHaveLength(1);
      expect(await jobByKey(t.handle.db, key)).toMatchObject({ status: 'done', attempts: 1, lastError: null, finishedAt: t.clock.now() });
    }
  });

  it('a job whose instance died (lease not released) runs again once the lease has expired', async () => {
    const a = await instance();
    const key = `test.mail:${engine}:orphan`;
    await a.scheduler.schedule('test.mail', key, t.clock.now(), {});
    // Another instance claimed it and died: running, leased, never finished.
    const lease = new Date(Date.parse(t.clock.now()) + JOB_LEASE_MINUTES * 60_000).toISOString();
    await t.handle.db
      .updateTable('scheduledJobs')
      .set({ status: 'running', attempts: 1, leaseUntil: lease, leasedBy: 'dead-instance' })
      .where('idempotencyKey', '=', key)
      .execute();
    await a.runScheduler();
    expect(mailsFor(key)).toHaveLength(0);
    t.clock.advanceMinutes(JOB_LEASE_MINUTES);
    await a.runScheduler();
    expect(mailsFor(key)).toHaveLength(1);
    expect(await jobByKey(t.handle.db, key)).toMatchObject({ status: 'done', attempts: 2, leasedBy: a.scheduler.instanceId });
  });

  it('a job that is not due yet waits for its time', async () => {
    const a = await instance();
    const key = `test.mail:${engine}:later`;
    await a.scheduler.schedule('test.mail', key, new Date(Date.parse(t.clock.now()) + 5 * 60_000).toISOString(), {});
    await a.runScheduler();
    expect(mailsFor(key)).toHaveLength(0);
    t.clock.advanceMinutes(5);
    await a.runScheduler();
    expect(mailsFor(key)).toHaveLength(1);
  });

  it(`a failing job is retried with backoff, and stays failed with its error after ${JOB_MAX_ATTEMPTS} attempts`, async () => {
    const a = await instance();
    failures = 0;
    failUntil = 1;
    const key = `test.flaky:${engine}:1`;
    await a.scheduler.schedule('test.flaky', key, t.clock.now(), {});
    await a.runScheduler();
    expect(await jobByKey(t.handle.db, key)).toMatchObject({
      status: 'pending',
      attempts: 1,
      lastError: 'flaky failure 1',
      runAt: new Date(Date.parse(t.clock.now()) + 60_000).toISOString(),
    });
    await a.runScheduler(); // not due again yet
    expect((await jobByKey(t.handle.db, key))!.attempts).toBe(1);
    t.clock.advanceMinutes(1);
    await a.runScheduler();
    expect(await jobByKey(t.handle.db, key)).toMatchObject({ status: 'done', attempts: 2, lastError: null });

    failures = 0;
    failUntil = 100;
    const dead = `test.flaky:${engine}:2`;
    await a.scheduler.schedule('test.flaky', dead, t.clock.now(), {});
    for (let i = 0; i < JOB_MAX_ATTEMPTS + 2; i++) {
      await a.runScheduler();
      t.clock.advanceMinutes(60);
    }
    expect(await jobByKey(t.handle.db, dead)).toMatchObject({ status: 'failed', attempts: JOB_MAX_ATTEMPTS, lastError: `flaky failure ${JOB_MAX_ATTEMPTS}` });
  });

  it('a job of an unknown kind fails visibly instead of vanishing', async () => {
    const a = await instance();
    const key = `test.unknown:${engine}`;
    await a.scheduler.schedule('test.unknown', key, t.clock.now(), {});
    await a.runScheduler();
    expect(await jobByKey(t.handle.db, key)).toMatchObject({ status: 'pending', attempts: 1, lastError: 'No handler for job kind test.unknown' });
  });
});
