import { call } from './http';
import type { CalendarDay, CalendarImpact, CalendarYear, CreateCalendarDayInput, LocalDateString, LunarDateView, UpdateCalendarDayInput } from './types';

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  lunar: (date: LocalDateString) => ['calendar', 'lunar', date] as const,
  impact: (date: LocalDateString) => ['calendar', 'impact', date] as const,
};

export const getCalendarYear = (year: number): Promise<CalendarYear> => call('get', '/api/calendar/{year}', { params: { year: String(year) } });

/** The n-th working day strictly after `from` (the start day itself is never counted). */
export const addWorkingDays = (from: LocalDateString, days: number): Promise<{ date: LocalDateString }> =>
  call('get', '/api/calendar/add-working-days', { query: { from, days: String(days) } });

/** Working days in (from, to]; negative when `to` is before `from`. */
export const workingDaysBetween = (from: LocalDateString, to: LocalDateString): Promise<{ days: number }> =>
  call('get', '/api/calendar/working-days-between', { query: { from, to } });

export const getLunarDate = (date: LocalDateString): Promise<LunarDateView> => call('get', '/api/calendar/lunar/{date}', { params: { date } });

/** Open records whose deadline window spans `date` (for review; their due dates never change). */
export const getCalendarImpact = (date: LocalDateString): Promise<CalendarImpact> => call('get', '/api/calendar/impact', { query: { date } });

export const createCalendarDay = (input: CreateCalendarDayInput): Promise<CalendarDay> => call('post', '/api/calendar/days', { body: input });

export const updateCalendarDay = (date: LocalDateString, input: UpdateCalendarDayInput): Promise<CalendarDay> =>
  call('patch', '/api/calendar/days/{date}', { params: { date }, body: input });

export const deleteCalendarDay = (date: LocalDateString, version: number): Promise<void> =>
  call('delete', '/api/calendar/days/{date}', { params: { date }, query: { version } });
