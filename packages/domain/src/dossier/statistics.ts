import type { DayCalendar } from './day-calendar';
import { closingOf, intakeAtOf, statusOn, type DossierSummary } from './dossier-summary';
import { classifyAtPeriodEnd } from './period-position';
import { DEFAULT_TIMELINESS_POLICY, type TimelinessPolicy } from './timeliness';
import { DomainInputError, isLocalDate, localDateOf, ratioBasisPoints, type LocalDate } from '../values';

/**
 * The operational report of docs/domain/statistics.md for one period. Identities:
 * `toProcess = carriedOver + received.total` and
 * `toProcess = completed.total + inProgress.total + paused.total + withdrawn + refused + stopped`.
 * `inProgress.almostDue` is a part of `inProgress.withinTime`. Rates are basis points (10000 = 100%),
 * null when there is nothing to process.
 */
export interface DossierStatistics {
  readonly period: { readonly from: LocalDate; readonly to: LocalDate };
  readonly carriedOver: number;
  readonly received: { readonly total: number; readonly online: number; readonly counter: number; readonly post: number };
  readonly toProcess: number;
  readonly completed: { readonly total: number; readonly early: number; readonly onTime: number; readonly late: number };
  readonly inProgress: { readonly total: number; readonly withinTime: number; readonly almostDue: number; readonly overdue: number };
  readonly paused: { readonly total: number; readonly supplement: number; readonly payment: number; readonly late: number };
  readonly withdrawn: number;
  readonly refused: number;
  readonly stopped: number;
  /** Informational, outside the identities: results returned in the period (whenever received). */
  readonly returned: number;
  /** Informational: results ready but not collected at period end. */
  readonly resultReadyNotCollected: number;
  /** Informational: online filings not yet received at period end. */
  readonly awaitingReceipt: number;
  readonly apologiesIssued: number;
  /** Late completed + overdue in progress + late waiting (asked to supplement more than once). */
  readonly late: number;
  readonly lateRateBasisPoints: number | null;
  readonly onTimeRateBasisPoints: number | null;
}

const inPeriod = (d: LocalDate, from: LocalDate, to: LocalDate): boolean => from <= d && d <= to;

/**
 * Computes the period report over dossier summaries (Gia Lai definitions, docs/domain/statistics.md): late
 * rate = late / to process, on-time rate = 100% − late rate.
 * @example computeStatistics(cal, summaries, { from: '2025-07-01', to: '2025-07-31' }).toProcess // 42
 * @throws DomainInputError('period.invalid') when a bound is not a date or from > to
 */
export function computeStatistics(
  cal: DayCalendar,
  summaries: readonly DossierSummary[],
  period: { from: LocalDate; to: LocalDate },
  policy: TimelinessPolicy = DEFAULT_TIMELINESS_POLICY,
): DossierStatistics {
  const { from, to } = period;
  if (!isLocalDate(from) || !isLocalDate(to) || from > to) throw new DomainInputError('period.invalid', { from, to });
  const c: { -readonly [K in keyof StatisticsCounts]: StatisticsCounts[K] } = { ...ZERO_COUNTS };

  for (const s of summaries) {
    c.returned += s.history.filter((h) => h.status === 'returned' && inPeriod(localDateOf(h.at), from, to)).length;
    c.apologiesIssued += s.apologyIssuedAts.filter((a) => inPeriod(localDateOf(a), from, to)).length;
    const statusAtEnd = statusOn(s, to);
    if (statusAtEnd === 'result_ready') c.resultReadyNotCollected++;
    if (statusAtEnd === 'submitted') c.awaitingReceipt++;

    const intake = intakeAtOf(s);
    if (intake === null || localDateOf(intake) > to) continue;
    const closing = closingOf(s);
    if (closing && localDateOf(closing.at) < from) continue; // finished before the period
    if (localDateOf(intake) < from) c.carriedOver++;
    else if (s.channel === 'online') c.receivedOnline++;
    else if (s.channel === 'counter') c.receivedCounter++;
    else c.receivedPost++;

    const position = classifyAtPeriodEnd(s, to, cal, policy);
    switch (position.kind) {
      case 'not_received':
        break; // unreachable: intake is within reach of the period end
      case 'closed':
        if (position.outcome === 'completed') {
          c.completed++;
          if (position.timeliness === 'early') c.completedEarly++;
          else if (position.timeliness === 'late') c.completedLate++;
        } else {
          c[position.outcome]++;
        }
        break;
      case 'paused':
        if (position.pause === 'supplement') {
          c.pausedSupplement++;
          if (position.timeliness === 'late') c.pausedSupplementLate++;
        } else {
          c.pausedPayment++;
          if (position.timeliness === 'late') c.pausedPaymentLate++;
        }
        break;
      case 'in_progress':
        c.inProgress++;
        if (position.open === 'overdue') c.inProgressOverdue++;
        if (position.open === 'almost_due') c.inProgressAlmostDue++;
        break;
    }
  }
  return statisticsFromCounts(period, c);
}

/**
 * The counts a period report is made of: the figures that cannot be derived from others. The server
 * counts them in SQL; `computeStatistics` counts them over summaries; both end in `statisticsFromCounts`.
 */
export interface StatisticsCounts {
  readonly carriedOver: number;
  readonly receivedOnline: number;
  readonly receivedCounter: number;
  readonly receivedPost: number;
  readonly completed: number;
  readonly completedEarly: number;
  readonly completedLate: number;
  readonly refused: number;
  readonly stopped: number;
  readonly withdrawn: number;
  readonly inProgress: number;
  readonly inProgressOverdue: number;
  readonly inProgressAlmostDue: number;
  readonly pausedSupplement: number;
  readonly pausedSupplementLate: number;
  readonly pausedPayment: number;
  readonly pausedPaymentLate: number;
  readonly returned: number;
  readonly resultReadyNotCollected: number;
  readonly awaitingReceipt: number;
  readonly apologiesIssued: number;
}

export const ZERO_COUNTS: StatisticsCounts = {
  carriedOver: 0,
  receivedOnline: 0,
  receivedCounter: 0,
  receivedPost: 0,
  completed: 0,
  completedEarly: 0,
  completedLate: 0,
  refused: 0,
  stopped: 0,
  withdrawn: 0,
  inProgress: 0,
  inProgressOverdue: 0,
  inProgressAlmostDue: 0,
  pausedSupplement: 0,
  pausedSupplementLate: 0,
  pausedPayment: 0,
  pausedPaymentLate: 0,
  returned: 0,
  resultReadyNotCollected: 0,
  awaitingReceipt: 0,
  apologiesIssued: 0,
};

/**
 * The report of a period from its counts: totals, late and the rates (the one place they are derived).
 * @example statisticsFromCounts({ from: '2025-07-01', to: '2025-07-31' }, { ...ZERO_COUNTS, receivedCounter: 14, completed: 14, completedLate: 1 }).onTimeRateBasisPoints // 9286
 */
export function statisticsFromCounts(period: { from: LocalDate; to: LocalDate }, c: StatisticsCounts): DossierStatistics {
  const received = { total: c.receivedOnline + c.receivedCounter + c.receivedPost, online: c.receivedOnline, counter: c.receivedCounter, post: c.receivedPost };
  const toProcess = c.carriedOver + received.total;
  const late = c.completedLate + c.inProgressOverdue + c.pausedSupplementLate + c.pausedPaymentLate;
  const lateRate = ratioBasisPoints(late, toProcess);
  return {
    period: { from: period.from, to: period.to },
    carriedOver: c.carriedOver,
    received,
    toProcess,
    completed: { total: c.completed, early: c.completedEarly, onTime: c.completed - c.completedEarly - c.completedLate, late: c.completedLate },
    inProgress: { total: c.inProgress, withinTime: c.inProgress - c.inProgressOverdue, almostDue: c.inProgressAlmostDue, overdue: c.inProgressOverdue },
    paused: {
      total: c.pausedSupplement + c.pausedPayment,
      supplement: c.pausedSupplement,
      payment: c.pausedPayment,
      late: c.pausedSupplementLate + c.pausedPaymentLate,
    },
    withdrawn: c.withdrawn,
    refused: c.refused,
    stopped: c.stopped,
    returned: c.returned,
    resultReadyNotCollected: c.resultReadyNotCollected,
    awaitingReceipt: c.awaitingReceipt,
    apologiesIssued: c.apologiesIssued,
    late,
    lateRateBasisPoints: lateRate,
    onTimeRateBasisPoints: lateRate === null ? null : 10_000 - lateRate,
  };
}
