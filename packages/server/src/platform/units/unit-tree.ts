import type { Db } from '../db/database';

/** A unit of a subtree with the names a caller shows or matches. */
export interface TreeUnit {
  id: string;
  name: string;
  nameFolded: string;
}

/**
 * The unit tree, the one place that reads it (docs/architecture.md#unit-tree): every module that needs "a
 * unit and everything below it" takes this interface from `app.ts` instead of walking `parent_id` itself.
 * Reads take the transaction when the caller is in one, so a unit moved in it is seen at once.
 */
export interface UnitTree {
  /** The unit and every unit below it, the unit first, then by depth and id; empty for an unknown unit. */
  subtree(unitId: string, db?: Db): Promise<string[]>;
  /** The same units with their names. */
  subtreeUnits(unitId: string, db?: Db): Promise<TreeUnit[]>;
  /** The unit and its ancestors, nearest first; empty for an unknown unit. */
  ancestors(unitId: string, db?: Db): Promise<string[]>;
  /** The given units and all their ancestors (each once, in no particular order). */
  ancestorsOfAny(unitIds: readonly string[], db?: Db): Promise<string[]>;
  /** For every unit below `root`, the unit directly under `root` it sits in (`root` maps to itself). */
  lines(root: string, db?: Db): Promise<Map<string, string>>;
  /** For each of a user's role assignments, the assigned unit and the units it covers. */
  grantScopes(userId: string, db?: Db): Promise<Array<{ grantUnit: string; unitId: string }>>;
  /** Recomputes the closure from `parent_id` (the triggers keep it current; this repairs it). */
  rebuild(trx: Db): Promise<void>;
}

/**
 * The closure table `unit_closure` (migration 20261207010000): one row per (ancestor, descendant) pair, kept
 * current by triggers in the same transaction as every insert, move and delete of a unit.
 */
export class UnitTreeRepository implements UnitTree {
  constructor(private readonly db: Db) {}

  async subtree(unitId: string, db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('unitClosure').select('descendantId').where('ancestorId', '=', unitId).orderBy('depth').orderBy('descendantId').execute();
    return rows.map((r) => r.descendantId);
  }

  subtreeUnits(unitId: string, db: Db = this.db): Promise<TreeUnit[]> {
    return db
      .selectFrom('unitClosure as c')
      .innerJoin('units as u', 'u.id', 'c.descendantId')
      .select(['u.id', 'u.name', 'u.nameFolded'])
      .where('c.ancestorId', '=', unitId)
      .orderBy('c.depth')
      .orderBy('u.id')
      .execute();
  }

  async ancestors(unitId: string, db: Db = this.db): Promise<string[]> {
    const rows = await db.selectFrom('unitClosure').select('ancestorId').where('descendantId', '=', unitId).orderBy('depth').execute();
    return rows.map((r) => r.ancestorId);
  }

  async ancestorsOfAny(unitIds: readonly string[], db: Db = this.db): Promise<string[]> {
    if (unitIds.length === 0) return [];
    const rows = await db.selectFrom('unitClosure').select('ancestorId').where('descendantId', 'in', unitIds).distinct().execute();
    return rows.map((r) => r.ancestorId);
  }

  async lines(root: string, db: Db = this.db): Promise<Map<string, string>> {
    const rows = await db
      .selectFrom('unitClosure as l')
      .innerJoin('unitClosure as c', 'c.ancestorId', 'l.descendantId')
      .select(['c.descendantId as id', 'l.descendantId as line'])
      .where('l.ancestorId', '=', root)
      .where('l.depth', '=', 1)
      .execute();
    return new Map([[root, root], ...rows.map((r) => [r.id, r.line] as [string, string])]);
  }

  grantScopes(userId: string, db: Db = this.db): Promise<Array<{ grantUnit: string; unitId: string }>> {
    return db
      .selectFrom('roleAssignments as ra')
      .innerJoin('unitClosure as c', 'c.ancestorId', 'ra.unitId')
      .select(['ra.unitId as grantUnit', 'c.descendantId as unitId'])
      .where('ra.userId', '=', userId)
      .distinct()
      .execute();
  }

  /**
   * Level by level from the roots: depth 0 is every unit itself; depth k + 1 extends each depth-k pair by
   * the descendant's children. Ends when a level adds nothing (a tree's depth bounds the loop).
   */
  async rebuild(trx: Db): Promise<void> {
    await trx.deleteFrom('unitClosure').execute();
    await trx
      .insertInto('unitClosure')
      .columns(['ancestorId', 'descendantId', 'depth'])
      .expression((eb) => eb.selectFrom('units').select((s) => [s.ref('id').as('ancestorId'), s.ref('id').as('descendantId'), s.lit(0).as('depth')]))
      .execute();
    for (let depth = 0; ; depth++) {
      if (depth > 10_000) throw new Error('unit tree: parent_id has a cycle');
      const r = await trx
        .insertInto('unitClosure')
        .columns(['ancestorId', 'descendantId', 'depth'])
        .expression((eb) =>
          eb
            .selectFrom('unitClosure as c')
            .innerJoin('units as u', 'u.parentId', 'c.descendantId')
            .select(['c.ancestorId', 'u.id', eb.lit(depth + 1).as('depth')])
            .where('c.depth', '=', depth),
        )
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) === 0) break;
    }
  }
}
