import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The stored fields that the chain protects, in a fixed order. */
export interface ChainedRow {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** Set only for a citizen's action; rows without it hash exactly as before the column existed. */
  actorKind: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
}

/**
 * hash(n) = sha256(hash(n-1) ‖ canonical row n). Editing any field of a row, deleting a row or
 * reordering rows breaks every later link, which `verifyChain` reports at the first broken row.
 */
export function chainHash(prevHash: string, row: ChainedRow): string {
  const canonical = JSON.stringify([
    row.seq,
    row.at,
    row.actorId,
    row.actorName,
    row.action,
    row.entity,
    row.entityId,
    row.unitId,
    row.before,
    row.after,
    row.requestId,
    ...(row.actorKind ? [row.actorKind] : []),
  ]);
  return createHash('sha256').update(prevHash).update('\n').update(canonical).digest('hex');
}

export interface ChainProblem {
  seq: number;
  problem: 'hash_mismatch' | 'broken_link' | 'missing_rows' | 'head_mismatch';
}
