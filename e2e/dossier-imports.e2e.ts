import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, launch, loginToHome, newPage, rootUnit, setupAdmin, shot, startServer } from './harness';

// Dossier import journey (issue #11 item 5, docs/dossier-imports.md): the administrator imports a JSON-lines
// file from another one-stop system with errors, sees every error with its row and column and that nothing
// was written, fixes the file and imports it again, following the progress until it is done.
const PROCEDURE = '1.004512';

const record = (code: string, over: Record<string, unknown> = {}) =>
  JSON.stringify({
    MaHoSo: code,
    MaTTHC: PROCEDURE,
    KenhThucHien: 2,
    TrangThaiHoSo: 10,
    NgayNopHoSo: '20260202080000',
    NgayTiepNhan: '20260202090000',
    NgayHenTra: '20260223170000',
    NgayKetThucXuLy: '20260220100000',
    NgayTra: '20260224090000',
    ChuHoSo: 'Nguyễn Văn Ánh',
    ...over,
  });

describe('dossier import journey', () => {
  let server: Awaited<ReturnType<typeof startServer>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    server = await startServer();
    await setupAdmin(server.url, 'Sở Khoa học và Công nghệ', '000.00.12.H49');
    const admin = new ApiClient(server.url);
    await admin.call('POST', '/api/auth/login', { username: 'quantri', password: 'Quantri2026' });
    const root = await rootUnit(admin);
    await admin.call('POST', '/api/procedures', {
      unitId: root.id,
      code: PROCEDURE,
      name: 'Cấp giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
      sector: { code: 'KHCN', name: 'Hoạt động khoa học và công nghệ' },
      level: 'province',
      timeLimit: { value: 15, unit: 'working_days' },
      fees: [],
      components: [{ name: 'Đơn đề nghị', kind: 'original', quantity: 1, mandatory: true }],
      channels: ['counter', 'post', 'online'],
      onlineLevel: 'partial',
      resultType: 'paper',
      resultName: 'Giấy chứng nhận',
      legalBasis: 'Nghị định 08/2014/NĐ-CP',
      applicants: 'Tổ chức khoa học và công nghệ',
      publication: null,
      receivingCutoffMinute: null,
      steps: [],
      effectiveFrom: '2026-01-01',
    });
    browser = await launch();
    page = (await newPage(browser)).page;
    await loginToHome(page, server.url, 'quantri', 'Quantri2026');
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const upload = async (name: string, lines: string[]) => {
    await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: Buffer.from(lines.join('\n') + '\n') });
  };
  const job = () => page.getByTestId('import-job');

  it('refuses a file with errors: every error with its row and column, nothing written', async () => {
    await page.goto(`${server.url}/dossiers/imports`);
    await page.getByRole('heading', { name: 'Nhập hồ sơ từ hệ thống khác' }).waitFor();
    await page.getByLabel('Đơn vị').click();
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)')
      .getByTitle(/Sở Khoa học và Công nghệ/)
      .click();
    await upload('hoso-loi.jsonl', [record('H49-NHAP-1'), record('H49-NHAP-2', { TrangThaiHoSo: 12 }), record('H49-NHAP-3', { NgayTiepNhan: '02/02/2026' })]);
    await job().getByText('Có lỗi, chưa ghi').waitFor();
    await job().getByRole('cell', { name: 'TrangThaiHoSo' }).waitFor();
    const text = await job().innerText();
    expect(text).toContain('TrangThaiHoSo');
    expect(text).toContain('Trạng thái hồ sơ không hợp lệ (1–10)');
    expect(text).toContain('NgayTiepNhan');
    expect(text).toContain('Lỗi cần sửa (2)');
    await shot(page, 'dossier-imports-01-errors');
  });

  it('imports the fixed file with its progress until done, and the dossiers are in the queue', async () => {
    await upload('hoso.jsonl', [record('H49-NHAP-1'), record('H49-NHAP-2', { TrangThaiHoSo: 4, NgayKetThucXuLy: '', NgayTra: '' }), record('H49-NHAP-3')]);
    await job().getByText('Hoàn thành').waitFor();
    await expect.poll(async () => (await job().innerText()).replace(/\s+/g, ' ')).toContain('Đã ghi 3');
    await shot(page, 'dossier-imports-02-done');
    await page.goto(`${server.url}/dossiers?queue=all`);
    await page.getByText('H49-NHAP-2').first().waitFor();
  });
});
