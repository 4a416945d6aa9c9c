import { instantAt, statisticsFromCounts, unitsFor, ZERO_COUNTS, type DayCalendar, type DossierStatistics, type LocalDate } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import { periodBounds } from './dossier-counting';
import type { DossierStatisticsRepository, StatisticsDimension, StatisticsPeriod } from './dossier-statistics.repository';
import type { DossierRepository } from './dossier.repository';
import type { StatisticsBreakdownQuery, StatisticsQuery, StatisticsSeriesQuery } from './dossier.schemas';
import type { DossierService } from './dossier.service';

// The operational report of docs/domain/statistics.md, counted in the database
// (dossier-statistics.repository.ts) and assembled by the domain's `statisticsFromCounts`, the same function
// that ends the reference `computeStatistics`. The calendar turns "almost due within N working days of the
// period's end" into an instant bound here; everything else is compared in SQL.

export interface DossierStatisticsDeps {
  repo: DossierRepository;
  statistics: DossierStatisticsRepository;
  dossiers: DossierService;
}

export interface StatisticsLineView {
  key: string | null;
  name: string | null;
  statistics: DossierStatistics;
}

/** The local day before `d`. */
const dayBefore = (d: LocalDate): LocalDate => instantAt(d, 7 * 60 - 24 * 60).slice(0, 10) as LocalDate;

/**
 * The buckets of a series: calendar months or quarters (local days), clipped to [from, to].
 * @example buckets('2026-01-15', '2026-03-10', 'month') // [['2026-01-15','2026-01-31'], ['2026-02-01','2026-02-28'], ['2026-03-01','2026-03-10']]
 */
export function buckets(from: LocalDate, to: LocalDate, granularity: 'month' | 'quarter'): Array<{ from: LocalDate; to: LocalDate }> {
  const step = granularity === 'month' ? 1 : 3;
  const out: Array<{ from: LocalDate; to: LocalDate }> = [];
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  if (granularity === 'quarter') m = Math.floor((m - 1) / 3) * 3 + 1;
  for (;;) {
    const start = `${y}-${String(m).padStart(2, '0')}-01` as LocalDate;
    if (start > to) break;
    m += step;
    if (m > 12) {
      m -= 12;
      y++;
    }
    const end = dayBefore(`${y}-${String(m).padStart(2, '0')}-01` as LocalDate);
    out.push({ from: start < from ? from : start, to: end > to ? to : end });
  }
  return out;
}

export class DossierStatisticsService {
  constructor(private readonly deps: DossierStatisticsDeps) {}

  /**
   * Units the report covers: those where the actor may see statistics (403 when none), or `unitId`
   * and the units below it when the actor covers it (404 otherwise: out of scope reads as absent).
   */
  async scope(actor: ServerActor, unitId: string | undefined): Promise<string[]> {
    const units = unitsFor(actor, 'dossier.statistics');
    if (units.length === 0) throw new ForbiddenError('forbidden', [], { action: 'dossier.statistics' });
    if (!unitId) return units;
    if (!units.includes(unitId)) throw new NotFoundError('unit.not_found');
    const covered = new Set(units);
    return (await this.deps.repo.subtree(unitId)).map((u) => u.id).filter((u) => covered.has(u));
  }

  unitName(unitId: string): Promise<string | null> {
    return this.deps.repo.unitName(unitId);
  }

  private period(cal: DayCalendar, p: { from: LocalDate; to: LocalDate }): StatisticsPeriod {
    return { ...p, ...periodBounds(cal, this.deps.dossiers.settings.almostDueWorkingDays, p.from, p.to) };
  }

  /** Counts of the periods, by the dimension, assembled into reports. */
  async lines(
    units: readonly string[],
    periods: ReadonlyArray<{ from: LocalDate; to: LocalDate }>,
    by: StatisticsDimension,
  ): Promise<Array<{ period: number; key: string | null; statistics: DossierStatistics }>> {
    const cal = await this.deps.dossiers.calendar();
    const bounds = periods.map((p) => this.period(cal, p));
    const rows = await this.deps.statistics.counts(units, bounds, by, this.deps.dossiers.settings.granularity);
    return rows.map((r) => ({ period: r.period, key: r.key, statistics: statisticsFromCounts(periods[r.period]!, r.counts) }));
  }

  /** GET /api/dossiers/statistics: the report of docs/domain/statistics.md over the period for the units in scope. */
  async statistics(actor: ServerActor, q: StatisticsQuery): Promise<DossierStatistics> {
    const units = await this.scope(actor, q.unitId);
    const period = { from: q.from as LocalDate, to: q.to as LocalDate };
    const [line] = await this.lines(units, [period], 'total');
    return line?.statistics ?? statisticsFromCounts(period, ZERO_COUNTS);
  }

  /** GET /api/dossiers/statistics/breakdown: one report per unit, procedure, sector or officer, named, busiest first. */
  async breakdown(actor: ServerActor, q: StatisticsBreakdownQuery): Promise<{ by: StatisticsBreakdownQuery['by']; items: StatisticsLineView[] }> {
    const units = await this.scope(actor, q.unitId);
    const lines = await this.lines(units, [{ from: q.from as LocalDate, to: q.to as LocalDate }], q.by);
    const names = await this.deps.statistics.names(
      q.by,
      lines.map((l) => l.key).filter((k): k is string => k !== null),
    );
    const items = lines.map((l) => ({ key: l.key, name: l.key === null ? null : (names.get(l.key) ?? l.key), statistics: l.statistics }));
    items.sort((a, b) => b.statistics.toProcess - a.statistics.toProcess || (a.name ?? '').localeCompare(b.name ?? '', 'vi'));
    return { by: q.by, items };
  }

  /** GET /api/dossiers/statistics/series: the report of every month or quarter of the period (clipped to it). */
  async series(actor: ServerActor, q: StatisticsSeriesQuery): Promise<{ granularity: 'month' | 'quarter'; items: DossierStatistics[] }> {
    const units = await this.scope(actor, q.unitId);
    const periods = buckets(q.from as LocalDate, q.to as LocalDate, q.granularity);
    const lines = await this.lines(units, periods, 'total');
    const byPeriod = new Map(lines.map((l) => [l.period, l.statistics]));
    return { granularity: q.granularity, items: periods.map((p, i) => byPeriod.get(i) ?? statisticsFromCounts(p, ZERO_COUNTS)) };
  }
}
