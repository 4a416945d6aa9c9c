import { ZERO_COUNTS, type LocalDate, type StatisticsCounts, type TimelinessGranularity } from '@cchc/domain';
import { sql, type RawBuilder, type SqlBool } from 'kysely';
import type { Db } from '../../platform/db/database';
import { isPostgres } from '../../platform/db/dialect';
import {
  closedSpanAlive,
  COMPLETED,
  completedEarly,
  DOSSIER_FIGURES,
  dossierFigure,
  IN_PROGRESS,
  LATE_COMPLETION,
  inReach,
  positionAlive,
  returnedIn,
  SPAN_FIGURES,
  spanFigure,
  statusIn,
  type DossierFigure,
  type PeriodBounds,
  type SpanFigure,
} from './dossier-counting';

// The report of docs/domain/statistics.md counted in SQL (issue #11): three grouped queries over the periods
// asked for, never a dossier state read into the server.
//  1. one pass over the dossiers (`dossiers_statistics_idx`): those taken in by a period's end and not closed
//     before its start (carried over, received by channel, closed by outcome and timeliness), results
//     returned in the period, and the position at the period's end when it is the dossier's open span (its
//     `position_*` columns): in progress (overdue, almost due), paused (and late), result ready not
//     collected, online filings not received;
//  2. the same position figures from the closed timeline spans that straddle a period's end
//     (`dossier_timeline_alive_idx`; none for a period ending today);
//  3. apology letters issued in the period.
// Calendar arithmetic ("almost due" within N working days of the period's end) happens in the service,
// which hands every bound in as an instant.

/** One period of a report, with its bounds as instants (local midnights, UTC+7). */
export interface StatisticsPeriod {
  from: LocalDate;
  to: LocalDate;
  /** Local midnight starting `from`. */
  fromAt: string;
  /** Local midnight starting `to`: a due moment before it is a due day before `to` (overdue). */
  toStartAt: string;
  /** Local midnight after `to`: the end of the period. */
  nextAt: string;
  /** A due moment before this is within the "almost due" working days of `to`. */
  almostDueBefore: string;
}

/** What a report is broken down by; `total` is one line per period. */
export type StatisticsDimension = 'total' | 'unit' | 'procedure' | 'sector' | 'officer';

export interface StatisticsLine {
  period: number;
  /** The unit (the processing unit, else the agency), procedure, sector code or assignee; null for `total` or none. */
  key: string | null;
  counts: StatisticsCounts;
}

const KEY: Record<StatisticsDimension, RawBuilder<string | null>> = {
  total: sql`null`,
  unit: sql`coalesce(d.processing_unit_id, d.unit_id)`,
  procedure: sql`d.procedure_id`,
  sector: sql`pr.sector_code`,
  officer: sql`d.assignee_id`,
};

/** The position figures a report counts; "within time" and "paused" are sums of these (statisticsFromCounts). */
const POSITION_FIGURES = SPAN_FIGURES.filter((f) => f !== 'in_progress_within_time' && f !== 'paused');

/** The row figures a report counts; the others are sums of these (statisticsFromCounts). */
const ROW_FIGURES = DOSSIER_FIGURES.filter((f) => f !== 'to_process' && f !== 'received' && f !== 'completed_on_time');

/** Statuses a span may hold at a period's end that the report counts. */
const ALIVE = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'result_ready', 'submitted'];

const n = (v: unknown): number => Number(v ?? 0);

/** The bounds of each period as the columns of the constant table `p`. */
const PERIOD_COLUMNS: PeriodBounds = {
  fromAt: sql`p.from_at`,
  toStartAt: sql`p.to_start_at`,
  nextAt: sql`p.next_at`,
  almostDueBefore: sql`p.almost_due_before`,
};

/** The report's lines, summed per period and key. */
class Lines {
  private readonly byId = new Map<string, { period: number; key: string | null; counts: Record<keyof StatisticsCounts, number> }>();

  add(period: number, key: string | null, figure: keyof StatisticsCounts, count: number): void {
    if (count === 0) return;
    const id = `${period}|${key ?? ''}`;
    let line = this.byId.get(id);
    if (!line) this.byId.set(id, (line = { period, key, counts: { ...ZERO_COUNTS } }));
    line.counts[figure] += count;
  }

  list(): StatisticsLine[] {
    return [...this.byId.values()];
  }
}

/** An instant as an SQL literal (typed on PostgreSQL), so that the same CASE can be grouped by. */
const instant = (v: string, pg: boolean) => (pg ? sql`timestamptz ${sql.lit(v)}` : sql.lit(v));

/**
 * Periods that follow each other without gap, and whose "almost due" windows (from the start of the last
 * day to `almostDueBefore`) do not overlap: what the one-pass series needs (`bucketed`).
 */
function consecutive(periods: readonly StatisticsPeriod[]): boolean {
  return periods.every((p, i) => i === 0 || (p.fromAt === periods[i - 1]!.nextAt && periods[i - 1]!.almostDueBefore <= p.toStartAt));
}

/** The index of the period holding the instant `x`: -1 before the first, the count after the last, null for null. */
function periodOf(x: RawBuilder<unknown>, periods: readonly StatisticsPeriod[], pg: boolean) {
  const when = periods.map((p, i) => sql`when ${x} < ${instant(p.nextAt, pg)} then ${sql.lit(i)}`);
  return sql<
    number | null
  >`case when ${x} is null then null when ${x} < ${instant(periods[0]!.fromAt, pg)} then -1 ${sql.join(when, sql` `)} else ${sql.lit(periods.length)} end`;
}

/** The first period at whose last day the due moment `due` has passed (the count if none, null for null). */
function firstPeriodAfter(due: RawBuilder<unknown>, periods: readonly StatisticsPeriod[], pg: boolean) {
  const when = periods.map((p, i) => sql`when ${due} < ${instant(p.toStartAt, pg)} then ${sql.lit(i)}`);
  return sql<number | null>`case when ${due} is null then null ${sql.join(when, sql` `)} else ${sql.lit(periods.length)} end`;
}

/** The period at whose end the due moment `due` is almost due, if any (the windows do not overlap). */
function almostDuePeriod(due: RawBuilder<unknown>, periods: readonly StatisticsPeriod[], pg: boolean) {
  const when = periods.map((p, i) => sql`when ${due} >= ${instant(p.toStartAt, pg)} and ${due} < ${instant(p.almostDueBefore, pg)} then ${sql.lit(i)}`);
  return sql<number | null>`case ${sql.join(when, sql` `)} end`;
}

export class DossierStatisticsRepository {
  private readonly pg: boolean;

  constructor(private readonly db: Db) {
    this.pg = isPostgres(db);
  }

  /** Counts per period (and per key of the dimension) over the dossiers passing through `unitIds`. */
  async counts(
    unitIds: readonly string[],
    periods: readonly StatisticsPeriod[],
    by: StatisticsDimension,
    granularity: TimelinessGranularity,
  ): Promise<StatisticsLine[]> {
    if (unitIds.length === 0 || periods.length === 0) return [];
    if (periods.length > 1 && consecutive(periods)) return this.bucketed(unitIds, periods, by, granularity);
    const [dossiers, spans, apologies] = await Promise.all([
      this.dossierCounts(unitIds, periods, by, granularity),
      this.spanCounts(unitIds, periods, by),
      this.apologyCounts(unitIds, periods, by),
    ]);
    const lines = new Lines();
    for (const r of [...dossiers, ...spans, ...apologies]) {
      for (const [k, v] of Object.entries(r)) if (k !== 'period' && k !== 'key') lines.add(n(r.period), r.key, k as keyof StatisticsCounts, n(v));
    }
    return lines.list();
  }

  /**
   * The counts of consecutive periods (a series) in one pass over the dossiers instead of one per period:
   * each row gets the index of the period holding each of its instants (a month key computed in SQL), rows
   * are grouped by those indexes, and a figure that holds over a range of periods (carried over, the
   * position at each period's end) is added to each period of that range here.
   * Equal to the per-period queries by construction (docs/domain/statistics.md#how-cchc-computes-it); the
   * property test in dossier-statistics.test.ts compares the series with `computeStatistics`.
   */
  private async bucketed(unitIds: readonly string[], periods: readonly StatisticsPeriod[], by: StatisticsDimension, granularity: TimelinessGranularity) {
    const b = this.outerBounds(periods);
    const k = periods.length;
    const at = (x: RawBuilder<unknown>) => periodOf(x, periods, this.pg);
    const overdueFrom = (due: RawBuilder<unknown>) => firstPeriodAfter(due, periods, this.pg);
    const almostDueIn = (due: RawBuilder<unknown>) => almostDuePeriod(due, periods, this.pg);
    const keyCol = by === 'total' ? sql`null` : KEY[by];
    const groupBy = (columns: number) =>
      sql.raw(
        Array.from({ length: columns }, (_, i) => i + 1)
          .slice(by === 'total' ? 1 : 0)
          .join(', '),
      );
    const dialect = { pg: this.pg, granularity };
    const counted = (condition: RawBuilder<SqlBool>) => sql<number>`count(*) filter (where ${condition})`;
    const states = (span: 's' | 'pos') => {
      const status = (...v: string[]) => statusIn(span, v);
      const supplements = span === 'pos' ? sql`d.position_supplements` : sql`s.supplement_requests`;
      return sql.join([
        sql`${counted(statusIn(span, IN_PROGRESS))} as in_progress`,
        sql`${counted(status('awaiting_supplement'))} as paused_supplement`,
        sql`${counted(sql<SqlBool>`${status('awaiting_supplement')} and ${supplements} > 1`)} as paused_supplement_late`,
        sql`${counted(status('awaiting_payment'))} as paused_payment`,
        sql`${counted(sql<SqlBool>`${status('awaiting_payment')} and d.payment_stops_clock = 0`)} as paused_payment_late`,
        sql`${counted(status('result_ready'))} as result_ready_not_collected`,
        sql`${counted(status('submitted'))} as awaiting_receipt`,
      ]);
    };
    const dueColumns = (span: 's' | 'pos', due: RawBuilder<unknown>) =>
      sql`case when ${statusIn(span, [...IN_PROGRESS, 'awaiting_payment'])} then ${overdueFrom(due)} end as due_from,
        case when ${statusIn(span, IN_PROGRESS)} then ${almostDueIn(due)} end as almost_due_in`;
    type Row = Record<string, unknown> & { key: string | null };
    const [dossiers, spans, apologies] = await Promise.all([
      this.run(
        sql<Row>`
        select ${keyCol} as key, ${at(sql`d.intake_at`)} as intake_in, ${at(sql`d.closed_at`)} as closed_in, ${at(sql`d.returned_at`)} as returned_in,
          case when ${statusIn('pos', ALIVE)} then ${at(sql`d.position_since`)} end as alive_from, null as alive_until,
          ${dueColumns('pos', sql`d.position_due_at`)},
          count(*) as dossiers,
          ${counted(sql`d.channel = 'online'`)} as received_online,
          ${counted(sql`d.channel = 'counter'`)} as received_counter,
          ${counted(sql`d.channel = 'post'`)} as received_post,
          ${counted(statusIn('d', COMPLETED))} as completed,
          ${counted(completedEarly(dialect))} as completed_early,
          ${counted(sql<SqlBool>`${statusIn('d', COMPLETED)} and ${LATE_COMPLETION}`)} as completed_late,
          ${counted(sql`d.status = 'refused'`)} as refused,
          ${counted(sql`d.status = 'stopped'`)} as stopped,
          ${counted(sql`d.status = 'withdrawn'`)} as withdrawn,
          ${states('pos')}
        from dossiers d ${this.joinSector(by)}
        where ${this.scope(unitIds)} and ${this.touching(b)}
        group by ${groupBy(8)}`,
        // The planner cannot estimate groups of computed period indexes (it guesses ~300,000; there are a few
        // hundred) and would sort every row to group them: hash them instead.
        ['enable_sort = off'],
      ),
      // Only the spans that straddle a period's end (start and end in different periods) are joined to their
      // dossiers: a span opened and closed within one month counts at no month's end.
      this.run(
        sql<Row>`
        with s (dossier_id, status, start_at, end_at, statutory_due_at, supplement_requests) as materialized (
          select s.dossier_id, s.status, s.start_at, s.end_at, s.statutory_due_at, s.supplement_requests
          from dossier_timeline s
          where ${statusIn('s', ALIVE)} and s.start_at < ${b.lastNextAt} and s.end_at >= ${b.firstNextAt}
            and ${at(sql`s.start_at`)} < ${at(sql`s.end_at`)})
        select ${keyCol} as key, ${at(sql`s.start_at`)} as alive_from, ${at(sql`s.end_at`)} as alive_until,
          ${dueColumns('s', sql`s.statutory_due_at`)}, ${states('s')}
        from s join dossiers d on d.id = s.dossier_id ${this.joinSector(by)}
        where ${this.scope(unitIds)}
        group by ${groupBy(5)}`,
        // Likewise it overestimates the straddling spans and would hash all the dossiers to join a few.
        ['enable_sort = off', 'enable_hashjoin = off', 'enable_mergejoin = off'],
      ),
      sql<Row>`
        select ${keyCol} as key, ${at(sql`s.start_at`)} as issued_in, count(*) as apologies_issued
        from dossier_timeline s join dossiers d on d.id = s.dossier_id ${this.joinSector(by)}
        where ${this.scope(unitIds)} and s.status = 'apology' and s.start_at >= ${b.firstFromAt} and s.start_at < ${b.lastNextAt}
        group by ${groupBy(2)}`.execute(this.db),
    ]);
    const lines = new Lines();
    const idx = (v: unknown) => (v === null || v === undefined ? null : Number(v));
    /** Adds `count` of `figure` to the periods in [from, until) (clipped to the series). */
    const over = (key: string | null, figure: keyof StatisticsCounts, from: number, until: number, count: unknown) => {
      for (let i = Math.max(from, 0); i < Math.min(until, k); i++) lines.add(i, key, figure, n(count));
    };
    for (const r of dossiers.rows) {
      const intake = idx(r.intakeIn);
      const closed = idx(r.closedIn);
      const returned = idx(r.returnedIn);
      if (intake !== null) {
        // In reach of period i when taken in by its end (intake ≤ i) and not closed before its start (closed ≥ i).
        const lastInReach = closed ?? k;
        over(r.key, 'carriedOver', intake + 1, lastInReach + 1, r.dossiers);
        if (intake <= lastInReach) for (const c of ['receivedOnline', 'receivedCounter', 'receivedPost'] as const) over(r.key, c, intake, intake + 1, r[c]);
        if (closed !== null && intake <= closed)
          for (const c of ['completed', 'completedEarly', 'completedLate', 'refused', 'stopped', 'withdrawn'] as const)
            over(r.key, c, closed, closed + 1, r[c]);
      }
      if (returned !== null) over(r.key, 'returned', returned, returned + 1, r.dossiers);
    }
    for (const r of [...dossiers.rows, ...spans.rows]) {
      const from = idx(r.aliveFrom);
      if (from === null) continue;
      const until = idx(r.aliveUntil) ?? k;
      const dueFrom = Math.max(from, idx(r.dueFrom) ?? k);
      const almostDue = idx(r.almostDueIn);
      for (const f of ['inProgress', 'pausedSupplement', 'pausedSupplementLate', 'pausedPayment', 'resultReadyNotCollected', 'awaitingReceipt'] as const)
        over(r.key, f, from, until, r[f]);
      over(r.key, 'inProgressOverdue', dueFrom, until, r.inProgress);
      over(r.key, 'pausedPaymentLate', dueFrom, until, r.pausedPaymentLate);
      if (almostDue !== null && almostDue >= from) over(r.key, 'inProgressAlmostDue', almostDue, Math.min(almostDue + 1, until), r.inProgress);
    }
    for (const r of apologies.rows) {
      const issued = idx(r.issuedIn);
      if (issued !== null) over(r.key, 'apologiesIssued', issued, issued + 1, r.apologiesIssued);
    }
    return lines.list();
  }

  /**
   * The dossiers a report over the periods may count (the union of the figures' conditions over all
   * periods), as bounds the planner can use on the statistics index.
   */
  private touching(b: ReturnType<DossierStatisticsRepository['outerBounds']>): RawBuilder<SqlBool> {
    return sql<SqlBool>`((d.intake_at < ${b.lastNextAt} and (d.closed_at is null or d.closed_at >= ${b.firstFromAt}))
          or (d.returned_at >= ${b.firstFromAt} and d.returned_at < ${b.lastNextAt})
          or (${statusIn('pos', ALIVE)} and d.position_since < ${b.lastNextAt}))`;
  }

  /**
   * The bounds of all the periods together, as constants the planner can use on the indexes (the join
   * with the periods table alone would leave it a scan of every row).
   */
  private outerBounds(periods: readonly StatisticsPeriod[]) {
    const min = (vs: string[]) => vs.reduce((a, v) => (v < a ? v : a));
    const max = (vs: string[]) => vs.reduce((a, v) => (v > a ? v : a));
    return {
      firstFromAt: this.instant(min(periods.map((p) => p.fromAt))),
      firstNextAt: this.instant(min(periods.map((p) => p.nextAt))),
      lastNextAt: this.instant(max(periods.map((p) => p.nextAt))),
    };
  }

  /** An instant as a parameter (typed on PostgreSQL). */
  private instant(v: string) {
    return this.pg ? sql`cast(${v} as timestamptz)` : sql`${v}`;
  }

  /** The periods as a constant table `p` (PostgreSQL needs the instants typed). */
  private periodsTable(periods: readonly StatisticsPeriod[]) {
    const rows = periods.map(
      (p, i) => sql`(${sql.lit(i)}, ${this.instant(p.fromAt)}, ${this.instant(p.toStartAt)}, ${this.instant(p.nextAt)}, ${this.instant(p.almostDueBefore)})`,
    );
    return sql`p (idx, from_at, to_start_at, next_at, almost_due_before) as (values ${sql.join(rows)})`;
  }

  /**
   * Scope: the agency's, the processing unit's or the current step's unit, as the lists have it. On SQLite
   * the columns carry a unary `+` so that the planner walks the covering statistics index instead of three
   * index searches that fetch every wide row (see DossierRepository's scope).
   */
  private scope(unitIds: readonly string[]): RawBuilder<SqlBool> {
    const plus = this.pg ? sql`` : sql`+`;
    const units = sql.join([...unitIds]);
    return sql<SqlBool>`(${plus}d.unit_id in (${units}) or ${plus}d.processing_unit_id in (${units}) or ${plus}d.current_unit_id in (${units}))`;
  }

  /** PostgreSQL refuses a constant in GROUP BY, so the total is grouped by period alone. */
  private groupBy(by: StatisticsDimension) {
    return by === 'total' ? sql`p.idx` : sql`p.idx, ${KEY[by]}`;
  }

  private joinSector(by: StatisticsDimension) {
    return by === 'sector' ? sql`left join procedures pr on pr.id = d.procedure_id` : sql``;
  }

  private async dossierCounts(unitIds: readonly string[], periods: readonly StatisticsPeriod[], by: StatisticsDimension, granularity: TimelinessGranularity) {
    const b = this.outerBounds(periods);
    const p = PERIOD_COLUMNS;
    const dialect = { pg: this.pg, granularity };
    const count = (figure: DossierFigure) => sql<number>`count(*) filter (where ${dossierFigure(figure, p, dialect)})`;
    const position = (figure: SpanFigure) => sql<number>`count(*) filter (where ${positionAlive(p)} and ${spanFigure(figure, p, 'pos')})`;
    const r = await this.run(sql<Record<string, unknown> & { period: number; key: string | null }>`
      with ${this.periodsTable(periods)}
      select p.idx as period, ${KEY[by]} as key,
        ${sql.join(ROW_FIGURES.map((f) => sql`${count(f)} as ${sql.ref(f)}`))},
        ${this.positionColumns(position)}
      from p join dossiers d on (${inReach(p)}) or (${returnedIn(p)}) or (${positionAlive(p)} and ${statusIn('pos', ALIVE)})
      ${this.joinSector(by)}
      where ${this.scope(unitIds)} and ${this.touching(b)}
      group by ${this.groupBy(by)}`);
    return r.rows;
  }

  private async spanCounts(unitIds: readonly string[], periods: readonly StatisticsPeriod[], by: StatisticsDimension) {
    const b = this.outerBounds(periods);
    const p = PERIOD_COLUMNS;
    const count = (figure: SpanFigure) => sql<number>`count(*) filter (where ${spanFigure(figure, p)})`;
    // The straddling spans are found first (few: most spans end before the next period end), and only they
    // are joined to their dossiers; joining first would fetch a dossier for every span of the periods.
    const r = await this.run(sql<Record<string, unknown> & { period: number; key: string | null }>`
      with ${this.periodsTable(periods)},
      s (idx, dossier_id, status, statutory_due_at, supplement_requests) as materialized (
        select p.idx, s.dossier_id, s.status, s.statutory_due_at, s.supplement_requests
        from p join dossier_timeline s on ${closedSpanAlive(p)}
        where ${statusIn('s', ALIVE)} and s.start_at < ${b.lastNextAt} and s.end_at >= ${b.firstNextAt})
      select p.idx as period, ${KEY[by]} as key, ${this.positionColumns(count)}
      from s
      join p on p.idx = s.idx
      join dossiers d on d.id = s.dossier_id
      ${this.joinSector(by)}
      where ${this.scope(unitIds)}
      group by ${this.groupBy(by)}`);
    return r.rows;
  }

  /** The position figures, each counted by `count` (on the open span `pos` or a closed span `s`). */
  private positionColumns(count: (figure: SpanFigure) => RawBuilder<number>) {
    return sql.join(POSITION_FIGURES.map((f) => sql`${count(f)} as ${sql.ref(f)}`));
  }

  /**
   * Runs a report query. On PostgreSQL without JIT: compiling the filtered aggregates costs about 0.2 s
   * per query, more than the index scans they make (bench/statistics.ts).
   */
  private async run<T>(query: RawBuilder<T>, settings: readonly string[] = []) {
    if (!this.pg) return query.execute(this.db);
    return this.db.transaction().execute(async (trx) => {
      for (const setting of ['jit = off', ...settings]) await sql.raw(`set local ${setting}`).execute(trx);
      return query.execute(trx);
    });
  }

  private async apologyCounts(unitIds: readonly string[], periods: readonly StatisticsPeriod[], by: StatisticsDimension) {
    const b = this.outerBounds(periods);
    const r = await sql<{ period: number; key: string | null; apologiesIssued: unknown }>`
      with ${this.periodsTable(periods)}
      select p.idx as period, ${KEY[by]} as key, count(*) as apologies_issued
      from p
      join dossier_timeline s on s.status = 'apology' and s.start_at >= p.from_at and s.start_at < p.next_at
      join dossiers d on d.id = s.dossier_id
      ${this.joinSector(by)}
      where ${this.scope(unitIds)} and s.status = 'apology' and s.start_at >= ${b.firstFromAt} and s.start_at < ${b.lastNextAt}
      group by ${this.groupBy(by)}`.execute(this.db);
    return r.rows;
  }

  /** Display names of the keys of a breakdown. */
  async names(by: StatisticsDimension, keys: readonly string[]): Promise<Map<string, string>> {
    if (keys.length === 0 || by === 'total') return new Map();
    const rows =
      by === 'unit'
        ? await this.db.selectFrom('units').select(['id as key', 'name']).where('id', 'in', keys).execute()
        : by === 'procedure'
          ? await this.db
              .selectFrom('procedures')
              .select(['id as key', sql<string>`code || ' – ' || name`.as('name')])
              .where('id', 'in', keys)
              .execute()
          : by === 'sector'
            ? await this.db.selectFrom('procedures').select(['sectorCode as key', 'sectorName as name']).distinct().where('sectorCode', 'in', keys).execute()
            : await this.db.selectFrom('users').select(['id as key', 'fullName as name']).where('id', 'in', keys).execute();
    return new Map(rows.map((r) => [r.key, r.name]));
  }
}
