import { hash } from 'node:crypto';
import type { IdentityRow } from './actor';

/** The identity behind a session as the session query returns it. */
export type SessionRow = IdentityRow & { lastSeenAt: string; expiresAt: string };

interface Entry {
  sessionId: string;
  row: SessionRow;
  /** The monotonic time when the row was read from the database. */
  readAt: number;
}

/**
 * Sessions verified in the last few seconds, so that a burst of requests from one browser costs one
 * cookie signature check and one database read instead of one each.
 *
 * - The key is the SHA-256 of the signed cookie value: a hit means this exact value was verified
 *   before, and the map holds no usable credential.
 * - Every state-changing request handled by this process (logout, password change or reset,
 *   deactivation, role or unit change: all are POST/PATCH/PUT/DELETE) clears it once it is done and
 *   before its answer is sent; `epoch` keeps a read that overlapped such a write from storing its
 *   now stale row.
 * - A change made elsewhere (another server process, the CLI, SQL by hand) is seen at the latest
 *   `ttlMs` later: that is the staleness bound (docs/architecture.md).
 * - The session's own expiry is still checked on every hit.
 */
export class SessionCache {
  private readonly entries = new Map<string, Entry>();
  private epochValue = 0;

  constructor(
    private readonly ttlMs = 5_000,
    private readonly maxEntries = 10_000,
    /** A monotonic clock in milliseconds (tests replace it). */
    private readonly monotonic: () => number = () => performance.now(),
  ) {}

  static keyOf(signedCookie: string): string {
    return hash('sha256', signedCookie);
  }

  /** Changes whenever the cache is cleared; read it before a database read and pass it to `set`. */
  get epoch(): number {
    return this.epochValue;
  }

  get(key: string, now: string): Entry | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    if (this.monotonic() - e.readAt > this.ttlMs || e.row.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return e;
  }

  /** Stores a row read while the cache was at `epoch`; a clear since then makes it too old to keep. */
  set(key: string, sessionId: string, row: SessionRow, epoch: number): void {
    if (epoch !== this.epochValue) return;
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { sessionId, row, readAt: this.monotonic() });
  }

  clear(): void {
    this.epochValue++;
    this.entries.clear();
  }
}
