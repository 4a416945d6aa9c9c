import type { LocalDate } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { dataVersion, VersionedCache } from '../../platform/db/data-version';
import type { OverviewView } from './overview.schemas';

// The home page of leaders, the PAR secretary and unit heads (issue #10 item 5, docs/overview.md). It
// computes nothing itself: each section is a module's own count, the same one its list's filter uses, so a
// tile and the list it opens show the same number. A section the user may not read is null.
// The task, report and PAR sections count as of a day, so they are kept while the database's data version
// stands (platform/db/data-version.ts): equal version, equal data, equal counts; one version read per request.
// The dossier section compares due instants with the current instant, so it is counted on every request.

/** Rows per unit; a module that already joined the unit's name passes it, the others are named here. */
type PerUnit<T> = Array<{ unitId: string; unitName?: string | null } & T>;
type DossierCounts = { open: number; overdue: number; dueToday: number; almostDue: number };
type TaskCounts = { overdue: number; dueThisWeek: number };
type ReportCounts = { due: number; late: number };

export interface OverviewSources {
  dossiers(
    actor: ServerActor,
  ): Promise<(DossierCounts & { byUnit: PerUnit<DossierCounts>; onTimeByMonth: Array<{ month: number; completed: number; onTime: number }> }) | null>;
  tasks(actor: ServerActor, today: LocalDate): Promise<(TaskCounts & { byUnit: PerUnit<TaskCounts> }) | null>;
  reports(actor: ServerActor, today: LocalDate): Promise<(ReportCounts & { byUnit: PerUnit<ReportCounts> }) | null>;
  par(actor: ServerActor, year: number): Promise<{ projected: number | null; atRisk: number; unknown: number; lastYear: number | null } | null>;
}

type Sections = [Awaited<ReturnType<OverviewSources['tasks']>>, Awaited<ReturnType<OverviewSources['reports']>>, Awaited<ReturnType<OverviewSources['par']>>];

export class OverviewService {
  private readonly byDay: VersionedCache<Sections>;

  constructor(
    private readonly db: Db,
    private readonly sources: OverviewSources,
    private readonly clock: Clock,
  ) {
    this.byDay = new VersionedCache(() => dataVersion(db));
  }

  async overview(actor: ServerActor): Promise<OverviewView> {
    const today = this.clock.today();
    const year = Number(today.slice(0, 4));
    // Everything the day-based sections depend on besides the data: the day (and so the year), the user's own
    // unit (where the PAR headline looks for the agency) and grants with the units each covers (the unit
    // tree's closure, as the request's actor resolved it).
    const key = JSON.stringify([today, actor.userId, actor.profile?.unitId ?? null, actor.grants.map((g) => [g.role, g.unitId, [...g.unitIds].sort()])]);
    const [dossiers, [tasks, reports, par]] = await Promise.all([
      this.sources.dossiers(actor),
      this.byDay.get(key, () => Promise.all([this.sources.tasks(actor, today), this.sources.reports(actor, today), this.sources.par(actor, year)])),
    ]);
    const unnamed = [...(dossiers?.byUnit ?? []), ...(tasks?.byUnit ?? []), ...(reports?.byUnit ?? [])].filter((u) => !u.unitName).map((u) => u.unitId);
    const names = await this.unitNames(unnamed);
    const named = <T extends { unitId: string; unitName?: string | null }>(rows: T[]) =>
      rows.map((r) => ({ ...r, unitName: r.unitName || names.get(r.unitId) || '' })).sort((a, b) => a.unitName.localeCompare(b.unitName, 'vi'));
    return {
      asOf: today,
      dossiers: dossiers && { ...dossiers, byUnit: named(dossiers.byUnit) },
      tasks: tasks && { ...tasks, byUnit: named(tasks.byUnit) },
      reports: reports && { ...reports, byUnit: named(reports.byUnit) },
      par: par && { year, ...par },
    };
  }

  private async unitNames(ids: string[]): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const rows = await this.db.selectFrom('units').select(['id', 'name']).where('id', 'in', unique).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }
}
