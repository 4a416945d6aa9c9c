import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  ApiClient,
  createUserWithRole,
  dialogClosed,
  expectAccessible,
  launch,
  loginThroughPage,
  loginToHome,
  logoutThroughPage,
  newPage,
  openDialog,
  rootUnit,
  settled,
  setupAdmin,
  shot,
  startServer,
  type UnitRow,
} from './harness';

const AGENCY_CODE = '000.00.12.H49';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/**
 * The last working day before today in Viet Nam (UTC+7), read from the server's working calendar (weekends, public
 * holidays, swapped days, make-up Saturdays), so that the journey runs on any date: on 2 January the day before is a
 * holiday, and the last working day lies in the previous year. `shown` is 09:00 that day as the receipt picker shows it.
 */
async function lastWorkingDayAtNine(api: ApiClient, now = Date.now()): Promise<{ iso: string; shown: string }> {
  const listed = new Map<string, string>();
  const loaded = new Set<number>();
  const day = new Date(now + 7 * 3_600_000);
  for (;;) {
    day.setUTCDate(day.getUTCDate() - 1);
    // A year's set may list the last days of the year before (2018-12-31 belongs to 2019).
    for (const year of [day.getUTCFullYear(), day.getUTCFullYear() + 1]) {
      if (loaded.has(year)) continue;
      loaded.add(year);
      const calendar = await api.call<{ days: Array<{ date: string; kind: string }> }>('GET', `/api/calendar/${year}`);
      for (const d of calendar.days) listed.set(d.date, d.kind);
    }
    const iso = day.toISOString().slice(0, 10);
    const kind = listed.get(iso);
    const weekend = day.getUTCDay() === 0 || day.getUTCDay() === 6;
    if (kind === undefined ? !weekend : kind === 'working_saturday') {
      const two = (n: number) => String(n).padStart(2, '0');
      return { iso, shown: `${two(day.getUTCDate())}/${two(day.getUTCMonth() + 1)}/${day.getUTCFullYear()} 09:00` };
    }
  }
}
const ACTIONS = /^\/api\/dossiers\/[^/]+\/actions$/;
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
const SIGNED_PDF = Buffer.from(
  '%PDF-1.4\n% signed\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Today in Viet Nam (UTC+7) as the date pickers show it. */
function todayVn(now = Date.now()): string {
  const day = new Date(now + 7 * 3_600_000);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${two(day.getUTCDate())}/${two(day.getUTCMonth() + 1)}/${day.getUTCFullYear()}`;
}

// One-stop journey: the administrator (through the API) sets up a division, a procedure with three
// internal steps, a one-stop officer, a specialist and her division head. The officer receives a dossier on the page,
// prints the receipt slip and hands it to the division; the specialist finds it in the queue and asks
// for a supplement; the officer takes the supplement in; the specialist finishes the steps (meeting a
// stale-version conflict when the division head assigns it meanwhile) and marks the result ready;
// the officer returns it.
describe('one-stop dossier journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let admin: ApiClient;
  let code = '';
  let dossierId = '';
  let onlineProcedureId = '';
  let backlog = { iso: '', shown: '' };

  const createUser = (username: string, fullName: string, unitId: string, role: string, password: string) =>
    createUserWithRole(admin, server.url, { username, fullName, unitId, role, password });

  beforeAll(async () => {
    server = await startServer();
    // Dossier codes start with the agency's identifier: without one, no dossier can be received.
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ', AGENCY_CODE);
    admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    const division = await admin.call<UnitRow>('POST', '/api/units', { parentId: root.id, kind: 'division', name: 'Phòng Quản lý khoa học' });
    backlog = await lastWorkingDayAtNine(admin);
    await admin.call('POST', '/api/procedures', {
      unitId: root.id,
      code: '1.004512',
      name: 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      // In force since the backlog day, so that the backlog entry finds its version (also on 1–2 January).
      effectiveFrom: backlog.iso,
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
    // Issue #13: a procedure filed online (components uploaded by the citizen) that issues electronic results.
    onlineProcedureId = (
      await admin.call<{ id: string }>('POST', '/api/procedures', {
        unitId: root.id,
        code: '1.004513',
        name: 'Cấp giấy phép tiến hành công việc bức xạ',
        effectiveFrom: backlog.iso,
        sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
        level: 'province',
        processingUnitId: division.id,
        timeLimit: { value: 10, unit: 'working_days' },
        components: [
          { name: 'Đơn đề nghị cấp giấy phép', kind: 'original', quantity: 1, mandatory: true },
          { name: 'Bản sao chứng chỉ nhân viên bức xạ', kind: 'copy', quantity: 1, mandatory: true },
          { name: 'Ảnh chụp thiết bị', kind: 'original', quantity: 1, mandatory: false },
        ],
        channels: ['counter', 'online'],
        onlineLevel: 'full',
        resultType: 'both',
        steps: [],
      })
    ).id;
    await createUser('motcua', 'Trần Văn Nam', root.id, 'one_stop_officer', 'Motcua2026');
    await createUser('chuyenvien', 'Lê Thị Hoa', division.id, 'specialist', 'Chuyenvien2026');
    await createUser('truongphong', 'Phạm Minh Đức', division.id, 'unit_head', 'Truongphong2026');
    await createUser('lanhdao', 'Nguyễn Văn Minh', root.id, 'leader', 'Lanhdao2026');
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const login = (username: string, password: string) => loginToHome(page, server.url, username, password);
  // The account button is named "Tài khoản" and shows who is signed in.
  const logout = (fullName: string) => logoutThroughPage(page, 'Tài khoản', fullName);

  async function openDossier() {
    await page.goto(`${server.url}/dossiers/${dossierId}`);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
  }

  /**
   * Runs one action from the detail page through its modal; `fill` fills the modal's form. A refused
   * action fails with the server's answer; the modal must then close.
   */
  async function act(button: string, fill?: (dialog: ReturnType<Page['getByRole']>) => Promise<void>) {
    const dialog = await openDialog(page, page.getByRole('button', { name: button, exact: true }));
    if (fill) await fill(dialog);
    try {
      await answered(page, 'POST', ACTIONS, () => dialog.getByRole('button', { name: button, exact: true }).click());
      await dialogClosed(page, dialog);
    } catch (e) {
      // Leave a trace of what the modal said (a rule message, a conflict) before failing.
      await shot(page, 'dossiers-failed-action');
      console.error(`the "${button}" modal stayed open:`, await dialog.allInnerTexts());
      throw e;
    }
  }

  /**
   * Downloads a form from the page. The forms route (GET /api/dossiers/:id/forms/:form) lands separately
   * from the dossier module; while it answers anything but a .docx the step fails, saying so.
   */
  async function expectFormDownload(form: string, button: string) {
    const probe = await admin.probe(`/api/dossiers/${dossierId}/forms/${form}`);
    if (probe.status !== 200) {
      throw new Error(`the ${form} form cannot be downloaded: GET /api/dossiers/:id/forms/${form} answered ${probe.status} (is the forms endpoint merged?)`);
    }
    expect(probe.type).toContain(DOCX);
    expect(probe.bytes).toBeGreaterThan(1000);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
  }

  /** Fills the result dialog (issue #13): kind, number, today's date, signer and the signed PDF. */
  async function fillResult(dialog: ReturnType<Page['getByRole']>, kind: string, number: string, electronic = false) {
    const kindSelect = dialog.getByLabel('Loại kết quả');
    await kindSelect.click();
    await kindSelect.fill(kind);
    await kindSelect.press('Enter');
    await expect.poll(() => dialog.locator('.ant-select').first().innerText()).toContain(kind);
    await dialog.getByLabel('Số, ký hiệu').fill(number);
    const date = dialog.getByLabel('Ngày ký');
    await date.click();
    await date.fill(todayVn());
    await date.press('Enter');
    await expect.poll(() => date.inputValue()).toBe(todayVn());
    await dialog.getByLabel('Người ký').fill('Nguyễn Văn Bình');
    await dialog.locator('input[type="file"]').setInputFiles({ name: `${number.replace(/\W+/g, '-')}.pdf`, mimeType: 'application/pdf', buffer: SIGNED_PDF });
    await expect
      .poll(() =>
        dialog
          .getByText(/\.pdf$/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    if (electronic) await dialog.getByRole('checkbox', { name: /Trả kết quả điện tử/ }).check();
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await expectAccessible(page, 'result dialog');
    await shot(page, `dossiers-result-dialog-${electronic ? 'electronic' : 'paper'}`);
  }

  it('the one-stop officer receives a dossier', async () => {
    await login('motcua', 'Motcua2026');
    // The desk sees the receipt and the queue; statistics are for leaders and the office too.
    await expect.poll(() => page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().isVisible()).toBe(true);
    await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers\/receive/);
    await expect.poll(() => page.title()).toContain('Tiếp nhận hồ sơ');

    const procedure = page.getByLabel('Thủ tục hành chính');
    await procedure.click();
    await procedure.fill('chung nhan dang ky'); // no diacritics: the server folds them
    await page.getByTitle(/1\.004512 – Cấp giấy chứng nhận/).click();
    // Online is not offered by this procedure.
    await expect.poll(() => page.getByRole('radio', { name: 'Trực tuyến' }).isDisabled()).toBe(true);
    await page.locator('label.ant-radio-button-wrapper', { hasText: 'Bưu chính' }).click();
    await expect.poll(() => page.getByRole('radio', { name: 'Bưu chính' }).isChecked()).toBe(true);
    await page.getByLabel('Họ và tên người nộp').fill('Nguyễn Văn An');
    await page.getByLabel('Số định danh cá nhân / CCCD').fill('022090001234');
    await page.getByLabel('Số điện thoại').fill('09x');
    await page.getByLabel('Địa chỉ').fill('Số 8 Lê Thánh Tông, Hạ Long, Quảng Ninh');
    // Backlog entry: the dossier came in at the desk on the last working day before today, 09:00.
    const receivedAt = page.getByLabel('Thời điểm tiếp nhận');
    await receivedAt.click();
    await receivedAt.fill(backlog.shown);
    await receivedAt.press('Enter');
    await expect.poll(() => receivedAt.inputValue()).toBe(backlog.shown);

    // A mandatory component missing: the desk must guide the applicant instead of receiving.
    await page.getByRole('checkbox', { name: /Đơn đề nghị cấp giấy chứng nhận/ }).check();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect.poll(() => page.getByText(/chưa đủ thành phần bắt buộc: Quyết định thành lập tổ chức/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Số điện thoại không hợp lệ.').isVisible()).toBe(true);
    await shot(page, 'dossiers-01-receive-errors');
    await page.getByLabel('Số điện thoại').fill('0912345678');
    await page.getByRole('checkbox', { name: /Quyết định thành lập tổ chức/ }).check();
    // Let the fixed fields' error messages finish fading out (axe measures their contrast mid-fade).
    await expect.poll(() => page.locator('.ant-form-show-help-item-leave, .ant-form-item-explain-error').count()).toBe(0);
    await expectAccessible(page, 'dossier receipt form');
    await shot(page, 'dossiers-01-receive-form');

    await answered(page, 'POST', /^\/api\/dossiers$/, () => page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click());
    await expect.poll(() => page.getByText('Đã tiếp nhận hồ sơ').isVisible()).toBe(true);
    code = (await page.getByTestId('dossier-code').innerText()).trim();
    expect(code).toMatch(/^000\.00\.12\.H49-\d{6}-\d{4}$/);
    expect(await page.getByTestId('dossier-pin').innerText()).toMatch(/^\d{6}$/);
    expect(await page.getByTestId('dossier-due').innerText()).toMatch(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    const href = await page.getByRole('link', { name: 'Xem chi tiết hồ sơ' }).getAttribute('href');
    dossierId = decodeURIComponent(href!.split('/').pop()!);
    expect(dossierId).not.toBe('');
    await expectAccessible(page, 'dossier received');
    await shot(page, 'dossiers-02-received');
  });

  it('the officer prints the receipt slip (.docx)', async () => {
    await expectFormDownload('receipt', 'Tải bản Word');
  });

  it('the officer hands the dossier to the processing division', async () => {
    await page.getByRole('link', { name: 'Xem chi tiết hồ sơ' }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-current="true"]').innerText()).toContain('Bước đang xử lý');
    await expect.poll(() => page.getByText(backlog.shown, { exact: true }).first().isVisible()).toBe(true);
    await act('Chuyển bước tiếp theo', async (dialog) => {
      await dialog.getByLabel('Ghi chú').fill('Chuyển Phòng Quản lý khoa học thẩm định.');
    });
    await expect.poll(() => page.locator('[data-status="processing"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.locator('[data-current="true"]').getAttribute('data-step')).toBe('1');
    await logout('Trần Văn Nam');
  });

  it('the specialist finds it in the queue and requests a supplement', async () => {
    await login('chuyenvien', 'Chuyenvien2026');
    // A specialist processes but does not receive, and has no statistics report.
    await expect.poll(() => page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Thống kê hồ sơ' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers/);
    // The processing queue is the default, with its count on the tab.
    await expect.poll(() => page.getByRole('tab', { name: 'Đang xử lý (1)' }).isVisible()).toBe(true);
    const row = page.getByRole('link', { name: code });
    await expect.poll(() => row.isVisible()).toBe(true);
    // Search ignores diacritics (the server folds them).
    await page.getByLabel('Tìm kiếm').fill('nguyen van an');
    await page.getByLabel('Tìm kiếm').press('Enter');
    await page.waitForURL(/q=nguyen/);
    await expect.poll(() => row.isVisible()).toBe(true);
    await page.getByRole('tab', { name: /Quá hạn/ }).click();
    await page.waitForURL(/queue=overdue/);
    await expect.poll(() => page.getByText('Không có kết quả phù hợp').first().isVisible()).toBe(true);
    await page.getByRole('tab', { name: /Tất cả/ }).click();
    await expect.poll(() => row.isVisible()).toBe(true);
    await expectAccessible(page, 'dossier queue');
    await shot(page, 'dossiers-03-queue');

    await row.click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Phiếu kiểm soát quá trình giải quyết hồ sơ').isVisible()).toBe(true);
    // The control sheet has the desk's hand-over, the timeline its actor.
    await expect.poll(() => page.getByRole('table').filter({ hasText: 'Chuyển Phòng Quản lý khoa học thẩm định.' }).isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/– Trần Văn Nam/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await expectAccessible(page, 'dossier detail');
    await shot(page, 'dossiers-04-detail');

    const dialog = await openDialog(page, page.getByRole('button', { name: 'Yêu cầu bổ sung' }));
    const items = dialog.getByLabel('Thành phần cần bổ sung, hoàn thiện');
    await items.click();
    await items.fill('Bản sao chứng thực quyết định thành lập (bản rõ nét)');
    await items.press('Enter');
    await dialog.getByLabel('Lý do').fill('Bản sao quyết định thành lập bị mờ, không đọc được số và ngày ký.');
    // AntD's open dropdown carries an unnamed listbox; check the modal once the dropdown has closed.
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await expectAccessible(page, 'supplement request');
    await shot(page, 'dossiers-05-supplement-modal');
    await answered(page, 'POST', ACTIONS, () => dialog.getByRole('button', { name: 'Yêu cầu bổ sung' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.locator('[data-status="awaiting_supplement"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Đang chờ bổ sung từ/).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Tạm dừng thời hạn giải quyết').isVisible()).toBe(true);
    await shot(page, 'dossiers-06-awaiting-supplement');
    await logout('Lê Thị Hoa');
  });

  it('the officer takes the supplement in', async () => {
    await login('motcua', 'Motcua2026');
    await page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers/);
    await page.getByRole('tab', { name: /Chờ bổ sung \(1\)/ }).click();
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(/\/dossiers\/[^/]+$/);
    await act('Đã nhận bổ sung');
    await expect.poll(() => page.locator('[data-status="processing"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Đang tạm dừng').count()).toBe(0);
    await logout('Trần Văn Nam');
  });

  it('the specialist meets a stale version, reloads and finishes the steps', async () => {
    await login('chuyenvien', 'Chuyenvien2026');
    await openDossier();
    // Meanwhile, in another browser, the division head assigns the dossier to her: the version the
    // specialist's page holds is now stale.
    const head = await newPage(browser);
    await loginThroughPage(head.page, server.url, 'truongphong', 'Truongphong2026');
    await head.page.waitForURL((u) => u.pathname === '/');
    await head.page.goto(`${server.url}/dossiers/${dossierId}`);
    const assign = await openDialog(head.page, head.page.getByRole('button', { name: 'Phân công xử lý' }));
    // Typed and chosen with Enter: a click on an option that is still being laid out can be lost on a busy machine.
    const assignee = assign.getByLabel('Người xử lý');
    await expect.poll(() => assign.locator('.ant-select-suffix-loading').count()).toBe(0);
    await assignee.fill('Lê Thị Hoa');
    await expect.poll(() => head.page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').count()).toBe(1);
    await assignee.press('Enter');
    await expect.poll(() => assign.locator('.ant-select').first().innerText()).toContain('Lê Thị Hoa');
    await expectAccessible(head.page, 'assign modal');
    await shot(head.page, 'dossiers-07-assign-modal');
    await answered(head.page, 'POST', /^\/api\/dossiers\/[^/]+\/assign$/, () => assign.getByRole('button', { name: 'Phân công', exact: true }).click());
    await dialogClosed(head.page, assign);
    await expect.poll(() => head.page.getByTestId('dossier-assignee').innerText()).toBe('Lê Thị Hoa');
    await head.context.close();

    const dialog = await openDialog(page, page.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }));
    const stale = page.waitForResponse((r) => r.request().method() === 'POST' && ACTIONS.test(new URL(r.url()).pathname));
    await dialog.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).click();
    expect((await stale).status()).toBe(409);
    await expect.poll(() => dialog.getByText('Hồ sơ vừa được người khác cập nhật').isVisible()).toBe(true);
    await shot(page, 'dossiers-08-conflict');
    await dialog.getByRole('button', { name: 'Tải lại' }).click();
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByTestId('dossier-assignee').innerText()).toBe('Lê Thị Hoa');
    // Assigned to her: the dossier is in her own queue now.
    await page.goto(`${server.url}/dossiers?queue=mine`);
    await expect.poll(() => page.getByRole('tab', { name: 'Được giao cho tôi (1)' }).isVisible()).toBe(true);
    await page.getByRole('link', { name: code }).click();
    await page.waitForURL(/\/dossiers\/[^/?]+$/);

    // Issue #13 item 2: she hands her step to the next step's performer, the leader, chosen by name.
    await act('Chuyển bước tiếp theo', async (dialog) => {
      const to = dialog.getByLabel(/Chuyển cho người thực hiện bước/);
      await expect.poll(() => dialog.locator('.ant-select-suffix-loading').count()).toBe(0);
      await to.fill('Nguyễn Văn Minh');
      await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').count()).toBe(1);
      await to.press('Enter');
      await expect.poll(() => dialog.locator('.ant-select').first().innerText()).toContain('Nguyễn Văn Minh');
      await shot(page, 'dossiers-08b-handover-to-leader');
    });
    await expect.poll(() => page.locator('[data-current="true"]').getAttribute('data-step')).toBe('2');
    await expect.poll(() => page.getByTestId('dossier-assignee').innerText()).toBe('Nguyễn Văn Minh');
    // "Phê duyệt" is the leader's step: the specialist can neither complete it nor mark the result ready.
    await expect.poll(() => page.locator('[data-current="true"]').innerText()).toContain('Người thực hiện: Lãnh đạo');
    expect(await page.getByRole('button', { name: 'Chuyển bước tiếp theo', exact: true }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Đã có kết quả', exact: true }).count()).toBe(0);
    const refused = await page.evaluate(
      async ([id]) => {
        const current = await (await fetch(`/api/dossiers/${id}`)).json();
        const res = await fetch(`/api/dossiers/${id}/actions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ version: current.version, action: 'completeStep' }),
        });
        return { status: res.status, code: (await res.json()).code };
      },
      [dossierId],
    );
    expect(refused).toEqual({ status: 403, code: 'dossier.step_performer_required' });
    await shot(page, 'dossiers-08c-leader-step-for-specialist');
    await logout('Lê Thị Hoa');

    // The leader approves it and records the result.
    await login('lanhdao', 'Lanhdao2026');
    await openDossier();
    await act('Chuyển bước tiếp theo', async (dialog) => {
      await dialog.getByLabel('Ghi chú').fill('Đã ký duyệt.');
    });
    await act('Đã có kết quả', (dialog) => fillResult(dialog, 'Giấy chứng nhận', '15/GCN-SKHCN'));
    await expect.poll(() => page.locator('[data-status="result_ready"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('result-kind').innerText()).toBe('Giấy chứng nhận');
    await expect.poll(() => page.getByText('Giao: Lê Thị Hoa').first().isVisible()).toBe(true);
    await expect
      .poll(() =>
        page
          .getByText(/Nhận: Nguyễn Văn Minh/)
          .first()
          .isVisible(),
      )
      .toBe(true);
    await shot(page, 'dossiers-09-result-ready');
    await logout('Nguyễn Văn Minh');
  });

  it('the officer returns the result', async () => {
    await login('motcua', 'Motcua2026');
    await openDossier();
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Trả kết quả', exact: true }));
    await expect.poll(() => dialog.getByLabel('Người nhận kết quả').inputValue()).toBe('Nguyễn Văn An');
    await dialog.locator('label', { hasText: 'Qua bưu chính' }).click();
    await expect.poll(() => dialog.getByRole('radio', { name: 'Qua bưu chính' }).isChecked()).toBe(true);
    await expectAccessible(page, 'return modal');
    await shot(page, 'dossiers-10-return-modal');
    await answered(page, 'POST', ACTIONS, () => dialog.getByRole('button', { name: 'Trả kết quả', exact: true }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.locator('[data-status="returned"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Nguyễn Văn An (Qua bưu chính)').isVisible()).toBe(true);
    // Finished before the appointment: early.
    await expect.poll(() => page.getByText('Trước hạn').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Không có thao tác nào bạn có thể thực hiện ở trạng thái này.').isVisible()).toBe(true);
    await expectAccessible(page, 'dossier returned');
    await shot(page, 'dossiers-11-returned');
  });

  it('the officer exports the queue to Excel and reads the period statistics', async () => {
    await page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers(\?|$)/);
    await page.getByRole('tab', { name: /Tất cả/ }).click();
    await expect.poll(() => page.getByRole('link', { name: code }).isVisible()).toBe(true);
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(xlsx.suggestedFilename()).toMatch(/\.xlsx$/);

    await page.getByRole('link', { name: 'Thống kê hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers\/statistics/);
    // The report's row (the breakdown table below names the same figure in a column header).
    const received = page.getByRole('row').filter({ hasText: 'Tiếp nhận trong kỳ' }).first();
    await expect.poll(() => received.innerText()).toMatch(/1\s*$/);
    // The month-by-month charts (a lazily loaded chunk) and the breakdown by unit.
    await expect.poll(() => page.getByRole('img', { name: 'Tiếp nhận theo kênh, từng tháng' }).locator('canvas').count()).toBeGreaterThan(0);
    await expect.poll(() => page.getByRole('tab', { name: 'Cán bộ xử lý' }).isVisible()).toBe(true);
    await expectAccessible(page, 'dossier statistics');
    await shot(page, 'dossiers-12-statistics');
    // Every number opens the dossiers it counts: "received in the period" lists the one received dossier.
    await received.getByRole('link').click();
    await page.waitForURL(/\/dossiers\?.*figure=received/);
    await expect.poll(() => page.getByText(/Hồ sơ thuộc chỉ tiêu "Tiếp nhận trong kỳ"/).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('link', { name: code }).isVisible()).toBe(true);
    await shot(page, 'dossiers-12b-statistics-drill-down');
  });

  it('the supplement request form downloads (.docx)', async () => {
    await openDossier();
    await expectFormDownload('supplement', 'Phiếu yêu cầu bổ sung hồ sơ');
  });

  it("the desk previews an online filing's files, confirms its components and receives it; the specialist records the electronic result", async () => {
    // A citizen files online through the public site's API: two uploads attached to their components.
    const upload = async (name: string, type: string, data: Buffer) => {
      const body = new FormData();
      body.append('file', new Blob([new Uint8Array(data)], { type }), name);
      const res = await fetch(`${server.url}/api/public/uploads`, { method: 'POST', body });
      expect(res.status).toBe(201);
      return ((await res.json()) as { fileId: string }).fileId;
    };
    const components = [
      { name: 'Đơn đề nghị cấp giấy phép', fileId: await upload('don-de-nghi.pdf', 'application/pdf', PDF) },
      { name: 'Bản sao chứng chỉ nhân viên bức xạ', fileId: await upload('chung-chi.png', 'image/png', PNG) },
    ];
    const filed = await fetch(`${server.url}/api/public/dossiers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ procedureId: onlineProcedureId, applicant: { name: 'Hoàng Thị Lan', phone: '0912000111', idNumber: '022190004321' }, components }),
    });
    expect(filed.status).toBe(201);
    const online = (await filed.json()) as { code: string; lookupPin: string };

    // The desk (still signed in) finds it in the queue of filings to receive.
    await page.getByRole('link', { name: 'Xử lý hồ sơ' }).first().click();
    await page.waitForURL(/\/dossiers(\?|$)/);
    await page.getByRole('tab', { name: /Chờ tiếp nhận/ }).click();
    await page.getByRole('link', { name: online.code }).click();
    await page.waitForURL(/\/dossiers\/[^/?]+$/);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${online.code}` }).isVisible()).toBe(true);
    const files = page.getByRole('table').filter({ hasText: 'don-de-nghi.pdf' });
    await expect.poll(() => files.isVisible()).toBe(true);
    await expect.poll(() => files.getByText('chung-chi.png').isVisible()).toBe(true);
    await expect.poll(() => files.getByText('Chưa đính kèm tệp').isVisible()).toBe(true); // the optional photo
    await expectAccessible(page, 'online dossier files');
    await shot(page, 'dossiers-14-online-files');

    // Preview the PDF in place: a frame on the inline route, served as a PDF to show, never to run.
    const preview = await openDialog(page, page.getByRole('button', { name: 'Xem don-de-nghi.pdf' }), /Xem tệp: don-de-nghi\.pdf/);
    const src = await preview.locator('iframe').getAttribute('src');
    expect(src).toMatch(/\/files\/[^/]+\?disposition=inline$/);
    const served = await page.request.get(`${server.url}${src}`);
    expect(served.status()).toBe(200);
    expect(served.headers()['content-type']).toBe('application/pdf');
    expect(served.headers()['content-disposition']).toMatch(/^inline;/);
    expect(served.headers()['x-content-type-options']).toBe('nosniff');
    await shot(page, 'dossiers-15-online-preview');
    await preview.getByRole('button', { name: 'Đóng' }).last().click();
    await dialogClosed(page, preview);

    // Refusing is offered in the same dialog, with what was not ticked as the reason to start from.
    const check = await openDialog(page, page.getByRole('button', { name: 'Tiếp nhận', exact: true }), /Tiếp nhận hồ sơ trực tuyến/);
    await check.getByRole('checkbox', { name: 'Đã kiểm tra: Đơn đề nghị cấp giấy phép' }).check();
    await check.getByRole('button', { name: 'Từ chối tiếp nhận…' }).click();
    const refuse = page.getByRole('dialog', { name: 'Từ chối', exact: true });
    await expect.poll(() => check.isVisible()).toBe(false);
    await expect.poll(() => refuse.isVisible()).toBe(true);
    await settled(page);
    await expect.poll(() => refuse.getByLabel('Lý do').inputValue()).toMatch(/: Bản sao chứng chỉ nhân viên bức xạ\.$/);
    await shot(page, 'dossiers-16a-online-refuse-prefilled');
    await refuse.getByRole('button', { name: 'Hủy' }).click();
    await dialogClosed(page, refuse);

    // Issue #13 item 1: the certificate copy is unreadable, so the desk sends the filing back to be completed
    // before receipt, from the same dialog, with what was not ticked as the list to start from.
    const before = await openDialog(page, page.getByRole('button', { name: 'Tiếp nhận', exact: true }), /Tiếp nhận hồ sơ trực tuyến/);
    await before.getByRole('checkbox', { name: 'Đã kiểm tra: Đơn đề nghị cấp giấy phép' }).check();
    await before.getByRole('button', { name: 'Yêu cầu bổ sung, hoàn thiện…' }).click();
    const ask = page.getByRole('dialog', { name: 'Yêu cầu bổ sung, hoàn thiện', exact: true });
    await expect.poll(() => before.isVisible()).toBe(false);
    await expect.poll(() => ask.isVisible()).toBe(true);
    await settled(page);
    await expect.poll(() => ask.locator('.ant-select-selection-item').allInnerTexts()).toEqual(['Bản sao chứng chỉ nhân viên bức xạ']);
    await ask.getByLabel('Lý do').fill('Bản chụp chứng chỉ nhân viên bức xạ bị mờ, không đọc được số chứng chỉ; đề nghị chụp lại rõ cả hai mặt.');
    await expectAccessible(page, 'request completion dialog');
    await ask.screenshot({ path: '/tmp/shots-dossiers-completion-dialog.png' });
    await shot(page, 'dossiers-16b-online-request-completion');
    await answered(page, 'POST', ACTIONS, () => ask.getByRole('button', { name: 'Yêu cầu bổ sung, hoàn thiện', exact: true }).click());
    await dialogClosed(page, ask);
    await expect.poll(() => page.locator('[data-status="awaiting_completion"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('dossier-open-completion').innerText()).toContain('Bản sao chứng chỉ nhân viên bức xạ');
    await expect.poll(() => page.getByRole('button', { name: 'Tiếp nhận', exact: true }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/shots-dossiers-completion-detail.png', fullPage: true });

    // The citizen opens the lookup link on a phone, sees the officer's note, uploads the certificate again and files again.
    const citizen = await newPage(browser, { phone: true });
    const cp = citizen.page;
    await cp.goto(`${server.url}/tra-cuu?ma=${encodeURIComponent(online.code)}&pin=${online.lookupPin}`);
    await expect.poll(() => cp.getByTestId('dossier-status').innerText()).toBe('Yêu cầu bổ sung, hoàn thiện hồ sơ (chưa tiếp nhận)');
    await expect.poll(() => cp.getByTestId('completion-reason').innerText()).toContain('không đọc được số chứng chỉ');
    await cp.getByRole('button', { name: 'Nộp lại hồ sơ' }).click();
    await expect.poll(() => cp.getByText('Vui lòng chọn tệp cho thành phần này.').isVisible()).toBe(true);
    await cp.getByLabel('Bản sao chứng chỉ nhân viên bức xạ').setInputFiles({ name: 'chung-chi-chup-lai.png', mimeType: 'image/png', buffer: PNG });
    await expect.poll(() => cp.getByText('Vui lòng chọn tệp cho thành phần này.').count()).toBe(0);
    await expect.poll(() => cp.getByRole('alert').count()).toBe(0);
    await cp.screenshot({ path: '/tmp/shots-dossiers-completion-citizen.png', fullPage: true });
    expect(await cp.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await answered(cp, 'POST', /^\/api\/public\/dossiers\/[^/]+\/completion$/, () => cp.getByRole('button', { name: 'Nộp lại hồ sơ' }).click());
    await expect.poll(() => cp.getByTestId('completion-done').isVisible()).toBe(true);
    await expect.poll(() => cp.getByTestId('dossier-status').innerText()).toBe('Mới đăng ký');
    await expect.poll(() => cp.getByText(/Đã bổ sung, nộp lại hồ sơ/).isVisible()).toBe(true);
    await cp.screenshot({ path: '/tmp/shots-dossiers-completion-citizen-done.png', fullPage: true });
    await citizen.context.close();

    // Back with the desk, same code: the new file is there, and the officer receives it as usual.
    await page.reload();
    await expect.poll(() => page.locator('[data-status="submitted"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('table').filter({ hasText: 'chung-chi-chup-lai.png' }).isVisible()).toBe(true);

    // Receiving asks for every mandatory component to be ticked.
    const receive = await openDialog(page, page.getByRole('button', { name: 'Tiếp nhận', exact: true }));
    const confirm = receive.getByRole('button', { name: 'Tiếp nhận', exact: true });
    await expect.poll(() => confirm.isDisabled()).toBe(true);
    await expect.poll(() => receive.getByRole('button', { name: 'Từ chối tiếp nhận…' }).isVisible()).toBe(true);
    await receive.getByRole('checkbox', { name: 'Đã kiểm tra: Đơn đề nghị cấp giấy phép' }).check();
    await receive.getByRole('checkbox', { name: 'Đã kiểm tra: Bản sao chứng chỉ nhân viên bức xạ' }).check();
    await expect.poll(() => confirm.isDisabled()).toBe(false);
    await expectAccessible(page, 'receive online dossier');
    await shot(page, 'dossiers-16-online-receive');
    await answered(page, 'POST', ACTIONS, () => confirm.click());
    await dialogClosed(page, receive);
    await expect.poll(() => page.locator('[data-status="received"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByTestId('receipt-checks').innerText()).toContain('Đã kiểm tra: Bản sao chứng chỉ nhân viên bức xạ');
    const onlineUrl = page.url();
    await logout('Trần Văn Nam');

    // Later the specialist processes it and records the result: a licence, signed, issued electronically.
    await login('chuyenvien', 'Chuyenvien2026');
    await page.goto(onlineUrl);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${online.code}` }).isVisible()).toBe(true);
    await act('Bắt đầu xử lý');
    await act('Đã có kết quả', (dialog) => fillResult(dialog, 'Giấy phép', '07/GP-SKHCN', true));
    await expect.poll(() => page.locator('[data-status="result_ready"]').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Kết quả điện tử', { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page, 'result recorded');
    await shot(page, 'dossiers-17-online-result');
    await logout('Lê Thị Hoa');

    // The citizen's lookup shows the result and, electronic, lets them download it with the code and PIN.
    const lookup = await fetch(`${server.url}/api/public/dossiers/${encodeURIComponent(online.code)}?pin=${online.lookupPin}`);
    expect(((await lookup.json()) as { result: unknown }).result).toMatchObject({
      kind: 'licence',
      number: '07/GP-SKHCN',
      electronic: true,
      downloadable: true,
    });

    await login('motcua', 'Motcua2026');
    await openDossier();
  });

  it('shows the dossier in English without raw translation keys', async () => {
    await page.getByText('English', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: `Dossier ${code}` }).isVisible()).toBe(true);
    const text = await page.locator('body').innerText();
    expect(text).not.toMatch(/\bdossiers\.[a-z_]+/);
    await shot(page, 'dossiers-13-detail-en');
    await page.getByText('Tiếng Việt', { exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${code}` }).isVisible()).toBe(true);
  });
});
