import { SUPPORTED_YEARS } from '@cchc/domain';
import { z } from 'zod';

/** A real civil day ('2025-02-30' is refused) inside the years the calendar covers (1900–2100). */
export const CalendarDate = z.iso.date().refine(
  (d) => {
    // Zod runs refinements after a failed format check too; a malformed date is reported once, by the format.
    if (!/^\d{4}-/.test(d)) return true;
    const year = Number(d.slice(0, 4));
    return year >= SUPPORTED_YEARS.fromYear && year <= SUPPORTED_YEARS.toYear;
  },
  { message: 'date.out_of_range' },
);

/** Four digits only, so that `/api/calendar/add-working-days` can never be read as a year. */
export const CalendarYear = z
  .string()
  .regex(/^\d{4}$/)
  .transform(Number)
  .pipe(z.number().int().min(SUPPORTED_YEARS.fromYear).max(SUPPORTED_YEARS.toYear));

/** A count of working days: digits only (no '', '1e3' or '0x10'), at most ten years' worth. */
const DayCount = z
  .string()
  .regex(/^\d{1,4}$/)
  .transform(Number)
  .pipe(z.number().int().min(0).max(3660));

export const DAY_KINDS = ['holiday', 'compensatory', 'swap', 'working_saturday'] as const;
export const DayKind = z.enum(DAY_KINDS);
export type DayKind = z.infer<typeof DayKind>;
export const DayStatus = z.enum(['official', 'provisional']);
export const CalendarYearStatus = z.enum(['official', 'provisional', 'mixed']);
export type CalendarYearStatus = z.infer<typeof CalendarYearStatus>;

export const CalendarDayView = z
  .object({
    date: z.string(),
    /** The calendar year whose set lists the day (2018-12-31 belongs to 2019). */
    year: z.number().int(),
    kind: DayKind,
    name: z.string(),
    status: DayStatus,
    sourceNumber: z.string().nullable(),
    sourceDate: z.string().nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'CalendarDay' });
export type CalendarDayView = z.infer<typeof CalendarDayView>;

export const CalendarYearView = z.object({
  year: z.number().int(),
  status: CalendarYearStatus,
  /** Non-working weekdays and make-up Saturdays, sorted by date; weekends are implied. */
  days: z.array(CalendarDayView),
  can: z.object({ manage: z.boolean() }),
});
export type CalendarYearView = z.infer<typeof CalendarYearView>;

export const YearParams = z.object({ year: CalendarYear });
export const DateParams = z.object({ date: CalendarDate });

export const AddWorkingDaysQuery = z.object({ from: CalendarDate, days: DayCount });
export const AddWorkingDaysResult = z.object({ date: z.string() });

export const WorkingDaysBetweenQuery = z.object({ from: CalendarDate, to: CalendarDate });
export const WorkingDaysBetweenResult = z.object({ days: z.number().int() });

export const LunarView = z.object({ year: z.number().int(), month: z.number().int(), day: z.number().int(), leap: z.boolean() });

const Name = z.string().trim().min(1).max(200);
const SourceNumber = z.string().trim().min(1).max(100).nullable();
const SourceDate = z.iso.date().nullable();
const Note = z.string().trim().max(1000).nullable();

export const CreateDayBody = z.object({
  date: CalendarDate,
  /** Defaults to the date's year; a late-December day may belong to the next year's set. */
  year: z.number().int().optional(),
  kind: DayKind,
  name: Name,
  status: DayStatus.default('official'),
  sourceNumber: SourceNumber.optional(),
  sourceDate: SourceDate.optional(),
  note: Note.optional(),
});
export type CreateDayInput = z.infer<typeof CreateDayBody>;

export const UpdateDayBody = z.object({
  version: z.number().int().positive(),
  kind: DayKind.optional(),
  name: Name.optional(),
  status: DayStatus.optional(),
  sourceNumber: SourceNumber.optional(),
  sourceDate: SourceDate.optional(),
  note: Note.optional(),
});
export type UpdateDayInput = z.infer<typeof UpdateDayBody>;

export const DeleteDayQuery = z.object({ version: z.coerce.number().int().positive() });

export const ImpactQuery = z.object({ date: CalendarDate });
export const ImpactItem = z.object({
  source: z.string(),
  entity: z.string(),
  id: z.string(),
  code: z.string(),
  title: z.string(),
  startDate: z.string(),
  dueDate: z.string(),
  unitId: z.string(),
});
export const ImpactView = z.object({
  date: z.string(),
  /** Always false: stored due dates are never recomputed by a calendar change; the items are for review. */
  dueDatesChange: z.literal(false),
  items: z.array(ImpactItem),
});
export type ImpactView = z.infer<typeof ImpactView>;
