import { describe, expect, it } from 'vitest';
import { asSentence, dueText, instantOfVnWallClock, isTimeLimitUnit, monthStart, stepLabel, vnToday, vnWallClock } from './dossier-format';

describe('dossier display helpers', () => {
  it('reads an instant on the Viet Nam wall clock and back', () => {
    const shown = vnWallClock('2025-07-15T01:30:00.000Z');
    expect(shown.format('DD/MM/YYYY HH:mm')).toBe('15/07/2025 08:30');
    expect(instantOfVnWallClock(shown)).toBe('2025-07-15T01:30:00.000Z');
  });

  it('takes the Viet Nam day, not the UTC one', () => {
    expect(vnToday(Date.parse('2025-07-14T18:00:00.000Z'))).toBe('2025-07-15');
    expect(monthStart('2025-07-15')).toBe('2025-07-01');
  });
});

describe('dossier text helpers', () => {
  it('shows the due time, else the due day, else the fallback', () => {
    expect(dueText({ dueAt: '2026-03-16T10:00:00.000Z', dueDate: '2026-03-16' }, '—')).toBe('16/03/2026 17:00');
    expect(dueText({ dueAt: null, dueDate: '2026-03-16' }, '—')).toBe('16/03/2026');
    expect(dueText({ dueAt: null, dueDate: null }, '—')).toBe('—');
  });

  it('names a step of the control sheet by its name and code', () => {
    const d = {
      steps: [
        { code: 'TD', name: 'Thẩm định' },
        { code: 'PD', name: 'PD' },
      ],
    };
    expect(stepLabel(d, 'TD')).toBe('Thẩm định (TD)');
    expect(stepLabel(d, 'PD')).toBe('PD');
    expect(stepLabel(d, 'XX')).toBe('XX');
  });

  it('ends free text with one full stop', () => {
    expect(asSentence('Bản sao bị mờ.')).toBe('Bản sao bị mờ.');
    expect(asSentence(' Bản sao bị mờ ')).toBe('Bản sao bị mờ.');
    expect(asSentence('Vì sao?')).toBe('Vì sao?');
    expect(asSentence('')).toBe('');
  });

  it('knows the time-limit units it has words for', () => {
    expect(isTimeLimitUnit('working_days')).toBe(true);
    expect(isTimeLimitUnit('fortnights')).toBe(false);
  });
});
