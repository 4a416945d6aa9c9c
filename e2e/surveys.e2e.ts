import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { insertReturnedDossiers, sipasAnswers } from '../packages/server/src/modules/surveys/survey.fixtures';
import { TestSmtp } from '../packages/server/test/test-smtp';
import {
  answered,
  ApiClient,
  createUserWithRole,
  dialogClosed,
  expectAccessible,
  expectMessage,
  launch,
  loginToHome,
  newPage,
  openDialog,
  rootUnit,
  settled,
  shot,
  startServer,
} from './harness';

// Issue #12: the PAR secretary builds a questionnaire from the SIPAS template and publishes it, starts a
// campaign over last quarter's 10,000 returned dossiers (N = 10,000, e = 5 % → n = 385), issues the
// one-time links, then e-mails the invitations, which reach the in-process SMTP server with links minted
// at send time (the printed-letters dialog is shown too); a citizen answers from the e-mailed link on a
// phone, section by section, and a second citizen too; the first link is refused afterwards;
// an unknown link gets the "not found or expired" page with HTTP 404; staff key a paper form twice (a second
// person, blind; one answer differs and is resolved); the results show the indices with their margins, the
// breakdown and the charts; the PAR dashboard's survey share (field 8 of the 2019 template) moves.
describe('satisfaction surveys', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let links: Array<{ url: string; token: string }> = [];
  let assessmentId = '';
  let surveyRowBefore = '';
  const smtp = new TestSmtp();

  beforeAll(async () => {
    await smtp.start();
    server = await startServer({ env: { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, SMTP_FROM: 'cchc@demo.cchc.local', PUBLIC_BASE_URL: 'http://127.0.0.1' } });
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/setup', {
      agencyName: 'Sở Khoa học và Công nghệ',
      agencyKind: 'department',
      agencyCode: '000.00.12.H49',
      username: 'quantri',
      fullName: 'Quản trị viên',
      password: 'Quantri2026',
    });
    const root = await rootUnit(admin);
    await createUserWithRole(admin, server.url, {
      username: 'vanphong',
      fullName: 'Văn phòng Sở',
      unitId: root.id,
      role: 'par_secretary',
      password: 'Vanphong2026',
    });
    // A second secretary, to key paper forms a second time (double entry needs two people).
    await createUserWithRole(admin, server.url, {
      username: 'vanphong2',
      fullName: 'Trần Thị Nhập Liệu',
      unitId: root.id,
      role: 'par_secretary',
      password: 'Vanphong2026',
    });
    // This year's PAR assessment from the 2019 template: its field 8 (36 points) is the survey share.
    const year = Number(new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4));
    const set = await admin.call<{ id: string; version: number }>('POST', '/api/par/criteria-sets', {
      ownerUnitId: root.id,
      year,
      title: `Bộ chỉ số CCHC ${year}`,
      template: '2019_department',
    });
    await admin.call('POST', `/api/par/criteria-sets/${set.id}/activate`, { version: set.version });
    assessmentId = (await admin.call<{ id: string }>('POST', '/api/par/assessments', { setId: set.id, agencyUnitId: root.id })).id;
    const procedure = (name: string, code: string) =>
      admin.call<{ id: string }>('POST', '/api/procedures', {
        unitId: root.id,
        code,
        name,
        sector: { code: 'KHCN', name: 'Khoa học và công nghệ' },
        timeLimit: { value: 10, unit: 'working_days' },
        channels: ['counter'],
      });
    const a = await procedure('Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ', '1.004512');
    const b = await procedure('Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ', '1.004513');
    // Last quarter, relative to today (the form proposes it): 6,000 + 4,000 dossiers returned in its middle month.
    const today = new Date();
    const q = Math.floor(today.getUTCMonth() / 3);
    const mid = new Date(Date.UTC(today.getUTCFullYear(), q * 3 - 2, 15, 3)).toISOString();
    await insertReturnedDossiers(server.app.handle.db, { procedureId: a.id, unitId: root.id, count: 6000, finishedAt: mid });
    await insertReturnedDossiers(server.app.handle.db, { procedureId: b.id, unitId: root.id, count: 4000, finishedAt: mid, channel: 'online' });
    browser = await launch();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await smtp.stop();
  });

  it('the secretary builds from the SIPAS template, publishes, and starts a campaign showing n = 385', async () => {
    const { context, page } = await newPage(browser);
    await loginToHome(page, server.url, 'vanphong', 'Vanphong2026');
    await page.getByRole('menuitem', { name: 'Khảo sát' }).click();
    await page.getByRole('heading', { name: 'Khảo sát sự hài lòng', level: 1 }).waitFor();
    await page.getByLabel('Mẫu phiếu').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(/SIPAS/).last().click();
    await settled(page);
    await answered(page, 'POST', /\/api\/surveys\/questionnaires$/, () => page.getByRole('button', { name: 'Tạo phiếu từ mẫu' }).click());
    await page.getByRole('heading', { name: /phương pháp SIPAS/, level: 1 }).waitFor();
    await page.getByText('Xem trước trên điện thoại').first().waitFor();
    await shot(page, 'surveys-builder');
    await expectAccessible(page, 'questionnaire builder');
    await answered(page, 'POST', /\/publish$/, () => page.getByRole('button', { name: 'Ban hành' }).click());
    await page.getByText('Đã ban hành', { exact: false }).first().waitFor();

    await page.goto(`${server.url}/surveys?tab=campaigns`);
    const dialog = await openDialog(page, page.getByRole('button', { name: 'Tạo đợt khảo sát' }), 'Tạo đợt khảo sát');
    await dialog.getByLabel('Tên').fill('Khảo sát sự hài lòng quý trước');
    // The campaign closes within this year, so this year's PAR projection reads it ("PAR metrics").
    const endOfYear = `31/12/${new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).slice(0, 4)}`;
    const closes = dialog.getByLabel('Thời gian khảo sát').locator('xpath=ancestor::div[contains(@class,"ant-picker-range")]').locator('input').nth(1);
    await closes.click();
    await closes.fill(endOfYear);
    await closes.press('Enter');
    await expect.poll(() => closes.inputValue()).toBe(endOfYear);
    await dialog.getByLabel('Phiếu khảo sát').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle(/SIPAS/).last().click();
    await settled(page);
    // The calculator (N = 10,000 by default) and the live population of last quarter both give 385.
    await expect.poll(() => dialog.getByTestId('calc-sample').innerText()).toBe('385');
    await dialog.getByText('Tổng thể N = 10.000 hồ sơ, cỡ mẫu n = 385').waitFor();
    await dialog.getByRole('cell', { name: '231' }).waitFor();
    await dialog.getByRole('cell', { name: '154' }).waitFor();
    await shot(page, 'surveys-campaign-form');
    await expectAccessible(page, 'campaign form');
    await answered(page, 'POST', /\/api\/surveys\/campaigns$/, () => dialog.getByRole('button', { name: 'Bắt đầu khảo sát' }).click());
    await dialogClosed(page, dialog);
    await page.getByRole('heading', { name: 'Khảo sát sự hài lòng quý trước', level: 1 }).waitFor();
    await page.getByRole('cell', { name: '385' }).first().waitFor();
    const linksDialog = await openDialog(page, page.getByRole('button', { name: 'Tạo liên kết mời' }), /liên kết mời/);
    await linksDialog.getByText('Các liên kết chỉ hiển thị một lần', { exact: false }).waitFor();
    await shot(page, 'surveys-links');
    const urls = await linksDialog.locator('td .ant-typography').allInnerTexts();
    expect(urls.filter((u) => u.includes('/khao-sat/')).length).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    await dialogClosed(page, linksDialog);

    // Invitations by e-mail, with a reminder day: they reach the in-process SMTP server with links minted
    // when sent (the links shown above are replaced). The citizens below answer from their e-mails.
    const mail = await openDialog(page, page.getByRole('button', { name: 'Gửi thư mời qua e-mail' }), 'Gửi thư mời qua e-mail');
    await mail.getByText('Đường dẫn trong thư được tạo lúc gửi', { exact: false }).waitFor();
    await shot(page, 'surveys-email');
    await expectAccessible(page, 'e-mail invitations dialog');
    await expectMessage(page, 'Đã xếp 385 thư mời để gửi', () => mail.getByRole('button', { name: 'Gửi thư mời' }).click());
    await dialogClosed(page, mail);
    await expect.poll(() => smtp.received.filter((m) => m.text.includes('/khao-sat/')).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
    links = smtp.received
      .map((m) => /\/khao-sat\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1])
      .filter((x): x is string => !!x)
      .map((token) => ({ url: `${server.url}/khao-sat/${token}`, token }));
    expect(smtp.received[0]!.headers.subject).toBe('Mời tham gia khảo sát: Khảo sát sự hài lòng quý trước');
    // Printed letters: the dialog (every sampled applicant here has an address, so nothing is printed).
    const print = await openDialog(page, page.getByRole('button', { name: 'In thư mời có mã QR' }), 'In thư mời có mã QR');
    await shot(page, 'surveys-letters');
    await print.getByRole('button', { name: 'Hủy' }).click();
    await dialogClosed(page, print);

    // The PAR dashboard before any answer: the survey field has no data yet.
    await page.goto(`${server.url}/par/dashboard?assessment=${assessmentId}`);
    const row = surveyRow(page);
    await expect.poll(() => row.isVisible(), { timeout: 30_000 }).toBe(true);
    surveyRowBefore = await row.innerText();
    expect(surveyRowBefore).not.toContain('Chỉ số khảo sát');
    await context.close();
  });

  it('a citizen answers on a phone, section by section; the link is refused afterwards', async () => {
    const { context, page } = await newPage(browser, { phone: true });
    const res = await page.goto(`${server.url}/khao-sat/${links[0]!.token}`);
    expect(res?.status()).toBe(200);
    await page.getByText('Phiếu khảo sát ẩn danh', { exact: false }).waitFor();
    await shot(page, 'surveys-answer-intro');
    await answerOnPhone(page, { shots: true, waiting: 'Bình thường' });
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã trả lời khảo sát' }).waitFor();
    await shot(page, 'surveys-answer-thanks');

    // The same link again: the page says it was used, and a second submission is 409.
    await page.goto(`${server.url}/khao-sat/${links[0]!.token}`);
    await page.getByRole('heading', { name: 'Phiếu này đã được gửi' }).waitFor();
    const again = await page.evaluate(
      async (token) =>
        (await fetch(`/api/public/surveys/${token}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"answers":{}}' })).status,
      links[0]!.token,
    );
    expect(again).toBe(409);
    // An unknown link: HTTP 404 and a clear page.
    const unknown = await page.goto(`${server.url}/khao-sat/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`);
    expect(unknown?.status()).toBe(404);
    await page.getByRole('heading', { name: 'Liên kết khảo sát không tồn tại hoặc đã hết hạn' }).waitFor();
    await shot(page, 'surveys-answer-not-found');
    await expectAccessible(page, 'survey link not found');
    await context.close();
  });

  it('a second citizen answers on a phone; more answers arrive from the e-mailed links', async () => {
    const { context, page } = await newPage(browser, { phone: true });
    expect((await page.goto(`${server.url}/khao-sat/${links[1]!.token}`))?.status()).toBe(200);
    await page.getByText('Phiếu khảo sát ẩn danh', { exact: false }).waitFor();
    await answerOnPhone(page, { shots: false, waiting: 'Không hài lòng' });
    await page.getByRole('heading', { name: 'Cảm ơn Ông/Bà đã trả lời khảo sát' }).waitFor();
    await context.close();
    // Twelve more respondents answer through the public API (the page is covered above), some unhappy,
    // so that the breakdown has groups of five or more to show.
    const levels = ['5', '4', '4', '3', '2', '5', '4', '1', '4', '5', '3', '4'];
    await expect.poll(() => smtp.received.filter((m) => m.text.includes('/khao-sat/')).length, { timeout: 60_000 }).toBeGreaterThanOrEqual(14);
    const tokens = smtp.received
      .map((m) => /\/khao-sat\/([A-Za-z0-9_-]+)/.exec(m.text)?.[1])
      .filter((x): x is string => !!x && !links.slice(0, 2).some((l) => l.token === x));
    expect(tokens.length).toBeGreaterThanOrEqual(12);
    for (const [i, token] of tokens.slice(0, 12).entries()) {
      const res = await fetch(`${server.url}/api/public/surveys/${token}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ answers: sipasAnswers(levels[i]!), durationSeconds: 300 }),
      });
      expect(res.status, await res.text()).toBe(201);
    }
  });

  it('staff key a paper form; a second person keys it blind, sees the one difference and takes the second keying', async () => {
    const first = await newPage(browser);
    await loginToHome(first.page, server.url, 'vanphong', 'Vanphong2026');
    await first.page.goto(`${server.url}/surveys?tab=campaigns`);
    await first.page.getByRole('link', { name: 'Khảo sát sự hài lòng quý trước' }).click();
    await first.page.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    await first.page.getByRole('heading', { name: 'Nhập phiếu giấy: Khảo sát sự hài lòng quý trước', level: 1 }).waitFor();
    await first.page.getByRole('button', { name: 'Nhập phiếu mới' }).click();
    await first.page.getByText('Nhập phiếu giấy (lần một)').waitFor();
    // Sending it half filled: each missing answer is named next to its question.
    await first.page.getByRole('button', { name: 'Lưu lần nhập thứ nhất' }).click();
    await first.page.getByText('Vui lòng trả lời câu hỏi này.').first().waitFor();
    await keyPaperForm(first.page, 'Bình thường');
    await shot(first.page, 'surveys-paper-first');
    await expectMessage(first.page, 'Đã lưu lần nhập thứ nhất', () => first.page.getByRole('button', { name: 'Lưu lần nhập thứ nhất' }).click());
    // The first keyer cannot confirm their own form.
    await first.page.getByText('Bạn đã nhập lần một; người khác nhập lần hai').waitFor();
    await first.context.close();

    const second = await newPage(browser);
    const page = second.page;
    await loginToHome(page, server.url, 'vanphong2', 'Vanphong2026');
    await page.goto(`${server.url}/surveys?tab=campaigns`);
    await page.getByRole('link', { name: 'Khảo sát sự hài lòng quý trước' }).click();
    await page.getByRole('button', { name: 'Nhập phiếu giấy' }).click();
    const pending = page.getByRole('row').filter({ hasText: 'Văn phòng Sở' });
    await pending.getByRole('button', { name: 'Nhập lần hai' }).click();
    await page.getByText('Nhập lần hai phiếu do Văn phòng Sở nhập', { exact: false }).waitFor();
    await page.getByText('lần nhập thứ nhất không được hiển thị', { exact: false }).waitFor();
    await shot(page, 'surveys-paper-second-blank');
    await expectAccessible(page, 'paper form, second keying');
    // Keyed blind with one answer read differently: nothing is counted, the difference is shown.
    await keyPaperForm(page, 'Hài lòng');
    const refused = page.waitForResponse((r) => r.url().endsWith('/confirm') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Xác nhận lần nhập thứ hai' }).click();
    expect((await refused).status()).toBe(409);
    const diff = page.getByRole('alert').filter({ hasText: 'câu khác nhau giữa hai lần nhập' });
    await diff.waitFor();
    const diffRow = diff.getByRole('row').filter({ hasText: 'Thời hạn giải quyết' });
    expect(await diffRow.innerText()).toMatch(/Bình thường\s+Hài lòng/);
    await page.getByText('Câu trả lời khác với lần nhập đầu.').first().waitFor();
    await shot(page, 'surveys-paper-differences');
    await expectAccessible(page, 'paper form differences');
    // The checker reads the paper: the second keying is right, and it is taken.
    await expectMessage(page, 'Đã lấy lần nhập thứ hai', () => page.getByRole('button', { name: 'Lấy lần nhập thứ hai' }).click());
    await page.getByText('Không có phiếu nào chờ nhập lần hai.').waitFor();
    await second.context.close();
  });

  it('the results page shows the index with its margin and the breakdown', async () => {
    const { context, page } = await newPage(browser);
    await loginToHome(page, server.url, 'vanphong', 'Vanphong2026');
    await page.goto(`${server.url}/surveys?tab=campaigns`);
    await page.getByRole('link', { name: 'Khảo sát sự hài lòng quý trước' }).click();
    await page.getByText('Chỉ số hài lòng chung').waitFor();
    await page.getByText(/Sai số ±/).waitFor();
    await page.getByText('Dưới 5 phiếu, không hiển thị').first().waitFor();
    // Data-quality flags are counted; leaving them out asks the server again and keeps the page whole.
    await page.getByText('Phiếu bị gắn cờ', { exact: true }).waitFor();
    await page.getByText(/Trùng lặp: \d+/).waitFor();
    const exclude = page.getByRole('checkbox', { name: 'Loại phiếu bị gắn cờ khỏi các chỉ số' });
    const reloaded = page.waitForResponse((r) => r.url().includes('excludeFlagged=true') && r.status() === 200);
    await exclude.check();
    await reloaded;
    await page.getByText('Chỉ số hài lòng chung').waitFor();
    await exclude.uncheck();
    // 2 citizens on the page + 12 by the API + 1 confirmed paper form.
    await expect.poll(() => page.locator('.ant-statistic').filter({ hasText: 'Số phiếu' }).innerText()).toContain('15');
    // The charts: indices with their error bars, the breakdown, the Likert distributions (drawn by ECharts).
    for (const name of ['Chỉ số theo yếu tố, khía cạnh và chung', 'Chỉ số hài lòng theo thủ tục', 'Phân bố trả lời các câu thang 5 mức'])
      await expect.poll(() => page.getByRole('img', { name }).locator('canvas').count(), { timeout: 30_000 }).toBeGreaterThan(0);
    await page.getByRole('columnheader', { name: 'Sai số (95 %)' }).waitFor();
    // The breakdown by mode of answer: the web answers shown with their index, the single paper form suppressed.
    await page.getByLabel('Phân tích theo').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Hình thức trả lời').click();
    await page.getByRole('cell', { name: 'web', exact: true }).waitFor();
    await page.getByRole('row').filter({ hasText: 'paper' }).getByText('Dưới 5 phiếu, không hiển thị').waitFor();
    await page.getByLabel('Phân tích theo').click();
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').getByTitle('Thủ tục').click();
    await settled(page);
    await shot(page, 'surveys-results');
    await page.getByRole('img', { name: 'Chỉ số theo yếu tố, khía cạnh và chung' }).scrollIntoViewIfNeeded();
    await shot(page, 'surveys-results-charts');
    await expectAccessible(page, 'campaign results');
    await context.close();
  });

  it("the PAR dashboard's survey share moves with the answers", async () => {
    const { context, page } = await newPage(browser);
    await loginToHome(page, server.url, 'vanphong', 'Vanphong2026');
    await page.goto(`${server.url}/par/dashboard?assessment=${assessmentId}`);
    const row = surveyRow(page);
    await expect.poll(() => row.innerText(), { timeout: 30_000 }).toContain('Chỉ số khảo sát');
    const after = await row.innerText();
    expect(after).not.toBe(surveyRowBefore);
    // The hint gives the index with its margin and the number of forms (web and confirmed paper).
    expect(after).toMatch(/Chỉ số khảo sát [\d,]+\s?% ± [\d,]+\s?% \(15 phiếu\)/);
    await row.scrollIntoViewIfNeeded();
    await shot(page, 'surveys-par-dashboard');
    await context.close();
  });
});

/** The SIPAS questionnaire answered on the citizen site, section by section; `waiting` answers the time limit. */
async function answerOnPhone(page: Page, opts: { shots: boolean; waiting: string }) {
  await page.getByRole('button', { name: 'Bắt đầu' }).click();
  // Section 1: "Next" without answers shows the error next to each question.
  await page.getByText('Phần 1/5').waitFor();
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByText('Vui lòng trả lời câu hỏi này.').first().waitFor();
  if (opts.shots) {
    await shot(page, 'surveys-answer-errors');
    await expectAccessible(page, 'survey section with errors');
  }
  const pick = async (question: RegExp, option: string) => page.getByRole('group', { name: question }).getByLabel(option, { exact: true }).check();
  await pick(/biết đến thủ tục/, 'Trang thông tin điện tử');
  await pick(/Nơi ngồi chờ/, 'Hài lòng');
  await pick(/tìm hiểu thông tin/, 'Rất hài lòng');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByText('Phần 2/5').waitFor();
  await pick(/niêm yết công khai/, 'Có');
  await pick(/Thành phần hồ sơ/, 'Hài lòng');
  await pick(/Thời hạn giải quyết/, opts.waiting);
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByText('Phần 3/5').waitFor();
  await pick(/sách nhiễu/, 'Không');
  await pick(/Thái độ giao tiếp/, 'Rất hài lòng');
  await pick(/hướng dẫn kê khai/, 'Hài lòng');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByText('Phần 4/5').waitFor();
  await page.getByLabel(/bao nhiêu lần/).fill('2');
  await pick(/trả đúng hẹn/, 'Có');
  await pick(/Kết quả nhận được/, 'Hài lòng');
  await page.getByRole('button', { name: 'Tiếp theo' }).click();
  await page.getByText('Phần 5/5').waitFor();
  await pick(/góp ý, phản ánh, kiến nghị/, 'Không');
  await pick(/cải thiện điều gì/, 'Thủ tục hành chính');
  await page.getByLabel(/Góp ý khác/).fill('Cần rút ngắn thời gian giải quyết.');
  if (opts.shots) {
    await shot(page, 'surveys-answer-section');
    await expectAccessible(page, 'survey last section');
  }
  await page.getByRole('button', { name: 'Gửi phiếu' }).click();
}

/** The row of the survey field (8) in the dashboard's "points at risk" table. */
function surveyRow(page: Page) {
  const risk = page.locator('.ant-card').filter({ has: page.getByRole('heading', { name: 'Điểm có nguy cơ mất' }) });
  return risk.getByRole('row').filter({ hasText: 'điều tra xã hội học' });
}

/** A paper SIPAS form keyed on the staff page, every section on one screen; `waiting` answers the time limit. */
async function keyPaperForm(page: Page, waiting: string) {
  const item = (question: RegExp) => page.locator('.ant-form-item').filter({ hasText: question });
  const pick = async (question: RegExp, option: string) => item(question).getByLabel(option, { exact: true }).check();
  await pick(/biết đến thủ tục/, 'Người quen');
  await pick(/Nơi ngồi chờ/, 'Bình thường');
  await pick(/tìm hiểu thông tin/, 'Hài lòng');
  await pick(/niêm yết công khai/, 'Có');
  await pick(/Thành phần hồ sơ/, 'Hài lòng');
  await pick(/Thời hạn giải quyết/, waiting);
  await pick(/sách nhiễu/, 'Không');
  await pick(/Thái độ giao tiếp/, 'Hài lòng');
  await pick(/hướng dẫn kê khai/, 'Hài lòng');
  await item(/bao nhiêu lần/)
    .getByRole('spinbutton')
    .fill('1');
  await pick(/trả đúng hẹn/, 'Có');
  await pick(/Kết quả nhận được/, 'Rất hài lòng');
  await pick(/góp ý, phản ánh, kiến nghị/, 'Không');
  await pick(/cải thiện điều gì/, 'Công chức');
}
