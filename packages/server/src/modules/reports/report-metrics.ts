import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MetricProvider, MetricScope, MetricValue } from '../../platform/metrics/metric-types';
import { REPORT_METRIC_DEFINITIONS } from './report-metric-definitions';

// PAR metrics from periodic reports (docs/reports.md "PAR metrics"), over the instances of
// obligations that serve PAR criteria, due in the scope's period, whose responsible unit is in scope.
// Counted in one aggregate query (index report_instances_unit_due_idx):
//  - decided = submitted, or unsubmitted and past due on `today`;
//  - late = submitted after the due day, or unsubmitted and past due;
//  - reports.all_on_time: no late among the decided (left out while nothing is decided: no data);
//  - reports.complete: every submitted report met its checklist (left out while none is submitted);
//  - reports.late_count: late (left out when the period holds no PAR report at all);
//  - hint reports.due_soon { count, due }: reports still to send in the period and the first due day.

const n = (v: unknown): number => Number(v ?? 0);

export const reportMetrics: MetricProvider = {
  definitions: REPORT_METRIC_DEFINITIONS,
  async compute(db: Db, scope: MetricScope): Promise<Map<string, MetricValue>> {
    const out = new Map<string, MetricValue>();
    if (scope.unitIds.length === 0) return out;
    const today = scope.today;
    const row = await db
      .selectFrom('reportInstances as i')
      .where('i.responsibleUnitId', 'in', scope.unitIds)
      .where('i.dueOn', '>=', scope.from)
      .where('i.dueOn', '<=', scope.to)
      .where('i.servesPar', '=', 1)
      .select([
        sql<number>`count(*)`.as('total'),
        sql<number>`sum(case when i.sent_on is not null or i.due_on < ${today} then 1 else 0 end)`.as('decided'),
        sql<number>`sum(case when (i.sent_on is not null and i.is_late = 1) or (i.sent_on is null and i.due_on < ${today}) then 1 else 0 end)`.as('late'),
        sql<number>`sum(case when i.sent_on is not null then 1 else 0 end)`.as('submitted'),
        sql<number>`sum(case when i.sent_on is not null and i.is_complete = 1 then 1 else 0 end)`.as('complete'),
        sql<number>`sum(case when i.sent_on is null and i.due_on >= ${today} then 1 else 0 end)`.as('pending'),
        sql<string | null>`min(case when i.sent_on is null and i.due_on >= ${today} then i.due_on end)`.as('nextDue'),
      ])
      .executeTakeFirstOrThrow();
    const total = n(row.total);
    if (total === 0) return out;
    const late = n(row.late);
    const pending = n(row.pending);
    // PostgreSQL returns the min of a date column as a date string already (type parser), SQLite as text.
    const hint = pending > 0 && row.nextDue ? { code: 'reports.due_soon', params: { count: pending, due: String(row.nextDue).slice(0, 10) } } : undefined;
    if (n(row.decided) > 0) out.set('reports.all_on_time', { input: { kind: 'boolean', value: late === 0 }, ...(hint ? { hint } : {}) });
    if (n(row.submitted) > 0) out.set('reports.complete', { input: { kind: 'boolean', value: n(row.complete) === n(row.submitted) } });
    out.set('reports.late_count', { input: { kind: 'count', value: late }, ...(hint ? { hint } : {}) });
    return out;
  },
};
