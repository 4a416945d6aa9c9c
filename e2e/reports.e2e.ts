import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  ApiClient,
  createUserWithRole,
  expectAccessible,
  launch,
  loginToHome,
  newPage,
  rootUnit,
  settled,
  setupAdmin,
  shot,
  startServer,
} from './harness';

// Periodic reports journey (docs/reports.md): the administrator installs the shipped set and generates
// last year's periods through the API; the PAR secretary finds last year's quarter III report overdue,
// submits it with a file, the document number and today's date, is asked for the reason of the delay,
// gives it, and sees the report marked "Gửi trễ" with its version in the history. Last year, so the
// quarter III report is past due whatever day the journey runs.

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const todayVn = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(new Date());
const display = (day: string) => day.split('-').reverse().join('/');

describe('periodic reports journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  const lastYear = Number(todayVn().slice(0, 4)) - 1;

  beforeAll(async () => {
    server = await startServer();
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ');
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    await admin.call('POST', '/api/reports/obligations/install-shipped', { agencyId: root.id });
    await admin.call('POST', `/api/reports/instances/generate?year=${lastYear}`);
    await createUserWithRole(admin, server.url, {
      username: 'vanphong',
      fullName: 'Trần Thị Hương',
      unitId: root.id,
      role: 'par_secretary',
      password: 'Vanphong2026',
    });
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the secretary finds last year’s quarter III report overdue', async () => {
    await loginToHome(page, server.url, 'vanphong', 'Vanphong2026');
    await page.getByRole('link', { name: 'Báo cáo định kỳ' }).first().click();
    await page.waitForURL(/\/reports/);
    await expect.poll(() => page.getByRole('heading', { name: 'Báo cáo định kỳ' }).isVisible()).toBe(true);
    await shot(page, 'reports-01-list');
    await page.getByLabel('Năm').fill(String(lastYear));
    await page.getByLabel('Năm').press('Enter');
    await page.getByLabel('Tình trạng').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Quá hạn').click();
    await settled(page);
    await expect.poll(() => new URL(page.url()).searchParams.get('status')).toBe('late');
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(lastYear));
    const row = page.getByRole('row').filter({ hasText: `${lastYear}-Q3` });
    await expect.poll(() => row.getByText('Quá hạn').isVisible()).toBe(true);
    await expectAccessible(page, 'report list');
    await shot(page, 'reports-02-late');
    await row.getByRole('link', { name: /quý III/ }).click();
    await page.waitForURL(/\/reports\/instances\//);
    await expect.poll(() => page.getByRole('heading', { name: /quý III/ }).isVisible()).toBe(true);
  });

  it('submits it late: a reason is required, then the report shows as sent late', async () => {
    await page.locator('input[type=file]').setInputFiles({ name: 'bao-cao-quy-3.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => page.getByText('bao-cao-quy-3.pdf').isVisible()).toBe(true);
    await page.getByLabel('Số, ký hiệu văn bản').fill('125/BC-SKHCN');
    await page.getByLabel('Ngày gửi').click();
    await page.getByLabel('Ngày gửi').fill(display(todayVn()));
    await page.getByLabel('Ngày gửi').press('Enter');
    await settled(page);
    await page.getByRole('checkbox', { name: 'Cải cách thủ tục hành chính' }).check();
    await expect.poll(() => page.getByText(/báo cáo sẽ được ghi nhận là gửi trễ/).isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await expect.poll(() => page.getByText('Vui lòng nhập lý do gửi trễ').isVisible()).toBe(true);
    await shot(page, 'reports-03-reason-required');
    await page.getByLabel('Lý do gửi trễ').fill('Chờ số liệu tổng hợp của các phòng');
    await answered(page, 'POST', /\/submissions$/, () => page.getByRole('button', { name: 'Gửi báo cáo' }).click());
    const general = page.locator('.ant-descriptions');
    await expect.poll(() => general.getByText('Gửi trễ').isVisible()).toBe(true);
    const history = page.getByRole('row').filter({ hasText: '125/BC-SKHCN' });
    await expect.poll(() => history.getByText('Chờ số liệu tổng hợp của các phòng').isVisible()).toBe(true);
    await expect.poll(() => history.getByText('Gửi trễ').isVisible()).toBe(true);
    await expectAccessible(page, 'report page');
    await shot(page, 'reports-04-sent-late');
  });

  it('shows the obligations, with the shipped set', async () => {
    await page.getByRole('link', { name: 'Danh sách báo cáo định kỳ' }).click();
    await page.getByRole('link', { name: 'Nghĩa vụ báo cáo' }).click();
    await page.waitForURL(/\/reports\/obligations$/);
    await expect.poll(() => page.getByText('CCHC-Q3').isVisible()).toBe(true);
    await shot(page, 'reports-05-obligations');
    await page.getByRole('button', { name: 'Sửa CCHC-Q3' }).click();
    await expect.poll(() => page.getByRole('dialog').isVisible()).toBe(true);
    await settled(page);
    await shot(page, 'reports-06-obligation-form');
  });

  // Two filters given before React renders the first (one task here; a busy machine in real life): the
  // address commits in a transition, and the second change must not write the first one's old value back
  // (packages/web/src/components/use-url-query.ts).
  it('keeps both of two filters given in the same moment', async () => {
    await page.goto(`${server.url}/reports`);
    await expect.poll(() => page.getByRole('heading', { name: 'Báo cáo định kỳ' }).isVisible()).toBe(true);
    await page.evaluate(
      ({ year, q }) => {
        const type = (input: HTMLInputElement, text: string) => {
          Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, text);
          input.dispatchEvent(new Event('input', { bubbles: true }));
        };
        type(document.querySelector<HTMLInputElement>('#report-year')!, year);
        const search = document.querySelector<HTMLInputElement>('#report-search')!;
        type(search, q);
        search.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true }));
      },
      { year: String(lastYear), q: 'quý III' },
    );
    await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe('quý III');
    expect(new URL(page.url()).searchParams.get('year')).toBe(String(lastYear));
    await expect
      .poll(() =>
        page
          .getByRole('row')
          .filter({ hasText: `${lastYear}-Q3` })
          .isVisible(),
      )
      .toBe(true);
  });
});
