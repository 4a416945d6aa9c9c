import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { ServerActor } from '../auth/actor';
import type { AuditRepository } from './audit.repository';

export type AuditAction = 'create' | 'update' | 'delete' | 'login' | 'logout' | 'login_failed' | 'password_change' | 'password_reset' | (string & {});

export interface AuditEntry {
  action: AuditAction;
  entity: string;
  entityId: string | null;
  /** The unit the record belongs to; scopes who may read the row. */
  unitId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Fields never written to the audit log, whatever entity carries them. */
const REDACTED = new Set(['passwordHash', 'tokenHash', 'password', 'newPassword', 'currentPassword']);

function snapshot(v: unknown): string | null {
  if (v === undefined || v === null) return null;
  return JSON.stringify(v, (k, val) => (REDACTED.has(k) ? undefined : val));
}

/** Writes audit rows inside the caller's transaction, so data and its audit row land together or not at all. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(trx: Db, actor: ServerActor | null, e: AuditEntry, requestId?: string | null): Promise<void> {
    await this.repo.append(trx, {
      at: this.clock.now(),
      actorId: actor?.userId ?? null,
      actorName: actor ? `${actor.fullName} (${actor.username})` : null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      unitId: e.unitId ?? null,
      before: snapshot(e.before),
      after: snapshot(e.after),
      requestId: requestId ?? actor?.requestId ?? null,
    });
  }
}
