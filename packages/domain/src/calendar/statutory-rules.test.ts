import { describe, expect, it } from 'vitest';
import { ANNOUNCED_YEARS } from './announced';
import { dayNumberOf, isWeekendDayNumber } from './day-number';
import { generateProvisionalYear } from './statutory-rules';
import type { Closure } from './year-calendar';

const withoutStatus = ({ date, kind, name }: Closure) => ({ date, kind, name });

describe('generateProvisionalYear reproduces the announcements (docs/domain/calendar.md#announced-closures-and-make-up-saturdays)', () => {
  it.each(ANNOUNCED_YEARS.map((announced) => ({ year: announced.year, announced })))(
    '$year: every announced holiday and compensatory day; only the swaps are missing',
    ({ year, announced }) => {
      const expected = announced.closures.filter((c) => c.kind !== 'swap').map(withoutStatus);
      expect(generateProvisionalYear(year).closures.map(withoutStatus)).toEqual(expected);
    },
  );

  it.each([
    { year: 2021, expected: ['2021-09-02', '2021-09-03'] }, // Thu → Fri
    { year: 2022, expected: ['2022-09-01', '2022-09-02'] }, // Fri → Thu
    { year: 2023, expected: ['2023-09-01', '2023-09-04'] }, // Sat → Fri, and Sat compensated on Mon
    { year: 2024, expected: ['2024-09-02', '2024-09-03'] }, // Mon → Tue
    { year: 2025, expected: ['2025-09-01', '2025-09-02'] }, // Tue → Mon
    { year: 2026, expected: ['2026-09-01', '2026-09-02'] }, // Wed → Tue
  ])('$year: National Day closes $expected', ({ year, expected }) => {
    const september = generateProvisionalYear(year).closures.filter((c) => c.date.slice(5, 7) === '09');
    expect(september.map((c) => c.date)).toEqual(expected);
  });
});

describe('statutory rules', () => {
  it('marks a generated year and all its entries provisional, with no make-up Saturdays', () => {
    const year = generateProvisionalYear(2027);
    expect(year.status).toBe('provisional');
    expect(year.closures.every((c) => c.status === 'provisional')).toBe(true);
    expect(year.workingSaturdays).toEqual([]);
  });

  it('generates 2027 as docs/domain/calendar.md#announced-closures-and-make-up-saturdays expects: 1/5 Saturday → Monday 3/5, 2/9 Thursday + Friday', () => {
    expect(generateProvisionalYear(2027).closures.map(withoutStatus)).toEqual([
      { date: '2027-01-01', kind: 'holiday', name: 'Tết Dương lịch' },
      { date: '2027-02-04', kind: 'holiday', name: 'Tết Nguyên đán' },
      { date: '2027-02-05', kind: 'holiday', name: 'Tết Nguyên đán' },
      { date: '2027-02-08', kind: 'holiday', name: 'Tết Nguyên đán' },
      { date: '2027-02-09', kind: 'holiday', name: 'Tết Nguyên đán' },
      { date: '2027-02-10', kind: 'holiday', name: 'Tết Nguyên đán' },
      { date: '2027-04-16', kind: 'holiday', name: 'Giỗ Tổ Hùng Vương' },
      { date: '2027-04-30', kind: 'holiday', name: 'Ngày Chiến thắng' },
      { date: '2027-05-03', kind: 'compensatory', name: 'Nghỉ bù Quốc tế Lao động' },
      { date: '2027-09-02', kind: 'holiday', name: 'Quốc khánh' },
      { date: '2027-09-03', kind: 'holiday', name: 'Quốc khánh' },
    ]);
  });

  it.each([
    { year: 2019, code: '2012 code', days: 10 },
    { year: 2020, code: '2012 code', days: 10 },
    { year: 2021, code: 'Labour Code 2019', days: 11 },
    { year: 2027, code: 'Labour Code 2019', days: 11 },
    { year: 2100, code: 'Labour Code 2019', days: 11 },
  ])('$year closes $days weekdays under the $code (holidays plus their compensations)', ({ year, days }) => {
    expect(generateProvisionalYear(year).closures).toHaveLength(days);
  });

  it('closes one weekday per statutory holiday, each once, in date order, for every year 1900–2100', () => {
    for (let year = 1900; year <= 2100; year++) {
      const dates = generateProvisionalYear(year).closures.map((c) => c.date);
      expect(dates, String(year)).toHaveLength(year >= 2021 ? 11 : 10);
      expect(
        dates.some((d) => isWeekendDayNumber(dayNumberOf(d))),
        String(year),
      ).toBe(false);
      expect(new Set(dates).size, String(year)).toBe(dates.length);
      expect([...dates].sort(), String(year)).toEqual(dates);
    }
  });

  it('stacks compensations after consecutive weekend holidays (2023: 29/4 Sat, 30/4 Sun, 1/5 Mon)', () => {
    const spring = generateProvisionalYear(2023).closures.filter((c) => c.date >= '2023-04-01' && c.date <= '2023-05-31');
    expect(spring.map(withoutStatus)).toEqual([
      { date: '2023-05-01', kind: 'holiday', name: 'Quốc tế Lao động' },
      { date: '2023-05-02', kind: 'compensatory', name: 'Nghỉ bù Giỗ Tổ Hùng Vương' },
      { date: '2023-05-03', kind: 'compensatory', name: 'Nghỉ bù Ngày Chiến thắng' },
    ]);
  });

  it.each([1899, 2101, 2024.5])('rejects year %s', (year) => {
    expect(() => generateProvisionalYear(year)).toThrow(expect.objectContaining({ code: Number.isInteger(year) ? 'date.out_of_range' : 'date.invalid' }));
  });
});
