import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { Clock } from '../clock';
import { TooManyRequestsError } from '../errors';
import type { ThrottleRepository } from './throttle.repository';

/** A key part derived from what a user typed: bounded length and no LIKE wildcards. */
export const keyPart = (s: string): string => createHash('sha256').update(s).digest('hex').slice(0, 32);

const secondsUntil = (until: string, now: string) => Math.max(1, Math.ceil((Date.parse(until) - Date.parse(now)) / 1000));

/**
 * Security counters shared by every server instance through the database (docs/architecture.md,
 * "Security"): request limits and quotas per client address, and failure counts that block a key
 * for a while. They survive restarts and cannot be pushed out by filling a table with junk keys;
 * expired rows are deleted by the cleanup job (`purge`).
 */
export class Throttle {
  constructor(
    private readonly repo: ThrottleRepository,
    private readonly clock: Clock,
  ) {}

  /**
   * Uses `amount` of the key's allowance of `limit` per `windowMs`; past it, throws 429 `code` with
   * `retryAfterSeconds` (also sent as Retry-After). A refused request uses nothing.
   */
  async consume(key: string, amount: number, limit: number, windowMs: number, code: string): Promise<void> {
    const now = this.clock.now();
    if (amount <= limit && (await this.repo.take(key, amount, limit, windowMs, now)) !== undefined) return;
    const row = await this.repo.get(key, now);
    throw new TooManyRequestsError(code, [], { retryAfterSeconds: secondsUntil(row?.windowEndsAt ?? new Date(Date.parse(now) + windowMs).toISOString(), now) });
  }

  /**
   * Counts a failure on `key` (remembered `memoryMs` after the latest one) and blocks the key for
   * `blockMs(count)` when that is not null. Returns the count.
   */
  async fail(key: string, memoryMs: number, blockMs: (count: number) => number | null): Promise<number> {
    const now = this.clock.now();
    const count = await this.repo.fail(key, memoryMs, now);
    const ms = blockMs(count);
    if (ms !== null && ms > 0) await this.repo.blockUntil(key, new Date(Date.parse(now) + ms).toISOString());
    return count;
  }

  /** The key's live failure count and, when blocked, the seconds left. */
  async state(key: string): Promise<{ count: number; blockedSeconds: number; blockedUntil: string | null }> {
    const now = this.clock.now();
    const row = await this.repo.get(key, now);
    if (!row) return { count: 0, blockedSeconds: 0, blockedUntil: null };
    const blocked = row.blockedUntil !== null && row.blockedUntil > now;
    return { count: row.hits, blockedSeconds: blocked ? secondsUntil(row.blockedUntil!, now) : 0, blockedUntil: blocked ? row.blockedUntil : null };
  }

  clear(key: string): Promise<void> {
    return this.repo.remove(key);
  }

  clearPrefix(prefix: string): Promise<number> {
    return this.repo.removePrefix(prefix);
  }

  /** The cleanup job: deletes the rows that no longer count. */
  purge(): Promise<number> {
    return this.repo.purge(this.clock.now());
  }

  /**
   * A route hook allowing `max` requests per `windowMs` from one client address, counted under
   * `name`. `req.ip` is the socket's address unless TRUST_PROXY names the proxy in front.
   */
  perAddress(name: string, max: number, windowMs = 60_000) {
    return async (req: FastifyRequest): Promise<void> => {
      await this.consume(`${name}:${req.ip}`, 1, max, windowMs, 'auth.rate_limited');
    };
  }
}
