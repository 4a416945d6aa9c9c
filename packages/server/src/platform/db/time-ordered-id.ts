import { randomFillSync } from 'node:crypto';

/** Random bytes drawn in blocks: one system call per 4,096 ids rather than one per id (an import makes one per row). */
const BLOCK = 16 * 4096;
let pool = Buffer.alloc(0);
let poolAt = 0;

/**
 * A UUID of version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, written like any other id.
 * Ids made one after another sort one after another (up to the millisecond), so a bulk insert of many new
 * rows adds their primary-key entries, and those of the rows keyed by them (history, timeline), at the right
 * end of each index instead of at random places all over it: at a million rows the random places no longer
 * fit in the database server's cache and every entry costs a page read (docs/dossier-imports.md, "Throughput").
 */
export function timeOrderedId(now = Date.now()): string {
  if (poolAt + 16 > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafe(BLOCK));
    poolAt = 0;
  }
  const b = pool.subarray(poolAt, (poolAt += 16));
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
