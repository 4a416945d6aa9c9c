import { planTimelinessOf } from '@cchc/domain';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { MetricProvider, MetricScope, MetricValue } from '../../platform/metrics/metric-types';
import { PLAN_METRIC_DEFINITIONS } from './plan-metric-definitions';
import { DEFAULT_PLAN_SETTINGS, type PlanSettings } from './plan.service';
import { bucketCounts, listBucketCondition, toCounts, type BucketRow } from './task-buckets';

// The PAR metrics of plans and tasks (docs/plans.md "PAR metrics"): the annual plan issued on time
// (criterion 1.1.1), tasks completed on time over tasks due (1.1.4), and the overdue count. Counts come
// from the same bucket SQL as the lists, so a criterion's number matches what the task list shows.

const min = (a: string, b: string) => (a < b ? a : b);

export function planMetricsProvider(settings: PlanSettings = DEFAULT_PLAN_SETTINGS): MetricProvider {
  return {
    definitions: PLAN_METRIC_DEFINITIONS,
    async compute(db: Db, scope: MetricScope): Promise<Map<string, MetricValue>> {
      const out = new Map<string, MetricValue>();
      if (scope.unitIds.length === 0) return out;
      const year = Number(scope.from.slice(0, 4));

      // Annual plan timeliness: the best of the scope's annual plans of the period's year.
      const plans = await db
        .selectFrom('plans')
        .select(['unitId', 'issuedOn'])
        .where('unitId', 'in', scope.unitIds)
        .where('kind', '=', 'annual')
        .where('year', '=', year)
        .where('status', '<>', 'draft')
        .execute();
      const settingRows = await db
        .selectFrom('planSettings')
        .select(['unitId', 'annualPlanDueOn'])
        .where('unitId', 'in', scope.unitIds)
        .where('year', '=', year)
        .execute();
      const dueOf = (unitId: string) => settingRows.find((s) => s.unitId === unitId)?.annualPlanDueOn ?? `${year}-${settings.annualPlanDueMonthDay}`;
      const levels = plans.map((p) => planTimelinessOf(p.issuedOn, dueOf(p.unitId), scope.today));
      if (levels.includes('on_time')) out.set('plans.annual_plan_timeliness', { input: { kind: 'timeliness', value: 'on_time' } });
      else if (levels.includes('late')) out.set('plans.annual_plan_timeliness', { input: { kind: 'timeliness', value: 'late' } });
      else {
        const due = scope.unitIds.map(dueOf).sort()[0]!;
        if (scope.today > due) out.set('plans.annual_plan_timeliness', { input: { kind: 'timeliness', value: 'not_done' } });
        // Not yet due: no data, but the plan can still be issued on time.
        else
          out.set('plans.annual_plan_timeliness', {
            input: { kind: 'timeliness', value: 'not_done' },
            hint: { code: 'plans.annual_plan_due', params: { due } },
          });
      }

      // Tasks of the scope (owned by its units or assigned by them) due in the period, as of today.
      const dueUntil = min(scope.to, scope.today);
      const inScope = db
        .selectFrom('tasks as t')
        .where((eb) => eb.or([eb('t.unitId', 'in', scope.unitIds), eb('t.agencyId', 'in', scope.unitIds)]))
        .where('t.status', '<>', 'cancelled');
      const dueRow = await inScope
        .select([sql<number>`count(*)`.as('n'), ...bucketCounts(scope.today)])
        .where('t.dueOn', '>=', scope.from)
        .where('t.dueOn', '<=', dueUntil)
        .executeTakeFirst();
      const due = toCounts(dueRow as BucketRow | undefined);
      const dueCount = Number(dueRow?.n ?? 0);
      const later = await inScope
        .select([sql<number>`count(*)`.as('n'), sql<string | null>`min(t.due_on)`.as('first')])
        .where('t.dueOn', '>=', scope.today)
        .where('t.dueOn', '<=', scope.to)
        .where(listBucketCondition('open', scope.today, scope.today))
        .executeTakeFirst();
      const openCount = Number(later?.n ?? 0);
      const hint = openCount > 0 ? { code: 'plans.tasks_due_soon', params: { count: openCount, due: String(later!.first) } } : undefined;
      out.set('plans.task_completion_rate', { input: { kind: 'rate', numerator: due.done_on_time, denominator: dueCount }, ...(hint ? { hint } : {}) });
      out.set('plans.overdue_task_count', { input: { kind: 'count', value: due.overdue + due.done_late }, ...(hint ? { hint } : {}) });
      return out;
    },
  };
}
