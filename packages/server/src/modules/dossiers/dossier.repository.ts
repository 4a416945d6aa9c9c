import { escapeLike, foldVietnamese, instantAt, type DossierState, type LocalDate } from '@cchc/domain';
import { sql, type Expression, type RawBuilder, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import { isPostgres } from '../../platform/db/dialect';
import { QueryShapes } from '../../platform/db/query-shapes';
import type { DossierEventsTable, DossiersTable } from '../../platform/db/schema';
import {
  aliveAtEnd,
  DOSSIER_FIGURES,
  dossierFigure,
  IN_PROGRESS,
  LATE_COMPLETION,
  OPEN,
  overdueInProgress,
  spanFigure,
  statusIn,
  type DossierFigure,
  type PeriodBounds,
  type SpanFigure,
} from './dossier-counting';
import { timelineRows } from './dossier-timeline';
import type { DossierQueue } from './dossier.schemas';
import type { UnitTree } from '../../platform/units/unit-tree';

export type DossierRow = Selectable<DossiersTable>;
export type NewDossierRow = Insertable<DossiersTable>;
export type DossierPatch = Omit<Updateable<DossiersTable>, 'id' | 'version' | 'code'>;
export type DossierEventRow = Selectable<DossierEventsTable>;

/** The columns a list shows (copies of the state, written with it), without the state JSON itself. */
type ListColumn =
  | 'id'
  | 'code'
  | 'status'
  | 'channel'
  | 'clockRunning'
  | 'applicantName'
  | 'procedureId'
  | 'procedureCode'
  | 'procedureName'
  | 'receivedAt'
  | 'dueDate'
  | 'dueAt'
  | 'assigneeId';
/** A list's row: the list columns and the "almost due" days frozen into the dossier's policy at receipt. */
export type DossierListRow = Pick<DossierRow, ListColumn> & {
  almostDueWorkingDays: number | null;
  /** The value of the list's sort column, for the keyset cursor of the rows at the page's ends; absent in exports. */
  sortValue?: string | null;
  /** The page's queue columns (issue #13 item 4): who holds it and the current step's unit; absent in exports. */
  assigneeName?: string | null;
  currentUnitName?: string | null;
};

export interface DossierFilters {
  queue: DossierQueue;
  q?: string | undefined;
  status?: string | undefined;
  procedureId?: string | undefined;
  channel?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Drill-down from a statistics figure: its name, and the report's period as bounds (the service computes them). */
  figure?: ListFigure | undefined;
  figureBounds?: (PeriodBounds & { granularity: 'day' | 'minute' }) | undefined;
  decidingUnitId?: string | undefined;
  sectorCode?: string | undefined;
  officerId?: string | undefined;
}

/** A figure of the statistics a list can be narrowed to (the late ones add up several). */
export type ListFigure = DossierFigure | SpanFigure | 'paused_late' | 'late';

/** Dates a queue compares against: today, and the last day that still counts as "almost due". */
export interface QueueDays {
  today: LocalDate;
  /** The instant today starts (local midnight), for conditions on instants such as the statutory due moment. */
  todayStartAt: string;
  almostDueUntil: LocalDate;
  /** The acting user, for the "assigned to me" queue. */
  userId: string;
}

/** The dossiers table as the queries name it. */
type D = { d: DossiersTable };

/**
 * A keyset position (the queue list's cursor, docs/conventions.md#keyset-pages): the sort column's value and the
 * code of the row to continue from, and whether the page lies after or before it in the list's order.
 */
export interface Keyset {
  value: string | null;
  code: string;
  way: 'after' | 'before';
}

type Page = { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc'; deep?: boolean; keyset?: Keyset | undefined };

/** From this many rows on, a PostgreSQL page sorts its scope instead of walking a date index (`sortKey`). */
const DEEP_OFFSET = 1_000;

const SORT = { code: 'd.code', receivedAt: 'd.receivedAt', dueAt: 'd.dueAt', applicantName: 'd.applicantNameFolded' } as const;
/** The same keys on the union of a keyset page's two parts (`pageQuery`). */
const UNION_SORT = { code: 'u.code', receivedAt: 'u.receivedAt', dueAt: 'u.dueAt', applicantName: 'u.applicantNameFolded' } as const;
/** The same keys on the chosen page (`page`). */
const PAGE_SORT = { code: 'p.code', receivedAt: 'p.receivedAt', dueAt: 'p.dueAt', applicantName: 'p.applicantNameFolded' } as const;

/** Statuses the processing units work on (the desk's own queues are `to_receive` and supplement). */
const TO_PROCESS = ['received', 'processing'];

/** The statuses in which a dossier's clock can run (isClockRunning in the domain). */
const CLOCK_STATUSES = ['received', 'processing', 'awaiting_payment'];

const literals = (values: readonly string[]) => sql.join(values.map((v) => sql.lit(v)));

/**
 * A queue counter row (`c`, of `dossier_counts` or `dossier_due_counts`) is in the reader's scope exactly when its
 * dossiers are: it carries the three units a dossier's scope looks at ('' for a missing one).
 */
const counterInScope = (unitIds: readonly string[]) =>
  sql<SqlBool>`(c.unit_id in (${sql.join(unitIds)}) or c.processing_unit_id in (${sql.join(unitIds)}) or c.current_unit_id in (${sql.join(unitIds)}))`;

/**
 * The timed queues' conditions on a `dossier_due_counts` row (`c`), one definition for the tabs and the overview's
 * per-unit tiles. Each compares only the status, the clock and the due days with today, as `queueCondition` does on
 * a dossier; the statutory due instant is before today's local midnight exactly when its local day is before today.
 */
function dueCounterConditions(days: QueueDays): Record<'almost_due' | 'overdue' | 'due_today', RawBuilder<SqlBool>> {
  const running = sql<SqlBool>`c.clock_running = 1 and c.status in (${literals(CLOCK_STATUSES)})`;
  return {
    almost_due: sql<SqlBool>`${running} and c.due_day >= ${days.today} and c.due_day <= ${days.almostDueUntil}`,
    overdue: sql<SqlBool>`c.status in (${literals(IN_PROGRESS)}) and c.statutory_due_day <> '' and c.statutory_due_day < ${days.today}`,
    due_today: sql<SqlBool>`${running} and c.due_day = ${days.today}`,
  };
}

export class DossierRepository {
  /** SQLite plans the scope differently (see `scope`); PostgreSQL's planner has statistics to choose. */
  private readonly sqlite: boolean;

  /** The queue page's queries, compiled once per shape (`listWithCounts`). */
  private readonly shapes = new QueryShapes();

  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {
    this.sqlite = !isPostgres(db);
  }

  /**
   * Dossiers that pass through the given units: the implementing agency's, the processing unit's or
   * the unit of the step in progress. Scope is in SQL, like every list.
   *
   * On SQLite the three columns are marked with a unary `+` so that no index on them is used: without
   * statistics SQLite would answer the OR with three index searches and a fetch of every matching wide
   * row (the state JSON makes a row about a page), where one pass over the narrow covering index
   * `dossiers_queue_idx` answers the counts and the list's page without touching the rows.
   */
  private scope(eb: ExpressionBuilder<D, 'd'>, unitIds: readonly string[]): Expression<SqlBool> {
    const col = (c: 'd.unitId' | 'd.processingUnitId' | 'd.currentUnitId') => (this.sqlite ? sql<string>`+${eb.ref(c)}` : eb.ref(c));
    return eb.or([eb(col('d.unitId'), 'in', unitIds), eb(col('d.processingUnitId'), 'in', unitIds), eb(col('d.currentUnitId'), 'in', unitIds)]);
  }

  private scoped(db: Db, unitIds: readonly string[]) {
    return db.selectFrom('dossiers as d').where((eb) => this.scope(eb, unitIds));
  }

  private filtered(db: Db, unitIds: readonly string[], f: DossierFilters, days: QueueDays) {
    return this.scoped(db, unitIds).where((eb) => listCondition(eb, f, days, !this.sqlite));
  }

  /**
   * One page of a list. The page is chosen from the covering index, which holds the sort keys, the queue
   * columns and (SQLite, an indexed expression) the "almost due" days frozen into the dossier's policy; then
   * only the page's rows are joined for the short leading columns (ids, channel, names), so the state JSON
   * is neither read nor parsed.
   */
  private page(db: Db, unitIds: readonly string[], f: DossierFilters, days: QueueDays, page: Page): Promise<DossierListRow[]> {
    return this.pageQuery(db, unitIds, f, days, page).execute();
  }

  private pageQuery(db: Db, unitIds: readonly string[], f: DossierFilters, days: QueueDays, page: Page) {
    // The "almost due" days frozen into the policy: SQLite reads them from the covering index (an indexed
    // expression); PostgreSQL reads them from the page's own rows after the join, so that the walk choosing the
    // page stays an index-only scan of `dossiers_due_at_code_idx`, which carries the scope and queue columns.
    const almostDue = this.sqlite
      ? sql<number | null>`json_extract(d.state, '$.policy.almostDueWorkingDays')`
      : sql<number | null>`(t.state::json -> 'policy' ->> 'almostDueWorkingDays')::int`;
    // A page before a cursor is read backwards from it, then shown in the list's order.
    const scan = page.keyset?.way === 'before' ? (page.order === 'asc' ? 'desc' : 'asc') : page.order;
    const keys = (from?: (eb: ExpressionBuilder<D, 'd'>) => Expression<SqlBool>) =>
      this.filtered(db, unitIds, f, days)
        .$if(from !== undefined, (qb) => qb.where(from!))
        .select(['d.code', 'd.status', 'd.clockRunning', 'd.dueDate', 'd.dueAt', 'd.receivedAt', 'd.assigneeId', 'd.applicantNameFolded'])
        .$if(this.sqlite, (qb) => qb.select(almostDue.as('almostDueWorkingDays')))
        // SQLite: the row's rowid, which every index entry carries, so the page's rows are joined without a search by code.
        .$if(this.sqlite, (qb) => qb.select(sql<number>`d.rowid`.as('rid')))
        .orderBy(page.keyset ? SORT[page.sort] : this.sortKey(page), scan)
        .orderBy('d.code', scan)
        .limit(page.limit);
    const parts = page.keyset ? this.keysetParts(page.sort, scan, page.keyset) : [];
    // The union has the same columns as `keys` (typed as such: Kysely types a union's select differently).
    const chosen: ReturnType<typeof keys> =
      parts.length === 0
        ? keys().offset(page.offset)
        : parts.length === 1
          ? keys(parts[0])
          : (db
              .selectFrom(
                db
                  .selectFrom(keys(parts[0]).as('k0'))
                  .selectAll()
                  .unionAll(db.selectFrom(keys(parts[1]).as('k1')).selectAll())
                  .as('u'),
              )
              .selectAll()
              .orderBy(UNION_SORT[page.sort], scan)
              .orderBy('u.code', scan)
              .limit(page.limit) as unknown as ReturnType<typeof keys>);
    return db
      .selectFrom(chosen.as('p'))
      .innerJoin('dossiers as t', (j) => (this.sqlite ? j.on(sql<SqlBool>`t.rowid = p.rid`) : j.onRef('t.code', '=', 'p.code')))
      .leftJoin('users as au', 'au.id', 'p.assigneeId')
      .leftJoin('units as cu', 'cu.id', 't.currentUnitId')
      .select([
        't.id',
        'p.code',
        'p.status',
        't.channel',
        'p.clockRunning',
        't.applicantName',
        't.procedureId',
        't.procedureCode',
        't.procedureName',
        'p.receivedAt',
        'p.dueDate',
        'p.dueAt',
        'p.assigneeId',
      ])
      .select((this.sqlite ? sql<number | null>`p.almost_due_working_days` : almostDue).as('almostDueWorkingDays'))
      .select(['au.fullName as assigneeName', 'cu.name as currentUnitName', `${PAGE_SORT[page.sort]} as sortValue`])
      .orderBy(PAGE_SORT[page.sort], page.order)
      .orderBy('p.code', page.order);
  }

  /**
   * The rows past a keyset position in the scan's direction, as at most two conditions each read as one
   * index range: the (sort value, code) pairs beyond the position, and the rows without a sort value, which
   * PostgreSQL puts last in ascending order and SQLite first (each engine's own order, the one the pages use).
   */
  private keysetParts(sort: Page['sort'], scan: 'asc' | 'desc', k: Keyset): Array<(eb: ExpressionBuilder<D, 'd'>) => Expression<SqlBool>> {
    const cmp = scan === 'asc' ? '>' : '<';
    if (sort === 'code') return [(eb) => eb('d.code', cmp, k.code)];
    const col = SORT[sort];
    const nullsFirst = this.sqlite ? scan === 'asc' : scan === 'desc';
    if (k.value !== null) {
      const beyond = (eb: ExpressionBuilder<D, 'd'>) => sql<SqlBool>`(${eb.ref(col)}, ${eb.ref('d.code')}) ${sql.raw(cmp)} (${k.value}, ${k.code})`;
      return nullsFirst ? [beyond] : [beyond, (eb) => eb(col, 'is', null)];
    }
    const laterNulls = (eb: ExpressionBuilder<D, 'd'>) => eb.and([eb(col, 'is', null), eb('d.code', cmp, k.code)]);
    return nullsFirst ? [laterNulls, (eb) => eb(col, 'is not', null)] : [laterNulls];
  }

  /**
   * The page's sort column. On PostgreSQL a date sort is read in index order (`dossiers_due_at_code_idx`,
   * `dossiers_received_at_code_idx`), stopping after the page; past `DEEP_OFFSET` rows that walk would step
   * through the whole offset with a scope check each, so a deep page sorts the scope instead (the same order:
   * adding a zero interval only hides the column from the planner's index choice).
   */
  private sortKey(page: Page) {
    const col = SORT[page.sort];
    if (this.sqlite || !(page.deep ?? page.offset >= DEEP_OFFSET) || (page.sort !== 'dueAt' && page.sort !== 'receivedAt')) return col;
    return sql`${sql.ref(col)} + interval '0 seconds'`;
  }

  async list(unitIds: readonly string[], f: DossierFilters, days: QueueDays, page: Page): Promise<{ rows: DossierListRow[]; total: number }> {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const [rows, count] = await Promise.all([
      this.page(this.db, unitIds, f, days, page),
      this.filtered(this.db, unitIds, f, days)
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /**
   * The queue page: the page's rows, the list's total and every queue's count. The counts come from two small
   * queries (`countersQuery`, `timedQuery`): the counters of the dossiers in scope by status, and one pass over the active
   * dossiers in scope for the queues that depend on today or on the reader. The total is its queue's count
   * unless the list is filtered, when one more query counts the filtered list.
   */
  async listWithCounts(
    unitIds: readonly string[],
    f: DossierFilters,
    days: QueueDays,
    page: Page,
  ): Promise<{ rows: DossierListRow[]; total: number; counts: Record<DossierQueue, number> }> {
    if (unitIds.length === 0) return { rows: [], total: 0, counts: zeroCounts() };
    const filtered = !!(f.status || f.procedureId || f.channel || f.from || f.to || f.q || f.figure || f.decidingUnitId || f.sectorCode || f.officerId);
    if (f.q || f.figure || f.decidingUnitId || f.sectorCode || f.officerId) {
      // Searches and drill-downs from the statistics are built for each request, not compiled once per shape.
      const [rows, counts, total] = await Promise.all([this.page(this.db, unitIds, f, days, page), this.counts(unitIds, days), this.total(unitIds, f, days)]);
      return { rows, total, counts };
    }
    // Without a search (the page as it opens, a tab, a filter) the queries are compiled once per shape.
    const args = {
      units: unitIds,
      ...days,
      status: f.status,
      procedureId: f.procedureId,
      channel: f.channel,
      from: f.from,
      to: f.to,
      limit: page.limit,
      offset: page.offset,
      keyValue: page.keyset?.value,
      keyCode: page.keyset?.code,
    };
    type Args = typeof args;
    const filters = (a: Args): DossierFilters => ({ queue: f.queue, status: a.status, procedureId: a.procedureId, channel: a.channel, from: a.from, to: a.to });
    const daysOf = (a: Args): QueueDays => ({ today: a.today, todayStartAt: a.todayStartAt, almostDueUntil: a.almostDueUntil, userId: a.userId });
    // A deep page is another shape (`sortKey`): the builder sees its offset only through that flag.
    const deep = page.offset >= DEEP_OFFSET;
    // A keyset page's shape: which way, and whether its position has a sort value (`keysetParts`).
    const k = page.keyset;
    const keyShape = k ? `${k.way}:${k.value === null ? 'null' : 'value'}` : 'offset';
    const pageQuery = this.shapes.compile(`page:${f.queue}:${page.sort}:${page.order}:${deep ? 'deep' : 'top'}:${keyShape}`, args, (a) =>
      this.pageQuery(this.db, a.units, filters(a), daysOf(a), {
        limit: a.limit,
        offset: a.offset,
        sort: page.sort,
        order: page.order,
        deep,
        keyset: k ? { way: k.way, value: k.value === null ? null : a.keyValue!, code: a.keyCode! } : undefined,
      }),
    );
    const countArgs = { units: unitIds, ...days };
    const counters = this.shapes.compile('counters', { units: unitIds }, (a) => this.countersQuery(a.units));
    const timed = this.shapes.compile('timed', countArgs, (a) => this.timedQuery(a.units, a));
    const totalQuery = filtered
      ? this.shapes.compile(`total:${f.queue}`, args, (a) =>
          this.filtered(this.db, a.units, filters(a), daysOf(a)).select((eb) => eb.fn.countAll<number | string>().as('n')),
        )
      : null;
    const [rows, counterRows, timedRows, totalRows] = await Promise.all([
      this.db.executeQuery<DossierListRow>(pageQuery),
      this.db.executeQuery<CounterRow>(counters),
      this.db.executeQuery<TimedRow>(timed),
      totalQuery ? this.db.executeQuery<{ n: number | string }>(totalQuery) : null,
    ]);
    const counts = countsOf(counterRows.rows, timedRows.rows[0]!);
    return { rows: rows.rows, total: totalRows ? Number(totalRows.rows[0]!.n) : counts[f.queue], counts };
  }

  /** How many dossiers the filtered list holds. */
  private async total(unitIds: readonly string[], f: DossierFilters, days: QueueDays): Promise<number> {
    const r = await this.filtered(this.db, unitIds, f, days)
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Every matching row for an export, capped. */
  async listAll(unitIds: readonly string[], f: DossierFilters, days: QueueDays, limit: number): Promise<DossierRow[]> {
    if (unitIds.length === 0) return [];
    return this.filtered(this.db, unitIds, f, days).selectAll('d').orderBy('d.receivedAt', 'desc').orderBy('d.code').limit(limit).execute();
  }

  /** How many dossiers each queue holds, for the tabs: one query. */
  async queueCounts(unitIds: readonly string[], days: QueueDays): Promise<Record<DossierQueue, number>> {
    if (unitIds.length === 0) return zeroCounts();
    return this.counts(unitIds, days);
  }

  /**
   * The overview's dossier tiles per unit (docs/overview.md): the `open`, `overdue`, `due_today` and
   * `almost_due` queues, grouped by the unit that processes the dossier (the agency's when none is set). Every
   * dossier falls in one group, so the groups add up to the queue's count in the list. Read from the queue
   * counters as the tabs are (`countersQuery`, `timedQuery`): `open` from `dossier_counts` by status, the three
   * timed tiles from `dossier_due_counts` with the timed queues' own conditions on the due days; a counter row
   * carries the processing unit ('' when none), so it groups exactly as its dossiers would.
   */
  async overviewByUnit(unitIds: readonly string[], days: QueueDays): Promise<Array<{ unitId: string } & Record<OverviewQueue, number>>> {
    if (unitIds.length === 0) return [];
    const inScope = counterInScope(unitIds);
    const due = dueCounterConditions(days);
    const unit = sql<string>`case when c.processing_unit_id = '' then c.unit_id else c.processing_unit_id end`;
    const sum = (condition: Expression<SqlBool>) => sql`coalesce(sum(c.n) filter (where ${condition}), 0)`;
    // The camel-case plugin hands the columns back as `unitId`, `dueToday`, `almostDue`.
    const rows = await sql<{ unitId: string; open: number | string; overdue: number | string; dueToday: number | string; almostDue: number | string }>`
      select u.unit_id, sum(u.open) as open, sum(u.overdue) as overdue, sum(u.due_today) as due_today, sum(u.almost_due) as almost_due
      from (
        select ${unit} as unit_id, sum(c.n) as open, 0 as overdue, 0 as due_today, 0 as almost_due
          from dossier_counts c where ${inScope} and c.status in (${literals(OPEN)}) group by ${unit}
        union all
        select ${unit} as unit_id, 0 as open, ${sum(due.overdue)} as overdue, ${sum(due.due_today)} as due_today, ${sum(due.almost_due)} as almost_due
          from dossier_due_counts c where ${inScope} group by ${unit}
      ) u group by u.unit_id`.execute(this.db);
    return rows.rows
      .map((r) => ({
        unitId: r.unitId,
        open: Number(r.open),
        overdue: Number(r.overdue),
        due_today: Number(r.dueToday),
        almost_due: Number(r.almostDue),
      }))
      .filter((r) => OVERVIEW_QUEUES.some((q) => r[q] > 0));
  }

  /**
   * Dossiers whose processing ended in each month of `year` (local months, UTC+7) and how many of them
   * late: the same "late" as the PAR metrics (end of processing after the statutory due moment).
   */
  async completionsByMonth(unitIds: readonly string[], year: number): Promise<Array<{ month: number; completed: number; late: number }>> {
    if (unitIds.length === 0) return [];
    const start = (m: number) => instantAt(`${m === 13 ? year + 1 : year}-${String(m === 13 ? 1 : m).padStart(2, '0')}-01` as LocalDate, 0);
    // The local month (UTC+7) of the end of processing; grouped by it, not one filtered count per month.
    const month = this.sqlite
      ? sql<number>`cast(strftime('%m', d.end_of_processing_at, '+7 hours') as integer)`
      : sql<number>`cast(extract(month from (d.end_of_processing_at at time zone 'UTC') + interval '7 hours') as integer)`;
    const rows = await this.scoped(this.db, unitIds)
      .select((eb) => [
        month.as('month'),
        eb.fn.countAll<number | string>().as('completed'),
        eb.fn.countAll<number | string>().filterWhere(LATE_COMPLETION).as('late'),
      ])
      .where('d.endOfProcessingAt', '>=', start(1))
      .where('d.endOfProcessingAt', '<', start(13))
      .groupBy(month)
      .execute();
    const byMonth = new Map(rows.map((r) => [Number(r.month), r]));
    return Array.from({ length: 12 }, (_, i) => ({
      month: i + 1,
      completed: Number(byMonth.get(i + 1)?.completed ?? 0),
      late: Number(byMonth.get(i + 1)?.late ?? 0),
    }));
  }

  /** Every queue's count over the units' dossiers (`countsOf`). */
  private async counts(unitIds: readonly string[], days: QueueDays): Promise<Record<DossierQueue, number>> {
    const [counters, timed] = await Promise.all([this.countersQuery(unitIds).execute(), this.timedQuery(unitIds, days).executeTakeFirstOrThrow()]);
    return countsOf(counters, timed);
  }

  /**
   * The counters (`dossier_counts`, kept by triggers: dossier-counts.ts) of the dossiers in scope, by status and
   * whether someone holds the dossier. A counter row carries the three units a dossier's scope looks at, so a
   * dossier is in scope exactly when its row is; the table holds one row per combination, not per dossier.
   */
  private countersQuery(unitIds: readonly string[]) {
    return this.db
      .selectFrom('dossierCounts as c')
      .where(counterInScope(unitIds))
      .select((eb) => ['c.status', 'c.assigned', eb.fn.sum<number | string>('c.n').as('n')])
      .groupBy(['c.status', 'c.assigned']);
  }

  /**
   * The queues that depend on today or on the reader (`TIMED`). "Overdue", "due today" and "almost due" add up
   * the counters of the active dossiers in scope by due day (`dossier_due_counts`, migration 20261209030000):
   * each of their conditions implies an active status and compares only the status, the clock and the due days
   * with today, so the sums over the few counter rows whose days fall in range equal the lists' counts (a test
   * ties each to its list). The statutory due instant is before today's local midnight exactly when its local
   * day is before today. "Mine" counts the reader's own active dossiers by the assignee index.
   */
  private timedQuery(unitIds: readonly string[], days: QueueDays) {
    const mine = this.scoped(this.db, unitIds)
      .where((eb) => queueCondition(eb, 'mine', days)!)
      .select((eb) => eb.fn.countAll<number | string>().as('n'));
    const due = dueCounterConditions(days);
    const sum = (condition: Expression<SqlBool>) => sql<number | string | null>`sum(c.n) filter (where ${condition})`;
    return this.db
      .selectFrom('dossierDueCounts as c')
      .where(counterInScope(unitIds))
      .select([mine.as('t0'), sum(due.almost_due).as('t1'), sum(due.overdue).as('t2'), sum(due.due_today).as('t3')]);
  }

  findById(id: string, db: Db = this.db): Promise<DossierRow | undefined> {
    return db.selectFrom('dossiers').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findByCode(code: string, db: Db = this.db): Promise<DossierRow | undefined> {
    return db.selectFrom('dossiers').selectAll().where('code', '=', code).executeTakeFirst();
  }

  async insert(trx: Db, row: NewDossierRow): Promise<void> {
    await trx.insertInto('dossiers').values(row).execute();
    await this.writeTimeline(trx, row.id, row.state);
  }

  /**
   * Rewrites the dossier's timeline from the state just written, in the writer's transaction, so the
   * statistics never see a state without its timeline (dossier-timeline.ts). The JSON is the one the
   * caller has just serialised from a `DossierState`.
   */
  private async writeTimeline(trx: Db, dossierId: string, stateJson: string): Promise<void> {
    await trx.deleteFrom('dossierTimeline').where('dossierId', '=', dossierId).execute();
    const rows = timelineRows(dossierId, JSON.parse(stateJson) as DossierState);
    for (let i = 0; i < rows.length; i += 100)
      await trx
        .insertInto('dossierTimeline')
        .values(rows.slice(i, i + 100))
        .execute();
  }

  /** Writes a new state if nobody changed the row since `version` was read; false when someone did. */
  async update(trx: Db, id: string, version: number, patch: DossierPatch): Promise<boolean> {
    const r = await trx
      .updateTable('dossiers')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return false;
    if (patch.state !== undefined) await this.writeTimeline(trx, id, patch.state);
    return true;
  }

  async appendEvent(trx: Db, e: Omit<DossierEventRow, 'seq'>): Promise<void> {
    const last = await trx
      .selectFrom('dossierEvents')
      .select(sql<number | null>`max(seq)`.as('m'))
      .where('dossierId', '=', e.dossierId)
      .executeTakeFirst();
    await trx
      .insertInto('dossierEvents')
      .values({ ...e, seq: Number(last?.m ?? 0) + 1 })
      .execute();
  }

  events(dossierId: string, db: Db = this.db): Promise<DossierEventRow[]> {
    return db.selectFrom('dossierEvents').selectAll().where('dossierId', '=', dossierId).orderBy('seq').execute();
  }

  /**
   * The next number of the agency's daily sequence. The upsert takes the row lock on PostgreSQL and
   * runs inside SQLite's single writer, so two concurrent receipts never get the same number.
   */
  async nextSequence(trx: Db, agencyCode: string, day: LocalDate): Promise<number> {
    const r = await trx
      .insertInto('dossierSequences')
      .values({ agencyCode, day, lastSeq: 1 })
      .onConflict((oc) => oc.columns(['agencyCode', 'day']).doUpdateSet({ lastSeq: sql<number>`dossier_sequences.last_seq + 1` }))
      .returning('lastSeq')
      .executeTakeFirstOrThrow();
    return Number(r.lastSeq);
  }

  /** The agency identifier (units.code) of the unit or its nearest ancestor that has one. */
  async agencyCodeOf(unitId: string, db: Db = this.db): Promise<string | null> {
    let id: string | null = unitId;
    for (let depth = 0; id && depth < 20; depth++) {
      const u: { code: string | null; parentId: string | null } | undefined = await db
        .selectFrom('units')
        .select(['code', 'parentId'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!u) return null;
      if (u.code) return u.code;
      id = u.parentId;
    }
    return null;
  }

  async unitName(unitId: string, db: Db = this.db): Promise<string | null> {
    const u = await db.selectFrom('units').select('name').where('id', '=', unitId).executeTakeFirst();
    return u?.name ?? null;
  }

  async procedureVersion(versionId: string, db: Db = this.db) {
    return db.selectFrom('procedureVersions').select(['id', 'versionNo', 'content']).where('id', '=', versionId).executeTakeFirst();
  }

  async userName(userId: string, db: Db = this.db): Promise<string | null> {
    const u = await db.selectFrom('users').select('fullName').where('id', '=', userId).executeTakeFirst();
    return u?.fullName ?? null;
  }

  /**
   * Active users who may process a dossier of these units: they hold a processing role on one of the
   * units or on an ancestor (a grant covers the unit and everything below it).
   */
  async assignees(
    unitIds: readonly string[],
    roles: readonly string[],
    db: Db = this.db,
  ): Promise<Array<{ id: string; fullName: string; unitName: string | null }>> {
    if (unitIds.length === 0) return [];
    const covering = await this.tree.ancestorsOfAny(unitIds, db);
    if (covering.length === 0) return [];
    const r = await sql<{ id: string; fullName: string; unitName: string | null }>`
      select distinct us.id, us.full_name, un.name as unit_name
      from users us
      join role_assignments ra on ra.user_id = us.id
      left join units un on un.id = us.unit_id
      where us.is_active = 1 and ra.role in (${sql.join(roles)}) and ra.unit_id in (${sql.join(covering)})
      order by us.full_name`.execute(db);
    return r.rows;
  }

  async rating(dossierId: string, db: Db = this.db) {
    return db.selectFrom('dossierRatings').select(['overall', 'comment', 'createdAt']).where('dossierId', '=', dossierId).executeTakeFirst();
  }

  /** A unit and every unit below it. */
  subtree(unitId: string, db: Db = this.db) {
    return this.tree.subtreeUnits(unitId, db);
  }

  async unitNames(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}

const QUEUES: readonly DossierQueue[] = [
  'mine',
  'to_receive',
  'to_process',
  'awaiting_supplement',
  'almost_due',
  'overdue',
  'all',
  'open',
  'due_today',
  'to_assign',
  'result_ready',
];

/** The overview's dossier tiles, each the list's queue of the same name. */
export const OVERVIEW_QUEUES = ['open', 'overdue', 'due_today', 'almost_due'] as const satisfies readonly DossierQueue[];
export type OverviewQueue = (typeof OVERVIEW_QUEUES)[number];

export { LATE_COMPLETION } from './dossier-counting';

/**
 * The "Chờ bổ sung" queue: dossiers waiting for the applicant to add papers, during processing (the clock paused)
 * or before receipt (an online filing sent back to be completed, docs/domain/dossiers.md#completion-before-receipt).
 */
const AWAITING_APPLICANT: string[] = ['awaiting_supplement', 'awaiting_completion'];

/** Queues that depend on today or on the reader: counted from the dossiers, never from counters. */
const TIMED = ['mine', 'almost_due', 'overdue', 'due_today'] as const satisfies readonly DossierQueue[];

/**
 * The other queues, which depend only on a dossier's status and whether someone holds it: counted from the
 * counters. Each is `queueCondition` written on a counter row (a test ties every queue's count to its list).
 */
const COUNTED: Record<Exclude<DossierQueue, (typeof TIMED)[number]>, (status: string, assigned: boolean) => boolean> = {
  all: () => true,
  to_receive: (s) => s === 'submitted',
  to_process: (s) => TO_PROCESS.includes(s),
  awaiting_supplement: (s) => AWAITING_APPLICANT.includes(s),
  open: (s) => (OPEN as readonly string[]).includes(s),
  to_assign: (s, assigned) => TO_PROCESS.includes(s) && !assigned,
  result_ready: (s) => s === 'result_ready',
};

type CounterRow = { status: string; assigned: number | string; n: number | string | null };
type TimedRow = Record<string, number | string | null>;

function countsOf(counters: readonly CounterRow[], timed: TimedRow): Record<DossierQueue, number> {
  const counts = zeroCounts();
  for (const r of counters)
    for (const [queue, holds] of Object.entries(COUNTED)) if (holds(r.status, Number(r.assigned) === 1)) counts[queue as DossierQueue] += Number(r.n ?? 0);
  TIMED.forEach((queue, i) => (counts[queue] = Number(timed[`t${i}`] ?? 0)));
  return counts;
}

const zeroCounts = () => Object.fromEntries(QUEUES.map((q) => [q, 0])) as Record<DossierQueue, number>;

/** What puts a dossier in a queue; null for "all". The counts and the lists share it. */
export function queueCondition(eb: ExpressionBuilder<D, 'd'>, queue: DossierQueue, days: QueueDays): Expression<SqlBool> | null {
  switch (queue) {
    case 'mine':
      return eb.and([eb('d.assigneeId', '=', days.userId), eb('d.status', 'in', [...TO_PROCESS, 'awaiting_supplement', 'awaiting_payment'])]);
    case 'to_receive':
      return eb('d.status', '=', 'submitted');
    case 'to_process':
      return eb('d.status', 'in', TO_PROCESS);
    case 'awaiting_supplement':
      return eb('d.status', 'in', AWAITING_APPLICANT);
    // A running clock means received, processing or a payment wait that does not stop it (isClockRunning):
    // written out, so the queue's count reads only active dossiers (`timedQuery`) with the same meaning.
    case 'almost_due':
      return eb.and([
        eb('d.clockRunning', '=', 1),
        statusIn('d', CLOCK_STATUSES),
        eb('d.dueDate', '>=', days.today),
        eb('d.dueDate', '<=', days.almostDueUntil),
      ]);
    case 'overdue':
      return overdueInProgress('d', days.todayStartAt);
    case 'due_today':
      return eb.and([eb('d.clockRunning', '=', 1), statusIn('d', CLOCK_STATUSES), eb('d.dueDate', '=', days.today)]);
    case 'open':
      return eb('d.status', 'in', [...OPEN]);
    // Issue #13 item 4: "Chờ phân công", in process and held by no one (a unit's queue), for division heads;
    // "Chờ trả kết quả", the result ready for the desk to return.
    case 'to_assign':
      return eb.and([eb('d.status', 'in', TO_PROCESS), eb('d.assigneeId', 'is', null)]);
    case 'result_ready':
      return eb('d.status', '=', 'result_ready');
    case 'all':
      return null;
  }
}

/** The queue and the filters of a list. */
function listCondition(eb: ExpressionBuilder<D, 'd'>, f: DossierFilters, days: QueueDays, pg: boolean): Expression<SqlBool> {
  const terms: Array<Expression<SqlBool>> = [];
  const queue = queueCondition(eb, f.queue, days);
  if (queue) terms.push(queue);
  if (f.status) terms.push(eb('d.status', '=', f.status));
  if (f.procedureId) terms.push(eb('d.procedureId', '=', f.procedureId));
  if (f.channel) terms.push(eb('d.channel', '=', f.channel));
  if (f.from) terms.push(eb('d.receivedOn', '>=', f.from));
  if (f.to) terms.push(eb('d.receivedOn', '<=', f.to));
  if (f.figure && f.figureBounds) terms.push(figureCondition(f.figure, f.figureBounds, pg));
  if (f.decidingUnitId) terms.push(sql<SqlBool>`coalesce(d.processing_unit_id, d.unit_id) = ${f.decidingUnitId}`);
  if (f.sectorCode) terms.push(sql<SqlBool>`d.procedure_id in (select id from procedures where sector_code = ${f.sectorCode})`);
  if (f.officerId) terms.push(f.officerId === 'none' ? eb('d.assigneeId', 'is', null) : eb('d.assigneeId', '=', f.officerId));
  if (f.q) {
    const pattern = `%${escapeLike(foldVietnamese(f.q))}%`;
    const codePattern = `%${escapeLike(f.q.toLowerCase())}%`;
    const either = [
      sql<SqlBool>`${eb.ref('d.applicantNameFolded')} like ${pattern} escape '\\'`,
      sql<SqlBool>`lower(${eb.ref('d.code')}) like ${codePattern} escape '\\'`,
    ];
    // Issue #13 item 11: the header search finds a dossier by the applicant's ID number or tax code too. Only a
    // query that looks like one (digits, a tax code's -NNN) reads the applicant JSON, as a prefix.
    const digits = f.q.replace(/\s+/g, '');
    if (/^\d{6,13}(-\d{0,3})?$/.test(digits)) {
      const prefix = `${digits}%`;
      const field = (name: 'idNumber' | 'taxCode') =>
        pg ? sql<string>`(d.applicant::json ->> ${sql.lit(name)})` : sql<string>`json_extract(d.applicant, ${sql.lit(`$.${name}`)})`;
      either.push(sql<SqlBool>`${field('idNumber')} like ${prefix}`, sql<SqlBool>`${field('taxCode')} like ${prefix}`);
    }
    terms.push(eb.or(either));
  }
  return eb.and(terms);
}

/**
 * The statistics' condition for one figure (dossier-counting.ts), so the list a figure opens holds exactly the
 * dossiers it counts: row figures on the dossier, position figures on the timeline span alive at the end.
 */
function figureCondition(figure: ListFigure, b: PeriodBounds & { granularity: 'day' | 'minute' }, pg: boolean): Expression<SqlBool> {
  const dialect = { pg, granularity: b.granularity };
  const alive = (f: SpanFigure) =>
    sql<SqlBool>`exists (select 1 from dossier_timeline s where s.dossier_id = d.id and ${aliveAtEnd(b)} and ${spanFigure(f, b)})`;
  if (figure === 'paused_late') return sql<SqlBool>`(${alive('paused_supplement_late')} or ${alive('paused_payment_late')})`;
  if (figure === 'late')
    return sql<SqlBool>`(${dossierFigure('completed_late', b, dialect)} or ${alive('in_progress_overdue')} or ${alive('paused_supplement_late')} or ${alive('paused_payment_late')})`;
  if ((DOSSIER_FIGURES as readonly string[]).includes(figure)) return dossierFigure(figure as DossierFigure, b, dialect);
  return alive(figure as SpanFigure);
}
