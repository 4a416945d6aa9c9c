import type { ReportStatus } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { formatDay } from '../dossiers/forms/form-time';
import type { ReportInstancesService } from './report-instances.service';
import type { InstanceExportQuery } from './report.schemas';

// Excel export of the instance list with the list's own filters (docs/reports.md).

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const STATUS_TEXT: Record<ReportStatus, string> = {
  upcoming: 'Chưa đến hạn',
  due: 'Sắp đến hạn',
  late: 'Quá hạn',
  submitted: 'Đã gửi',
  submitted_late: 'Gửi trễ',
};
const EXPORT_LIMIT = 10_000;

export async function exportInstances(instances: ReportInstancesService, actor: ServerActor, q: InstanceExportQuery, today: string) {
  const items = await instances.listAll(actor, q, EXPORT_LIMIT);
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const ws = wb.addWorksheet('Báo cáo định kỳ', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.columns = [
    { header: 'STT', key: 'no', width: 6 },
    { header: 'Mã', key: 'code', width: 14 },
    { header: 'Tên báo cáo', key: 'name', width: 50 },
    { header: 'Kỳ', key: 'period', width: 12 },
    { header: 'Từ ngày', key: 'from', width: 12 },
    { header: 'Đến ngày', key: 'to', width: 12 },
    { header: 'Hạn gửi', key: 'due', width: 12 },
    { header: 'Đơn vị chủ trì', key: 'unit', width: 28 },
    { header: 'Nơi nhận', key: 'recipient', width: 22 },
    { header: 'Tình trạng', key: 'status', width: 14 },
    { header: 'Ngày gửi', key: 'sent', width: 12 },
    { header: 'Đầy đủ nội dung', key: 'complete', width: 14 },
  ];
  items.forEach((r, i) =>
    ws.addRow({
      no: i + 1,
      code: r.obligationCode,
      name: r.name,
      period: r.periodKey,
      from: formatDay(r.periodFrom),
      to: formatDay(r.periodTo),
      due: formatDay(r.dueOn),
      unit: r.responsibleUnitName ?? '',
      recipient: r.recipient,
      status: STATUS_TEXT[r.status],
      sent: r.sentOn ? formatDay(r.sentOn) : '',
      complete: r.isComplete === null ? '' : r.isComplete ? 'Có' : 'Không',
    }),
  );
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.autoFilter = { from: 'A1', to: 'L1' };
  return { fileName: `bao-cao-dinh-ky-${today}.xlsx`, contentType: XLSX, data: Buffer.from(await wb.xlsx.writeBuffer()) };
}
