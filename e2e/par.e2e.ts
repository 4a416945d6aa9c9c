import ExcelJS from 'exceljs';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  answered,
  ApiClient,
  createUserWithRole,
  dialogClosed,
  expectAccessible,
  launch,
  loginToHome,
  logoutThroughPage,
  newPage,
  openDialog,
  rootUnit,
  SCREENSHOTS,
  settled,
  shot,
  startServer,
  type UnitRow,
} from './harness';

const DEPARTMENT = 'Sở Khoa học và Công nghệ';
const SET_TITLE = 'Bộ chỉ số CCHC thử nghiệm';
const FIELD = 'Cải cách thủ tục hành chính';
const LEAF_1 = 'Công khai thủ tục hành chính đúng quy định';
const LEAF_2 = 'Tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích';
// A real PDF header is enough for the server's content sniffing.
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

// PAR index journey: the province's PAR secretary builds a small criteria set (one field, two leaves) and
// activates it, then starts the Department's assessment; the Department's head self-scores with an
// evidence document and its file and submits; the province appraiser adjusts a score; the Department's
// leader sees the projected score, the points at risk and a what-if.
describe('PAR index journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let scorecardUrl = '';
  let departmentId = '';

  async function createUser(admin: ApiClient, username: string, fullName: string, unitId: string, role: string, password: string) {
    await createUserWithRole(admin, server.url, { username, fullName, unitId, role, password });
  }

  beforeAll(async () => {
    server = await startServer();
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/setup', {
      agencyName: 'Ủy ban nhân dân tỉnh Quảng Ngãi',
      agencyKind: 'province',
      username: 'quantri',
      fullName: 'Quản trị viên',
      password: 'Quantri2026',
    });
    const root = await rootUnit(admin);
    const department = await admin.call<UnitRow>('POST', '/api/units', { parentId: root.id, kind: 'department', name: DEPARTMENT });
    departmentId = department.id;
    await createUser(admin, 'thuky', 'Phạm Thu Hà', root.id, 'par_secretary', 'Thuky2026');
    await createUser(admin, 'thamdinh', 'Võ Minh Tâm', root.id, 'appraiser', 'Thamdinh2026');
    await createUser(admin, 'vanphong', 'Nguyễn Thị Lan', department.id, 'unit_head', 'Vanphong2026');
    await createUser(admin, 'lanhdao', 'Trần Quốc Bảo', department.id, 'leader', 'Lanhdao2026');
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const login = (username: string, password: string) => loginToHome(page, server.url, username, password);
  const logout = () => logoutThroughPage(page);

  /**
   * Opens an antd select or tree select by its label and picks the option with this title, then waits
   * for its dropdown to fade out: it covers the fields below it meanwhile.
   */
  async function choose(scope: Page | Locator, label: string, option: string | RegExp) {
    await scope.getByLabel(label, { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(option).last().click();
    await settled(page);
  }

  /** Saves the dialog's form, waits for the server to accept it, and for the dialog to be gone (axe would judge a fading form's contrast). */
  async function saveDialog(dialog: Locator, method: string, path: RegExp) {
    await answered(page, method, path, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
  }

  it('the secretary builds a small criteria set and activates it', async () => {
    await login('thuky', 'Thuky2026');
    await page.getByRole('link', { name: 'Bộ tiêu chí' }).first().click();
    await page.waitForURL(/\/par\/criteria-sets$/);
    await expect.poll(() => page.getByText('Chưa có bộ tiêu chí nào').isVisible()).toBe(true);

    const create = await openDialog(page, page.getByRole('button', { name: 'Tạo bộ tiêu chí' }), 'Tạo bộ tiêu chí');
    await create.getByLabel('Tên bộ tiêu chí').fill(SET_TITLE);
    await create.getByLabel('Số quyết định ban hành').fill('673/QĐ-UBND');
    await create.getByRole('button', { name: 'Thêm mới' }).click();
    await page.waitForURL(/\/par\/criteria-sets\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: SET_TITLE, level: 1 }).isVisible()).toBe(true);

    // The field scores by hand while its children are added, then becomes their sum.
    let row = await openDialog(page, page.getByRole('button', { name: 'Thêm lĩnh vực' }), 'Thêm dòng tiêu chí');
    await expect.poll(() => row.getByLabel('Mã', { exact: true }).inputValue()).toBe('1');
    await row.getByLabel('Nội dung').fill(FIELD);
    await row.getByLabel('Điểm tối đa').fill('10');
    await saveDialog(row, 'POST', /\/api\/par\/criteria-sets\/[^/]+\/nodes$/);

    row = await openDialog(page, page.getByRole('button', { name: 'Thêm dòng con của 1', exact: true }), 'Thêm dòng tiêu chí');
    await expect.poll(() => row.getByLabel('Mã', { exact: true }).inputValue()).toBe('1.1');
    await row.getByLabel('Nội dung').fill(LEAF_1);
    await row.getByLabel('Điểm tối đa').fill('6');
    await saveDialog(row, 'POST', /\/api\/par\/criteria-sets\/[^/]+\/nodes$/);

    // Summing the children too early is refused, with the numbers that do not add up.
    row = await openDialog(page, page.getByRole('button', { name: 'Sửa dòng 1', exact: true }), 'Sửa dòng 1');
    await expect.poll(() => row.getByLabel('Nội dung').inputValue()).toBe(FIELD);
    await choose(row, 'Cách chấm điểm', 'Cộng điểm các dòng con');
    await row.getByRole('button', { name: 'Lưu' }).click();
    await expect.poll(() => row.getByText('Tổng điểm tối đa các dòng con (6,00) khác điểm tối đa của dòng (10,00).', { exact: false }).isVisible()).toBe(true);
    await row.getByRole('button', { name: 'Hủy' }).click();
    await dialogClosed(page, row);

    row = await openDialog(page, page.getByRole('button', { name: 'Thêm dòng con của 1', exact: true }), 'Thêm dòng tiêu chí');
    await expect.poll(() => row.getByLabel('Mã', { exact: true }).inputValue()).toBe('1.2');
    await row.getByLabel('Nội dung').fill(LEAF_2);
    await row.getByLabel('Điểm tối đa').fill('4');
    await choose(row, 'Cách chấm điểm', 'Trừ điểm');
    await row.getByLabel('Số điểm trừ').fill('4');
    await row.getByLabel('Trừ khi tỷ lệ dưới').fill('50');
    await choose(row, 'Đơn vị chịu trách nhiệm', DEPARTMENT);
    // The picker lists the catalogue by module; a count cannot feed this rate-triggered deduction.
    await row.getByLabel('Chỉ số đo tự động').click();
    const picker = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
    await expect.poll(() => picker.getByText('Báo cáo định kỳ').first().isVisible()).toBe(true);
    await expect.poll(() => picker.getByTitle('dossiers.late_count').getAttribute('class')).toContain('ant-select-item-option-disabled');
    await shot(page, 'par-01a-metric-picker');
    await picker.getByTitle('dossiers.postal_procedure_share').last().click();
    await settled(page);
    await expect.poll(() => row.getByTitle('dossiers.postal_procedure_share').innerText()).toBe('Tỷ lệ thủ tục có hồ sơ qua bưu chính công ích · tỷ lệ');
    await shot(page, 'par-01-criterion-form');
    await saveDialog(row, 'POST', /\/api\/par\/criteria-sets\/[^/]+\/nodes$/);

    row = await openDialog(page, page.getByRole('button', { name: 'Sửa dòng 1', exact: true }), 'Sửa dòng 1');
    await expect.poll(() => row.getByLabel('Nội dung').inputValue()).toBe(FIELD);
    await choose(row, 'Cách chấm điểm', 'Cộng điểm các dòng con');
    await saveDialog(row, 'PATCH', /\/api\/par\/criteria-sets\/[^/]+\/nodes\/[^/]+$/);

    await expect.poll(() => page.getByText('Bộ tiêu chí hợp lệ.').isVisible()).toBe(true);
    const tree = await page.locator('main').innerText();
    expect(tree).toContain(LEAF_1);
    expect(tree).toContain(LEAF_2);
    expect(tree).toContain('Trừ điểm');
    expect(tree).toContain('Cộng điểm các dòng con');
    expect(tree).toContain('10,00');
    await expectAccessible(page, 'criteria set editor');
    await shot(page, 'par-02-criteria-editor');

    const activate = await openDialog(page, page.getByRole('button', { name: 'Đưa vào áp dụng' }));
    await answered(page, 'POST', /\/api\/par\/criteria-sets\/[^/]+\/activate$/, () => activate.getByRole('button', { name: 'Đưa vào áp dụng' }).click());
    await dialogClosed(page, activate);
    await expect.poll(() => page.getByText('Đang áp dụng', { exact: true }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Thêm lĩnh vực' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Danh sách bộ tiêu chí' }).click();
    await page.waitForURL(/\/par\/criteria-sets$/);
    await expect.poll(() => page.getByRole('link', { name: SET_TITLE }).isVisible()).toBe(true);
    await expectAccessible(page, 'criteria sets');
    await shot(page, 'par-03-criteria-sets');
  });

  it('the secretary edits the set’s details and round-trips it through Excel', async () => {
    await page.getByRole('link', { name: SET_TITLE }).click();
    await page.waitForURL(/\/par\/criteria-sets\/[^/]+$/);
    const details = await openDialog(page, page.getByRole('button', { name: 'Sửa thông tin bộ' }), 'Sửa thông tin bộ tiêu chí');
    await expect.poll(() => details.getByLabel('Tên bộ tiêu chí').inputValue()).toBe(SET_TITLE);
    await details.getByLabel('Ngưỡng mức 1').fill('85');
    await shot(page, 'par-03a-set-details');
    await saveDialog(details, 'PATCH', /\/api\/par\/criteria-sets\/[^/]+$/);
    await expect.poll(() => page.getByText('A ≥ 85,00 %', { exact: false }).isVisible()).toBe(true);

    await page.getByRole('link', { name: 'Danh sách bộ tiêu chí' }).click();
    await page.waitForURL(/\/par\/criteria-sets$/);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: `Tải tệp Excel của bộ ${SET_TITLE}` }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bo-tieu-chi-cchc-\d{4}\.xlsx$/);
    const good = readFileSync((await download.path())!);
    // The same file with an unreadable maximum on row 3: the import lists the row and column, writes nothing.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(good as unknown as ArrayBuffer);
    wb.worksheets[0]!.getRow(3).getCell(5).value = 'nhiều';
    const bad = Buffer.from(await wb.xlsx.writeBuffer());

    const dialog = await openDialog(page, page.getByRole('button', { name: 'Nhập từ Excel' }), 'Nhập bộ tiêu chí từ tệp Excel');
    await dialog.getByLabel('Tên bộ tiêu chí').fill('Bộ chỉ số nhập từ Excel');
    const xlsxFile = (name: string, buffer: Buffer) => ({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
    await dialog.locator('input[type=file]').setInputFiles(xlsxFile('bo-tieu-chi-loi.xlsx', bad));
    await expect.poll(() => dialog.locator('.ant-upload-list').innerText()).toContain('bo-tieu-chi-loi.xlsx');
    const refused = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/par/criteria-sets/import-xlsx');
    await dialog.getByRole('button', { name: 'Nhập', exact: true }).click();
    expect((await refused).status()).toBe(400);
    const problems = dialog.getByRole('alert');
    await expect.poll(() => problems.getByText('Tệp có 1 lỗi, chưa có gì được ghi').isVisible()).toBe(true);
    const table = await problems.locator('table').innerText();
    expect(table).toContain('3');
    expect(table).toContain('Điểm tối đa');
    expect(table).toContain('Không phải là số');
    await shot(page, 'par-03b-excel-import-errors');

    // Picking another file clears the previous errors; import once the dialog shows the new file.
    await dialog.locator('input[type=file]').setInputFiles(xlsxFile('bo-tieu-chi.xlsx', good));
    await expect.poll(() => problems.count()).toBe(0);
    await expect.poll(() => dialog.locator('.ant-upload-list').innerText()).toMatch(/^bo-tieu-chi\.xlsx$/m);
    await settled(page);
    await answered(page, 'POST', /^\/api\/par\/criteria-sets\/import-xlsx$/, () => dialog.getByRole('button', { name: 'Nhập', exact: true }).click());
    await dialogClosed(page, dialog);
    await page.waitForURL(/\/par\/criteria-sets\/[^/]+$/);
    await expect.poll(() => page.getByRole('heading', { name: 'Bộ chỉ số nhập từ Excel', level: 1 }).isVisible()).toBe(true);
    const tree = await page.locator('main').innerText();
    expect(tree).toContain(LEAF_2);
    expect(tree).toContain('Trừ điểm');
    await expectAccessible(page, 'criteria set imported from Excel');
    await shot(page, 'par-03c-excel-imported');
  });

  it('the secretary starts the Department’s assessment on the set', async () => {
    await page.goto(`${server.url}/par/assessments`);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Bắt đầu đánh giá' }), 'Bắt đầu đánh giá Chỉ số CCHC của một cơ quan');
    await choose(dialog, 'Bộ tiêu chí', new RegExp(SET_TITLE));
    await choose(dialog, 'Cơ quan, đơn vị', DEPARTMENT);
    await answered(page, 'POST', /^\/api\/par\/assessments$/, () => dialog.getByRole('button', { name: 'Bắt đầu đánh giá' }).click());
    await page.waitForURL(/\/par\/assessments\/[^/]+$/);
    scorecardUrl = page.url();
    await expect.poll(() => page.getByText('Đang tự đánh giá').first().isVisible()).toBe(true);
    await logout();
  });

  it('the Department’s head self-scores with an evidence document and its file, then submits', async () => {
    await login('vanphong', 'Vanphong2026');
    await page.getByRole('link', { name: 'Tự chấm, thẩm định' }).first().click();
    await page.waitForURL(/\/par\/assessments$/);
    await expect.poll(() => page.getByRole('link', { name: DEPARTMENT }).isVisible()).toBe(true);
    expect(await page.locator('main').innerText()).toContain('Đang tự đánh giá');
    await shot(page, 'par-04-assessments');
    await expectAccessible(page, 'assessment list');
    await page.getByRole('link', { name: DEPARTMENT }).click();
    await page.waitForURL(scorecardUrl);

    const ev = await openDialog(page, page.getByRole('button', { name: 'Thêm tài liệu' }), 'Thêm tài liệu kiểm chứng');
    await ev.getByLabel('Số, ký hiệu').fill('15/TB-SKHCN');
    const date = ev.getByLabel('Ngày ban hành');
    await date.click();
    await date.fill('10/03/2026');
    await date.press('Enter');
    await ev.getByLabel('Cơ quan ban hành').fill(DEPARTMENT);
    await ev.getByLabel('Trích yếu').fill('Thông báo công khai thủ tục hành chính tại Bộ phận Một cửa');
    // A multiple select: its dropdown stays open after a pick until the user clicks elsewhere.
    await ev.getByLabel('Tiêu chí kiểm chứng', { exact: true }).click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(`1.1. ${LEAF_1}`).last().click();
    await ev.getByText('Trích yếu').click(); // closes the dropdown
    await settled(page);
    await ev.locator('input[type=file]').setInputFiles({ name: 'thong-bao-cong-khai.pdf', mimeType: 'application/pdf', buffer: PDF });
    await expect.poll(() => ev.getByText('thong-bao-cong-khai.pdf').isVisible()).toBe(true);
    await shot(page, 'par-05-evidence-form');
    // Registered, then its file uploaded and attached: the last request is the attachment.
    await saveDialog(ev, 'PATCH', /^\/api\/par\/evidence\/[^/]+$/);
    const evidence = page.getByRole('row').filter({ hasText: '15/TB-SKHCN' });
    // Issue #13 item 10: the file by its name and size, the criterion by its code and name.
    await expect.poll(() => evidence.getByRole('link', { name: 'Tải tệp thong-bao-cong-khai.pdf của tài liệu 15/TB-SKHCN' }).isVisible()).toBe(true);
    expect(await evidence.innerText()).toContain('10/03/2026');
    expect(await evidence.getByRole('link', { name: /thong-bao-cong-khai\.pdf/ }).innerText()).toMatch(/thong-bao-cong-khai\.pdf \(\d+ B\)/);
    expect(await evidence.innerText()).toContain(`1.1. ${LEAF_1}`);
    await page
      .locator('.ant-card')
      .filter({ has: evidence })
      .last()
      .screenshot({ path: join(SCREENSHOTS, 'par-05b-evidence-list.png') });
    // A document's fields can be corrected after it was registered.
    const edit = await openDialog(page, page.getByRole('button', { name: 'Sửa tài liệu 15/TB-SKHCN' }), 'Sửa tài liệu 15/TB-SKHCN');
    await expect.poll(() => edit.getByLabel('Cơ quan ban hành').inputValue()).toBe(DEPARTMENT);
    await edit.getByLabel('Cơ quan ban hành').fill('Văn phòng Sở Khoa học và Công nghệ');
    await shot(page, 'par-05a-evidence-edit');
    await saveDialog(edit, 'PATCH', /^\/api\/par\/evidence\/[^/]+$/);
    await expect.poll(() => evidence.innerText()).toContain('Văn phòng Sở Khoa học và Công nghệ');

    let score = await openDialog(page, page.getByRole('button', { name: 'Tự chấm tiêu chí 1.1' }), 'Tự đánh giá tiêu chí 1.1');
    await score.getByLabel('Điểm tự chấm').fill('5,5');
    await score.getByLabel('Giải trình, ghi chú').fill('Công khai đầy đủ tại Bộ phận Một cửa và Cổng thông tin điện tử');
    await saveDialog(score, 'PUT', /\/api\/par\/assessments\/[^/]+\/scores\/[^/]+$/);
    score = await openDialog(page, page.getByRole('button', { name: 'Tự chấm tiêu chí 1.2' }), 'Tự đánh giá tiêu chí 1.2');
    await score.getByLabel('Điểm tự chấm').fill('3,5');
    await score.getByLabel('Giải trình, ghi chú').fill('Một số thủ tục chưa có hồ sơ qua bưu chính công ích');
    await saveDialog(score, 'PUT', /\/api\/par\/assessments\/[^/]+\/scores\/[^/]+$/);

    const leaf1 = page.getByRole('row').filter({ hasText: LEAF_1 }).first();
    await expect.poll(() => leaf1.innerText()).toContain('5,50');
    const total = page.getByRole('row').filter({ hasText: 'Tổng cộng' });
    await expect.poll(() => total.innerText()).toContain('9,00');
    await expectAccessible(page, 'scorecard (self-assessment)');
    await shot(page, 'par-06-scorecard-self');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Bảng điểm (Excel)' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^bang-diem-cchc-\d{4}\.xlsx$/);

    const submit = await openDialog(page, page.getByRole('button', { name: 'Gửi thẩm định' }));
    await answered(page, 'POST', /\/api\/par\/assessments\/[^/]+\/[a-z-]+$/, () => submit.getByRole('button', { name: 'Gửi thẩm định' }).click());
    await dialogClosed(page, submit);
    await expect.poll(() => page.getByText('Đã gửi thẩm định').first().isVisible()).toBe(true);
    await expect.poll(() => page.getByRole('button', { name: 'Tự chấm tiêu chí 1.1' }).count()).toBe(0);
    await logout();
  });

  it('the province appraiser adjusts a self score', async () => {
    await login('thamdinh', 'Thamdinh2026');
    await page.goto(scorecardUrl);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thẩm định tiêu chí 1.1' }), 'Thẩm định tiêu chí 1.1');
    await expect.poll(() => dialog.getByLabel('Điểm thẩm định').inputValue()).toBe('5,50');
    await dialog.getByLabel('Điểm thẩm định').fill('5');
    await dialog.getByLabel('Ý kiến thẩm định').fill('Chưa công khai đủ trên Cổng dịch vụ công');
    await shot(page, 'par-07-appraisal-form');
    await saveDialog(dialog, 'PUT', /\/api\/par\/assessments\/[^/]+\/appraisals\/[^/]+$/);
    const leaf1 = page.getByRole('row').filter({ hasText: LEAF_1 }).first();
    await expect.poll(() => leaf1.innerText()).toContain('5,00');
    expect(await leaf1.innerText()).toContain('Ý kiến thẩm định: Chưa công khai đủ');
    await expect.poll(() => page.getByText('Đang thẩm định').first().isVisible()).toBe(true);
    await expectAccessible(page, 'scorecard (appraisal)');
    await shot(page, 'par-08-scorecard-appraised');
    await logout();
  });

  it('the leader sees the projected score, the points at risk and a what-if', async () => {
    await login('lanhdao', 'Lanhdao2026');
    await page.getByRole('link', { name: 'Theo dõi điểm dự kiến' }).first().click();
    await page.waitForURL(/\/par\/dashboard/);
    const risk = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Điểm có nguy cơ mất' }) });
    const leaf1 = risk.getByRole('row').filter({ hasText: LEAF_1 });
    await expect.poll(() => leaf1.isVisible()).toBe(true);
    // 6,00 − 5,00 appraised; the postal row keeps its 3,50 self score until dossier figures exist.
    expect(await leaf1.innerText()).toContain('1,00');
    const leaf2 = risk.getByRole('row').filter({ hasText: LEAF_2 });
    await expect.poll(() => leaf2.innerText()).toContain(DEPARTMENT);
    // One percent formatter: a no-break space before the sign.
    expect(await leaf2.innerText()).toContain('50,00\u00a0%');
    const rows = await risk.getByRole('row').allInnerTexts();
    expect(rows.findIndex((r) => r.includes(LEAF_1))).toBeLessThan(rows.findIndex((r) => r.includes(LEAF_2)));
    await expect.poll(() => page.getByText('1. Cải cách thủ tục hành chính').first().isVisible()).toBe(true);
    // Two totals, each named: the projection, and the scores entered so far (the appraised layer here).
    await expect.poll(() => page.getByText('Tổng điểm dự kiến (số liệu và điểm đã chấm)').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Tổng điểm đã chấm (thẩm định)').isVisible()).toBe(true);
    // "Create task" on a row at risk opens the plans module's form pre-filled with the criterion, its unit, the advice and the year.
    const create = leaf2.getByRole('link', { name: 'Tạo nhiệm vụ cho tiêu chí 1.2' });
    const href = new URL((await create.getAttribute('href'))!, server.url);
    expect(href.pathname).toBe('/plans/tasks/new');
    expect(href.searchParams.get('criterion')).toBe('1.2');
    expect(href.searchParams.get('unit')).toBe(departmentId);
    expect(href.searchParams.get('hint')).toContain('50,00\u00a0%');
    expect(href.searchParams.get('year')).toMatch(/^20\d\d$/);
    await expectAccessible(page, 'dashboard');
    await shot(page, 'par-09-dashboard');

    // What if the postal share reached 60 %: the deduction no longer applies and the row leaves the list.
    // The postal share is a rate once the dossier module computes it, a plain percent before.
    const percent = page.getByLabel(/^Tỷ lệ \(%\), Tỷ lệ thủ tục có hồ sơ/);
    if ((await percent.count()) > 0) await percent.fill('60');
    else {
      await page.getByLabel(/^Tử số, Tỷ lệ thủ tục có hồ sơ/).fill('6');
      await page.getByLabel(/^Mẫu số, Tỷ lệ thủ tục có hồ sơ/).fill('10');
    }
    await answered(page, 'POST', /\/api\/par\/assessments\/[^/]+\/what-if$/, () => page.getByRole('button', { name: 'Tính thử' }).last().click());
    // The answer appears in the what-if card; the risk table keeps the live row with the scenario beside it.
    const whatIfCard = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Tính thử' }) });
    await expect.poll(() => whatIfCard.getByRole('status').innerText()).toContain('Kết quả tính thử');
    expect(await whatIfCard.getByRole('status').innerText()).toMatch(/Tổng điểm dự kiến: [\d,]+ \(hiện tại [\d,]+; \+[\d,]+\)/);
    await expect.poll(() => risk.getByRole('columnheader', { name: 'Tính thử', exact: true }).isVisible()).toBe(true);
    const scenarioRow = risk.getByRole('row').filter({ hasText: LEAF_2 });
    expect(await scenarioRow.innerText()).toMatch(/0,00 · ([\d,]+) \/ \1/);
    await expectAccessible(page, 'dashboard what-if');
    await shot(page, 'par-10-dashboard-what-if');
  });

  it('the secretary enters a historical published result and sees the recomputed total flagged', async () => {
    await logout();
    await login('thuky', 'Thuky2026');
    await page.goto(`${server.url}/par/assessments`);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Nhập kết quả đã công bố' }), 'Nhập kết quả Chỉ số CCHC đã công bố');
    await choose(dialog, 'Bộ tiêu chí', new RegExp(SET_TITLE));
    await choose(dialog, 'Cơ quan, đơn vị', 'Ủy ban nhân dân tỉnh Quảng Ngãi');
    await dialog.getByLabel(`1. ${FIELD} (tối đa 10,00)`).fill('8,5');
    await dialog.getByLabel('Tổng điểm công bố').fill('8,40');
    await dialog.getByLabel('Thứ hạng').fill('3');
    await shot(page, 'par-11-published-form');
    await answered(page, 'POST', /^\/api\/par\/published-results$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await expect.poll(() => dialog.getByText('Tổng điểm tính lại 8,50 khác tổng điểm công bố 8,40').isVisible()).toBe(true);
    await expectAccessible(page, 'published result entered');
    await shot(page, 'par-12-published-flag');
  });

  it('a published year shows its result on the dashboard, not a projection, and its Word report names every layer', async () => {
    const list = (await (await page.request.get(`${server.url}/api/par/assessments`)).json()) as {
      items: Array<{ id: string; agencyName: string; status: string }>;
    };
    const published = list.items.find((i) => i.agencyName === 'Ủy ban nhân dân tỉnh Quảng Ngãi' && i.status === 'published')!;
    await page.goto(`${server.url}/par/dashboard?assessment=${published.id}`);
    await expect.poll(() => page.getByRole('heading', { name: /^Kết quả năm \d{4} – Đã công bố$/ }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Tổng điểm công bố').isVisible()).toBe(true);
    expect(await page.getByText('Tổng điểm tính lại từ các lĩnh vực').isVisible()).toBe(true);
    expect(await page.getByText('Thứ hạng công bố').isVisible()).toBe(true);
    // No projection dated today and no points at risk for a fixed year.
    expect(await page.getByText(/Điểm dự kiến đến ngày/).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Điểm có nguy cơ mất' }).count()).toBe(0);
    await expectAccessible(page, 'dashboard published');
    await shot(page, 'par-13-dashboard-published');
    const report = await page.request.get(`${server.url}/api/par/assessments/${published.id}/export?what=report`);
    expect(report.status()).toBe(200);
    mkdirSync(SCREENSHOTS, { recursive: true });
    writeFileSync(join(SCREENSHOTS, 'par-14-report-published.docx'), await report.body());
  });
});
