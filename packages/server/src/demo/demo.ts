import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { AuditRepository } from '../platform/audit/audit.repository';
import { AuditService } from '../platform/audit/audit.service';
import { bumpAuthzGeneration } from '../platform/auth/actor';
import { DEFAULT_HASHING, type HashingParams } from '../platform/auth/password';
import { systemClock, type Clock } from '../platform/clock';
import type { DbHandle } from '../platform/db/database';
import type { DemoContext } from './demo-context';
import { seedDossiers } from './demo-dossiers';
import { seedPar } from './demo-par';
import { seedPlans } from './demo-plans';
import { seedPlatform } from './demo-platform';
import { seedProcedures } from './demo-procedures';
import { seedReports } from './demo-reports';
import { seedIndicators } from './demo-indicators';

/** Every module's demo data, in order. Later modules append their seeder here. */
export const DEMO_SEEDERS: Array<(ctx: DemoContext) => Promise<void>> = [
  seedPlatform,
  seedProcedures,
  seedPar,
  seedDossiers,
  seedPlans,
  seedReports,
  seedIndicators,
];

/**
 * Fills an empty database with the demo Department. Returns the password, or null when the
 * database already had data (the demo is created only the first time).
 */
export async function seedDemo(
  handle: DbHandle,
  opts: { password?: string; clock?: Clock; hashing?: HashingParams } = {},
): Promise<{ password: string; generated: boolean } | null> {
  const users = await handle.db
    .selectFrom('users')
    .select(sql<number>`count(*)`.as('n'))
    .executeTakeFirstOrThrow();
  if (Number(users.n) > 0) return null;
  const clock = opts.clock ?? systemClock;
  const generated = !opts.password;
  const password = opts.password ?? `Demo-${randomBytes(6).toString('base64url')}1`;
  const audit = new AuditService(new AuditRepository(handle.db, handle.engine), clock);
  await handle.db.transaction().execute(async (trx) => {
    const ctx: DemoContext = { trx, now: clock.now(), clock, audit, password, hashing: opts.hashing ?? DEFAULT_HASHING, units: new Map(), users: new Map() };
    for (const seed of DEMO_SEEDERS) await seed(ctx);
    await bumpAuthzGeneration(trx);
  });
  return { password, generated };
}
