import { canAnywhere, tokenExpiryProblem, unitsFor } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import { permissionsOf, ScopeCache, type ServerActor } from '../../platform/auth/actor';
import type { UnitTree } from '../../platform/units/unit-tree';
import { authorize } from '../../platform/auth/authorize';
import { hashPassword, verifyPassword, type HashingParams } from '../../platform/auth/password';
import { SessionCache } from '../../platform/auth/session-cache';
import { newSecret, sha256 } from '../../platform/auth/tokens';
import { revokeApiTokensOf } from '../../platform/auth/api-tokens';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ForbiddenError, NotFoundError, TooManyRequestsError, UnauthenticatedError, ValidationError } from '../../platform/errors';
import { keyPart, type Throttle } from '../../platform/throttle/throttle';
import type { AuthRepository } from './auth.repository';
import type { MeView } from './auth.schemas';

export interface AuthPolicy {
  sessionTtlHours: number;
  /** Failures from one address on one username before that pair backs off. */
  lockAfterFailures: number;
  /** The longest backoff, in minutes. */
  lockMinutes: number;
  /** Failures on one username from all addresses (within the memory) that slow every address down. */
  userCeiling?: number;
  hashing: HashingParams;
}

const DEFAULT_USER_CEILING = 20;
/** Login failures are forgotten after an hour without one. */
const LOGIN_FAILURE_MEMORY_MS = 60 * 60_000;
/** The first backoff; each further failure doubles it, up to `lockMinutes`. */
const FIRST_BACKOFF_MS = 30_000;
const LOGIN_USER_KEY = 'login:u:';
const LOGIN_PAIR_KEY = 'login:ua:';

/**
 * The wait after the `count`-th failure from one address on one username, or null for none. Once the
 * username's ceiling is reached the backoff starts at the first failure and from twice as long.
 */
export function loginBackoffMs(count: number, policy: Pick<AuthPolicy, 'lockAfterFailures' | 'lockMinutes'>, underAttack: boolean): number | null {
  const after = underAttack ? 1 : Math.max(1, policy.lockAfterFailures);
  if (count < after) return null;
  const first = underAttack ? 2 * FIRST_BACKOFF_MS : FIRST_BACKOFF_MS;
  return Math.min(policy.lockMinutes * 60_000, first * 2 ** Math.min(count - after, 20));
}

export class AuthService {
  // Verifying against this hash when the username is unknown keeps the response time the same,
  // so timing does not reveal which usernames exist.
  private dummyHash: Promise<string> | null = null;
  private readonly scopes: ScopeCache;
  private readonly sessions = new SessionCache();

  constructor(
    private readonly db: Db,
    private readonly repo: AuthRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly policy: AuthPolicy,
    private readonly throttle: Throttle,
    unitTree: UnitTree,
  ) {
    this.scopes = new ScopeCache(unitTree);
  }

  /**
   * Checks credentials and opens a session; returns the cookie token. Failures are throttled per
   * username and client address, never per account (docs/architecture.md, "Security"): after
   * `lockAfterFailures` failures from one address that address backs off exponentially (up to
   * `lockMinutes`) on that username, while the owner elsewhere can still log in. Past `userCeiling`
   * failures on the username from all addresses within the hour, every address backs off from its
   * first failure, but an address without recent failures still gets its first try. The counters are
   * keyed by the username as typed, so an unknown username behaves exactly like a known one: same
   * status, code, body and (the dummy hash is verified) time.
   */
  async login(username: string, password: string, address: string, requestId: string): Promise<{ token: string; userId: string }> {
    const userKey = `${LOGIN_USER_KEY}${keyPart(username)}`;
    const pairKey = `${LOGIN_PAIR_KEY}${keyPart(username)}:${address}`;
    const pair = await this.throttle.state(pairKey);
    if (pair.blockedSeconds > 0)
      throw new TooManyRequestsError('auth.throttled', [], { retryAfterSeconds: pair.blockedSeconds, lockedUntil: pair.blockedUntil });
    // Made on the first login of any kind, so that even the first unknown username costs no extra hash.
    const dummy = await (this.dummyHash ??= hashPassword(newSecret(), this.policy.hashing));
    const found = await this.repo.findUserByUsername(username);
    const user = found?.isActive ? found : undefined;
    const ok = await verifyPassword(user?.passwordHash ?? dummy, password);
    if (!user || !ok) {
      const onUsername = await this.throttle.fail(userKey, LOGIN_FAILURE_MEMORY_MS, () => null);
      const backoff = (n: number) => loginBackoffMs(n, this.policy, onUsername >= (this.policy.userCeiling ?? DEFAULT_USER_CEILING));
      const failures = await this.throttle.fail(pairKey, LOGIN_FAILURE_MEMORY_MS, backoff);
      if (user) {
        const who = { userId: user.id, username: user.username, fullName: user.fullName, requestId } as ServerActor;
        await this.db
          .transaction()
          .execute((trx) =>
            this.audit.record(trx, who, { action: 'login_failed', entity: 'user', entityId: user.id, unitId: user.unitId, after: { failures, address } }),
          );
      }
      const ms = backoff(failures);
      if (ms !== null) {
        const retryAfterSeconds = Math.ceil(ms / 1000);
        throw new TooManyRequestsError('auth.throttled', [], { retryAfterSeconds, lockedUntil: new Date(Date.parse(this.clock.now()) + ms).toISOString() });
      }
      throw new UnauthenticatedError('auth.invalid_credentials');
    }
    const now = this.clock.now();
    const who = { userId: user.id, username: user.username, fullName: user.fullName, requestId } as ServerActor;
    const token = newSecret();
    await this.throttle.clear(pairKey);
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

  /**
   * POST /api/users/:id/unlock: forgets the login failures on the user's username from every address,
   * for an administrator with `user.manage` where the user works (outside `user.read` scope: 404).
   */
  async unlock(actor: ServerActor, userId: string): Promise<void> {
    const user = await this.repo.findUserById(userId);
    if (!user || !unitsFor(actor, 'user.read').includes(user.unitId)) throw new NotFoundError('user.not_found');
    authorize(actor, 'user.manage', user.unitId);
    await this.throttle.clearPrefix(`${LOGIN_PAIR_KEY}${keyPart(user.username)}:`);
    await this.throttle.clear(`${LOGIN_USER_KEY}${keyPart(user.username)}`);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.clearFailures(trx, user.id);
      await this.audit.record(trx, actor, { action: 'login_unlock', entity: 'user', entityId: user.id, unitId: user.unitId });
    });
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
      await this.audit.record(trx, actor, {
        action: 'password_change',
        entity: 'user',
        entityId: user.id,
        unitId: user.unitId,
        after: { apiTokensRevoked: revoked },
      });
    });
    this.sessions.clear();
  }

  listTokens(actor: ServerActor) {
    return this.repo.listTokens(actor.userId);
  }

  /** Creates a token, optionally expiring (future, at most API_TOKEN_MAX_DAYS ahead; see the domain). */
  async createToken(actor: ServerActor, input: { name: string; expiresAt?: string | null }) {
    // A token is the user's own, not a unit's record: the role is needed on any grant.
    if (!canAnywhere(actor, 'api_token.create')) throw new ForbiddenError('forbidden', [], { action: 'api_token.create' });
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
