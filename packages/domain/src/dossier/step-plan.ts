import type { Role } from '../access/roles';
import type { DayCalendar, OfficeHours } from './day-calendar';
import { closingMinuteOf } from './time-limit';
import { DomainInputError, instantAt, localDateOf, localMinutesOf, type Instant, type LocalDate } from '../values';

/** One step of a province-approved internal procedure (quy trình nội bộ), docs/domain/dossiers.md#lifecycle [S]. */
export interface ProcessStep {
  code: string;
  name: string;
  unitId?: string;
  /**
   * The role that performs the step (docs/domain/dossiers.md#step-performers); absent on steps planned
   * before performers were named, which `performerRoleOf` maps from the step's name.
   */
  performerRole?: Role;
  budget: { value: number; unit: 'working_days' | 'working_hours' };
}

/** A step with its planned window; the control sheet judges each hand-over against `dueAt`. */
export interface PlannedStep extends ProcessStep {
  startAt: Instant;
  dueDate: LocalDate;
  dueAt: Instant;
}

/**
 * Plans steps back to back from `startAt`: each step starts when the previous one is due. Day budgets
 * fall due at office closing of their last day; hour budgets run through office sessions.
 * @example
 * // Hà Nội same-day pattern from 07:00 with 07:00–11:30 / 13:30–17:00: 2 h receipt, 3 h appraisal
 * planSteps(cal, at('2025-07-15', '07:00'), [receipt2h, appraisal3h], office).map((s) => s.dueAt)
 * // [at('2025-07-15', '09:00'), at('2025-07-15', '14:00')]
 */
export function planSteps(cal: DayCalendar, startAt: Instant, steps: readonly ProcessStep[], office: OfficeHours): PlannedStep[] {
  const planned: PlannedStep[] = [];
  let cursor = startAt;
  for (const step of steps) {
    const { value, unit } = step.budget;
    const valid = unit === 'working_hours' ? Number.isFinite(value) && value >= 0 : Number.isInteger(value) && value >= 0;
    if (!valid || step.code.trim() === '') throw new DomainInputError('dossier.step_invalid', { code: step.code });
    let dueAt: Instant;
    if (unit === 'working_hours') {
      dueAt = cal.addWorkingHours(cursor, value, office);
    } else {
      let day = cal.addWorkingDays(localDateOf(cursor), value);
      if (!cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
      dueAt = instantAt(day, closingMinuteOf(office));
    }
    planned.push({ ...step, startAt: cursor, dueDate: localDateOf(dueAt), dueAt });
    cursor = dueAt;
  }
  return planned;
}

/**
 * Moves a date forward by paused working days, re-normalised to a working day, keeping the minute
 * of day of its instant (docs/domain/dossiers.md#supplement-pause-and-timeliness: the due date moves by the paused working days).
 * @example shiftByWorkingDays(cal, '2026-02-13', at('2026-02-13', '17:00'), 3) // ['2026-02-25', at('2026-02-25', '17:00')]
 */
export function shiftByWorkingDays(cal: DayCalendar, dueDate: LocalDate, dueAt: Instant, workingDays: number): [LocalDate, Instant] {
  let day = cal.addWorkingDays(dueDate, workingDays);
  if (!cal.isWorkingDay(day)) day = cal.nextWorkingDay(day);
  return [day, instantAt(day, localMinutesOf(dueAt))];
}
