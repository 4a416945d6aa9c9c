import { TASK_BUCKETS, TASK_STATUSES, taskBucketOf, type TaskStatus } from '@cchc/domain';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { AuditRepository } from '../../platform/audit/audit.repository';
import { AuditService } from '../../platform/audit/audit.service';
import type { Db } from '../../platform/db/database';
import type { Notice, Notifier } from '../../platform/notifications/notice-types';
import { CalendarRepository } from '../calendar/calendar.repository';
import { CalendarService } from '../calendar/calendar.service';
import { planMetricsProvider } from './plan-metrics';
import { planReminderSource, PLAN_NOTICE_TEMPLATES } from './plan-notices';
import { PlanRepository } from './plan.repository';
import { bucketCondition } from './task-buckets';
import { TaskWorkflowService } from './task-workflow.service';
import { TaskRepository } from './task.repository';
import { TaskService } from './task.service';
import { UnitTreeRepository } from '../../platform/units/unit-tree';

// The SQL of the four buckets against the domain's `taskBucketOf` on generated tasks; the reminders, the
// notifier call inside the assignment, and the PAR metrics — on both engines (docs/plans.md).

/** Records notices in memory; the real notifier is the platform's. */
class RecordingNotifier implements Notifier {
  notices: Notice[] = [];
  async notify(_trx: Db, notice: Notice) {
    this.notices.push(notice);
  }
}

describe.each(engines)('plans support on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let divA: { id: string };
  let leader: Caller;
  let head: { user: { id: string }; caller: Caller };
  let spec: { user: { id: string }; caller: Caller };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    divA = await make.unit({ name: 'Phòng Kế hoạch - Tài chính' });
    leader = (await make.actor('leader')).caller;
    head = await make.actor('unit_head', divA.id);
    spec = await make.actor('specialist', divA.id);
  });
  afterAll(() => t.close());

  async function issuedPlan(year = 2026) {
    const p = (
      await leader.post('/api/plans', {
        unitId: rootId,
        year,
        kind: 'thematic',
        title: `Kế hoạch ${year}`,
        documentNumber: '1/KH',
        documentDate: `${year}-01-05`,
      })
    ).body;
    return (await leader.post(`/api/plans/${p.id}/issue`, { version: p.version, issuedOn: `${year}-01-05` })).body as { id: string };
  }

  it('the SQL buckets equal the domain function on generated tasks, for every as-of day', async () => {
    const p = await issuedPlan(2025);
    const gen = await factories(t, admin, rootId).unit({ name: 'Phòng sinh dữ liệu' });
    const day = fc.integer({ min: 0, max: 60 }).map((n) => `2025-03-${String((n % 28) + 1).padStart(2, '0')}`);
    const rows = fc.sample(fc.record({ status: fc.constantFrom(...TASK_STATUSES), dueOn: day, completedOn: fc.option(day, { nil: null }) }), {
      numRuns: 150,
      seed: 42,
    });
    const db = t.handle.db;
    const now = t.clock.now();
    await db
      .insertInto('tasks')
      .values(
        rows.map((r, i) => ({
          id: `gen-${engine}-${i}`,
          planId: p.id,
          agencyId: rootId,
          parentId: null,
          seq: 1000 + i,
          unitId: gen.id,
          leadUserId: null,
          title: `Sinh ${i}`,
          titleFolded: `sinh ${i}`,
          description: null,
          expectedOutput: null,
          startOn: null,
          dueOn: r.dueOn,
          dueWorkingDays: null,
          criteria: '[]',
          priority: 'normal',
          status: r.status,
          progress: 0,
          submittedOn: null,
          completedOn: r.completedOn,
          completionNote: null,
          cancelReason: null,
          assignedBy: null,
          approvedBy: null,
          approvedAt: null,
          version: 1,
          createdAt: now,
          updatedAt: now,
        })),
      )
      .execute();
    for (const asOf of ['2025-02-28', '2025-03-01', '2025-03-10', '2025-03-15', '2025-03-28', '2025-04-01']) {
      const sqlBucket = new Map<string, string>();
      for (const b of TASK_BUCKETS) {
        const ids = await db.selectFrom('tasks as t').select('t.id').where('t.planId', '=', p.id).where(bucketCondition(b, asOf)).execute();
        for (const { id } of ids) {
          expect(sqlBucket.has(id), `${id} in two buckets`).toBe(false);
          sqlBucket.set(id, b);
        }
      }
      rows.forEach((r, i) =>
        expect(sqlBucket.get(`gen-${engine}-${i}`) ?? null, `${JSON.stringify(r)} as of ${asOf}`).toBe(
          taskBucketOf({ ...r, status: r.status as TaskStatus }, asOf),
        ),
      );
    }
  });

  it('pages the list (the first pages of a unit in one index walk on SQLite, then the deferred join): the pages put together are the whole list, in every sort and filter', async () => {
    // Runs on the generated tasks above (150 in one unit, many due on the same day: the id breaks the ties); pages
    // of 6 cross the offset where the repository leaves the direct walk for the deferred join.
    const gen = (await leader.get('/api/tasks?scope=all&q=sinh&pageSize=1')).body.items[0] as { unitId: string; planId: string };
    for (const query of [
      'sort=dueOn&order=asc',
      'sort=dueOn&order=desc',
      'sort=title&order=asc',
      'sort=priority&order=desc',
      'sort=status&order=asc',
      'bucket=overdue&sort=dueOn&order=asc',
    ]) {
      const base = `/api/tasks?scope=all&planId=${gen.planId}&unitId=${gen.unitId}&${query}`;
      const whole = (await leader.get(`${base}&pageSize=500`)).body as { items: Array<{ id: string; unitName: string; planTitle: string }>; total: number };
      expect(whole.items.length, query).toBe(whole.total);
      expect(whole.total, query).toBeGreaterThan(6);
      const pages: string[] = [];
      for (let page = 1; (page - 1) * 6 < whole.total; page++) {
        const r = (await leader.get(`${base}&pageSize=6&page=${page}`)).body as { items: Array<{ id: string }>; total: number };
        expect(r.total, query).toBe(whole.total);
        pages.push(...r.items.map((i) => i.id));
      }
      expect(pages, query).toEqual(whole.items.map((i) => i.id));
      expect(new Set(pages).size, query).toBe(whole.total);
      expect(whole.items[0], query).toMatchObject({ unitName: 'Phòng sinh dữ liệu', planTitle: 'Kế hoạch 2025' });
    }
  });

  it('tells the lead person inside the assignment, and reminds only open tasks: due soon, due today, overdue digest', async () => {
    const db = t.handle.db;
    const audit = new AuditService(new AuditRepository(db, t.engine), t.clock);
    const calendar = new CalendarService(db, new CalendarRepository(db), audit, t.clock, []);
    const notifier = new RecordingNotifier();
    const tasks = new TaskService({
      db,
      repo: new TaskRepository(db),
      plans: new PlanRepository(db, new UnitTreeRepository(db)),
      audit,
      clock: t.clock,
      calendar,
      notifier,
    });
    const workflow = new TaskWorkflowService(tasks);
    const p = await issuedPlan();
    const mk = async (title: string, dueOn: string) => (await leader.post('/api/tasks', { planId: p.id, title, unitId: divA.id, dueOn })).body;
    const soon = await mk('Sắp đến hạn', '2026-03-05'); // 3 working days after Monday 2 March
    const today = await mk('Hôm nay', '2026-03-02');
    await mk('Quá hạn', '2026-02-25');
    const done = await mk('Đã xong', '2026-03-05');
    const cancelled = await mk('Đã hủy', '2026-03-02');
    await head.caller.post(`/api/tasks/${done.id}/complete`, { version: done.version, note: 'xong' });
    await leader.post(`/api/tasks/${cancelled.id}/cancel`, { version: cancelled.version, reason: 'bỏ' });

    const actor = {
      userId: head.user.id,
      username: 'h',
      fullName: 'H',
      requestId: null,
      roles: ['unit_head' as const],
      grants: [{ role: 'unit_head' as const, unitId: divA.id, unitIds: [divA.id] }],
    };
    await workflow.assign(actor, soon.id, { version: soon.version, leadUserId: spec.user.id });
    expect(notifier.notices).toEqual([
      expect.objectContaining({
        recipientUserId: spec.user.id,
        templateKey: 'task.assigned',
        entityId: soon.id,
        idempotencyKey: `task.assigned:${soon.id}:${spec.user.id}`,
      }),
    ]);
    // A stale assignment rolls back with its notice; the recording notifier only proves the call order here.
    await expect(workflow.assign(actor, today.id, { version: 99, leadUserId: spec.user.id })).rejects.toMatchObject({ status: 409 });

    const cal = await calendar.calendar();
    const notices = await planReminderSource({ dueSoonWorkingDays: 3 }).collect(db, { today: '2026-03-02', calendar: cal });
    const keys = notices.map((n) => n.idempotencyKey).sort();
    expect(keys).toEqual(
      [`task.due_soon:${soon.id}:2026-03-05`, `task.due_today:${today.id}:2026-03-02`, `task.overdue_digest:${divA.id}:${head.user.id}:2026-03-02`].sort(),
    );
    expect(notices.find((n) => n.templateKey === 'task.due_soon')).toMatchObject({ recipientUserId: spec.user.id, params: { days: 3, due: '05/03/2026' } });
    expect(notices.find((n) => n.templateKey === 'task.due_today')).toMatchObject({ recipientUserId: head.user.id });
    expect(notices.find((n) => n.templateKey === 'task.overdue_digest')).toMatchObject({ params: { count: 1, titles: 'Quá hạn' } });
    expect(notices.some((n) => n.entityId === done.id || n.entityId === cancelled.id)).toBe(false);
    for (const n of notices) expect(PLAN_NOTICE_TEMPLATES[n.templateKey], n.templateKey).toBeDefined();
  });

  it('computes the PAR metrics: annual plan timeliness, completion rate over due tasks, overdue count, with a hint', async () => {
    const make = factories(t, admin, rootId);
    const agency = await make.unit({ parentId: rootId, kind: 'affiliate', name: 'Trung tâm Ứng dụng' });
    const plan = (
      await leader.post('/api/plans', {
        unitId: agency.id,
        year: 2026,
        kind: 'annual',
        title: 'Kế hoạch CCHC 2026',
        documentNumber: '3/KH',
        documentDate: '2026-01-20',
      })
    ).body;
    await leader.post(`/api/plans/${plan.id}/issue`, { version: plan.version, issuedOn: '2026-01-20' });
    const mk = async (dueOn: string) => (await leader.post('/api/tasks', { planId: plan.id, title: `Việc ${dueOn}`, unitId: agency.id, dueOn })).body;
    const a = await mk('2026-02-10');
    await mk('2026-02-20');
    const c = await mk('2026-02-25');
    await mk('2026-04-30');
    await leader.post(`/api/tasks/${a.id}/complete`, { version: a.version, note: 'ok', completedOn: '2026-02-09' });
    await leader.post(`/api/tasks/${c.id}/complete`, { version: c.version, note: 'ok' }); // today: late
    const m = await planMetricsProvider().compute(t.handle.db, { unitIds: [agency.id], from: '2026-01-01', to: '2026-12-31', today: '2026-03-02' });
    expect(m.get('plans.annual_plan_timeliness')).toEqual({ input: { kind: 'timeliness', value: 'on_time' } });
    expect(m.get('plans.task_completion_rate')).toEqual({
      input: { kind: 'rate', numerator: 1, denominator: 3 },
      hint: { code: 'plans.tasks_due_soon', params: { count: 1, due: '2026-04-30' } },
    });
    expect(m.get('plans.overdue_task_count')?.input).toEqual({ kind: 'count', value: 2 });
    const none = await planMetricsProvider().compute(t.handle.db, { unitIds: [agency.id], from: '2025-01-01', to: '2025-12-31', today: '2026-03-02' });
    expect(none.get('plans.annual_plan_timeliness')?.input).toEqual({ kind: 'timeliness', value: 'not_done' });
    expect(none.get('plans.task_completion_rate')?.input).toEqual({ kind: 'rate', numerator: 0, denominator: 0 });
  });
});
