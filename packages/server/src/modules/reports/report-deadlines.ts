import { unitsFor, type LocalDate } from '@cchc/domain';
import type { DeadlineSource, ImpactedRecord } from '../calendar/deadline-registry';

/**
 * Unsubmitted report instances whose due day was counted over a day the calendar administrator is about
 * to change (the calendar's impact check): the span is (period end, due day]. Listed for review only;
 * `POST /api/reports/instances/generate` recomputes unsubmitted due days afterwards (docs/reports.md).
 */
export const reportDeadlineSource: DeadlineSource = {
  name: 'reports',
  async openRecordsSpanning(db, date, actor) {
    const units = unitsFor(actor, 'report.read');
    if (units.length === 0) return [];
    const rows = await db
      .selectFrom('reportInstances as i')
      .innerJoin('reportObligations as o', 'o.id', 'i.obligationId')
      .select(['i.id', 'i.periodKey', 'i.periodTo', 'i.dueOn', 'i.responsibleUnitId', 'o.code', 'o.name'])
      .where('i.sentOn', 'is', null)
      .where('i.dueOn', '>=', date)
      .where('i.periodTo', '<', date)
      .where('i.responsibleUnitId', 'in', units)
      .orderBy('i.dueOn')
      .limit(1000)
      .execute();
    return rows.map((r): ImpactedRecord => ({
      entity: 'report_instance',
      id: r.id,
      code: `${r.code} ${r.periodKey}`,
      title: r.name,
      startDate: r.periodTo as LocalDate,
      dueDate: r.dueOn as LocalDate,
      unitId: r.responsibleUnitId,
    }));
  },
};
