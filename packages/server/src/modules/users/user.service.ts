import { can, canAnywhere, foldVietnamese, mayManageGrant, mayManageUser, unitsFor, type Role } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import { bumpAuthzGeneration, type ServerActor } from '../../platform/auth/actor';
import { revokeApiTokensOf } from '../../platform/auth/api-tokens';
import { authorize } from '../../platform/auth/authorize';
import { hashPassword, type HashingParams } from '../../platform/auth/password';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { GrantRow, UserRepository, UserRow } from './user.repository';
import type { CreateUserInput, UpdateUserInput, UserListQuery, UserView } from './user.schemas';

type Grant = { role: string; unitId: string };

const asRoles = (grants: readonly Grant[]) => grants.map((g) => ({ role: g.role as Role, unitId: g.unitId }));

function present(u: UserRow & { unitName: string }, grants: GrantRow[], actor: ServerActor): UserView {
  const own = grants.filter((g) => g.userId === u.id);
  return {
    id: u.id,
    username: u.username,
    fullName: u.fullName,
    email: u.email,
    unitId: u.unitId,
    unitName: u.unitName,
    isActive: u.isActive === 1,
    mustChangePassword: u.mustChangePassword === 1,
    lockedUntil: u.lockedUntil,
    grants: own.map((g) => ({ role: g.role as Role, unitId: g.unitId, unitName: g.unitName })),
    version: u.version,
    createdAt: u.createdAt,
    can: { update: mayManageUser(actor, { unitId: u.unitId, grants: asRoles(own) }) },
  };
}

function audited(u: UserRow, grants?: Grant[]) {
  const { passwordHash: _p, fullNameFolded: _f, ...rest } = u as UserRow & { unitName?: string };
  delete (rest as { unitName?: string }).unitName;
  return grants ? { ...rest, grants: grants.map((g) => ({ role: g.role, unitId: g.unitId })) } : rest;
}

export class UserService {
  constructor(
    private readonly db: Db,
    private readonly repo: UserRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly hashing: HashingParams,
  ) {}

  /**
   * Grants may only be given on units where the actor holds `user.manage`, and only for roles its
   * granting role ranks above (MANAGEABLE_ROLES in the domain; docs/architecture.md, "Managing users").
   */
  private checkGrants(actor: ServerActor, grants: Grant[]): void {
    const manageable = new Set(unitsFor(actor, 'user.manage'));
    const seen = new Set<string>();
    grants.forEach((g, i) => {
      if (!manageable.has(g.unitId))
        throw new ValidationError('user.grant_out_of_scope', [{ path: `body.grants.${i}.unitId`, code: 'user.grant_out_of_scope' }]);
      if (!mayManageGrant(actor, g.role as Role, g.unitId)) {
        throw new ForbiddenError('user.grant_not_allowed', [{ path: `body.grants.${i}.role`, code: 'user.grant_not_allowed' }]);
      }
      const key = `${g.role}@${g.unitId}`;
      if (seen.has(key)) throw new ValidationError('user.grant_duplicate', [{ path: `body.grants.${i}`, code: 'user.grant_duplicate' }]);
      seen.add(key);
    });
  }

  async list(actor: ServerActor, q: UserListQuery) {
    if (!canAnywhere(actor, 'user.read')) throw new ForbiddenError('forbidden');
    const { rows, total } = await this.repo.list(unitsFor(actor, 'user.read'), q);
    const grants = await this.repo.grantsOf(rows.map((r) => r.id));
    return { items: rows.map((r) => present(r, grants, actor)), total, page: q.page, pageSize: q.pageSize };
  }

  /**
   * A user visible to the actor (home unit in the `user.read` scope, per grant) whom the actor may manage:
   * every role grant of the user must be one the actor could give. Invisible → 404; visible but holding a
   * role the actor may not manage, here or elsewhere → 403 (the password-reset takeover of issue #9).
   */
  private async manageable(actor: ServerActor, id: string, trx: Db) {
    const user = await this.repo.findInScope(unitsFor(actor, 'user.read'), id, trx);
    if (!user) throw new NotFoundError('user.not_found');
    authorize(actor, 'user.manage', user.unitId);
    const grants = await this.repo.grantsOf([id], trx);
    if (!mayManageUser(actor, { unitId: user.unitId, grants: asRoles(grants) })) throw new ForbiddenError('user.not_manageable');
    return { user, grants };
  }

  private async view(actor: ServerActor, id: string, trx: Db): Promise<UserView> {
    const u = await this.repo.findInScope(unitsFor(actor, 'user.read'), id, trx);
    if (!u) throw new NotFoundError('user.not_found');
    return present(u, await this.repo.grantsOf([id], trx), actor);
  }

  async create(actor: ServerActor, input: CreateUserInput): Promise<UserView> {
    if (!can(actor, 'unit.read', input.unitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'user.manage', input.unitId);
    this.checkGrants(actor, input.grants);
    const now = this.clock.now();
    const row: UserRow = {
      id: randomUUID(),
      username: input.username,
      fullName: input.fullName,
      fullNameFolded: foldVietnamese(input.fullName),
      email: input.email ?? null,
      unitId: input.unitId,
      passwordHash: await hashPassword(input.password, this.hashing),
      isActive: 1,
      emailNotifications: 1,
      locale: 'vi',
      mustChangePassword: 1,
      failedAttempts: 0,
      lockedUntil: null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    return this.db.transaction().execute(async (trx) => {
      if (await this.repo.usernameTaken(row.username, trx))
        throw new ConflictError('user.username_taken', [{ path: 'body.username', code: 'user.username_taken' }]);
      await this.repo.insert(trx, row);
      await this.repo.replaceGrants(trx, row.id, input.grants, randomUUID);
      await bumpAuthzGeneration(trx);
      await this.audit.record(trx, actor, { action: 'create', entity: 'user', entityId: row.id, unitId: row.unitId, after: audited(row, input.grants) });
      return this.view(actor, row.id, trx);
    });
  }

  async update(actor: ServerActor, id: string, input: UpdateUserInput): Promise<UserView> {
    return this.db.transaction().execute(async (trx) => {
      const { user, grants: beforeGrants } = await this.manageable(actor, id, trx);
      if (user.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: await this.view(actor, id, trx) });
      if (input.unitId !== undefined && input.unitId !== user.unitId) {
        if (!can(actor, 'unit.read', input.unitId)) throw new NotFoundError('unit.not_found');
        authorize(actor, 'user.manage', input.unitId);
      }
      if (id === actor.userId && input.isActive === false)
        throw new ValidationError('user.cannot_deactivate_self', [{ path: 'body.isActive', code: 'user.cannot_deactivate_self' }]);
      // Every grant the user holds is one the actor may manage (checked above), so removing any is allowed;
      // each grant in the new list must be one the actor may give.
      if (input.grants) this.checkGrants(actor, input.grants);
      const patch: Partial<UserRow> = { updatedAt: this.clock.now() };
      if (input.fullName !== undefined) Object.assign(patch, { fullName: input.fullName, fullNameFolded: foldVietnamese(input.fullName) });
      if (input.email !== undefined) patch.email = input.email;
      if (input.unitId !== undefined) patch.unitId = input.unitId;
      if (input.isActive !== undefined) patch.isActive = input.isActive ? 1 : 0;
      if (!(await this.repo.update(trx, id, user.version, patch))) throw new ConflictError('conflict.stale_version');
      if (input.grants) await this.repo.replaceGrants(trx, id, input.grants, randomUUID);
      if (input.grants || input.unitId !== undefined) await bumpAuthzGeneration(trx);
      if (input.isActive === false) await this.repo.deleteSessions(trx, id);
      const after = { ...user, ...patch, version: user.version + 1 };
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'user',
        entityId: id,
        unitId: user.unitId,
        before: audited(user, beforeGrants),
        after: audited(after, input.grants ?? beforeGrants),
      });
      return this.view(actor, id, trx);
    });
  }

  /**
   * Sets a new password that must be changed at next login, unlocks, ends every session and revokes every
   * API token of the user, all in one transaction: whoever knew the old password may also have made a token.
   */
  async resetPassword(actor: ServerActor, id: string, newPassword: string): Promise<void> {
    const { user } = await this.manageable(actor, id, this.db);
    const passwordHash = await hashPassword(newPassword, this.hashing);
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      if (!(await this.repo.update(trx, id, user.version, { passwordHash, mustChangePassword: 1, failedAttempts: 0, lockedUntil: null, updatedAt: now }))) {
        throw new ConflictError('conflict.stale_version');
      }
      await this.repo.deleteSessions(trx, id);
      const revoked = await revokeApiTokensOf(trx, this.audit, actor, user, now, 'password_reset');
      await this.audit.record(trx, actor, {
        action: 'password_reset',
        entity: 'user',
        entityId: id,
        unitId: user.unitId,
        after: { apiTokensRevoked: revoked },
      });
    });
  }
}
