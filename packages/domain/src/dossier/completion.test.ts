import { describe, expect, it } from 'vitest';
import { completeFiling, requestCompletion } from './completion';
import { openCompletionOf } from './dossier-state';
import { summarizeDossier } from './dossier-summary';
import { receiveSubmitted, submitOnline } from './intake';
import { computeStatistics } from './statistics';
import { at, testCalendar as cal } from './test-calendar';
import { receiveInput } from './test-dossiers';
import { DomainInputError, RuleViolation, type LocalDate } from '../values';

const JULY = { from: '2025-07-01' as LocalDate, to: '2025-07-31' as LocalDate };
const filed = submitOnline(at('2025-07-14', '09:00'));
const ask = { reason: 'Bản chụp CCCD bị mờ', items: ['Bản sao CCCD', ' Bản sao CCCD ', 'Tờ khai'] };

describe('completion before receipt (issue #13 item 1)', () => {
  it('sends an online filing back with one list of everything missing, without receiving it', () => {
    const sent = requestCompletion(filed, ask, at('2025-07-14', '10:00'), cal);
    expect(sent.status).toBe('awaiting_completion');
    expect(openCompletionOf(sent)).toEqual({
      at: at('2025-07-14', '10:00'),
      reason: 'Bản chụp CCCD bị mờ',
      items: ['Bản sao CCCD', 'Tờ khai'],
      completedAt: null,
    });
    expect([sent.receivedAt, sent.dueDate, sent.pauses.length, sent.supplementRequestCount]).toEqual([null, null, 0, 0]);
  });

  it('needs a reason and at least one component', () => {
    expect(() => requestCompletion(filed, { reason: ' ', items: ['Tờ khai'] }, at('2025-07-14', '10:00'), cal)).toThrow(DomainInputError);
    expect(() => requestCompletion(filed, { reason: 'Thiếu', items: [' '] }, at('2025-07-14', '10:00'), cal)).toThrow(DomainInputError);
  });

  it('is refused once the dossier is received', () => {
    const received = receiveSubmitted(filed, receiveInput(), at('2025-07-14', '10:00'), cal);
    expect(() => requestCompletion(received, ask, at('2025-07-14', '11:00'), cal)).toThrow(RuleViolation);
  });

  it('comes back to the desk when the filer completes it, and is received as usual with the clock from the receipt', () => {
    const sent = requestCompletion(filed, ask, at('2025-07-14', '10:00'), cal);
    const again = completeFiling(sent, {}, at('2025-07-16', '08:30'), cal);
    expect(again.status).toBe('submitted');
    expect(openCompletionOf(again)).toBeNull();
    expect(again.completionRequests?.[0]?.completedAt).toBe(at('2025-07-16', '08:30'));
    expect(again.submittedAt).toBe(filed.submittedAt);
    const received = receiveSubmitted(again, receiveInput(), at('2025-07-16', '09:00'), cal);
    expect(received.receivedAt).toBe(at('2025-07-16', '09:00'));
    expect(received.dueDate).toBe('2025-07-23');
  });

  it('is neither received nor in progress in the period statistics', () => {
    const sent = requestCompletion(filed, ask, at('2025-07-14', '10:00'), cal);
    const stats = computeStatistics(cal, [summarizeDossier(sent)], JULY);
    expect([stats.received.total, stats.toProcess, stats.inProgress.total, stats.paused.total, stats.awaitingReceipt]).toEqual([0, 0, 0, 0, 0]);
    const again = completeFiling(sent, {}, at('2025-07-16', '08:30'), cal);
    expect(computeStatistics(cal, [summarizeDossier(again)], JULY).awaitingReceipt).toBe(1);
  });
});
