import { request, withQuery } from './http';
import type { CalendarDay, CalendarImpact, CalendarYear, CreateCalendarDayInput, LocalDateString, LunarDateView, UpdateCalendarDayInput } from './types';

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year: number) => ['calendar', 'year', year] as const,
  lunar: (date: LocalDateString) => ['calendar', 'lunar', date] as const,
  impact: (date: LocalDateString) => ['calendar', 'impact', date] as const,
};

export const getCalendarYear = (year: number): Promise<CalendarYear> => request<CalendarYear>(`/api/calendar/${year}`);

/** The n-th working day strictly after `from` (the start day itself is never counted). */
export const addWorkingDays = (from: LocalDateString, days: number): Promise<{ date: LocalDateString }> =>
  request<{ date: LocalDateString }>(withQuery('/api/calendar/add-working-days', { from, days }));

/** Working days in (from, to]; negative when `to` is before `from`. */
export const workingDaysBetween = (from: LocalDateString, to: LocalDateString): Promise<{ days: number }> =>
  request<{ days: number }>(withQuery('/api/calendar/working-days-between', { from, to }));

export const getLunarDate = (date: LocalDateString): Promise<LunarDateView> => request<LunarDateView>(`/api/calendar/lunar/${encodeURIComponent(date)}`);

/** Open records whose deadline window spans `date` (for review; their due dates never change). */
export const getCalendarImpact = (date: LocalDateString): Promise<CalendarImpact> => request<CalendarImpact>(withQuery('/api/calendar/impact', { date }));

export const createCalendarDay = (input: CreateCalendarDayInput): Promise<CalendarDay> =>
  request<CalendarDay>('/api/calendar/days', { method: 'POST', body: input });

export const updateCalendarDay = (date: LocalDateString, input: UpdateCalendarDayInput): Promise<CalendarDay> =>
  request<CalendarDay>(`/api/calendar/days/${encodeURIComponent(date)}`, { method: 'PATCH', body: input });

export const deleteCalendarDay = (date: LocalDateString, version: number): Promise<void> =>
  request<void>(withQuery(`/api/calendar/days/${encodeURIComponent(date)}`, { version }), { method: 'DELETE' });
