import { ALLOWED_CHILD_KINDS, TOP_LEVEL_UNIT_KINDS, UNIT_KINDS, type UnitKind } from '@cchc/domain';
import type { Me, Unit } from '../../../api/types';

/** Kinds that can stand at the top of the tree: the agencies first-run setup or a system administrator creates. */
export const ROOT_KINDS: readonly UnitKind[] = TOP_LEVEL_UNIT_KINDS;

/**
 * True when the user is a system administrator of a top-level agency, the one who may add another
 * agency (the server checks the same rule).
 */
export function canCreateTopLevel(me: Me, units: readonly Unit[]): boolean {
  return me.grants.some((g) => g.role === 'system_admin' && units.some((u) => u.id === g.unitId && u.parentId === null));
}

/** Kinds a new child of `parent` may have. */
export function childKinds(parent: Unit): readonly UnitKind[] {
  return ALLOWED_CHILD_KINDS[parent.kind];
}

/**
 * Kinds `unit` may be changed to: allowed under its parent, and still allowing every current child.
 * The server enforces the same rule; this only keeps impossible choices out of the list.
 */
export function editableKinds(unit: Unit, parent: Unit | undefined, children: readonly Unit[]): UnitKind[] {
  const underParent = parent ? ALLOWED_CHILD_KINDS[parent.kind] : ROOT_KINDS;
  return UNIT_KINDS.filter((kind) => kind === unit.kind || (underParent.includes(kind) && children.every((c) => ALLOWED_CHILD_KINDS[kind].includes(c.kind))));
}
