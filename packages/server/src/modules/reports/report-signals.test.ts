import { calendarFromYears, defaultYears } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, factories, multipart, type Caller, type TestApp } from '../../../test/harness';
import { reportMetrics } from './report-metrics';
import { REPORT_NOTICE_TEMPLATES, reportReminderSource } from './report-notices';

// The reports module's PAR metrics and daily reminders, called directly on both engines (the
// registry and the scheduler that call them are wired by the lead; docs/reports.md).

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const calendar = calendarFromYears(defaultYears(2025, 2027));

describe.each(engines)('report metrics and reminders on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let office: { id: string };
  let other: { id: string };
  let secretary: Caller & { cookie: string };
  const users: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    office = await make.unit({ name: 'Văn phòng Sở' });
    other = await make.unit({ name: 'Phòng Khác' });
    const s = await make.actor('par_secretary', office.id);
    secretary = s.caller;
    users.secretary = s.user.id;
    users.head = (await make.user({ role: 'unit_head', unitId: office.id })).id;
    users.leader = (await make.user({ role: 'leader', unitId: rootId })).id;
    users.specialist = (await make.user({ role: 'specialist', unitId: office.id })).id;
    users.otherHead = (await make.user({ role: 'unit_head', unitId: other.id })).id;
    const res = await admin.post('/api/reports/obligations/install-shipped', { agencyId: rootId, responsibleUnitId: office.id });
    expect(res.status).toBe(200);
  });
  afterAll(() => t.close());

  async function submit(query: string, sentOn: string, ticked: string[], lateReason: string | null = null) {
    const i = (await secretary.get(`/api/reports/instances?${query}`)).body.items[0];
    const m = multipart('bc.pdf', 'application/pdf', PDF);
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=report_instance&ownerId=${i.id}`,
      headers: { cookie: secretary.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    const res = await secretary.post(`/api/reports/instances/${i.id}/submissions`, {
      version: i.version,
      sentNumber: '1/BC',
      sentOn,
      ticked,
      fileIds: [JSON.parse(up.body).id],
      lateReason,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body;
  }
  const scope = (today: string, unitIds = [office.id]) => ({ unitIds, from: '2026-01-01', to: '2026-12-31', today });
  const plain = (m: Map<string, unknown>) => Object.fromEntries(m);

  it('has no on-time data before any PAR report is due, and hints at the ones to come', async () => {
    expect(plain(await reportMetrics.compute(t.handle.db, scope('2026-03-02')))).toEqual({
      'reports.late_count': { input: { kind: 'count', value: 0 }, hint: { code: 'reports.due_soon', params: { count: 4, due: '2026-03-16' } } },
    });
    expect(plain(await reportMetrics.compute(t.handle.db, scope('2026-03-02', [other.id])))).toEqual({});
    expect(reportMetrics.definitions.map((d) => d.key)).toEqual(['reports.all_on_time', 'reports.complete', 'reports.late_count']);
  });

  it('loses "all on time" once a PAR report is past due, and keeps it when sent on time', async () => {
    const missed = plain(await reportMetrics.compute(t.handle.db, scope('2026-03-17')));
    expect(missed['reports.all_on_time']).toEqual({
      input: { kind: 'boolean', value: false },
      hint: { code: 'reports.due_soon', params: { count: 3, due: '2026-06-15' } },
    });
    expect(missed['reports.late_count']).toMatchObject({ input: { kind: 'count', value: 1 } });
    expect(missed['reports.complete']).toBeUndefined();

    await submit('year=2026&q=quy i', '2026-03-02', ['direction', 'institutions']);
    const sent = plain(await reportMetrics.compute(t.handle.db, scope('2026-03-17')));
    expect(sent['reports.all_on_time']).toMatchObject({ input: { kind: 'boolean', value: true } });
    expect(sent['reports.complete']).toEqual({ input: { kind: 'boolean', value: false } });
    expect(sent['reports.late_count']).toMatchObject({ input: { kind: 'count', value: 0 } });
    // Only the quarter I is due in the first quarter's scope.
    expect(plain(await reportMetrics.compute(t.handle.db, { ...scope('2026-03-17'), to: '2026-03-31' }))['reports.late_count']).toEqual({
      input: { kind: 'count', value: 0 },
    });
  });

  it('reminds the submitters of the responsible unit before, on and after the due day; never for a submitted report', async () => {
    const source = reportReminderSource();
    const on = async (today: string) =>
      (await source.collect(t.handle.db, { today, calendar }))
        .map((n) => `${n.templateKey} ${n.params.period} ${Object.entries(users).find(([, id]) => id === n.recipientUserId)?.[0]}`)
        .sort();
    const monday = await on('2026-03-02');
    // January's monthly report (due 4/2) is overdue; February's (due 4/3) is within 3 working days.
    expect(monday).toEqual(
      [
        'report.due_soon 2026-M02 head',
        'report.due_soon 2026-M02 leader',
        'report.due_soon 2026-M02 secretary',
        'report.overdue 2026-M01 head',
        'report.overdue 2026-M01 leader',
        'report.overdue 2026-M01 secretary',
      ].sort(),
    );
    expect(await on('2026-03-04')).toContain('report.due_today 2026-M02 secretary');
    const notices = await source.collect(t.handle.db, { today: '2026-03-02', calendar });
    for (const n of notices) {
      expect(REPORT_NOTICE_TEMPLATES[n.templateKey]).toBeDefined();
      expect(n.idempotencyKey).toBe(`${n.templateKey}:${n.entityId}:${n.templateKey === 'report.overdue' ? '2026-02-04' : '2026-03-04'}:${n.recipientUserId}`);
      expect(n).toMatchObject({ entityKind: 'report_instance', link: `/reports/instances/${n.entityId}` });
    }
    await submit('year=2026&status=late', '2026-03-02', [], 'Chờ số liệu');
    expect((await on('2026-03-02')).filter((x) => x.includes('M01'))).toEqual([]);
  });
});
