import type { DossierStatistics } from '@cchc/domain';
import { formHeader, gap, grid, line, pack, PAGE_WIDTH, title } from '../dossiers/forms/form-layout';
import { formatDay } from '../dossiers/forms/form-time';
import type { FormHeader } from '../dossiers/forms/form-views';

// The Word draft of a PAR report (docs/reports.md "Draft"): the usual outline — results per reform
// area, the one-stop figures of the period, tasks done and late, the scorecard's status,
// shortcomings, next period's tasks. The officer edits it and uploads the final. Pure layout: the
// service gathers the figures.

export interface TaskSummary {
  onTime: number;
  late: number;
  inTime: number;
  overdue: number;
  overdueTitles: string[];
}

export interface ScorecardStatus {
  year: number;
  statusText: string;
  totalText: string | null;
}

export interface ReportDraftView {
  header: FormHeader;
  reportName: string;
  recipient: string;
  periodFrom: string;
  periodTo: string;
  /** Checklist items in order; the reform areas get a heading each. */
  outline: Array<{ key: string; label: string }>;
  statistics: DossierStatistics | null;
  tasks: TaskSummary | null;
  scorecard: ScorecardStatus | null;
}

const FILL = '(Nội dung do đơn vị soạn thảo bổ sung.)';
const NOT_AVAILABLE = 'Chưa có dữ liệu trong hệ thống cho kỳ báo cáo này.';
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];
/** Outline keys that are sections of their own rather than reform areas. */
const OWN_SECTIONS = new Set(['one_stop_figures', 'shortcomings', 'next_tasks']);

const percent = (bp: number | null) => (bp === null ? '—' : `${(bp / 100).toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}%`);
const num = (n: number) => n.toLocaleString('vi-VN');

function statisticsBlock(s: DossierStatistics | null) {
  if (!s) return [line(NOT_AVAILABLE, { indentFirst: true, italics: true })];
  const w = [Math.round(PAGE_WIDTH * 0.7), PAGE_WIDTH - Math.round(PAGE_WIDTH * 0.7)];
  const rows: string[][] = [
    ['Tổng số hồ sơ nhận giải quyết', num(s.toProcess)],
    ['- Kỳ trước chuyển qua', num(s.carriedOver)],
    [
      '- Tiếp nhận trong kỳ (trực tuyến / trực tiếp / bưu chính)',
      `${num(s.received.total)} (${num(s.received.online)} / ${num(s.received.counter)} / ${num(s.received.post)})`,
    ],
    [
      'Đã giải quyết (trước hạn / đúng hạn / quá hạn)',
      `${num(s.completed.total)} (${num(s.completed.early)} / ${num(s.completed.onTime)} / ${num(s.completed.late)})`,
    ],
    ['Đang giải quyết (trong hạn / quá hạn)', `${num(s.inProgress.total)} (${num(s.inProgress.withinTime)} / ${num(s.inProgress.overdue)})`],
    ['Tạm dừng (chờ bổ sung / chờ nghĩa vụ tài chính)', `${num(s.paused.total)} (${num(s.paused.supplement)} / ${num(s.paused.payment)})`],
    ['Phiếu xin lỗi đã phát hành', num(s.apologiesIssued)],
    ['Tỷ lệ giải quyết đúng hạn', percent(s.onTimeRateBasisPoints)],
  ];
  return [grid(w, ['Chỉ tiêu', 'Số liệu'], rows, ['left', 'center']), gap()];
}

function tasksBlock(t: TaskSummary | null) {
  if (!t) return [line(NOT_AVAILABLE, { indentFirst: true, italics: true })];
  const out = [
    line(`Nhiệm vụ đến hạn đã hoàn thành: đúng hạn ${num(t.onTime)}, quá hạn ${num(t.late)}.`, { indentFirst: true }),
    line(`Nhiệm vụ chưa hoàn thành: trong hạn ${num(t.inTime)}, quá hạn ${num(t.overdue)}.`, { indentFirst: true }),
  ];
  if (t.overdueTitles.length)
    out.push(line('Các nhiệm vụ quá hạn:', { indentFirst: true }), ...t.overdueTitles.map((x) => line(`- ${x}`, { indentFirst: true })));
  return out;
}

/** Renders the draft as a .docx file. */
export function renderReportDraft(v: ReportDraftView): Promise<Buffer> {
  const areas = v.outline.filter((o) => !OWN_SECTIONS.has(o.key));
  let n = 0;
  const section = (text: string) => line(`${ROMAN[n++]}. ${text.toUpperCase()}`, { bold: true, before: 6, keepNext: true });
  const children = [
    formHeader(v.header, 'BC'),
    ...title('Báo cáo', v.reportName),
    line(`(Kỳ báo cáo từ ngày ${formatDay(v.periodFrom)} đến ngày ${formatDay(v.periodTo)})`, { align: 'center', italics: true, after: 6 }),
    line(`Kính gửi: ${v.recipient}`, { align: 'center', after: 9 }),
    section('Kết quả thực hiện các nhiệm vụ cải cách hành chính'),
    ...areas.flatMap((a, i) => [
      line(`${i + 1}. ${a.label}`, { bold: true, keepNext: true }),
      line(FILL, { indentFirst: true, italics: true }),
      ...(a.key === 'procedures'
        ? [line('Kết quả tiếp nhận, giải quyết hồ sơ theo cơ chế một cửa trong kỳ:', { indentFirst: true }), ...statisticsBlock(v.statistics)]
        : []),
    ]),
    ...(areas.some((a) => a.key === 'procedures')
      ? []
      : [section('Kết quả giải quyết thủ tục hành chính theo cơ chế một cửa'), ...statisticsBlock(v.statistics)]),
    section('Tình hình thực hiện nhiệm vụ cải cách hành chính'),
    ...tasksBlock(v.tasks),
    section('Tình hình Chỉ số cải cách hành chính'),
    v.scorecard
      ? line(`Năm ${v.scorecard.year}: ${v.scorecard.statusText}${v.scorecard.totalText ? `; tổng điểm hiện tại ${v.scorecard.totalText}` : ''}.`, {
          indentFirst: true,
        })
      : line(NOT_AVAILABLE, { indentFirst: true, italics: true }),
    section('Tồn tại, hạn chế và nguyên nhân'),
    line(FILL, { indentFirst: true, italics: true }),
    section('Nhiệm vụ trọng tâm kỳ tới'),
    line(FILL, { indentFirst: true, italics: true }),
  ];
  return pack(children, v.reportName);
}
