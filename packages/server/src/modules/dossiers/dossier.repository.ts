import { escapeLike, foldVietnamese, instantAt, type DossierState, type LocalDate } from '@cchc/domain';
import { sql, type Expression, type ExpressionBuilder, type Insertable, type Selectable, type SqlBool, type Updateable } from 'kysely';
import type { Db } from '../../platform/db/database';
import { isPostgres } from '../../platform/db/dialect';
import { QueryShapes } from '../../platform/db/query-shapes';
import type { DossierEventsTable, DossiersTable } from '../../platform/db/schema';
import {
  aliveAtEnd,
  DOSSIER_FIGURES,
  dossierFigure,
  LATE_COMPLETION,
  OPEN,
  overdueInProgress,
  spanFigure,
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

type Page = { limit: number; offset: number; sort: keyof typeof SORT; order: 'asc' | 'desc'; deep?: boolean };

/** From this many rows on, a PostgreSQL page sorts its scope instead of walking a date index (`sortKey`). */
const DEEP_OFFSET = 1_000;

const SORT = { code: 'd.code', receivedAt: 'd.receivedAt', dueAt: 'd.dueAt', applicantName: 'd.applicantNameFolded' } as const;
/** The same keys on the chosen page (`page`). */
const PAGE_SORT = { code: 'p.code', receivedAt: 'p.receivedAt', dueAt: 'p.dueAt', applicantName: 'p.applicantNameFolded' } as const;

/** Statuses the processing units work on (the desk's own queues are `to_receive` and supplement). */
const TO_PROCESS = ['received', 'processing'];

export class DossierRepository {
  /** SQLite plans the scope differently (see `scope`); PostgreSQL's planner has statistics to choose. */
  private readonly sqlite: boolean;

  /** The queue page's two queries, compiled once per shape (`listWithCounts`). */
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
    const almostDue = this.sqlite
      ? sql<number | null>`json_extract(d.state, '$.policy.almostDueWorkingDays')`
      : sql<number | null>`(d.state::json -> 'policy' ->> 'almostDueWorkingDays')::int`;
    const keys = this.filtered(db, unitIds, f, days)
      .select(['d.code', 'd.status', 'd.clockRunning', 'd.dueDate', 'd.dueAt', 'd.receivedAt', 'd.assigneeId', 'd.applicantNameFolded'])
      .select(almostDue.as('almostDueWorkingDays'))
      .orderBy(this.sortKey(page), page.order)
      .orderBy('d.code', page.order)
      .limit(page.limit)
      .offset(page.offset);
    return db
      .selectFrom(keys.as('p'))
      .innerJoin('dossiers as t', 't.code', 'p.code')
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
        'p.almostDueWorkingDays',
      ])
      .select(['au.fullName as assigneeName', 'cu.name as currentUnitName'])
      .orderBy(PAGE_SORT[page.sort], page.order)
      .orderBy('p.code', page.order);
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
   * The queue page in two queries: the page's rows, and one pass over the dossiers in scope that counts
   * every queue and the list's total together (conditional aggregates, `count(*) filter (where …)` on
   * both engines).
   */
  async listWithCounts(
    unitIds: readonly string[],
    f: DossierFilters,
    days: QueueDays,
    page: Page,
  ): Promise<{ rows: DossierListRow[]; total: number; counts: Record<DossierQueue, number> }> {
    if (unitIds.length === 0) return { rows: [], total: 0, counts: zeroCounts() };
    if (f.q || f.figure || f.decidingUnitId || f.sectorCode || f.officerId) {
      // Searches and drill-downs from the statistics are built for each request, not compiled once per shape.
      const [rows, { counts, total }] = await Promise.all([this.page(this.db, unitIds, f, days, page), this.counts(unitIds, days, f)]);
      return { rows, total, counts };
    }
    // Without a search (the page as it opens, a tab, a filter) both queries are compiled once per shape.
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
    };
    type Args = typeof args;
    const filters = (a: Args): DossierFilters => ({ queue: f.queue, status: a.status, procedureId: a.procedureId, channel: a.channel, from: a.from, to: a.to });
    const daysOf = (a: Args): QueueDays => ({ today: a.today, todayStartAt: a.todayStartAt, almostDueUntil: a.almostDueUntil, userId: a.userId });
    // A deep page is another shape (`sortKey`): the builder sees its offset only through that flag.
    const deep = page.offset >= DEEP_OFFSET;
    const pageQuery = this.shapes.compile(`page:${f.queue}:${page.sort}:${page.order}:${deep ? 'deep' : 'top'}`, args, (a) =>
      this.pageQuery(this.db, a.units, filters(a), daysOf(a), { limit: a.limit, offset: a.offset, sort: page.sort, order: page.order, deep }),
    );
    const countsQuery = this.shapes.compile(`counts:${f.queue}`, args, (a) => this.countsQuery(a.units, daysOf(a), filters(a)));
    const [rows, countRows] = await Promise.all([this.db.executeQuery<DossierListRow>(pageQuery), this.db.executeQuery<CountsRow>(countsQuery)]);
    const { counts, total } = countsOf(countRows.rows[0]!);
    return { rows: rows.rows, total, counts };
  }

  /** Every matching row for an export, capped. */
  async listAll(unitIds: readonly string[], f: DossierFilters, days: QueueDays, limit: number): Promise<DossierRow[]> {
    if (unitIds.length === 0) return [];
    return this.filtered(this.db, unitIds, f, days).selectAll('d').orderBy('d.receivedAt', 'desc').orderBy('d.code').limit(limit).execute();
  }

  /** How many dossiers each queue holds, for the tabs: one query. */
  async queueCounts(unitIds: readonly string[], days: QueueDays): Promise<Record<DossierQueue, number>> {
    if (unitIds.length === 0) return zeroCounts();
    return (await this.counts(unitIds, days)).counts;
  }

  /**
   * The overview's dossier tiles per unit (docs/overview.md): the `open`, `overdue`, `due_today` and
   * `almost_due` queues' own conditions, grouped by the unit that processes the dossier (the agency's when
   * none is set). Every dossier falls in one group, so the groups add up to the queue's count in the list.
   * Every tile's condition implies an open status (a running clock is received, processing or a payment
   * wait), so only open dossiers are read: the queue index's first column, not the whole table.
   */
  async overviewByUnit(unitIds: readonly string[], days: QueueDays): Promise<Array<{ unitId: string } & Record<OverviewQueue, number>>> {
    if (unitIds.length === 0) return [];
    const unit = sql<string>`coalesce(d.processing_unit_id, d.unit_id)`;
    const rows = await this.scoped(this.db, unitIds)
      .where('d.status', 'in', [...OPEN])
      .select((eb) => [
        unit.as('unitId'),
        ...OVERVIEW_QUEUES.map((q) =>
          eb.fn
            .countAll<number | string>()
            .filterWhere(queueCondition(eb, q, days)!)
            .as(q),
        ),
      ])
      .groupBy(unit)
      .execute();
    // The plugin hands the aliases back in camelCase (`due_today` → `dueToday`).
    const camel = (q: OverviewQueue) => q.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
    return rows
      .map((r) => ({
        unitId: r.unitId,
        ...(Object.fromEntries(OVERVIEW_QUEUES.map((q) => [q, Number((r as Record<string, unknown>)[camel(q)] ?? 0)])) as Record<OverviewQueue, number>),
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

  private async counts(unitIds: readonly string[], days: QueueDays, f?: DossierFilters): Promise<{ counts: Record<DossierQueue, number>; total: number }> {
    return countsOf(await this.countsQuery(unitIds, days, f).executeTakeFirstOrThrow());
  }

  private countsQuery(unitIds: readonly string[], days: QueueDays, f?: DossierFilters) {
    return this.scoped(this.db, unitIds).select((eb) => [
      ...QUEUES.map((queue, i) => {
        const cond = queueCondition(eb, queue, days);
        return (cond ? eb.fn.countAll<number | string>().filterWhere(cond) : eb.fn.countAll<number | string>()).as(`q${i}`);
      }),
      (f ? eb.fn.countAll<number | string>().filterWhere(listCondition(eb, f, days, !this.sqlite)) : eb.fn.countAll<number | string>()).as('total'),
    ]);
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

/** The counts query's row: `q0`… per queue (in QUEUES order) and `total`. */
type CountsRow = Record<string, number | string | null>;

function countsOf(row: CountsRow): { counts: Record<DossierQueue, number>; total: number } {
  const counts = Object.fromEntries(QUEUES.map((q, i) => [q, Number(row[`q${i}`] ?? 0)])) as Record<DossierQueue, number>;
  return { counts, total: Number(row.total ?? 0) };
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
      return eb('d.status', '=', 'awaiting_supplement');
    case 'almost_due':
      return eb.and([eb('d.clockRunning', '=', 1), eb('d.dueDate', '>=', days.today), eb('d.dueDate', '<=', days.almostDueUntil)]);
    case 'overdue':
      return overdueInProgress('d', days.todayStartAt);
    case 'due_today':
      return eb.and([eb('d.clockRunning', '=', 1), eb('d.dueDate', '=', days.today)]);
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
