import type { Instant, LocalDate } from '@cchc/domain';
import { localDateOf } from '@cchc/domain';

/** The only source of "now" in the server; tests replace it. */
export interface Clock {
  now(): Instant;
  today(): LocalDate;
}

export const systemClock: Clock = {
  now: () => new Date().toISOString() as Instant,
  today: () => localDateOf(new Date().toISOString()),
};

/** A clock that stays where a test puts it. */
export function fixedClock(at: string): Clock & { set(at: string): void; advanceMinutes(m: number): void } {
  let current = new Date(at).toISOString();
  return {
    now: () => current as Instant,
    today: () => localDateOf(current),
    set(v) {
      current = new Date(v).toISOString();
    },
    advanceMinutes(m) {
      current = new Date(Date.parse(current) + m * 60_000).toISOString();
    },
  };
}
