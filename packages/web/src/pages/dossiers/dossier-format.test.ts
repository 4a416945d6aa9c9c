import { describe, expect, it } from 'vitest';
import { formatRate, instantOfVnWallClock, monthStart, vnToday, vnWallClock } from './dossier-format';

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

  it.each([
    [9850, '98,5%'],
    [10000, '100%'],
    [3333, '33,33%'],
    [0, '0%'],
  ])('formats %i basis points as %s', (bp, text) => {
    expect(formatRate(bp)).toBe(text);
  });

  it('shows nothing for a missing rate', () => {
    expect(formatRate(null)).toBe('');
  });
});
