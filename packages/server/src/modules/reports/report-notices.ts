import { PERMISSIONS, type LocalDate } from '@cchc/domain';
import type { Db } from '../../platform/db/database';
import type { Notice, NoticeTemplates, ReminderContext, ReminderSource } from '../../platform/notifications/notice-types';
import { formatDay } from '../dossiers/forms/form-time';

// Reminders of periodic reports (docs/reports.md "Reminders"): N working days before the due day
// (default 3), on the due day, and once when overdue, to every active user holding report.submit on
// the responsible unit (a grant on it or on a unit above it). A submitted report gets none: the
// pass reads only unsubmitted instances (partial index report_instances_open_due_idx).

export const REPORT_NOTICE_TEMPLATES: NoticeTemplates = {
  'report.due_soon': {
    vi: { subject: 'Sắp đến hạn gửi báo cáo: {{name}}', body: 'Báo cáo "{{name}}" kỳ {{period}} của {{unit}} phải gửi {{recipient}} trước ngày {{due}}.' },
    en: { subject: 'Report due soon: {{name}}', body: 'The report "{{name}}" for {{period}} of {{unit}} must be sent to {{recipient}} by {{due}}.' },
  },
  'report.due_today': {
    vi: {
      subject: 'Hôm nay là hạn gửi báo cáo: {{name}}',
      body: 'Báo cáo "{{name}}" kỳ {{period}} của {{unit}} phải gửi {{recipient}} trong hôm nay ({{due}}).',
    },
    en: { subject: 'Report due today: {{name}}', body: 'The report "{{name}}" for {{period}} of {{unit}} must be sent to {{recipient}} today ({{due}}).' },
  },
  'report.overdue': {
    vi: { subject: 'Báo cáo quá hạn: {{name}}', body: 'Báo cáo "{{name}}" kỳ {{period}} của {{unit}} đã quá hạn gửi ({{due}}). Khi gửi, ghi rõ lý do chậm.' },
    en: {
      subject: 'Report overdue: {{name}}',
      body: 'The report "{{name}}" for {{period}} of {{unit}} was due on {{due}}. State the reason for the delay when sending it.',
    },
  },
};

export interface ReportReminderSettings {
  /** Working days before the due day of the "due soon" notice. */
  dueSoonWorkingDays: number;
  /** Calendar days after the due day during which the single overdue notice may still go out (a missed pass catches up). */
  overdueWindowDays: number;
}
export const DEFAULT_REMINDER_SETTINGS: ReportReminderSettings = { dueSoonWorkingDays: 3, overdueWindowDays: 30 };

function minusDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - n);
  return d.toISOString().slice(0, 10);
}

/** Active users holding report.submit on each unit, through a grant on the unit or an ancestor. */
async function submitters(db: Db, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (unitIds.length === 0) return out;
  const units = await db.selectFrom('units').select(['id', 'parentId']).execute();
  const parent = new Map(units.map((u) => [u.id, u.parentId]));
  const grants = await db
    .selectFrom('roleAssignments as r')
    .innerJoin('users as u', 'u.id', 'r.userId')
    .select(['r.userId', 'r.unitId'])
    .where('r.role', 'in', [...PERMISSIONS['report.submit']])
    .where('u.isActive', '=', 1)
    .execute();
  const byUnit = new Map<string, Set<string>>();
  for (const g of grants) byUnit.set(g.unitId, (byUnit.get(g.unitId) ?? new Set()).add(g.userId));
  for (const unitId of unitIds) {
    const users = new Set<string>();
    for (let u: string | null | undefined = unitId, hops = 0; u && hops < 50; u = parent.get(u), hops++) for (const id of byUnit.get(u) ?? []) users.add(id);
    out.set(unitId, [...users].sort());
  }
  return out;
}

export function reportReminderSource(settings: ReportReminderSettings = DEFAULT_REMINDER_SETTINGS): ReminderSource {
  return {
    key: 'reports',
    async collect(db: Db, ctx: ReminderContext): Promise<Notice[]> {
      const today = ctx.today as LocalDate;
      const soonBy = ctx.calendar.addWorkingDays(today, settings.dueSoonWorkingDays);
      const rows = await db
        .selectFrom('reportInstances as i')
        .innerJoin('reportObligations as o', 'o.id', 'i.obligationId')
        .innerJoin('units as un', 'un.id', 'i.responsibleUnitId')
        .select(['i.id', 'i.dueOn', 'i.periodKey', 'i.responsibleUnitId', 'o.name', 'o.recipient', 'un.name as unitName'])
        .where('i.sentOn', 'is', null)
        .where('i.dueOn', '>=', minusDays(today, settings.overdueWindowDays))
        .where('i.dueOn', '<=', soonBy)
        .orderBy('i.dueOn')
        .execute();
      const people = await submitters(db, [...new Set(rows.map((r) => r.responsibleUnitId))]);
      const notices: Notice[] = [];
      for (const r of rows) {
        const kind = r.dueOn < today ? 'report.overdue' : r.dueOn === today ? 'report.due_today' : 'report.due_soon';
        const params = { name: r.name, period: r.periodKey, unit: r.unitName, recipient: r.recipient, due: formatDay(r.dueOn) };
        for (const userId of people.get(r.responsibleUnitId) ?? []) {
          notices.push({
            recipientUserId: userId,
            entityKind: 'report_instance',
            entityId: r.id,
            templateKey: kind,
            params,
            link: `/reports/instances/${r.id}`,
            idempotencyKey: `${kind}:${r.id}:${r.dueOn}:${userId}`,
          });
        }
      }
      return notices;
    },
  };
}
