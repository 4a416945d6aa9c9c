import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEY_TASKS_2020 } from '../packages/server/src/demo/demo-plans';
import {
  answered,
  ApiClient,
  createUserWithRole,
  dialogClosed,
  launch,
  loginToHome,
  logoutThroughPage,
  newPage,
  openDialog,
  rootUnit,
  setupAdmin,
  settled,
  shot,
  startServer,
  type UnitRow,
} from './harness';

// Reform plans journey (docs/plans.md): the leader creates a plan, adds a task from the PAR dashboard's
// prefilled link and issues the plan; the division head hands the task to a specialist; the specialist
// reports progress with an evidence file and completes it; the leader imports the seven key tasks of the
// seed document's 2020 conclusion from Excel into a conclusion and issues it. Each page is photographed.

const YEAR = new Date(Date.now() + 7 * 3_600_000).getUTCFullYear();
const PLAN = `Kế hoạch cải cách hành chính năm ${YEAR}`;
const TASK = 'Tăng số hồ sơ trực tuyến mức độ 3, 4';

describe('reform plans journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let division: UnitRow;
  let rootId = '';
  let planUrl = '';
  let taskUrl = '';
  let leaderApi: ApiClient;

  beforeAll(async () => {
    server = await startServer();
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ');
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    rootId = root.id;
    division = await admin.call<UnitRow>('POST', '/api/units', { parentId: root.id, kind: 'division', name: 'Phòng Quản lý khoa học' });
    await createUserWithRole(admin, server.url, { username: 'lanhdao', fullName: 'Nguyễn Văn Minh', unitId: root.id, role: 'leader', password: 'Lanhdao2026' });
    await createUserWithRole(admin, server.url, {
      username: 'truongphong',
      fullName: 'Lê Quốc Dũng',
      unitId: division.id,
      role: 'unit_head',
      password: 'Truongphong2026',
    });
    await createUserWithRole(admin, server.url, {
      username: 'chuyenvien',
      fullName: 'Phạm Thị Lan',
      unitId: division.id,
      role: 'specialist',
      password: 'Chuyenvien2026',
    });
    leaderApi = new ApiClient(server.url);
    await leaderApi.call('POST', '/api/auth/login', { username: 'lanhdao', password: 'Lanhdao2026' });
    browser = await launch();
    page = (await newPage(browser)).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('the leader creates a plan, adds a task from a prefilled link and issues the plan', async () => {
    await loginToHome(page, server.url, 'lanhdao', 'Lanhdao2026');
    await page.getByRole('link', { name: 'Kế hoạch CCHC' }).first().click();
    await page.waitForURL(/\/plans$/);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Thêm kế hoạch' }), 'Thêm kế hoạch');
    await dialog.getByLabel('Tên kế hoạch').fill(PLAN);
    await dialog.getByLabel('Số hiệu văn bản').fill('05/KH-SKHCN');
    const date = dialog.getByLabel('Ngày văn bản');
    await date.click();
    await date.fill(`05/01/${YEAR}`);
    await date.press('Enter');
    await settled(page);
    await answered(page, 'POST', /^\/api\/plans$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await page.waitForURL(/\/plans\/[^/]+$/);
    planUrl = page.url();
    const planId = planUrl.split('/').pop()!;

    // The PAR dashboard's "create task" link on a criterion at risk (built by another page): prefilled.
    await page.goto(`${server.url}/plans/tasks/new?planId=${planId}&criterion=7.1&unit=${division.id}&year=${YEAR}&hint=${encodeURIComponent(TASK)}`);
    await expect.poll(() => page.getByText('Nhiệm vụ khắc phục cho tiêu chí 7.1').isVisible()).toBe(true);
    await expect.poll(() => page.getByLabel('Nội dung nhiệm vụ').inputValue()).toBe(TASK);
    const due = page.getByLabel('Thời hạn', { exact: true });
    await due.click();
    await due.fill(`30/12/${YEAR}`);
    // Tab, not Enter: Enter would submit the form before the last fields are filled.
    await due.press('Tab');
    await expect.poll(() => due.inputValue()).toBe(`30/12/${YEAR}`);
    await page.getByLabel('Sản phẩm').fill('Video hướng dẫn; số hồ sơ trực tuyến phát sinh');
    await settled(page);
    await shot(page, 'plans-01-new-task-prefilled');
    await answered(page, 'POST', /^\/api\/tasks$/, () => page.getByRole('button', { name: 'Lưu' }).click());
    await page.waitForURL((u) => /\/plans\/tasks\/[^/]+$/.test(u.pathname) && !u.pathname.endsWith('/new'));
    taskUrl = page.url();
    await expect.poll(() => page.getByRole('heading', { name: TASK }).isVisible()).toBe(true);

    // Long titles on a short bar and on a bar that ends with the year: the timeline keeps them readable.
    for (const [title, startOn, dueOn] of [
      [
        'Rà soát, đánh giá, kiến nghị đơn giản hóa thủ tục hành chính thuộc phạm vi quản lý của Sở và công bố trên Cổng dịch vụ công quốc gia',
        `${YEAR}-03-02`,
        `${YEAR}-03-20`,
      ],
      ['Tổng kết công tác cải cách hành chính năm, báo cáo kết quả chỉ số cải cách hành chính và đề ra nhiệm vụ năm sau', `${YEAR}-12-01`, `${YEAR}-12-25`],
    ])
      await leaderApi.call('POST', '/api/tasks', { planId, title, unitId: division.id, startOn, dueOn });

    await page.goto(planUrl);
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await answered(page, 'POST', /\/issue$/, () => page.getByRole('button', { name: 'Xác nhận' }).click());
    await expect.poll(() => page.getByText('Đã ban hành').first().isVisible()).toBe(true);
    await shot(page, 'plans-02-plan-detail');
    await page.getByText('Tiến độ (Gantt)').click();
    await expect.poll(() => page.locator('[data-testid="plan-timeline"] svg').count()).toBeGreaterThan(0);
    await shot(page, 'plans-03-plan-timeline');
    await page.getByRole('link', { name: '← Danh sách kế hoạch' }).click();
    await page.waitForURL(/\/plans$/);
    await expect.poll(() => page.getByRole('link', { name: PLAN }).isVisible()).toBe(true);
    await shot(page, 'plans-04-plans-list');
    await logoutThroughPage(page, 'Tài khoản', 'Nguyễn Văn Minh');
  });

  it("the leader edits the task with the keyboard; a save over someone else's change offers the current task", async () => {
    await loginToHome(page, server.url, 'lanhdao', 'Lanhdao2026');
    await page.goto(taskUrl);
    await page.getByRole('button', { name: 'Sửa' }).click();
    await page.waitForURL(/\/edit$/);
    const title = page.getByLabel('Nội dung nhiệm vụ');
    await expect.poll(() => title.inputValue()).toBe(TASK);
    // The title has the focus; emptied, the form says so under the field and sends nothing.
    await expect.poll(() => title.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Delete');
    const output = page.getByLabel('Sản phẩm');
    await output.fill('Video hướng dẫn');
    await output.press('Enter');
    await expect.poll(() => page.getByText('Vui lòng nhập Nội dung nhiệm vụ').isVisible()).toBe(true);
    await shot(page, 'plans-08-edit-task-validation');
    await title.fill(TASK);

    // Meanwhile the secretary's desk (the API here) raises the priority: our version is stale.
    const taskId = taskUrl.split('/').pop()!;
    const current = await leaderApi.call<{ version: number }>('GET', `/api/tasks/${taskId}`);
    await leaderApi.call('PATCH', `/api/tasks/${taskId}`, { version: current.version, priority: 'low' });
    await output.fill('Video hướng dẫn; 40 % hồ sơ trực tuyến');
    await output.press('Enter');
    await expect.poll(() => page.getByText('Nhiệm vụ vừa được người khác cập nhật').isVisible()).toBe(true);
    await shot(page, 'plans-09-edit-task-conflict');
    await page.getByRole('button', { name: 'Tải bản mới nhất' }).click();
    await expect.poll(() => page.getByText('Nhiệm vụ vừa được người khác cập nhật').isVisible()).toBe(false);
    await expect.poll(() => output.inputValue()).toBe('Video hướng dẫn; số hồ sơ trực tuyến phát sinh');
    await output.fill('Video hướng dẫn; 40 % hồ sơ trực tuyến');
    await answered(page, 'PATCH', /\/api\/tasks\/[^/]+$/, () => page.getByRole('button', { name: 'Lưu' }).click());
    await page.waitForURL(/\/plans\/tasks\/[^/]+$/);
    await expect.poll(() => page.getByText('Video hướng dẫn; 40 % hồ sơ trực tuyến').isVisible()).toBe(true);
    await expect.poll(() => page.getByText('Thấp').first().isVisible()).toBe(true);
    await shot(page, 'plans-10-task-edited');
    await logoutThroughPage(page, 'Tài khoản', 'Nguyễn Văn Minh');
  });

  it('the division head hands the task to a specialist', async () => {
    await loginToHome(page, server.url, 'truongphong', 'Truongphong2026');
    await page.goto(`${server.url}/plans/tasks?scope=unit`);
    await page.getByRole('link', { name: TASK }).click();
    await page.waitForURL(/\/plans\/tasks\/[^/]+$/);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Giao người chủ trì' }), 'Giao người chủ trì');
    await dialog.getByLabel('Người chủ trì').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Phạm Thị Lan (chuyenvien)').click();
    await answered(page, 'POST', /\/assign$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByText('Phạm Thị Lan').first().isVisible()).toBe(true);
    await logoutThroughPage(page, 'Tài khoản', 'Lê Quốc Dũng');
  });

  it('the specialist reports progress with an evidence file and completes the task', async () => {
    await loginToHome(page, server.url, 'chuyenvien', 'Chuyenvien2026');
    await page.getByRole('link', { name: 'Nhiệm vụ' }).first().click();
    await page.waitForURL(/\/plans\/tasks/);
    await expect.poll(() => page.getByRole('link', { name: TASK }).isVisible()).toBe(true);
    await shot(page, 'plans-05-my-tasks');
    await page.getByRole('link', { name: TASK }).click();
    await page.waitForURL(/\/plans\/tasks\/[^/]+$/);

    let dialog = await openDialog(page, page.getByRole('button', { name: 'Cập nhật tiến độ' }), 'Cập nhật tiến độ');
    await dialog.getByLabel('Tiến độ').fill('60');
    await dialog.getByLabel('Ghi chú').fill('Đã xây dựng 3 video hướng dẫn');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'bien-ban.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await answered(page, 'POST', /\/progress$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByRole('link', { name: 'bien-ban.pdf' }).isVisible()).toBe(true);

    dialog = await openDialog(page, page.getByRole('button', { name: 'Báo cáo hoàn thành' }), 'Báo cáo hoàn thành');
    await dialog.getByLabel('Giải trình kết quả').fill('Đã hoàn thành; hồ sơ trực tuyến phát sinh từ tháng này');
    await answered(page, 'POST', /\/complete$/, () => dialog.getByRole('button', { name: 'Lưu' }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByText('Hoàn thành đúng hạn').first().isVisible()).toBe(true);
    await shot(page, 'plans-06-task-done');

    await page.goto(`${server.url}/plans/statistics?year=${YEAR}`);
    await expect.poll(() => page.getByText('Phòng Quản lý khoa học').first().isVisible()).toBe(true);
    await shot(page, 'plans-07-statistics');
  });

  it("the leader issues the Director's conclusion with the seed document's seven key tasks, imported from Excel", async () => {
    const plan = await leaderApi.call<{ id: string }>('POST', '/api/plans', {
      unitId: rootId,
      year: YEAR,
      kind: 'conclusion',
      title: `Kết luận của Giám đốc Sở tại cuộc họp đánh giá Chỉ số CCHC năm ${YEAR - 1}`,
      documentNumber: '45/TB-SKHCN',
      documentDate: `${YEAR}-01-06`,
    });
    // The sheet a secretary types from the document: one row per key task, the division chairs them all here.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Nhiệm vụ');
    ws.addRow([
      'STT',
      'Nội dung nhiệm vụ',
      'Đơn vị chủ trì',
      'Đơn vị phối hợp',
      'Ngày bắt đầu',
      'Thời hạn hoàn thành',
      'Sản phẩm',
      'Tiêu chí CCHC',
      'Mức ưu tiên',
    ]);
    KEY_TASKS_2020.forEach((k, i) => ws.addRow([String(i + 1), k.title, 'Phòng Quản lý khoa học', '', '', `31/12/${YEAR}`, k.expectedOutput ?? '', '', '']));
    const file = Buffer.from(await wb.xlsx.writeBuffer());

    await logoutThroughPage(page, 'Tài khoản', 'Phạm Thị Lan');
    await loginToHome(page, server.url, 'lanhdao', 'Lanhdao2026');
    await page.goto(`${server.url}/plans/${plan.id}`);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Nhập từ Excel' }), 'Nhập nhiệm vụ từ Excel');
    await dialog
      .locator('input[type=file]')
      .setInputFiles({ name: 'ket-luan-2020.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: file });
    await answered(page, 'POST', /^\/api\/tasks\/import/, () => dialog.getByRole('button', { name: 'Nhập', exact: true }).click());
    await dialogClosed(page, dialog);
    await expect.poll(() => page.getByText(`Đã nhập ${KEY_TASKS_2020.length} nhiệm vụ`).isVisible()).toBe(true);
    for (const k of KEY_TASKS_2020) await expect.poll(() => page.getByRole('table').getByText(k.title).isVisible(), { message: k.title }).toBe(true);
    await page.getByRole('button', { name: 'Ban hành' }).click();
    await answered(page, 'POST', /\/issue$/, () => page.getByRole('button', { name: 'Xác nhận' }).click());
    await expect.poll(() => page.getByText('Đã ban hành').first().isVisible()).toBe(true);
    await settled(page);
    await shot(page, 'plans-08-conclusion-issued');
    expect(
      (await leaderApi.call<{ items: Array<{ id: string; taskCount: number }> }>('GET', `/api/plans?year=${YEAR}`)).items.find((p) => p.id === plan.id)
        ?.taskCount,
    ).toBe(KEY_TASKS_2020.length);
  });
});
