import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOverdueAt, openPauseOf, totalPausedWorkingDays, type DossierState } from './dossier-state';
import { DOSSIER_STATUSES, isTerminalStatus, PAUSED_STATUSES } from './status';
import { shiftByWorkingDays } from './step-plan';
import { runScenario, scenarioArb } from './test-arbitraries';
import { testCalendar as cal } from './test-calendar';
import { BLOCKED_WHEN_OVERDUE } from './transition-table';
import { localDateOf, RuleViolation, type Instant, type LocalDate } from '../values';

const ms = (t: string) => Date.parse(t);
const RUNS = { numRuns: 300 };

/** Every invariant a reachable state must hold. */
function expectValid(s: DossierState): void {
  expect(DOSSIER_STATUSES).toContain(s.status);
  expect(s.history.at(-1)?.to).toBe(s.status);
  s.history.forEach((h, i) => {
    const prev = s.history[i - 1];
    if (prev) {
      expect(ms(h.at)).toBeGreaterThanOrEqual(ms(prev.at));
      expect(h.from).toBe(prev.to);
    }
  });

  // Pauses: in order, never overlapping, only the last may be open, and only while waiting.
  s.pauses.forEach((p, i) => {
    const prev = s.pauses[i - 1];
    if (prev) {
      expect(prev.to).not.toBeNull();
      expect(ms(p.from)).toBeGreaterThanOrEqual(ms(prev.to ?? ''));
    }
    if (p.to !== null) {
      expect(ms(p.to)).toBeGreaterThanOrEqual(ms(p.from));
      const expected = p.stopsClock ? cal.workingDaysBetween(localDateOf(p.from), localDateOf(p.to)) : 0;
      expect(p.workingDays).toBe(expected);
    } else {
      expect(p.workingDays).toBeUndefined();
    }
    if (p.kind === 'supplement') expect(p.stopsClock).toBe(true);
  });
  const open = openPauseOf(s);
  expect(PAUSED_STATUSES.includes(s.status)).toBe(open !== null);
  if (open) expect(s.status).toBe(open.kind === 'supplement' ? 'awaiting_supplement' : 'awaiting_payment');
  expect(s.supplementRequestCount).toBe(s.pauses.filter((p) => p.kind === 'supplement').length);

  // No double counting: adjacent pauses are half-open in days, so together they never exceed the span.
  const first = s.pauses[0];
  const last = s.pauses.at(-1);
  if (first && last?.to) {
    expect(totalPausedWorkingDays(s)).toBeLessThanOrEqual(cal.workingDaysBetween(localDateOf(first.from), localDateOf(last.to)));
  }

  if (s.receivedAt === null) {
    expect(s.dueDate).toBeNull();
    expect(s.pauses).toEqual([]);
  } else {
    const { dueDate, dueAt, originalDueDate, originalDueAt, statutoryDueDate, statutoryDueAt } = s;
    if (!dueDate || !dueAt || !originalDueDate || !originalDueAt || !statutoryDueDate || !statutoryDueAt) {
      throw new Error('a received dossier has due dates');
    }
    expect(dueDate >= originalDueDate).toBe(true);
    expect(statutoryDueDate >= originalDueDate).toBe(true);
    expect(dueDate >= statutoryDueDate).toBe(true);
    expect(localDateOf(dueAt)).toBe(dueDate);
    expect(localDateOf(statutoryDueAt)).toBe(statutoryDueDate);
    expect(cal.isWorkingDay(dueDate)).toBe(true);

    // Replaying the due changes from the original reproduces both dates: each pause moved them by
    // exactly its own working days, once.
    let appointment: [LocalDate, Instant] = [originalDueDate, originalDueAt];
    let statutory: [LocalDate, Instant] = [originalDueDate, originalDueAt];
    for (const c of s.dueChanges) {
      if (c.cause === 'pause') {
        const k = c.workingDays ?? -1;
        expect([c.dueDate, c.dueAt]).toEqual(shiftByWorkingDays(cal, ...appointment, k));
        expect([c.statutoryDueDate, c.statutoryDueAt]).toEqual(shiftByWorkingDays(cal, ...statutory, k));
      } else if (c.cause === 'restart') {
        // A restarted period is never earlier than the plain shift would have been.
        const k = c.workingDays ?? -1;
        expect(ms(c.dueAt)).toBeGreaterThanOrEqual(ms(shiftByWorkingDays(cal, ...appointment, k)[1]));
        expect(ms(c.statutoryDueAt)).toBeGreaterThan(ms(shiftByWorkingDays(cal, ...statutory, k)[1]));
      } else {
        expect(c.dueDate > appointment[0]).toBe(true);
        expect([c.statutoryDueDate, c.statutoryDueAt]).toEqual(statutory);
      }
      appointment = [c.dueDate, c.dueAt];
      statutory = [c.statutoryDueDate, c.statutoryDueAt];
    }
    expect(appointment).toEqual([dueDate, dueAt]);
    expect(statutory).toEqual([statutoryDueDate, statutoryDueAt]);
    const shiftedDays = s.dueChanges.filter((c) => c.cause !== 'apology').reduce((n, c) => n + (c.workingDays ?? 0), 0);
    expect(shiftedDays).toBe(totalPausedWorkingDays(s));
  }

  expect(s.apologies.length).toBe(s.dueChanges.filter((c) => c.cause === 'apology').length);
  // Each hand-over moves one step on, each return one step back.
  const returns = s.handovers.filter((h) => h.kind === 'return').length;
  expect(s.handovers.length - 2 * returns).toBe(s.currentStep);
  expect(s.currentStep).toBeLessThanOrEqual(s.steps.length);
  const ends = ['result_ready', 'returned', 'refused', 'stopped'].includes(s.status) || (s.status === 'withdrawn' && s.receivedAt !== null);
  expect(s.endOfProcessingAt !== null).toBe(ends);
  expect(s.finishedAt !== null).toBe(isTerminalStatus(s.status));
}

describe('random action sequences', () => {
  it('never reach an invalid state', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { initial, steps } = runScenario(scenario);
        expectValid(initial);
        for (const step of steps) expectValid(step.after);
      }),
      RUNS,
    );
  });

  it('never leave a terminal status, and a refused action changes nothing', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { steps } = runScenario(scenario);
        for (const { before, after, error } of steps) {
          if (isTerminalStatus(before.status)) expect(error).toBeInstanceOf(RuleViolation);
          if (error) expect(after).toBe(before);
        }
      }),
      RUNS,
    );
  });

  it('never move an overdue dossier on without an apology', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { steps } = runScenario(scenario);
        for (const { before, action, now, error } of steps) {
          if (!error && BLOCKED_WHEN_OVERDUE.includes(action)) expect(isOverdueAt(before, now)).toBe(false);
          if (error instanceof RuleViolation && error.code === 'dossier.apology_required') expect(isOverdueAt(before, now)).toBe(true);
        }
      }),
      RUNS,
    );
  });

  it('never mutate the state they start from', () => {
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const first = runScenario(scenario);
        const snapshot = JSON.stringify(first.steps.map((s) => s.before));
        const again = runScenario(scenario); // same inputs, same results: no hidden clock or randomness
        expect(JSON.stringify(again.final)).toBe(JSON.stringify(first.final));
        expect(JSON.stringify(first.steps.map((s) => s.before))).toBe(snapshot);
      }),
      { numRuns: 100 },
    );
  });

  it('reach every status', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(scenarioArb, (scenario) => {
        const { initial, steps } = runScenario(scenario);
        seen.add(initial.status);
        for (const s of steps) seen.add(s.after.status);
      }),
      { numRuns: 500 },
    );
    expect([...seen].sort()).toEqual([...DOSSIER_STATUSES].sort());
  });
});
