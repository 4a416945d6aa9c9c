import type { Db } from '../db/database';

const plus = (now: string, ms: number) => new Date(Date.parse(now) + ms).toISOString();

/**
 * The SQL of the security counters (platform/throttle). Every change is one atomic upsert, so two
 * requests (or two server instances) never read-modify-write the same row; see docs/architecture.md,
 * "Security". Times are the injected clock's instants.
 */
export class ThrottleRepository {
  constructor(private readonly db: Db) {}

  /**
   * Adds `amount` to the key's fixed window unless that would pass `limit`. The window starts anew
   * once it has ended. Returns the new total, or undefined when refused (nothing is added then).
   */
  async take(key: string, amount: number, limit: number, windowMs: number, now: string): Promise<number | undefined> {
    const ends = plus(now, windowMs);
    const row = await this.db
      .insertInto('throttleCounters')
      .values({ key, hits: amount, windowEndsAt: ends, blockedUntil: null, expiresAt: ends })
      .onConflict((oc) =>
        oc
          .column('key')
          .doUpdateSet((eb) => {
            const ended = eb('throttleCounters.windowEndsAt', '<=', now);
            return {
              hits: eb
                .case()
                .when(ended)
                .then(eb.ref('excluded.hits'))
                .else(eb('throttleCounters.hits', '+', eb.ref('excluded.hits')))
                .end(),
              windowEndsAt: eb.case().when(ended).then(eb.ref('excluded.windowEndsAt')).else(eb.ref('throttleCounters.windowEndsAt')).end(),
              expiresAt: eb.case().when(ended).then(eb.ref('excluded.expiresAt')).else(eb.ref('throttleCounters.expiresAt')).end(),
            };
          })
          .where((eb) => eb.or([eb('throttleCounters.windowEndsAt', '<=', now), eb(eb('throttleCounters.hits', '+', eb.ref('excluded.hits')), '<=', limit)])),
      )
      .returning('hits')
      .executeTakeFirst();
    return row ? Number(row.hits) : undefined;
  }

  /**
   * Counts one failure. Failures are remembered for `memoryMs` after the latest one; a quiet period
   * that long starts the count again and ends any block. Returns the count including this one.
   */
  async fail(key: string, memoryMs: number, now: string): Promise<number> {
    const ends = plus(now, memoryMs);
    const row = await this.db
      .insertInto('throttleCounters')
      .values({ key, hits: 1, windowEndsAt: ends, blockedUntil: null, expiresAt: ends })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet((eb) => {
          const ended = eb('throttleCounters.windowEndsAt', '<=', now);
          return {
            hits: eb
              .case()
              .when(ended)
              .then(eb.ref('excluded.hits'))
              .else(eb('throttleCounters.hits', '+', eb.ref('excluded.hits')))
              .end(),
            blockedUntil: eb.case().when(ended).then(eb.ref('excluded.blockedUntil')).else(eb.ref('throttleCounters.blockedUntil')).end(),
            windowEndsAt: eb.ref('excluded.windowEndsAt'),
            expiresAt: eb
              .case()
              .when(eb.and([eb.not(ended), eb('throttleCounters.blockedUntil', '>', eb.ref('excluded.expiresAt'))]))
              .then(eb.ref('throttleCounters.blockedUntil'))
              .else(eb.ref('excluded.expiresAt'))
              .end()
              .$castTo<string>(),
          };
        }),
      )
      .returning('hits')
      .executeTakeFirstOrThrow();
    return Number(row.hits);
  }

  /** Blocks the key until `until` unless it is already blocked longer; the row lives at least as long. */
  async blockUntil(key: string, until: string): Promise<void> {
    await this.db
      .updateTable('throttleCounters')
      .set((eb) => ({
        blockedUntil: eb
          .case()
          .when(eb.or([eb('blockedUntil', 'is', null), eb('blockedUntil', '<', until)]))
          .then(until)
          .else(eb.ref('blockedUntil'))
          .end(),
        expiresAt: eb.case().when('expiresAt', '<', until).then(until).else(eb.ref('expiresAt')).end(),
      }))
      .where('key', '=', key)
      .execute();
  }

  /** The live row of a key, if any: one primary-key read. */
  async get(key: string, now: string) {
    const row = await this.db
      .selectFrom('throttleCounters')
      .select(['hits', 'windowEndsAt', 'blockedUntil'])
      .where('key', '=', key)
      .where('expiresAt', '>', now)
      .executeTakeFirst();
    return row ? { ...row, hits: Number(row.hits) } : undefined;
  }

  async remove(key: string): Promise<void> {
    await this.db.deleteFrom('throttleCounters').where('key', '=', key).execute();
  }

  /** Deletes every key starting with `prefix`, which must contain no LIKE wildcards (callers hash what users type). */
  async removePrefix(prefix: string): Promise<number> {
    const r = await this.db.deleteFrom('throttleCounters').where('key', 'like', `${prefix}%`).executeTakeFirst();
    return Number(r.numDeletedRows);
  }

  /** The cleanup job: rows past their expiry, through the `expires_at` index. */
  async purge(now: string): Promise<number> {
    const r = await this.db.deleteFrom('throttleCounters').where('expiresAt', '<=', now).executeTakeFirst();
    return Number(r.numDeletedRows);
  }
}
