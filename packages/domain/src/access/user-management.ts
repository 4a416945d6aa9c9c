import { PERMISSIONS, type Actor } from './permissions';
import { ROLES, type Role } from './roles';

/**
 * Which roles a holder of each role may grant, remove, and manage in others (docs/architecture.md,
 * "Managing users"). A system administrator manages every role, including other system administrators
 * of the units it covers (someone must be able to recover an administrator's account). An agency
 * administrator manages only the roles below it: never a system administrator and never another agency
 * administrator, so one agency administrator cannot take over a peer's account or promote a helper to
 * its own rank. Roles without `user.manage` manage nobody.
 */
export const MANAGEABLE_ROLES: Record<Role, readonly Role[]> = {
  system_admin: ROLES,
  agency_admin: ['leader', 'par_secretary', 'unit_head', 'specialist', 'one_stop_officer', 'appraiser', 'viewer'],
  leader: [],
  par_secretary: [],
  unit_head: [],
  specialist: [],
  one_stop_officer: [],
  appraiser: [],
  viewer: [],
};

/**
 * True when one of the actor's own grants lets it give (or take away) `role` on `unitId`: the grant
 * carries `user.manage`, covers the unit, and its role ranks high enough for `role`. Checked per grant,
 * never against the union of the actor's units, so a role held elsewhere lends no rights here.
 */
export function mayManageGrant(actor: Actor, role: Role, unitId: string): boolean {
  const managers: readonly Role[] = PERMISSIONS['user.manage'];
  return actor.grants.some((g) => managers.includes(g.role) && g.unitIds.includes(unitId) && MANAGEABLE_ROLES[g.role].includes(role));
}

/**
 * True when the actor may manage a user (edit, deactivate, reset the password, change roles, revoke
 * tokens): the user's home unit is in the scope where the actor holds `user.manage`, and every one of the
 * user's role grants is one the actor could have given. A user who also holds a higher role elsewhere is
 * therefore out of reach, and cannot be taken over by resetting the password.
 */
export function mayManageUser(actor: Actor, user: { unitId: string; grants: readonly { role: Role; unitId: string }[] }): boolean {
  const managers: readonly Role[] = PERMISSIONS['user.manage'];
  const home = actor.grants.some((g) => managers.includes(g.role) && g.unitIds.includes(user.unitId));
  return home && user.grants.every((g) => mayManageGrant(actor, g.role, g.unitId));
}
