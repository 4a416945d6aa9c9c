import type { AuditAction, AuditEntity } from '@cchc/domain';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import type { ServerActor } from '../auth/actor';
import type { AuditRepository } from './audit.repository';

export interface AuditEntry {
  action: AuditAction;
  entity: AuditEntity;
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

/** An applicant acting on the public site (filing a dossier, rating it): recorded by the name they gave. */
export interface CitizenActor {
  readonly citizen: string;
}

/** Who a row is attributed to: a signed-in user, a citizen, or null for the system itself. */
export type AuditActor = ServerActor | CitizenActor | null;

const isCitizen = (a: AuditActor): a is CitizenActor => a !== null && 'citizen' in a;

/** Writes audit rows inside the caller's transaction, so data and its audit row land together or not at all. */
export class AuditService {
  constructor(
    private readonly repo: AuditRepository,
    private readonly clock: Clock,
  ) {}

  async record(trx: Db, actor: AuditActor, e: AuditEntry, requestId?: string | null): Promise<void> {
    const user = isCitizen(actor) ? null : actor;
    await this.repo.append(trx, {
      at: this.clock.now(),
      actorId: user?.userId ?? null,
      actorName: isCitizen(actor) ? actor.citizen : user ? `${user.fullName} (${user.username})` : null,
      actorKind: isCitizen(actor) ? 'citizen' : null,
      action: e.action,
      entity: e.entity,
      entityId: e.entityId,
      unitId: e.unitId ?? null,
      before: snapshot(e.before),
      after: snapshot(e.after),
      requestId: requestId ?? user?.requestId ?? null,
    });
  }
}
