import { DOSSIER_STATUSES, instantAt, type LocalDate } from '@cchc/domain';
import fc from 'fast-check';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { UnitTreeRepository } from '../../platform/units/unit-tree';
import { freshDossierCounts, rebuildDossierCounts, storedDossierCounts } from './dossier-counts';
import { at, createProcedure, receiveDossier, threeSteps, tokenActors } from './dossier.fixtures';
import { DossierRepository, type DossierRow, type QueueDays } from './dossier.repository';
import { DOSSIER_QUEUES } from './dossier.schemas';

// The queue page on both engines. Counters (dossier-counts.ts, migrations 20261208010000 and 20261209030000): after random
// inserts, updates (one row and many rows in one statement) and deletes written straight to the table, as any
// writer would, the stored counters equal a fresh count, and every queue's count for every scope equals the
// number of dossiers its list holds (a plain count with the queue's condition). Keyset pages: walking a list
// by its cursors, forwards and backwards, gives exactly the rows and order of its offset pages, ties and
// missing sort values included, within the reader's scope.

describe.each(engines)('dossier queue page on %s', (engine) => {
  let t: TestApp;
  let repo: DossierRepository;
  let template: DossierRow;
  let units: { root: string; a: string; b: string; div: string };
  let officerId: string;
  let desk: Caller;
  let specialist: Caller;
  let procedureId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    const { admin, rootId } = await t.setup();
    const make = factories(t, admin, rootId);
    const a = await make.unit({ kind: 'affiliate', name: 'Sở A (đếm)' });
    const b = await make.unit({ kind: 'affiliate', name: 'Sở B (đếm)' });
    const div = await make.unit({ parentId: a.id, kind: 'division', name: 'Phòng thuộc A (đếm)' });
    units = { root: rootId, a: a.id, b: b.id, div: div.id };
    const bearer = tokenActors(t, make);
    desk = await bearer('one_stop_officer');
    specialist = await bearer('specialist', div.id);
    officerId = (await specialist.get('/api/me')).body.id;
    t.clock.set(at('2026-03-02', '09:00'));
    procedureId = await createProcedure(admin, rootId, { processingUnitId: div.id, steps: threeSteps(div.id) });
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
      // The statutory due moment's minute of the local day: local midnight and late evening fall on another UTC day.
      dueMinute: fc.constantFrom(0, 17 * 60, 23 * 60 + 59),
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
      statutoryDueAt: instantAt(due, f.dueMinute),
    };
  };

  const step = fc.oneof(
    { weight: 3, arbitrary: fc.record({ op: fc.constant('insert' as const), f: fields() }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('insertMany' as const), fs: fc.array(fields(), { minLength: 2, maxLength: 5 }) }) },
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
          } else if (s.op === 'insertMany') {
            // Several rows in one statement (a seeder's or an import's multi-row insert).
            const rows = s.fs.map((f) => ({ ...template, id: randomUUID(), code: `${template.code}-c${++n}`, ...columns(f) }));
            await db.insertInto('dossiers').values(rows).execute();
            ids.push(...rows.map((r) => r.id));
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
    await db.updateTable('dossierDueCounts').set({ n: 77 }).execute();
    expect(Object.fromEntries(await storedDossierCounts(db))).not.toEqual(Object.fromEntries(await freshDossierCounts(db)));
    expect(await rebuildDossierCounts(db)).toBeGreaterThan(0);
    expect(Object.fromEntries(await storedDossierCounts(db))).toEqual(Object.fromEntries(await freshDossierCounts(db)));
  });

  it('counts a statutory due moment at local midnight today as not overdue, and one a minute before as overdue', async () => {
    const db = t.handle.db;
    const d = days(officerId);
    const page = { limit: 1, offset: 0, sort: 'dueAt', order: 'asc' } as const;
    const overdue = async () => (await repo.listWithCounts([units.b], { queue: 'all' }, d, page)).counts.overdue;
    const before = await overdue();
    const row = { ...template, unitId: units.b, processingUnitId: null, currentUnitId: null, status: 'processing', assigneeId: null, clockRunning: 1 };
    await db
      .insertInto('dossiers')
      .values([
        { ...row, id: randomUUID(), code: `${template.code}-midnight`, dueDate: d.today, statutoryDueAt: d.todayStartAt },
        {
          ...row,
          id: randomUUID(),
          code: `${template.code}-minute-before`,
          dueDate: d.today,
          statutoryDueAt: instantAt('2026-03-09' as LocalDate, 23 * 60 + 59),
        },
      ])
      .execute();
    expect((await overdue()) - before).toBe(1);
    expect(await overdue()).toBe((await repo.list([units.b], { queue: 'overdue' }, d, page)).total);
  });

  it('walks a list by cursors forwards and backwards in exactly the order of its offset pages, ties and missing values included', async () => {
    const db = t.handle.db;
    // Ties on every sort column, and rows without a due moment or a receipt time (submitted online).
    for (let i = 0; i < 30; i++) {
      const due = i % 4 === 0 ? null : `2026-03-1${i % 3}T10:00:00.000Z`;
      await db
        .insertInto('dossiers')
        .values({
          ...template,
          id: randomUUID(),
          code: `${template.code}-k${String(i).padStart(2, '0')}`,
          unitId: i % 5 === 0 ? units.b : units.root,
          processingUnitId: i % 2 === 0 ? units.div : null,
          status: due === null ? 'submitted' : 'processing',
          dueAt: due,
          receivedAt: i % 6 === 0 ? null : `2026-03-0${1 + (i % 2)}T02:00:00.000Z`,
          applicantNameFolded: ['nguyen van a', 'tran thi b', 'le van c'][i % 3]!,
        })
        .execute();
    }
    for (const caller of [desk, specialist]) {
      for (const sort of ['dueAt', 'receivedAt', 'code', 'applicantName']) {
        for (const order of ['asc', 'desc']) {
          const base = `/api/dossiers?queue=all&sort=${sort}&order=${order}`;
          const reference: string[] = [];
          for (let page = 1; ; page++) {
            const res = await caller.get(`${base}&page=${page}&pageSize=100`);
            reference.push(...(res.body.items as Array<{ code: string }>).map((r) => r.code));
            if (reference.length >= res.body.total) break;
          }
          const label = `${sort} ${order}`;
          // Forwards from the first page.
          const pages: string[][] = [];
          let res = await caller.get(`${base}&pageSize=7`);
          expect(res.body.prevCursor, label).toBeNull();
          for (;;) {
            pages.push((res.body.items as Array<{ code: string }>).map((r) => r.code));
            if (!res.body.nextCursor) break;
            res = await caller.get(`${base}&pageSize=7&cursor=${res.body.nextCursor}`);
            expect(res.status, label).toBe(200);
          }
          expect(pages.flat(), label).toEqual(reference);
          // Backwards from the last page, page by page.
          const back: string[][] = [pages[pages.length - 1]!];
          let cursor = res.body.prevCursor as string | null;
          while (cursor) {
            res = await caller.get(`${base}&pageSize=7&cursor=${cursor}`);
            back.unshift((res.body.items as Array<{ code: string }>).map((r) => r.code));
            cursor = res.body.prevCursor;
          }
          expect(back.flat(), label).toEqual(reference);
          // From an offset page on (the web's numbered pages, then a cursor).
          const third = await caller.get(`${base}&pageSize=7&page=3`);
          if (third.body.nextCursor) {
            const fourth = await caller.get(`${base}&pageSize=7&cursor=${third.body.nextCursor}`);
            expect(
              fourth.body.items.map((r: { code: string }) => r.code),
              label,
            ).toEqual(reference.slice(21, 28));
          }
        }
      }
    }
    // The specialist's walk holds only dossiers of the division's scope.
    const scoped = await specialist.get('/api/dossiers?queue=all&pageSize=100');
    expect(scoped.body.total).toBeLessThan((await desk.get('/api/dossiers?queue=all&pageSize=1')).body.total);
  });

  it('refuses a cursor of another sort or order, or one that does not decode (400 naming the cursor)', async () => {
    const first = await desk.get('/api/dossiers?queue=all&sort=dueAt&order=asc&pageSize=2');
    const cursor = first.body.nextCursor as string;
    expect(cursor).toEqual(expect.any(String));
    for (const url of [
      `/api/dossiers?queue=all&sort=code&order=asc&cursor=${cursor}`,
      `/api/dossiers?queue=all&sort=dueAt&order=desc&cursor=${cursor}`,
      '/api/dossiers?queue=all&sort=dueAt&order=asc&cursor=not-a-cursor',
    ]) {
      const res = await desk.get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.errors).toEqual([{ path: 'querystring.cursor', code: 'dossier.cursor_invalid' }]);
    }
  });

  it('answers a refresh from what is committed and as of the day: a write by anyone, or midnight, changes the answer', async () => {
    // The page's answers are kept while the data version stands (DossierService.list): the same request twice
    // gives the same answer, a row written straight to the table (as the CLI or another instance would) shows
    // at once, and the time-dependent counts move at midnight although nothing was written (the clock moves
    // 40 seconds, too little for the token's last use to be written).
    const url = '/api/dossiers?queue=all&page=1&pageSize=20&sort=dueAt&order=asc';
    t.clock.set(at('2026-03-19', '23:59').replace(':00.000Z', ':30.000Z'));
    const first = (await desk.get(url)).body;
    expect((await desk.get(url)).body).toEqual(first);
    const due = '2026-03-19' as LocalDate;
    await t.handle.db
      .insertInto('dossiers')
      .values({
        ...template,
        id: randomUUID(),
        code: `${template.code}-refresh`,
        status: 'processing',
        clockRunning: 1,
        assigneeId: null,
        dueDate: due,
        statutoryDueAt: instantAt(due, 17 * 60),
      })
      .execute();
    const written = (await desk.get(url)).body;
    expect(written.total).toBe(first.total + 1);
    expect(written.counts.all).toBe(first.counts.all + 1);
    expect((await desk.get(url)).body).toEqual(written);
    t.clock.set(at('2026-03-20', '00:00').replace(':00.000Z', ':10.000Z'));
    const later = (await desk.get(url)).body;
    expect(later.total).toBe(written.total);
    expect(later.counts.overdue).toBeGreaterThan(written.counts.overdue);
  });

  it('keeps the counters exact under concurrent receipts and actions on the same units (no deadlock, no lost delta)', async () => {
    // Receipts insert into and actions move dossiers between the same counter rows at once, each in its own
    // transaction (PostgreSQL runs them side by side on its pool): every request succeeds and the counters
    // equal a fresh count afterwards (the triggers apply their deltas in key order, dossier-counts.ts).
    t.clock.set(at('2026-03-23', '09:00'));
    const applicant = { name: 'Lê Văn Cường', phone: '0905000222', idNumber: '049000333444', address: 'Quảng Ngãi' };
    const received = [];
    for (let i = 0; i < 12; i++) received.push(await receiveDossier(desk, { procedureId, channel: 'counter', applicant }));
    const current = await Promise.all(received.map((d) => desk.get(`/api/dossiers/${d.id}`)));
    const results = await Promise.all([
      ...received.map((d, i) =>
        desk.post(`/api/dossiers/${d.id}/actions`, { version: current[i]!.body.version, action: 'completeStep', note: 'Chuyển phòng chuyên môn' }),
      ),
      ...Array.from({ length: 12 }, () => desk.post('/api/dossiers', { procedureId, channel: 'post', applicant })),
    ]);
    expect(results.map((r) => r.status)).toEqual([...Array(12).fill(200), ...Array(12).fill(201)]);
    expect(Object.fromEntries(await storedDossierCounts(t.handle.db))).toEqual(Object.fromEntries(await freshDossierCounts(t.handle.db)));
  });
});
