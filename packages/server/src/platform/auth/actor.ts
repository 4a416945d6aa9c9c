import { PERMISSIONS, type Action, type Actor, type Grant, type Role } from '@cchc/domain';
import { sql } from 'kysely';
import type { Db } from '../db/database';
import { UnauthenticatedError } from '../errors';

/** The domain Actor plus what the server needs for audit rows. */
export interface ServerActor extends Actor {
  readonly fullName: string;
  readonly requestId: string | null;
}

/**
 * Resolves a user's grants with the units each covers (the assigned unit and every descendant),
 * in one recursive query, so scope checks never walk the tree in application code.
 */
export async function loadActor(db: Db, user: { id: string; username: string; fullName: string }, requestId: string | null): Promise<ServerActor> {
  const assignments = await db.selectFrom('roleAssignments').select(['role', 'unitId']).where('userId', '=', user.id).execute();
  const scope = await sql<{ grantUnit: string; unitId: string }>`
    with recursive scope(grant_unit, unit_id) as (
      select unit_id, unit_id from role_assignments where user_id = ${user.id}
      union
      select s.grant_unit, u.id from units u join scope s on u.parent_id = s.unit_id
    )
    select grant_unit, unit_id from scope`.execute(db);
  const byGrantUnit = new Map<string, string[]>();
  for (const r of scope.rows) {
    const list = byGrantUnit.get(r.grantUnit) ?? [];
    list.push(r.unitId);
    byGrantUnit.set(r.grantUnit, list);
  }
  const grants: Grant[] = assignments.map((a) => ({ role: a.role as Role, unitId: a.unitId, unitIds: byGrantUnit.get(a.unitId) ?? [a.unitId] }));
  const unitIds = [...new Set(grants.flatMap((g) => g.unitIds))];
  const roles = [...new Set(grants.map((g) => g.role))];
  return { userId: user.id, username: user.username, fullName: user.fullName, grants, unitIds, roles, requestId };
}

/** Actions the actor holds on at least one unit (sent to the UI to show menus and buttons). */
export function permissionsOf(actor: Actor): Action[] {
  return (Object.keys(PERMISSIONS) as Action[]).filter((a) => actor.grants.some((g) => (PERMISSIONS[a] as readonly Role[]).includes(g.role)));
}

export function requireActor(actor: ServerActor | null | undefined): ServerActor {
  if (!actor) throw new UnauthenticatedError('auth.required');
  return actor;
}
