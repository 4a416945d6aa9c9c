import type { DossierStatus } from './status';
import { RuleViolation } from '../values';

/** Actions on an existing dossier. Creation (`submit`, direct `receive`) has no "from" status. */
export const DOSSIER_ACTIONS = [
  'receive',
  'start_processing',
  'complete_step',
  'return_step',
  'request_supplement',
  'complete_supplement',
  'request_payment',
  'record_payment',
  'refuse',
  'stop',
  'withdraw',
  'mark_result_ready',
  'return_result',
  'issue_apology',
  'request_completion',
  'complete_filing',
] as const;
export type DossierAction = (typeof DOSSIER_ACTIONS)[number];

/**
 * The lifecycle of docs/domain/dossiers.md#lifecycle as data: for each action, the statuses it may start from and the
 * status it leads to. Everything not listed is `dossier.invalid_transition`. Terminal statuses
 * (refused, withdrawn, stopped, returned) appear in no "from" column.
 */
export const DOSSIER_TRANSITIONS = {
  receive: { submitted: 'received' },
  start_processing: { received: 'processing' },
  // The first hand-over row of the control sheet (desk → processing unit) starts processing.
  complete_step: { received: 'processing', processing: 'processing' },
  // Back to the previous step with a reason (docs/domain/dossiers.md#step-performers).
  return_step: { processing: 'processing' },
  request_supplement: { received: 'awaiting_supplement', processing: 'awaiting_supplement' },
  complete_supplement: { awaiting_supplement: 'processing' },
  request_payment: { received: 'awaiting_payment', processing: 'awaiting_payment' },
  record_payment: { awaiting_payment: 'processing' },
  refuse: { submitted: 'refused', awaiting_completion: 'refused', received: 'refused', processing: 'refused' },
  stop: {
    received: 'stopped',
    processing: 'stopped',
    awaiting_supplement: 'stopped',
    awaiting_payment: 'stopped',
  },
  withdraw: {
    submitted: 'withdrawn',
    awaiting_completion: 'withdrawn',
    received: 'withdrawn',
    processing: 'withdrawn',
    awaiting_supplement: 'withdrawn',
    awaiting_payment: 'withdrawn',
  },
  mark_result_ready: { processing: 'result_ready' },
  return_result: { result_ready: 'returned' },
  // Only while the clock runs; a payment pause that stops the clock is refused by the action itself.
  issue_apology: { received: 'received', processing: 'processing', awaiting_payment: 'awaiting_payment' },
  // Before receipt: the desk asks an online filer to complete the filing (Form 02, once, listing everything);
  // the filer completing it files it again (docs/domain/dossiers.md#completion-before-receipt).
  request_completion: { submitted: 'awaiting_completion' },
  complete_filing: { awaiting_completion: 'submitted' },
} as const satisfies Record<DossierAction, Partial<Record<DossierStatus, DossierStatus>>>;

/**
 * Actions that move an overdue dossier on and therefore need an apology letter first (docs/domain/dossiers.md#apology-letter).
 * Closing actions (refuse, stop, withdraw) and recording the applicant's payment are not blocked: they
 * are not the agency advancing its own late work.
 */
export const BLOCKED_WHEN_OVERDUE: readonly DossierAction[] = [
  'start_processing',
  'complete_step',
  'request_supplement',
  'request_payment',
  'mark_result_ready',
];

/**
 * The status an action leads to from `status`, or null when the lifecycle forbids it.
 * @example nextStatusOf('processing', 'mark_result_ready') // 'result_ready'
 * @example nextStatusOf('returned', 'withdraw') // null
 */
export function nextStatusOf(status: DossierStatus, action: DossierAction): DossierStatus | null {
  const row: Partial<Record<DossierStatus, DossierStatus>> = DOSSIER_TRANSITIONS[action];
  return row[status] ?? null;
}

/**
 * Like `nextStatusOf`, but throws when the action is not allowed.
 * @example assertTransition('received', 'start_processing') // 'processing'
 * @throws RuleViolation('dossier.invalid_transition', { from, action })
 */
export function assertTransition(status: DossierStatus, action: DossierAction): DossierStatus {
  const to = nextStatusOf(status, action);
  if (to === null) throw new RuleViolation('dossier.invalid_transition', { from: status, action });
  return to;
}
