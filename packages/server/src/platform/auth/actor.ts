import { PERMISSIONS, type Action, type Actor, type Grant, type Role } from '@cchc/domain';
import type { Db } from '../db/database';
import { ForbiddenError, UnauthenticatedError } from '../errors';
import type { UnitTree } from '../units/unit-tree';

/** What the UI shows about the logged-in user, resolved together with the scope. */
export interface Profile {
  email: string | null;
  unitId: string;
  unitName: string;
  mustChangePassword: boolean;
  /** Names of the units the user's grants are on (and of the user's own unit). */
  unitNames: Readonly<Record<string, string>>;
}

/** The domain Actor plus what the server needs for audit rows and the profile. */
export interface ServerActor extends Actor {
  readonly fullName: string;
  readonly requestId: string | null;
  readonly profile?: Profile;
  /**
   * Set by the auth hook when the user must change the password and the route is not one of the
   * few that allow it: the actor then holds no grants and `requireActor` refuses it.
   */
  readonly passwordChangeRequired?: boolean;
}

/** The columns every authenticated request reads in its single query. */
export interface IdentityRow {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  unitId: string;
  mustChangePassword: number;
  generation: number;
}

interface Scope {
  grants: Grant[];
  roles: Role[];
  unitNames: Record<string, string>;
}

/** Bumped in the same transaction as any change to units or role assignments (see the migration). */
export async function bumpAuthzGeneration(trx: Db): Promise<void> {
  await trx
    .updateTable('authzState')
    .set((eb) => ({ generation: eb('generation', '+', 1) }))
    .where('id', '=', 1)
    .execute();
}

/**
 * Resolves a user's grants with the units each covers (the assigned unit and every descendant) from the
 * unit tree's closure, so scope checks never walk the tree in application code.
 */
async function resolveScope(db: Db, tree: UnitTree, userId: string, ownUnitId: string): Promise<Scope> {
  const [assignments, scope] = await Promise.all([
    db.selectFrom('roleAssignments').select(['role', 'unitId']).where('userId', '=', userId).execute(),
    tree.grantScopes(userId, db),
  ]);
  const byGrantUnit = new Map<string, string[]>();
  for (const r of scope) {
    const list = byGrantUnit.get(r.grantUnit) ?? [];
    list.push(r.unitId);
    byGrantUnit.set(r.grantUnit, list);
  }
  const grants: Grant[] = assignments.map((a) => ({ role: a.role as Role, unitId: a.unitId, unitIds: byGrantUnit.get(a.unitId) ?? [a.unitId] }));
  const named = [...new Set([ownUnitId, ...grants.map((g) => g.unitId)])];
  const names = await db.selectFrom('units').select(['id', 'name']).where('id', 'in', named).execute();
  return {
    grants,
    roles: [...new Set(grants.map((g) => g.role))],
    unitNames: Object.fromEntries(names.map((n) => [n.id, n.name])),
  };
}

/**
 * Resolved scopes by user, valid for one authorization generation. The request still reads the
 * session (so logout and deactivation take effect at once); only the tree walk is cached.
 */
export class ScopeCache {
  constructor(private readonly tree: UnitTree) {}

  private readonly entries = new Map<string, { generation: number; ownUnitId: string; scope: Scope }>();

  async actorFor(db: Db, row: IdentityRow, requestId: string | null): Promise<ServerActor> {
    let entry = this.entries.get(row.id);
    if (!entry || entry.generation !== row.generation || entry.ownUnitId !== row.unitId) {
      entry = { generation: row.generation, ownUnitId: row.unitId, scope: await resolveScope(db, this.tree, row.id, row.unitId) };
      if (this.entries.size > 10_000) this.entries.clear();
      this.entries.set(row.id, entry);
    }
    const s = entry.scope;
    return {
      userId: row.id,
      username: row.username,
      fullName: row.fullName,
      grants: s.grants,
      roles: s.roles,
      requestId,
      profile: {
        email: row.email,
        unitId: row.unitId,
        unitName: s.unitNames[row.unitId] ?? '',
        mustChangePassword: row.mustChangePassword === 1,
        unitNames: s.unitNames,
      },
    };
  }
}

/** Actions the actor holds on at least one unit (sent to the UI to show menus and buttons). */
export function permissionsOf(actor: Actor): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => actor.grants.some((g) => (PERMISSIONS[a] as readonly Role[]).includes(g.role)));
}

export function requireActor(actor: ServerActor | null | undefined): ServerActor {
  if (!actor) throw new UnauthenticatedError('auth.required');
  if (actor.passwordChangeRequired) throw new ForbiddenError('auth.password_change_required');
  return actor;
}

/**
 * The same identity with no grants, for a user who must change the password calling a route that
 * is not allowed before the change: `requireActor` refuses it, and a route that only reads an
 * optional actor (the public calendar) sees someone with no rights, like an anonymous visitor.
 */
export function pendingPasswordChange(actor: ServerActor): ServerActor {
  return { ...actor, grants: [], roles: [], passwordChangeRequired: true };
}
