import { sql, type CompiledQuery } from 'kysely';
import type { IdentityRow } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';

// The identity columns plus the authorization generation, read in the one query each request makes.
const IDENTITY = [
  'users.id',
  'users.username',
  'users.fullName',
  'users.email',
  'users.unitId',
  'users.mustChangePassword',
  sql<number>`(select generation from authz_state where id = 1)`.as('generation'),
] as const;

export class AuthRepository {
  constructor(private readonly db: Db) {}

  findUserByUsername(username: string) {
    return this.db.selectFrom('users').selectAll().where('username', '=', username).executeTakeFirst();
  }

  findUserById(id: string) {
    return this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  }

  private sessionQuery: CompiledQuery | null = null;

  /**
   * The active user behind a live session: the one query on the hot path of every request. It is
   * compiled once and re-run with new parameters, skipping query building on each request.
   */
  async findSessionUser(sessionId: string, now: string) {
    const query = (this.sessionQuery ??= this.db
      .selectFrom('sessions')
      .innerJoin('users', 'users.id', 'sessions.userId')
      .select(IDENTITY)
      .select(['sessions.lastSeenAt', 'sessions.expiresAt'])
      .where('sessions.id', '=', '?session')
      .where('sessions.expiresAt', '>', '?now')
      .where('users.isActive', '=', 1)
      .compile());
    type Row = IdentityRow & { lastSeenAt: string; expiresAt: string };
    const r = await this.db.executeQuery<Row>({ ...query, parameters: [sessionId, now, 1] });
    return r.rows[0];
  }

  /** The active user behind a live token: not revoked and not expired at `now`. */
  findTokenUser(tokenHash: string, now: string) {
    return this.db
      .selectFrom('apiTokens')
      .innerJoin('users', 'users.id', 'apiTokens.userId')
      .select(IDENTITY)
      .select(['apiTokens.id as tokenId', 'apiTokens.lastUsedAt'])
      .where('apiTokens.tokenHash', '=', tokenHash)
      .where('apiTokens.revokedAt', 'is', null)
      .where((eb) => eb.or([eb('apiTokens.expiresAt', 'is', null), eb('apiTokens.expiresAt', '>', now)]))
      .where('users.isActive', '=', 1)
      .executeTakeFirst();
  }

  touchSession(id: string, now: string) {
    return this.db.updateTable('sessions').set({ lastSeenAt: now }).where('id', '=', id).execute();
  }

  touchToken(id: string, now: string) {
    return this.db.updateTable('apiTokens').set({ lastUsedAt: now }).where('id', '=', id).execute();
  }

  createSession(trx: Db, s: { id: string; userId: string; createdAt: string; expiresAt: string }) {
    return trx
      .insertInto('sessions')
      .values({ ...s, lastSeenAt: s.createdAt })
      .execute();
  }

  deleteSession(id: string) {
    return this.db.deleteFrom('sessions').where('id', '=', id).execute();
  }

  deleteSessionsOf(trx: Db, userId: string, except?: string) {
    let q = trx.deleteFrom('sessions').where('userId', '=', userId);
    if (except) q = q.where('id', '!=', except);
    return q.execute();
  }

  recordFailure(trx: Db, userId: string, failedAttempts: number, lockedUntil: string | null) {
    return trx.updateTable('users').set({ failedAttempts, lockedUntil }).where('id', '=', userId).execute();
  }

  clearFailures(trx: Db, userId: string) {
    return trx.updateTable('users').set({ failedAttempts: 0, lockedUntil: null }).where('id', '=', userId).execute();
  }

  setPassword(trx: Db, userId: string, passwordHash: string, mustChange: boolean, now: string) {
    return trx
      .updateTable('users')
      .set((eb) => ({
        passwordHash,
        mustChangePassword: mustChange ? 1 : 0,
        failedAttempts: 0,
        lockedUntil: null,
        updatedAt: now,
        version: eb('version', '+', 1),
      }))
      .where('id', '=', userId)
      .execute();
  }

  listTokens(userId: string) {
    return this.db
      .selectFrom('apiTokens')
      .select(['id', 'name', 'createdAt', 'lastUsedAt', 'expiresAt'])
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .orderBy('createdAt', 'desc')
      .execute();
  }

  insertToken(trx: Db, t: { id: string; userId: string; name: string; tokenHash: string; createdAt: string; expiresAt: string | null }) {
    return trx.insertInto('apiTokens').values(t).execute();
  }

  findToken(userId: string, id: string) {
    return this.db
      .selectFrom('apiTokens')
      .select(['id', 'name'])
      .where('id', '=', id)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
  }

  revokeToken(trx: Db, id: string, now: string) {
    return trx.updateTable('apiTokens').set({ revokedAt: now }).where('id', '=', id).execute();
  }
}
