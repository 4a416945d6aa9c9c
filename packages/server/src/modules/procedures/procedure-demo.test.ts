import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, engines, TEST_HASHING, type TestApp } from '../../../test/harness';
import { seedDemo } from '../../demo/demo';

describe.each(engines)('demo procedure catalogue on %s', (engine) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(engine);
    await seedDemo(t.handle, { password: 'DemoCchc2026', clock: t.clock, hashing: TEST_HASHING });
  });
  afterAll(() => t.close());

  it('publishes the Department procedures, most of them online and by post', async () => {
    const list = (await t.anon.get('/api/public/procedures?pageSize=100')).body;
    expect(list.total).toBeGreaterThanOrEqual(12);
    expect(list.total).toBeLessThanOrEqual(15);
    const online = list.items.filter((p: { onlineLevel: string }) => p.onlineLevel !== 'none');
    const post = list.items.filter((p: { channels: string[] }) => p.channels.includes('post'));
    expect(online.length).toBeGreaterThan(list.total / 2);
    expect(post.length).toBeGreaterThan(list.total / 2);
    expect(online.some((p: { onlineLevel: string }) => p.onlineLevel === 'full')).toBe(true);
    const sectors = (await t.anon.get('/api/public/sectors')).body.items.map((s: { name: string }) => s.name);
    expect(sectors).toEqual(
      expect.arrayContaining([
        'Hoạt động khoa học và công nghệ',
        'Năng lượng nguyên tử, an toàn bức xạ và hạt nhân',
        'Tiêu chuẩn, đo lường, chất lượng',
        'Sở hữu trí tuệ',
        'Chuyển giao công nghệ',
      ]),
    );
    const xray = (await t.anon.get('/api/public/procedures?q=x-quang%20chan%20doan')).body.items.find((p: { name: string }) =>
      p.name.startsWith('Cấp giấy phép'),
    );
    expect(xray.timeLimit).toEqual({ value: 10, unit: 'working_days' });
  });

  it('lets the Department office edit them and a division see the ones it processes', async () => {
    const office = await t.login('vanphong', 'DemoCchc2026');
    const items = (await office.get('/api/procedures?pageSize=100')).body.items;
    const p = items.find((i: { can: { update: boolean } }) => i.can.update);
    expect(p).toBeDefined();
    expect((await office.patch(`/api/procedures/${p.id}`, { version: p.version, resultName: 'Kết quả mới' })).status).toBe(200);
    const specialist = await t.login('chuyenvien', 'DemoCchc2026');
    const seen = (await specialist.get('/api/procedures?pageSize=100')).body.items;
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.length).toBeLessThan(items.length);
  });
});
