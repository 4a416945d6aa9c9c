import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { issueApology } from './apology';
import type { DossierState } from './dossier-state';
import { classifyFinished, endOfProcessingAtOf, intakeAtOf, summarizeDossier, type DossierSummary } from './dossier-summary';
import { receiveNew, receiveSubmitted, submitOnline } from './intake';
import { completeSupplement, requestPayment, requestSupplement } from './pauses';
import { classifyAtPeriodEnd } from './period-position';
import { computeStatistics, statisticsFromCounts, ZERO_COUNTS } from './statistics';
import { formatPercent, ratioBasisPoints } from '../values';
import type { Channel } from './status';
import { runScenario, scenarioArb } from './test-arbitraries';
import { at, testCalendar as cal } from './test-calendar';
import { receiveInput } from './test-dossiers';
import { markResultReady, refuseDossier, returnResult, startProcessing, stopDossier, withdrawDossier } from './transitions';
import { DomainInputError, type LocalDate } from '../values';

const d = (s: string) => s as LocalDate;
const JULY = { from: d('2025-07-01'), to: d('2025-07-31') };

function receivedOn(day: string, workingDays: number, channel: Channel = 'counter'): DossierState {
  return receiveNew({ channel, ...receiveInput({ timeLimit: { value: workingDays, unit: 'working_days' } }) }, at(day, '09:00'), cal);
}
const started = (s: DossierState) => startProcessing(s, {}, at(localDay(s), '10:00'), cal);
const localDay = (s: DossierState) => (s.receivedAt ?? '').slice(0, 10); // 09:00 local is the same UTC day
const ready = (s: DossierState, day: string, hhmm = '10:00') => markResultReady(s, {}, at(day, hhmm), cal);
const handedBack = (s: DossierState, day: string) => returnResult(s, { method: 'counter', receivedBy: 'A' }, at(day, '09:00'), cal);

/** The July 2025 book of one desk; the comment says where each dossier lands. */
function julyBook(): DossierState[] {
  const apologised = issueApology(
    started(receivedOn('2025-07-07', 2, 'post')),
    { reason: 'Liên ngành', newDueDate: d('2025-07-11') },
    at('2025-07-09', '09:00'),
    cal,
  );
  let twice = requestSupplement(started(receivedOn('2025-07-15', 10)), { reason: 'a' }, at('2025-07-16', '09:00'), cal);
  twice = completeSupplement(twice, {}, at('2025-07-17', '09:00'), cal);
  twice = requestSupplement(twice, { reason: 'b' }, at('2025-07-18', '09:00'), cal);
  return [
    handedBack(ready(started(receivedOn('2025-06-25', 5)), '2025-07-01'), '2025-07-02'), // carried, early, returned
    started(receivedOn('2025-06-30', 30)), // carried, in progress within time (due 11/8)
    handedBack(ready(started(receivedOn('2025-07-03', 5, 'online')), '2025-07-10', '16:00'), '2025-07-11'), // on time, returned
    ready(apologised, '2025-07-11'), // late despite the apology; result not collected
    started(receivedOn('2025-07-14', 5)), // due 21/7: overdue at 31/7
    started(receivedOn('2025-07-29', 5)), // due 5/8: not due
    started(receivedOn('2025-07-30', 1)), // due 31/7: almost due
    twice, // waiting after a second supplement request: late
    requestPayment(started(receivedOn('2025-07-15', 5)), {}, at('2025-07-16', '09:00'), cal), // waiting for fees past due 22/7: late
    withdrawDossier(receivedOn('2025-07-16', 5), {}, at('2025-07-17', '09:00'), cal),
    refuseDossier(submitOnline(at('2025-07-18', '09:00')), { reason: 'Sai thẩm quyền' }, at('2025-07-18', '10:00'), cal),
    stopDossier(started(receivedOn('2025-07-18', 5)), { reason: 'Dừng' }, at('2025-07-21', '09:00'), cal),
    handedBack(ready(started(receivedOn('2025-06-02', 5)), '2025-06-05'), '2025-06-10'), // finished before July
    receivedOn('2025-08-01', 5), // after July
    submitOnline(at('2025-07-31', '10:00')), // not yet received
    withdrawDossier(submitOnline(at('2025-07-20', '10:00')), {}, at('2025-07-21', '10:00'), cal), // withdrawn before receipt
  ];
}

describe('computeStatistics', () => {
  it('produces the July report of the example book', () => {
    expect(computeStatistics(cal, julyBook().map(summarizeDossier), JULY)).toEqual({
      period: JULY,
      carriedOver: 2,
      received: { total: 10, online: 2, counter: 7, post: 1 },
      toProcess: 12,
      completed: { total: 3, early: 1, onTime: 1, late: 1 },
      inProgress: { total: 4, withinTime: 3, almostDue: 1, overdue: 1 },
      paused: { total: 2, supplement: 1, payment: 1, late: 2 },
      withdrawn: 1,
      refused: 1,
      stopped: 1,
      returned: 2,
      resultReadyNotCollected: 1,
      awaitingReceipt: 1,
      apologiesIssued: 1,
      late: 4,
      lateRateBasisPoints: 3333,
      onTimeRateBasisPoints: 6667,
    });
  });

  it('gives no rates for a period with nothing to process', () => {
    const r = computeStatistics(cal, [], JULY);
    expect([r.toProcess, r.lateRateBasisPoints, r.onTimeRateBasisPoints]).toEqual([0, null, null]);
  });

  it.each([
    { from: d('2025-07-31'), to: d('2025-07-01') },
    { from: d('2025-07-01'), to: d('2025-07-32') },
  ])('rejects the period $from – $to', (period) => expect(() => computeStatistics(cal, [], period)).toThrow(DomainInputError));

  it('keeps its identities for any dossiers and any period', () => {
    const period = fc
      .tuple(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 0, max: 120 }))
      .map(([start, length]) => ({ from: cal.addCalendarDays(d('2025-01-01'), start), length }))
      .map(({ from, length }) => ({ from, to: plus(from, length) }));
    fc.assert(
      fc.property(fc.array(scenarioArb, { maxLength: 12 }), period, (scenarios, p) => {
        const summaries = scenarios.map((s) => summarizeDossier(runScenario(s).final));
        const r = computeStatistics(cal, summaries, p);
        expect(r.toProcess).toBe(r.carriedOver + r.received.total);
        expect(r.received.total).toBe(r.received.online + r.received.counter + r.received.post);
        expect(r.completed.total + r.inProgress.total + r.paused.total + r.withdrawn + r.refused + r.stopped).toBe(r.toProcess);
        expect(r.completed.total).toBe(r.completed.early + r.completed.onTime + r.completed.late);
        expect(r.inProgress.total).toBe(r.inProgress.withinTime + r.inProgress.overdue);
        expect(r.inProgress.almostDue).toBeLessThanOrEqual(r.inProgress.withinTime);
        expect(r.paused.total).toBe(r.paused.supplement + r.paused.payment);
        expect(r.toProcess).toBeLessThanOrEqual(summaries.length);
        if (r.toProcess > 0) expect((r.lateRateBasisPoints ?? -1) + (r.onTimeRateBasisPoints ?? -1)).toBe(10_000);
        expect(r.late).toBeLessThanOrEqual(r.toProcess);
      }),
      { numRuns: 150 },
    );
  });
});

function plus(day: LocalDate, n: number): LocalDate {
  const [y, m, dd] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, dd + n)).toISOString().slice(0, 10) as LocalDate;
}

describe('classifyAtPeriodEnd', () => {
  it('counts one supplement request waiting at period end as on time', () => {
    const waiting = requestSupplement(started(receivedOn('2025-07-14', 2)), { reason: 'x' }, at('2025-07-15', '09:00'), cal);
    expect(classifyAtPeriodEnd(summarizeDossier(waiting), d('2025-07-31'), cal)).toEqual({ kind: 'paused', pause: 'supplement', timeliness: 'on_time' });
  });

  it('judges a past period with the due date in force then, not the one moved later', () => {
    // Due 16/7; paused 15/7 → 25/7 moves it to 28/7: on 18/7 it was waiting, on 25/7 almost due
    // (not overdue against the old 16/7), and by 31/7 overdue.
    let s = requestSupplement(started(receivedOn('2025-07-14', 2)), { reason: 'x' }, at('2025-07-15', '09:00'), cal);
    s = completeSupplement(s, {}, at('2025-07-25', '09:00'), cal);
    const summary = summarizeDossier(s);
    expect(classifyAtPeriodEnd(summary, d('2025-07-18'), cal).kind).toBe('paused');
    expect(classifyAtPeriodEnd(summary, d('2025-07-31'), cal)).toEqual({ kind: 'in_progress', open: 'overdue', timeliness: 'late' });
    expect(classifyAtPeriodEnd(summary, d('2025-07-25'), cal)).toEqual({ kind: 'in_progress', open: 'almost_due', timeliness: 'on_time' });
  });

  it('keeps a dossier overdue against its statutory date after an apology', () => {
    const apologised = issueApology(started(receivedOn('2025-07-14', 2)), { reason: 'x', newDueDate: d('2025-07-22') }, at('2025-07-17', '09:00'), cal);
    expect(classifyAtPeriodEnd(summarizeDossier(apologised), d('2025-07-18'), cal)).toMatchObject({ open: 'overdue' });
  });

  it('does not count a dossier before its receipt', () => {
    expect(classifyAtPeriodEnd(summarizeDossier(receivedOn('2025-08-01', 2)), d('2025-07-31'), cal)).toEqual({ kind: 'not_received' });
  });

  it('uses the minute granularity when asked', () => {
    const s = summarizeDossier(ready(started(receivedOn('2025-07-14', 2)), '2025-07-16', '09:00'));
    expect(classifyAtPeriodEnd(s, d('2025-07-31'), cal)).toMatchObject({ kind: 'closed', timeliness: 'on_time' });
    expect(classifyAtPeriodEnd(s, d('2025-07-31'), cal, { granularity: 'minute', almostDueWorkingDays: 1 })).toMatchObject({ timeliness: 'early' });
  });
});

describe('end of processing', () => {
  it('is the result-ready time even when the result is returned later', () => {
    const s: DossierSummary = summarizeDossier(handedBack(ready(started(receivedOn('2025-07-14', 5)), '2025-07-16'), '2025-07-25'));
    expect(endOfProcessingAtOf(s)).toBe(at('2025-07-16', '10:00'));
    expect(classifyFinished(s)).toBe('early');
  });

  it('counts a withdrawal only after receipt', () => {
    expect(endOfProcessingAtOf(summarizeDossier(withdrawDossier(submitOnline(at('2025-07-14', '09:00')), {}, at('2025-07-15', '09:00'), cal)))).toBeNull();
    const received = receiveSubmitted(submitOnline(at('2025-07-14', '09:00')), receiveInput(), at('2025-07-14', '10:00'), cal);
    expect(endOfProcessingAtOf(summarizeDossier(withdrawDossier(received, {}, at('2025-07-15', '09:00'), cal)))).toBe(at('2025-07-15', '09:00'));
  });

  it('takes a refusal at the receipt check as the intake', () => {
    const refused = summarizeDossier(refuseDossier(submitOnline(at('2025-07-14', '09:00')), { reason: 'x' }, at('2025-07-14', '10:00'), cal));
    expect(intakeAtOf(refused)).toBe(at('2025-07-14', '10:00'));
    expect(classifyFinished(refused)).toBe('on_time');
  });
});

describe('ratioBasisPoints', () => {
  it.each([
    [0, 7, 0],
    [1, 3, 3333],
    [2, 3, 6667],
    [1, 8, 1250],
    [1, 20_000, 1], // 0.5 basis point rounds half up
    [3, 3, 10_000],
    [1, 0, null],
  ])('%i / %i = %s', (part, whole, expected) => expect(ratioBasisPoints(part, whole)).toBe(expected));
});

describe('formatPercent', () => {
  it.each([
    [13, 14, '92,86 %'],
    [2, 3, '66,67 %'],
    [1, 3, '33,33 %'],
    [1, 1, '100,00 %'],
    [0, 5, '0,00 %'],
    [37, 48, '77,08 %'],
  ])('rounds %i/%i to %s, never truncates', (part, whole, text) => {
    expect(formatPercent(ratioBasisPoints(part, whole)).replace('\u00a0', ' ')).toBe(text);
  });

  it('prints the empty text when there is nothing to divide', () => {
    expect(formatPercent(ratioBasisPoints(0, 0), '—')).toBe('—');
    expect(formatPercent(null, '–')).toBe('–');
  });

  it('agrees with statisticsFromCounts: on time = 100 % − late rate, rounded once', () => {
    fc.assert(
      fc.property(fc.nat(500), fc.nat(500), (late, rest) => {
        const s = statisticsFromCounts(JULY, { ...ZERO_COUNTS, receivedCounter: late + rest, completed: late + rest, completedLate: late });
        expect(s.lateRateBasisPoints === null ? null : s.lateRateBasisPoints + (s.onTimeRateBasisPoints ?? 0)).toBe(late + rest === 0 ? null : 10_000);
      }),
    );
  });
});
