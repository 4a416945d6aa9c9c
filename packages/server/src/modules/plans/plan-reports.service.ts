import { canAnywhere, completionRateBasisPoints, foldVietnamese, type LocalDate } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { ForbiddenError } from '../../platform/errors';
import { formatDay } from '../dossiers/forms/form-time';
import { writeStatisticsSheet, writeTasksSheet } from './plan-sheets';
import { renderPlanDocument } from './plan-document';
import type { StatisticsQuery, StatisticsView } from './plan.schemas';
import type { PlanService } from './plan.service';
import { readUnitsOf } from './task-access';
import { importTasks } from './task-import';
import type { TaskService } from './task.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

type Counts = { done_on_time: number; done_late: number; in_time: number; overdue: number };
const withRate = <T extends Counts>(r: T) => ({ ...r, completionRateBasisPoints: completionRateBasisPoints(r) });

/** Statistics in the national follow-up shape, the Excel files and the Word print of a plan (docs/plans.md). */
export class PlanReportsService {
  constructor(
    private readonly plans: PlanService,
    private readonly tasks: TaskService,
  ) {}

  private period(q: StatisticsQuery) {
    const today = this.tasks.deps.clock.today();
    const year = q.year ?? Number((q.from ?? q.to ?? today).slice(0, 4));
    return { from: q.from ?? `${year}-01-01`, to: q.to ?? `${year}-12-31`, asOf: q.asOf ?? today };
  }

  /**
   * Tasks due in the period, each in one of the four buckets as of `asOf` (cancelled ones left out), by
   * owner unit and by assigning plan, with the overdue tasks named; counted in the database.
   */
  async statistics(actor: ServerActor, q: StatisticsQuery): Promise<StatisticsView> {
    if (!canAnywhere(actor, 'plan.read')) throw new ForbiddenError('forbidden', [], { action: 'plan.read' });
    const { from, to, asOf } = this.period(q);
    const scope = { readUnits: readUnitsOf(actor), scope: 'all' as const, userId: actor.userId };
    const repo = this.tasks.deps.repo;
    const byUnit = await repo.statistics(scope, from, to, asOf, 'unit');
    const byPlan = await repo.statistics(scope, from, to, asOf, 'plan');
    const total = byUnit.reduce(
      (s, r) => ({
        ...s,
        total: s.total + r.total,
        done_on_time: s.done_on_time + r.done_on_time,
        done_late: s.done_late + r.done_late,
        in_time: s.in_time + r.in_time,
        overdue: s.overdue + r.overdue,
      }),
      {
        id: 'total',
        name: '',
        total: 0,
        done_on_time: 0,
        done_late: 0,
        in_time: 0,
        overdue: 0,
      },
    );
    return {
      from,
      to,
      asOf,
      total: withRate(total),
      byUnit: byUnit.map(({ documentNumber: _n, documentDate: _d, ...r }) => withRate(r)),
      byPlan: byPlan.map(withRate),
      overdueTasks: await repo.overdueTasks(scope, from, to, asOf, 200),
    };
  }

  /**
   * The task figures of a report draft (docs/reports.md "Draft"): the statistics above for the report's
   * units and period, summed, with the overdue tasks' titles; null for a user who does not read plans.
   */
  async taskSummary(actor: ServerActor, unitIds: readonly string[], from: string, to: string) {
    if (!canAnywhere(actor, 'plan.read')) return null;
    const s = await this.statistics(actor, { from, to });
    const rows = s.byUnit.filter((r) => unitIds.includes(r.id));
    const names = new Set(rows.map((r) => r.name));
    const sum = (k: keyof Counts) => rows.reduce((n, r) => n + r[k], 0);
    return {
      onTime: sum('done_on_time'),
      late: sum('done_late'),
      inTime: sum('in_time'),
      overdue: sum('overdue'),
      overdueTitles: s.overdueTasks.filter((t) => names.has(t.unitName)).map((t) => t.title),
    };
  }

  async exportStatistics(actor: ServerActor, q: StatisticsQuery) {
    const s = await this.statistics(actor, q);
    return { fileName: `thong-ke-nhiem-vu-${s.from}-${s.to}.xlsx`, contentType: XLSX, data: await writeStatisticsSheet(s, formatDay) };
  }

  async exportTasks(actor: ServerActor, planId: string) {
    const plan = await this.plans.get(actor, planId);
    const rows = await this.tasks.deps.repo.ofPlan(plan.id);
    const coordinating = await this.tasks.deps.repo.coordinatingUnitsOf(rows.map((r) => r.id));
    return {
      fileName: `nhiem-vu-${foldVietnamese(plan.documentNumber ?? plan.title)
        .replace(/[^a-z0-9]+/g, '-')
        .slice(0, 60)}.xlsx`,
      contentType: XLSX,
      data: await writeTasksSheet(rows, coordinating),
    };
  }

  importTasks(actor: ServerActor, planId: string, data: Buffer) {
    return importTasks(this.tasks, actor, planId, data);
  }

  async planDocument(actor: ServerActor, planId: string) {
    const plan = await this.plans.get(actor, planId);
    const db = this.tasks.deps.db;
    const chain: Array<{ name: string }> = [];
    for (let id: string | null = plan.unitId; id;) {
      const u = await db.selectFrom('units').select(['name', 'parentId']).where('id', '=', id).executeTakeFirst();
      if (!u) break;
      chain.push(u);
      id = u.parentId;
    }
    const rows = await this.tasks.deps.repo.ofPlan(plan.id);
    const coordinating = await this.tasks.deps.repo.coordinatingUnitsOf(rows.map((r) => r.id));
    const data = await renderPlanDocument({ plan, chain, tasks: rows, coordinating, today: this.tasks.deps.clock.today() as LocalDate });
    return { fileName: `ke-hoach-${plan.year}-${plan.id.slice(0, 8)}.docx`, contentType: DOCX, data };
  }
}
