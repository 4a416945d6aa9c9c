import { instantAt, type LocalDate } from '@cchc/domain';
import type { Db } from '../../platform/db/database';
import type { Notice, NoticeTemplates, ReminderSource } from '../../platform/notifications/notice-types';
import { queueCondition, type QueueDays } from './dossier.repository';

// Notices to staff about dossiers (docs/architecture.md "Notifications and reminders"): the assignment
// notice, and the daily almost-due and overdue alerts to the assignee and the heads of the processing
// unit. "Almost due" and "overdue" are the queues' own conditions (`queueCondition`), with the same
// "almost due" days (DOSSIER_ALMOST_DUE_DAYS), so an alert and the queue it points to always agree.

export const dossierNoticeTemplates: NoticeTemplates = {
  'dossier.assigned': {
    vi: { subject: 'Hồ sơ {{code}} được giao cho bạn', body: 'Bạn được giao xử lý hồ sơ {{code}} ({{procedureName}}), hạn trả kết quả {{dueDate}}.' },
    en: { subject: 'Dossier {{code}} assigned to you', body: 'You have been assigned dossier {{code}} ({{procedureName}}), due {{dueDate}}.' },
  },
  'dossier.almost_due': {
    vi: { subject: 'Hồ sơ {{code}} sắp đến hạn', body: 'Hồ sơ {{code}} ({{procedureName}}) đến hạn trả kết quả ngày {{dueDate}}.' },
    en: { subject: 'Dossier {{code}} is almost due', body: 'Dossier {{code}} ({{procedureName}}) is due on {{dueDate}}.' },
  },
  'dossier.overdue': {
    vi: { subject: 'Hồ sơ {{code}} đã quá hạn', body: 'Hồ sơ {{code}} ({{procedureName}}) đã quá hạn trả kết quả ngày {{dueDate}}.' },
    en: { subject: 'Dossier {{code}} is overdue', body: 'Dossier {{code}} ({{procedureName}}) was due on {{dueDate}}.' },
  },
};

/** dd/MM/yyyy, as every date shown to a Vietnamese official. */
export const displayDate = (d: string | null) => (d ? d.split('-').reverse().join('/') : '');

export function dossierLink(id: string): string {
  return `/dossiers/${id}`;
}

type AlertKind = 'almost_due' | 'overdue';

/**
 * The daily alerts. Each goes once per dossier, due date and recipient (its idempotency key), so a new
 * due date after an apology alerts again, and a repeated pass sends nothing new. A dossier whose clock
 * has stopped (finished, refused, withdrawn, paused) is in neither queue and gets nothing.
 */
export function dossierReminderSource(settings: { almostDueWorkingDays: number }): ReminderSource {
  return {
    key: 'dossiers',
    async collect(db, { today, calendar }) {
      const days: QueueDays = {
        today: today as LocalDate,
        todayStartAt: instantAt(today as LocalDate, 0),
        almostDueUntil: calendar.addWorkingDays(today as LocalDate, settings.almostDueWorkingDays),
        userId: '',
      };
      const notices: Notice[] = [];
      for (const kind of ['almost_due', 'overdue'] as const satisfies readonly AlertKind[]) {
        const rows = await db
          .selectFrom('dossiers as d')
          .select(['d.id', 'd.code', 'd.procedureName', 'd.dueDate', 'd.assigneeId', 'd.processingUnitId', 'd.unitId'])
          .where((eb) => queueCondition(eb, kind, days)!)
          .execute();
        const heads = await unitHeads(db, [...new Set(rows.map((r) => r.processingUnitId ?? r.unitId))]);
        for (const r of rows) {
          const recipients = new Set([...(r.assigneeId ? [r.assigneeId] : []), ...(heads.get(r.processingUnitId ?? r.unitId) ?? [])]);
          for (const userId of recipients) {
            notices.push({
              recipientUserId: userId,
              entityKind: 'dossier',
              entityId: r.id,
              templateKey: `dossier.${kind}`,
              params: { code: r.code, procedureName: r.procedureName, dueDate: displayDate(r.dueDate) },
              link: dossierLink(r.id),
              idempotencyKey: `dossier.${kind}:${r.id}:${r.dueDate}:${userId}`,
            });
          }
        }
      }
      return notices;
    },
  };
}

/** Active users holding the unit head role granted on each unit. */
async function unitHeads(db: Db, unitIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (unitIds.length === 0) return out;
  const rows = await db
    .selectFrom('roleAssignments as ra')
    .innerJoin('users as u', 'u.id', 'ra.userId')
    .select(['ra.unitId', 'ra.userId'])
    .where('ra.role', '=', 'unit_head')
    .where('ra.unitId', 'in', unitIds)
    .where('u.isActive', '=', 1)
    .execute();
  for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r.userId]);
  return out;
}
