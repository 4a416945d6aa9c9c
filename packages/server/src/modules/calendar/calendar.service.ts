import {
  calendarFromYears,
  canAnywhere,
  DomainInputError,
  generateProvisionalYear,
  solarToLunar,
  SUPPORTED_YEARS,
  type LocalDate,
  type LunarDate,
  type WorkingCalendar,
  type YearCalendar,
} from '@cchc/domain';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { announcedRows, kindMismatch, rowsOf, toDayView, yearCalendarOf, yearOfDate, yearStatusOf } from './calendar-days';
import type { CalendarDayRow, CalendarRepository } from './calendar.repository';
import type { CalendarDayView, CalendarYearView, CreateDayInput, DayKind, ImpactView, UpdateDayInput } from './calendar.schemas';
import type { DeadlineSource } from './deadline-registry';

/** The working calendar other modules compute with, labelled with the state it was built from. */
export type VersionedCalendar = WorkingCalendar & {
  /** The calendar generation, to record next to each due date computed with it (docs/domain/calendar.md#calendar-model-and-arithmetic). */
  readonly version: string;
};

/**
 * The civil-service working calendar: announced years from the database (seeded at start-up and
 * editable at run time, because swaps can be announced days before they apply) and provisional years
 * generated from the statutory rules for every year without rows.
 */
export class CalendarService {
  private cached: { generation: number; calendar: Promise<VersionedCalendar> } | undefined;
  private readonly generated = new Map<number, YearCalendar>();

  constructor(
    private readonly db: Db,
    private readonly repo: CalendarRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly deadlineSources: readonly DeadlineSource[] = [],
  ) {}

  /** Inserts the announced years 2019–2026 into an empty table; a no-op afterwards (every start-up calls it). */
  async seedAnnounced(): Promise<void> {
    if ((await this.repo.count()) > 0) return;
    await this.db.transaction().execute(async (trx) => {
      await this.repo.bumpGeneration(trx); // taken first: a second instance starting now waits here
      if ((await this.repo.count(trx)) > 0) return;
      await this.repo.insertMissing(trx, announcedRows(this.clock.now()));
    });
  }

  /**
   * The working calendar for 1900–2100, rebuilt only when a change was committed (on any instance):
   * each call costs one query for the generation, and concurrent callers share one rebuild. Pass the
   * caller's transaction when inside one (SQLite has a single connection, so a query outside it would
   * wait for it to end), but never a transaction that itself changed the calendar.
   */
  async calendar(db: Db = this.db): Promise<VersionedCalendar> {
    const generation = await this.repo.generation(db);
    if (this.cached?.generation !== generation) {
      const calendar = this.build(db, generation);
      this.cached = { generation, calendar };
      calendar.catch(() => {
        if (this.cached?.calendar === calendar) this.cached = undefined;
      });
    }
    return this.cached.calendar;
  }

  private async build(db: Db, generation: number): Promise<VersionedCalendar> {
    for (;;) {
      const rows = await this.repo.all(db);
      // A change committed between the two reads would label new rows with the old generation: the
      // version recorded beside a due date must name exactly the rows it was computed from.
      const after = await this.repo.generation(db);
      if (after === generation) return Object.assign(calendarFromYears(this.yearsFrom(rows)), { version: String(generation) });
      generation = after;
    }
  }

  private yearsFrom(rows: readonly CalendarDayRow[]): YearCalendar[] {
    const byYear = new Map<number, CalendarDayRow[]>();
    for (const r of rows) {
      const list = byYear.get(r.year);
      if (list) list.push(r);
      else byYear.set(r.year, [r]);
    }
    const years: YearCalendar[] = [];
    for (let year = SUPPORTED_YEARS.fromYear; year <= SUPPORTED_YEARS.toYear; year++) {
      const stored = byYear.get(year);
      years.push(stored ? yearCalendarOf(year, stored) : this.generatedYear(year));
    }
    return years;
  }

  /** Generated years are pure functions of the year, so they are computed once per process. */
  private generatedYear(year: number): YearCalendar {
    let y = this.generated.get(year);
    if (!y) {
      y = generateProvisionalYear(year);
      this.generated.set(year, y);
    }
    return y;
  }

  async year(actor: ServerActor | null, year: number): Promise<CalendarYearView> {
    const rows = await this.repo.ofYear(year);
    const days = rows.length ? rows : rowsOf(this.generatedYear(year), this.clock.now(), null);
    return { year, status: yearStatusOf(days), days: days.map(toDayView), can: { manage: !!actor && canAnywhere(actor, 'calendar.manage') } };
  }

  async addWorkingDays(from: LocalDate, days: number): Promise<LocalDate> {
    const calendar = await this.calendar();
    return withResultInRange(() => calendar.addWorkingDays(from, days), 'querystring.days');
  }

  async workingDaysBetween(from: LocalDate, to: LocalDate): Promise<number> {
    return (await this.calendar()).workingDaysBetween(from, to);
  }

  lunar(date: LocalDate): LunarDate {
    return solarToLunar(date);
  }

  /**
   * Open records whose counting span contains `date`, from every registered deadline source, in the
   * actor's scope. Nothing is recomputed: a due date is stored on its record when promised and a
   * calendar change never moves it, so this list is what a person must review by hand.
   */
  async impact(actor: ServerActor, date: LocalDate): Promise<ImpactView> {
    requireManage(actor);
    const lists = await Promise.all(
      this.deadlineSources.map(async (s) => (await s.openRecordsSpanning(this.db, date, actor)).map((r) => ({ source: s.name, ...r }))),
    );
    const items = lists.flat().sort((a, b) => (a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
    return { date, dueDatesChange: false, items };
  }

  async createDay(actor: ServerActor, input: CreateDayInput): Promise<CalendarDayView> {
    requireManage(actor);
    const dateYear = yearOfDate(input.date);
    const year = input.year ?? dateYear;
    // The 2019 set opened with 2018-12-31: a late-December day may belong to the next year's set.
    if (year !== dateYear && !(year === dateYear + 1 && input.date.slice(5, 7) === '12')) {
      throw new ValidationError('calendar.year_mismatch', [{ path: 'body.year', code: 'calendar.year_mismatch' }]);
    }
    const mismatch = kindMismatch(input.date, input.kind);
    if (mismatch) throw new ValidationError(mismatch, [{ path: mismatch === 'calendar.not_saturday' ? 'body.kind' : 'body.date', code: mismatch }]);
    return this.db.transaction().execute(async (trx) => {
      await this.repo.bumpGeneration(trx);
      await this.materialise(trx, actor, year);
      const existing = await this.repo.find(input.date, trx);
      if (existing) throw new ConflictError('calendar.day_exists', [], { current: toDayView(existing) });
      const now = this.clock.now();
      const row: CalendarDayRow = {
        date: input.date,
        year,
        kind: input.kind,
        name: input.name,
        status: input.status,
        sourceNumber: input.sourceNumber ?? null,
        sourceDate: input.sourceDate ?? null,
        note: input.note ?? null,
        version: 1,
        createdAt: now,
        updatedAt: now,
        updatedBy: actor.userId,
      };
      await this.repo.insert(trx, row);
      await this.audit.record(trx, actor, { action: 'create', entity: 'calendar_day', entityId: row.date, after: row });
      return toDayView(row);
    });
  }

  async updateDay(actor: ServerActor, date: LocalDate, input: UpdateDayInput): Promise<CalendarDayView> {
    requireManage(actor);
    return this.db.transaction().execute(async (trx) => {
      await this.repo.bumpGeneration(trx);
      const row = await this.findForEdit(trx, actor, date);
      if (row.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: toDayView(row) });
      const { version: _v, ...patch } = input;
      const next: CalendarDayRow = { ...row, ...definedOnly(patch), updatedAt: this.clock.now(), updatedBy: actor.userId };
      const mismatch = kindMismatch(next.date, next.kind as DayKind);
      if (mismatch) throw new ValidationError(mismatch, [{ path: 'body.kind', code: mismatch }]);
      const { date: _d, year: _y, version: _rv, createdAt: _c, ...changes } = next;
      if (!(await this.repo.update(trx, row.date, row.version, changes))) throw new ConflictError('conflict.stale_version');
      next.version = row.version + 1;
      await this.audit.record(trx, actor, { action: 'update', entity: 'calendar_day', entityId: row.date, before: row, after: next });
      return toDayView(next);
    });
  }

  async deleteDay(actor: ServerActor, date: LocalDate, version: number): Promise<void> {
    requireManage(actor);
    await this.db.transaction().execute(async (trx) => {
      await this.repo.bumpGeneration(trx);
      const row = await this.findForEdit(trx, actor, date);
      if (row.version !== version) throw new ConflictError('conflict.stale_version', [], { current: toDayView(row) });
      // A year without rows reads as generated from the rules: emptying a stored year would silently
      // replace its announcement with a provisional guess.
      if ((await this.repo.ofYear(row.year, trx)).length === 1) throw new ConflictError('calendar.last_day_of_year');
      if (!(await this.repo.delete(trx, row.date, version))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, { action: 'delete', entity: 'calendar_day', entityId: row.date, before: row });
    });
  }

  /** The stored row of `date`, materialising its year first when the day is a generated one. */
  private async findForEdit(trx: Db, actor: ServerActor, date: LocalDate): Promise<CalendarDayRow> {
    let row = await this.repo.find(date, trx);
    if (!row) {
      const year = yearOfDate(date);
      const isGeneratedDay = !(await this.repo.hasYear(year, trx)) && this.generatedYear(year).closures.some((c) => c.date === date);
      if (isGeneratedDay) {
        await this.materialise(trx, actor, year);
        row = await this.repo.find(date, trx);
      }
    }
    if (!row) throw new NotFoundError('calendar.day_not_found');
    return row;
  }

  /**
   * Stores a generated year as provisional rows before its first edit, so the edit changes one day
   * of the year the public already saw instead of replacing the whole year with a single day.
   */
  private async materialise(trx: Db, actor: ServerActor, year: number): Promise<void> {
    if (await this.repo.hasYear(year, trx)) return;
    const rows = rowsOf(this.generatedYear(year), this.clock.now(), null);
    await this.repo.insertMissing(trx, rows);
    await this.audit.record(trx, actor, { action: 'generate', entity: 'calendar_year', entityId: String(year), after: { year, days: rows.map(toDayView) } });
  }
}

function requireManage(actor: ServerActor): void {
  // The calendar is global data, not a unit's record: holding the role on any unit is enough.
  if (!canAnywhere(actor, 'calendar.manage')) throw new ForbiddenError('forbidden', [], { action: 'calendar.manage' });
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A result past 2100 is the caller's parameter's fault: name it instead of a bare domain code. */
function withResultInRange<T>(f: () => T, path: string): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof DomainInputError && e.code === 'date.out_of_range') throw new ValidationError('date.out_of_range', [{ path, code: 'date.out_of_range' }]);
    throw e;
  }
}
