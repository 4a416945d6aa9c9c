import {
  computeStatistics,
  formatDossierCode,
  localDateOf,
  summarizeDossier,
  type DayCalendar,
  type DossierStatistics,
  type DossierState,
  type DossierSummary,
  type LocalDate,
} from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScenario, scenarioArb } from '../../../../domain/src/dossier/test-arbitraries';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { CalendarRepository } from '../calendar/calendar.repository';
import { CalendarService } from '../calendar/calendar.service';
import { createProcedure, tokenActors } from './dossier.fixtures';
import { stateColumns } from './dossier-rules';
import { buckets } from './dossier-statistics.service';
import { DossierRepository } from './dossier.repository';
import { UnitTreeRepository } from '../../platform/units/unit-tree';

// The database statistics against the domain's executable reference (issue #11 item 1,
// docs/domain/statistics.md#how-cchc-computes-it): random dossier histories, driven through the domain's
// transitions, are stored through the repository's write path (the row columns and the timeline it keeps),
// and the report of GET /api/dossiers/statistics (and its series and breakdown) must equal
// `computeStatistics` over the same histories, period by period and unit by unit, on each engine.

interface Stored {
  state: DossierState;
  summary: DossierSummary;
  unitId: string;
  processingUnitId: string | null;
}

/** The list's drill-down figures and the report's number each one opens. */
const FIGURES: Record<string, (s: DossierStatistics) => number> = {
  to_process: (s) => s.toProcess,
  carried_over: (s) => s.carriedOver,
  received: (s) => s.received.total,
  received_online: (s) => s.received.online,
  received_counter: (s) => s.received.counter,
  received_post: (s) => s.received.post,
  completed: (s) => s.completed.total,
  completed_early: (s) => s.completed.early,
  completed_on_time: (s) => s.completed.onTime,
  completed_late: (s) => s.completed.late,
  in_progress: (s) => s.inProgress.total,
  in_progress_within_time: (s) => s.inProgress.withinTime,
  in_progress_almost_due: (s) => s.inProgress.almostDue,
  in_progress_overdue: (s) => s.inProgress.overdue,
  paused: (s) => s.paused.total,
  paused_supplement: (s) => s.paused.supplement,
  paused_payment: (s) => s.paused.payment,
  paused_late: (s) => s.paused.late,
  withdrawn: (s) => s.withdrawn,
  refused: (s) => s.refused,
  stopped: (s) => s.stopped,
  returned: (s) => s.returned,
  result_ready_not_collected: (s) => s.resultReadyNotCollected,
  awaiting_receipt: (s) => s.awaitingReceipt,
  late: (s) => s.late,
};

const DAYS_2025_2026 = fc.integer({ min: 0, max: 729 }).map((n) => localDateOf(new Date(Date.UTC(2025, 0, 1, 5) + n * 86_400_000).toISOString()));

describe.each(engines)('statistics in the database equal the domain reference on %s', (engine) => {
  let t: TestApp;
  let leader: Caller;
  let rootId: string;
  let units: { agency2: string; divA: string; divB: string };
  let procedure: { id: string; versionId: string };
  let cal: DayCalendar;
  let repo: DossierRepository;
  let seq = 0;

  beforeAll(async () => {
    t = await createTestApp(engine);
    let admin: Caller;
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const agency2 = await make.unit({ name: 'Phòng Tư pháp' });
    const divA = await make.unit({ name: 'Phòng A' });
    const divB = await make.unit({ name: 'Phòng B' });
    units = { agency2: agency2.id, divA: divA.id, divB: divB.id };
    leader = await tokenActors(t, make)('leader');
    const procedureId = await createProcedure(admin, rootId);
    const version = await t.handle.db.selectFrom('procedureVersions').select('id').where('procedureId', '=', procedureId).executeTakeFirstOrThrow();
    procedure = { id: procedureId, versionId: version.id };
    cal = await new CalendarService(t.handle.db, new CalendarRepository(t.handle.db), undefined as never, t.clock).calendar();
    repo = new DossierRepository(t.handle.db, new UnitTreeRepository(t.handle.db));
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  /** Stores the histories as the service does: the first state inserted, the last one written over it. */
  async function store(histories: Array<{ states: DossierState[]; unit: number; processing: number }>): Promise<Stored[]> {
    await t.handle.db.deleteFrom('dossierTimeline').execute();
    await t.handle.db.deleteFrom('dossiers').execute();
    const agencies = [rootId, units.agency2];
    const processing = [null, units.divA, units.divB];
    const out: Stored[] = [];
    await t.handle.db.transaction().execute(async (trx) => {
      for (const h of histories) {
        const first = h.states[0]!;
        const last = h.states[h.states.length - 1]!;
        const id = randomUUID();
        const at = first.history[0]!.at;
        const unitId = agencies[h.unit % agencies.length]!;
        const processingUnitId = processing[h.processing % processing.length]!;
        await repo.insert(trx, {
          id,
          code: formatDossierCode('000.00.12.H49', localDateOf(at), ++seq),
          unitId,
          processingUnitId,
          assigneeId: null,
          procedureId: procedure.id,
          procedureVersionId: procedure.versionId,
          procedureCode: '1.000001',
          procedureName: 'Thủ tục thử',
          channel: first.channel,
          applicantName: 'Nguyễn Văn A',
          applicantNameFolded: 'nguyen van a',
          applicant: '{}',
          components: '[]',
          note: null,
          lookupPin: '000000',
          submittedAt: first.submittedAt,
          createdBy: null,
          version: 1,
          createdAt: at,
          updatedAt: at,
          ...stateColumns(first),
        });
        if (last !== first) expect(await repo.update(trx, id, 1, { ...stateColumns(last), updatedAt: last.history[last.history.length - 1]!.at })).toBe(true);
        out.push({ state: last, summary: summarizeDossier(last), unitId, processingUnitId });
      }
    });
    return out;
  }

  const reference = (stored: Stored[], period: { from: LocalDate; to: LocalDate }) =>
    computeStatistics(
      cal,
      stored.map((s) => s.summary),
      period,
      { granularity: 'day', almostDueWorkingDays: 1 },
    );

  const histories = fc.array(
    fc.record({ scenario: scenarioArb, unit: fc.nat(), processing: fc.nat(), halfway: fc.boolean() }).map((r) => {
      const run = runScenario(r.scenario);
      // Sometimes the history stops half-way, so that dossiers are open at the periods' ends.
      const cut = r.halfway ? Math.floor(run.steps.length / 2) : run.steps.length;
      const states = [run.initial, ...run.steps.slice(0, cut).map((s) => s.after)];
      return { states: [states[0]!, states[states.length - 1]!], unit: r.unit, processing: r.processing };
    }),
    { minLength: 1, maxLength: 25 },
  );
  const period = fc.tuple(DAYS_2025_2026, DAYS_2025_2026).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a }));

  it('the report, its months and its units equal computeStatistics', async () => {
    await fc.assert(
      fc.asyncProperty(histories, fc.array(period, { minLength: 1, maxLength: 3 }), async (hs, periods) => {
        const stored = await store(hs);
        for (const p of periods) {
          const res = await leader.get(`/api/dossiers/statistics?from=${p.from}&to=${p.to}`);
          expect(res.status).toBe(200);
          expect(res.body).toEqual(reference(stored, p));
        }
        // Month by month over the first period.
        const p0 = periods[0]!;
        const series = await leader.get(`/api/dossiers/statistics/series?from=${p0.from}&to=${p0.to}&granularity=month`);
        expect(series.status).toBe(200);
        expect(series.body.items).toEqual(buckets(p0.from, p0.to, 'month').map((b) => reference(stored, b)));
        // Unit by unit: the deciding unit (processing, else agency), and one unit with those below it.
        const byUnit = await leader.get(`/api/dossiers/statistics/breakdown?from=${p0.from}&to=${p0.to}&by=unit`);
        expect(byUnit.status).toBe(200);
        const keys = new Set(stored.map((s) => s.processingUnitId ?? s.unitId));
        for (const key of keys) {
          const line = byUnit.body.items.find((i: { key: string }) => i.key === key);
          const expected = reference(
            stored.filter((s) => (s.processingUnitId ?? s.unitId) === key),
            p0,
          );
          if (line) expect(line.statistics).toEqual(expected);
          else expect(expected.toProcess + expected.returned + expected.resultReadyNotCollected + expected.awaitingReceipt + expected.apologiesIssued).toBe(0);
        }
        // Every figure opens the list of exactly the dossiers it counts.
        const expected = reference(stored, p0);
        for (const [figure, value] of Object.entries(FIGURES)) {
          const list = await leader.get(`/api/dossiers?queue=all&pageSize=1&figure=${figure}&figureFrom=${p0.from}&figureTo=${p0.to}`);
          expect(list.status).toBe(200);
          expect([figure, list.body.total]).toEqual([figure, value(expected)]);
        }
        const narrowed = await leader.get(`/api/dossiers/statistics?from=${p0.from}&to=${p0.to}&unitId=${units.agency2}`);
        const inAgency2 = new Set([units.agency2]);
        const narrowedExpected = reference(
          stored.filter((s) => inAgency2.has(s.unitId) || (s.processingUnitId !== null && inAgency2.has(s.processingUnitId))),
          p0,
        );
        expect(narrowed.body).toEqual(narrowedExpected);
        const narrowedList = await leader.get(
          `/api/dossiers?queue=all&pageSize=1&figure=late&figureFrom=${p0.from}&figureTo=${p0.to}&withinUnitId=${units.agency2}`,
        );
        expect(narrowedList.body.total).toBe(narrowedExpected.late);
      }),
      { numRuns: engine === 'sqlite' ? 20 : 12 },
    );
  }, 600_000);

  it('the overdue queue holds the report’s "in progress, overdue" as of today', async () => {
    await fc.assert(
      fc.asyncProperty(histories, async (hs) => {
        const stored = await store(hs);
        // Today is after every stored event, as it is for a live database.
        const last = Math.max(...stored.flatMap((s) => s.state.history.map((h) => Date.parse(h.at))));
        t.clock.set(new Date(last + 86_400_000).toISOString());
        const today = t.clock.today();
        const queue = await leader.get('/api/dossiers?queue=overdue&pageSize=1');
        const report = await leader.get(`/api/dossiers/statistics?from=${today.slice(0, 4)}-01-01&to=${today}`);
        expect(queue.status).toBe(200);
        expect(report.body.inProgress.overdue).toBe(queue.body.total);
        expect(report.body.inProgress.overdue).toBe(reference(stored, { from: `${today.slice(0, 4)}-01-01` as LocalDate, to: today }).inProgress.overdue);
        expect(queue.body.counts.overdue).toBe(queue.body.total);
      }),
      { numRuns: 10 },
    );
  }, 600_000);

  it('answers 400 for a reversed period and an unknown breakdown, 404 for a unit out of scope', async () => {
    expect((await leader.get('/api/dossiers/statistics/series?from=2026-02-01&to=2026-01-01')).status).toBe(400);
    const noPeriod = await leader.get('/api/dossiers?figure=late&figureTo=2026-01-01');
    expect(noPeriod.status).toBe(400);
    expect(noPeriod.body.errors).toEqual([{ path: 'querystring.figureFrom', code: 'period.invalid' }]);
    expect((await leader.get('/api/dossiers/statistics/breakdown?from=2026-01-01&to=2026-01-31&by=colour')).status).toBe(400);
    expect((await leader.get(`/api/dossiers/statistics/breakdown?from=2026-01-01&to=2026-01-31&by=unit&unitId=${randomUUID()}`)).status).toBe(404);
  });
});
