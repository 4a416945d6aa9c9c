import { localDateOf, localMinutesOf, type DossierStatistics, type DossierStatus } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { DossierStatisticsService } from './dossier-statistics.service';
import type { DossierExportQuery, StatisticsQuery } from './dossier.schemas';
import type { DossierService } from './dossier.service';
import { formatDay } from './forms/form-time';

// The national-style .xlsx of the operational report (docs/domain/statistics.md) and the Excel export of the
// dossier list. The report's numbers come from DossierStatisticsService; nothing is counted here.

export const STATUS_TEXT: Record<DossierStatus, string> = {
  submitted: 'Mới đăng ký',
  received: 'Được tiếp nhận',
  refused: 'Không được tiếp nhận',
  processing: 'Đang xử lý',
  awaiting_supplement: 'Yêu cầu bổ sung giấy tờ',
  awaiting_payment: 'Yêu cầu thực hiện nghĩa vụ tài chính',
  withdrawn: 'Công dân yêu cầu rút hồ sơ',
  stopped: 'Dừng xử lý',
  result_ready: 'Đã xử lý xong',
  returned: 'Đã trả kết quả',
  awaiting_completion: 'Yêu cầu bổ sung, hoàn thiện trước tiếp nhận',
};
export const CHANNEL_TEXT = { counter: 'Trực tiếp', online: 'Trực tuyến', post: 'Bưu chính công ích' } as const;
const RESULT_TEXT = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Trễ hạn' } as const;

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Rates are stored as fractions with a percent format: Excel and LibreOffice print them with the reader's decimal separator (a comma in Vietnamese). */
const PERCENT = '0.00%';

/** '2026-03-02T02:05:00Z' → '02/03/2026 09:05' (UTC+7). */
export function dayTime(instant: string): string {
  const m = localMinutesOf(instant);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${formatDay(localDateOf(instant))} ${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The report columns after STT and unit: [key path, header group, header]. */
const STAT_COLUMNS: Array<{ get: (s: DossierStatistics) => number | null; group: string; header: string; rate?: boolean; width?: number }> = [
  { get: (s) => s.toProcess, group: 'Số hồ sơ nhận giải quyết', header: 'Tổng số' },
  { get: (s) => s.carriedOver, group: 'Số hồ sơ nhận giải quyết', header: 'Kỳ trước chuyển qua' },
  { get: (s) => s.received.total, group: 'Số hồ sơ nhận giải quyết', header: 'Tiếp nhận trong kỳ' },
  { get: (s) => s.received.online, group: 'Số hồ sơ nhận giải quyết', header: 'Trong đó: trực tuyến' },
  { get: (s) => s.received.counter, group: 'Số hồ sơ nhận giải quyết', header: 'Trực tiếp' },
  { get: (s) => s.received.post, group: 'Số hồ sơ nhận giải quyết', header: 'Qua bưu chính công ích' },
  { get: (s) => s.completed.total, group: 'Số hồ sơ đã giải quyết', header: 'Tổng số' },
  { get: (s) => s.completed.early, group: 'Số hồ sơ đã giải quyết', header: 'Trước hạn' },
  { get: (s) => s.completed.onTime, group: 'Số hồ sơ đã giải quyết', header: 'Đúng hạn' },
  { get: (s) => s.completed.late, group: 'Số hồ sơ đã giải quyết', header: 'Quá hạn' },
  { get: (s) => s.inProgress.total, group: 'Số hồ sơ đang giải quyết', header: 'Tổng số' },
  { get: (s) => s.inProgress.withinTime, group: 'Số hồ sơ đang giải quyết', header: 'Trong hạn' },
  { get: (s) => s.inProgress.almostDue, group: 'Số hồ sơ đang giải quyết', header: 'Trong đó: sắp đến hạn' },
  { get: (s) => s.inProgress.overdue, group: 'Số hồ sơ đang giải quyết', header: 'Quá hạn' },
  { get: (s) => s.paused.total, group: 'Số hồ sơ tạm dừng', header: 'Tổng số' },
  { get: (s) => s.paused.supplement, group: 'Số hồ sơ tạm dừng', header: 'Chờ bổ sung' },
  { get: (s) => s.paused.payment, group: 'Số hồ sơ tạm dừng', header: 'Chờ thực hiện nghĩa vụ tài chính' },
  { get: (s) => s.withdrawn, group: 'Số hồ sơ không giải quyết', header: 'Rút hồ sơ' },
  { get: (s) => s.refused, group: 'Số hồ sơ không giải quyết', header: 'Từ chối' },
  { get: (s) => s.stopped, group: 'Số hồ sơ không giải quyết', header: 'Dừng xử lý' },
  { get: (s) => s.returned, group: 'Đã trả kết quả', header: 'Đã trả kết quả' },
  { get: (s) => s.resultReadyNotCollected, group: 'Có kết quả, chưa trả', header: 'Có kết quả, chưa trả' },
  { get: (s) => s.apologiesIssued, group: 'Phiếu xin lỗi đã phát hành', header: 'Phiếu xin lỗi đã phát hành' },
  { get: (s) => s.late, group: 'Tình hình trễ hạn', header: 'Số hồ sơ trễ hạn' },
  { get: (s) => (s.lateRateBasisPoints === null ? null : s.lateRateBasisPoints / 10_000), group: 'Tình hình trễ hạn', header: 'Tỷ lệ trễ hạn', rate: true },
  {
    get: (s) => (s.onTimeRateBasisPoints === null ? null : s.onTimeRateBasisPoints / 10_000),
    group: 'Tình hình trễ hạn',
    header: 'Tỷ lệ đúng hạn',
    rate: true,
  },
];

export interface DossierReportsDeps {
  dossiers: DossierService;
  statistics: DossierStatisticsService;
  clock: Clock;
}

export interface XlsxFile {
  fileName: string;
  contentType: string;
  data: Buffer;
}

export class DossierReportsService {
  constructor(private readonly deps: DossierReportsDeps) {}

  /**
   * GET /api/dossiers/statistics/export: the report as the national-style table, one line per
   * deciding unit (the processing unit, else the implementing agency) and the totals line, all counted in
   * the database (dossier-statistics.service.ts).
   */
  async statisticsXlsx(actor: ServerActor, q: StatisticsQuery): Promise<XlsxFile> {
    const [byUnit, total] = await Promise.all([this.deps.statistics.breakdown(actor, { ...q, by: 'unit' }), this.deps.statistics.statistics(actor, q)]);
    const lines = byUnit.items.map((l) => ({ name: l.name ?? '', stats: l.statistics }));
    lines.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    const unitName = q.unitId ? ((await this.deps.statistics.unitName(q.unitId)) ?? '') : '';

    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CCHC';
    const ws = wb.addWorksheet('Thống kê hồ sơ', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    const last = 2 + STAT_COLUMNS.length;
    const thin = { style: 'thin' as const };
    const box = { top: thin, left: thin, bottom: thin, right: thin };
    ws.mergeCells(1, 1, 1, last);
    ws.getCell(1, 1).value = 'BÁO CÁO TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH';
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.mergeCells(2, 1, 2, last);
    ws.getCell(2, 1).value = `Kỳ báo cáo: từ ngày ${formatDay(q.from)} đến ngày ${formatDay(q.to)}`;
    ws.getCell(2, 1).font = { italic: true };
    ws.mergeCells(3, 1, 3, last);
    ws.getCell(3, 1).value = q.unitId ? `Đơn vị: ${unitName}` : 'Phạm vi: các đơn vị được phân quyền thống kê';
    for (const r of [1, 2, 3]) ws.getCell(r, 1).alignment = { horizontal: 'center' };

    // Two header rows: groups (merged across) over their columns; single columns merged down.
    const H1 = 5;
    const H2 = 6;
    ws.mergeCells(H1, 1, H2, 1);
    ws.getCell(H1, 1).value = 'STT';
    ws.mergeCells(H1, 2, H2, 2);
    ws.getCell(H1, 2).value = 'Đơn vị';
    let c = 0;
    while (c < STAT_COLUMNS.length) {
      const group = STAT_COLUMNS[c]!.group;
      let end = c;
      while (end + 1 < STAT_COLUMNS.length && STAT_COLUMNS[end + 1]!.group === group) end++;
      const from = 3 + c;
      const to = 3 + end;
      if (from === to && STAT_COLUMNS[c]!.header === group) {
        ws.mergeCells(H1, from, H2, from);
        ws.getCell(H1, from).value = group;
      } else {
        if (to > from) ws.mergeCells(H1, from, H1, to);
        ws.getCell(H1, from).value = group;
        for (let i = c; i <= end; i++) ws.getCell(H2, 3 + i).value = STAT_COLUMNS[i]!.header;
      }
      c = end + 1;
    }
    // Column numbers under the headers, as printed reports have them.
    const numbers = ws.getRow(H2 + 1);
    for (let i = 1; i <= last; i++) numbers.getCell(i).value = `(${i})`;
    numbers.font = { italic: true, size: 9 };
    for (let r = H1; r <= H2 + 1; r++) {
      for (let i = 1; i <= last; i++) {
        const cell = ws.getCell(r, i);
        cell.border = box;
        cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        if (r < H2 + 1) cell.font = { bold: true };
      }
    }
    ws.getRow(H1).height = 30;
    ws.getRow(H2).height = 66;

    const write = (rowNo: number, stt: string | number, name: string, s: DossierStatistics, bold: boolean) => {
      const row = ws.getRow(rowNo);
      row.getCell(1).value = stt;
      row.getCell(2).value = name;
      STAT_COLUMNS.forEach((col, i) => {
        const cell = row.getCell(3 + i);
        cell.value = col.get(s);
        if (col.rate) cell.numFmt = PERCENT;
      });
      for (let i = 1; i <= last; i++) {
        const cell = row.getCell(i);
        cell.border = box;
        cell.alignment = { horizontal: i === 2 ? 'left' : 'center', vertical: 'middle', wrapText: i === 2 };
        if (bold) cell.font = { bold: true };
      }
    };
    let r = H2 + 2;
    lines.forEach((l, i) => write(r++, i + 1, l.name, l.stats, false));
    write(r++, '', 'Tổng cộng', total, true);
    ws.mergeCells(r + 1, 1, r + 1, last);
    ws.getCell(r + 1, 1).value =
      'Ghi chú: Tỷ lệ trễ hạn = (hồ sơ đã giải quyết quá hạn + hồ sơ đang giải quyết quá hạn + hồ sơ tạm dừng trễ hạn) / tổng số hồ sơ nhận giải quyết; tỷ lệ đúng hạn = 100% − tỷ lệ trễ hạn. Một hồ sơ qua nhiều đơn vị được tính ở đơn vị giải quyết.';
    ws.getCell(r + 1, 1).font = { italic: true, size: 10 };
    ws.getCell(r + 1, 1).alignment = { wrapText: true, vertical: 'top' };
    ws.getRow(r + 1).height = 28;
    // One typeface for the whole sheet, as administrative reports are printed (sizes and styles kept).
    ws.eachRow((row) => row.eachCell((cell) => (cell.font = { ...cell.font, name: 'Times New Roman', size: cell.font?.size ?? 11 })));
    ws.getColumn(1).width = 6;
    ws.getColumn(2).width = 34;
    for (let i = 3; i <= last; i++) ws.getColumn(i).width = STAT_COLUMNS[i - 3]!.rate ? 11 : 10;
    ws.views = [{ state: 'frozen', xSplit: 2, ySplit: H2 + 1 }];
    return { fileName: `thong-ke-ho-so-${q.from}-${q.to}.xlsx`, contentType: XLSX, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }

  /** GET /api/dossiers/export: the list under the same filters, newest receipt first, at most 10,000 rows. */
  async exportXlsx(actor: ServerActor, q: DossierExportQuery): Promise<XlsxFile> {
    const items = await this.deps.dossiers.listForExport(actor, q, 10_000);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    wb.creator = 'CCHC';
    const ws = wb.addWorksheet('Hồ sơ', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.columns = [
      { header: 'STT', key: 'no', width: 6 },
      { header: 'Mã hồ sơ', key: 'code', width: 28 },
      { header: 'Mã thủ tục', key: 'procedureCode', width: 12 },
      { header: 'Tên thủ tục', key: 'procedureName', width: 50 },
      { header: 'Người nộp', key: 'applicantName', width: 28 },
      { header: 'Kênh tiếp nhận', key: 'channel', width: 18 },
      { header: 'Trạng thái', key: 'status', width: 24 },
      { header: 'Ngày tiếp nhận', key: 'receivedAt', width: 17 },
      { header: 'Ngày hẹn trả', key: 'dueDate', width: 13 },
      { header: 'Tiến độ', key: 'timeliness', width: 16 },
      { header: 'Kết quả giải quyết', key: 'result', width: 16 },
    ];
    items.forEach((d, i) =>
      ws.addRow({
        no: i + 1,
        code: d.code,
        procedureCode: d.procedureCode,
        procedureName: d.procedureName,
        applicantName: d.applicantName,
        channel: CHANNEL_TEXT[d.channel],
        status: STATUS_TEXT[d.status],
        receivedAt: d.receivedAt ? dayTime(d.receivedAt) : '',
        dueDate: d.dueDate ? formatDay(d.dueDate) : '',
        timeliness:
          d.timeliness === 'overdue'
            ? `Quá hạn ${d.overdueDays ?? ''} ngày`.replace('  ', ' ')
            : d.timeliness === 'almost_due'
              ? 'Sắp đến hạn'
              : d.timeliness === 'not_due'
                ? 'Trong hạn'
                : '',
        result: d.result ? RESULT_TEXT[d.result] : '',
      }),
    );
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).alignment = { vertical: 'middle', wrapText: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
    ws.autoFilter = { from: 'A1', to: 'K1' };
    return { fileName: `ho-so-${this.deps.clock.today()}.xlsx`, contentType: XLSX, data: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
