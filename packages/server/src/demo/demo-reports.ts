import { calendarFromYears, defaultYears, isSentOnTime, type LocalDate } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { VersionedCalendar } from '../modules/calendar/calendar.service';
import { SHIPPED_OBLIGATIONS } from '../modules/reports/report-defaults';
import { generateInstances } from '../modules/reports/report-generation';
import { obligationColumns } from '../modules/reports/report-obligations.service';
import { ReportRepository, type InstanceRow, type ObligationRow } from '../modules/reports/report.repository';
import type { DemoContext } from './demo-context';
import { UnitTreeRepository } from '../platform/units/unit-tree';

// Periodic reports of the demo Department (docs/reports.md "Demo"): the shipped set, kept by the
// Department's office. 2019: every report sent, the quarter III PAR report three working days late
// (the seed document blames 2019 losses on periodic reports not sent on time), so the "all PAR
// reports on time" metric of 2019 is false. This year: the reports due before the latest one past due
// were sent on time; the latest one past due is still unsent (late), and the next ones are open (the
// nearest usually due soon), so reminders and the overview have content whatever the day.
// Demo submissions carry no file (the demo writes no file store); real ones need one.

export async function seedReports(ctx: DemoContext): Promise<void> {
  const { trx, now, units, users } = ctx;
  const repo = new ReportRepository(trx, new UnitTreeRepository(trx));
  const agencyId = units.get('sokhcn')!;
  const office = units.get('vanphong')!;
  const secretary = users.get('vanphong')!;
  // The announced calendar the server seeds at start (the demo runs before it): the same days.
  const calendar: VersionedCalendar = Object.assign(calendarFromYears(defaultYears(2018, 2030)), { version: 'announced' });

  const obligations: ObligationRow[] = [];
  for (const s of SHIPPED_OBLIGATIONS) {
    const row: ObligationRow = {
      id: randomUUID(),
      agencyId,
      ...obligationColumns({
        code: s.code,
        name: s.name,
        recipient: s.recipient,
        period: s.period,
        dueRule: s.dueRule,
        responsibleUnitId: office,
        checklist: s.checklist,
        parCriteria: s.parCriteria,
        isActive: true,
      }),
      shippedKey: s.shippedKey,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await repo.insertObligation(trx, row);
    obligations.push(row);
  }
  const checklists = new Map(obligations.map((o) => [o.id, (JSON.parse(o.checklistJson) as Array<{ key: string }>).map((c) => c.key)]));

  let numbered = 0;
  const send = async (i: InstanceRow, sentOn: string, lateReason: string | null = null) => {
    const isLate = !isSentOnTime(sentOn as LocalDate, i.dueOn as LocalDate);
    await repo.insertSubmission(trx, {
      id: randomUUID(),
      instanceId: i.id,
      versionNo: 1,
      sentNumber: `${++numbered}/BC-SKHCN`,
      sentOn,
      tickedJson: JSON.stringify(checklists.get(i.obligationId) ?? []),
      isComplete: 1,
      isLate: isLate ? 1 : 0,
      lateReason: isLate ? lateReason : null,
      fileIdsJson: '[]',
      note: null,
      submittedBy: secretary,
      submittedAt: `${sentOn}T02:00:00.000Z`,
    });
    await repo.recordOutcome(trx, i.id, i.version, { sentOn, isLate: isLate ? 1 : 0, isComplete: 1, submissionCount: 1, updatedAt: now });
  };
  const ids = obligations.map((o) => o.id);

  await generateInstances(trx, repo, obligations, 2019, calendar, now);
  for (const i of await repo.instancesOfYear(ids, 2019, trx)) {
    if (i.periodKey === '2019-Q3' && i.servesPar === 1)
      await send(i, calendar.addWorkingDays(i.dueOn as LocalDate, 3), 'Chậm tổng hợp số liệu của các phòng, đơn vị');
    else await send(i, i.dueOn);
  }

  const today = ctx.clock.today();
  const year = Number(today.slice(0, 4));
  await generateInstances(trx, repo, obligations, year, calendar, now);
  const current = (await repo.instancesOfYear(ids, year, trx)).sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.periodKey.localeCompare(b.periodKey));
  const pastDue = current.filter((i) => i.dueOn < today);
  // The latest one past due stays unsent: the overview's "late" tile and the overdue reminder.
  for (const i of pastDue.slice(0, -1)) await send(i, i.dueOn);
}
