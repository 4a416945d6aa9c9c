import type { TaskListRow } from './task.repository';
import type { StatisticsView } from './plan.schemas';
import { parseCriteria } from './task-access';

// The Excel files of the plans module: the task sheet (its columns are also the import's) and the
// statistics in the national follow-up shape (report 1270/BC-TCTTTg, docs/plans.md).

/** The task sheet's columns, in order; the import reads the first ten by their headers and needs the `required` ones. */
export const TASK_COLUMNS = [
  { key: 'stt', header: 'STT', width: 7, required: false },
  { key: 'title', header: 'Nội dung nhiệm vụ', width: 50, required: true },
  { key: 'description', header: 'Mô tả', width: 30, required: false },
  { key: 'unit', header: 'Đơn vị chủ trì', width: 28, required: true },
  { key: 'coordinating', header: 'Đơn vị phối hợp', width: 28, required: false },
  { key: 'startOn', header: 'Ngày bắt đầu', width: 14, required: false },
  { key: 'dueOn', header: 'Thời hạn hoàn thành', width: 14, required: true },
  { key: 'expectedOutput', header: 'Sản phẩm', width: 28, required: false },
  { key: 'criteria', header: 'Tiêu chí CCHC', width: 14, required: false },
  { key: 'priority', header: 'Mức ưu tiên', width: 12, required: false },
] as const;
export type TaskColumnKey = (typeof TASK_COLUMNS)[number]['key'];

export const PRIORITY_TEXT = { high: 'Cao', normal: 'Bình thường', low: 'Thấp' } as const;
export const STATUS_TEXT: Record<string, string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  awaiting_approval: 'Chờ duyệt hoàn thành',
  done: 'Hoàn thành đúng hạn',
  done_late: 'Hoàn thành quá hạn',
  cancelled: 'Đã hủy',
};

const dmy = (d: string | null) => (d ? `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}` : '');

/** Numbers the tasks as the appendix does: 1, 2, … and 1.1, 1.2 … for sub-tasks. */
export function numbering(rows: TaskListRow[]): Map<string, string> {
  const out = new Map<string, string>();
  let top = 0;
  const subs = new Map<string, number>();
  for (const r of rows.filter((x) => !x.parentId)) out.set(r.id, String(++top));
  for (const r of rows.filter((x) => x.parentId)) {
    const n = (subs.get(r.parentId!) ?? 0) + 1;
    subs.set(r.parentId!, n);
    out.set(r.id, `${out.get(r.parentId!) ?? '?'}.${n}`);
  }
  return out;
}

/** Tasks in appendix order: each top-level task followed by its sub-tasks. */
export function appendixOrder(rows: TaskListRow[]): TaskListRow[] {
  const out: TaskListRow[] = [];
  for (const r of rows.filter((x) => !x.parentId)) out.push(r, ...rows.filter((s) => s.parentId === r.id));
  return out;
}

export async function writeTasksSheet(rows: TaskListRow[], coordinating: Array<{ taskId: string; name: string }>): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const ws = wb.addWorksheet('Nhiệm vụ');
  ws.columns = [
    ...TASK_COLUMNS,
    { key: 'status', header: 'Trạng thái', width: 20 },
    { key: 'progress', header: 'Tiến độ (%)', width: 10 },
    { key: 'lead', header: 'Người chủ trì', width: 24 },
  ].map((c) => ({ key: c.key, header: c.header, width: c.width }));
  ws.getRow(1).font = { bold: true };
  const stt = numbering(rows);
  for (const r of appendixOrder(rows)) {
    ws.addRow({
      stt: stt.get(r.id),
      title: r.title,
      description: r.description ?? '',
      unit: r.unitName,
      coordinating: coordinating
        .filter((c) => c.taskId === r.id)
        .map((c) => c.name)
        .join('; '),
      startOn: dmy(r.startOn),
      dueOn: dmy(r.dueOn),
      expectedOutput: r.expectedOutput ?? '',
      criteria: parseCriteria(r.criteria).join('; '),
      priority: PRIORITY_TEXT[r.priority as keyof typeof PRIORITY_TEXT] ?? r.priority,
      status: STATUS_TEXT[r.status] ?? r.status,
      progress: r.progress,
      lead: r.leadName ?? '',
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const STAT_HEADERS = [
  'STT',
  'Đơn vị / Văn bản giao',
  'Tổng số nhiệm vụ',
  'Hoàn thành đúng hạn',
  'Hoàn thành quá hạn',
  'Chưa hoàn thành, trong hạn',
  'Chưa hoàn thành, quá hạn',
  'Tỷ lệ hoàn thành',
];

export async function writeStatisticsSheet(s: StatisticsView, day: (d: string) => string): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  const sheet = (name: string, label: string, rows: StatisticsView['byUnit']) => {
    const ws = wb.addWorksheet(name, { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
    ws.mergeCells(1, 1, 1, STAT_HEADERS.length);
    ws.getCell(1, 1).value = 'KẾT QUẢ THỰC HIỆN NHIỆM VỤ ĐƯỢC GIAO';
    ws.getCell(1, 1).font = { bold: true, size: 14 };
    ws.mergeCells(2, 1, 2, STAT_HEADERS.length);
    ws.getCell(2, 1).value = `Nhiệm vụ có thời hạn từ ngày ${day(s.from)} đến ngày ${day(s.to)}; số liệu tính đến ngày ${day(s.asOf)}`;
    ws.getCell(2, 1).font = { italic: true };
    for (const r of [1, 2]) ws.getCell(r, 1).alignment = { horizontal: 'center' };
    const header = ws.getRow(4);
    STAT_HEADERS.forEach((h, i) => (header.getCell(i + 1).value = i === 1 ? label : h));
    header.font = { bold: true };
    const lines = [
      ...rows.map((r, i) => [i + 1, r.name, r.total, r.done_on_time, r.done_late, r.in_time, r.overdue, r.completionRateBasisPoints]),
      ['', 'Tổng cộng', s.total.total, s.total.done_on_time, s.total.done_late, s.total.in_time, s.total.overdue, s.total.completionRateBasisPoints],
    ];
    lines.forEach((l, i) => {
      const row = ws.getRow(5 + i);
      l.forEach((v, c) => (row.getCell(c + 1).value = c === 7 ? (v === null ? '' : Number(v) / 10000) : v));
      row.getCell(8).numFmt = '0.00%';
      if (i === lines.length - 1) row.font = { bold: true };
    });
    for (let r = 4; r < 5 + lines.length; r++) for (let c = 1; c <= STAT_HEADERS.length; c++) ws.getCell(r, c).border = box;
    ws.columns.forEach((col, i) => (col.width = i === 1 ? 48 : i === 0 ? 6 : 16));
    header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  };
  sheet('Theo đơn vị', 'Đơn vị chủ trì', s.byUnit);
  sheet(
    'Theo văn bản giao',
    'Văn bản giao nhiệm vụ',
    s.byPlan.map((p) => ({ ...p, name: p.documentNumber ? `${p.name} (${p.documentNumber})` : p.name })),
  );
  const ws = wb.addWorksheet('Nhiệm vụ quá hạn');
  ws.columns = [
    { header: 'STT', key: 'stt', width: 6 },
    { header: 'Nhiệm vụ', key: 'title', width: 60 },
    { header: 'Đơn vị chủ trì', key: 'unit', width: 30 },
    { header: 'Thời hạn', key: 'due', width: 14 },
    { header: 'Văn bản giao', key: 'plan', width: 40 },
  ];
  ws.getRow(1).font = { bold: true };
  s.overdueTasks.forEach((t, i) => ws.addRow({ stt: i + 1, title: t.title, unit: t.unitName, due: day(t.dueOn), plan: t.planTitle }));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
