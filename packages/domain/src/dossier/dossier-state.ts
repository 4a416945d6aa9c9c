import type { ComponentCheck, DossierResultRecord } from './desk-records';
import type { PlannedStep } from './step-plan';
import type { Channel, DossierStatus } from './status';
import type { ReceiptPolicy, TimeLimit } from './time-limit';
import type { Timeliness, TimelinessPolicy } from './timeliness';
import type { DossierAction } from './transition-table';
import { localDateOf, type Instant, type LocalDate } from '../values';

export type PauseKind = 'supplement' | 'payment';

/** A wait for the applicant. Intervals are half-open in days: (from day, to day]. */
export interface DossierPause {
  readonly kind: PauseKind;
  readonly from: Instant;
  readonly to: Instant | null;
  /** Supplement pauses always stop the clock; payment pauses only when the policy says so. */
  readonly stopsClock: boolean;
  /** Set when the pause closes: working days the due date moved (0 when the clock kept running). */
  readonly workingDays?: number;
  readonly reason: string;
  /** Components to add or correct (Form 02); empty for payment. */
  readonly items: readonly string[];
}

/** Form 04: apology and new appointment (docs/domain/dossiers.md#apology-letter). */
export interface ApologyLetter {
  readonly issuedAt: Instant;
  readonly reason: string;
  readonly oldDueDate: LocalDate;
  readonly newDueDate: LocalDate;
}

/** Every move of the due dates, so the ones in force at any past moment can be rebuilt. */
export interface DueChange {
  readonly at: Instant;
  readonly cause: 'pause' | 'restart' | 'apology';
  /** The appointment after the change. */
  readonly dueDate: LocalDate;
  readonly dueAt: Instant;
  /** The statutory due date after the change (an apology leaves it as it was). */
  readonly statutoryDueDate: LocalDate;
  readonly statutoryDueAt: Instant;
  /** For `pause` and `restart`: the paused working days. */
  readonly workingDays?: number;
}

/** A person on the control sheet: the officer who handed over or received. */
export interface SheetPerson {
  readonly id: string;
  readonly name: string;
}

/**
 * One row of the control sheet (Form 05/06): hand-over from a step to the next (null = back to the desk),
 * or (`kind: 'return'`) back to the previous step with the reason in `note`. Rows written before
 * performers were recorded carry no `by`/`to`.
 */
export interface HandoverRow {
  readonly stepIndex: number;
  readonly fromStep: string;
  readonly toStep: string | null;
  readonly at: Instant;
  readonly dueAt: Instant;
  readonly timeliness: Timeliness;
  readonly note: string | null;
  readonly kind?: 'forward' | 'return';
  /** Who handed over. */
  readonly by?: SheetPerson;
  /** Who received: chosen by the sender, or, from the unit's queue, the officer assigned later; null while in the queue. */
  readonly to?: SheetPerson | null;
  readonly receivedAt?: Instant | null;
}

export interface StatusChange {
  readonly action: DossierAction | 'submit';
  readonly from: DossierStatus | null;
  readonly to: DossierStatus;
  readonly at: Instant;
}

export type SupplementMode = 'extend' | 'restart';

/**
 * The desk's written request to complete an online filing before receiving it (docs/domain/dossiers.md#completion-before-receipt):
 * not a pause (no clock runs yet), so it never moves a due date.
 */
export interface CompletionRequest {
  readonly at: Instant;
  readonly reason: string;
  /** Every component to add or correct, listed once. */
  readonly items: readonly string[];
  /** When the filer filed again; null while open. */
  readonly completedAt: Instant | null;
}

/** Rules fixed when the dossier is received; the dossier keeps them (docs/domain/README.md#effective-dates). */
export interface DossierPolicy extends TimelinessPolicy {
  readonly receipt: ReceiptPolicy;
  /** Whether waiting for fees stops the clock ([S]/[U]; default false). */
  readonly paymentStopsClock: boolean;
  /** On supplement: move the due date by the paused days (default) or restart the full period ([U]). */
  readonly supplementMode: SupplementMode;
}

export type ReturnMethod = 'counter' | 'post' | 'online';

/** An immutable snapshot of a dossier's processing. Transitions return a new one. */
export interface DossierState {
  readonly status: DossierStatus;
  readonly channel: Channel;
  readonly submittedAt: Instant | null;
  readonly receivedAt: Instant | null;
  readonly deemedReceivedOn: LocalDate | null;
  readonly timeLimit: TimeLimit | null;
  readonly policy: DossierPolicy | null;
  readonly dueConvention: string | null;
  readonly calendarVersion: string | null;
  /**
   * The appointment promised to the applicant: moved by pauses and apologies, never earlier than the
   * original. The apology rule watches this date.
   */
  readonly dueDate: LocalDate | null;
  readonly dueAt: Instant | null;
  /**
   * The statutory due date that timeliness is judged against: the original moved by pauses only. An
   * apology's new appointment does not make a late dossier timely, or letters would hide lateness.
   */
  readonly statutoryDueDate: LocalDate | null;
  readonly statutoryDueAt: Instant | null;
  readonly originalDueDate: LocalDate | null;
  readonly originalDueAt: Instant | null;
  readonly dueChanges: readonly DueChange[];
  readonly pauses: readonly DossierPause[];
  readonly supplementRequestCount: number;
  readonly apologies: readonly ApologyLetter[];
  readonly steps: readonly PlannedStep[];
  /** Index of the step in progress; equals `steps.length` when all steps are handed over. */
  readonly currentStep: number;
  readonly handovers: readonly HandoverRow[];
  /** QĐ 766 end of processing: result ready, refused, stopped, or withdrawn after receipt. */
  readonly endOfProcessingAt: Instant | null;
  /** When a terminal status was reached. */
  readonly finishedAt: Instant | null;
  /** Reason given on refusal, stop or withdrawal. */
  readonly closingReason: string | null;
  readonly returnMethod: ReturnMethod | null;
  readonly returnedTo: string | null;
  readonly history: readonly StatusChange[];
  /**
   * Requests to complete an online filing before receipt (Form 02 before the clock starts), oldest first; the
   * last is open while `completedAt` is null (absent on older dossiers).
   */
  readonly completionRequests?: readonly CompletionRequest[];
  /** The components the desk confirmed when receiving an online filing (absent on older dossiers). */
  readonly receiptChecks?: readonly ComponentCheck[];
  /** The result document recorded at "result ready" (absent on older dossiers and demo data). */
  readonly resultRecord?: DossierResultRecord | null;
}

/**
 * The pause still waiting for the applicant, if any.
 * @example openPauseOf(state)?.kind // 'supplement' while awaiting a supplement
 */
export function openPauseOf(state: DossierState): DossierPause | null {
  const last = state.pauses[state.pauses.length - 1];
  return last && last.to === null ? last : null;
}

/**
 * The request to complete the filing still waiting for the filer, if any.
 * @example openCompletionOf(state)?.items // ['Bản sao CCCD'] while awaiting completion
 */
export function openCompletionOf(state: DossierState): CompletionRequest | null {
  const last = state.completionRequests?.[state.completionRequests.length - 1];
  return last && last.completedAt === null && state.status === 'awaiting_completion' ? last : null;
}

/**
 * True while the processing clock runs: received or processing, or awaiting a payment that does
 * not stop the clock.
 * @example isClockRunning(processingState) // true
 */
export function isClockRunning(state: DossierState): boolean {
  if (state.dueDate === null) return false;
  if (state.status === 'received' || state.status === 'processing') return true;
  return state.status === 'awaiting_payment' && openPauseOf(state)?.stopsClock === false;
}

/**
 * True when the clock runs and the local day of `now` is past the due date.
 * @example isOverdueAt(state, at('2025-07-18', '08:00')) // true when due on 2025-07-17
 */
export function isOverdueAt(state: DossierState, now: Instant): boolean {
  return isClockRunning(state) && state.dueDate !== null && localDateOf(now) > state.dueDate;
}

/**
 * Working days the clock stood still over closed pauses; each is counted once, over (from day, to day].
 * @example totalPausedWorkingDays(state) // 3 after a supplement across Tết 2026
 */
export function totalPausedWorkingDays(state: DossierState): number {
  return state.pauses.reduce((sum, p) => sum + (p.workingDays ?? 0), 0);
}
