// The domain's single public entry: an explicit list of what other packages may use.
export * from './values';
export * from './text';
export * from './access/roles';
export * from './access/permissions';
export * from './access/agency-code';
export { solarToLunar, lunarToSolar, lunarMonthLength, tetOf, hungKingsDayOf, type LunarDate } from './calendar/lunar';
export { generateProvisionalYear } from './calendar/statutory-rules';
export { ANNOUNCED_YEARS, defaultYears } from './calendar/announced';
export { createWorkingCalendar, type WorkingCalendar } from './calendar/working-calendar';
export { DEFAULT_OFFICE_HOURS, type OfficeHours } from './calendar/office-hours';
export { calendarFromYears } from './calendar/calendar-of';
export { SUPPORTED_YEARS } from './calendar/day-number';
export type { YearRange } from './calendar/day-table';
export type { YearCalendar, Closure, ClosureKind, CalendarStatus, WorkingSaturday } from './calendar/year-calendar';
