import { foldVietnamese, TOP_LEVEL_UNIT_KINDS } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service';
import { bumpAuthzGeneration, type ServerActor } from '../../platform/auth/actor';
import { hashPassword, type HashingParams } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError } from '../../platform/errors';
import { PasswordSchema } from '../auth/auth.schemas';
import type { AuthService } from '../auth/auth.service';
import { AgencyCode } from '../units/unit.schemas';
import { Username } from '../users/user.schemas';

export const SetupBody = z.object({
  agencyName: z.string().trim().min(1).max(300),
  agencyKind: z.enum(TOP_LEVEL_UNIT_KINDS),
  agencyCode: AgencyCode.optional(),
  username: Username,
  fullName: z.string().trim().min(1).max(200),
  password: PasswordSchema,
});
export type SetupInput = z.infer<typeof SetupBody>;

/**
 * Inserts an active system administrator of `unitId` and its grant, and bumps the authorization
 * generation; the caller writes the audit rows (first-run setup, the CLI).
 */
export async function insertSystemAdmin(
  trx: Db,
  now: string,
  hashing: HashingParams,
  userId: string,
  unitId: string,
  input: Pick<SetupInput, 'username' | 'fullName' | 'password'>,
): Promise<void> {
  await trx
    .insertInto('users')
    .values({
      id: userId,
      username: input.username,
      fullName: input.fullName,
      fullNameFolded: foldVietnamese(input.fullName),
      email: null,
      unitId,
      passwordHash: await hashPassword(input.password, hashing),
      isActive: 1,
      mustChangePassword: 0,
      failedAttempts: 0,
      lockedUntil: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
    .execute();
  await trx.insertInto('roleAssignments').values({ id: randomUUID(), userId, role: 'system_admin', unitId }).execute();
  await bumpAuthzGeneration(trx);
}

/** Creates an agency with a system administrator; used by first-run setup, the CLI and the demo. */
export async function createAgencyWithAdmin(
  trx: Db,
  audit: AuditService,
  now: string,
  hashing: HashingParams,
  input: SetupInput,
  requestId: string | null,
): Promise<{ unitId: string; userId: string }> {
  const unitId = randomUUID();
  const userId = randomUUID();
  const unit = {
    id: unitId,
    parentId: null,
    kind: input.agencyKind,
    name: input.agencyName,
    nameFolded: foldVietnamese(input.agencyName),
    code: input.agencyCode ?? null,
    version: 1,
    createdAt: now,
    updatedAt: now,
  };
  await trx.insertInto('units').values(unit).execute();
  await insertSystemAdmin(trx, now, hashing, userId, unitId, input);
  const actor = { userId, username: input.username, fullName: input.fullName, requestId } as ServerActor;
  await audit.record(trx, actor, { action: 'create', entity: 'unit', entityId: unitId, unitId, after: unit });
  await audit.record(trx, actor, {
    action: 'create',
    entity: 'user',
    entityId: userId,
    unitId,
    after: { id: userId, username: input.username, fullName: input.fullName, unitId, grants: [{ role: 'system_admin', unitId }] },
  });
  return { unitId, userId };
}

export class SetupService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly auth: AuthService,
    private readonly clock: Clock,
    private readonly hashing: HashingParams,
  ) {}

  async needsSetup(): Promise<boolean> {
    const r = await this.db
      .selectFrom('users')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n) === 0;
  }

  /** Returns the new administrator's session token. Refused once any user exists. */
  async setup(input: SetupInput, requestId: string): Promise<string> {
    return this.db.transaction().execute(async (trx) => {
      // Serialise concurrent setups on PostgreSQL too: the audit head row is locked by the first writer.
      const n = await trx
        .selectFrom('users')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      if (Number(n.n) > 0) throw new ConflictError('setup.already_done');
      const { userId } = await createAgencyWithAdmin(trx, this.audit, this.clock.now(), this.hashing, input, requestId);
      const again = await trx
        .selectFrom('users')
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow();
      if (Number(again.n) !== 1) throw new ConflictError('setup.already_done');
      return this.auth.openSession(trx, userId);
    });
  }
}
