import { describe, expect, it } from 'vitest';
import { canIssueApology, issueApology } from './apology';
import { completeStep } from './complete-step';
import { isOverdueAt, type DossierState } from './dossier-state';
import { classifyFinished, summarizeDossier } from './dossier-summary';
import { receiveNew } from './intake';
import { completeSupplement, recordPayment, requestPayment, requestSupplement } from './pauses';
import { at, testCalendar as cal } from './test-calendar';
import { oneStep, receiveInput } from './test-dossiers';
import { markResultReady, refuseDossier, startProcessing } from './transitions';
import { DomainInputError, type LocalDate } from '../values';

const d = (s: string) => s as LocalDate;
const apology = (newDueDate: string, reason = 'Chờ ý kiến liên ngành') => ({ reason, newDueDate: d(newDueDate) });

/** Received Mon 2025-07-14 09:00, 2 working days → due Wed 2025-07-16 17:00; processing from 10:00. */
function processing(overrides: Parameters<typeof receiveInput>[0] = {}): DossierState {
  const received = receiveNew(
    { channel: 'counter', ...receiveInput({ timeLimit: { value: 2, unit: 'working_days' }, ...overrides }) },
    at('2025-07-14', '09:00'),
    cal,
  );
  return startProcessing(received, {}, at('2025-07-14', '10:00'), cal);
}
const LATE = at('2025-07-17', '09:00');
const required = expect.objectContaining({ code: 'dossier.apology_required' });

describe('an overdue dossier', () => {
  it('is overdue only once the local day is past the due date', () => {
    expect(isOverdueAt(processing(), at('2025-07-16', '23:59'))).toBe(false);
    expect(isOverdueAt(processing(), at('2025-07-17', '00:00'))).toBe(true);
  });

  it.each([
    { name: 'mark the result ready', run: (s: DossierState) => markResultReady(s, {}, LATE, cal) },
    { name: 'request a supplement', run: (s: DossierState) => requestSupplement(s, { reason: 'x' }, LATE, cal) },
    { name: 'request payment', run: (s: DossierState) => requestPayment(s, {}, LATE, cal) },
  ])('cannot $name before an apology', ({ run }) => expect(() => run(processing())).toThrowError(required));

  it('cannot hand a step over before an apology', () => {
    expect(() => completeStep(processing({ steps: oneStep }), {}, LATE, cal)).toThrowError(required);
  });

  it('cannot start processing before an apology', () => {
    const received = receiveNew({ channel: 'counter', ...receiveInput({ timeLimit: { value: 2, unit: 'working_days' } }) }, at('2025-07-14', '09:00'), cal);
    expect(() => startProcessing(received, {}, LATE, cal)).toThrowError(required);
  });

  it('can still be refused without an apology', () => {
    expect(refuseDossier(processing(), { reason: 'Không đủ điều kiện' }, LATE, cal).status).toBe('refused');
  });

  it('moves on after an apology with a reason and a new date, and still counts as late', () => {
    const apologised = issueApology(processing(), apology('2025-07-18'), at('2025-07-17', '09:05'), cal);
    expect(apologised).toMatchObject({
      dueDate: '2025-07-18',
      dueAt: at('2025-07-18', '17:00'),
      originalDueDate: '2025-07-16',
      statutoryDueDate: '2025-07-16',
    });
    expect(apologised.apologies).toEqual([
      { issuedAt: at('2025-07-17', '09:05'), reason: 'Chờ ý kiến liên ngành', oldDueDate: '2025-07-16', newDueDate: '2025-07-18' },
    ]);
    const ready = markResultReady(apologised, {}, at('2025-07-17', '10:00'), cal);
    expect(ready.status).toBe('result_ready');
    expect(classifyFinished(summarizeDossier(ready))).toBe('late');
  });

  it('needs a second apology when the new date passes too', () => {
    const apologised = issueApology(processing(), apology('2025-07-18'), LATE, cal);
    expect(() => markResultReady(apologised, {}, at('2025-07-21', '09:00'), cal)).toThrowError(required);
    const again = issueApology(apologised, apology('2025-07-23'), at('2025-07-21', '09:00'), cal);
    expect(again.apologies).toHaveLength(2);
    expect(markResultReady(again, {}, at('2025-07-21', '10:00'), cal).status).toBe('result_ready');
  });

  it('is not overdue while waiting for a supplement, and resumes with a moved due date', () => {
    const waiting = requestSupplement(processing(), { reason: 'x' }, at('2025-07-15', '09:00'), cal);
    expect(isOverdueAt(waiting, at('2025-07-25', '09:00'))).toBe(false);
    const resumed = completeSupplement(waiting, {}, at('2025-07-25', '09:00'), cal);
    expect(resumed.dueDate).toBe('2025-07-28'); // 8 working days paused
    expect(markResultReady(resumed, {}, at('2025-07-25', '10:00'), cal).status).toBe('result_ready');
  });

  it('runs late while waiting for a payment that does not stop the clock', () => {
    const waiting = requestPayment(processing(), {}, at('2025-07-15', '09:00'), cal);
    expect(isOverdueAt(waiting, LATE)).toBe(true);
    const paid = recordPayment(waiting, {}, LATE, cal); // recording the applicant's payment is never blocked
    expect(() => markResultReady(paid, {}, LATE, cal)).toThrowError(required);
  });
});

describe('issueApology', () => {
  it('is allowed from the almost-due day onwards', () => {
    expect(canIssueApology(processing(), at('2025-07-14', '11:00'), cal)).toBe(false); // 2 working days left
    expect(canIssueApology(processing(), at('2025-07-15', '11:00'), cal)).toBe(true); // 1 left
    expect(() => issueApology(processing(), apology('2025-07-18'), at('2025-07-14', '11:00'), cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.apology_not_due' }),
    );
  });

  it('follows the dossier threshold for "almost due"', () => {
    expect(canIssueApology(processing({ almostDueWorkingDays: 2 }), at('2025-07-14', '11:00'), cal)).toBe(true);
  });

  it.each([
    { newDueDate: '2025-07-16', code: 'dossier.apology_date_not_later', now: LATE },
    { newDueDate: '2025-07-18', code: 'dossier.apology_date_in_past', now: at('2025-07-21', '09:00') },
    { newDueDate: '2025-07-19', code: 'dossier.apology_date_not_working_day', now: LATE },
  ])('rejects new date $newDueDate with $code', ({ newDueDate, code, now }) => {
    expect(() => issueApology(processing(), apology(newDueDate), now, cal)).toThrowError(expect.objectContaining({ code }));
  });

  it('requires a reason and a real date', () => {
    expect(() => issueApology(processing(), apology('2025-07-18', ' '), LATE, cal)).toThrow(DomainInputError);
    expect(() => issueApology(processing(), apology('2025-07-32'), LATE, cal)).toThrow(DomainInputError);
  });

  it('is refused while the clock is stopped', () => {
    const waitingSupplement = requestSupplement(processing(), { reason: 'x' }, at('2025-07-15', '09:00'), cal);
    expect(() => issueApology(waitingSupplement, apology('2025-07-18'), LATE, cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.invalid_transition' }),
    );
    const waitingPayment = requestPayment(processing({ paymentStopsClock: true }), {}, at('2025-07-15', '09:00'), cal);
    expect(() => issueApology(waitingPayment, apology('2025-07-18'), LATE, cal)).toThrowError(expect.objectContaining({ code: 'dossier.clock_paused' }));
  });
});
