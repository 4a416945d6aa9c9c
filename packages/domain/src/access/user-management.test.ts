import { describe, expect, it } from 'vitest';
import type { Actor, Grant } from './permissions';
import { ROLES, type Role } from './roles';
import { MANAGEABLE_ROLES, mayManageGrant, mayManageUser } from './user-management';

const actor = (...grants: Grant[]): Actor => ({
  userId: 'a',
  username: 'a',
  grants,
  roles: [...new Set(grants.map((g) => g.role))],
});
const grant = (role: Role, unitIds: string[]): Grant => ({ role, unitId: unitIds[0]!, unitIds });

describe('user management rank', () => {
  it('system administrators manage every role, agency administrators only those below them, others none', () => {
    expect(MANAGEABLE_ROLES.system_admin).toEqual(ROLES);
    expect(MANAGEABLE_ROLES.agency_admin).not.toContain('agency_admin');
    expect(MANAGEABLE_ROLES.agency_admin).not.toContain('system_admin');
    for (const r of ROLES.filter((x) => x !== 'system_admin' && x !== 'agency_admin')) expect(MANAGEABLE_ROLES[r], r).toEqual([]);
  });

  it('checks each target grant against the actor grant that covers its unit', () => {
    const a = actor(grant('agency_admin', ['dept', 'divA']), grant('leader', ['other']));
    expect(mayManageGrant(a, 'specialist', 'divA')).toBe(true);
    expect(mayManageGrant(a, 'specialist', 'other')).toBe(false); // leader there: no user.manage
    expect(mayManageGrant(a, 'agency_admin', 'divA')).toBe(false);
  });

  it('a user is manageable only when the home unit and every grant are within reach', () => {
    const a = actor(grant('agency_admin', ['dept', 'divA']));
    expect(mayManageUser(a, { unitId: 'divA', grants: [{ role: 'specialist', unitId: 'divA' }] })).toBe(true);
    expect(mayManageUser(a, { unitId: 'divA', grants: [] })).toBe(true);
    expect(
      mayManageUser(a, {
        unitId: 'divA',
        grants: [
          { role: 'specialist', unitId: 'divA' },
          { role: 'system_admin', unitId: 'province' },
        ],
      }),
    ).toBe(false);
    expect(mayManageUser(a, { unitId: 'elsewhere', grants: [] })).toBe(false);
  });
});
