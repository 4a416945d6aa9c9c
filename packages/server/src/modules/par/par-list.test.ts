import JSZip from 'jszip';
import type { KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, type Caller, type TestApp } from '../../../test/harness';
import { buildApp, type App } from '../../app';
import { seedDemo } from '../../demo/demo';

const DEMO_PASSWORD = 'DemoCchc2026';
const SCORES = [
  ['1', '11.00'],
  ['2', '8.00'],
  ['3', '10.00'],
  ['4', '8.00'],
  ['5', '8.00'],
  ['6', '9.00'],
  ['7', '10.00'],
  ['8', '20.00'],
] as const;

// The PAR lists read the totals stored on each assessment (issue #14 item 4): the number of queries of a
// list does not grow with the number of assessments, the list of every year is paginated, and every
// write keeps the stored totals current.
describe.each(engines)('PAR lists at volume on %s', (engine) => {
  let t: TestApp;
  let admin: Caller & { cookie: string };
  let counting: App;
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (args) => {
      queries++;
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  const countedList = async (url: string) => {
    queries = 0;
    const res = await counting.app.inject({ method: 'GET', url, headers: { cookie: admin.cookie } });
    expect(res.statusCode, res.body).toBe(200);
    return { body: JSON.parse(res.body) as { items: Array<Record<string, unknown>>; total: number; page: number; pageSize: number }, queries };
  };

  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.handle, { password: DEMO_PASSWORD, clock: t.clock, hashing: TEST_HASHING });
    admin = await t.login('admin', DEMO_PASSWORD);
    counting = await buildApp(t.config, { handle: { ...t.handle, db: t.handle.db.withPlugin(counter) }, clock: t.clock, hashing: TEST_HASHING, logger: false });
  });
  afterAll(async () => {
    await counting?.app.close();
    await t.close();
  });

  it('answers every list with the same number of queries for 2 and for 42 assessments, paginated without a year', async () => {
    // Counted on a second call: the first request after a change of units also reloads the session's grants.
    const warm = async (url: string) => {
      await countedList(url);
      return countedList(url);
    };
    const small = {
      all: await warm('/api/par/assessments'),
      page: await warm('/api/par/assessments?pageSize=10'),
      year: await warm('/api/par/assessments?year=2019'),
    };
    expect(small.all.body.total).toBe(2);
    const units = new Map(((await admin.get('/api/units')).body.items as { id: string; name: string }[]).map((u) => [u.name, u.id]));
    const province = units.get('Ủy ban nhân dân tỉnh Quảng Ngãi')!;
    const set2019 = ((await admin.get('/api/par/criteria-sets')).body.items as { id: string; year: number }[]).find((s) => s.year === 2019)!;
    for (let i = 0; i < 40; i++) {
      const u = await admin.post('/api/units', { parentId: province, kind: 'department', name: `Sở thử ${String(i).padStart(2, '0')}` });
      // Field 8 (the survey) scores 20.00 to 20.39: forty different totals.
      const fields = SCORES.map(([code, score]) => ({ code, score: code === '8' ? `20.${String(i).padStart(2, '0')}` : score }));
      const res = await admin.post('/api/par/published-results', { setId: set2019.id, agencyUnitId: u.body.id, fields, reportedTotal: '84.00' });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
    }
    const large = await warm('/api/par/assessments');
    expect(large.body).toMatchObject({ total: 42, page: 1, pageSize: 50 });
    expect(large.body.items).toHaveLength(42);
    expect(large.queries).toBe(small.all.queries);

    const page1 = await warm('/api/par/assessments?pageSize=10');
    const page2 = await countedList('/api/par/assessments?pageSize=10&page=2');
    expect(page1.body).toMatchObject({ total: 42, page: 1, pageSize: 10 });
    expect(page1.body.items).toHaveLength(10);
    expect(page2.body.items).toHaveLength(10);
    expect(new Set([...page1.body.items, ...page2.body.items].map((i) => i.id)).size).toBe(20);
    expect(page1.queries).toBe(small.page.queries);

    // A year's list is whole, ranked from the stored index; the published rank of the demo Department wins.
    const year = await warm('/api/par/assessments?year=2019');
    expect(year.body.items).toHaveLength(41);
    expect(year.queries).toBe(small.year.queries);
    const best = year.body.items.find((i) => i.agencyName === 'Sở thử 39');
    expect(best).toMatchObject({ computedTotalHundredths: 8_439, totalLayer: 'final', rank: 1, rankGroupSize: 41, rankSource: 'computed', band: 'B' });
    expect(year.body.items.find((i) => i.agencyName === 'Sở Khoa học và Công nghệ')).toMatchObject({
      computedTotalHundredths: 8_018,
      rank: 7,
      rankGroupSize: 25,
      rankSource: 'published',
    });
    const ranking = (await admin.get('/api/par/rankings?year=2019')).body.items as Array<Record<string, unknown>>;
    expect(ranking[0]).toMatchObject({ agencyName: 'Sở thử 39', rank: 1, groupSize: 41, publishedRank: null });
    expect(ranking.find((r) => r.agencyName === 'Sở Khoa học và Công nghệ')).toMatchObject({ publishedRank: 7, publishedGroupSize: 25 });
  });

  it('keeps the stored totals current: a self score, and a change of the set’s bands', async () => {
    const list = async () =>
      ((await admin.get('/api/par/assessments?year=2026')).body.items as Array<Record<string, unknown>>).find(
        (i) => i.agencyName === 'Sở Khoa học và Công nghệ',
      )!;
    const before = list();
    const id = (await before).id as string;
    const card = (await admin.get(`/api/par/assessments/${id}`)).body;
    expect((await before).computedTotalHundredths).toBe(card.computedTotalHundredths);
    const field4 = card.lines.find((l: { code: string }) => l.code === '4');
    const vanphong = await t.login('vanphong', DEMO_PASSWORD);
    expect((await vanphong.put(`/api/par/assessments/${id}/scores/${field4.nodeId}`, { version: 0, selfHundredths: 700 })).status).toBe(200);
    const after = await list();
    expect(after.computedTotalHundredths).toBe(((await before).computedTotalHundredths as number) + 700);
    expect(after).toMatchObject({ totalLayer: 'self', band: null });

    const set = (await admin.get(`/api/par/criteria-sets/${card.setId}`)).body;
    const bands = [{ code: 'A', label: 'Tốt', min: 0, minInclusive: true }];
    const patched = await admin.patch(`/api/par/criteria-sets/${set.id}`, { version: set.version, bands });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect((await list()).band).toBe('A');
  });

  it('compares like with like in the history: finished results only, naming the year compared', async () => {
    const sokhcn = ((await admin.get('/api/units')).body.items as { id: string; name: string }[]).find((u) => u.name === 'Sở Khoa học và Công nghệ')!.id;
    const history = (await admin.get(`/api/par/agencies/${sokhcn}/history`)).body.items as Array<Record<string, unknown>>;
    expect(history.map((h) => [h.year, h.status, h.totalLayer, h.changeHundredths, h.comparedWithYear, h.rank, h.rankSource])).toEqual([
      [2019, 'published', 'final', null, null, 7, 'published'],
      [2026, 'self_assessing', 'self', null, null, null, null],
    ]);
  });

  it('writes the Word report of the published 2019 year with its layers named, the published scores and the flagged total', async () => {
    const y2019 = ((await admin.get('/api/par/assessments?year=2019')).body.items as Array<{ id: string; agencyName: string }>).find(
      (i) => i.agencyName === 'Sở Khoa học và Công nghệ',
    )!;
    const res = await admin.get(`/api/par/assessments/${y2019.id}/export?what=report`);
    expect(res.status).toBe(200);
    const xml = await (await JSZip.loadAsync(res.raw)).file('word/document.xml')!.async('string');
    const cells = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]!);
    const text = cells.join('|');
    for (const s of [
      'BÁO CÁO KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM 2019',
      'Điểm chính thức',
      'Điểm công bố',
      'Chỉ số (điểm chính thức)',
      'Xếp hạng công bố: 7/25',
    ])
      expect(text, s).toContain(s);
    // No empty self or appraised columns for a year entered as published.
    expect(text).not.toContain('Điểm tự đánh giá');
    // Field 1: 10,25 of 11,00 final and published; the total row: 80,18 recomputed, 80,08 published, flagged.
    expect(text).toMatch(/\|1\. [^|]+\|11,00\|10,25\|10,25\|/);
    expect(text).toMatch(/TỔNG CỘNG\|100,00\|80,18\|80,08\|80,18\u00a0%\|Tổng công bố khác tổng tính lại/);
    expect(text).toContain('tổng điểm tính lại từ điểm các lĩnh vực là 80,18, tổng điểm công bố là 80,08 (chênh lệch 0,10 điểm)');
  });
});
