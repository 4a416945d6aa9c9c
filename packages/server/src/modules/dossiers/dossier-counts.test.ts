import { DOSSIER_STATUSES, instantAt, type LocalDate } from '@cchc/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type TestApp } from '../../../test/harness';
import { UnitTreeRepository } from '../../platform/units/unit-tree';
import { freshDossierCounts, rebuildDossierCounts, storedDossierCounts } from './dossier-counts';
import { at, createProcedure, receiveDossier, threeSteps, tokenActors } from './dossier.fixtures';
import { DossierRepository, type DossierRow, type QueueDays } from './dossier.repository';
import { DOSSIER_QUEUES } from './dossier.schemas';

// The queue counters (dossier-counts.ts, migration 20261208010000) on both engines: after random inserts,
// updates (one row and many rows in one statement) and deletes written straight to the table, as any writer
// would, the stored counters equal a fresh count, and every queue's count for every scope equals the number
// of dossiers its list holds (a plain count with the queue's condition).

describe.each(engines)('dossier queue counters on %s', (engine) => {
  let t: TestApp;
  let repo: DossierRepository;
  let template: DossierRow;
  let units: { root: string; a: string; b: string; div: string };
  let officerId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const a = await make.unit({ kind: 'affiliate', name: 'Sở A (đếm)' });
    const b = await make.unit({ kind: 'affiliate', name: 'Sở B (đếm)' });
    const div = await make.unit({ parentId: a.id, kind: 'division', name: 'Phòng thuộc A (đếm)' });
    units = { root: rootId, a: a.id, b: b.id, div: div.id };
    const bearer = tokenActors(t, make);
    const desk = await bearer('one_stop_officer');
    const specialist = await bearer('specialist', div.id);
    officerId = (await specialist.get('/api/me')).body.id;
    t.clock.set(at('2026-03-02', '09:00'));
    const procedureId = await createProcedure(admin, rootId, { processingUnitId: div.id, steps: threeSteps(div.id) });
    const receipt = await receiveDossier(desk, {
      procedureId,
      channel: 'counter',
      applicant: { name: 'Trần Thị Bình', phone: '0905000111', idNumber: '049000111222', address: 'Quảng Ngãi' },
    });
    template = (await t.handle.db.selectFrom('dossiers').selectAll().where('id', '=', receipt.id).executeTakeFirstOrThrow())!;
    repo = new DossierRepository(t.handle.db, new UnitTreeRepository(t.handle.db));
  });
  afterAll(() => t.close());

  const days = (userId: string): QueueDays => ({
    today: '2026-03-10' as LocalDate,
    todayStartAt: instantAt('2026-03-10' as LocalDate, 0),
    almostDueUntil: '2026-03-12' as LocalDate,
    userId,
  });

  /** A dossier's queue columns, drawn from small sets so that rows share counters and scopes overlap. */
  const fields = () =>
    fc.record({
      unitId: fc.constantFrom('root', 'a', 'b'),
      processingUnitId: fc.constantFrom(null, 'div', 'b', 'a'),
      currentUnitId: fc.constantFrom(null, 'div', 'a'),
      status: fc.constantFrom(...DOSSIER_STATUSES),
      assignee: fc.boolean(),
      clockRunning: fc.boolean(),
      dueDay: fc.integer({ min: 5, max: 15 }),
    });
  type Fields = ReturnType<typeof fields> extends fc.Arbitrary<infer F> ? F : never;
  const unit = (k: string | null) => (k === null ? null : units[k as keyof typeof units]);
  const columns = (f: Fields) => {
    const due = `2026-03-${String(f.dueDay).padStart(2, '0')}` as LocalDate;
    return {
      unitId: unit(f.unitId)!,
      processingUnitId: unit(f.processingUnitId),
      currentUnitId: unit(f.currentUnitId),
      status: f.status,
      assigneeId: f.assignee ? officerId : null,
      // A running clock only in the statuses where the domain runs it (isClockRunning).
      clockRunning: f.clockRunning && ['received', 'processing', 'awaiting_payment'].includes(f.status) ? 1 : 0,
      dueDate: due,
      statutoryDueAt: instantAt(due, 17 * 60),
    };
  };

  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), f: fields() }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('update' as const), at: fc.nat(), f: fields() }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('assign' as const), at: fc.nat(), assignee: fc.boolean() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
    {
      weight: 1,
      arbitrary: fc.record({
        op: fc.constant('bulk' as const),
        from: fc.constantFrom(...DOSSIER_STATUSES),
        to: fc.constantFrom(...DOSSIER_STATUSES),
        unassign: fc.boolean(),
      }),
    },
  );

  it('stay equal to a fresh count, and give every queue the count of its list in every scope, after random writes', async () => {
    const db = t.handle.db;
    const scopes = [[units.root, units.a, units.b, units.div], [units.div], [units.b], [units.a, units.div], [units.a]];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 14 }), async (steps) => {
        const ids = (await db.selectFrom('dossiers').select('id').orderBy('code').execute()).map((r) => r.id);
        for (const s of steps) {
          if (s.op === 'insert') {
            const id = randomUUID();
            await db
              .insertInto('dossiers')
              .values({ ...template, id, code: `${template.code}-c${++n}`, ...columns(s.f) })
              .execute();
            ids.push(id);
          } else if (s.op === 'update' && ids.length > 0) {
            await db
              .updateTable('dossiers')
              .set(columns(s.f))
              .where('id', '=', ids[s.at % ids.length]!)
              .execute();
          } else if (s.op === 'assign' && ids.length > 0) {
            // Only the assignee changes (a division head's assignment).
            await db
              .updateTable('dossiers')
              .set({ assigneeId: s.assignee ? officerId : null })
              .where('id', '=', ids[s.at % ids.length]!)
              .execute();
          } else if (s.op === 'delete' && ids.length > 1) {
            const [id] = ids.splice(s.at % ids.length, 1);
            await db.deleteFrom('dossiers').where('id', '=', id!).execute();
          } else if (s.op === 'bulk') {
            // One statement over many rows (an import's switch does this).
            await db
              .updateTable('dossiers')
              .set({ status: s.to, ...(s.unassign ? { assigneeId: null } : {}) })
              .where('status', '=', s.from)
              .execute();
          }
        }
        expect(Object.fromEntries(await storedDossierCounts(db))).toEqual(Object.fromEntries(await freshDossierCounts(db)));
        for (const scope of scopes) {
          const d = days(officerId);
          const { counts, total } = await repo.listWithCounts(scope, { queue: 'all' }, d, { limit: 5, offset: 0, sort: 'dueAt', order: 'asc' });
          expect(total).toBe(counts.all);
          for (const queue of DOSSIER_QUEUES) {
            const list = await repo.list(scope, { queue }, d, { limit: 1, offset: 0, sort: 'dueAt', order: 'asc' });
            expect(counts[queue], `${queue} in ${scope.length} units`).toBe(list.total);
          }
        }
      }),
      { numRuns: 12 },
    );
  });

  it('rebuilds from the dossiers after the counters were lost or damaged', async () => {
    const db = t.handle.db;
    await db.updateTable('dossierCounts').set({ n: 999 }).execute();
    await db.deleteFrom('dossierCounts').where('status', '=', 'received').execute();
    expect(Object.fromEntries(await storedDossierCounts(db))).not.toEqual(Object.fromEntries(await freshDossierCounts(db)));
    expect(await rebuildDossierCounts(db)).toBeGreaterThan(0);
    expect(Object.fromEntries(await storedDossierCounts(db))).toEqual(Object.fromEntries(await freshDossierCounts(db)));
  });
});
