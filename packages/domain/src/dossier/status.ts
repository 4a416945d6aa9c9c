import { DomainInputError } from '../values';

/**
 * Business statuses of a one-stop dossier: the ten national states in national-code order, then
 * `awaiting_completion`, an online filing sent back for completion before receipt (issue #13 item 1), which
 * shares a national code with another state (docs/domain/dossiers.md#national-status-codes).
 * Payment, delivery and sync state are separate attributes, never statuses.
 */
export const DOSSIER_STATUSES = [
  'submitted',
  'received',
  'refused',
  'processing',
  'awaiting_supplement',
  'awaiting_payment',
  'withdrawn',
  'stopped',
  'result_ready',
  'returned',
  'awaiting_completion',
] as const;
export type DossierStatus = (typeof DOSSIER_STATUSES)[number];

/**
 * Status code sent to the national portal (`TrangThaiHoSo`), docs/domain/dossiers.md#national-status-codes [S].
 * `awaiting_completion` has 5 here ("Yêu cầu bổ sung giấy tờ"); an agency whose portal keeps such a filing at 1
 * sets `DOSSIER_COMPLETION_NATIONAL_CODE` (`nationalStatusCodeOf`).
 */
export const NATIONAL_STATUS_CODE = {
  submitted: 1,
  received: 2,
  refused: 3,
  processing: 4,
  awaiting_supplement: 5,
  awaiting_payment: 6,
  withdrawn: 7,
  stopped: 8,
  result_ready: 9,
  returned: 10,
  awaiting_completion: 5,
} as const satisfies Record<DossierStatus, number>;

/** The national codes an online filing sent back for completion before receipt may be reported with ([U]: 5 or 1). */
export const COMPLETION_NATIONAL_CODES = [5, 1] as const;
export type CompletionNationalCode = (typeof COMPLETION_NATIONAL_CODES)[number];

/**
 * The national code of a status, with the agency's choice for `awaiting_completion`.
 * @example nationalStatusCodeOf('awaiting_completion', 1) // 1
 * @example nationalStatusCodeOf('processing', 1) // 4
 */
export function nationalStatusCodeOf(status: DossierStatus, completionCode: CompletionNationalCode = 5): number {
  return status === 'awaiting_completion' ? completionCode : NATIONAL_STATUS_CODE[status];
}

/** The portal's string for each status, as seen in provincial sync code [S]. */
export const NATIONAL_STATUS_STRING = {
  submitted: 'receiving',
  received: 'new',
  refused: 'denied',
  processing: 'processing',
  awaiting_supplement: 'waiting',
  awaiting_payment: 'paying',
  withdrawn: 'cancelled',
  stopped: 'unresolved',
  result_ready: 'releasing',
  returned: 'done',
  awaiting_completion: 'waiting',
} as const satisfies Record<DossierStatus, string>;

/** Statuses a dossier never leaves. `result_ready` is not one: the result still has to be returned. */
export const TERMINAL_STATUSES: readonly DossierStatus[] = ['refused', 'withdrawn', 'stopped', 'returned'];

/** Statuses in which the dossier waits for the applicant (supplement or fees). */
export const PAUSED_STATUSES: readonly DossierStatus[] = ['awaiting_supplement', 'awaiting_payment'];

/**
 * True when no action may follow.
 * @example isTerminalStatus('returned') // true
 * @example isTerminalStatus('result_ready') // false
 */
export function isTerminalStatus(status: DossierStatus): boolean {
  return TERMINAL_STATUSES.includes(status);
}

/** Statuses of an online filing the desk has not received yet: filed, or sent back to be completed. */
export const BEFORE_RECEIPT_STATUSES: readonly DossierStatus[] = ['submitted', 'awaiting_completion'];

/**
 * True for the known status identifiers.
 * @example isDossierStatus('processing') // true
 */
export function isDossierStatus(s: unknown): s is DossierStatus {
  return typeof s === 'string' && (DOSSIER_STATUSES as readonly string[]).includes(s);
}

/**
 * Maps a national status code back to the status; 5 is `awaiting_supplement` (a received dossier), the
 * first status with that code.
 * @example statusOfNationalCode(9) // 'result_ready'
 * @throws DomainInputError('dossier.status_code_invalid') for codes outside 1–10
 */
export function statusOfNationalCode(code: number): DossierStatus {
  const found = DOSSIER_STATUSES.find((s) => NATIONAL_STATUS_CODE[s] === code);
  if (!found) throw new DomainInputError('dossier.status_code_invalid', { value: code });
  return found;
}

/** Filing channels (national field `KenhThucHien`), docs/domain/dossiers.md#channels. */
export const CHANNELS = ['counter', 'online', 'post'] as const;
export type Channel = (typeof CHANNELS)[number];

export const CHANNEL_CODE = { counter: 1, online: 2, post: 3 } as const satisfies Record<Channel, number>;

/**
 * Maps a `KenhThucHien` value to a channel; the portal sends null for desk filings.
 * @example channelOfCode(null) // 'counter'
 * @example channelOfCode(3) // 'post'
 * @throws DomainInputError('dossier.channel_code_invalid') for other codes
 */
export function channelOfCode(code: number | null): Channel {
  if (code === null) return 'counter';
  const found = CHANNELS.find((c) => CHANNEL_CODE[c] === code);
  if (!found) throw new DomainInputError('dossier.channel_code_invalid', { value: code });
  return found;
}
