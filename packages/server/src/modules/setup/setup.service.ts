import { foldVietnamese, TOP_LEVEL_UNIT_KINDS, unitsFor } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { z } from 'zod';
import type { AuditService } from '../../platform/audit/audit.service';
import { bumpAuthzGeneration, type ServerActor } from '../../platform/auth/actor';
import { hashPassword, type HashingParams } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError } from '../../platform/errors';
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

const Step = z.object({ count: z.number().int(), done: z.boolean() });
/** The first steps of a new installation, counted in the units the administrator manages (issue #13 item 6b). */
export const SetupProgress = z.object({
  units: Step.describe('Units below the top-level units'),
  users: Step.describe('Users other than the caller'),
  procedures: Step.describe('Procedures of the units'),
  calendar: z.object({ year: z.number().int(), count: z.number().int(), official: z.number().int(), done: z.boolean() }),
});
export type SetupProgressView = z.infer<typeof SetupProgress>;

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

  /**
   * What the administrator has set up so far, counted in SQL over the units where they hold `unit.manage`.
   * The calendar step is done when every row of this year's working calendar is official (docs/domain/calendar.md).
   */
  async progress(actor: ServerActor): Promise<SetupProgressView> {
    const scope = unitsFor(actor, 'unit.manage');
    if (scope.length === 0) throw new ForbiddenError('forbidden', [], { action: 'unit.manage' });
    const n = sql<number>`count(*)`.as('n');
    const [units, users, procedures] = await Promise.all([
      this.db.selectFrom('units').select(n).where('id', 'in', scope).where('parentId', 'is not', null).executeTakeFirstOrThrow(),
      this.db.selectFrom('users').select(n).where('unitId', 'in', scope).where('id', '<>', actor.userId).executeTakeFirstOrThrow(),
      this.db.selectFrom('procedures').select(n).where('unitId', 'in', scope).executeTakeFirstOrThrow(),
    ]);
    const year = Number(this.clock.today().slice(0, 4));
    const calendar = await this.db
      .selectFrom('calendarDays')
      .select([n, sql<number>`sum(case when status = 'official' then 1 else 0 end)`.as('official')])
      .where('year', '=', year)
      .executeTakeFirstOrThrow();
    const step = (count: number) => ({ count: Number(count), done: Number(count) > 0 });
    const days = Number(calendar.n);
    const official = Number(calendar.official ?? 0);
    return {
      units: step(units.n),
      users: step(users.n),
      procedures: step(procedures.n),
      calendar: { year, count: days, official, done: days > 0 && official === days },
    };
  }

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
