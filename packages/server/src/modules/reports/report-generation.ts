import { dueDateOf, periodsOf, type DueRule, type PeriodSelection, type ReportPeriod } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { VersionedCalendar } from '../calendar/calendar.service';
import type { Db } from '../../platform/db/database';
import type { ObligationRow, ReportRepository } from './report.repository';

// Instance generation (docs/reports.md "Instances"): one instance per obligation and period of the
// year, idempotent. Re-running after an obligation or calendar change moves the due date of every
// instance not yet submitted; a submitted instance keeps the due date it was judged against. Periods
// an obligation no longer covers (or an inactive obligation's) lose their unsubmitted instances.

/** The periods an obligation covers in a year; an ad hoc report is its rule's single date. */
export function obligationPeriods(o: Pick<ObligationRow, 'periodJson' | 'dueRuleJson'>, year: number): ReportPeriod[] {
  const sel = JSON.parse(o.periodJson) as PeriodSelection;
  const rule = JSON.parse(o.dueRuleJson) as DueRule;
  if (sel.kind !== 'ad_hoc') return periodsOf(sel, year);
  if (rule.kind !== 'date' || Number(rule.date.slice(0, 4)) !== year) return [];
  return periodsOf(sel, year).map((p) => ({ ...p, to: rule.date as ReportPeriod['to'] }));
}

export async function generateInstances(
  trx: Db,
  repo: ReportRepository,
  obligations: ObligationRow[],
  year: number,
  calendar: VersionedCalendar,
  now: string,
): Promise<{ created: number; updated: number }> {
  const existing = await repo.instancesOfYear(
    obligations.map((o) => o.id),
    year,
    trx,
  );
  const byKey = new Map(existing.map((i) => [`${i.obligationId}|${i.periodKey}`, i]));
  const wanted = new Set<string>();
  const inserts = [];
  let updated = 0;
  for (const o of obligations) {
    if (o.isActive !== 1) continue;
    const rule = JSON.parse(o.dueRuleJson) as DueRule;
    for (const p of obligationPeriods(o, year)) {
      const key = `${o.id}|${p.key}`;
      wanted.add(key);
      const dueOn = dueDateOf(rule, p, calendar);
      const current = byKey.get(key);
      if (!current) {
        inserts.push({
          id: randomUUID(),
          obligationId: o.id,
          agencyId: o.agencyId,
          responsibleUnitId: o.responsibleUnitId,
          year,
          periodKey: p.key,
          periodFrom: p.from,
          periodTo: p.to,
          dueOn,
          calendarVersion: calendar.version,
          servesPar: o.servesPar,
          sentOn: null,
          isLate: null,
          isComplete: null,
          submissionCount: 0,
          version: 1,
          createdAt: now,
          updatedAt: now,
        });
      } else if (
        current.submissionCount === 0 &&
        (current.dueOn !== dueOn ||
          current.responsibleUnitId !== o.responsibleUnitId ||
          current.servesPar !== o.servesPar ||
          current.periodFrom !== p.from ||
          current.periodTo !== p.to)
      ) {
        await repo.setInstanceDue(trx, current.id, {
          dueOn,
          calendarVersion: calendar.version,
          responsibleUnitId: o.responsibleUnitId,
          servesPar: o.servesPar,
          periodFrom: p.from,
          periodTo: p.to,
          updatedAt: now,
        });
        updated++;
      }
    }
  }
  await repo.insertInstances(trx, inserts);
  await repo.deleteUnsubmitted(
    trx,
    existing.filter((i) => !wanted.has(`${i.obligationId}|${i.periodKey}`) && i.submissionCount === 0).map((i) => i.id),
  );
  return { created: inserts.length, updated };
}
