import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { can, canAnywhere, PERMISSIONS, unitsFor, type Action, type Actor, type Grant } from './permissions';
import { ROLES } from './roles';

/** An actor from grants, as the server resolves it. */
function actorOf(grants: Grant[]): Actor {
  return { userId: 'u', username: 'u', grants, roles: [...new Set(grants.map((g) => g.role))] };
}

// Specialist in agency A's division, one-stop officer of agency B (issue 9, defect 9).
const twoAgencies = actorOf([
  { role: 'specialist', unitId: 'divA', unitIds: ['divA'] },
  { role: 'one_stop_officer', unitId: 'agencyB', unitIds: ['agencyB', 'divB'] },
]);

describe('permissions are checked per grant, never on the union of units', () => {
  it.each<{ action: Action; unit: string; expected: boolean }>([
    { action: 'par.read', unit: 'divA', expected: true }, // the specialist reads PAR data of the division
    { action: 'par.read', unit: 'agencyB', expected: false }, // the desk grant carries no PAR rights
    { action: 'par.read', unit: 'divB', expected: false },
    { action: 'dossier.receive', unit: 'agencyB', expected: true },
    { action: 'dossier.receive', unit: 'divA', expected: false },
    { action: 'dossier.process', unit: 'divA', expected: true },
    { action: 'dossier.process', unit: 'agencyB', expected: false },
    { action: 'dossier.read', unit: 'divA', expected: true },
    { action: 'dossier.read', unit: 'divB', expected: true },
    { action: 'dossier.statistics', unit: 'divA', expected: false }, // a specialist has no statistics
    { action: 'dossier.statistics', unit: 'agencyB', expected: true },
  ])('$action on $unit: $expected', ({ action, unit, expected }) => {
    expect(can(twoAgencies, action, unit)).toBe(expected);
    expect(unitsFor(twoAgencies, action).includes(unit)).toBe(expected);
  });

  it('a role held anywhere is not a right everywhere', () => {
    expect(canAnywhere(twoAgencies, 'par.read')).toBe(true);
    expect(unitsFor(twoAgencies, 'par.read')).toEqual(['divA']);
    expect(unitsFor(twoAgencies, 'dossier.receive').sort()).toEqual(['agencyB', 'divB']);
  });

  it('can, unitsFor and canAnywhere agree with the grants for any actor', () => {
    const units = ['u1', 'u2', 'u3', 'u4'];
    const grant = fc.record({ role: fc.constantFrom(...ROLES), unitId: fc.constantFrom(...units), unitIds: fc.subarray(units, { minLength: 1 }) });
    const actions = Object.keys(PERMISSIONS) as Action[];
    fc.assert(
      fc.property(fc.array(grant, { maxLength: 4 }), fc.constantFrom(...actions), fc.constantFrom(...units), (grants, action, unit) => {
        const actor = actorOf(grants);
        const roles: readonly string[] = PERMISSIONS[action];
        const expected = grants.some((g) => roles.includes(g.role) && g.unitIds.includes(unit));
        expect(can(actor, action, unit)).toBe(expected);
        expect(unitsFor(actor, action).includes(unit)).toBe(expected);
        expect(canAnywhere(actor, action)).toBe(grants.some((g) => roles.includes(g.role)));
      }),
    );
  });
});
