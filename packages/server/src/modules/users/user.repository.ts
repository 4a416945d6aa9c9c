import { escapeLike, foldVietnamese } from '@cchc/domain';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { UsersTable } from '../../platform/db/schema';
import type { UserListQuery } from './user.schemas';

export type UserRow = Selectable<UsersTable>;
export interface GrantRow {
  userId: string;
  role: string;
  unitId: string;
  unitName: string;
}

const SORT = { username: 'users.username', fullName: 'users.fullNameFolded', createdAt: 'users.createdAt' } as const;

export class UserRepository {
  constructor(private readonly db: Db) {}

  private scoped(unitIds: readonly string[], q: Pick<UserListQuery, 'q' | 'unitId'>) {
    let query = this.db.selectFrom('users').innerJoin('units', 'units.id', 'users.unitId').where('users.unitId', 'in', unitIds);
    if (q.unitId) query = query.where('users.unitId', '=', q.unitId);
    if (q.q) {
      const pattern = `%${escapeLike(foldVietnamese(q.q))}%`;
      query = query.where((eb) =>
        eb.or([
          sql<boolean>`${eb.ref('users.username')} like ${pattern} escape '\\'`,
          sql<boolean>`${eb.ref('users.fullNameFolded')} like ${pattern} escape '\\'`,
        ]),
      );
    }
    return query;
  }

  async list(unitIds: readonly string[], q: UserListQuery) {
    if (unitIds.length === 0) return { rows: [], total: 0 };
    const [rows, count] = await Promise.all([
      this.scoped(unitIds, q)
        .selectAll('users')
        .select('units.name as unitName')
        .orderBy(SORT[q.sort], q.order)
        .orderBy('users.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      this.scoped(unitIds, q)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  findInScope(unitIds: readonly string[], id: string, trx: Db = this.db) {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return trx
      .selectFrom('users')
      .innerJoin('units', 'units.id', 'users.unitId')
      .selectAll('users')
      .select('units.name as unitName')
      .where('users.id', '=', id)
      .where('users.unitId', 'in', unitIds)
      .executeTakeFirst();
  }

  async grantsOf(userIds: string[], trx: Db = this.db): Promise<GrantRow[]> {
    if (userIds.length === 0) return [];
    return trx
      .selectFrom('roleAssignments')
      .innerJoin('units', 'units.id', 'roleAssignments.unitId')
      .select(['roleAssignments.userId', 'roleAssignments.role', 'roleAssignments.unitId', 'units.name as unitName'])
      .where('roleAssignments.userId', 'in', userIds)
      .orderBy('roleAssignments.role')
      .execute();
  }

  usernameTaken(username: string, trx: Db = this.db) {
    return trx.selectFrom('users').select('id').where('username', '=', username).executeTakeFirst();
  }

  insert(trx: Db, row: UserRow) {
    return trx.insertInto('users').values(row).execute();
  }

  async update(trx: Db, id: string, version: number, patch: Partial<UserRow>): Promise<boolean> {
    const r = await trx
      .updateTable('users')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async replaceGrants(trx: Db, userId: string, grants: { role: string; unitId: string }[], newId: () => string) {
    await trx.deleteFrom('roleAssignments').where('userId', '=', userId).execute();
    if (grants.length)
      await trx
        .insertInto('roleAssignments')
        .values(grants.map((g) => ({ id: newId(), userId, role: g.role, unitId: g.unitId })))
        .execute();
  }

  deleteSessions(trx: Db, userId: string) {
    return trx.deleteFrom('sessions').where('userId', '=', userId).execute();
  }

  countUsers() {
    return this.db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
  }
}
