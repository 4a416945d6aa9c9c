import { AlignmentType, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import ExcelJS from 'exceljs';
import type { AssessmentViewT, EvidenceViewT } from './par.schemas';

// Exports of an assessment: the scorecard and the evidence register as .xlsx (Vietnamese headers), and the
// self-assessment report as .docx laid out like a Vietnamese administrative document (Times New Roman).

const decimal = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
/** 8008 → "80,08". */
export const viScore = (h: number | null | undefined): string => (h === null || h === undefined ? '' : decimal.format(h / 100));
/** 9318 basis points → "93,18". */
export const viPercent = (bp: number | null | undefined): string => (bp === null || bp === undefined ? '' : decimal.format(bp / 100));

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
  ws.addRow(['', 'Tổng cộng', v.total.maxHundredths / 100, pts(v.total.layers.self.points), pts(v.total.layers.appraised.points), pts(v.total.layers.final.points), v.percentBasisPoints === null ? null : v.percentBasisPoints / 100, '']);
  if (v.reportedTotalHundredths !== null) ws.addRow(['', 'Tổng điểm công bố', null, null, null, v.reportedTotalHundredths / 100, null, v.totalsDiffer ? 'Khác tổng tính lại' : '']);
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
    ws.addRow([i + 1, e.numberSymbol, e.issuedOn ? e.issuedOn.split('-').reverse().join('/') : '', e.issuer ?? '', e.title, e.criterionIds.map((c) => codes.get(c) ?? c).join(', '), e.attachmentId ? 'Có' : 'Không']);
  });
  ws.getColumn(5).width = 60;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const FONT = 'Times New Roman';
const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) => new TextRun({ text, font: FONT, size: opts.size ?? 26, bold: opts.bold ?? false, italics: opts.italics ?? false });
const para = (children: TextRun[], alignment: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.CENTER) => new Paragraph({ alignment, children });
const cell = (text: string, opts: { bold?: boolean; width?: number; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
  new TableCell({
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
    children: [para([run(text, { bold: opts.bold ?? false, size: 24 })], opts.align ?? AlignmentType.CENTER)],
  });

/** The self-assessment report (Báo cáo tự đánh giá) as .docx. */
export async function reportDocx(v: AssessmentViewT, today: string): Promise<Buffer> {
  const [y, m, d] = today.split('-');
  const header = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: { style: 'none', size: 0, color: 'FFFFFF' }, bottom: { style: 'none', size: 0, color: 'FFFFFF' }, left: { style: 'none', size: 0, color: 'FFFFFF' }, right: { style: 'none', size: 0, color: 'FFFFFF' }, insideHorizontal: { style: 'none', size: 0, color: 'FFFFFF' }, insideVertical: { style: 'none', size: 0, color: 'FFFFFF' } },
    rows: [
      new TableRow({
        children: [
          new TableCell({ width: { size: 40, type: WidthType.PERCENTAGE }, children: [para([run(v.agencyName.toUpperCase(), { bold: true })]), para([run('Số:      /BC-…')])] }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            children: [para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true })]), para([run('Độc lập - Tự do - Hạnh phúc', { bold: true })]), para([run(`…, ngày ${d} tháng ${m} năm ${y}`, { italics: true })])],
          }),
        ],
      }),
    ],
  });
  const rows = [
    new TableRow({
      tableHeader: true,
      children: [cell('STT/Tiêu chí', { bold: true, width: 40 }), cell('Điểm tối đa', { bold: true }), cell('Điểm tự đánh giá', { bold: true }), cell('Điểm thẩm định', { bold: true }), cell('Chỉ số (%)', { bold: true }), cell('Ghi chú', { bold: true })],
    }),
    ...v.lines.map(
      (l) =>
        new TableRow({
          children: [
            cell(`${l.code}. ${l.title}`, { align: AlignmentType.LEFT, bold: l.parentId === null }),
            cell(viScore(l.maxHundredths)),
            cell(viScore(l.layers.self.points)),
            cell(viScore(l.layers.appraised.points)),
            cell(viPercent(l.layers.appraised.points !== null ? l.layers.appraised.percentBasisPoints : l.layers.self.percentBasisPoints)),
            cell(l.applicable ? (l.score.selfNote ?? '') : 'Không áp dụng', { align: AlignmentType.LEFT }),
          ],
        }),
    ),
    new TableRow({
      children: [cell('TỔNG CỘNG', { bold: true }), cell(viScore(v.total.maxHundredths), { bold: true }), cell(viScore(v.total.layers.self.points), { bold: true }), cell(viScore(v.total.layers.appraised.points), { bold: true }), cell(viPercent(v.total.layers.self.percentBasisPoints), { bold: true }), cell('')],
    }),
  ];
  const doc = new Document({
    styles: { default: { document: { run: { font: FONT, size: 26 } } } },
    sections: [
      {
        children: [
          header,
          new Paragraph({ children: [] }),
          para([run(`BÁO CÁO TỰ ĐÁNH GIÁ, CHẤM ĐIỂM CHỈ SỐ CẢI CÁCH HÀNH CHÍNH NĂM ${v.year}`, { bold: true, size: 28 })]),
          new Paragraph({ children: [] }),
          new Table({ width: { size: 100, type: WidthType.PERCENTAGE }, rows }),
          new Paragraph({ children: [] }),
          para([run('THỦ TRƯỞNG CƠ QUAN', { bold: true })], AlignmentType.RIGHT),
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
