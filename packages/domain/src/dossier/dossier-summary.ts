import type { DossierState } from './dossier-state';
import type { Channel, DossierStatus } from './status';
import { classifyEnd, type Timeliness, type TimelinessGranularity } from './timeliness';
import { localDateOf, type Instant, type LocalDate } from '../values';

/**
 * What reports need of one dossier, independent of how it is stored: the status history plus every
 * move of the appointment, so a past period is judged with the due date in force then.
 */
export interface DossierSummary {
  readonly channel: Channel;
  /** Status entries in time order. */
  readonly history: readonly { readonly status: DossierStatus; readonly at: Instant }[];
  readonly originalDueAt: Instant | null;
  /** Moves of the statutory due date (pauses only; an apology's new appointment is not one). */
  readonly dueChanges: readonly { readonly at: Instant; readonly dueAt: Instant }[];
  readonly paymentStopsClock: boolean;
  readonly apologyIssuedAts: readonly Instant[];
}

/** Statuses that a dossier reaches only after the desk received it. */
const AFTER_RECEIPT: readonly DossierStatus[] = ['received', 'processing', 'awaiting_supplement', 'awaiting_payment', 'stopped', 'result_ready', 'returned'];
const CLOSING: readonly DossierStatus[] = ['result_ready', 'returned', 'refused', 'stopped', 'withdrawn'];

/**
 * Builds the report view of a dossier state.
 * @example summarizeDossier(state).history[0]?.status // 'received'
 */
export function summarizeDossier(state: DossierState): DossierSummary {
  return {
    channel: state.channel,
    history: state.history.map((h) => ({ status: h.to, at: h.at })),
    originalDueAt: state.originalDueAt,
    dueChanges: state.dueChanges.filter((c) => c.cause !== 'apology').map((c) => ({ at: c.at, dueAt: c.statutoryDueAt })),
    paymentStopsClock: state.policy?.paymentStopsClock ?? false,
    apologyIssuedAts: state.apologies.map((a) => a.issuedAt),
  };
}

/**
 * When the desk received the dossier, or null if it never did.
 * @example receiptAtOf(summary) // '2025-07-15T01:00:00.000Z'
 */
export function receiptAtOf(s: DossierSummary): Instant | null {
  return s.history.find((h) => AFTER_RECEIPT.includes(h.status))?.at ?? null;
}

/**
 * When the dossier entered the desk's workload: its receipt, or its refusal at the receipt check.
 * An online filing withdrawn or still waiting before receipt never enters it.
 * @example intakeAtOf(refusedAtCheck) // the refusal time
 */
export function intakeAtOf(s: DossierSummary): Instant | null {
  return receiptAtOf(s) ?? s.history.find((h) => h.status === 'refused')?.at ?? null;
}

/**
 * The first closing entry (result ready, returned, refused, stopped or withdrawn), if any.
 * @example closingOf(summary)?.status // 'result_ready'
 */
export function closingOf(s: DossierSummary): { status: DossierStatus; at: Instant } | null {
  return s.history.find((h) => CLOSING.includes(h.status)) ?? null;
}

/**
 * QĐ 766 end of processing: states 3, 8, 9, 10 (9 wins over a later 10), and 7 only after receipt.
 * @example endOfProcessingAtOf(summary) // the result-ready time
 */
export function endOfProcessingAtOf(s: DossierSummary): Instant | null {
  const closing = closingOf(s);
  if (!closing) return null;
  if (closing.status === 'withdrawn' && receiptAtOf(s) === null) return null;
  return closing.at;
}

/**
 * The status at the end of a local day, or null if the dossier did not exist yet.
 * @example statusOn(summary, '2025-07-31') // 'processing'
 */
export function statusOn(s: DossierSummary, day: LocalDate): DossierStatus | null {
  let status: DossierStatus | null = null;
  for (const h of s.history) if (localDateOf(h.at) <= day) status = h.status;
  return status;
}

/**
 * The statutory due date in force at an instant: the last change made by then, else the original.
 * @example dueAtAsOf(summary, at('2025-07-31', '23:59')) // after any supplement resumed by then
 */
export function dueAtAsOf(s: DossierSummary, t: Instant): Instant | null {
  const ms = Date.parse(t);
  let due = s.originalDueAt;
  for (const c of s.dueChanges) if (Date.parse(c.at) <= ms) due = c.dueAt;
  return due;
}

/**
 * Supplement requests made by the end of a local day.
 * @example supplementRequestsOn(summary, '2025-07-31') // 2
 */
export function supplementRequestsOn(s: DossierSummary, day: LocalDate): number {
  return s.history.filter((h) => h.status === 'awaiting_supplement' && localDateOf(h.at) <= day).length;
}

/**
 * Timeliness of a finished dossier (docs/domain/dossiers.md#supplement-pause-and-timeliness), or null while it is not finished. A dossier
 * without an appointment (refused at the receipt check) counts as on time.
 * @example classifyFinished(summary) // 'early'
 */
export function classifyFinished(s: DossierSummary, granularity: TimelinessGranularity = 'day'): Timeliness | null {
  const end = endOfProcessingAtOf(s);
  if (end === null) return null;
  const due = dueAtAsOf(s, end);
  return due === null ? 'on_time' : classifyEnd(end, due, granularity);
}
