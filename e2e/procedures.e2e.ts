import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, dialogClosed, expectAccessible, launch, newPage, openDialog, setupAdmin, settled, shot, startServer } from './harness';

// Procedure catalogue journey: the administrator (set up through the API) logs in, adds a procedure
// through the form, finds it again by a search typed without diacritics, opens it, publishes a second
// version, exports the list to Excel and sees every row problem of a CSV import that is refused.
const NAME = 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ';
const CODE = '1.004512';

describe('procedure catalogue journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ');
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in and opens the empty catalogue', async () => {
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Tên đăng nhập').fill('quantri');
    await page.getByLabel('Mật khẩu', { exact: true }).fill('Quantri2026');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.waitForURL((u) => u.pathname === '/');
    await page.getByRole('link', { name: 'Thủ tục hành chính' }).first().click();
    await page.waitForURL(/\/procedures$/);
    await expect.poll(() => page.title()).toContain('Thủ tục hành chính');
    await expect.poll(() => page.getByText('Chưa có thủ tục hành chính nào').isVisible()).toBe(true);
  });

  it('creates a procedure through the form', async () => {
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thêm thủ tục' }), 'Thêm thủ tục hành chính');
    await dialog.getByLabel('Mã thủ tục').fill(CODE);
    await dialog.getByLabel('Tên thủ tục').fill(NAME);
    await dialog.getByLabel('Mã lĩnh vực').fill('KHCN-01');
    await dialog.getByLabel('Tên lĩnh vực').fill('Hoạt động khoa học và công nghệ');
    await dialog.getByLabel('Thời hạn giải quyết').fill('15');
    await dialog.getByRole('checkbox', { name: 'Bưu chính' }).check();
    await dialog.getByRole('checkbox', { name: 'Trực tuyến' }).check();
    await dialog.getByLabel('Tên kết quả').fill('Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ');
    await shot(page, 'procedures-01-form-top');

    await dialog.getByRole('button', { name: 'Thêm phí, lệ phí' }).click();
    await dialog.getByLabel('Tên phí, lệ phí, dòng 1').fill('Phí thẩm định điều kiện hoạt động');
    await dialog.getByLabel('Mức thu (đồng), dòng 1').fill('1500000');

    await dialog.getByRole('button', { name: 'Thêm thành phần hồ sơ' }).click();
    await dialog.getByLabel('Tên giấy tờ, dòng 1').fill('Đơn đề nghị đăng ký hoạt động khoa học và công nghệ (Mẫu 01)');
    await dialog.getByRole('button', { name: 'Thêm thành phần hồ sơ' }).click();
    await dialog.getByLabel('Tên giấy tờ, dòng 2').fill('Quyết định thành lập tổ chức khoa học và công nghệ');
    await dialog.getByLabel('Loại, dòng 2').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Bản sao có chứng thực').last().click();
    await settled(page);

    await dialog.getByLabel('Căn cứ pháp lý').fill('Luật Khoa học và Công nghệ số 29/2013/QH13;\nNghị định số 08/2014/NĐ-CP.');
    await dialog.getByLabel('Số quyết định công bố').fill('1234/QĐ-UBND');
    const pubDate = dialog.getByLabel('Ngày quyết định công bố');
    await pubDate.click();
    await pubDate.fill('15/10/2026');
    await pubDate.press('Enter');
    await expect.poll(() => pubDate.inputValue()).toBe('15/10/2026');
    await settled(page);
    await shot(page, 'procedures-01-form-bottom');
    await answered(page, 'POST', /^\/api\/procedures$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await page.waitForURL(/\/procedures\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: NAME }).isVisible()).toBe(true);
  });

  it('lists it and finds it by a search without diacritics', async () => {
    await page.getByRole('link', { name: 'Danh sách thủ tục' }).click();
    await page.waitForURL(/\/procedures$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Thủ tục hành chính', level: 1 }).isVisible()).toBe(true);
    const row = page.getByRole('table').getByRole('row').filter({ hasText: NAME });
    await expect.poll(() => row.isVisible()).toBe(true);
    const text = await row.innerText();
    expect(text).toContain('15 ngày làm việc');
    expect(text).toContain('Trực tiếp');
    expect(text).toContain('Bưu chính');
    expect(text).toContain('Trực tuyến');
    expect(text).toContain('Một phần');
    expect(text).toContain('Đang áp dụng');

    const search = page.getByLabel('Tìm kiếm');
    await search.fill('cap giay chung nhan');
    await search.press('Enter');
    await page.waitForURL(/q=cap/);
    await expect.poll(() => page.getByRole('link', { name: NAME }).isVisible()).toBe(true);
    await expectAccessible(page, 'procedure list');
    await shot(page, 'procedures-02-list');

    await search.fill('khong co thu tuc nay');
    await search.press('Enter');
    await expect.poll(() => page.getByText('Không có kết quả phù hợp').isVisible()).toBe(true);
    await search.fill('cap giay chung nhan');
    await search.press('Enter');
    await expect.poll(() => page.getByRole('link', { name: NAME }).isVisible()).toBe(true);
  });

  it('opens the detail with all its content', async () => {
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL(/\/procedures\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: NAME }).isVisible()).toBe(true);
    const main = page.locator('main');
    const text = await main.innerText();
    expect(text).toContain('15 ngày làm việc');
    expect(text).toContain('1.500.000 đ');
    expect(text).toContain('Bản sao có chứng thực');
    expect(text).toContain('Số 1234/QĐ-UBND ngày 15/10/2026');
    expect(text).toContain('Phiên bản 1');
    await expectAccessible(page, 'procedure detail');
    await shot(page, 'procedures-03-detail');
  });

  it('edits it into a new version', async () => {
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Sửa (tạo phiên bản mới)' }), `Sửa thủ tục ${CODE}`);
    await expect.poll(() => dialog.getByLabel('Tên thủ tục').inputValue()).toBe(NAME);
    await dialog.getByLabel('Thời hạn giải quyết').fill('12');
    const from = dialog.getByLabel('Áp dụng từ ngày');
    await from.click();
    await from.fill('01/01/2027');
    await from.press('Enter');
    await expect.poll(() => from.inputValue()).toBe('01/01/2027');
    await settled(page);
    await shot(page, 'procedures-04-edit');
    await answered(page, 'PATCH', /^\/api\/procedures\/[^/]+$/, () => dialog.getByRole('button', { name: 'Lưu phiên bản mới' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByText('Phiên bản 2, áp dụng từ ngày 01/01/2027', { exact: true }).isVisible()).toBe(true);
    const versions = await page.locator('main').innerText();
    expect(versions).toContain('12 ngày làm việc');
    expect(versions).toContain('Quản trị viên');
    // Version 1 stays in force until then, and the page says so.
    expect(versions).toContain('Hồ sơ tiếp nhận trước ngày đó vẫn theo phiên bản 1');
    await shot(page, 'procedures-05-versions');
  });

  it('exports the list to Excel', async () => {
    await page.getByRole('link', { name: 'Danh sách thủ tục' }).click();
    await page.waitForURL(/\/procedures$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất Excel' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^thu-tuc-hanh-chinh-\d{4}-\d{2}-\d{2}\.xlsx$/);
  });

  it('refuses a CSV with a bad row and lists every problem', async () => {
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Nhập từ Excel/CSV' }), 'Nhập thủ tục hành chính từ Excel/CSV');
    await dialog.getByLabel('Cơ quan thực hiện').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Sở Khoa học và Công nghệ').last().click();
    await settled(page);
    const csv = [
      'Mã thủ tục,Tên thủ tục,Mã lĩnh vực,Tên lĩnh vực,Thời hạn giải quyết,Đơn vị thời hạn,Cách thức thực hiện',
      '1.000111,Cấp giấy phép tiến hành công việc bức xạ,ATBX,An toàn bức xạ và hạt nhân,10,ngày làm việc,Trực tiếp',
      '1.23,Thủ tục ghi sai,ATBX,An toàn bức xạ và hạt nhân,mười,tuần,Fax',
    ].join('\n');
    await dialog.locator('input[type=file]').setInputFiles({ name: 'thu-tuc.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await expect.poll(() => dialog.locator('.ant-upload-list').innerText()).toContain('thu-tuc.csv');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/procedures/import'));
    await dialog.getByRole('button', { name: 'Nhập dữ liệu' }).click();
    expect((await refused).status()).toBe(400);
    await expect.poll(() => dialog.getByText(/Tệp có \d+ lỗi/).isVisible()).toBe(true);
    const table = await dialog.getByRole('table').innerText();
    expect(table).toContain('Mã thủ tục không đúng định dạng');
    expect(table).toContain('Không phải là số');
    expect(table).toContain('Đơn vị thời hạn');
    expect(table).toContain('Cách thức thực hiện');
    expect(table).not.toMatch(/^\s*2\s/m);
    await shot(page, 'procedures-06-import-errors');
    await dialog.getByRole('button', { name: 'Hủy' }).click();
    await dialogClosed(page, dialog);
    // Nothing was written: the good row is not in the list either.
    await expect.poll(() => page.getByText('Tổng cộng 1 thủ tục').isVisible()).toBe(true);
  });

  it('withdraws the procedure, then deletes it', async () => {
    await page.getByRole('link', { name: NAME }).click();
    await page.waitForURL(/\/procedures\/[^/]+$/);
    const withdraw = await openDialog(page, page.getByRole('button', { name: 'Ngừng áp dụng' }));
    await answered(page, 'POST', /^\/api\/procedures\/[^/]+\/status$/, () => withdraw.getByRole('button', { name: 'Ngừng áp dụng' }).click());
    await dialogClosed(page, withdraw);
    await expect.poll(() => page.locator('main').getByText('Ngừng áp dụng', { exact: true }).first().isVisible()).toBe(true);
    const remove = await openDialog(page, page.getByRole('button', { name: 'Xóa' }));
    await answered(page, 'DELETE', /^\/api\/procedures\/[^/]+$/, () => remove.getByRole('button', { name: 'Xóa' }).click());
    await page.waitForURL(/\/procedures$/);
    await expect.poll(() => page.getByText('Chưa có thủ tục hành chính nào').isVisible()).toBe(true);
  });
});
