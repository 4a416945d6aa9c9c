import { describe, expect, it } from 'vitest';
import { ANNOUNCED_YEARS, defaultYears } from './announced';
import { dayNumberOf, isWeekendDayNumber, weekdayOfDayNumber } from './day-number';

describe('ANNOUNCED_YEARS', () => {
  it.each([
    { year: 2019, weekdaysClosed: 12, workingSaturdays: ['2019-01-05', '2019-05-04'] },
    { year: 2020, weekdaysClosed: 10, workingSaturdays: [] },
    { year: 2021, weekdaysClosed: 11, workingSaturdays: [] },
    { year: 2022, weekdaysClosed: 11, workingSaturdays: [] },
    { year: 2023, weekdaysClosed: 11, workingSaturdays: [] },
    { year: 2024, weekdaysClosed: 12, workingSaturdays: ['2024-05-04'] },
    { year: 2025, weekdaysClosed: 12, workingSaturdays: ['2025-04-26'] },
    { year: 2026, weekdaysClosed: 13, workingSaturdays: ['2026-01-10', '2026-08-22'] },
  ])(
    '$year closes $weekdaysClosed weekdays and works $workingSaturdays (docs/domain/calendar.md#announced-closures-and-make-up-saturdays)',
    ({ year, weekdaysClosed, workingSaturdays }) => {
      const announced = ANNOUNCED_YEARS.find((y) => y.year === year);
      expect(announced?.status).toBe('official');
      expect(announced?.closures).toHaveLength(weekdaysClosed);
      expect(announced?.workingSaturdays.map((s) => s.date)).toEqual(workingSaturdays);
    },
  );

  it('lists only weekdays as closures and only Saturdays as working days, all official', () => {
    for (const year of ANNOUNCED_YEARS) {
      for (const c of year.closures) expect(isWeekendDayNumber(dayNumberOf(c.date)), c.date).toBe(false);
      for (const s of year.workingSaturdays) expect(weekdayOfDayNumber(dayNumberOf(s.date)), s.date).toBe(6);
      expect([...year.closures, ...year.workingSaturdays].every((e) => e.status === 'official')).toBe(true);
    }
  });

  it('keeps the 2019 New Year swap on 2018-12-31 as announced', () => {
    expect(ANNOUNCED_YEARS[0]?.closures[0]).toEqual({
      date: '2018-12-31',
      kind: 'swap',
      name: 'Nghỉ hoán đổi Tết Dương lịch',
      status: 'official',
    });
  });
});

describe('defaultYears', () => {
  it('uses the announced years and generates the others', () => {
    const years = defaultYears(2017, 2028);
    expect(years.map((y) => `${y.year}:${y.status}`)).toEqual([
      '2017:provisional',
      '2018:provisional',
      ...[2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) => `${y}:official`),
      '2027:provisional',
      '2028:provisional',
    ]);
  });

  it.each([
    { fromYear: 1899, toYear: 2000 },
    { fromYear: 2000, toYear: 2101 },
  ])('rejects $fromYear–$toYear with date.out_of_range', ({ fromYear, toYear }) => {
    expect(() => defaultYears(fromYear, toYear)).toThrow(expect.objectContaining({ code: 'date.out_of_range' }));
  });
});
