import { escapeLike, foldVietnamese } from '@cchc/domain';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { PlanSettingsTable, PlansTable } from '../../platform/db/schema';
import { bucketCounts, toCounts, type BucketRow } from './task-buckets';
import type { UnitTree } from '../../platform/units/unit-tree';

export type PlanRow = Selectable<PlansTable>;
export type PlanSettingsRow = Selectable<PlanSettingsTable>;

export interface PlanFilters {
  year?: number;
  kind?: string;
  status?: string;
  unitId?: string;
  q?: string;
}

/** Plans and their settings; the only place with the plans' SQL. */
export class PlanRepository {
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {}

  /**
   * Plans a reader sees: those of the units it reads, and those that gave one of its units a task, so a
   * division head reads the Department's plan that assigns the division's work. Scope is in SQL.
   */
  private scoped(db: Db, unitIds: readonly string[], f: PlanFilters) {
    let q = db
      .selectFrom('plans as p')
      .where((eb) =>
        eb.or([
          eb('p.unitId', 'in', unitIds),
          eb.exists(eb.selectFrom('tasks as t').select('t.id').whereRef('t.planId', '=', 'p.id').where('t.unitId', 'in', unitIds)),
        ]),
      );
    if (f.year) q = q.where('p.year', '=', f.year);
    if (f.kind) q = q.where('p.kind', '=', f.kind);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.unitId) q = q.where('p.unitId', '=', f.unitId);
    if (f.q) q = q.where(sql<boolean>`p.title_folded like ${`%${escapeLike(foldVietnamese(f.q))}%`} escape '\\'`);
    return q;
  }

  async list(unitIds: readonly string[], f: PlanFilters, limit: number, offset: number) {
    if (unitIds.length === 0) return { rows: [] as Array<PlanRow & { unitName: string }>, total: 0 };
    const rows = await this.scoped(this.db, unitIds, f)
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .selectAll('p')
      .select('u.name as unitName')
      .orderBy('p.year', 'desc')
      .orderBy('p.documentDate', 'desc')
      .orderBy('p.id')
      .limit(limit)
      .offset(offset)
      .execute();
    const count = await this.scoped(this.db, unitIds, f)
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return { rows, total: Number(count.n) };
  }

  findInScope(unitIds: readonly string[], id: string, db: Db = this.db) {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return this.scoped(db, unitIds, {})
      .innerJoin('units as u', 'u.id', 'p.unitId')
      .selectAll('p')
      .select('u.name as unitName')
      .where('p.id', '=', id)
      .executeTakeFirst();
  }

  findById(id: string, db: Db = this.db) {
    return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Task counts and the four buckets as of `asOf`, per plan, counted in the database. */
  async taskCounts(planIds: string[], asOf: string, db: Db = this.db) {
    const out = new Map<string, { taskCount: number; buckets: ReturnType<typeof toCounts> }>();
    if (planIds.length === 0) return out;
    const rows = await db
      .selectFrom('tasks as t')
      .select(['t.planId', sql<number>`count(*)`.as('n'), ...bucketCounts(asOf)])
      .where('t.planId', 'in', planIds)
      .groupBy('t.planId')
      .execute();
    for (const r of rows) out.set(r.planId, { taskCount: Number(r.n), buckets: toCounts(r as BucketRow) });
    return out;
  }

  insert(db: Db, row: PlanRow) {
    return db.insertInto('plans').values(row).execute();
  }

  /** Writes only if the stored version is still `version`; returns whether it did. */
  async update(db: Db, id: string, version: number, patch: Partial<PlanRow>): Promise<boolean> {
    const r = await db
      .updateTable('plans')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(db: Db, id: string, version: number): Promise<boolean> {
    const r = await db.deleteFrom('plans').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async hasTasks(id: string, db: Db = this.db): Promise<boolean> {
    return !!(await db.selectFrom('tasks').select('id').where('planId', '=', id).limit(1).executeTakeFirst());
  }

  settings(unitId: string, year: number, db: Db = this.db) {
    return db.selectFrom('planSettings').selectAll().where('unitId', '=', unitId).where('year', '=', year).executeTakeFirst();
  }

  async putSettings(db: Db, row: PlanSettingsRow, expectedVersion: number): Promise<boolean> {
    if (expectedVersion === 0) {
      if (await this.settings(row.unitId, row.year, db)) return false;
      await db
        .insertInto('planSettings')
        .values({ ...row, version: 1 })
        .execute();
      return true;
    }
    const r = await db
      .updateTable('planSettings')
      .set({ annualPlanDueOn: row.annualPlanDueOn, updatedAt: row.updatedAt, version: expectedVersion + 1 })
      .where('unitId', '=', row.unitId)
      .where('year', '=', row.year)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** A unit and every unit below it. */
  subtree(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.subtree(unitId, db);
  }
}
