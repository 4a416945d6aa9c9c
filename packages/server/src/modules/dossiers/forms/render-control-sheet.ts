import { field, formHeader, grid, line, pack, PAGE_WIDTH, title } from './form-layout';
import { longInstant, shortInstant } from './form-time';
import type { ControlSheetView, StepResult } from './form-views';

// Form 05 (TT 01/2018/TT-VPCP; 06 under TT 03/2025): one row per hand-over with its time and
// whether the step finished early, on time or late (docs/domain/dossiers.md#forms, docs/domain/dossiers.md#supplement-pause-and-timeliness). In software it is
// the process log; on paper both sides sign each row, so the last column leaves room for that.

const RESULT_TEXT: Record<StepResult, string> = { early: 'Trước hạn', on_time: 'Đúng hạn', late: 'Trễ hạn' };

/** Renders Form 05, Phiếu kiểm soát quá trình giải quyết hồ sơ, as a .docx file. */
export function renderControlSheet(v: ControlSheetView): Promise<Buffer> {
  const widths = [700, 1900, 1900, 1850, 1400]; // STT fits on one line; the result column holds 'Trước hạn' unbroken
  widths.push(PAGE_WIDTH - widths.reduce((a, b) => a + b, 0));
  const table = grid(
    widths,
    ['STT', 'Giao', 'Nhận', 'Thời gian giao, nhận', 'Kết quả\n(Trước hạn / Đúng hạn / Trễ hạn)', 'Ghi chú'],
    v.rows.map((r, i) => [
      String(i + 1),
      `1. Giao: ${r.from}`,
      `2. Nhận: ${r.to}`,
      shortInstant(r.at) + (r.dueAt ? `\n(Hạn: ${shortInstant(r.dueAt)})` : ''),
      r.result ? RESULT_TEXT[r.result] : '',
      r.note ?? '',
    ]),
    ['center', 'left', 'left', 'center', 'center', 'left'],
  );
  return pack(
    [
      formHeader(v.header),
      ...title('Phiếu kiểm soát quá trình giải quyết hồ sơ'),
      line(['Mã hồ sơ: ', { text: v.dossierCode, bold: true }], { align: 'center', after: 6 }),
      line(['Kèm theo hồ sơ của: Ông/Bà ', { text: v.applicantName, bold: true }]),
      line(`Thời gian nhận hồ sơ: ${longInstant(v.receivedAt)}`),
      line(['Thời gian trả kết quả giải quyết hồ sơ: ', { text: longInstant(v.dueAt), bold: true }]),
      field('Cơ quan (bộ phận) giải quyết hồ sơ', v.leadAgency),
      line('Cơ quan phối hợp giải quyết hồ sơ: ……………………………………', { after: 6 }),
      table,
      ...(v.checkedComponents?.length ? [line(`Thành phần hồ sơ đã kiểm tra khi tiếp nhận: ${v.checkedComponents.join('; ')}.`, { before: 6 })] : []),
      ...(v.resultLine ? [line(['Kết quả giải quyết: ', { text: v.resultLine, bold: true }], { before: 6 })] : []),
    ],
    `Phiếu kiểm soát ${v.dossierCode}`,
  );
}
