import type { CompiledQuery, Selectable } from 'kysely';
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { CalendarDaysTable } from '../../platform/db/schema';

export type CalendarDayRow = Selectable<CalendarDaysTable>;

export class CalendarRepository {
  constructor(private readonly db: Db) {}

  private generationQuery: CompiledQuery | null = null;

  /**
   * The one cheap query every `calendar()` call makes to learn whether its cache is still valid; on the
   * hot path of every page that shows due dates, so it is compiled once (like the session query).
   */
  async generation(trx: Db = this.db): Promise<number> {
    const query = (this.generationQuery ??= this.db.selectFrom('calendarState').select('generation').where('id', '=', 1).compile());
    const r = await trx.executeQuery<{ generation: number | string }>(query);
    if (!r.rows[0]) throw new Error('calendar_state has no row');
    return Number(r.rows[0].generation);
  }

  /**
   * Bumped first in every write transaction: the row lock it takes on PostgreSQL makes concurrent
   * calendar writers take turns (SQLite serialises writers anyway), and every instance sees the change.
   */
  async bumpGeneration(trx: Db): Promise<void> {
    await trx
      .updateTable('calendarState')
      .set((eb) => ({ generation: eb('generation', '+', 1) }))
      .where('id', '=', 1)
      .execute();
  }

  all(trx: Db = this.db): Promise<CalendarDayRow[]> {
    return trx.selectFrom('calendarDays').selectAll().orderBy('date').execute();
  }

  ofYear(year: number, trx: Db = this.db): Promise<CalendarDayRow[]> {
    return trx.selectFrom('calendarDays').selectAll().where('year', '=', year).orderBy('date').execute();
  }

  async hasYear(year: number, trx: Db = this.db): Promise<boolean> {
    return !!(await trx.selectFrom('calendarDays').select('date').where('year', '=', year).limit(1).executeTakeFirst());
  }

  async count(trx: Db = this.db): Promise<number> {
    const r = await trx
      .selectFrom('calendarDays')
      .select(sql<number>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  find(date: string, trx: Db = this.db): Promise<CalendarDayRow | undefined> {
    return trx.selectFrom('calendarDays').selectAll().where('date', '=', date).executeTakeFirst();
  }

  /** Inserts rows, skipping a date that already has one (a concurrent seed or materialisation won). */
  async insertMissing(trx: Db, rows: CalendarDayRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 200) {
      await trx
        .insertInto('calendarDays')
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.column('date').doNothing())
        .execute();
    }
  }

  insert(trx: Db, row: CalendarDayRow) {
    return trx.insertInto('calendarDays').values(row).execute();
  }

  /** Writes only if the stored version is still `version`; returns whether it did. */
  async update(trx: Db, date: string, version: number, patch: Partial<CalendarDayRow>): Promise<boolean> {
    const r = await trx
      .updateTable('calendarDays')
      .set({ ...patch, version: version + 1 })
      .where('date', '=', date)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async delete(trx: Db, date: string, version: number): Promise<boolean> {
    const r = await trx.deleteFrom('calendarDays').where('date', '=', date).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }
}
