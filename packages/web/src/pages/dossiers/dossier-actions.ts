import { ApiError } from '../../api/http';
import type { Dossier, DossierAction } from '../../api/types';

/** What an action asks for before it is sent. */
export type ActionInputKind = 'confirm' | 'note' | 'handover' | 'reason' | 'optional_reason' | 'supplement' | 'apology' | 'return';

export interface ActionSpec {
  action: DossierAction;
  input: ActionInputKind;
  /** Closing the dossier without a result: shown as a danger button. */
  danger?: boolean;
  /** The usual next step: shown as the primary button. */
  primary?: boolean;
}

/** The lifecycle actions in the order the buttons appear (docs/domain/dossiers.md#lifecycle). */
export const ACTION_SPECS: readonly ActionSpec[] = [
  { action: 'receive', input: 'confirm', primary: true },
  { action: 'startProcessing', input: 'confirm', primary: true },
  { action: 'completeStep', input: 'handover', primary: true },
  { action: 'markResultReady', input: 'confirm', primary: true },
  { action: 'returnResult', input: 'return', primary: true },
  { action: 'completeSupplement', input: 'confirm', primary: true },
  { action: 'recordPayment', input: 'confirm', primary: true },
  { action: 'returnStep', input: 'reason' },
  { action: 'issueApology', input: 'apology' },
  // Before receipt: an online filing goes back to the applicant to be completed (docs/domain/dossiers.md#completion-before-receipt).
  { action: 'requestCompletion', input: 'supplement' },
  { action: 'requestSupplement', input: 'supplement' },
  { action: 'requestPayment', input: 'optional_reason' },
  { action: 'refuse', input: 'reason', danger: true },
  { action: 'stop', input: 'reason', danger: true },
  { action: 'withdraw', input: 'optional_reason', danger: true },
];

/** The actions the server allows now, from the dossier's `can` flags. */
export function allowedActions(can: Partial<Record<DossierAction, boolean>> | undefined): ActionSpec[] {
  return ACTION_SPECS.filter((s) => can?.[s.action] === true);
}

/** The one thing the dossier's state waits for: a lifecycle action, or handing it to a specialist. */
export type NextAction = DossierAction | 'assign';

/**
 * The single primary action of the detail page (issue #13 item 10): the first of the usual next steps the server
 * allows, in lifecycle order; an unassigned dossier that the user may assign waits for that first, before anyone
 * starts it or hands a step over. Null when the state waits for nothing the user can do.
 */
export function nextAction(actions: readonly ActionSpec[], d: { can: { assign?: boolean }; assigneeName: string | null }): NextAction | null {
  const first = actions.find((s) => s.primary)?.action ?? null;
  const assignFirst = d.can.assign === true && d.assigneeName === null && (first === null || first === 'startProcessing' || first === 'completeStep');
  return assignFirst ? 'assign' : first;
}

/** A 409 from the actions or assign route: someone changed the dossier after this page loaded it. */
export const isConflict = (error: unknown): boolean => error instanceof ApiError && error.status === 409;

/**
 * The dossier as it is now, from a 409 stale-version answer (the server puts it at `detail.current`);
 * null for any other error or when the answer carries none.
 */
export function conflictCurrent(error: unknown): Dossier | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  const detail = error.detail;
  if (!detail || typeof detail !== 'object' || !('current' in detail)) return null;
  const current = (detail as { current: unknown }).current;
  return current && typeof current === 'object' && 'id' in current && 'version' in current ? (current as Dossier) : null;
}

/** The step in progress, or null when every step is done (or the procedure has none). */
export function currentStepOf(d: Pick<Dossier, 'steps' | 'currentStep'>): Dossier['steps'][number] | null {
  return d.steps[d.currentStep] ?? null;
}
