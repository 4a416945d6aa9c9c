import { describe, expect, it } from 'vitest';
import { completeStep } from './complete-step';
import { receiveNew } from './intake';
import { planSteps, type ProcessStep } from './step-plan';
import { at, testCalendar as cal, testOffice } from './test-calendar';
import { receiveInput } from './test-dossiers';
import { markResultReady } from './transitions';
import { DomainInputError } from '../values';

const hours = (code: string, value: number): ProcessStep => ({ code, name: code, budget: { value, unit: 'working_hours' } });
const days = (code: string, value: number): ProcessStep => ({ code, name: code, budget: { value, unit: 'working_days' } });

describe('planSteps', () => {
  it('plans the Hà Nội same-day pattern back to back through office sessions', () => {
    const plan = planSteps(cal, at('2025-07-15', '07:00'), [hours('receipt', 2), hours('appraise', 3), hours('sign', 2), hours('issue', 1)], testOffice);
    expect(plan.map((s) => [s.code, s.startAt, s.dueAt])).toEqual([
      ['receipt', at('2025-07-15', '07:00'), at('2025-07-15', '09:00')],
      ['appraise', at('2025-07-15', '09:00'), at('2025-07-15', '14:00')], // 2.5 h before lunch, 0.5 h after
      ['sign', at('2025-07-15', '14:00'), at('2025-07-15', '16:00')],
      ['issue', at('2025-07-15', '16:00'), at('2025-07-15', '17:00')], // 8 h fill exactly one office day
    ]);
  });

  it('ends day budgets at office closing and continues hour budgets the next morning', () => {
    const plan = planSteps(cal, at('2025-01-24', '10:00'), [days('appraise', 2), hours('sign', 4)], testOffice);
    expect(plan.map((s) => [s.dueDate, s.dueAt])).toEqual([
      ['2025-02-04', at('2025-02-04', '17:00')], // over Tết 2025
      ['2025-02-05', at('2025-02-05', '11:00')],
    ]);
  });

  it.each([days('x', 1.5), hours('x', -1), { ...days('', 1) }])('rejects the step %j', (step) =>
    expect(() => planSteps(cal, at('2025-07-15', '07:00'), [step], testOffice)).toThrow(DomainInputError));
});

describe('completeStep', () => {
  const steps = [hours('receipt', 2), days('appraise', 2)];
  // Received Tue 2025-07-15 07:00: receipt due 09:00, appraisal due Thu 17/7 17:00.
  const received = receiveNew({ channel: 'counter', ...receiveInput({ steps }) }, at('2025-07-15', '07:00'), cal);

  it('records the control-sheet rows with their timeliness and starts processing', () => {
    const first = completeStep(received, { note: 'Chuyển phòng chuyên môn' }, at('2025-07-15', '08:30'), cal);
    expect(first.status).toBe('processing');
    const second = completeStep(first, {}, at('2025-07-18', '09:00'), cal);
    expect(second.handovers).toEqual([
      { stepIndex: 0, fromStep: 'receipt', toStep: 'appraise', at: at('2025-07-15', '08:30'), dueAt: at('2025-07-15', '09:00'), timeliness: 'on_time', note: 'Chuyển phòng chuyên môn' },
      { stepIndex: 1, fromStep: 'appraise', toStep: null, at: at('2025-07-18', '09:00'), dueAt: at('2025-07-17', '17:00'), timeliness: 'late', note: null },
    ]);
    expect(second.currentStep).toBe(2);
  });

  it('judges an early hand-over at the dossier granularity', () => {
    const early = completeStep(completeStep(received, {}, at('2025-07-15', '08:00'), cal), {}, at('2025-07-16', '10:00'), cal);
    expect(early.handovers.map((h) => h.timeliness)).toEqual(['on_time', 'early']);
  });

  it('refuses a hand-over when no step is pending, and a result before all steps', () => {
    const done = completeStep(completeStep(received, {}, at('2025-07-15', '08:00'), cal), {}, at('2025-07-16', '10:00'), cal);
    expect(() => completeStep(done, {}, at('2025-07-16', '11:00'), cal)).toThrowError(expect.objectContaining({ code: 'dossier.no_pending_step' }));
    const halfway = completeStep(received, {}, at('2025-07-15', '08:00'), cal);
    expect(() => markResultReady(halfway, {}, at('2025-07-15', '09:00'), cal)).toThrowError(expect.objectContaining({ code: 'dossier.steps_incomplete' }));
    expect(markResultReady(done, {}, at('2025-07-16', '11:00'), cal).status).toBe('result_ready');
  });
});
