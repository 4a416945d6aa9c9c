import { describe, expect, it } from 'vitest';
import { formatDate, formatInstant, formatNumber, formatScore, parseDisplayDate } from './format';

describe('format', () => {
  it.each([
    ['2024-09-04', '04/09/2024'],
    ['2024-02-29', '29/02/2024'],
    ['', ''],
  ])('formatDate(%s) = %s', (day, expected) => expect(formatDate(day)).toBe(expected));

  it('parses dd/MM/yyyy back and rejects impossible days', () => {
    expect(parseDisplayDate('4/9/2024')).toBe('2024-09-04');
    expect(parseDisplayDate('30/02/2024')).toBeNull();
  });

  it.each([
    ['2024-09-04T01:30:00.000Z', '04/09/2024 08:30'],
    ['2024-12-31T17:00:00.000Z', '01/01/2025 00:00'], // UTC evening is the next Vietnamese day
  ])('formatInstant(%s) = %s in Asia/Ho_Chi_Minh', (instant, expected) => expect(formatInstant(instant)).toBe(expected));

  it('uses a decimal comma and dot thousands', () => {
    expect(formatNumber(1234567.5, 1)).toBe('1.234.567,5');
  });

  it.each([
    [8008, '80,08'],
    [8018, '80,18'],
    [50, '0,50'],
    [10000, '100,00'],
  ])('formatScore(%i) = %s', (h, expected) => expect(formatScore(h)).toBe(expected));
});
