import type { AuditService } from '../audit/audit.service';
import type { Db } from '../db/database';
import type { ServerActor } from './actor';

/**
 * Revokes every live API token of a user inside the caller's transaction and audits each one, for a
 * password change or an administrator's reset (issue #9, defect 8): whoever knew the old password may
 * have made a token with it. Tokens are read on every bearer request (never cached), so the next
 * request with one is refused. Returns how many were revoked.
 */
export async function revokeApiTokensOf(
  trx: Db,
  audit: AuditService,
  actor: ServerActor,
  user: { id: string; unitId: string },
  now: string,
  reason: 'password_change' | 'password_reset',
): Promise<number> {
  const live = await trx.selectFrom('apiTokens').select(['id', 'name']).where('userId', '=', user.id).where('revokedAt', 'is', null).execute();
  if (live.length === 0) return 0;
  await trx.updateTable('apiTokens').set({ revokedAt: now }).where('userId', '=', user.id).where('revokedAt', 'is', null).execute();
  for (const t of live) {
    await audit.record(trx, actor, {
      action: 'delete',
      entity: 'api_token',
      entityId: t.id,
      unitId: user.unitId,
      before: { name: t.name },
      after: { revokedAt: now, reason },
    });
  }
  return live.length;
}
