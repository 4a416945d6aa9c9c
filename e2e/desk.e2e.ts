import { mkdirSync } from 'node:fs';
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
  type UnitRow,
} from './harness';

// The desk at work on a laptop screen (issue #13 items 4 and 5): the queue shows at least twelve compact
// rows at 1366×768, and the receipt slip prints from a page of its own as well as from the Word file.
// Items 10 and 11: one primary action on the detail page, the header search on "/" and Ctrl+K, breadcrumbs,
// the skip link, and the staff app read on a phone (390×844).

const AGENCY_CODE = '000.00.12.H49';
const SHOTS = '/tmp/shots-desk';
const LONG_NAME = 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ đối với tổ chức khoa học và công nghệ thành lập mới';

/** The elements reaching past the right edge of a phone's screen, to name them when the page scrolls sideways. */
const wider = (page: Page) =>
  page.evaluate(() =>
    Array.from(document.querySelectorAll('body *'))
      .filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.ant-table-content, .ant-table-body, .ant-tabs-nav-wrap'))
      .slice(0, 8)
      .map((e) => `${e.tagName.toLowerCase()}.${String(e.className).split(' ').slice(0, 2).join('.')} → ${Math.round(e.getBoundingClientRect().right)}`)
      .join('; '),
  );

describe('desk at 1366×768', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let desk: ApiClient;
  let first: { id: string; code: string } = { id: '', code: '' };
  let onlineId = '';

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    server = await startServer();
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ', AGENCY_CODE);
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    const division = await admin.call<UnitRow>('POST', '/api/units', { parentId: root.id, kind: 'division', name: 'Phòng Quản lý khoa học' });
    const procedure = await admin.call<{ id: string }>('POST', '/api/procedures', {
      unitId: root.id,
      code: '1.004512',
      name: LONG_NAME,
      effectiveFrom: `${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}-01-01`,
      sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
      level: 'province',
      processingUnitId: division.id,
      timeLimit: { value: 15, unit: 'working_days' },
      components: [{ name: 'Đơn đề nghị cấp giấy chứng nhận', kind: 'original', quantity: 1, mandatory: true }],
      channels: ['counter'],
      onlineLevel: 'none',
      steps: [
        { code: 'TN', name: 'Tiếp nhận', unitId: null, budget: { value: 4, unit: 'working_hours' } },
        { code: 'TD', name: 'Thẩm định hồ sơ và dự thảo giấy chứng nhận', unitId: division.id, budget: { value: 10, unit: 'working_days' } },
        { code: 'PD', name: 'Lãnh đạo Sở phê duyệt, ký', unitId: null, budget: { value: 3, unit: 'working_days' } },
        { code: 'TKQ', name: 'Vào sổ, trả kết quả', unitId: null, budget: { value: 1, unit: 'working_days' } },
      ],
    });
    onlineId = (
      await admin.call<{ id: string }>('POST', '/api/procedures', {
        unitId: root.id,
        code: '1.004513',
        name: 'Cấp giấy phép tiến hành công việc bức xạ',
        effectiveFrom: `${new Date(Date.now() + 7 * 3_600_000).getUTCFullYear()}-01-01`,
        sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
        level: 'province',
        processingUnitId: division.id,
        timeLimit: { value: 10, unit: 'working_days' },
        components: [
          { name: 'Đơn đề nghị cấp giấy phép', kind: 'original', quantity: 1, mandatory: true },
          { name: 'Ảnh chụp thiết bị', kind: 'original', quantity: 1, mandatory: false },
        ],
        channels: ['counter', 'online'],
        onlineLevel: 'full',
      })
    ).id;
    await createUserWithRole(admin, server.url, {
      username: 'motcua',
      fullName: 'Trần Văn Nam',
      unitId: root.id,
      role: 'one_stop_officer',
      password: 'Motcua2026',
    });
    desk = new ApiClient(server.url);
    await desk.call('POST', '/api/auth/login', { username: 'motcua', password: 'Motcua2026' });
    for (let i = 1; i <= 16; i++) {
      const d = await desk.call<{ id: string; code: string }>('POST', '/api/dossiers', {
        procedureId: procedure.id,
        channel: 'counter',
        applicant: { name: `Công ty cổ phần Nghiên cứu và Chuyển giao công nghệ số ${i}`, idNumber: `0101234${String(i).padStart(3, '0')}` },
        components: [{ name: 'Đơn đề nghị cấp giấy chứng nhận', kind: 'original', quantity: 1 }],
      });
      if (i === 1) first = d;
    }
    browser = await launch();
    page = (await newPage(browser)).page;
    await page.setViewportSize({ width: 1366, height: 768 });
    await loginToHome(page, server.url, 'motcua', 'Motcua2026');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows at least 12 whole rows of the queue without scrolling, the procedure name on one line with its tooltip', async () => {
    await page.goto(`${server.url}/dossiers?queue=all`);
    const rows = page.locator('.dossier-queue tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(16);
    await settled(page);
    const fit = await page.evaluate(() => {
      const height = window.innerHeight;
      const all = Array.from(document.querySelectorAll('.dossier-queue tbody tr.ant-table-row'));
      const whole = all.filter((r) => {
        const b = r.getBoundingClientRect();
        return b.top >= 0 && b.bottom <= height;
      });
      return { whole: whole.length, rowHeights: all.map((r) => Math.round(r.getBoundingClientRect().height)), scrollY: window.scrollY };
    });
    await page.screenshot({ path: `${SHOTS}/desk-queue-1366x768.png` });
    expect(fit.scrollY).toBe(0);
    expect(fit.whole, `row heights ${fit.rowHeights.join(',')}`).toBeGreaterThanOrEqual(12);
    // One line: every row has the height of one line of text, the long name included.
    expect(new Set(fit.rowHeights).size).toBe(1);
    const name = page.locator('.dossier-queue tbody tr.ant-table-row').first().getByText(LONG_NAME);
    await name.hover();
    await expect
      .poll(() =>
        page
          .getByRole('tooltip')
          .filter({ hasText: `1.004512 – ${LONG_NAME}` })
          .isVisible(),
      )
      .toBe(true);
    await shot(page, 'desk-queue-compact');
  });

  it('prints the receipt slip from a print-ready page', async () => {
    // window.print is replaced in every page of the context (the print page opens in a new tab) before its scripts run, so the test knows the dialog was asked for.
    await page.context().addInitScript(() => {
      (window as unknown as { printed: number }).printed = 0;
      window.print = () => {
        (window as unknown as { printed: number }).printed += 1;
      };
    });
    await page.goto(`${server.url}/dossiers/${first.id}`);
    await expect.poll(() => page.getByRole('heading', { name: `Hồ sơ ${first.code}` }).isVisible()).toBe(true);
    // Issue #13 item 10: each step's code on one line (not a letter per line).
    const codes = page.locator('.dossier-steps .ant-steps-item-subtitle');
    await expect.poll(() => codes.count()).toBe(4);
    const heights = await codes.evaluateAll((els) =>
      els.map((e) => [e.textContent, Math.round(e.getBoundingClientRect().height), parseFloat(getComputedStyle(e).lineHeight)]),
    );
    for (const [text, height, line] of heights) expect(Number(height), `step code ${String(text)}`).toBeLessThanOrEqual(Math.ceil(Number(line)) + 1);
    await page.locator('.dossier-steps').screenshot({ path: `${SHOTS}/detail-steps.png` });
    const popup = page.waitForEvent('popup');
    await page.getByRole('link', { name: 'In giấy tiếp nhận' }).click();
    const print = await popup;
    await print.setViewportSize({ width: 1366, height: 768 });
    await expect.poll(() => print.getByRole('heading', { name: 'GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ' }).isVisible()).toBe(true);
    await expect.poll(() => print.getByText(first.code, { exact: true }).first().isVisible()).toBe(true);
    await expect.poll(() => print.getByText(LONG_NAME).isVisible()).toBe(true);
    await expect.poll(() => print.getByRole('img', { name: /Mã QR/ }).isVisible()).toBe(true);
    await expect.poll(() => print.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
    await print.screenshot({ path: `${SHOTS}/print-receipt.png`, fullPage: true });
    // On paper: no navigation, no buttons; the page is the slip.
    await print.emulateMedia({ media: 'print' });
    expect(await print.locator('.app-sider, .app-header, .print-toolbar').filter({ visible: true }).count()).toBe(0);
    await print.screenshot({ path: `${SHOTS}/print-receipt-media-print.png`, fullPage: true });
    await print.close();
  });

  it('online filing by an organisation: messages next to each field, mandatory components, then copy, download and e-mail of the code', async () => {
    const { page: phone, context } = await newPage(browser, { phone: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    await phone.goto(`${server.url}/nop-truc-tuyen/${onlineId}`);
    await expect.poll(() => phone.getByLabel(/Họ và tên/).isVisible()).toBe(true);
    expect(await phone.locator('form').getAttribute('novalidate')).not.toBeNull();
    await phone.getByLabel('Tổ chức').check();
    await phone.getByLabel(/Mã số thuế/).fill('43001');
    await phone.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    // The app's own words under each field; nothing is sent.
    await expect.poll(() => phone.getByText('Vui lòng nhập tên tổ chức.').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số.').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('Vui lòng nhập người đại diện nộp hồ sơ.').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('Số định danh cá nhân gồm đúng 12 chữ số.').isVisible()).toBe(true);
    await expect.poll(() => phone.getByText('Thành phần bắt buộc: hãy đính kèm tệp.').isVisible()).toBe(true);
    expect(await phone.getByLabel(/Tên tổ chức/).getAttribute('aria-invalid')).toBe('true');
    await phone.screenshot({ path: `${SHOTS}/online-form-errors-390.png`, fullPage: true });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await phone.getByLabel(/Tên tổ chức/).fill('Công ty TNHH Bức xạ Miền Trung');
    await phone.getByLabel(/Mã số thuế/).fill('4300123456');
    await phone.getByLabel(/Người đại diện nộp hồ sơ/).fill('Phạm Văn Long');
    await phone.getByLabel(/Số định danh/).fill('049123456789');
    await phone.getByLabel(/Số điện thoại/).fill('0905123456');
    await phone.getByLabel(/Thư điện tử/).fill('vanthu@buxa.vn');
    await phone
      .getByLabel(/Đơn đề nghị cấp giấy phép/)
      .setInputFiles({ name: 'don.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expect.poll(() => phone.getByText('Thành phần bắt buộc: hãy đính kèm tệp.').count()).toBe(0);
    await phone.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect.poll(() => phone.getByRole('heading', { name: 'Đã nộp hồ sơ' }).isVisible()).toBe(true);
    const [code, pin] = await phone.locator('.code').allInnerTexts();
    await expect.poll(() => phone.getByText('Mã hồ sơ và mã PIN được gửi qua thư điện tử tới vanthu@buxa.vn.').isVisible()).toBe(true);
    await phone.getByRole('button', { name: 'Sao chép' }).first().click();
    await expect.poll(() => phone.evaluate(() => navigator.clipboard.readText())).toBe(code);
    const [download] = await Promise.all([phone.waitForEvent('download'), phone.getByRole('button', { name: 'Tải giấy biên nhận' }).click()]);
    expect(download.suggestedFilename()).toBe(`bien-nhan-${code}.txt`);
    const text = (await import('node:fs')).readFileSync((await download.path())!, 'utf8');
    expect(text).toContain(`Mã PIN`);
    expect(text).toContain(pin!);
    expect(text).toContain('Công ty TNHH Bức xạ Miền Trung');
    await phone.screenshot({ path: `${SHOTS}/online-filed-390.png`, fullPage: true });
    await context.close();

    // The desk sees the organisation on the dossier.
    const found = await desk.call<{ items: Array<{ id: string }> }>('GET', `/api/dossiers?q=${encodeURIComponent(code!)}`);
    await page.goto(`${server.url}/dossiers/${found.items[0]!.id}`);
    await expect.poll(() => page.getByText('4300123456').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Phạm Văn Long').isVisible()).toBe(true);
    // Issue #13 item 10: one primary button, the step an online dossier waits for (receiving it), named as such.
    const actions = page.getByRole('region', { name: 'Thao tác trên hồ sơ' });
    await expect.poll(() => actions.locator('.ant-btn-primary').count()).toBe(1);
    expect(await actions.locator('.ant-btn-primary').innerText()).toBe('Tiếp nhận');
    await expect.poll(() => actions.getByTestId('dossier-next-action').getByText('Việc tiếp theo').isVisible()).toBe(true);
    await expect.poll(() => actions.getByRole('button', { name: 'Từ chối' }).isVisible()).toBe(true);
    expect(await actions.getByRole('button', { name: 'Từ chối' }).evaluate((b) => b.classList.contains('ant-btn-primary'))).toBe(false);
    await page.screenshot({ path: `${SHOTS}/detail-organisation.png`, fullPage: true });
    await actions.screenshot({ path: `${SHOTS}/detail-one-primary-action.png` });
  });

  it('the desk receives an organisation: tax code and representative asked, checked and printed', async () => {
    await page.goto(`${server.url}/dossiers/receive`);
    const procedure = page.getByLabel('Thủ tục hành chính');
    await procedure.click();
    await procedure.fill('1.004512');
    await page.getByTitle(/1\.004512 – /).click();
    await page.locator('label.ant-radio-button-wrapper', { hasText: 'Tổ chức' }).click();
    await page.getByLabel('Tên tổ chức').fill('Viện Nghiên cứu Hạt nhân');
    await page.getByLabel('Mã số thuế').fill('58001');
    await page.getByRole('checkbox', { name: /Đơn đề nghị cấp giấy chứng nhận/ }).check();
    await page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click();
    await expect.poll(() => page.getByText('Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch ngang và 3 chữ số (chi nhánh).').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Tổ chức phải có người đại diện nộp hồ sơ.').isVisible()).toBe(true);
    await page.screenshot({ path: `${SHOTS}/receive-organisation-errors.png`, fullPage: true });
    await page.getByLabel('Mã số thuế').fill('5800123456');
    await page.getByLabel('Người đại diện', { exact: true }).fill('Đặng Quốc Huy');
    await page.getByLabel('Số định danh / CCCD của người đại diện').fill('068090001234');
    await answered(page, 'POST', /^\/api\/dossiers$/, () => page.getByRole('button', { name: 'Tiếp nhận hồ sơ' }).click());
    await expect.poll(() => page.getByText('Đã tiếp nhận hồ sơ').isVisible()).toBe(true);
    const href = await page.getByRole('link', { name: 'In giấy tiếp nhận' }).getAttribute('href');
    const print = await page.context().newPage();
    await print.goto(`${server.url}${href!}`);
    await expect.poll(() => print.getByText('Mã số thuế: 5800123456; Người đại diện: Đặng Quốc Huy').isVisible()).toBe(true);
    await print.screenshot({ path: `${SHOTS}/print-receipt-organisation.png`, fullPage: true });
    await print.close();
  });

  it('the procedure search shows its whole placeholder at 1366 px', async () => {
    await page.goto(`${server.url}/procedures`);
    const search = page.locator('#procedure-search');
    await expect.poll(() => search.isVisible()).toBe(true);
    const fits = await search.evaluate((el: HTMLInputElement) => {
      const probe = document.createElement('span');
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(el).font}`;
      probe.textContent = el.placeholder;
      document.body.append(probe);
      const need = probe.getBoundingClientRect().width;
      probe.remove();
      return { need, have: el.clientWidth - parseFloat(getComputedStyle(el).paddingLeft) - parseFloat(getComputedStyle(el).paddingRight) };
    });
    expect(fits.need, JSON.stringify(fits)).toBeLessThanOrEqual(fits.have);
  });

  it('the skip link is the first thing Tab reaches, shows on focus and moves to the content', async () => {
    await page.goto(`${server.url}/dossiers?queue=all`);
    await expect.poll(() => page.locator('.dossier-queue tbody tr.ant-table-row').count()).toBe(18);
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Bỏ qua, đến nội dung chính' });
    await expect.poll(() => skip.evaluate((el) => el === document.activeElement)).toBe(true);
    const box = await skip.boundingBox();
    expect(box && box.y >= 0 && box.height > 0, JSON.stringify(box)).toBe(true);
    await page.screenshot({ path: `${SHOTS}/skip-link-focused.png` });
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('main-content');
  });

  it('the header search opens on "/" and Ctrl+K, finds a dossier by ID number and a procedure, walked with the arrows', async () => {
    await page.goto(`${server.url}/dossiers?queue=all`);
    await expect.poll(() => page.locator('.dossier-queue tbody tr.ant-table-row').count()).toBe(18);
    // The shortcut is shown on the trigger.
    const trigger = page.getByRole('button', { name: /Tìm mã hồ sơ, người nộp/ });
    expect(await trigger.getAttribute('aria-keyshortcuts')).toBe('/ Control+K');
    await expect.poll(() => trigger.locator('kbd').innerText()).toBe('/');
    await page.locator('body').click({ position: { x: 700, y: 5 } });
    await page.keyboard.press('/');
    const box = page.getByRole('combobox', { name: 'Tìm hồ sơ, thủ tục' });
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    // An ID number (dossier 7's applicant), then Enter opens the first result.
    await box.fill('0101234007');
    const option = page.getByRole('option').filter({ hasText: 'Công ty cổ phần Nghiên cứu và Chuyển giao công nghệ số 7' });
    await expect.poll(() => option.isVisible()).toBe(true);
    expect(await page.getByRole('option').count()).toBe(1);
    await page.screenshot({ path: `${SHOTS}/header-search-id-number.png` });
    await expectAccessible(page, 'header search with a result');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/dossiers\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: /^Hồ sơ / }).isVisible()).toBe(true);
    // Breadcrumbs on the detail page: home › the queue › this dossier.
    const crumbs = page.getByRole('navigation', { name: 'Đường dẫn' });
    await expect.poll(() => crumbs.isVisible()).toBe(true);
    expect(await crumbs.getByRole('link').allInnerTexts()).toEqual(['Trang chủ', 'Xử lý hồ sơ']);
    expect(await crumbs.locator('[aria-current="page"]').innerText()).toMatch(/^Hồ sơ 000\.00\.12\.H49-/);
    await page.screenshot({ path: `${SHOTS}/detail-breadcrumb.png` });

    // Ctrl+K works with the focus anywhere; a procedure by its code; the arrows move the active option.
    await crumbs.getByRole('link', { name: 'Trang chủ' }).focus();
    await page.keyboard.press('Control+k');
    await expect.poll(() => box.evaluate((el) => el === document.activeElement)).toBe(true);
    await box.fill('1.00451');
    await expect.poll(() => page.getByRole('option').count()).toBe(2);
    const activeText = () =>
      page.evaluate(() => document.getElementById(document.activeElement?.getAttribute('aria-activedescendant') ?? '')?.textContent ?? '');
    expect(await activeText()).toContain('1.004512');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeText).toContain('Cấp giấy phép tiến hành công việc bức xạ');
    await page.keyboard.press('ArrowDown');
    await expect.poll(activeText).toContain('1.004512');
    await page.keyboard.press('ArrowUp');
    await expect.poll(activeText).toContain('1.004513');
    await page.screenshot({ path: `${SHOTS}/header-search-procedures.png` });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/procedures\/[0-9a-f-]{36}$/);
    await expect.poll(() => page.getByRole('heading', { level: 1, name: 'Cấp giấy phép tiến hành công việc bức xạ' }).isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('navigation', { name: 'Đường dẫn' }).getByRole('link', { name: 'Thủ tục hành chính' }).isVisible()).toBe(true);
    // "/" typed into a text field stays a character; Esc closes the search.
    await page.keyboard.press('/');
    await expect.poll(() => box.isVisible()).toBe(true);
    await page.keyboard.type('a/b');
    expect(await box.inputValue()).toBe('a/b');
    await page.keyboard.press('Escape');
    await expect.poll(() => box.count()).toBe(0);
  });

  it('a phone (390×844) reads the queue and a dossier: drawer menu, header name kept, no sideways page', async () => {
    const { page: phone, context } = await newPage(browser, { phone: true });
    await loginToHome(phone, server.url, 'motcua', 'Motcua2026');
    await phone.goto(`${server.url}/dossiers?queue=all`);
    const rows = phone.locator('.dossier-queue tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(18);
    await settled(phone);
    await phone.screenshot({ path: `${SHOTS}/phone-queue-390.png` });
    // The page never scrolls sideways; the header's buttons are all inside the screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), await wider(phone)).toBeLessThanOrEqual(390);
    const account = phone.getByRole('button', { name: 'Tài khoản: Trần Văn Nam' });
    const accountBox = await account.boundingBox();
    expect(accountBox && accountBox.x + accountBox.width <= 390, JSON.stringify(accountBox)).toBe(true);
    // The title (h1) is whole.
    const h1 = phone.getByRole('heading', { level: 1 });
    expect(await h1.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    await shot(phone, 'desk-phone-queue');
    await expectAccessible(phone, 'queue on a phone');
    // The list starts on the first screen: the queue is a select, the further filters open on demand.
    const firstRow = await rows.first().boundingBox();
    expect(firstRow && firstRow.y + firstRow.height <= 844, JSON.stringify(firstRow)).toBe(true);
    expect(await phone.getByLabel('Trạng thái').count()).toBe(0);
    await phone.getByRole('button', { name: 'Lọc thêm' }).click();
    await expect.poll(() => phone.getByLabel('Trạng thái').isVisible()).toBe(true);
    // The name is in the account menu.
    await account.click();
    await expect.poll(() => phone.getByRole('menuitem', { name: 'Trần Văn Nam' }).isVisible()).toBe(true);
    // A desk officer may not create API tokens: no entry.
    expect(await phone.getByRole('menuitem', { name: 'Khóa API' }).count()).toBe(0);
    await phone.keyboard.press('Escape');
    // The menu is a drawer.
    await phone.getByRole('button', { name: 'Mở menu' }).click();
    const nav = phone.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect.poll(() => nav.isVisible()).toBe(true);
    await phone.screenshot({ path: `${SHOTS}/phone-menu-390.png` });
    await nav.getByRole('link', { name: 'Tiếp nhận hồ sơ' }).click();
    await phone.waitForURL(/\/dossiers\/receive$/);
    await expect.poll(() => nav.isVisible()).toBe(false);
    // A dossier reads on the phone: heading, breadcrumbs, status, due date and the actions, nothing sideways.
    await phone.goto(`${server.url}/dossiers/${first.id}`);
    await expect.poll(() => phone.getByRole('heading', { level: 1, name: `Hồ sơ ${first.code}` }).isVisible()).toBe(true);
    await expect.poll(() => phone.getByTestId('dossier-due').isVisible()).toBe(true);
    await expect.poll(() => phone.getByRole('navigation', { name: 'Đường dẫn' }).isVisible()).toBe(true);
    await settled(phone);
    await phone.screenshot({ path: `${SHOTS}/phone-detail-390.png` });
    expect(await phone.evaluate(() => document.documentElement.scrollWidth), await wider(phone)).toBeLessThanOrEqual(390);
    await phone.screenshot({ path: `${SHOTS}/phone-detail-390-full.png`, fullPage: true });
    await expectAccessible(phone, 'dossier on a phone');
    // The search is an icon on the phone, and opens the same search.
    await phone.getByRole('button', { name: 'Tìm kiếm (phím /)' }).click();
    await phone.getByRole('combobox', { name: 'Tìm hồ sơ, thủ tục' }).fill('số 12');
    await expect.poll(() => phone.getByRole('option').filter({ hasText: 'công nghệ số 12' }).isVisible()).toBe(true);
    await phone.screenshot({ path: `${SHOTS}/phone-search-390.png` });
    await context.close();
  });
});
