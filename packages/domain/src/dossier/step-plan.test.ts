import { describe, expect, it } from 'vitest';
import { completeStep, performerRoleOf, receiveFromQueue, returnStep, performerOfStep } from './complete-step';
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
    expect(() => planSteps(cal, at('2025-07-15', '07:00'), [step], testOffice)).toThrow(DomainInputError),
  );
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
      {
        stepIndex: 0,
        fromStep: 'receipt',
        toStep: 'appraise',
        at: at('2025-07-15', '08:30'),
        dueAt: at('2025-07-15', '09:00'),
        timeliness: 'on_time',
        note: 'Chuyển phòng chuyên môn',
      },
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

describe('step performers and returns', () => {
  const steps: ProcessStep[] = [
    { ...hours('TN', 2), name: 'Tiếp nhận, chuyển hồ sơ' },
    { ...days('TD', 2), name: 'Thẩm định hồ sơ, dự thảo kết quả' },
    { ...days('PD', 1), name: 'Lãnh đạo Sở phê duyệt, ký', performerRole: 'leader' },
  ];
  const received = receiveNew({ channel: 'counter', ...receiveInput({ steps }) }, at('2025-07-15', '07:00'), cal);
  const desk = { id: 'u-desk', name: 'Võ Thanh Tùng' };
  const lan = { id: 'u-lan', name: 'Phạm Thị Lan' };

  it.each([
    ['Lãnh đạo phòng kiểm tra', 'unit_head'],
    ['Lãnh đạo Sở phê duyệt, ký', 'leader'],
    ['Phê duyệt, ký kết quả', 'leader'],
    ['Vào sổ, trả kết quả', 'one_stop_officer'],
    ['Tiếp nhận, chuyển hồ sơ', 'one_stop_officer'],
    ['Thẩm định hồ sơ, dự thảo kết quả', 'specialist'],
    ['Họp hội đồng', null],
  ])('maps the step "%s" to %s', (name, role) => expect(performerRoleOf({ name })).toBe(role));

  it('prefers the role the procedure names', () => expect(performerRoleOf({ name: 'Tiếp nhận', performerRole: 'specialist' })).toBe('specialist'));

  it('records who handed over and who received, from a person or from the queue', () => {
    const toPerson = completeStep(received, { by: desk, to: lan }, at('2025-07-15', '08:00'), cal);
    expect(toPerson.handovers.at(-1)).toMatchObject({ by: desk, to: lan, receivedAt: at('2025-07-15', '08:00') });
    const toQueue = completeStep(received, { by: desk, to: null }, at('2025-07-15', '08:00'), cal);
    expect(toQueue.handovers.at(-1)).toMatchObject({ by: desk, to: null, receivedAt: null });
    const taken = receiveFromQueue(toQueue, lan, at('2025-07-15', '09:00'));
    expect(taken.handovers.at(-1)).toMatchObject({ to: lan, receivedAt: at('2025-07-15', '09:00') });
    expect(receiveFromQueue(taken, desk, at('2025-07-15', '10:00'))).toBe(taken);
  });

  it('returns to the previous step with a reason, back to whoever handed it over', () => {
    const atApproval = completeStep(
      completeStep(received, { by: desk, to: lan }, at('2025-07-15', '08:00'), cal),
      { by: lan, to: null },
      at('2025-07-16', '08:00'),
      cal,
    );
    expect(atApproval.currentStep).toBe(2);
    expect(performerOfStep(atApproval, 0)).toEqual(desk);
    expect(performerOfStep(atApproval, 1)).toEqual(lan);
    expect(performerOfStep(atApproval, 2)).toBeNull();
    const back = returnStep(
      atApproval,
      { reason: ' Thiếu ý kiến phòng ', by: { id: 'u-boss', name: 'Nguyễn Văn Minh' }, to: lan },
      at('2025-07-16', '09:00'),
      cal,
    );
    expect(back.currentStep).toBe(1);
    expect(back.status).toBe('processing');
    expect(back.handovers.at(-1)).toMatchObject({ kind: 'return', fromStep: 'PD', toStep: 'TD', note: 'Thiếu ý kiến phòng', to: lan });
    expect(() => returnStep(atApproval, { reason: ' ' }, at('2025-07-16', '09:00'), cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.reason_required' }),
    );
    const first = completeStep(received, {}, at('2025-07-15', '08:00'), cal);
    const atStart = returnStep(first, { reason: 'x' }, at('2025-07-15', '09:00'), cal);
    expect(() => returnStep(atStart, { reason: 'x' }, at('2025-07-15', '10:00'), cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.no_previous_step' }),
    );
  });
});
