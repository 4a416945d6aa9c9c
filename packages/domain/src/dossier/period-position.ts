import type { DayCalendar } from './day-calendar';
import { closingOf, dueAtAsOf, endOfProcessingAtOf, intakeAtOf, statusOn, supplementRequestsOn, type DossierSummary } from './dossier-summary';
import {
  classifyEnd,
  classifyOpen,
  classifyWaitingForApplicant,
  DEFAULT_TIMELINESS_POLICY,
  type OpenTimeliness,
  type Timeliness,
  type TimelinessPolicy,
} from './timeliness';
import { instantAt, localDateOf, type LocalDate } from '../values';

export type ClosingOutcome = 'completed' | 'refused' | 'stopped' | 'withdrawn';

/** Where a dossier stands at the end of a day, for dashboards and period reports. */
export type PeriodEndPosition =
  | { kind: 'not_received' }
  | { kind: 'closed'; outcome: ClosingOutcome; closedOn: LocalDate; timeliness: Timeliness }
  | { kind: 'paused'; pause: 'supplement' | 'payment'; timeliness: Timeliness }
  | { kind: 'in_progress'; open: OpenTimeliness; timeliness: Timeliness };

const OUTCOME = {
  result_ready: 'completed',
  returned: 'completed',
  refused: 'refused',
  stopped: 'stopped',
  withdrawn: 'withdrawn',
} as const;

/**
 * Classifies a dossier at the end of `periodEnd` (docs/domain/dossiers.md#supplement-pause-and-timeliness): finished ones by their end of
 * processing; ones waiting for a supplement on time unless asked more than once; open ones against
 * the last day of the period (overdue counts as late).
 * @example classifyAtPeriodEnd(summary, '2025-07-31', cal) // { kind: 'in_progress', open: 'not_due', timeliness: 'on_time' }
 */
export function classifyAtPeriodEnd(
  s: DossierSummary,
  periodEnd: LocalDate,
  cal: DayCalendar,
  policy: TimelinessPolicy = DEFAULT_TIMELINESS_POLICY,
): PeriodEndPosition {
  const intake = intakeAtOf(s);
  if (intake === null || localDateOf(intake) > periodEnd) return { kind: 'not_received' };
  const closing = closingOf(s);
  if (closing && localDateOf(closing.at) <= periodEnd) {
    const outcome = OUTCOME[closing.status as keyof typeof OUTCOME];
    const end = endOfProcessingAtOf(s) ?? closing.at;
    const due = dueAtAsOf(s, end);
    const timeliness = due === null ? 'on_time' : classifyEnd(end, due, policy.granularity);
    return { kind: 'closed', outcome, closedOn: localDateOf(closing.at), timeliness };
  }
  const endOfDay = instantAt(periodEnd, 24 * 60 - 1);
  const due = dueAtAsOf(s, endOfDay);
  const open: OpenTimeliness = due === null ? 'not_due' : classifyOpen(cal, localDateOf(due), periodEnd, policy.almostDueWorkingDays);
  const status = statusOn(s, periodEnd);
  if (status === 'awaiting_supplement') {
    return { kind: 'paused', pause: 'supplement', timeliness: classifyWaitingForApplicant(supplementRequestsOn(s, periodEnd)) };
  }
  if (status === 'awaiting_payment') {
    const late = !s.paymentStopsClock && open === 'overdue';
    return { kind: 'paused', pause: 'payment', timeliness: late ? 'late' : 'on_time' };
  }
  return { kind: 'in_progress', open, timeliness: open === 'overdue' ? 'late' : 'on_time' };
}
