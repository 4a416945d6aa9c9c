import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { AuditRepository } from '../../platform/audit/audit.repository';
import { AuditService } from '../../platform/audit/audit.service';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';

interface Day {
  date: string;
  kind: string;
  name: string;
  status: string;
  version: number;
}

const paths = (body: { errors?: Array<{ path: string; code: string }> }) => (body.errors ?? []).map((e) => e.path);

describe.each(engines)('calendar administration on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  const addWorkingDays = async (from: string, days: number | string) =>
    (await t.anon.get(`/api/calendar/add-working-days?from=${from}&days=${days}`)).body.date;
  const dayOf = async (date: string): Promise<Day | undefined> =>
    (await t.anon.get(`/api/calendar/${date.slice(0, 4)}`)).body.days.find((d: Day) => d.date === date);

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
  });
  afterAll(() => t.close());

  describe('administration', () => {
    it('adds Vietnam Culture Day 2026 as a closure: deadlines after it move, and the audit log has it', async () => {
      expect(await addWorkingDays('2026-11-23', 1)).toBe('2026-11-24');
      const res = await admin.post('/api/calendar/days', {
        date: '2026-11-24',
        kind: 'holiday',
        name: 'Ngày Văn hóa Việt Nam',
        sourceNumber: '30/NQ-CP',
        sourceDate: '2026-02-10',
        note: 'Chưa xác nhận sửa Điều 112',
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        date: '2026-11-24',
        year: 2026,
        kind: 'holiday',
        name: 'Ngày Văn hóa Việt Nam',
        status: 'official',
        sourceNumber: '30/NQ-CP',
        sourceDate: '2026-02-10',
        note: 'Chưa xác nhận sửa Điều 112',
        version: 1,
      });
      expect(await addWorkingDays('2026-11-23', 1)).toBe('2026-11-25');
      expect((await t.anon.get('/api/calendar/working-days-between?from=2026-11-23&to=2026-11-25')).body.days).toBe(1);
      expect((await t.anon.get('/api/calendar/2026')).body.status).toBe('official');
      const log = await admin.get('/api/audit?entity=calendar_day&entityId=2026-11-24');
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0]).toMatchObject({ action: 'create', after: { date: '2026-11-24', kind: 'holiday', sourceNumber: '30/NQ-CP' } });
      expect(log.body.items[0].actorName).toContain('admin');
    });

    it('refuses a second row for a date (409) and an announced closure counts as one', async () => {
      const dup = await admin.post('/api/calendar/days', { date: '2025-01-27', kind: 'swap', name: 'Trùng' });
      expect(dup.status).toBe(409);
      expect(dup.body.code).toBe('calendar.day_exists');
      expect(dup.body.detail.current).toMatchObject({ date: '2025-01-27', kind: 'holiday' });
    });

    it('updates with the current version, answers 409 with the current state to a stale one, and audits', async () => {
      await admin.post('/api/calendar/days', { date: '2026-12-30', kind: 'swap', name: 'Nghỉ hoán đổi' });
      const ok = await admin.patch('/api/calendar/days/2026-12-30', { version: 1, name: 'Nghỉ hoán đổi Tết Dương lịch', sourceNumber: '1/VPCP-KGVX' });
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ version: 2, name: 'Nghỉ hoán đổi Tết Dương lịch', sourceNumber: '1/VPCP-KGVX', kind: 'swap' });
      const stale = await admin.patch('/api/calendar/days/2026-12-30', { version: 1, name: 'Tên khác' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict.stale_version');
      expect(stale.body.detail.current).toMatchObject({ version: 2, name: 'Nghỉ hoán đổi Tết Dương lịch' });
      const cleared = await admin.patch('/api/calendar/days/2026-12-30', { version: 2, sourceNumber: null });
      expect(cleared.body).toMatchObject({ version: 3, sourceNumber: null, name: 'Nghỉ hoán đổi Tết Dương lịch' });
      const log = await admin.get('/api/audit?entity=calendar_day&entityId=2026-12-30');
      expect(log.body.items.map((i: { action: string }) => i.action)).toEqual(['update', 'update', 'create']);
      expect(log.body.items[1].before.name).toBe('Nghỉ hoán đổi');
      expect(log.body.items[1].after.name).toBe('Nghỉ hoán đổi Tết Dương lịch');
    });

    it('deletes with the current version only; the date becomes an ordinary working day again', async () => {
      await admin.post('/api/calendar/days', { date: '2026-10-13', kind: 'holiday', name: 'Tạm' });
      expect(await addWorkingDays('2026-10-12', 1)).toBe('2026-10-14');
      const stale = await admin.delete('/api/calendar/days/2026-10-13?version=2');
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe('conflict.stale_version');
      expect((await admin.delete('/api/calendar/days/2026-10-13?version=1')).status).toBe(204);
      expect(await addWorkingDays('2026-10-12', 1)).toBe('2026-10-13');
      expect((await admin.delete('/api/calendar/days/2026-10-13?version=1')).status).toBe(404);
      const log = await admin.get('/api/audit?entity=calendar_day&entityId=2026-10-13');
      expect(log.body.items.map((i: { action: string }) => i.action)).toEqual(['delete', 'create']);
    });

    it('answers 404 for a date with no calendar row', async () => {
      const res = await admin.patch('/api/calendar/days/2026-03-03', { version: 1, name: 'x' });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('calendar.day_not_found');
    });

    it('takes make-up Saturdays only on Saturdays and closures only on weekdays', async () => {
      const friday = await admin.post('/api/calendar/days', { date: '2026-11-27', kind: 'working_saturday', name: 'Làm bù' });
      expect(friday.status).toBe(400);
      expect(friday.body.errors).toEqual([{ path: 'body.kind', code: 'calendar.not_saturday' }]);
      const saturdayOff = await admin.post('/api/calendar/days', { date: '2026-11-28', kind: 'holiday', name: 'Nghỉ' });
      expect(saturdayOff.status).toBe(400);
      expect(saturdayOff.body.errors).toEqual([{ path: 'body.date', code: 'calendar.not_weekday' }]);
      const saturday = await admin.post('/api/calendar/days', { date: '2026-11-28', kind: 'working_saturday', name: 'Làm bù' });
      expect(saturday.status).toBe(201);
      expect(await addWorkingDays('2026-11-27', 1)).toBe('2026-11-28');
      const toClosure = await admin.patch('/api/calendar/days/2026-11-28', { version: 1, kind: 'swap' });
      expect(toClosure.status).toBe(400);
      expect(toClosure.body.errors).toEqual([{ path: 'body.kind', code: 'calendar.not_weekday' }]);
      const toSaturday = await admin.patch('/api/calendar/days/2025-05-02', { version: 1, kind: 'working_saturday' });
      expect(toSaturday.body.errors).toEqual([{ path: 'body.kind', code: 'calendar.not_saturday' }]);
    });

    it('rejects bad input naming every field', async () => {
      const res = await admin.post('/api/calendar/days', { date: '2026-02-30', kind: 'festival', name: '', sourceDate: '2026-13-01', status: 'rumoured' });
      expect(res.status).toBe(400);
      expect(paths(res.body).sort()).toEqual(['body.date', 'body.kind', 'body.name', 'body.sourceDate', 'body.status']);
      expect(paths((await admin.patch('/api/calendar/days/2026-02-30', { version: 1 })).body)).toEqual(['params.date']);
      expect(paths((await admin.patch('/api/calendar/days/2025-05-02', { version: 0, kind: 'x', sourceNumber: '' })).body).sort()).toEqual([
        'body.kind',
        'body.sourceNumber',
        'body.version',
      ]);
      expect(paths((await admin.delete('/api/calendar/days/2025-05-02?version=x')).body)).toEqual(['querystring.version']);
    });

    it('files a day under its own year, or a late-December day under the next year', async () => {
      const wrong = await admin.post('/api/calendar/days', { date: '2026-06-03', year: 2027, kind: 'holiday', name: 'x' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([{ path: 'body.year', code: 'calendar.year_mismatch' }]);
      const nextYear = await admin.post('/api/calendar/days', { date: '2027-12-31', year: 2028, kind: 'swap', name: 'Nghỉ hoán đổi Tết Dương lịch' });
      expect(nextYear.status).toBe(201);
      expect((await t.anon.get('/api/calendar/2028')).body.days[0]).toMatchObject({ date: '2027-12-31', year: 2028 });
    });

    it('stores a generated year as provisional rows before its first edit (mixed afterwards)', async () => {
      const before = (await t.anon.get('/api/calendar/2031')).body;
      expect(before.status).toBe('provisional');
      const edited = before.days[0] as Day;
      const res = await admin.patch(`/api/calendar/days/${edited.date}`, { version: edited.version, status: 'official', sourceNumber: '1/TB-BNV' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ date: edited.date, status: 'official', version: 2 });
      const after = (await t.anon.get('/api/calendar/2031')).body;
      expect(after.status).toBe('mixed');
      expect(after.days.map((d: Day) => d.date)).toEqual(before.days.map((d: Day) => d.date));
      const log = await admin.get('/api/audit?entity=calendar_year&entityId=2031');
      expect(log.body.items).toHaveLength(1);
      expect(log.body.items[0].action).toBe('generate');

      // Adding a day to another generated year keeps the generated days beside it.
      const generated = (await t.anon.get('/api/calendar/2032')).body.days.length;
      expect((await admin.post('/api/calendar/days', { date: '2032-06-02', kind: 'holiday', name: 'Thử' })).status).toBe(201);
      const year2032 = (await t.anon.get('/api/calendar/2032')).body;
      expect(year2032.days).toHaveLength(generated + 1);
      expect(year2032.status).toBe('mixed');
    });

    it('refuses to empty a stored year, which would silently turn it back into a generated guess', async () => {
      const days = (await t.anon.get('/api/calendar/2020')).body.days as Day[];
      for (const d of days.slice(1)) expect((await admin.delete(`/api/calendar/days/${d.date}?version=${d.version}`)).status).toBe(204);
      const last = await admin.delete(`/api/calendar/days/${days[0]!.date}?version=${days[0]!.version}`);
      expect(last.status).toBe(409);
      expect(last.body.code).toBe('calendar.last_day_of_year');
      expect((await t.anon.get('/api/calendar/2020')).body.days).toHaveLength(1);
    });

    it('refuses every role but the system administrator (403) and anonymous callers (401)', async () => {
      for (const role of ['agency_admin', 'leader', 'par_secretary', 'specialist', 'viewer']) {
        const { caller } = await make.actor(role);
        const create = await caller.post('/api/calendar/days', { date: '2026-10-20', kind: 'holiday', name: 'x' });
        expect(create.status, role).toBe(403);
        expect(create.body.code).toBe('forbidden');
        expect((await caller.patch('/api/calendar/days/2025-05-02', { version: 1, name: 'x' })).status, role).toBe(403);
        expect((await caller.delete('/api/calendar/days/2025-05-02?version=1')).status, role).toBe(403);
        expect((await caller.get('/api/calendar/impact?date=2025-05-02')).status, role).toBe(403);
      }
      expect((await t.anon.post('/api/calendar/days', { date: '2026-10-20', kind: 'holiday', name: 'x' })).status).toBe(401);
      expect((await t.anon.patch('/api/calendar/days/2025-05-02', { version: 1, name: 'x' })).status).toBe(401);
      expect((await t.anon.delete('/api/calendar/days/2025-05-02?version=1')).status).toBe(401);
      expect((await t.anon.get('/api/calendar/impact?date=2025-05-02')).status).toBe(401);
      expect((await dayOf('2025-05-02'))?.version).toBe(1);
    });

    it('seeds only an empty table, so restarting keeps the edits', async () => {
      const db = t.handle.db;
      const again = new CalendarService(db, new CalendarRepository(db), new AuditService(new AuditRepository(db, t.engine), t.clock), t.clock);
      await again.seedAnnounced();
      expect((await dayOf('2026-11-24'))?.name).toBe('Ngày Văn hóa Việt Nam');
      expect((await t.anon.get('/api/calendar/2020')).body.days).toHaveLength(1);
    });
  });
});
