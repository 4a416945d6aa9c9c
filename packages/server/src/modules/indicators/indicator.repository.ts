import type { IndicatorFigures } from '@cchc/domain';
import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { IndicatorEntriesTable, IndicatorSetsTable } from '../../platform/db/schema';
import type { UnitTree } from '../../platform/units/unit-tree';

export type IndicatorSetRow = Selectable<IndicatorSetsTable>;
export type IndicatorEntryRow = Selectable<IndicatorEntriesTable>;

/** Indicator sets and entered figures (docs/domain/qd766.md). Scope conditions are in the SQL. */
export class IndicatorRepository {
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {}

  /** The unit and its ancestors, nearest first. */
  ancestry(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.ancestors(unitId, db);
  }

  subtree(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.subtree(unitId, db);
  }

  async unitExists(unitId: string, db: Db = this.db): Promise<boolean> {
    return !!(await db.selectFrom('units').select('id').where('id', '=', unitId).executeTakeFirst());
  }

  /** Sets owned by one of `owners` or national (null owner), in force on `day`. */
  async setsInForce(owners: readonly string[], day: string, db: Db = this.db): Promise<IndicatorSetRow[]> {
    return db
      .selectFrom('indicatorSets')
      .selectAll()
      .where((eb) => eb.or([eb('ownerUnitId', 'is', null), ...(owners.length ? [eb('ownerUnitId', 'in', owners)] : [])]))
      .where('effectiveFrom', '<=', day)
      .orderBy('effectiveFrom', 'desc')
      .execute();
  }

  async listSets(owners: readonly string[], db: Db = this.db): Promise<IndicatorSetRow[]> {
    return db
      .selectFrom('indicatorSets')
      .selectAll()
      .where((eb) => eb.or([eb('ownerUnitId', 'is', null), ...(owners.length ? [eb('ownerUnitId', 'in', owners)] : [])]))
      .orderBy('effectiveFrom', 'desc')
      .orderBy('createdAt', 'desc')
      .execute();
  }

  async setByKey(key: string, db: Db = this.db): Promise<IndicatorSetRow | undefined> {
    return db.selectFrom('indicatorSets').selectAll().where('key', '=', key).executeTakeFirst();
  }

  /** Inserts a set unless its key exists (start-up seeding is idempotent). */
  async insertSet(row: Insertable<IndicatorSetsTable>, db: Db = this.db): Promise<void> {
    await db
      .insertInto('indicatorSets')
      .values(row)
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
  }

  /** Entered figures summed per code over the entries of `units` whose period lies within [from, to]. */
  async enteredSums(units: readonly string[], from: string, to: string, db: Db = this.db): Promise<Map<string, IndicatorFigures & { entries: number }>> {
    if (units.length === 0) return new Map();
    const rows = await db
      .selectFrom('indicatorEntries')
      .select(['code', sql<number>`sum(numerator)`.as('numerator'), sql<number>`sum(denominator)`.as('denominator'), sql<number>`count(*)`.as('entries')])
      .where('unitId', 'in', units)
      .where('periodFrom', '>=', from)
      .where('periodTo', '<=', to)
      .groupBy('code')
      .execute();
    return new Map(rows.map((r) => [r.code, { numerator: Number(r.numerator), denominator: Number(r.denominator), entries: Number(r.entries) }]));
  }

  /** Entries of `units` overlapping [from, to], newest period first, with the unit's name. */
  async entries(units: readonly string[], from: string, to: string, db: Db = this.db) {
    if (units.length === 0) return [];
    return db
      .selectFrom('indicatorEntries as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .selectAll('e')
      .select('u.name as unitName')
      .where('e.unitId', 'in', units)
      .where('e.periodFrom', '<=', to)
      .where('e.periodTo', '>=', from)
      .orderBy('e.periodFrom', 'desc')
      .orderBy('e.code')
      .limit(1000)
      .execute();
  }

  async entryInScope(units: readonly string[], id: string, db: Db = this.db) {
    if (units.length === 0) return undefined;
    return db
      .selectFrom('indicatorEntries as e')
      .innerJoin('units as u', 'u.id', 'e.unitId')
      .selectAll('e')
      .select('u.name as unitName')
      .where('e.id', '=', id)
      .where('e.unitId', 'in', units)
      .executeTakeFirst();
  }

  async samePeriod(unitId: string, code: string, periodFrom: string, periodTo: string, db: Db = this.db): Promise<IndicatorEntryRow | undefined> {
    return db
      .selectFrom('indicatorEntries')
      .selectAll()
      .where('unitId', '=', unitId)
      .where('code', '=', code)
      .where('periodFrom', '=', periodFrom)
      .where('periodTo', '=', periodTo)
      .executeTakeFirst();
  }

  async insertEntry(row: Insertable<IndicatorEntriesTable>, db: Db = this.db): Promise<void> {
    await db.insertInto('indicatorEntries').values(row).execute();
  }

  /** Optimistic update: false when the version moved. */
  async updateEntry(
    id: string,
    version: number,
    patch: { numerator: number; denominator: number; note: string | null; enteredBy: string; enteredByName: string; updatedAt: string },
    db: Db = this.db,
  ): Promise<boolean> {
    const r = await db
      .updateTable('indicatorEntries')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteEntry(id: string, version: number, db: Db = this.db): Promise<boolean> {
    const r = await db.deleteFrom('indicatorEntries').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async unitNames(ids: readonly string[], db: Db = this.db): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const rows = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', ids).execute();
    return new Map(rows.map((u) => [u.id, u.name]));
  }
}
