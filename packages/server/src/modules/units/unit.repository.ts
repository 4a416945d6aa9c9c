import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { UnitsTable } from '../../platform/db/schema';

export type UnitRow = Selectable<UnitsTable>;

export class UnitRepository {
  constructor(private readonly db: Db) {}

  listIn(unitIds: readonly string[]): Promise<UnitRow[]> {
    if (unitIds.length === 0) return Promise.resolve([]);
    return this.db.selectFrom('units').selectAll().where('id', 'in', unitIds).orderBy('name').execute();
  }

  findInScope(unitIds: readonly string[], id: string, trx: Db = this.db): Promise<UnitRow | undefined> {
    if (!unitIds.includes(id)) return Promise.resolve(undefined);
    return trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  findById(id: string, trx: Db = this.db): Promise<UnitRow | undefined> {
    return trx.selectFrom('units').selectAll().where('id', '=', id).executeTakeFirst();
  }

  siblingWithName(parentId: string | null, nameFolded: string, exceptId?: string, trx: Db = this.db) {
    let q = trx.selectFrom('units').select('id').where('nameFolded', '=', nameFolded);
    q = parentId === null ? q.where('parentId', 'is', null) : q.where('parentId', '=', parentId);
    if (exceptId) q = q.where('id', '!=', exceptId);
    return q.executeTakeFirst();
  }

  insert(trx: Db, row: UnitRow) {
    return trx.insertInto('units').values(row).execute();
  }

  /** Writes only if the stored version is still `version`; returns whether it did. */
  async update(trx: Db, id: string, version: number, patch: Partial<UnitRow>): Promise<boolean> {
    const r = await trx
      .updateTable('units')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(trx: Db, id: string, version: number): Promise<boolean> {
    const r = await trx.deleteFrom('units').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async usage(id: string, trx: Db = this.db) {
    const [children, users, grants] = await Promise.all([
      trx.selectFrom('units').select('id').where('parentId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('users').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('roleAssignments').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
    ]);
    return { hasChildren: !!children, hasUsers: !!users || !!grants };
  }
}
