import type { DayCalendar } from './day-calendar';
import { closingOf, intakeAtOf, statusOn, type DossierSummary } from './dossier-summary';
import { classifyAtPeriodEnd } from './period-position';
import { DEFAULT_TIMELINESS_POLICY, type TimelinessPolicy } from './timeliness';
import { DomainInputError, isLocalDate, localDateOf, type LocalDate } from '../values';

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

/**
 * `part / whole` in basis points, rounded half up; null when `whole` is 0. The one place where the
 * report's rates are divided and rounded.
 * @example rateInBasisPoints(1, 3) // 3333
 * @example rateInBasisPoints(2, 3) // 6667
 */
export function rateInBasisPoints(part: number, whole: number): number | null {
  if (whole === 0) return null;
  return Math.floor((2 * part * 10_000 + whole) / (2 * whole));
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
  const received = { total: 0, online: 0, counter: 0, post: 0 };
  const completed = { total: 0, early: 0, onTime: 0, late: 0 };
  const inProgress = { total: 0, withinTime: 0, almostDue: 0, overdue: 0 };
  const paused = { total: 0, supplement: 0, payment: 0, late: 0 };
  const closed = { withdrawn: 0, refused: 0, stopped: 0 };
  let carriedOver = 0;
  let returned = 0;
  let resultReadyNotCollected = 0;
  let awaitingReceipt = 0;
  let apologiesIssued = 0;

  for (const s of summaries) {
    returned += s.history.filter((h) => h.status === 'returned' && inPeriod(localDateOf(h.at), from, to)).length;
    apologiesIssued += s.apologyIssuedAts.filter((a) => inPeriod(localDateOf(a), from, to)).length;
    const statusAtEnd = statusOn(s, to);
    if (statusAtEnd === 'result_ready') resultReadyNotCollected++;
    if (statusAtEnd === 'submitted') awaitingReceipt++;

    const intake = intakeAtOf(s);
    if (intake === null || localDateOf(intake) > to) continue;
    const closing = closingOf(s);
    if (closing && localDateOf(closing.at) < from) continue; // finished before the period
    if (localDateOf(intake) < from) {
      carriedOver++;
    } else {
      received.total++;
      received[s.channel]++;
    }

    const position = classifyAtPeriodEnd(s, to, cal, policy);
    switch (position.kind) {
      case 'not_received':
        break; // unreachable: intake is within reach of the period end
      case 'closed':
        if (position.outcome === 'completed') {
          completed.total++;
          if (position.timeliness === 'early') completed.early++;
          else if (position.timeliness === 'on_time') completed.onTime++;
          else completed.late++;
        } else {
          closed[position.outcome]++;
        }
        break;
      case 'paused':
        paused.total++;
        paused[position.pause]++;
        if (position.timeliness === 'late') paused.late++;
        break;
      case 'in_progress':
        inProgress.total++;
        if (position.open === 'overdue') inProgress.overdue++;
        else inProgress.withinTime++;
        if (position.open === 'almost_due') inProgress.almostDue++;
        break;
    }
  }

  const toProcess = carriedOver + received.total;
  const late = completed.late + inProgress.overdue + paused.late;
  const lateRate = rateInBasisPoints(late, toProcess);
  return {
    period: { from, to },
    carriedOver,
    received,
    toProcess,
    completed,
    inProgress,
    paused,
    ...closed,
    returned,
    resultReadyNotCollected,
    awaitingReceipt,
    apologiesIssued,
    late,
    lateRateBasisPoints: lateRate,
    onTimeRateBasisPoints: lateRate === null ? null : 10_000 - lateRate,
  };
}
