import type { DossierAction } from '../../api/types';

/** What an action asks for before it is sent. */
export type ActionInputKind = 'confirm' | 'note' | 'reason' | 'optional_reason' | 'supplement' | 'apology' | 'return';

export interface ActionSpec {
  action: DossierAction;
  input: ActionInputKind;
  /** Closing the dossier without a result: shown as a danger button. */
  danger?: boolean;
  /** The usual next step: shown as the primary button. */
  primary?: boolean;
}

/** The lifecycle actions in the order the buttons appear (DOMAIN.md §3.3). */
export const ACTION_SPECS: readonly ActionSpec[] = [
  { action: 'receive', input: 'confirm', primary: true },
  { action: 'startProcessing', input: 'confirm', primary: true },
  { action: 'completeStep', input: 'note', primary: true },
  { action: 'markResultReady', input: 'confirm', primary: true },
  { action: 'returnResult', input: 'return', primary: true },
  { action: 'completeSupplement', input: 'confirm', primary: true },
  { action: 'recordPayment', input: 'confirm', primary: true },
  { action: 'issueApology', input: 'apology' },
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
