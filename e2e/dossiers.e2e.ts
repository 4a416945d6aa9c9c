import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, newPage, shot, startServer, loginThroughPage } from './harness';

/** A tiny API client that keeps the session cookie, for setting the scene without the UI. */
class ApiClient {
  private cookie = '';
  constructor(private readonly base: string) {}

  /** The status of a GET, whatever it is. */
  async status(path: string): Promise<number> {
    const res = await fetch(`${this.base}${path}`, { headers: this.cookie ? { Cookie: this.cookie } : {} });
    await res.arrayBuffer();
    return res.status;
  }

  async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${this.base}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(this.cookie ? { Cookie: this.cookie } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = res.headers.getSetCookie();
    if (setCookie.length > 0) this.cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
    const text = await res.text();
    expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
    return (text ? JSON.parse(text) : undefined) as T;
  }
}

interface UnitRow {
  id: string;
  parentId: string | null;
  name: string;
}

const FIRST_PASSWORD = 'Banđau2026';

// One-stop journey: the administrator (through the API) sets up a division, a procedure, a one-stop
// officer and a specialist. The officer receives a dossier on the page and prints the receipt slip;
// the specialist finds it in the queue, starts processing and asks for a supplement.
describe('one-stop dossier journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let code = '';
  let dossierApi = false;

  async function createUser(admin: ApiClient, username: string, fullName: string, unitId: string, role: string, password: string) {
    await admin.call('POST', '/api/users', { username, fullName, unitId, password: FIRST_PASSWORD, grants: [{ role, unitId }] });
    // The first login must change the password; do it here so the browser lands on the home page.
    const user = new ApiClient(server.url);
    await user.call('POST', '/api/auth/login', { username, password: FIRST_PASSWORD });
    await user.call('POST', '/api/auth/password', { currentPassword: FIRST_PASSWORD, newPassword: password });
  }

  beforeAll(async () => {
    server = await startServer();
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/setup', {
      agencyName: 'Sở Khoa học và Công nghệ',
      agencyKind: 'department',
      agencyCode: '000.00.12.H49',
      username: 'quantri',
      fullName: 'Quản trị viên',
      password: 'Quantri2026',
    });
    // The journey needs the dossier API; without it (module not merged yet) the tests skip, saying so.
    dossierApi = (await admin.status('/api/dossiers')) !== 404;
    if (!dossierApi) {
      console.warn('*** dossier journey SKIPPED: the server has no /api/dossiers routes ***');
      return;
    }
    const units = await admin.call<{ items: UnitRow[] }>('GET', '/api/units');
    const root = units.items.find((u) => u.parentId === null)!;
    const division = await admin.call<UnitRow>('POST', '/api/units', { parentId: root.id, kind: 'division', name: 'Phòng Quản lý khoa học' });
    await admin.call('POST', '/api/procedures', {
      unitId: root.id,
      code: '1.004512',
      name: 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
      level: 'province',
      processingUnitId: division.id,
      timeLimit: { value: 15, unit: 'working_days' },
      components: [
        { name: 'Đơn đề nghị cấp giấy chứng nhận', kind: 'original', quantity: 1, mandatory: true },
        { name: 'Quyết định thành lập tổ chức', kind: 'certified_copy', quantity: 1, mandatory: true },
        { name: 'Lý lịch khoa học của người đứng đầu', kind: 'original', quantity: 1, mandatory: false },
      ],
      channels: ['counter', 'post'],
      onlineLevel: 'none',
      steps: [
        { code: 'TN', name: 'Tiếp nhận', unitId: null, budget: { value: 4, unit: 'working_hours' } },
        { code: 'TD', name: 'Thẩm định', unitId: division.id, budget: { value: 12, unit: 'working_days' } },
        { code: 'PD', name: 'Phê duyệt', unitId: null, budget: { value: 3, unit: 'working_days' } },
      ],
    });
    await createUser(admin, 'motcua', 'Trần Văn Nam', root.id, 'one_stop_officer', 'Motcua2026');
    await createUser(admin, 'chuyenvien', 'Lê Thị Hoa', division.id, 'specialist', 'Chuyenvien2026');
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function login(username: string, password: string) {
    await loginThroughPage(page, server.url, username, password);
    await page.waitForURL((u) => u.pathname === '/');
  }

  async function logout(fullName: string) {
    await page.getByRole('button', { name: fullName }).first().click();
    await page.getByRole('menuitem', { name: 'Đăng xuất' }).click();
    await page.waitForURL(/\/login/);
  }

  it('the one-stop officer receives a dossier and prints the receipt slip', async (ctx) => {
    if (!dossierApi) ctx.skip();
    await login('motcua', 'Motcua2026');
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers\/receive/);
    await expect.poll(() => page.title()).toContain('Tiếp nhận hồ sơ');

    const procedure = page.getByLabel('Thủ tục hành chính');
    await procedure.click();
    await procedure.fill('chung nhan dang ky'); // no diacritics: the server folds them
    await page.getByTitle(/1\.004512 – Cấp giấy chứng nhận/).click();
    // Online is not offered by this procedure.
    await expect.poll(() => page.getByRole('radio', { name: 'Trực tuyến' }).isDisabled()).toBe(true);
    await page.getByRole('radio', { name: 'Bưu chính' }).check({ force: true });
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Văn An');
    await page.getByLabel('Số định danh cá nhân / CCCD').fill('022090001234');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByLabel('Địa chỉ').fill('Số 8 Lê Thánh Tông, Hạ Long, Quảng Ninh');

    // A mandatory component missing: the desk must guide the applicant instead of receiving.
    await page.getByRole('checkbox', { name: /Đơn đề nghị cấp giấy chứng nhận/ }).check();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect.poll(() => page.getByText(/chưa đủ thành phần bắt buộc: Quyết định thành lập tổ chức/).isVisible()).toBe(true);
    await page.getByRole('checkbox', { name: /Quyết định thành lập tổ chức/ }).check();
    await expectAccessible(page, 'dossier receipt form');
    await shot(page, 'dossiers-01-receive-form');

    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect.poll(() => page.getByText('Đã tiếp nhận hồ sơ').isVisible()).toBe(true);
    code = (await page.getByTestId('dossier-code').innerText()).trim();
    expect(code).toMatch(/^000\.00\.12\.H49-\d{6}-\d{4}$/);
    expect(await page.getByTestId('dossier-pin').innerText()).toMatch(/^\S{4,}$/);
    expect(await page.getByTestId('dossier-due').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await expectAccessible(page, 'dossier received');
    await shot(page, 'dossiers-02-received');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'In giấy tiếp nhận' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await logout('Trần Văn Nam');
  });

  it('the specialist finds it in the queue, starts processing and requests a supplement', async (ctx) => {
    if (!dossierApi) ctx.skip();
    await login('chuyenvien', 'Chuyenvien2026');
    await page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers/);
    await page.getByRole('tab', { name: /Tất cả/ }).click();
    const row = page.getByRole('link', { name: code });
    await expect.poll(() => row.isVisible()).toBe(true);
    // Search ignores diacritics (the server folds them).
    await page.getByLabel('Tìm kiếm').fill('nguyen van an');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await page.waitForURL(/q=nguyen/);
    await expect.poll(() => row.isVisible()).toBe(true);
    await expectAccessible(page, 'dossier queue');
    await shot(page, 'dossiers-03-queue');

    await row.click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Phiếu kiểm soát quá trình giải quyết hồ sơ').isVisible()).toBe(true);
    await expectAccessible(page, 'dossier detail');
    await shot(page, 'dossiers-04-detail');

    await page.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    let dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Bắt đầu xử lý' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('[data-status="processing"]').first().isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    dialog = page.getByRole('dialog');
    const items = dialog.getByLabel('Thành phần cần bổ sung, hoàn thiện');
    await items.click();
    await items.fill('Bản sao chứng thực quyết định thành lập (bản rõ nét)');
    await items.press('Enter');
    await dialog.getByLabel('Lý do').fill('Bản sao quyết định thành lập bị mờ, không đọc được số và ngày ký.');
    await expectAccessible(page, 'supplement request');
    await shot(page, 'dossiers-05-supplement-modal');
    await dialog.getByRole('button', { name: 'Yêu cầu bổ sung' }).click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await expect.poll(() => page.locator('[data-status="awaiting_supplement"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Đang chờ bổ sung từ/).isVisible()).toBe(true);
    await shot(page, 'dossiers-06-awaiting-supplement');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Phiếu yêu cầu bổ sung hồ sơ' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
  });
});
