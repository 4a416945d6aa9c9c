import { tokenExpiryProblem } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import { permissionsOf, ScopeCache, type ServerActor } from '../../platform/auth/actor';
import { hashPassword, verifyPassword, type HashingParams } from '../../platform/auth/password';
import { SessionCache } from '../../platform/auth/session-cache';
import { newSecret, sha256 } from '../../platform/auth/tokens';
import { revokeApiTokensOf } from '../../platform/auth/api-tokens';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../../platform/errors';
import type { AuthRepository } from './auth.repository';
import type { MeView } from './auth.schemas';


export interface AuthPolicy {
  sessionTtlHours: number;
  lockAfterFailures: number;
  lockMinutes: number;
  hashing: HashingParams;
}

export class AuthService {
  // Verifying against this hash when the username is unknown keeps the response time the same,
  // so timing does not reveal which usernames exist.
  private dummyHash: Promise<string> | null = null;
  private readonly scopes = new ScopeCache();
  private readonly sessions = new SessionCache();

  constructor(
    private readonly db: Db,
    private readonly repo: AuthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: AuthPolicy,
  ) {}

  /** Checks credentials, applies lockout, and opens a session. Returns the cookie token. */
  async login(username: string, password: string, requestId: string): Promise<{ token: string; userId: string }> {
    const now = this.clock.now();
    const user = await this.repo.findUserByUsername(username);
    if (!user || !user.isActive) {
      await verifyPassword(await (this.dummyHash ??= hashPassword(newSecret(), this.policy.hashing)), password);
      throw new UnauthenticatedError('auth.invalid_credentials');
    }
    if (user.lockedUntil && user.lockedUntil > now) {
      const retryAfterSeconds = Math.ceil((Date.parse(user.lockedUntil) - Date.parse(now)) / 1000);
      throw new UnauthenticatedError('auth.locked', [], { retryAfterSeconds, lockedUntil: user.lockedUntil });
    }
    const ok = await verifyPassword(user.passwordHash, password);
    const who = { userId: user.id, username: user.username, fullName: user.fullName, requestId } as ServerActor;
    if (!ok) {
      const failures = user.failedAttempts + 1;
      const locks = failures >= this.policy.lockAfterFailures;
      const lockedUntil = locks ? new Date(Date.parse(now) + this.policy.lockMinutes * 60_000).toISOString() : null;
      await this.db.transaction().execute(async (trx) => {
        await this.repo.recordFailure(trx, user.id, locks ? 0 : failures, lockedUntil);
        await this.audit.record(trx, who, { action: 'login_failed', entity: 'user', entityId: user.id, unitId: user.unitId, after: { failures, lockedUntil } });
      });
      if (locks) throw new UnauthenticatedError('auth.locked', [], { retryAfterSeconds: this.policy.lockMinutes * 60, lockedUntil });
      throw new UnauthenticatedError('auth.invalid_credentials');
    }
    const token = newSecret();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.clearFailures(trx, user.id);
      await this.repo.createSession(trx, {
        id: sha256(token),
        userId: user.id,
        createdAt: now,
        expiresAt: new Date(Date.parse(now) + this.policy.sessionTtlHours * 3600_000).toISOString(),
      });
      await this.audit.record(trx, who, { action: 'login', entity: 'user', entityId: user.id, unitId: user.unitId });
    });
    return { token, userId: user.id };
  }

  /** Opens a session for a user who was just created (first-run setup). */
  async openSession(trx: Db, userId: string): Promise<string> {
    const now = this.clock.now();
    const token = newSecret();
    await this.repo.createSession(trx, {
      id: sha256(token),
      userId,
      createdAt: now,
      expiresAt: new Date(Date.parse(now) + this.policy.sessionTtlHours * 3600_000).toISOString(),
    });
    return token;
  }

  async logout(actor: ServerActor | null, token: string | undefined): Promise<void> {
    if (!token) return;
    await this.repo.deleteSession(sha256(token));
    this.sessions.clear();
    if (actor) await this.db.transaction().execute((trx) => this.audit.record(trx, actor, { action: 'logout', entity: 'user', entityId: actor.userId }));
  }

  /** Resolves the actor behind a session cookie, or null. Touches the session at most once a minute. */
  async actorFromSession(token: string, requestId: string): Promise<ServerActor | null> {
    const now = this.clock.now();
    const id = sha256(token);
    const row = await this.repo.findSessionUser(id, now);
    if (!row) return null;
    if (Date.parse(now) - Date.parse(row.lastSeenAt) > 60_000) await this.repo.touchSession(id, now);
    return this.scopes.actorFor(this.db, row, requestId);
  }

  /**
   * Resolves the actor behind the signed session cookie, or null. A cookie verified in the last few
   * seconds is served from the session cache (no signature check, no query); see SessionCache.
   */
  async actorFromCookie(signed: string, unsign: (raw: string) => { valid: boolean; value: string | null }, requestId: string): Promise<ServerActor | null> {
    const now = this.clock.now();
    const key = SessionCache.keyOf(signed);
    const hit = this.sessions.get(key, now);
    if (hit) {
      if (Date.parse(now) - Date.parse(hit.row.lastSeenAt) > 60_000) {
        await this.repo.touchSession(hit.sessionId, now);
        hit.row.lastSeenAt = now;
      }
      return this.scopes.actorFor(this.db, hit.row, requestId);
    }
    const cookie = unsign(signed);
    if (!cookie.valid || !cookie.value) return null;
    const epoch = this.sessions.epoch;
    const id = sha256(cookie.value);
    const row = await this.repo.findSessionUser(id, now);
    if (!row) return null;
    if (Date.parse(now) - Date.parse(row.lastSeenAt) > 60_000) {
      await this.repo.touchSession(id, now);
      row.lastSeenAt = now;
    }
    this.sessions.set(key, id, row, epoch);
    return this.scopes.actorFor(this.db, row, requestId);
  }

  /** Called after every state-changing request: sessions, users or grants may have changed. */
  sessionsChanged(): void {
    this.sessions.clear();
  }

  async actorFromToken(token: string, requestId: string): Promise<ServerActor | null> {
    const now = this.clock.now();
    const row = await this.repo.findTokenUser(sha256(token), now);
    if (!row) return null;
    if (!row.lastUsedAt || Date.parse(now) - Date.parse(row.lastUsedAt) > 60_000) await this.repo.touchToken(row.tokenId, now);
    return this.scopes.actorFor(this.db, row, requestId);
  }

  /** The profile comes with the actor (resolved once per authorization generation), so this reads nothing. */
  me(actor: ServerActor): MeView {
    const p = actor.profile;
    if (!p) throw new UnauthenticatedError('auth.required');
    return {
      id: actor.userId,
      username: actor.username,
      fullName: actor.fullName,
      email: p.email,
      unitId: p.unitId,
      unitName: p.unitName,
      mustChangePassword: p.mustChangePassword,
      grants: actor.grants.map((g) => ({ role: g.role, unitId: g.unitId, unitName: p.unitNames[g.unitId] ?? '' })),
      permissions: permissionsOf(actor),
    };
  }

  async changePassword(actor: ServerActor, currentPassword: string, newPassword: string, keepSessionToken?: string): Promise<void> {
    const user = await this.repo.findUserById(actor.userId);
    if (!user) throw new NotFoundError('user.not_found');
    if (!(await verifyPassword(user.passwordHash, currentPassword))) {
      throw new ValidationError('auth.wrong_password', [{ path: 'body.currentPassword', code: 'auth.wrong_password' }]);
    }
    if (currentPassword === newPassword) throw new ValidationError('password.unchanged', [{ path: 'body.newPassword', code: 'password.unchanged' }]);
    const hash = await hashPassword(newPassword, this.policy.hashing);
    await this.db.transaction().execute(async (trx) => {
      const now = this.clock.now();
      await this.repo.setPassword(trx, user.id, hash, false, now);
      // Other sessions end when the password changes; the one making the change stays open. API tokens are
      // revoked too: one made by whoever knew the old password must not outlive it (issue #9, defect 8).
      await this.repo.deleteSessionsOf(trx, user.id, keepSessionToken ? sha256(keepSessionToken) : undefined);
      const revoked = await revokeApiTokensOf(trx, this.audit, actor, user, now, 'password_change');
      await this.audit.record(trx, actor, { action: 'password_change', entity: 'user', entityId: user.id, unitId: user.unitId, after: { apiTokensRevoked: revoked } });
    });
    this.sessions.clear();
  }

  listTokens(actor: ServerActor) {
    return this.repo.listTokens(actor.userId);
  }

  /** Creates a token, optionally expiring (future, at most API_TOKEN_MAX_DAYS ahead; see the domain). */
  async createToken(actor: ServerActor, input: { name: string; expiresAt?: string | null }) {
    const now = this.clock.now();
    const expiresAt = input.expiresAt ? new Date(input.expiresAt).toISOString() : null;
    const problem = expiresAt ? tokenExpiryProblem(expiresAt, now) : null;
    if (problem) throw new ValidationError(problem, [{ path: 'body.expiresAt', code: problem }]);
    const token = newSecret('cchc_');
    const row = { id: randomUUID(), userId: actor.userId, name: input.name, tokenHash: sha256(token), createdAt: now, expiresAt };
    await this.db.transaction().execute(async (trx) => {
      await this.repo.insertToken(trx, row);
      await this.audit.record(trx, actor, { action: 'create', entity: 'api_token', entityId: row.id, after: { name: input.name, expiresAt } });
    });
    return { id: row.id, name: input.name, createdAt: row.createdAt, expiresAt, token };
  }

  async revokeToken(actor: ServerActor, id: string) {
    const token = await this.repo.findToken(actor.userId, id);
    if (!token) throw new NotFoundError('api_token.not_found');
    await this.db.transaction().execute(async (trx) => {
      await this.repo.revokeToken(trx, id, this.clock.now());
      await this.audit.record(trx, actor, { action: 'delete', entity: 'api_token', entityId: id, before: { name: token.name } });
    });
  }
}
