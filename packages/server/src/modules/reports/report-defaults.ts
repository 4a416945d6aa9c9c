import type { DueRule, PeriodSelection } from '@cchc/domain';

// The shipped obligations (docs/reports.md "The shipped set"): the usual PAR reports (quarter I,
// six months, quarter III, annual) and the monthly one-stop statistics report. They are data: an
// administrator installs them for an agency from the obligations page (and the demo does), then
// edits dates, recipient and checklist to the province's regime. The due days below are common
// practice, not law; provinces set their own.

export interface ShippedObligation {
  shippedKey: string;
  code: string;
  name: string;
  recipient: string;
  period: PeriodSelection;
  dueRule: DueRule;
  checklist: Array<{ key: string; label: string }>;
  parCriteria: string[];
}

/** The outline of a PAR report (the Word draft follows it too). */
export const PAR_REPORT_CHECKLIST = [
  { key: 'direction', label: 'Công tác chỉ đạo, điều hành cải cách hành chính' },
  { key: 'institutions', label: 'Cải cách thể chế' },
  { key: 'procedures', label: 'Cải cách thủ tục hành chính' },
  { key: 'organisation', label: 'Cải cách tổ chức bộ máy hành chính' },
  { key: 'civil_service', label: 'Xây dựng và nâng cao chất lượng đội ngũ cán bộ, công chức, viên chức' },
  { key: 'public_finance', label: 'Cải cách tài chính công' },
  { key: 'e_government', label: 'Xây dựng và phát triển Chính phủ điện tử, Chính phủ số' },
  { key: 'one_stop_figures', label: 'Số liệu tiếp nhận, giải quyết hồ sơ theo cơ chế một cửa' },
  { key: 'shortcomings', label: 'Tồn tại, hạn chế và nguyên nhân' },
  { key: 'next_tasks', label: 'Nhiệm vụ trọng tâm kỳ tới' },
];

const PAR_CRITERIA = ['1.2.1', '1.2.2'];
const RECIPIENT = 'Sở Nội vụ';
/** PAR reports are commonly due on the 15th of the period's last month (data to the 14th). */
const DUE_15TH: DueRule = { kind: 'day_of_month', monthOffset: 0, day: 15, rollForward: true };

export const SHIPPED_OBLIGATIONS: readonly ShippedObligation[] = [
  {
    shippedKey: 'par_q1',
    code: 'CCHC-Q1',
    name: 'Báo cáo công tác cải cách hành chính quý I',
    recipient: RECIPIENT,
    period: { kind: 'quarterly', numbers: [1], cumulative: false },
    dueRule: DUE_15TH,
    checklist: PAR_REPORT_CHECKLIST,
    parCriteria: PAR_CRITERIA,
  },
  {
    shippedKey: 'par_h1',
    code: 'CCHC-6T',
    name: 'Báo cáo công tác cải cách hành chính 6 tháng đầu năm',
    recipient: RECIPIENT,
    period: { kind: 'six_month', numbers: null, cumulative: false },
    dueRule: DUE_15TH,
    checklist: PAR_REPORT_CHECKLIST,
    parCriteria: PAR_CRITERIA,
  },
  {
    shippedKey: 'par_q3',
    code: 'CCHC-Q3',
    name: 'Báo cáo công tác cải cách hành chính quý III',
    recipient: RECIPIENT,
    period: { kind: 'quarterly', numbers: [3], cumulative: false },
    dueRule: DUE_15TH,
    checklist: PAR_REPORT_CHECKLIST,
    parCriteria: PAR_CRITERIA,
  },
  {
    shippedKey: 'par_year',
    code: 'CCHC-NAM',
    name: 'Báo cáo công tác cải cách hành chính năm',
    recipient: RECIPIENT,
    period: { kind: 'annual', numbers: null, cumulative: false },
    dueRule: { kind: 'day_of_month', monthOffset: 0, day: 10, rollForward: true },
    checklist: PAR_REPORT_CHECKLIST,
    parCriteria: PAR_CRITERIA,
  },
  {
    shippedKey: 'one_stop_month',
    code: 'TTHC-THANG',
    name: 'Báo cáo tình hình, kết quả giải quyết thủ tục hành chính hằng tháng',
    recipient: 'Văn phòng UBND tỉnh',
    period: { kind: 'monthly', numbers: null, cumulative: false },
    dueRule: { kind: 'working_days_after', days: 3 },
    checklist: [
      { key: 'received', label: 'Số hồ sơ tiếp nhận (trực tuyến, trực tiếp, bưu chính)' },
      { key: 'resolved', label: 'Số hồ sơ đã giải quyết (trước hạn, đúng hạn, quá hạn)' },
      { key: 'in_progress', label: 'Số hồ sơ đang giải quyết (trong hạn, quá hạn)' },
      { key: 'apologies', label: 'Phiếu xin lỗi và nguyên nhân trễ hạn' },
    ],
    parCriteria: [],
  },
];
