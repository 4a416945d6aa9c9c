import { ALLOWED_CHILD_KINDS, UNIT_KINDS, type UnitKind } from '@cchc/domain';
import type { Unit } from '../../../api/types';

/** Kinds that can stand at the top of the tree: the agencies first-run setup can create. */
const ROOT_KINDS: readonly UnitKind[] = ['province', 'department', 'service_center'];

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
  return UNIT_KINDS.filter(
    (kind) =>
      kind === unit.kind ||
      (underParent.includes(kind) && children.every((c) => ALLOWED_CHILD_KINDS[kind].includes(c.kind))),
  );
}
