import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../packages/server/src/demo/demo';
import { fixedClock } from '../packages/server/src/platform/clock';
import { answered, dialogClosed, expectAccessible, launch, loginToHome, logoutThroughPage, newPage, openDialog, settled, shot, startServer } from './harness';

// The QĐ 766 page on the demo's data (issue #11 item 3): the leader opens "Chỉ số 766" and sees the five
// groups scored against their maxima, the monthly trend and the breakdown; a procedure's line opens the
// dossier list behind it; the office enters a month's online-payment figures and the indicator gets points.
// The clock is fixed: Monday 7 December 2026.

const at = (day: string, hhmm: string) => new Date(`${day}T${hhmm}:00+07:00`).toISOString();
const PASSWORD = 'Demo-Journey2026';

describe('QĐ 766 indicators journey', () => {
  const clock = fixedClock(at('2026-12-07', '09:00'));
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer({ clock });
    await seedDemo(server.app.handle, { password: PASSWORD, clock, hashing: { memoryCost: 1024, timeCost: 1 } });
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const row = (code: string) =>
    page
      .locator('tr')
      .filter({ has: page.locator('td', { hasText: new RegExp(`^${code.replace('.', '\\.')}$`) }) })
      .first();

  it('the leader sees the five groups, the trend and the breakdown', async () => {
    await loginToHome(page, server.url, 'lanhdao', PASSWORD);
    await page.getByRole('link', { name: 'Chỉ số 766' }).first().click();
    await page.waitForURL(/\/indicators\/766/);
    await expect.poll(() => page.getByTestId('qd766-total').isVisible()).toBe(true);
    for (const group of ['1. Công khai, minh bạch', '2. Tiến độ giải quyết', '3. Dịch vụ công trực tuyến', '4. Số hóa hồ sơ', '5. Mức độ hài lòng']) {
      await expect.poll(() => page.getByText(group, { exact: true }).first().isVisible()).toBe(true);
    }
    await expect.poll(() => page.getByText('Bộ chỉ số: Chỉ tiêu năm 2026 của Sở').isVisible()).toBe(true);
    // 2.1 is computed from the demo dossiers and has the Department's 98 % target.
    await expect.poll(() => row('2.1').innerText()).toMatch(/Hệ thống tính[\s\S]*≥ 98,00\u00a0%/);
    // The trend is drawn (ECharts renders SVG) with a bar per month.
    await expect.poll(() => page.getByTestId('qd766-trend').locator('svg path').count()).toBeGreaterThan(10);
    await settled(page);
    await expectAccessible(page, 'qd766');
    await shot(page, 'qd766-01-page');
  });

  it('a procedure line of the breakdown opens the dossiers behind it', async () => {
    await page.getByText('Thủ tục', { exact: true }).click();
    const first = page.locator('.ant-card').filter({ hasText: 'Theo đơn vị, thủ tục, lĩnh vực' }).locator('tbody a').first();
    await expect.poll(() => first.isVisible()).toBe(true);
    await shot(page, 'qd766-02-breakdown');
    await first.click();
    await page.waitForURL(/\/dossiers\?.*procedureId=/);
    await expect.poll(() => page.locator('.ant-table-row').count()).toBeGreaterThan(0);
  });

  it('the office enters online-payment figures and 3.6 earns points', async () => {
    await logoutThroughPage(page, 'Tài khoản', 'Nguyễn Văn Minh');
    await loginToHome(page, server.url, 'vanphong', PASSWORD);
    await page.goto(`${server.url}/indicators/766?unitId=${await agencyId()}&from=2026-12-01&to=2026-12-31`);
    await expect.poll(() => row('3.6').innerText()).toContain('Chưa có số liệu');
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Nhập số liệu' }));
    await dialog.getByLabel('Chỉ số').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '3.6 Hồ sơ thanh toán trực tuyến' }).click();
    await settled(page);
    await dialog.getByLabel('Tử số').fill('12');
    await dialog.getByLabel('Mẫu số').fill('20');
    await answered(page, 'POST', /\/api\/indicators\/766\/entries$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    // 12 of 20 = 60 % of 6 points = 3,60.
    await expect.poll(() => row('3.6').innerText()).toMatch(/\t60,00\u00a0%[\s\S]*3,60 \/ 6,00/);
    await expect.poll(() => page.getByText('Trần Thị Hương').first().isVisible()).toBe(true);
    await settled(page);
    await shot(page, 'qd766-03-entered');
  });

  async function agencyId(): Promise<string> {
    const u = await server.app.handle.db.selectFrom('units').select('id').where('name', '=', 'Sở Khoa học và Công nghệ').executeTakeFirstOrThrow();
    return u.id;
  }
});
