import { closingOf, dueAtAsOf, intakeAtOf, summarizeDossier, type DossierState } from '@cchc/domain';
import type { Insertable } from 'kysely';
import type { DossierTimelineTable } from '../../platform/db/schema';

// What the statistics count, copied from the state on every write (docs/domain/statistics.md#how-cchc-computes-it):
// the dossier's own columns for the figures of a period, and its timeline for the position at a period's end.
// Both come from the domain's summary of the state, the same functions `computeStatistics` applies.

/**
 * The columns the statistics read on the dossier row; `position*` repeat the timeline's open span (the last
 * status entry), which the report counts from the row (dossier-counting.ts, `positionAlive`).
 */
export function statisticsColumns(state: DossierState) {
  const s = summarizeDossier(state);
  const last = s.history[s.history.length - 1];
  return {
    intakeAt: intakeAtOf(s),
    closedAt: closingOf(s)?.at ?? null,
    returnedAt: s.history.find((h) => h.status === 'returned')?.at ?? null,
    paymentStopsClock: s.paymentStopsClock ? 1 : 0,
    positionStatus: last ? (last.status as string) : null,
    positionSince: last?.at ?? null,
    positionDueAt: last ? dueAtAsOf(s, last.at) : null,
    positionSupplements: last ? s.history.filter((h) => h.status === 'awaiting_supplement').length : null,
  };
}

/**
 * One row per status entry: the span until the next entry (null for the last), the statutory due moment in
 * force from the entry (pauses move it at the entries that resume, never between entries) and the supplement
 * requests made by then; then one row per apology letter, status 'apology'.
 */
export function timelineRows(dossierId: string, state: DossierState): Array<Insertable<DossierTimelineTable>> {
  const s = summarizeDossier(state);
  let supplements = 0;
  const rows = s.history.map((h, i) => {
    if (h.status === 'awaiting_supplement') supplements++;
    return {
      dossierId,
      seq: i + 1,
      status: h.status as string,
      startAt: h.at,
      endAt: s.history[i + 1]?.at ?? null,
      statutoryDueAt: dueAtAsOf(s, h.at),
      supplementRequests: supplements,
    };
  });
  s.apologyIssuedAts.forEach((at, j) =>
    rows.push({ dossierId, seq: s.history.length + j + 1, status: 'apology', startAt: at, endAt: null, statutoryDueAt: null, supplementRequests: supplements }),
  );
  return rows;
}
