import { describe, expect, it } from 'vitest';
import { totalPausedWorkingDays, type DossierState } from './dossier-state';
import { receiveNew } from './intake';
import { completeSupplement, recordPayment, requestPayment, requestSupplement } from './pauses';
import type { ProcessStep } from './step-plan';
import { at, testCalendar as cal } from './test-calendar';
import { receiveInput } from './test-dossiers';
import type { LocalDate } from '../values';

const d = (s: string) => s as LocalDate;
import { startProcessing } from './transitions';

/** Received Mon 2026-02-09 09:00 with 10 working days → due Mon 2026-03-02 (Tết 16–20/2 closed). */
function processingBeforeTet(overrides: Parameters<typeof receiveInput>[0] = {}): DossierState {
  const received = receiveNew(
    { channel: 'counter', ...receiveInput({ timeLimit: { value: 10, unit: 'working_days' }, ...overrides }) },
    at('2026-02-09', '09:00'),
    cal,
  );
  return startProcessing(received, {}, at('2026-02-09', '10:00'), cal);
}

describe('supplement pause', () => {
  it('moves the due date by the working days paused across Tết 2026', () => {
    const processing = processingBeforeTet();
    expect(processing.dueDate).toBe('2026-03-02');
    const waiting = requestSupplement(processing, { reason: 'Thiếu bản sao', items: ['CCCD'] }, at('2026-02-12', '10:00'), cal);
    const resumed = completeSupplement(waiting, {}, at('2026-02-24', '09:00'), cal);
    // (12/2, 24/2] holds Fri 13/2, Mon 23/2 and Tue 24/2: 3 working days.
    expect(resumed.pauses[0]?.workingDays).toBe(3);
    expect(resumed).toMatchObject({
      status: 'processing',
      dueDate: '2026-03-05',
      dueAt: at('2026-03-05', '17:00'),
      statutoryDueDate: '2026-03-05',
      originalDueDate: '2026-03-02',
    });
    expect(resumed.dueChanges).toEqual([
      {
        at: at('2026-02-24', '09:00'),
        cause: 'pause',
        dueDate: '2026-03-05',
        dueAt: at('2026-03-05', '17:00'),
        statutoryDueDate: '2026-03-05',
        statutoryDueAt: at('2026-03-05', '17:00'),
        workingDays: 3,
      },
    ]);
  });

  it('does not move the due date for a supplement completed the same day', () => {
    const waiting = requestSupplement(processingBeforeTet(), { reason: 'x' }, at('2026-02-10', '09:00'), cal);
    const resumed = completeSupplement(waiting, {}, at('2026-02-10', '16:00'), cal);
    expect(resumed.dueDate).toBe('2026-03-02');
    expect(resumed.dueChanges).toEqual([]);
  });

  it('counts back-to-back pauses once: the resume day belongs to the first pause only', () => {
    let s = processingBeforeTet();
    s = requestSupplement(s, { reason: 'first' }, at('2026-02-09', '11:00'), cal);
    s = completeSupplement(s, {}, at('2026-02-11', '09:00'), cal); // 10, 11 → 2
    s = requestSupplement(s, { reason: 'second' }, at('2026-02-11', '10:00'), cal);
    s = completeSupplement(s, {}, at('2026-02-13', '09:00'), cal); // 12, 13 → 2
    expect(s.pauses.map((p) => p.workingDays)).toEqual([2, 2]);
    // Adjacent pauses together cover (9/2, 13/2] exactly: no day counted twice.
    expect(totalPausedWorkingDays(s)).toBe(cal.workingDaysBetween(d('2026-02-09'), d('2026-02-13')));
    expect(s.supplementRequestCount).toBe(2);
    expect(s.dueDate).toBe('2026-03-06');
  });

  it('restarts the full period when the procedure says so', () => {
    const waiting = requestSupplement(processingBeforeTet({ supplementMode: 'restart' }), { reason: 'x' }, at('2026-02-12', '10:00'), cal);
    const resumed = completeSupplement(waiting, {}, at('2026-02-24', '09:00'), cal);
    // 10 working days from Tue 24/2 → Tue 10/3.
    expect(resumed).toMatchObject({ dueDate: '2026-03-10', statutoryDueDate: '2026-03-10', originalDueDate: '2026-03-02' });
    expect(resumed.dueChanges.at(-1)?.cause).toBe('restart');
  });

  it('moves the steps not yet handed over with the due date', () => {
    const steps: ProcessStep[] = [
      { code: 'appraise', name: 'Thẩm định', budget: { value: 3, unit: 'working_days' } },
      { code: 'sign', name: 'Ký duyệt', budget: { value: 4, unit: 'working_hours' } },
    ];
    const s = processingBeforeTet({ steps });
    expect(s.steps.map((p) => p.dueAt)).toEqual([at('2026-02-12', '17:00'), at('2026-02-13', '11:00')]);
    const waiting = requestSupplement(s, { reason: 'x' }, at('2026-02-10', '10:00'), cal);
    const resumed = completeSupplement(waiting, {}, at('2026-02-11', '10:00'), cal);
    expect(resumed.steps.map((p) => p.dueAt)).toEqual([at('2026-02-13', '17:00'), at('2026-02-23', '11:00')]);
  });
});

describe('payment pause', () => {
  it('keeps the clock running by default', () => {
    const waiting = requestPayment(processingBeforeTet(), { reason: 'Lệ phí' }, at('2026-02-10', '09:00'), cal);
    const paid = recordPayment(waiting, {}, at('2026-02-25', '09:00'), cal);
    expect(paid.status).toBe('processing');
    expect(paid.dueDate).toBe('2026-03-02');
    expect(paid.pauses).toEqual([expect.objectContaining({ kind: 'payment', stopsClock: false, workingDays: 0 })]);
  });

  it('stops the clock when the policy says payment pauses it', () => {
    const waiting = requestPayment(processingBeforeTet({ paymentStopsClock: true }), {}, at('2026-02-10', '09:00'), cal);
    const paid = recordPayment(waiting, {}, at('2026-02-12', '09:00'), cal);
    expect(paid.pauses[0]?.workingDays).toBe(2);
    expect(paid.dueDate).toBe('2026-03-04');
  });
});
