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

  /** True when one of `ids` is a top-level unit (no parent). */
  async anyTopLevel(ids: readonly string[]): Promise<boolean> {
    if (ids.length === 0) return false;
    return !!(await this.db.selectFrom('units').select('id').where('id', 'in', ids).where('parentId', 'is', null).limit(1).executeTakeFirst());
  }

  /** A role assignment given together with a new top-level unit (to the administrator who created it). */
  insertGrant(trx: Db, grant: { id: string; userId: string; role: string; unitId: string }) {
    return trx.insertInto('roleAssignments').values(grant).execute();
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

  /**
   * What still points at the unit, for the usual cases named in the 409 answer. Any other record
   * (PAR, dossiers, files...) is caught by the foreign key itself: see `isForeignKeyViolation`.
   */
  async usage(id: string, trx: Db = this.db) {
    const [children, users, grants, procedures, versions] = await Promise.all([
      trx.selectFrom('units').select('id').where('parentId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('users').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx.selectFrom('roleAssignments').select('id').where('unitId', '=', id).limit(1).executeTakeFirst(),
      trx
        .selectFrom('procedures')
        .select('id')
        .where((eb) => eb.or([eb('unitId', '=', id), eb('processingUnitId', '=', id)]))
        .limit(1)
        .executeTakeFirst(),
      trx.selectFrom('procedureVersions').select('id').where('processingUnitId', '=', id).limit(1).executeTakeFirst(),
    ]);
    return { hasChildren: !!children, hasUsers: !!users || !!grants, hasProcedures: !!procedures || !!versions };
  }
}

/** A write refused because another row still references the one being deleted (both engines). */
export function isForeignKeyViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23503' || code === 'SQLITE_CONSTRAINT_FOREIGNKEY';
}
