import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { formatPercent } from '@cchc/domain';
import ExcelJS from 'exceljs';
import type { AssessmentViewT, EvidenceViewT } from './par.schemas';

// Exports of an assessment: the scorecard and the evidence register as .xlsx (Vietnamese headers), and the
// self-assessment report as .docx laid out like a Vietnamese administrative document (Times New Roman).

const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** 8008 → "80,08". */
export const viScore = (h: number | null | undefined): string => (h === null || h === undefined ? '' : decimal.format(h / 100));

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export async function scorecardXlsx(v: AssessmentViewT): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Bảng điểm');
  ws.addRow([`BẢNG ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${v.year}: ${v.agencyName}`]);
  ws.addRow(['STT', 'Tiêu chí', 'Điểm tối đa', 'Điểm tự đánh giá', 'Điểm thẩm định', 'Điểm cuối cùng', 'Chỉ số (%)', 'Ghi chú']);
  ws.getRow(2).font = { bold: true };
  for (const line of v.lines) {
    const layer = line.layers.final.points !== null ? line.layers.final : line.layers.appraised.points !== null ? line.layers.appraised : line.layers.self;
    ws.addRow([
      line.code,
      line.title,
      line.maxHundredths / 100,
      line.layers.self.points === null ? null : line.layers.self.points / 100,
      line.layers.appraised.points === null ? null : line.layers.appraised.points / 100,
      line.layers.final.points === null ? null : line.layers.final.points / 100,
      layer.percentBasisPoints === null ? null : layer.percentBasisPoints / 100,
      line.applicable ? (line.score.selfNote ?? '') : 'Không áp dụng',
    ]);
  }
  ws.addRow([
    '',
    'Tổng cộng',
    v.total.maxHundredths / 100,
    pts(v.total.layers.self.points),
    pts(v.total.layers.appraised.points),
    pts(v.total.layers.final.points),
    v.percentBasisPoints === null ? null : v.percentBasisPoints / 100,
    '',
  ]);
  if (v.reportedTotalHundredths !== null)
    ws.addRow(['', 'Tổng điểm công bố', null, null, null, v.reportedTotalHundredths / 100, null, v.totalsDiffer ? 'Khác tổng tính lại' : '']);
  for (const c of [3, 4, 5, 6, 7]) ws.getColumn(c).numFmt = '0.00';
  ws.getColumn(2).width = 70;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const pts = (h: number | null) => (h === null ? null : h / 100);

export async function evidenceXlsx(v: AssessmentViewT, evidence: readonly EvidenceViewT[]): Promise<Buffer> {
  const codes = new Map(v.lines.map((l) => [l.nodeId, l.code]));
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Tài liệu kiểm chứng');
  ws.addRow(['STT', 'Số, ký hiệu', 'Ngày ban hành', 'Cơ quan ban hành', 'Trích yếu', 'Tiêu chí', 'Tệp đính kèm']);
  ws.getRow(1).font = { bold: true };
  evidence.forEach((e, i) => {
    ws.addRow([
      i + 1,
      e.numberSymbol,
      e.issuedOn ? e.issuedOn.split('-').reverse().join('/') : '',
      e.issuer ?? '',
      e.title,
      e.criterionIds.map((c) => codes.get(c) ?? c).join(', '),
      e.attachmentId ? 'Có' : 'Không',
    ]);
  });
  ws.getColumn(5).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FONT = 'Times New Roman';
const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font: FONT, size: opts.size ?? 26, bold: opts.bold ?? false, italics: opts.italics ?? false });
const para = (children: TextRun[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) =>
  new Paragraph({ alignment, children });
const cell = (text: string, opts: { bold?: boolean; width?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new TableCell({
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
    children: [para([run(text, { bold: opts.bold ?? false, size: 24 })], opts.align ?? AlignmentType.CENTER)],
  });

/** The layers a report can show, each with its column header (the layer named, docs/domain/par-index.md#score-layers-evidence-and-not-applicable-rows). */
const REPORT_LAYERS = [
  { key: 'self', header: 'Điểm tự đánh giá' },
  { key: 'appraised', header: 'Điểm thẩm định' },
  { key: 'final', header: 'Điểm chính thức' },
] as const;

/**
 * The report of an assessment as .docx: the self-assessment report while the year is open, the result
 * report once it is fixed. It shows every layer the year has (self, appraised, final, and the published
 * field scores of a published year), each column headed by its layer, the totals of each layer, and a
 * published total that differs from the one recomputed from its fields, flagged and never corrected
 * (docs/domain/par-index.md#worked-example-the-2019-scorecard: 80,18 computed against 80,08 published).
 * `published` maps a field's code to its published score (hundredths).
 */
export async function reportDocx(v: AssessmentViewT, today: string, published: ReadonlyMap<string, number> = new Map()): Promise<Buffer> {
  const [y, m, d] = today.split('-');
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: {
      top: { style: 'none', size: 0, color: 'FFFFFF' },
      bottom: { style: 'none', size: 0, color: 'FFFFFF' },
      left: { style: 'none', size: 0, color: 'FFFFFF' },
      right: { style: 'none', size: 0, color: 'FFFFFF' },
      insideHorizontal: { style: 'none', size: 0, color: 'FFFFFF' },
      insideVertical: { style: 'none', size: 0, color: 'FFFFFF' },
    },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            children: [para([run(v.agencyName.toUpperCase(), { bold: true })]), para([run('Số:      /BC-…')])],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            children: [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })]),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true })]),
              para([run(`…, ngày ${d} tháng ${m} năm ${y}`, { italics: true })]),
            ],
          }),
        ],
      }),
    ],
  });
  const layers = REPORT_LAYERS.filter((l) => v.total.layers[l.key].points !== null || v.lines.some((line) => line.layers[l.key].points !== null));
  const shown = layers.length > 0 ? layers : [REPORT_LAYERS[0]];
  const latest = shown[shown.length - 1]!;
  const hasPublished = published.size > 0 || v.reportedTotalHundredths !== null;
  const rows = [
    new TableRow({
      tableHeader: true,
      children: [
        cell('STT/Tiêu chí', { bold: true, width: 34 }),
        cell('Điểm tối đa', { bold: true }),
        ...shown.map((l) => cell(l.header, { bold: true })),
        ...(hasPublished ? [cell('Điểm công bố', { bold: true })] : []),
        cell(`Chỉ số (${latest.header.toLowerCase()})`, { bold: true }),
        cell('Ghi chú', { bold: true }),
      ],
    }),
    ...v.lines.map(
      (l) =>
        new TableRow({
          children: [
            cell(`${l.code}. ${l.title}`, { align: AlignmentType.LEFT, bold: l.parentId === null }),
            cell(viScore(l.maxHundredths)),
            ...shown.map((layer) => cell(viScore(l.layers[layer.key].points))),
            ...(hasPublished ? [cell(l.parentId === null ? viScore(published.get(l.code)) : '')] : []),
            cell(formatPercent(l.layers[latest.key].percentBasisPoints)),
            cell(l.applicable ? (l.score.selfNote ?? '') : 'Không áp dụng', { align: AlignmentType.LEFT }),
          ],
        }),
    ),
    new TableRow({
      children: [
        cell('TỔNG CỘNG', { bold: true }),
        cell(viScore(v.total.maxHundredths), { bold: true }),
        ...shown.map((layer) => cell(viScore(v.total.layers[layer.key].points), { bold: true })),
        ...(hasPublished ? [cell(viScore(v.reportedTotalHundredths), { bold: true })] : []),
        cell(formatPercent(v.total.layers[latest.key].percentBasisPoints), { bold: true }),
        cell(v.totalsDiffer ? 'Tổng công bố khác tổng tính lại' : '', { align: AlignmentType.LEFT }),
      ],
    }),
  ];
  const check = v.publishedCheck;
  const notes: Paragraph[] = [];
  if (check?.differs || v.totalsDiffer) {
    const computed = check?.computedTotalHundredths ?? v.computedTotalHundredths;
    const reported = check?.reportedTotalHundredths ?? v.reportedTotalHundredths;
    const diff = computed !== null && reported !== null ? Math.abs(computed - reported) : null;
    notes.push(
      para(
        [
          run(
            `Lưu ý: tổng điểm tính lại từ điểm các lĩnh vực là ${viScore(computed)}, tổng điểm công bố là ${viScore(reported)}` +
              (diff !== null ? ` (chênh lệch ${viScore(diff)} điểm)` : '') +
              '. Hai số được giữ nguyên để đối chiếu với văn bản công bố kết quả.',
            { italics: true },
          ),
        ],
        AlignmentType.LEFT,
      ),
    );
  }
  const summary: string[] = [];
  if (v.band) summary.push(`Xếp loại: ${v.band}`);
  if (v.reportedRank !== null) summary.push(`Xếp hạng công bố: ${v.reportedRank}${v.rankGroupSize ? `/${v.rankGroupSize}` : ''}`);
  if (v.publishedRef) summary.push(`Căn cứ: ${v.publishedRef}`);
  if (summary.length > 0) notes.push(para([run(summary.join('. ') + '.')], AlignmentType.LEFT));
  const finished = v.status === 'final' || v.status === 'published';
  const title = finished
    ? `BÁO CÁO KẾT QUẢ CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${v.year}`
    : `BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${v.year}`;
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        children: [
          header,
          new Paragraph({ children: [] }),
          para([run(title, { bold: true, size: 28 })]),
          new Paragraph({ children: [] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          new Paragraph({ children: [] }),
          ...notes,
          new Paragraph({ children: [] }),
          para([run('THỦ TRƯỞNG CƠ QUAN', { bold: true })], AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
