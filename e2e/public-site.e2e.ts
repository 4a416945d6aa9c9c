import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, newPage, shot, startServer } from './harness';

async function call<T>(base: string, method: string, path: string, body?: unknown, cookie = ''): Promise<{ data: T; cookie: string; status: number }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'Content-Type': 'application/json' }), ...(cookie ? { Cookie: cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = res.headers.getSetCookie();
  const text = await res.text();
  return { data: (text ? JSON.parse(text) : undefined) as T, cookie: set.length ? set.map((c) => c.split(';')[0]).join('; ') : cookie, status: res.status };
}

// Issue #4: a citizen on a phone, without logging in, searches the catalogue without diacritics,
// opens a procedure, looks a dossier up by code and PIN (the desk and the specialist act through the
// staff API), rates the service after the result is returned, and files a dossier online with a file.
describe('public citizen site', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;
  let procedureId = '';
  let cookie = '';
  let dossier = { id: '', code: '', lookupPin: '' };
  /** One lifecycle action through the staff API, on the version just read. */
  async function act(body: Record<string, unknown>) {
    const current = await call<{ version: number }>(server.url, 'GET', `/api/dossiers/${dossier.id}`, undefined, cookie);
    const res = await call(server.url, 'POST', `/api/dossiers/${dossier.id}/actions`, { version: current.data.version, ...body }, cookie);
    expect(res.status, JSON.stringify(res.data)).toBe(200);
  }

  beforeAll(async () => {
    server = await startServer();
    const setup = await call(server.url, 'POST', '/api/setup', {
      agencyName: 'Sở Khoa học và Công nghệ',
      agencyKind: 'department',
      agencyCode: '000.00.12.H49',
      username: 'quantri',
      fullName: 'Quản trị viên',
      password: 'Quantri2026',
    });
    expect(setup.status).toBeLessThan(300);
    cookie = setup.cookie;
    const units = await call<{ items: Array<{ id: string; parentId: string | null }> }>(server.url, 'GET', '/api/units', undefined, cookie);
    const root = units.data.items.find((u) => u.parentId === null)!;
    const created = await call<{ id: string }>(
      server.url,
      'POST',
      '/api/procedures',
      {
        unitId: root.id,
        code: '1.004512',
        name: 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
        sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
        level: 'province',
        timeLimit: { value: 15, unit: 'working_days' },
        fees: [{ name: 'Phí thẩm định', amountVnd: 50000, note: null }],
        components: [{ name: 'Đơn đề nghị cấp giấy chứng nhận', kind: 'original', quantity: 1, mandatory: true }],
        channels: ['counter', 'online', 'post'],
        onlineLevel: 'partial',
        resultName: 'Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
        legalBasis: 'Nghị định số 08/2014/NĐ-CP',
      },
      cookie,
    );
    expect(created.status, JSON.stringify(created.data)).toBeLessThan(300);
    procedureId = created.data.id;
    browser = await launch();
    page = (await newPage(browser, { phone: true })).page;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('finds "Cấp giấy …" by typing "cap giay" and opens its detail', async () => {
    await page.goto(`${server.url}/thu-tuc`);
    await page.getByLabel(/Tên hoặc mã thủ tục/).fill('cap giay');
    await page.getByRole('button', { name: 'Tìm kiếm' }).click();
    const link = page.getByRole('link', { name: /Cấp giấy chứng nhận đăng ký hoạt động/ });
    await expect.poll(() => link.isVisible()).toBe(true);
    await expectAccessible(page, 'public catalogue');
    await shot(page, 'public-01-catalogue');
    await link.click();
    await page.waitForURL(new RegExp(`/thu-tuc/${procedureId}`));
    await expect.poll(() => page.getByText('50.000 đ', { exact: false }).isVisible()).toBe(true);
    await expect.poll(() => page.getByText('15 ngày làm việc').isVisible()).toBe(true);
    await expectAccessible(page, 'public procedure detail');
    await shot(page, 'public-02-detail');
  });

  it('looks a dossier up by code and PIN on a phone: status, what is missing, timeline; a wrong PIN is the same not-found', async () => {
    // The desk receives a dossier and the specialist asks for a supplement, through the staff API.
    const d = await call<{ id: string; code: string; lookupPin: string }>(
      server.url,
      'POST',
      '/api/dossiers',
      {
        procedureId,
        channel: 'counter',
        applicant: { name: 'Nguyễn Văn An', idNumber: '022090001234', phone: '0912345678' },
        components: [{ name: 'Đơn đề nghị cấp giấy chứng nhận', kind: 'original', quantity: 1 }],
      },
      cookie,
    );
    expect(d.status, JSON.stringify(d.data)).toBeLessThan(300);
    dossier = d.data;
    await act({ action: 'startProcessing' });
    await act({ action: 'requestSupplement', reason: 'Thiếu bản sao quyết định thành lập tổ chức', items: ['Bản sao quyết định thành lập tổ chức'] });

    await page.goto(`${server.url}/tra-cuu`);
    await expect.poll(() => page.getByLabel('Mã hồ sơ').isVisible()).toBe(true);
    await expectAccessible(page, 'public lookup form');
    await page.getByLabel('Mã hồ sơ').fill(dossier.code);
    await page.getByLabel(/Mã PIN/).fill(dossier.lookupPin);
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Yêu cầu bổ sung giấy tờ');
    await expect.poll(() => page.getByRole('listitem').filter({ hasText: 'Bản sao quyết định thành lập tổ chức' }).first().isVisible()).toBe(true);
    await expect.poll(() => page.getByText(/Yêu cầu bổ sung hồ sơ: Thiếu bản sao quyết định thành lập tổ chức/).isVisible()).toBe(true);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Tiếp nhận hồ sơ');
    expect(text).not.toContain('Nguyễn Văn An');
    expect(text).not.toContain('0912345678');
    await expectAccessible(page, 'public lookup result');
    await shot(page, 'public-03-lookup-result');

    await page.goto(`${server.url}/tra-cuu`);
    await page.getByLabel('Mã hồ sơ').fill(dossier.code);
    await page.getByLabel(/Mã PIN/).fill(dossier.lookupPin === '999999' ? '111111' : '999999');
    await page.getByRole('button', { name: 'Tra cứu' }).click();
    await expect.poll(() => page.getByText('Không tìm thấy hồ sơ với mã và mã PIN này.').isVisible()).toBe(true);
    await expectAccessible(page, 'public lookup not found');
    await shot(page, 'public-04-lookup-not-found');
  });

  it('after the result is returned the citizen rates the service, once', async () => {
    await act({ action: 'completeSupplement' });
    // The result record (issue #13): a written refusal needs no signed file; signed today in Viet Nam.
    const today = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 10);
    await act({ action: 'markResultReady', result: { kind: 'refusal', number: '12/TB-SKHCN', date: today, signer: 'Nguyễn Văn Bình' } });
    await act({ action: 'returnResult', method: 'counter', receivedBy: 'Nguyễn Văn An' });

    // From the QR code on the receipt slip, on a phone (issue #13 item 6): code and PIN in the address.
    const { context: phoneContext, page: phone } = await newPage(browser, { phone: true });
    const page = phone;
    await page.goto(`${server.url}/tra-cuu?ma=${encodeURIComponent(dossier.code)}&pin=${dossier.lookupPin}`);
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Đã trả kết quả');
    // The result's kind and number, and no download: it is not an electronic result.
    await expect.poll(() => page.getByTestId('dossier-result').innerText()).toContain('12/TB-SKHCN');
    await expect.poll(() => page.getByText('Kết quả bản giấy: nhận theo hình thức đã đăng ký.').isVisible()).toBe(true);
    expect(await page.getByRole('link', { name: 'Tải kết quả điện tử' }).count()).toBe(0);
    await expect.poll(() => page.getByRole('heading', { name: 'Đánh giá sự hài lòng' }).isVisible()).toBe(true);
    for (const criterion of [
      'Hài lòng chung về sự phục vụ',
      'Mức độ dễ dàng khi thực hiện thủ tục',
      'Giải quyết đúng hẹn',
      'Thái độ của công chức',
      'Công khai thủ tục hành chính',
    ]) {
      await page.getByRole('group', { name: criterion }).getByLabel('Rất hài lòng').check();
    }
    // The number of contacts is asked as a number (1–4 times, 5 or more), not on the satisfaction scale.
    const contacts = page.getByRole('group', { name: 'Số lần phải liên hệ để hoàn thành' });
    expect(await contacts.getByRole('radio').count()).toBe(5);
    expect(await contacts.getByLabel('Rất hài lòng').count()).toBe(0);
    await contacts.getByLabel('2 lần', { exact: true }).check();
    // Fits the phone: nothing wider than the 390 px screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByLabel(/Góp ý/).fill('Cán bộ hướng dẫn tận tình, trả kết quả sớm.');
    await expectAccessible(page, 'public rating form');
    await shot(page, 'public-06-rating-form');
    const sent = page.waitForRequest((r) => r.method() === 'POST' && r.url().includes('/rating'));
    await page.getByRole('button', { name: 'Gửi đánh giá' }).click();
    expect(((await sent).postDataJSON() as { answers: Record<string, number> }).answers).toMatchObject({ overall: 5, contacts: 2 });
    await expect.poll(() => page.getByText('Cảm ơn ông/bà đã đánh giá. Ý kiến đã được ghi nhận.').isVisible()).toBe(true);
    await shot(page, 'public-07-rating-done');

    const view = await call<{ rating: { overall: number; comment: string } | null }>(server.url, 'GET', `/api/dossiers/${dossier.id}`, undefined, cookie);
    expect(view.data.rating).toMatchObject({ overall: 5, comment: 'Cán bộ hướng dẫn tận tình, trả kết quả sớm.' });
    // Rated once: looking it up again offers no second rating.
    await page.reload();
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Đã trả kết quả');
    expect(await page.getByRole('button', { name: 'Gửi đánh giá' }).count()).toBe(0);
    await phoneContext.close();
  });

  it('files a dossier online with an attached component; the desk finds it to receive', async () => {
    await page.goto(`${server.url}/nop-truc-tuyen/${procedureId}`);
    await expect.poll(() => page.getByLabel(/Họ và tên/).isVisible()).toBe(true);
    await page.getByLabel(/Họ và tên/).fill('Trần Thị Bình');
    await page.getByLabel(/Số định danh/).fill('049190004321');
    await page.getByLabel(/Số điện thoại/).fill('0935111222');
    await page
      .getByLabel('Đơn đề nghị cấp giấy chứng nhận')
      .setInputFiles({ name: 'don-de-nghi.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n') });
    await expectAccessible(page, 'public online submission');
    await shot(page, 'public-05-submit');
    await page.getByRole('button', { name: 'Nộp hồ sơ' }).click();
    await expect.poll(() => page.getByRole('heading', { name: 'Đã nộp hồ sơ' }).isVisible()).toBe(true);
    const codes = await page.locator('.code').allInnerTexts();
    expect(codes[0]).toMatch(/^000\.00\.12\.H49-\d{6}-\d{4}$/);
    expect(codes[1]).toMatch(/^\d{6}$/);
    await expectAccessible(page, 'public online submission done');
    await shot(page, 'public-08-submitted');

    await page.getByRole('link', { name: 'Tra cứu hồ sơ này' }).click();
    await expect.poll(() => page.getByTestId('dossier-status').innerText()).toBe('Mới đăng ký');
    await shot(page, 'public-09-submitted-lookup');

    const queue = await call<{ items: Array<{ id: string; code: string; channel: string }> }>(
      server.url,
      'GET',
      '/api/dossiers?queue=to_receive',
      undefined,
      cookie,
    );
    const filed = queue.data.items.find((i) => i.code === codes[0]);
    expect(filed).toMatchObject({ channel: 'online' });
    const files = await call<{ items: Array<{ name: string; contentType: string }> }>(
      server.url,
      'GET',
      `/api/files?ownerEntity=dossier&ownerId=${filed!.id}`,
      undefined,
      cookie,
    );
    expect(files.data.items).toEqual([expect.objectContaining({ name: 'don-de-nghi.pdf', contentType: 'application/pdf' })]);
  });
});
