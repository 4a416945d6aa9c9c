import type { LocalDate } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';

/** An open record whose counting span contains a date the calendar administrator is about to change. */
export interface ImpactedRecord {
  /** Audit-style entity name, e.g. 'dossier'. */
  entity: string;
  id: string;
  /** The code people know the record by (a dossier code). */
  code: string;
  title: string;
  /** The day the period started counting from (day 0, never counted itself). */
  startDate: LocalDate;
  /** The due date stored on the record when it was promised. */
  dueDate: LocalDate;
  unitId: string;
}

/**
 * A module whose records carry due dates computed with the working calendar. Sources are handed to
 * the CalendarService as an explicit array (docs/conventions.md#small-files-and-imports: no registration by side effect); the
 * dossier module contributes one.
 *
 * A calendar change never recomputes a stored due date: the date promised to the applicant stays as
 * stored, so the impact check only lists records for a person to review, it changes none of them.
 */
export interface DeadlineSource {
  readonly name: string;
  /**
   * Open records with `startDate < date <= dueDate` (the date lies in their counting span), limited
   * to what `actor` may see: the source applies its own scope and read permission in SQL.
   */
  openRecordsSpanning(db: Db, date: LocalDate, actor: ServerActor): Promise<ImpactedRecord[]>;
}
