import type { LocalDate } from '@cchc/domain';
import type { DeadlineSource, ImpactedRecord } from '../calendar/deadline-registry';
import { readableUnits } from './dossier.service';

/**
 * Open dossiers whose counting span contains a day the calendar administrator is about to change
 * (issue #3's impact check). Only listed for review: stored due dates are promises to applicants and
 * are never recomputed. Scope: the dossiers the acting user may read.
 */
export const dossierDeadlineSource: DeadlineSource = {
  name: 'dossiers',
  async openRecordsSpanning(db, date, actor) {
    const units = readableUnits(actor);
    if (units.length === 0) return [];
    const rows = await db
      .selectFrom('dossiers as d')
      .select(['d.id', 'd.code', 'd.procedureName', 'd.applicantName', 'd.deemedReceivedOn', 'd.dueDate', 'd.unitId'])
      .where('d.clockRunning', '=', 1)
      .where('d.deemedReceivedOn', '<', date)
      .where('d.dueDate', '>=', date)
      .where((eb) => eb.or([eb('d.unitId', 'in', units), eb('d.processingUnitId', 'in', units), eb('d.currentUnitId', 'in', units)]))
      .orderBy('d.dueDate')
      .limit(1000)
      .execute();
    return rows.map((r): ImpactedRecord => ({
      entity: 'dossier',
      id: r.id,
      code: r.code,
      title: `${r.procedureName} – ${r.applicantName}`,
      startDate: r.deemedReceivedOn as LocalDate,
      dueDate: r.dueDate as LocalDate,
      unitId: r.unitId,
    }));
  },
};
