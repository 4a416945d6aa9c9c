import { escapeLike, foldVietnamese } from '@cchc/domain';
import { sql, type ExpressionBuilder, type Selectable, type SelectQueryBuilder } from 'kysely';
import type { Db } from '../../platform/db/database';
import { dataVersion, dataVersionSql, VersionedCache } from '../../platform/db/data-version';
import { isPostgres } from '../../platform/db/dialect';
import { QueryShapes } from '../../platform/db/query-shapes';
import type { Database, TaskJournalTable, TasksTable } from '../../platform/db/schema';
import { bucketCondition, bucketCounts, countWhere, listBucketCondition, toCounts, type BucketRow, type ListBucket } from './task-buckets';

export type TaskRow = Selectable<TasksTable>;
export type TaskJournalRow = Selectable<TaskJournalTable>;
/** A task with the names a list shows. */
export type TaskListRow = TaskRow & TaskNames;
interface TaskNames {
  planTitle: string;
  planYear: number;
  unitName: string;
  leadName: string | null;
}
/** The columns of a task a list item shows (`toTaskSummary`): the list reads these only, not the long texts. */
const SUMMARY_COLUMNS = [
  't.id',
  't.planId',
  't.parentId',
  't.seq',
  't.unitId',
  't.leadUserId',
  't.title',
  't.startOn',
  't.dueOn',
  't.dueWorkingDays',
  't.priority',
  't.status',
  't.progress',
  't.completedOn',
  't.criteria',
  't.version',
  't.updatedAt',
] as const;
type SummaryColumn = (typeof SUMMARY_COLUMNS)[number] extends `t.${infer C extends keyof TaskRow}` ? C : never;
/** A list item's row: the summary columns with the names. */
export type TaskSummaryRow = Pick<TaskRow, SummaryColumn> & TaskNames;

/** Who reads which tasks: `readUnits` are the units of the actor's plan.read grants. */
export interface TaskScope {
  readUnits: readonly string[];
  /** `coordinating`: tasks other units own that the reader's units coordinate (read only, docs/plans.md "Roles"). */
  scope: 'all' | 'mine' | 'unit' | 'coordinating';
  userId: string;
}

export interface TaskFilters {
  planId?: string;
  unitId?: string;
  status?: string;
  year?: number;
  topLevel?: boolean;
  q?: string;
  bucket?: ListBucket;
  asOf: string;
  /** Last day of 'due_soon' / 'due_this_week'. */
  dueBy: string;
}

const PRIORITY_ORDER = sql`case t.priority when 'high' then 0 when 'normal' then 1 else 2 end`;
const SORT = {
  dueOn: sql.ref('t.dueOn'),
  title: sql.ref('t.titleFolded'),
  priority: PRIORITY_ORDER,
  progress: sql.ref('t.progress'),
  status: sql.ref('t.status'),
  updatedAt: sql.ref('t.updatedAt'),
};
export type TaskSort = keyof typeof SORT;
/** Up to this offset a unit's page in due-day order is read in one walk of the item index (see `list`). */
const DIRECT_MAX_OFFSET = 100;

/** The list filter's arguments, derived once (the search pattern, the year's days) so queries can be reused. */
interface ListArgs {
  [k: string]: string | number | readonly string[] | null | undefined;
  read: readonly string[];
  userId?: string;
  unitId?: string;
  planId?: string;
  status?: string;
  dueFrom?: string;
  dueTo?: string;
  pattern?: string;
  /** SQLite: the folded search itself, found with `instr` (see `filtered`). */
  needle?: string;
  asOf?: string;
  dueBy?: string;
}
/** What changes the SQL text beyond which arguments are present. */
interface ListFlags {
  scope: TaskScope['scope'];
  unitInScope: boolean;
  topLevel?: boolean;
  bucket?: ListBucket;
}

function listArgs(s: TaskScope, f: Partial<TaskFilters>, sqlite: boolean): { args: ListArgs; flags: ListFlags } {
  const withDueBy = f.bucket === 'due_soon' || f.bucket === 'due_this_week';
  const folded = f.q ? foldVietnamese(f.q) : '';
  return {
    args: {
      read: s.readUnits,
      userId: s.scope === 'mine' ? s.userId : undefined,
      unitId: f.unitId,
      planId: f.planId,
      status: f.status,
      dueFrom: f.year ? `${f.year}-01-01` : undefined,
      dueTo: f.year ? `${f.year}-12-31` : undefined,
      pattern: folded && !sqlite ? `%${escapeLike(folded)}%` : undefined,
      needle: folded && sqlite ? folded : undefined,
      asOf: f.bucket ? f.asOf : undefined,
      dueBy: withDueBy ? f.dueBy : undefined,
    },
    flags: { scope: s.scope, unitInScope: !!f.unitId && s.readUnits.includes(f.unitId), topLevel: f.topLevel, bucket: f.bucket },
  };
}

/** The task `t` is coordinated by one of `units` (the `task_units_unit_idx` index leads). */
export function coordinatedBy(units: readonly string[]) {
  return (eb: ExpressionBuilder<Database & { t: TasksTable }, 't'>) =>
    eb.exists(eb.selectFrom('taskUnits as tu').select('tu.taskId').whereRef('tu.taskId', '=', 't.id').where('tu.unitId', 'in', units));
}

export class TaskRepository {
  private readonly shapes = new QueryShapes();

  private readonly sqlite: boolean;
  /**
   * The list's totals, kept per filter while the database's data version stands (docs/plans.md "Lists,
   * statistics, files"): the pages of one list share one count, recomputed after any committed write.
   */
  private readonly totals: VersionedCache<number>;

  constructor(private readonly db: Db) {
    this.sqlite = !isPostgres(db);
    this.totals = new VersionedCache(() => dataVersion(db));
  }

  /**
   * The tasks a reader sees, filtered; scope is in SQL. A task is read through its owner unit or its
   * plan's agency. With a unit filter the owner-unit index leads (the benchmark's "tasks of a unit").
   */
  scoped(db: Db, s: TaskScope, f: Partial<TaskFilters>) {
    const { args, flags } = listArgs(s, f, this.sqlite);
    return this.filtered(db, args, flags);
  }

  /**
   * The filter on already-derived arguments, branching only on `flags` and on which arguments are present,
   * so the list can compile it once per shape (platform/db/query-shapes.ts).
   */
  private filtered(db: Db, a: ListArgs, flags: ListFlags) {
    let q = db.selectFrom('tasks as t');
    if (flags.scope === 'coordinating') {
      q = q.where(coordinatedBy(a.read));
      if (a.unitId) q = q.where('t.unitId', '=', a.unitId);
    } else if (a.unitId) {
      q = q.where('t.unitId', '=', a.unitId);
      if (!flags.unitInScope) q = q.where('t.agencyId', 'in', a.read);
    } else if (flags.scope === 'unit') q = q.where('t.unitId', 'in', a.read);
    else q = q.where((eb) => eb.or([eb('t.unitId', 'in', a.read), eb('t.agencyId', 'in', a.read)]));
    if (a.userId) q = q.where('t.leadUserId', '=', a.userId);
    if (a.planId) q = q.where('t.planId', '=', a.planId);
    if (a.status) q = q.where('t.status', '=', a.status);
    if (a.dueFrom) q = q.where('t.dueOn', '>=', a.dueFrom);
    if (a.dueTo) q = q.where('t.dueOn', '<=', a.dueTo);
    if (flags.topLevel !== undefined) q = q.where('t.parentId', flags.topLevel ? 'is' : 'is not', null);
    // The folded title contains the folded search. PostgreSQL: `like '%…%'`, served by the trigram index
    // (migration 20261208030000-task-title-search) when it is selective. SQLite: `instr`, the same test on
    // lower-case folded text (its `like` folds ASCII case only, and both sides are already lower case),
    // a plain substring search instead of the LIKE matcher: the scan of a unit's 12,500 titles costs less.
    if (a.needle) q = q.where(sql<boolean>`instr(t.title_folded, ${a.needle}) > 0`);
    if (a.pattern) q = q.where(sql<boolean>`t.title_folded like ${a.pattern} escape '\\'`);
    if (flags.bucket && a.asOf) q = q.where(listBucketCondition(flags.bucket, a.asOf, a.dueBy ?? a.asOf));
    return q;
  }

  async list(s: TaskScope, f: TaskFilters, page: { limit: number; offset: number; sort: TaskSort; order: 'asc' | 'desc' }) {
    if (s.readUnits.length === 0) return { rows: [] as TaskSummaryRow[], total: 0 };
    const { args, flags } = listArgs(s, f, this.sqlite);
    const all = { ...args, limit: page.limit, offset: page.offset };
    const shape = `${flags.scope}:${flags.unitInScope}:${flags.topLevel}:${flags.bucket}:${page.sort}:${page.order}`;
    // SQLite, the first pages of one unit's list in due-day order: one walk of the unit's item index
    // (migration 20261209050000-task-item-index), which holds every column an item shows, so the page's rows
    // are read from neighbouring index entries and joined to their names as they come, with no lookup of each
    // row in the table and no sort (page 1 of a unit's 12,500 tasks with the CPU caches cold: 1.13 → 0.63 ms).
    const direct =
      this.sqlite && page.sort === 'dueOn' && page.offset < DIRECT_MAX_OFFSET && (!!args.unitId || (flags.scope === 'unit' && args.read.length === 1));
    // Otherwise a deferred join: the page's ids are found first (on the covering page index for the due-day
    // sort, so skipping deep pages reads index entries only), then only those rows are read and joined to their
    // names. With the joins in the paged query SQLite read and joined every skipped row (page 500: 1.9 → 0.4 ms).
    // Either way only the columns an item shows are read, and the data version with them (see `total` below).
    const pageQuery = this.shapes.compile(`page:${direct}:${shape}`, all, (a) => {
      const named = <Q extends SelectQueryBuilder<Database & { t: TasksTable }, 't', object>>(q: Q) =>
        q
          .innerJoin('plans as p', 'p.id', 't.planId')
          .innerJoin('units as u', 'u.id', 't.unitId')
          .leftJoin('users as lu', 'lu.id', 't.leadUserId')
          .select(SUMMARY_COLUMNS)
          .select(['p.title as planTitle', 'p.year as planYear', 'u.name as unitName', 'lu.fullName as leadName'])
          .select(dataVersionSql(this.db).as('dataVersion'))
          .orderBy(SORT[page.sort], page.order)
          .orderBy('t.id', page.order);
      if (direct)
        return named(this.filtered(this.db, a, flags))
          .limit(a.limit)
          .offset(a.offset);
      const ids = this.filtered(this.db, a, flags)
        .select('t.id')
        .orderBy(SORT[page.sort], page.order)
        .orderBy('t.id', page.order)
        .limit(a.limit)
        .offset(a.offset);
      return named(this.db.selectFrom(ids.as('k')).innerJoin('tasks as t', 't.id', 'k.id'));
    });
    const countQuery = this.shapes.compile(`count:${shape}`, args, (a) => this.filtered(this.db, a, flags).select(sql<number>`count(*)`.as('n')));
    const rows = (await this.db.executeQuery<TaskSummaryRow & { dataVersion: string }>(pageQuery)).rows;
    // The count depends on the filter's SQL and arguments only (the day is among them when a bucket is set).
    // It is the one kept at the version the page was read at (read again when the page is empty), so the
    // total always belongs to the same committed data as the rows, and no separate version query runs.
    const total = await this.totals.get(
      `${countQuery.sql}|${JSON.stringify(countQuery.parameters)}`,
      async () => {
        const count = await this.db.executeQuery<{ n: number | string }>(countQuery);
        return Number(count.rows[0]?.n ?? 0);
      },
      rows[0] && String(rows[0].dataVersion),
    );
    return { rows, total };
  }

  /** A task the reader sees (owned, of its agency's plans, or coordinated by its units), with its names; undefined when absent or out of scope. */
  async findInScope(readUnits: readonly string[], id: string, db: Db = this.db): Promise<TaskListRow | undefined> {
    if (readUnits.length === 0) return undefined;
    return (await this.withNames(db)
      .where('t.id', '=', id)
      .where((eb) => eb.or([eb('t.unitId', 'in', readUnits), eb('t.agencyId', 'in', readUnits), coordinatedBy(readUnits)(eb)]))
      .executeTakeFirst()) as TaskListRow | undefined;
  }

  private withNames(db: Db) {
    return db
      .selectFrom('tasks as t')
      .innerJoin('plans as p', 'p.id', 't.planId')
      .innerJoin('units as u', 'u.id', 't.unitId')
      .leftJoin('users as lu', 'lu.id', 't.leadUserId')
      .selectAll('t')
      .select(['p.title as planTitle', 'p.year as planYear', 'u.name as unitName', 'lu.fullName as leadName']);
  }

  async subtasks(parentId: string, db: Db = this.db): Promise<TaskListRow[]> {
    return (await this.withNames(db).where('t.parentId', '=', parentId).orderBy('t.seq').execute()) as TaskListRow[];
  }

  async ofPlan(planId: string, db: Db = this.db): Promise<TaskListRow[]> {
    return (await this.withNames(db).where('t.planId', '=', planId).orderBy('t.seq').execute()) as TaskListRow[];
  }

  findById(id: string, db: Db = this.db) {
    return db.selectFrom('tasks').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async nextSeq(planId: string, db: Db): Promise<number> {
    const r = await db
      .selectFrom('tasks')
      .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow();
    return Number(r.n) + 1;
  }

  insert(db: Db, row: TaskRow) {
    return db.insertInto('tasks').values(row).execute();
  }

  async update(db: Db, id: string, version: number, patch: Partial<TaskRow>): Promise<boolean> {
    const r = await db
      .updateTable('tasks')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(db: Db, id: string, version: number): Promise<boolean> {
    const r = await db.deleteFrom('tasks').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async hasSubtasks(id: string, db: Db = this.db) {
    return !!(await db.selectFrom('tasks').select('id').where('parentId', '=', id).limit(1).executeTakeFirst());
  }

  async coordinatingUnits(taskId: string, db: Db = this.db) {
    return db
      .selectFrom('taskUnits as tu')
      .innerJoin('units as u', 'u.id', 'tu.unitId')
      .select(['u.id', 'u.name'])
      .where('tu.taskId', '=', taskId)
      .orderBy('u.name')
      .execute();
  }

  async coordinatingUnitsOf(taskIds: string[], db: Db = this.db) {
    if (taskIds.length === 0) return [];
    return db
      .selectFrom('taskUnits as tu')
      .innerJoin('units as u', 'u.id', 'tu.unitId')
      .select(['tu.taskId', 'u.name'])
      .where('tu.taskId', 'in', taskIds)
      .execute();
  }

  async setCoordinatingUnits(db: Db, taskId: string, unitIds: string[]) {
    await db.deleteFrom('taskUnits').where('taskId', '=', taskId).execute();
    if (unitIds.length)
      await db
        .insertInto('taskUnits')
        .values(unitIds.map((unitId) => ({ taskId, unitId })))
        .execute();
  }

  async insertJournal(db: Db, row: Omit<TaskJournalRow, 'seq'>) {
    const r = await db
      .selectFrom('taskJournal')
      .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
      .where('taskId', '=', row.taskId)
      .executeTakeFirstOrThrow();
    await db
      .insertInto('taskJournal')
      .values({ ...row, seq: Number(r.n) + 1 })
      .execute();
  }

  journal(taskId: string, db: Db = this.db) {
    return db
      .selectFrom('taskJournal as j')
      .leftJoin('users as u', 'u.id', 'j.userId')
      .selectAll('j')
      .select('u.fullName as userName')
      .where('j.taskId', '=', taskId)
      .orderBy('j.seq', 'desc')
      .execute();
  }

  attachmentsOf(ownerEntity: string, ownerId: string, db: Db = this.db) {
    return db.selectFrom('attachments').select(['id', 'fileName as name']).where('ownerEntity', '=', ownerEntity).where('ownerId', '=', ownerId).execute();
  }

  /** Whether the user holds a role on exactly this unit (a lead person must belong to the owner unit) and is active. */
  async holdsRoleOn(userId: string, unitId: string, db: Db = this.db): Promise<boolean> {
    const r = await db
      .selectFrom('roleAssignments as r')
      .innerJoin('users as u', 'u.id', 'r.userId')
      .select('r.id')
      .where('r.userId', '=', userId)
      .where('r.unitId', '=', unitId)
      .where('u.isActive', '=', 1)
      .limit(1)
      .executeTakeFirst();
    return !!r;
  }

  /** The active unit heads of a unit (who hears about a task without a lead person). */
  async unitHeads(unitId: string, db: Db = this.db): Promise<string[]> {
    const rows = await db
      .selectFrom('roleAssignments as r')
      .innerJoin('users as u', 'u.id', 'r.userId')
      .select('r.userId')
      .distinct()
      .where('r.unitId', '=', unitId)
      .where('r.role', '=', 'unit_head')
      .where('u.isActive', '=', 1)
      .execute();
    return rows.map((r) => r.userId);
  }

  async unitNames(ids: string[], db: Db = this.db): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  // ---- Counting: always in the database, always through task-buckets.ts.

  /** The four buckets as of `asOf` of tasks due in [from, to], grouped by owner unit or by plan. */
  async statistics(s: TaskScope, from: string, to: string, asOf: string, by: 'unit' | 'plan', db: Db = this.db) {
    if (s.readUnits.length === 0) return [];
    const base = this.scoped(db, s, {}).where('t.dueOn', '>=', from).where('t.dueOn', '<=', to).where('t.status', '<>', 'cancelled');
    const rows =
      by === 'unit'
        ? await base
            .innerJoin('units as u', 'u.id', 't.unitId')
            .select([
              't.unitId as id',
              'u.name as name',
              sql<null>`null`.as('documentNumber'),
              sql<null>`null`.as('documentDate'),
              sql<number>`count(*)`.as('total'),
              ...bucketCounts(asOf),
            ])
            .groupBy(['t.unitId', 'u.name'])
            .orderBy('u.name')
            .execute()
        : await base
            .innerJoin('plans as p', 'p.id', 't.planId')
            .select(['t.planId as id', 'p.title as name', 'p.documentNumber', 'p.documentDate', sql<number>`count(*)`.as('total'), ...bucketCounts(asOf)])
            .groupBy(['t.planId', 'p.title', 'p.documentNumber', 'p.documentDate'])
            .orderBy('p.documentDate')
            .orderBy('p.title')
            .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      documentNumber: r.documentNumber as string | null,
      documentDate: r.documentDate as string | null,
      total: Number(r.total),
      ...toCounts(r as BucketRow),
    }));
  }

  /** The overdue tasks due in [from, to], listed by name as the national report asks. */
  overdueTasks(s: TaskScope, from: string, to: string, asOf: string, limit: number, db: Db = this.db) {
    if (s.readUnits.length === 0) return Promise.resolve([]);
    return this.scoped(db, s, {})
      .innerJoin('units as u', 'u.id', 't.unitId')
      .innerJoin('plans as p', 'p.id', 't.planId')
      .select(['t.id', 't.title', 't.dueOn', 'u.name as unitName', 'p.title as planTitle'])
      .where('t.dueOn', '>=', from)
      .where('t.dueOn', '<=', to)
      .where(bucketCondition('overdue', asOf))
      .orderBy('t.dueOn')
      .orderBy('t.id')
      .limit(limit)
      .execute();
  }

  /** Overdue and due-by-`weekEnd` counts per owner unit, with the same conditions as the list filters. */
  async overview(s: TaskScope, asOf: string, weekEnd: string, db: Db = this.db) {
    if (s.readUnits.length === 0) return [];
    const overdue = listBucketCondition('overdue', asOf, asOf);
    const dueThisWeek = listBucketCondition('due_this_week', asOf, weekEnd);
    const rows = await this.scoped(db, s, {})
      .innerJoin('units as u', 'u.id', 't.unitId')
      .select(['t.unitId', 'u.name as unitName', countWhere(overdue).as('overdue'), countWhere(dueThisWeek).as('dueThisWeek')])
      .where(sql<boolean>`(${overdue} or ${dueThisWeek})`)
      .groupBy(['t.unitId', 'u.name'])
      .orderBy('u.name')
      .execute();
    return rows.map((r) => ({ unitId: r.unitId, unitName: r.unitName, overdue: Number(r.overdue), dueThisWeek: Number(r.dueThisWeek) }));
  }
}
