import type { Role } from '../access/roles';
import type { DayCalendar } from './day-calendar';
import type { DossierState, HandoverRow, SheetPerson } from './dossier-state';
import type { ProcessStep } from './step-plan';
import { foldVietnamese } from '../text';
import { classifyEnd } from './timeliness';
import { advance, requireText } from './transition-guard';
import { RuleViolation, type Instant } from '../values';

/** Who hands over and who receives; `to` null leaves the dossier in the next step's unit queue. */
export interface HandoverParties {
  by?: SheetPerson;
  to?: SheetPerson | null;
}

/** The parties' fields of a control-sheet row (none when the caller names no one, as older callers). */
function partiesOf(input: HandoverParties, now: Instant): Partial<HandoverRow> {
  if (!input.by) return {};
  return { by: input.by, to: input.to ?? null, receivedAt: input.to ? now : null };
}

/**
 * Hands the current step over to the next one (or back to the desk after the last) and records the
 * control-sheet row with its timeliness, who handed over and who received (Form 05/06,
 * docs/domain/dossiers.md#forms). Completing the first step of a received dossier starts processing.
 * @example completeStep(processing, { note: null }, now, cal).handovers.at(-1)?.timeliness // 'on_time'
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.apology_required' | 'dossier.no_pending_step')
 */
export function completeStep(state: DossierState, input: { note?: string | null } & HandoverParties, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'complete_step', now, () => {
    const index = state.currentStep;
    const step = state.steps[index];
    if (!step) throw new RuleViolation('dossier.no_pending_step', { currentStep: index });
    const row: HandoverRow = {
      stepIndex: index,
      fromStep: step.code,
      toStep: state.steps[index + 1]?.code ?? null,
      at: now,
      dueAt: step.dueAt,
      timeliness: classifyEnd(now, step.dueAt, state.policy?.granularity),
      note: input.note?.trim() || null,
      ...partiesOf(input, now),
    };
    return { currentStep: index + 1, handovers: [...state.handovers, row] };
  });
}

/**
 * Sends the dossier back to the previous step with a reason (docs/domain/dossiers.md#step-performers):
 * a control-sheet row of kind `return`; the step's plan is kept. The receiver is whoever handed that
 * step over (the caller passes them in `to`).
 * @example returnStep(atApproval, { reason: 'Thiếu ý kiến thẩm định' }, now, cal).currentStep // the appraisal step
 * @throws RuleViolation('dossier.invalid_transition' | 'dossier.no_previous_step'), DomainInputError('dossier.reason_required')
 */
export function returnStep(state: DossierState, input: { reason: string } & HandoverParties, now: Instant, _cal: DayCalendar): DossierState {
  return advance(state, 'return_step', now, () => {
    const index = state.currentStep;
    const previous = state.steps[index - 1];
    if (index < 1 || !previous) throw new RuleViolation('dossier.no_previous_step', { currentStep: index });
    const from = state.steps[index];
    const row: HandoverRow = {
      stepIndex: index,
      fromStep: from?.code ?? previous.code,
      toStep: previous.code,
      at: now,
      dueAt: from?.dueAt ?? previous.dueAt,
      timeliness: classifyEnd(now, from?.dueAt ?? previous.dueAt, state.policy?.granularity),
      note: requireText(input.reason, 'dossier.reason_required'),
      kind: 'return',
      ...partiesOf(input, now),
    };
    return { currentStep: index - 1, handovers: [...state.handovers, row] };
  });
}

/**
 * Records who took the dossier out of the unit's queue: the last hand-over row, when it went to the
 * queue (`to` null), gets its receiver. Anything else is left as it is.
 * @example receiveFromQueue(state, { id: 'u1', name: 'Phạm Thị Lan' }, now).handovers.at(-1)?.to?.name // 'Phạm Thị Lan'
 */
export function receiveFromQueue(state: DossierState, person: SheetPerson, now: Instant): DossierState {
  const last = state.handovers[state.handovers.length - 1];
  if (!last || !last.by || last.to) return state;
  return { ...state, handovers: [...state.handovers.slice(0, -1), { ...last, to: person, receivedAt: now }] };
}

/**
 * Who last handed step `index` over (the person a return from the next step goes back to), or null when
 * the control sheet names no one.
 * @example performerOfStep(state, 0) // { id, name } of the desk officer who handed the receipt step over
 */
export function performerOfStep(state: DossierState, index: number): SheetPerson | null {
  for (let i = state.handovers.length - 1; i >= 0; i--) {
    const h = state.handovers[i]!;
    if (h.kind !== 'return' && h.stepIndex === index && h.by) return h.by;
  }
  return null;
}

/**
 * Default performers of steps whose procedure names none (docs/domain/dossiers.md#step-performers), from
 * the words of the step's name, most specific first: a division's leader checks, the agency's leader
 * signs, the desk receives and returns, a specialist appraises.
 */
const NAME_RULES: ReadonlyArray<[RegExp, Role]> = [
  [/lanh dao phong|truong phong|pho truong phong/, 'unit_head'],
  [/lanh dao|giam doc|phe duyet|\bky\b/, 'leader'],
  [/tiep nhan|tra ket qua|vao so|mot cua/, 'one_stop_officer'],
  [/tham dinh|xu ly|kiem tra|du thao|chuyen vien/, 'specialist'],
];

/**
 * The role that performs a step: the one the procedure names, else the default from its name, else
 * null (any officer who may act on the dossier, as before performers were named).
 * @example performerRoleOf({ code: 'KT', name: 'Lãnh đạo phòng kiểm tra', budget }) // 'unit_head'
 * @example performerRoleOf({ code: 'PD', name: 'Lãnh đạo Sở phê duyệt, ký', budget }) // 'leader'
 * @example performerRoleOf({ code: 'TKQ', name: 'Vào sổ, trả kết quả', budget }) // 'one_stop_officer'
 */
export function performerRoleOf(step: Pick<ProcessStep, 'name' | 'performerRole'>): Role | null {
  if (step.performerRole) return step.performerRole;
  const name = foldVietnamese(step.name);
  return NAME_RULES.find(([re]) => re.test(name))?.[1] ?? null;
}
