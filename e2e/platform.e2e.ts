import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  dialogClosed,
  expectAccessible,
  expectMessage,
  launch,
  newPage,
  openDialog,
  settled,
  shot,
  startServer,
  loginThroughPage,
  logoutThroughPage,
  ApiClient,
  rootUnit,
  type UnitRow,
} from './harness';

// Issue #2 journey: first-run setup → log in → create a division → create a user with a role there →
// log in as that user → the audit view shows these actions.
describe('platform journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function login(username: string, password: string) {
    await loginThroughPage(page, server.url, username, password);
  }

  const logout = () => logoutThroughPage(page, /Quản trị viên|Nguyễn Thị Mai|Tài khoản/);

  it('sets up the first agency and administrator', async () => {
    await page.goto(server.url);
    await page.waitForURL(/\/setup/);
    await expect.poll(() => page.title()).toContain('Thiết lập');
    await expectAccessible(page, 'setup');
    await page.getByLabel('Tên cơ quan').fill('Sở Khoa học và Công nghệ');
    await page.getByLabel(/^Mã định danh/).fill('000.00.12.H49');
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Họ và tên').fill('Quản trị viên');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('Quantri2026');
    await page.getByLabel('Nhập lại mật khẩu').fill('Quantri2026');
    await shot(page, 'platform-01-setup');
    await page.getByRole('button', { name: 'Hoàn tất thiết lập' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByText('Quản trị viên').first().isVisible()).toBe(true);
    // A new installation's home lists the first steps with what the server counts as done (issue #13 item 6b).
    const steps = page.getByTestId('first-steps');
    await expect.poll(() => steps.getByText('Các bước đầu tiên').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-units').getByText('Chưa làm').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-users').getByText('Chưa làm').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-procedures').getByText('Chưa làm').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-calendar').getByText('Đã xong').isVisible()).toBe(true);
    await expectAccessible(page, 'home');
    await shot(page, 'platform-02-home');
    // Before the scripts run the page already says it is loading: never a blank white page.
    const html = await (await fetch(server.url)).text();
    expect(html).toMatch(/<div id="root">\s*<div\s+role="status"[^>]*>\s*Đang tải…/);
  });

  it('logs out and logs in again', async () => {
    await logout();
    await expectAccessible(page, 'login');
    await shot(page, 'platform-03-login');
    await login('quantri', 'Quantri2026');
    await page.waitForURL((u) => u.pathname === '/');
  });

  it('creates a division under the department', async () => {
    await page.getByRole('link', { name: 'Đơn vị' }).first().click();
    await page.waitForURL(/\/admin\/units/);
    await page.getByText('Sở Khoa học và Công nghệ').first().click();
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thêm đơn vị con' }));
    await dialog.getByLabel('Tên đơn vị').fill('Phòng Quản lý khoa học');
    await shot(page, 'platform-04-unit-form');
    await answered(page, 'POST', /^\/api\/units$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByText('Phòng Quản lý khoa học').first().isVisible()).toBe(true);
    await expectAccessible(page, 'units');
    await shot(page, 'platform-05-units');
  });

  it('creates a user with a role in the division', async () => {
    await page.getByRole('link', { name: 'Người dùng' }).first().click();
    await page.waitForURL(/\/admin\/users/);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thêm người dùng' }));
    const pick = async (title: string) => {
      await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(title).last().click();
      await settled(page);
    };
    await dialog.getByLabel('Tên đăng nhập').fill('mai.nguyen');
    await dialog.getByLabel('Họ và tên').fill('Nguyễn Thị Mai');
    await dialog.getByLabel('Đơn vị công tác').click();
    await pick('Phòng Quản lý khoa học');
    await dialog.getByLabel('Mật khẩu ban đầu').fill('Banđau2026');
    await dialog.getByRole('button', { name: 'Thêm quyền' }).click();
    await dialog.getByLabel('Vai trò').last().click();
    await pick('Chuyên viên');
    // The chosen role says in one line what it may do (issue #13 item 6b).
    await dialog.getByTestId('role-help').waitFor();
    expect(await dialog.getByTestId('role-help').textContent()).toContain('xử lý hồ sơ');
    await dialog.getByLabel('Phạm vi đơn vị').last().click();
    await pick('Phòng Quản lý khoa học');
    await shot(page, 'platform-06-user-form');
    await answered(page, 'POST', /^\/api\/users$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByRole('cell', { name: 'mai.nguyen' }).isVisible()).toBe(true);
    await expectAccessible(page, 'users');
    await shot(page, 'platform-07-users');
    // Issue #13 item 10: every role tag shows whole, left of the sticky actions column, at the page's width (1366).
    const clipped = await page.evaluate(() => {
      const actions = document.querySelector('.ant-table-thead th.ant-table-cell-fix-right, .ant-table-thead th.ant-table-cell-fix-end');
      const edge = actions ? actions.getBoundingClientRect().left : window.innerWidth;
      return Array.from(document.querySelectorAll('.user-role-tag'))
        .map((tag) => ({ text: tag.textContent, right: Math.round(tag.getBoundingClientRect().right), edge: Math.round(edge) }))
        .filter((r) => r.right > r.edge);
    });
    expect(clipped).toEqual([]);
    expect(await page.locator('.user-role-tag').count()).toBeGreaterThanOrEqual(2);
    // Back home: units and users are now done, procedures still to do.
    await page.getByRole('link', { name: 'Tổng quan' }).first().click();
    await expect.poll(() => page.getByTestId('first-step-users').getByText('Đã xong').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-units').getByText('Đã xong').isVisible()).toBe(true);
    expect(await page.getByTestId('first-step-procedures').getByText('Chưa làm').isVisible()).toBe(true);
    await shot(page, 'platform-07b-first-steps');
    await page.getByRole('link', { name: 'Người dùng' }).first().click();
    await page.waitForURL(/\/admin\/users/);
  });

  it("unlocks the new user's sign-in after a confirmation", async () => {
    const row = page.getByRole('row').filter({ hasText: 'mai.nguyen' });
    await row.getByRole('button', { name: 'Mở khóa đăng nhập' }).click();
    const confirm = page.locator('.ant-popconfirm').filter({ hasText: 'Mở khóa đăng nhập cho Nguyễn Thị Mai?' });
    await expect.poll(() => confirm.isVisible()).toBe(true);
    await settled(page);
    await expectMessage(page, 'Đã mở khóa đăng nhập cho Nguyễn Thị Mai.', () =>
      answered(page, 'POST', /^\/api\/users\/[^/]+\/unlock$/, () => confirm.getByRole('button', { name: 'Mở khóa đăng nhập' }).click()),
    );
  });

  it('the new user logs in, must change the password, then sees home', async () => {
    await logout();
    await login('mai.nguyen', 'Banđau2026');
    await page.waitForURL(/\/account\/password/);
    await page.getByLabel('Mật khẩu hiện tại').fill('Banđau2026');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('Mai2026moi');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Mai2026moi');
    await shot(page, 'platform-08-change-password');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await expect.poll(() => page.getByText('Nguyễn Thị Mai').first().isVisible()).toBe(true);
    // A specialist is no administrator: no first steps on their home.
    expect(await page.getByTestId('first-steps').count()).toBe(0);
    await shot(page, 'platform-09-user-home');
  });

  it('the administrator sees these actions in the audit view', async () => {
    await logout();
    await login('quantri', 'Quantri2026');
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'Nhật ký' }).first().click();
    await page.waitForURL(/\/admin\/audit/);
    const table = page.getByRole('table').first();
    await expect.poll(() => table.getByText('Đổi mật khẩu').first().isVisible()).toBe(true);
    const text = await table.innerText();
    expect(text).toContain('Tạo mới');
    expect(text).toContain('Đăng nhập');
    expect(text).toContain('Nguyễn Thị Mai');
    await expectAccessible(page, 'audit');
    await shot(page, 'platform-10-audit');

    // Issue #13 item 9: the entity filter is a select searched without diacritics, and a change shows its
    // fields by their Vietnamese names, not the stored keys.
    await page.getByLabel('Đối tượng').click();
    await page.keyboard.type('nguoi dung');
    // Only the matching option is left: the search ignored the missing diacritics.
    const options = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option');
    await expect.poll(() => options.count()).toBe(1);
    await options.filter({ hasText: 'Người dùng' }).click();
    await page.getByRole('button', { name: 'Áp dụng' }).click();
    await page.waitForURL(/entity=user/);
    // Only users' rows are left: the unit the administrator created is gone from the list.
    await expect.poll(() => table.getByText('Đơn vị', { exact: true }).count()).toBe(0);
    const row = table.getByRole('row').filter({ hasText: 'Đổi mật khẩu' }).first();
    await row.getByRole('button', { name: /mở rộng|expand/i }).click();
    const change = page.getByRole('table', { name: 'Chi tiết thay đổi' });
    await expect.poll(() => change.getByText('Số mã API bị thu hồi').isVisible()).toBe(true);
    expect(await change.innerText()).not.toContain('apiTokensRevoked');
    await settled(page);
    await shot(page, 'platform-10b-audit-change');
  });

  // Issue #10 item 3: a dossier assigned to Mai shows under her bell; opening it marks it read.
  it('the bell shows an unread notice, its list opens, and the notice leads to its record', async () => {
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    const units = await admin.call<{ items: UnitRow[] }>('GET', '/api/units');
    const division = units.items.find((u) => u.name === 'Phòng Quản lý khoa học')!;
    const users = await admin.call<{ items: Array<{ id: string; username: string }> }>('GET', '/api/users?q=mai.nguyen');
    const mai = users.items.find((u) => u.username === 'mai.nguyen')!;
    const procedure = await admin.call<{ id: string }>('POST', '/api/procedures', {
      unitId: root.id,
      code: '1.004513',
      name: 'Cấp giấy phép tiến hành công việc bức xạ',
      effectiveFrom: `${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}-01-01`,
      sector: { code: 'ATBX', name: 'An toàn bức xạ và hạt nhân' },
      processingUnitId: division.id,
      timeLimit: { value: 10, unit: 'working_days' },
      channels: ['counter'],
      onlineLevel: 'none',
    });
    const dossier = await admin.call<{ id: string; code: string; version: number }>('POST', '/api/dossiers', {
      procedureId: procedure.id,
      channel: 'counter',
      applicant: { name: 'Công ty TNHH Bức xạ Miền Trung' },
    });
    await admin.call('POST', `/api/dossiers/${dossier.id}/assign`, { version: dossier.version, assigneeId: mai.id });

    await logout();
    await login('mai.nguyen', 'Mai2026moi');
    await page.waitForURL((u) => u.pathname === '/');
    const bell = page.getByRole('button', { name: 'Thông báo, 1 chưa đọc' });
    await expect.poll(() => bell.isVisible()).toBe(true);
    await bell.click();
    const item = page.getByRole('button', { name: new RegExp(`Hồ sơ ${dossier.code.replace(/\./g, '\\.')} được giao cho bạn`) });
    await expect.poll(() => item.isVisible()).toBe(true);
    await settled(page);
    await shot(page, 'platform-11-bell');
    await answered(page, 'POST', /^\/api\/notifications\/[^/]+\/read$/, () => item.click());
    await page.waitForURL((u) => u.pathname === `/dossiers/${dossier.id}`);
    await expect.poll(() => page.getByRole('button', { name: 'Thông báo, 0 chưa đọc' }).isVisible()).toBe(true);

    await page.goto(`${server.url}/notifications`);
    await expect.poll(() => page.getByRole('heading', { name: 'Thông báo', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('cell', { name: /được giao cho bạn/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Đã đọc', { exact: true }).first().isVisible()).toBe(true);
    await expectAccessible(page, 'notifications');
    await shot(page, 'platform-12-notifications');
  });

  it('an administrator’s notifications page also lists the failed e-mails of the units it manages', async () => {
    await logout();
    await login('quantri', 'Quantri2026');
    await page.waitForURL((u) => u.pathname === '/');
    await page.goto(`${server.url}/notifications`);
    await expect.poll(() => page.getByText('Thư điện tử gửi lỗi (các đơn vị bạn quản trị)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Không có thư nào gửi lỗi').isVisible()).toBe(true);
    await expectAccessible(page, 'notifications-admin');
    await shot(page, 'platform-13-notifications-admin');
  });
});
