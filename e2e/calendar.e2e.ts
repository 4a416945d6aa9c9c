import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, dialogClosed, expectAccessible, expectMessage, launch, newPage, openDialog, setupAdmin, settled, shot, startServer } from './harness';

// Working-calendar journey: the administrator (set up through the API) logs in, opens the 2025
// calendar and finds it as announced, adds a provisional closure after seeing that no open record is
// affected, computes a due date with the working-day tool, and finds the change in the audit log.
describe('calendar journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await setupAdmin(server.url, 'Sở Nội vụ');
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const day = (label: string) => page.getByRole('button', { name: label, exact: true });

  it('logs in and opens the calendar for 2025', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('Quantri2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'Lịch làm việc' }).first().click();
    await page.waitForURL(/\/calendar/);
    await expect.poll(() => page.title()).toContain('Lịch làm việc');

    const year = page.getByRole('combobox', { name: 'Năm' });
    await year.click();
    await year.fill('2025');
    await page.locator('.ant-select-item-option[title="2025"]').click();
    await page.waitForURL(/year=2025/);
    await expect.poll(() => page.getByRole('heading', { name: 'Lịch năm 2025' }).isVisible()).toBe(true);
  });

  it('shows 2025 exactly as announced', async () => {
    // Tết: Monday 27 to Friday 31 January.
    for (const [date, weekday] of [
      ['27/01/2025', 'Thứ Hai'],
      ['28/01/2025', 'Thứ Ba'],
      ['29/01/2025', 'Thứ Tư'],
      ['30/01/2025', 'Thứ Năm'],
      ['31/01/2025', 'Thứ Sáu'],
    ] as const) {
      await expect.poll(() => day(`${weekday}, ${date}: Tết Nguyên đán (nghỉ lễ)`).isVisible()).toBe(true);
    }
    // The 30/4 bridge: Friday 2 May off, paid back on Saturday 26 April.
    expect(await day('Thứ Sáu, 02/05/2025: Nghỉ hoán đổi 30/4 (nghỉ hoán đổi)').getAttribute('data-kind')).toBe('swap');
    expect(await day('Thứ Bảy, 26/04/2025: Làm bù (ngày làm việc)').getAttribute('data-kind')).toBe('working_saturday');
    // Ordinary days around them.
    expect(await day('Thứ Hai, 03/02/2025: ngày làm việc').getAttribute('data-kind')).toBe('working');
    expect(await day('Thứ Bảy, 01/02/2025: nghỉ cuối tuần').getAttribute('data-kind')).toBe('weekend');
    expect(await day('Thứ Hai, 01/09/2025: Quốc khánh (nghỉ lễ)').getAttribute('data-kind')).toBe('holiday');

    // The table lists the same days, in date order.
    const table = page.getByRole('table').filter({ hasText: 'Văn bản công bố' });
    const rows = await table.locator('tbody tr.ant-table-row').allInnerTexts();
    const dates = rows.map((r) => /\d{2}\/\d{2}\/\d{4}/.exec(r)?.[0]);
    expect(dates).toEqual([
      '01/01/2025',
      '27/01/2025',
      '28/01/2025',
      '29/01/2025',
      '30/01/2025',
      '31/01/2025',
      '07/04/2025',
      '26/04/2025',
      '30/04/2025',
      '01/05/2025',
      '02/05/2025',
      '01/09/2025',
      '02/09/2025',
    ]);
    expect(rows[10]).toContain('Nghỉ hoán đổi');
    expect(rows[7]).toContain('Thứ Bảy làm bù');
    await expect.poll(() => page.getByText('250 ngày làm việc', { exact: false }).isVisible()).toBe(true);

    // Hover explains the day; choosing it shows the lunar date (28 tháng Chạp, Giáp Thìn).
    await day('Thứ Hai, 27/01/2025: Tết Nguyên đán (nghỉ lễ)').hover();
    await expect.poll(() => page.getByRole('tooltip').filter({ hasText: 'Văn bản:' }).isVisible()).toBe(true);
    await shot(page, 'calendar-01-tooltip');
    await day('Thứ Hai, 27/01/2025: Tết Nguyên đán (nghỉ lễ)').click();
    await expect.poll(() => page.getByText('Ngày 28 tháng Chạp năm Giáp Thìn').isVisible()).toBe(true);

    // Keyboard: the arrow keys walk the days.
    await page.mouse.move(0, 0);
    await page.keyboard.press('ArrowRight');
    const focused = () => page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
    await expect.poll(focused).toBe('Thứ Ba, 28/01/2025: Tết Nguyên đán (nghỉ lễ)');
    await expect.poll(() => page.getByRole('tooltip').filter({ hasText: 'Tết Nguyên đán' }).isVisible()).toBe(true);
    await page.keyboard.press('ArrowDown');
    await expect.poll(focused).toBe('Thứ Ba, 04/02/2025: ngày làm việc');
    await page.mouse.move(0, 0);

    await expectAccessible(page, 'calendar 2025');
    await shot(page, 'calendar-02-year-2025');
  });

  it('adds a provisional closure after checking the open records it touches', async () => {
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thêm ngày nghỉ, làm bù' }), 'Thêm ngày nghỉ, làm bù năm 2025');
    const date = dialog.getByLabel('Ngày', { exact: true });
    await date.click();
    await date.fill('24/11/2025');
    await date.press('Enter');
    await expect.poll(() => date.inputValue()).toBe('24/11/2025');
    await dialog.getByLabel('Loại ngày').click();
    await page.getByTitle('Nghỉ lễ, Tết').last().click();
    await dialog.getByLabel('Tên gọi').fill('Ngày Văn hóa Việt Nam');
    // The kind's dropdown fades out over the status radios: let it go before clicking one.
    await settled(page);
    await dialog.getByLabel('Tạm tính').check();
    await dialog.getByLabel('Ghi chú').fill('Chờ sửa đổi Bộ luật Lao động');
    await expect.poll(() => dialog.getByText('Không có hồ sơ đang giải quyết nào có thời hạn đi qua ngày 24/11/2025.').isVisible()).toBe(true);
    await expectAccessible(page, 'calendar add form');
    await dialog.getByText('Hạn đã hẹn trả của hồ sơ không bao giờ bị dời', { exact: false }).scrollIntoViewIfNeeded();
    await shot(page, 'calendar-03-add-form');
    await expectMessage(page, 'Đã thêm ngày 24/11/2025 vào lịch', () =>
      answered(page, 'POST', /^\/api\/calendar\/days$/, () => dialog.getByRole('button', { name: 'Lưu' }).click()),
    );
    await dialogClosed(page, dialog);

    const added = day('Thứ Hai, 24/11/2025: Ngày Văn hóa Việt Nam (nghỉ lễ, tạm tính)');
    await expect.poll(() => added.isVisible()).toBe(true);
    expect(await added.getAttribute('class')).toContain('cal-day--provisional');
    const row = page.getByRole('row').filter({ hasText: '24/11/2025' });
    expect(await row.innerText()).toMatch(/Ngày Văn hóa Việt Nam[\s\S]*Tạm tính/);
    // The year now mixes official and provisional days, and says so.
    await expect.poll(() => page.getByText('Lịch năm 2025 có ngày tạm tính').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('249 ngày làm việc', { exact: false }).isVisible()).toBe(true);
    await added.click();
    await page.mouse.move(0, 0);
    await shot(page, 'calendar-04-added');
  });

  it('computes a due date in working days', async () => {
    const tool = page.locator('form#calendar-add');
    const from = tool.getByLabel('Từ ngày');
    await from.click();
    await from.fill('24/01/2025');
    await from.press('Enter');
    await tool.getByLabel('Số ngày làm việc').fill('5');
    await tool.getByRole('button', { name: 'Tính hạn' }).click();
    // Friday 24/01 + 5 working days skips the Tết week: Friday 07/02.
    await expect.poll(() => page.getByText('Hạn: Thứ Sáu, 07/02/2025').isVisible()).toBe(true);

    const between = page.locator('form#calendar-between');
    for (const [label, value] of [
      ['Từ ngày', '24/01/2025'],
      ['Đến ngày', '07/02/2025'],
    ] as const) {
      const input = between.getByLabel(label);
      await input.click();
      await input.fill(value);
      await input.press('Enter');
    }
    await between.getByRole('button', { name: 'Đếm' }).click();
    await expect.poll(() => page.getByText('5 ngày làm việc', { exact: true }).isVisible()).toBe(true);
    await shot(page, 'calendar-05-deadline-tool');
  });

  it('the audit view shows the calendar change', async () => {
    await page.getByRole('link', { name: 'Nhật ký' }).first().click();
    await page.waitForURL(/\/admin\/audit/);
    const row = page.getByRole('row').filter({ hasText: '2025-11-24' });
    await expect.poll(() => row.first().isVisible()).toBe(true);
    const text = await row.first().innerText();
    expect(text).toContain('Tạo mới');
    expect(text).toContain('Ngày trong lịch làm việc');
    expect(text).toContain('Quản trị viên');
    await page.waitForFunction(() => !document.querySelector('.ant-spin-blur, .ant-spin-spinning'));
    await shot(page, 'calendar-06-audit');
  });

  it('edits the closure through a concurrent change, then removes it', async () => {
    await page.goto(`${server.url}/calendar?year=2025`);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Sửa ngày 24/11/2025' }));
    // The form is filled with the day once open; typing before that would be overwritten.
    await expect.poll(() => dialog.getByLabel('Tên gọi').inputValue()).toBe('Ngày Văn hóa Việt Nam');
    await dialog.getByLabel('Số văn bản').fill('30/NQ-CP');
    // Meanwhile another administrator records the document date.
    const version = (await (await page.request.get(`${server.url}/api/calendar/2025`)).json()).days.find(
      (d: { date: string }) => d.date === '2025-11-24',
    ).version;
    const other = await page.request.patch(`${server.url}/api/calendar/days/2025-11-24`, { data: { version, sourceDate: '2026-02-02' } });
    expect(other.status()).toBe(200);
    await dialog.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => dialog.getByText('Dữ liệu đã bị người khác thay đổi').isVisible()).toBe(true);
    await shot(page, 'calendar-07-conflict');
    await dialog.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    // The latest version is in the form (the other administrator's date) and the conflict is gone.
    await expect.poll(() => dialog.getByLabel('Ngày ban hành văn bản').inputValue()).toBe('02/02/2026');
    await expect.poll(() => dialog.getByText('Dữ liệu đã bị người khác thay đổi').count()).toBe(0);
    await dialog.getByLabel('Số văn bản').fill('30/NQ-CP');
    await expectMessage(page, 'Đã cập nhật ngày 24/11/2025', () =>
      answered(page, 'PATCH', /^\/api\/calendar\/days\/2025-11-24$/, () => dialog.getByRole('button', { name: 'Lưu' }).click()),
    );
    await dialogClosed(page, dialog);
    const row = page.getByRole('row').filter({ hasText: '24/11/2025' });
    await expect.poll(() => row.innerText()).toContain('30/NQ-CP ngày 02/02/2026');

    const confirm = (await openDialog(page, page.getByRole('button', { name: 'Xóa ngày 24/11/2025' }))).filter({ hasText: 'khỏi lịch?' });
    await expect.poll(() => confirm.getByText('Không có hồ sơ đang giải quyết nào có thời hạn đi qua ngày 24/11/2025.').isVisible()).toBe(true);
    expect(await confirm.innerText()).toContain('Sau khi xóa, ngày 24/11/2025 sẽ trở thành ngày làm việc bình thường.');
    await expectAccessible(page, 'calendar delete confirmation');
    await shot(page, 'calendar-08-delete');
    await expectMessage(page, 'Đã xóa ngày 24/11/2025 khỏi lịch', () =>
      answered(page, 'DELETE', /^\/api\/calendar\/days\/2025-11-24$/, () => confirm.getByRole('button', { name: 'Xóa' }).click()),
    );
    await dialogClosed(page, confirm);
    await expect.poll(() => day('Thứ Hai, 24/11/2025: ngày làm việc').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('250 ngày làm việc', { exact: false }).isVisible()).toBe(true);
  });

  it('fits a phone screen', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${server.url}/calendar?year=2025`);
    await day('Thứ Hai, 27/01/2025: Tết Nguyên đán (nghỉ lễ)').waitFor();
    await page.getByRole('heading', { name: 'Lịch năm 2025' }).waitFor();
    await expectAccessible(page, 'calendar on a phone');
    await shot(page, 'calendar-09-phone');
  });
});
