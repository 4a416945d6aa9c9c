import type { LocalDate } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, type Caller, type TestApp } from '../../../test/harness';
import { AuditRepository } from '../../platform/audit/audit.repository';
import { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { CalendarRepository } from './calendar.repository';
import { CalendarService } from './calendar.service';
import type { DeadlineSource, ImpactedRecord } from './deadline-registry';

interface Day {
  date: string;
  kind: string;
  name: string;
  status: string;
  version: number;
}

const paths = (body: { errors?: Array<{ path: string; code: string }> }) => (body.errors ?? []).map((e) => e.path);

describe.each(engines)('calendar on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  const addWorkingDays = async (from: string, days: number | string) =>
    (await t.anon.get(`/api/calendar/add-working-days?from=${from}&days=${days}`)).body.date;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
  });
  afterAll(() => t.close());

  describe('public reads', () => {
    it('serves 2025 exactly as announced: Tết 27–31/1, the 2/5 swap paid back on Saturday 26/4', async () => {
      const res = await t.anon.get('/api/calendar/2025');
      expect(res.status).toBe(200);
      expect(res.body.year).toBe(2025);
      expect(res.body.status).toBe('official');
      expect(res.body.can).toEqual({ manage: false });
      expect(res.body.days.map((d: Day) => `${d.date} ${d.kind}`)).toEqual([
        '2025-01-01 holiday',
        '2025-01-27 holiday',
        '2025-01-28 holiday',
        '2025-01-29 holiday',
        '2025-01-30 holiday',
        '2025-01-31 holiday',
        '2025-04-07 holiday',
        '2025-04-26 working_saturday',
        '2025-04-30 holiday',
        '2025-05-01 holiday',
        '2025-05-02 swap',
        '2025-09-01 holiday',
        '2025-09-02 holiday',
      ]);
      expect(res.body.days[1]).toEqual({
        date: '2025-01-27',
        year: 2025,
        kind: 'holiday',
        name: 'Tết Nguyên đán',
        status: 'official',
        sourceNumber: null,
        sourceDate: null,
        note: 'Dữ liệu công bố',
        version: 1,
      });
    });

    it('keeps 2018-12-31 in the 2019 set, and tells an administrator they may manage it', async () => {
      const res = await admin.get('/api/calendar/2019');
      expect(res.body.days[0]).toMatchObject({ date: '2018-12-31', year: 2019, kind: 'swap' });
      expect(res.body.can).toEqual({ manage: true });
      expect((await t.anon.get('/api/calendar/2018')).body.days.map((d: Day) => d.date)).not.toContain('2018-12-31');
    });

    it('generates a year without an announcement and marks it provisional', async () => {
      const res = await t.anon.get('/api/calendar/2030');
      expect(res.status).toBe(200);
      expect(res.body.status).toBe('provisional');
      expect(res.body.days.length).toBeGreaterThan(8);
      expect(res.body.days.every((d: Day) => d.status === 'provisional')).toBe(true);
      expect(res.body.days[0]).toMatchObject({ date: '2030-01-01', kind: 'holiday', name: 'Tết Dương lịch' });
      expect(await addWorkingDays('2029-12-31', 1)).toBe('2030-01-02');
    });

    it.each([
      { from: '2025-01-24', days: 1, expected: '2025-02-03' }, // Friday before Tết → Monday after it
      { from: '2025-04-25', days: 1, expected: '2025-04-26' }, // the make-up Saturday is a working day
      { from: '2025-04-29', days: 1, expected: '2025-05-05' }, // 30/4, 1/5, swapped 2/5, then the weekend
      { from: '2026-02-13', days: 1, expected: '2026-02-23' }, // across Tết 2026 (16–20/2)
      { from: '2026-02-13', days: 5, expected: '2026-02-27' },
      { from: '2026-02-14', days: 0, expected: '2026-02-14' }, // n = 0 is the start day itself
    ])('add-working-days $from + $days = $expected', async ({ from, days, expected }) => {
      const res = await t.anon.get(`/api/calendar/add-working-days?from=${from}&days=${days}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ date: expected });
    });

    it.each([
      { from: '2025-01-24', to: '2025-02-03', days: 1 },
      { from: '2025-04-25', to: '2025-04-28', days: 2 }, // Saturday 26/4 counts
      { from: '2026-02-13', to: '2026-02-27', days: 5 },
      { from: '2026-02-27', to: '2026-02-13', days: -5 },
      { from: '2026-03-02', to: '2026-03-02', days: 0 },
    ])('working-days-between $from and $to = $days', async ({ from, to, days }) => {
      const res = await t.anon.get(`/api/calendar/working-days-between?from=${from}&to=${to}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ days });
    });

    it('converts to the lunar calendar at UTC+7', async () => {
      expect((await t.anon.get('/api/calendar/lunar/2026-02-17')).body).toEqual({ year: 2026, month: 1, day: 1, leap: false });
      expect((await t.anon.get('/api/calendar/lunar/2025-01-29')).body).toEqual({ year: 2025, month: 1, day: 1, leap: false });
      expect((await t.anon.get('/api/calendar/lunar/2030-02-02')).body).toEqual({ year: 2030, month: 1, day: 1, leap: false });
    });

    it.each([
      ['/api/calendar/add-working-days?from=2025-02-30&days=1', 'querystring.from', 'invalid_format'],
      ['/api/calendar/add-working-days?from=25-01-01&days=1', 'querystring.from', 'invalid_format'],
      ['/api/calendar/add-working-days?days=1', 'querystring.from', 'invalid_type'],
      ['/api/calendar/add-working-days?from=1899-12-29&days=1', 'querystring.from', 'date.out_of_range'],
      ['/api/calendar/add-working-days?from=2101-01-02&days=1', 'querystring.from', 'date.out_of_range'],
      ['/api/calendar/add-working-days?from=2025-01-24', 'querystring.days', 'invalid_type'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=', 'querystring.days', 'invalid_format'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=-1', 'querystring.days', 'invalid_format'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=1.5', 'querystring.days', 'invalid_format'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=1e2', 'querystring.days', 'invalid_format'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=abc', 'querystring.days', 'invalid_format'],
      ['/api/calendar/add-working-days?from=2025-01-24&days=3661', 'querystring.days', 'too_big'],
      ['/api/calendar/add-working-days?from=2100-12-30&days=5', 'querystring.days', 'date.out_of_range'],
      ['/api/calendar/working-days-between?from=2025-01-24&to=2025-13-01', 'querystring.to', 'invalid_format'],
      ['/api/calendar/working-days-between?to=2025-01-24', 'querystring.from', 'invalid_type'],
      ['/api/calendar/lunar/2025-02-30', 'params.date', 'invalid_format'],
      ['/api/calendar/lunar/1899-12-31', 'params.date', 'date.out_of_range'],
      ['/api/calendar/1899', 'params.year', 'too_small'],
      ['/api/calendar/2101', 'params.year', 'too_big'],
      ['/api/calendar/20250', 'params.year', 'invalid_format'],
      ['/api/calendar/abcd', 'params.year', 'invalid_format'],
      ['/api/calendar/impact?date=2025-02-30', 'querystring.date', 'invalid_format'],
    ])('GET %s → 400 naming %s', async (url, path, code) => {
      const res = await admin.get(url);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors).toEqual([{ path, code }]);
    });

    it('reports both bad parameters at once', async () => {
      const res = await t.anon.get('/api/calendar/working-days-between?from=x&to=2025-02-29');
      expect(paths(res.body).sort()).toEqual(['querystring.from', 'querystring.to']);
    });

    it('documents the routes in the OpenAPI', async () => {
      const doc = (await t.app.inject({ method: 'GET', url: '/docs/json' })).json();
      for (const p of [
        '/api/calendar/{year}',
        '/api/calendar/add-working-days',
        '/api/calendar/working-days-between',
        '/api/calendar/lunar/{date}',
        '/api/calendar/days',
        '/api/calendar/days/{date}',
        '/api/calendar/impact',
      ]) {
        expect(doc.paths[p], p).toBeDefined();
      }
      expect(doc.paths['/api/calendar/{year}'].get.tags).toEqual(['calendar']);
    });
  });

  describe('impact check and other instances', () => {
    it('lists no records while no module registers a deadline source, and says due dates do not change', async () => {
      const res = await admin.get('/api/calendar/impact?date=2026-11-24');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ date: '2026-11-24', dueDatesChange: false, items: [] });
    });

    it('collects open records from every source, in the actor scope, by due date', async () => {
      const other = await make.unit({ name: 'Phòng Khác' });
      const record = (code: string, dueDate: string, unitId: string): ImpactedRecord => ({
        entity: 'dossier',
        id: code,
        code,
        title: `Hồ sơ ${code}`,
        startDate: '2026-11-20' as LocalDate,
        dueDate: dueDate as LocalDate,
        unitId,
      });
      const source = (name: string, records: ImpactedRecord[]): DeadlineSource => ({
        name,
        openRecordsSpanning: async (_db, date, actor) =>
          records.filter((r) => r.startDate < date && date <= r.dueDate && actor.grants.some((g) => g.unitIds.includes(r.unitId))),
      });
      const db = t.handle.db;
      const service = new CalendarService(db, new CalendarRepository(db), new AuditService(new AuditRepository(db, t.engine), t.clock), t.clock, [
        source('dossiers', [record('B', '2026-11-30', rootId), record('C', '2026-11-23', rootId)]),
        source('tasks', [record('A', '2026-11-26', rootId), record('D', '2026-11-27', other.id)]),
      ]);
      const actor = (role: 'system_admin' | 'leader', unitIds: string[]): ServerActor => ({
        userId: 'u',
        username: 'u',
        fullName: 'U',
        requestId: null,
        roles: [role],
        grants: [{ role, unitId: unitIds[0]!, unitIds }],
      });
      const res = await service.impact(actor('system_admin', [rootId]), '2026-11-24' as LocalDate);
      expect(res.dueDatesChange).toBe(false);
      expect(res.items.map((i) => `${i.source} ${i.code} ${i.dueDate}`)).toEqual(['tasks A 2026-11-26', 'dossiers B 2026-11-30']);
      await expect(service.impact(actor('leader', [rootId]), '2026-11-24' as LocalDate)).rejects.toMatchObject({ status: 403, code: 'forbidden' });
    });

    it('another instance on the same database sees a change at its next call (generation)', async () => {
      const db = t.handle.db;
      const otherInstance = new CalendarService(db, new CalendarRepository(db), new AuditService(new AuditRepository(db, t.engine), t.clock), t.clock);
      const first = await otherInstance.calendar();
      expect(await otherInstance.calendar()).toBe(first); // cached while nothing changes
      expect(first.addWorkingDays('2026-10-26' as LocalDate, 1)).toBe('2026-10-27');
      expect((await admin.post('/api/calendar/days', { date: '2026-10-27', kind: 'holiday', name: 'Thử' })).status).toBe(201);
      const second = await otherInstance.calendar();
      expect(second).not.toBe(first);
      expect(Number(second.version)).toBeGreaterThan(Number(first.version));
      expect(second.addWorkingDays('2026-10-26' as LocalDate, 1)).toBe('2026-10-28');
      expect(first.addWorkingDays('2026-10-26' as LocalDate, 1)).toBe('2026-10-27'); // a built calendar never changes under its user
    });
  });
});
