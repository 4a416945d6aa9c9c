import { can, type Action, type Actor } from '@cchc/domain';
import { ForbiddenError } from '../errors';

/** Throws 403 unless the actor may perform `action` on a record of `unitId` (which the caller already found in scope). */
export function authorize(actor: Actor, action: Action, unitId: string): void {
  if (!can(actor, action, unitId)) throw new ForbiddenError('forbidden', [], { action });
}
