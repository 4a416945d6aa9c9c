import type { LocalDate } from '@cchc/domain';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { Notice, NoticeTemplates, ReminderContext, ReminderSource } from '../../platform/notifications/notice-types';
import { bucketCondition } from './task-buckets';

// Notices about tasks (docs/plans.md "Reminders"): when a task is handed to a lead person, N working days
// before its due day, on the due day, and a daily digest of the unit's overdue tasks to each unit head.
// Finished and cancelled tasks never yield a notice (their SQL below only reads open statuses).

export const PLAN_NOTICE_TEMPLATES: NoticeTemplates = {
  'task.assigned': {
    vi: { subject: 'Nhiệm vụ mới: {{title}}', body: 'Anh/chị được giao chủ trì nhiệm vụ "{{title}}" thuộc {{plan}}, hạn hoàn thành {{due}}.' },
    en: { subject: 'New task: {{title}}', body: 'You lead the task "{{title}}" of {{plan}}, due {{due}}.' },
  },
  'task.due_soon': {
    vi: { subject: 'Sắp đến hạn: {{title}}', body: 'Nhiệm vụ "{{title}}" đến hạn ngày {{due}} (còn {{days}} ngày làm việc); tiến độ hiện tại {{progress}}%.' },
    en: { subject: 'Due soon: {{title}}', body: 'The task "{{title}}" is due on {{due}} ({{days}} working days left); progress {{progress}}%.' },
  },
  'task.due_today': {
    vi: { subject: 'Đến hạn hôm nay: {{title}}', body: 'Nhiệm vụ "{{title}}" đến hạn hôm nay ({{due}}); tiến độ hiện tại {{progress}}%.' },
    en: { subject: 'Due today: {{title}}', body: 'The task "{{title}}" is due today ({{due}}); progress {{progress}}%.' },
  },
  'task.overdue_digest': {
    vi: { subject: '{{count}} nhiệm vụ quá hạn của {{unit}}', body: '{{unit}} có {{count}} nhiệm vụ quá hạn chưa hoàn thành: {{titles}}.' },
    en: { subject: '{{count}} overdue tasks of {{unit}}', body: '{{unit}} has {{count}} overdue tasks not completed: {{titles}}.' },
  },
};

/** Shows a day as the Vietnamese documents do, dd/MM/yyyy. */
const shown = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export function assignedNotice(t: { id: string; title: string; dueOn: string }, recipientUserId: string, planTitle: string): Notice {
  return {
    recipientUserId,
    entityKind: 'task',
    entityId: t.id,
    templateKey: 'task.assigned',
    params: { title: t.title, plan: planTitle, due: shown(t.dueOn) },
    link: `/plans/tasks/${t.id}`,
    idempotencyKey: `task.assigned:${t.id}:${recipientUserId}`,
  };
}

const OPEN_FOR_REMINDERS = ['not_started', 'in_progress'];
/** How many overdue task titles a unit head's digest names. */
const DIGEST_TITLES = 5;

export interface PlanReminderSettings {
  /** Working days before the due day of the "due soon" reminder. */
  dueSoonWorkingDays: number;
}

/** The daily pass of task reminders, run by the platform's scheduler on working days. */
export function planReminderSource(settings: PlanReminderSettings = { dueSoonWorkingDays: 3 }): ReminderSource {
  return {
    key: 'plans.tasks',
    async collect(db: Db, ctx: ReminderContext): Promise<Notice[]> {
      const today = ctx.today as LocalDate;
      const n = settings.dueSoonWorkingDays;
      const soonTo = ctx.calendar.addWorkingDays(today, n);
      // Days after the (n−1)-th working day up to the n-th: a due day on a weekend is still caught once.
      const soonFrom = ctx.calendar.addWorkingDays(today, Math.max(n - 1, 0));
      const rows = await db
        .selectFrom('tasks as t')
        .select(['t.id', 't.title', 't.dueOn', 't.unitId', 't.leadUserId', 't.progress'])
        .where('t.status', 'in', OPEN_FOR_REMINDERS)
        .where((eb) => eb.or([eb('t.dueOn', '=', today), eb.and([eb('t.dueOn', '>', soonFrom), eb('t.dueOn', '<=', soonTo)])]))
        .orderBy('t.dueOn')
        .orderBy('t.id')
        .execute();
      // The digest counts with the list's own "overdue" condition, so it equals the unit's overdue list.
      const overdue = await db
        .selectFrom('tasks as t')
        .innerJoin('units as u', 'u.id', 't.unitId')
        .select(['t.unitId', 'u.name', sql<number>`count(*)`.as('n')])
        .where(bucketCondition('overdue', today))
        .where('t.status', 'in', OPEN_FOR_REMINDERS)
        .groupBy(['t.unitId', 'u.name'])
        .execute();
      // Set-based (bench/report-reminders.bench.ts, 100,000 open tasks): the heads of every unit concerned in
      // one query, the first titles of every unit's digest in one windowed query, never a query per unit.
      const heads = await unitHeadIds(db, [...new Set([...rows.filter((t) => !t.leadUserId).map((t) => t.unitId), ...overdue.map((u) => u.unitId)])]);
      const titles = overdue.length > 0 ? await firstOverdueTitles(db, today, DIGEST_TITLES) : new Map<string, string[]>();
      const out: Notice[] = [];
      for (const t of rows) {
        const dueToday = t.dueOn === today;
        const kind = dueToday ? 'task.due_today' : 'task.due_soon';
        const recipients = t.leadUserId ? [t.leadUserId] : (heads.get(t.unitId) ?? []);
        for (const r of recipients)
          out.push({
            recipientUserId: r,
            entityKind: 'task',
            entityId: t.id,
            templateKey: kind,
            params: {
              title: t.title,
              due: shown(t.dueOn),
              progress: t.progress,
              days: dueToday ? 0 : ctx.calendar.workingDaysBetween(today, t.dueOn as LocalDate),
            },
            link: `/plans/tasks/${t.id}`,
            idempotencyKey: `${kind}:${t.id}:${dueToday ? today : t.dueOn}`,
          });
      }
      for (const u of overdue) {
        for (const head of heads.get(u.unitId) ?? [])
          out.push({
            recipientUserId: head,
            entityKind: 'unit',
            entityId: u.unitId,
            templateKey: 'task.overdue_digest',
            params: { unit: u.name, count: Number(u.n), titles: (titles.get(u.unitId) ?? []).join('; ') },
            link: `/plans/tasks?scope=unit&unitId=${u.unitId}&bucket=overdue`,
            idempotencyKey: `task.overdue_digest:${u.unitId}:${head}:${today}`,
          });
      }
      return out;
    },
  };
}

/** The titles a digest names: each unit's first `limit` overdue open tasks by due day, in one windowed query. */
async function firstOverdueTitles(db: Db, today: string, limit: number): Promise<Map<string, string[]>> {
  const ranked = db
    .selectFrom('tasks as t')
    .select(['t.unitId', 't.title', sql<number>`row_number() over (partition by t.unit_id order by t.due_on, t.id)`.as('rn')])
    .where(bucketCondition('overdue', today))
    .where('t.status', 'in', OPEN_FOR_REMINDERS);
  const rows = await db.selectFrom(ranked.as('x')).select(['x.unitId', 'x.title']).where('x.rn', '<=', limit).orderBy('x.unitId').orderBy('x.rn').execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.title]);
  return out;
}

/** The active unit heads of each of `unitIds` (who hear about a task without a lead person), in one query per 500 units. */
async function unitHeadIds(db: Db, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < unitIds.length; i += 500) {
    const rows = await db
      .selectFrom('roleAssignments as r')
      .innerJoin('users as u', 'u.id', 'r.userId')
      .select(['r.unitId', 'r.userId'])
      .distinct()
      .where('r.unitId', 'in', unitIds.slice(i, i + 500))
      .where('r.role', '=', 'unit_head')
      .where('u.isActive', '=', 1)
      .orderBy('r.unitId')
      .orderBy('r.userId')
      .execute();
    for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.userId]);
  }
  return out;
}
