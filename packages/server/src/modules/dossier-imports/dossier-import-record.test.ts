import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseSourceTime } from './dossier-import-record';

/** The portal time as a calendar would read it: `Date` rolls 31 February over into March, so compare back. */
function reference(s: string): string {
  const [y, mo, d, h, mi, se] = [s.slice(0, 4), s.slice(4, 6), s.slice(6, 8), s.slice(8, 10), s.slice(10, 12), s.slice(12, 14)].map(Number) as number[];
  const local = new Date(0);
  local.setUTCFullYear(y!, mo! - 1, d!);
  local.setUTCHours(h!, mi!, se!, 0);
  const same = local.getUTCFullYear() === y && local.getUTCMonth() === mo! - 1 && local.getUTCDate() === d && h! < 24 && mi! < 60 && se! < 60;
  return same && y! >= 100 ? new Date(local.getTime() - 7 * 3600_000).toISOString() : 'invalid';
}

describe('parseSourceTime', () => {
  it("reads the portal's yyyyMMddHHmmss as a time in Viet Nam (UTC+7)", () => {
    expect(parseSourceTime('20250715083000')).toBe('2025-07-15T01:30:00.000Z');
    expect(parseSourceTime('20250101050000')).toBe('2024-12-31T22:00:00.000Z');
    expect(parseSourceTime(20240229235959)).toBe('2024-02-29T16:59:59.000Z');
    expect(parseSourceTime(' 20250715083000 ')).toBe('2025-07-15T01:30:00.000Z');
  });

  it('refuses impossible calendar values rather than rolling them over', () => {
    for (const s of [
      '20250229000000',
      '19000229000000',
      '20250431120000',
      '20251301000000',
      '20250001000000',
      '20250700000000',
      '20250715240000',
      '20250715236000',
      '20250715235960',
      '00991231000000',
    ])
      expect(parseSourceTime(s), s).toBe('invalid');
    expect(parseSourceTime('20000229000000')).toBe('2000-02-28T17:00:00.000Z');
  });

  it('agrees with the calendar on any fourteen digits', () => {
    const digits = (n: number, max: number) => fc.integer({ min: 0, max }).map((v) => String(v).padStart(n, '0'));
    fc.assert(
      fc.property(digits(4, 9999), digits(2, 14), digits(2, 33), digits(2, 25), digits(2, 61), digits(2, 61), (...parts) => {
        const s = parts.join('');
        expect(parseSourceTime(s)).toBe(reference(s));
      }),
      { numRuns: 5000 },
    );
  });

  it('reads ISO 8601 with an offset and refuses other shapes', () => {
    expect(parseSourceTime('2025-07-15T08:30:00+07:00')).toBe('2025-07-15T01:30:00.000Z');
    expect(parseSourceTime('2025-07-15T01:30Z')).toBe('2025-07-15T01:30:00.000Z');
    for (const s of ['2025-07-15', '2025-07-15T08:30:00', '2025071508300', '202507150830000', '2025071508300x', 'hôm qua', '1989-12-31T23:00:00Z'])
      expect(parseSourceTime(s), s).toBe('invalid');
    expect(parseSourceTime('')).toBeNull();
    expect(parseSourceTime(null)).toBeNull();
    expect(parseSourceTime({})).toBe('invalid');
  });
});
