// Test fixture only: random dossier histories for property tests, driven through the public
// transitions. Not exported from the package.
import fc from 'fast-check';
import { applyDossierCommand, type DossierCommand } from './commands';
import type { DossierState } from './dossier-state';
import { receiveNew, submitOnline, type ReceiveInput } from './intake';
import type { Channel } from './status';
import type { ProcessStep } from './step-plan';
import { testCalendar as cal } from './test-calendar';
import { receipt } from './test-dossiers';
import type { TimeLimit } from './time-limit';
import { DOSSIER_ACTIONS, nextStatusOf, type DossierAction } from './transition-table';
import { DomainInputError, localDateOf, RuleViolation, type Instant } from '../values';

/**
 * One move: after some minutes, an action chosen by `choice` among those the lifecycle table allows
 * in the current status (`legal`) or among all actions (mostly refused, which is tested too).
 */
export interface Move {
  afterMinutes: number;
  legal: boolean;
  choice: number;
}

export interface Scenario {
  startAt: Instant;
  submittedOnline: boolean;
  channel: Channel;
  input: ReceiveInput;
  moves: Move[];
}

const START = Date.UTC(2024, 11, 31, 17); // 2025-01-01 00:00 local
const SPAN_MINUTES = 650 * 24 * 60;
// Closing actions are drawn less often, so that most histories live long enough to pause and finish.
const RARE: readonly DossierAction[] = ['refuse', 'stop', 'withdraw'];

const limitArb: fc.Arbitrary<TimeLimit> = fc.oneof(
  fc.integer({ min: 0, max: 15 }).map((value) => ({ value, unit: 'working_days' as const })),
  fc.integer({ min: 0, max: 30 }).map((value) => ({ value, unit: 'calendar_days' as const })),
  fc.integer({ min: 1, max: 40 }).map((value) => ({ value, unit: 'working_hours' as const })),
  fc.constant({ value: 0, unit: 'same_day' as const }),
);

const stepArb: fc.Arbitrary<ProcessStep> = fc
  .tuple(fc.constantFrom('working_days' as const, 'working_hours' as const), fc.integer({ min: 0, max: 4 }))
  .map(([unit, value]) => ({ code: 'step', name: 'step', budget: { value, unit } }));

export const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  startAt: fc.integer({ min: 0, max: SPAN_MINUTES }).map((m) => new Date(START + m * 60_000).toISOString() as Instant),
  submittedOnline: fc.boolean(),
  channel: fc.constantFrom('counter' as const, 'online' as const, 'post' as const),
  input: fc.record({
    timeLimit: limitArb,
    receipt: fc.constant(receipt),
    steps: fc.array(stepArb, { maxLength: 3 }).map((steps) => steps.map((step, i) => ({ ...step, code: `s${i}` }))),
    paymentStopsClock: fc.boolean(),
    supplementMode: fc.constantFrom('extend' as const, 'extend' as const, 'restart' as const),
    almostDueWorkingDays: fc.integer({ min: 0, max: 3 }),
  }),
  moves: fc.array(
    fc.record({
      // Mostly minutes to a day; sometimes weeks, so that dossiers fall overdue.
      afterMinutes: fc.oneof(
        { arbitrary: fc.integer({ min: 0, max: 24 * 60 }), weight: 5 },
        { arbitrary: fc.integer({ min: 0, max: 20 * 24 * 60 }), weight: 1 },
      ),
      legal: fc.oneof({ arbitrary: fc.constant(true), weight: 4 }, { arbitrary: fc.constant(false), weight: 1 }),
      choice: fc.nat(),
    }),
    { maxLength: 30 },
  ),
});

function pickAction(state: DossierState, move: Move): DossierAction {
  const allowed = DOSSIER_ACTIONS.filter((a) => nextStatusOf(state.status, a) !== null);
  const common = allowed.filter((a) => !RARE.includes(a));
  const pool = move.legal && allowed.length > 0 ? [...allowed, ...common, ...common, ...common, ...common, ...common] : DOSSIER_ACTIONS;
  return pool[move.choice % pool.length] ?? 'start_processing';
}

/** The command for an action, with inputs derived from the state (the apology's new date). */
export function commandFor(action: DossierAction, state: DossierState, input: ReceiveInput, now: Instant, choice: number): DossierCommand {
  switch (action) {
    case 'receive':
      return { action, ...input };
    case 'request_supplement':
      return { action, reason: 'Thiếu giấy tờ', items: ['CCCD'] };
    case 'request_completion':
      return { action, reason: 'Bản chụp mờ', items: ['CCCD'] };
    case 'request_payment':
      return { action, reason: 'Lệ phí' };
    case 'refuse':
    case 'stop':
    case 'return_step':
      return { action, reason: 'Lý do' };
    case 'return_result':
      return { action, method: (['counter', 'post', 'online'] as const)[choice % 3] ?? 'counter', receivedBy: 'A' };
    case 'issue_apology': {
      const today = localDateOf(now);
      const base = state.dueDate !== null && state.dueDate > today ? state.dueDate : today;
      return { action, reason: 'Trễ hạn', newDueDate: cal.addWorkingDays(base, choice % 4) };
    }
    default:
      return { action };
  }
}

export interface Step {
  before: DossierState;
  after: DossierState;
  action: DossierAction;
  now: Instant;
  error: unknown;
}

/** Runs a scenario; a command the rules forbid leaves the state as it was. Other errors propagate. */
export function runScenario(s: Scenario): { initial: DossierState; steps: Step[]; final: DossierState } {
  const initial = s.submittedOnline ? submitOnline(s.startAt) : receiveNew({ channel: s.channel, ...s.input }, s.startAt, cal);
  let state = initial;
  let t = Date.parse(s.startAt);
  const steps: Step[] = [];
  for (const move of s.moves) {
    t += move.afterMinutes * 60_000;
    const now = new Date(t).toISOString() as Instant;
    const action = pickAction(state, move);
    let after = state;
    let error: unknown = null;
    try {
      after = applyDossierCommand(state, commandFor(action, state, s.input, now, move.choice), now, cal);
    } catch (e) {
      if (!(e instanceof RuleViolation) && !(e instanceof DomainInputError)) throw e;
      error = e;
    }
    steps.push({ before: state, after, action, now, error });
    state = after;
  }
  return { initial, steps, final: state };
}
