import { describe, expect, it } from 'vitest';
import { applyDossierCommand, type DossierCommand } from './commands';
import { completeStep } from './complete-step';
import { DOSSIER_STATUSES, type DossierStatus } from './status';
import { dossierIn, receiveInput } from './test-dossiers';
import { at, testCalendar as cal } from './test-calendar';
import { DOSSIER_ACTIONS, DOSSIER_TRANSITIONS, nextStatusOf, type DossierAction } from './transition-table';
import { markResultReady, refuseDossier, returnResult, startProcessing, stopDossier, withdrawDossier } from './transitions';
import { requestPayment } from './pauses';
import { receiveNew, receiveSubmitted, submitOnline } from './intake';
import { DomainInputError, RuleViolation, type LocalDate } from '../values';

// Written out independently of DOSSIER_TRANSITIONS, so a slip in either is caught.
const EXPECTED: Record<DossierStatus, Partial<Record<DossierAction, DossierStatus>>> = {
  submitted: { receive: 'received', refuse: 'refused', withdraw: 'withdrawn', request_completion: 'awaiting_completion' },
  awaiting_completion: { complete_filing: 'submitted', refuse: 'refused', withdraw: 'withdrawn' },
  received: {
    start_processing: 'processing',
    complete_step: 'processing',
    request_supplement: 'awaiting_supplement',
    request_payment: 'awaiting_payment',
    refuse: 'refused',
    stop: 'stopped',
    withdraw: 'withdrawn',
    issue_apology: 'received',
  },
  processing: {
    complete_step: 'processing',
    return_step: 'processing',
    request_supplement: 'awaiting_supplement',
    request_payment: 'awaiting_payment',
    refuse: 'refused',
    stop: 'stopped',
    withdraw: 'withdrawn',
    mark_result_ready: 'result_ready',
    issue_apology: 'processing',
  },
  awaiting_supplement: { complete_supplement: 'processing', stop: 'stopped', withdraw: 'withdrawn' },
  awaiting_payment: { record_payment: 'processing', stop: 'stopped', withdraw: 'withdrawn', issue_apology: 'awaiting_payment' },
  refused: {},
  withdrawn: {},
  stopped: {},
  result_ready: { return_result: 'returned' },
  returned: {},
};

// On the due date (Mon 2025-07-21): not overdue, but almost due, so an apology is allowed.
const NOW = at('2025-07-21', '08:00');

const COMMANDS: Record<DossierAction, DossierCommand> = {
  receive: { action: 'receive', ...receiveInput() },
  start_processing: { action: 'start_processing' },
  complete_step: { action: 'complete_step', note: 'ok' },
  return_step: { action: 'return_step', reason: 'Thiếu ý kiến thẩm định' },
  request_supplement: { action: 'request_supplement', reason: 'Thiếu bản sao', items: ['CCCD'] },
  complete_supplement: { action: 'complete_supplement' },
  request_payment: { action: 'request_payment', reason: 'Lệ phí' },
  record_payment: { action: 'record_payment' },
  refuse: { action: 'refuse', reason: 'Không đủ điều kiện' },
  stop: { action: 'stop', reason: 'Dừng' },
  withdraw: { action: 'withdraw', reason: 'Công dân rút' },
  mark_result_ready: { action: 'mark_result_ready' },
  return_result: { action: 'return_result', method: 'online', receivedBy: 'citizen-1' },
  issue_apology: { action: 'issue_apology', reason: 'Chờ liên ngành', newDueDate: '2025-07-23' as LocalDate },
  request_completion: { action: 'request_completion', reason: 'Bản chụp mờ', items: ['Bản sao CCCD'] },
  complete_filing: { action: 'complete_filing' },
};

const cases = DOSSIER_STATUSES.flatMap((status) => DOSSIER_ACTIONS.map((action) => ({ status, action, expected: EXPECTED[status][action] ?? null })));

describe('the lifecycle table', () => {
  it('matches the written-out expectation for every status × action', () => {
    for (const { status, action, expected } of cases) expect(nextStatusOf(status, action), `${status} × ${action}`).toBe(expected);
  });

  it('never leads out of a terminal status', () => {
    for (const action of DOSSIER_ACTIONS) {
      const row: Partial<Record<DossierStatus, DossierStatus>> = DOSSIER_TRANSITIONS[action];
      for (const terminal of ['refused', 'withdrawn', 'stopped', 'returned'] as const) expect(row[terminal]).toBeUndefined();
    }
  });
});

describe('every status × every action', () => {
  it.each(cases)('$status × $action → $expected', ({ status, action, expected }) => {
    // A return needs a step behind it: the processing dossier has handed its one step over.
    const withSteps = dossierIn(status, action === 'complete_step' || action === 'return_step');
    const state = action === 'return_step' && status === 'processing' ? completeStep(withSteps, {}, at('2025-07-14', '09:20'), cal) : withSteps;
    const before = JSON.stringify(state);
    const run = () => applyDossierCommand(state, COMMANDS[action], NOW, cal);
    if (expected === null) {
      expect(run).toThrowError(expect.objectContaining({ code: 'dossier.invalid_transition', detail: { from: status, action } }));
    } else {
      const next = run();
      expect(next.status).toBe(expected);
      expect(next.history.at(-1)).toEqual({ action, from: status, to: expected, at: NOW });
    }
    expect(JSON.stringify(state)).toBe(before); // the input state is never mutated
  });
});

describe('closing actions', () => {
  const received = dossierIn('received');
  const t = at('2025-07-15', '10:00');

  it.each([
    { name: 'refusal', run: () => refuseDossier(received, { reason: 'x' }, t, cal), end: t },
    { name: 'stop', run: () => stopDossier(received, { reason: 'x' }, t, cal), end: t },
    { name: 'withdrawal after receipt', run: () => withdrawDossier(received, {}, t, cal), end: t },
    { name: 'withdrawal before receipt', run: () => withdrawDossier(submitOnline(t), {}, t, cal), end: null },
    { name: 'result ready', run: () => markResultReady(startProcessing(received, {}, t, cal), {}, t, cal), end: t },
  ])('$name sets the end of processing to $end', ({ run, end }) => expect(run().endOfProcessingAt).toBe(end));

  it('keeps the result-ready time as the end of processing when the result is returned later', () => {
    const ready = markResultReady(startProcessing(received, {}, t, cal), {}, t, cal);
    const returned = returnResult(ready, { method: 'post', receivedBy: 'Bưu điện' }, at('2025-07-25', '09:00'), cal);
    expect(returned.endOfProcessingAt).toBe(t);
    expect(returned.finishedAt).toBe(at('2025-07-25', '09:00'));
    expect(returned.returnMethod).toBe('post');
  });

  it.each([
    () => refuseDossier(received, { reason: '  ' }, t, cal),
    () => stopDossier(received, { reason: '' }, t, cal),
    () => returnResult(markResultReady(startProcessing(received, {}, t, cal), {}, t, cal), { method: 'counter', receivedBy: '' }, t, cal),
    () => returnResult(markResultReady(startProcessing(received, {}, t, cal), {}, t, cal), { method: 'fax' as 'post', receivedBy: 'A' }, t, cal),
  ])('rejects missing reasons, recipients and methods as input errors (%#)', (run) => expect(run).toThrow(DomainInputError));

  it('closes an open payment pause when the dossier is stopped', () => {
    const waiting = requestPayment(startProcessing(received, {}, t, cal), {}, t, cal);
    const stopped = stopDossier(waiting, { reason: 'Không nộp phí' }, at('2025-07-17', '10:00'), cal);
    expect(stopped.pauses).toEqual([expect.objectContaining({ kind: 'payment', to: at('2025-07-17', '10:00'), workingDays: 0 })]);
  });
});

describe('intake', () => {
  it('starts the clock when the desk receives an online filing, not when it was filed', () => {
    const filed = submitOnline(at('2025-07-11', '10:00'));
    const received = receiveSubmitted(filed, receiveInput(), at('2025-07-14', '09:00'), cal);
    expect(received).toMatchObject({ submittedAt: at('2025-07-11', '10:00'), receivedAt: at('2025-07-14', '09:00'), dueDate: '2025-07-21' });
  });

  it('creates a received dossier directly with its due dates', () => {
    const s = receiveNew({ channel: 'post', ...receiveInput() }, at('2025-07-12', '10:00'), cal);
    expect(s).toMatchObject({
      status: 'received',
      channel: 'post',
      deemedReceivedOn: '2025-07-14',
      dueDate: '2025-07-21',
      originalDueDate: '2025-07-21',
      statutoryDueDate: '2025-07-21',
      dueAt: at('2025-07-21', '17:00'),
    });
  });

  it('rejects an instant earlier than the last event', () => {
    const s = dossierIn('received');
    expect(() => startProcessing(s, {}, at('2025-07-14', '08:00'), cal)).toThrowError(expect.objectContaining({ code: 'dossier.time_goes_backwards' }));
  });

  it('rejects a malformed instant', () => {
    expect(() => submitOnline('2025-07-14 09:00' as ReturnType<typeof at>)).toThrow(DomainInputError);
  });

  it('rejects a negative almost-due threshold', () => {
    expect(() => receiveNew({ channel: 'counter', ...receiveInput({ almostDueWorkingDays: -1 }) }, at('2025-07-14', '09:00'), cal)).toThrow(DomainInputError);
  });

  it('reports a forbidden action as a RuleViolation, not an input error', () => {
    expect(() => startProcessing(dossierIn('returned'), {}, NOW, cal)).toThrow(RuleViolation);
  });
});
