import { can, localDateOf, type DossierStatistics, type LocalDate } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import { RuleViolation } from '@cchc/domain';
import { AppError } from '../../platform/errors';
import type { DossierStatisticsService } from '../dossiers/dossier-statistics.service';
import { governingBodyLine, placeFromUnitName } from '../dossiers/dossier-forms.service';
import { renderReportDraft, type ScorecardStatus, type TaskSummary } from './report-draft-render';
import type { ReportRepository } from './report.repository';
import type { ReportInstancesService } from './report-instances.service';

// The Word draft of a PAR report instance (docs/reports.md "Draft"). One-stop figures come from the
// dossier statistics service (the report of docs/domain/statistics.md, computed once there); tasks from the plans module
// through an injected function; the scorecard's status from the PAR assessments when given. A
// source that is absent, or that the actor may not read, leaves its section saying so.

export type TaskSummaryFn = (actor: ServerActor, unitIds: string[], from: string, to: string) => Promise<TaskSummary | null>;
export type ScorecardStatusFn = (actor: ServerActor, agencyId: string, year: number) => Promise<ScorecardStatus | null>;

export interface ReportDraftDeps {
  repo: ReportRepository;
  instances: ReportInstancesService;
  statistics: Pick<DossierStatisticsService, 'statistics'>;
  clock: Clock;
  taskSummary?: TaskSummaryFn;
  scorecardStatus?: ScorecardStatusFn;
}

/** A source refusing the actor (403/404) is "not available", not a failure of the draft. */
async function optional<T>(f: () => Promise<T | null>): Promise<T | null> {
  try {
    return await f();
  } catch (e) {
    if (e instanceof AppError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
}

const STATUS_TEXT: Record<string, string> = {
  self_assessing: 'đang tự đánh giá',
  submitted: 'đã gửi tự đánh giá',
  explanation_requested: 'đang giải trình',
  appraising: 'đang thẩm định',
  final: 'đã có kết quả thẩm định',
  published: 'đã công bố kết quả',
};

/** The scorecard status from the PAR module's assessment list (the lead wires it in app.ts). */
export function scorecardStatusFrom(par: {
  list(
    actor: ServerActor,
    year: number | undefined,
  ): Promise<
    Array<{ agencyUnitId: string; status: string; computedTotalHundredths: number | null; reportedTotalHundredths: number | null; maxHundredths: number }>
  >;
}): ScorecardStatusFn {
  return async (actor, agencyId, year) => {
    const a = (await par.list(actor, year)).find((x) => x.agencyUnitId === agencyId);
    if (!a) return null;
    const total = a.reportedTotalHundredths ?? a.computedTotalHundredths;
    const fmt = (h: number) => (h / 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    return { year, statusText: STATUS_TEXT[a.status] ?? a.status, totalText: total === null ? null : `${fmt(total)}/${fmt(a.maxHundredths)} điểm` };
  };
}

export class ReportDraftService {
  constructor(private readonly deps: ReportDraftDeps) {}

  async draft(actor: ServerActor, id: string): Promise<{ fileName: string; data: Buffer }> {
    const { repo, instances, clock } = this.deps;
    const i = await instances.find(actor, id);
    const o = (await repo.obligationById(i.obligationId))!;
    if (o.servesPar !== 1) throw new RuleViolation('report.draft_par_only');
    // A PAR report speaks for the whole agency: its one-stop figures and tasks, not only the responsible unit's.
    const units = await repo.subtree(i.agencyId);
    const from = i.periodFrom as LocalDate;
    const to = i.periodTo as LocalDate;
    const statistics: DossierStatistics | null = await optional(() => this.deps.statistics.statistics(actor, { from, to, unitId: i.agencyId }));
    const scopedUnits = units.filter((u) => can(actor, 'report.read', u));
    const tasks = this.deps.taskSummary ? await optional(() => this.deps.taskSummary!(actor, scopedUnits, from, to)) : null;
    const scorecard = this.deps.scorecardStatus ? await optional(() => this.deps.scorecardStatus!(actor, i.agencyId, i.year)) : null;
    const chain = await this.ancestors(i.agencyId);
    const agency = chain[0];
    const root = chain[chain.length - 1];
    const data = await renderReportDraft({
      header: {
        agencyParent: chain[1] ? governingBodyLine(chain[1].name) : '',
        agencyName: (agency?.name ?? '').toUpperCase(),
        place: (root ? placeFromUnitName(root.name) : null) ?? '……………',
        issuedOn: localDateOf(clock.now()),
      },
      reportName: `${o.name} năm ${i.year}`,
      recipient: o.recipient,
      periodFrom: from,
      periodTo: to,
      outline: JSON.parse(o.checklistJson),
      statistics,
      tasks,
      scorecard,
    });
    return { fileName: `du-thao-${o.code.toLowerCase()}-${i.periodKey.toLowerCase()}.docx`, data };
  }

  /** The unit and its ancestors, nearest first (the header's agency and governing body). */
  private async ancestors(unitId: string): Promise<Array<{ id: string; name: string }>> {
    const out: Array<{ id: string; name: string }> = [];
    let id: string | null = unitId;
    const db = this.deps.repo;
    while (id && out.length < 10) {
      const names: Map<string, string> = await db.unitNames([id]);
      const parent: string | null = await db.parentOf(id);
      out.push({ id, name: names.get(id) ?? '' });
      id = parent;
    }
    return out;
  }
}
