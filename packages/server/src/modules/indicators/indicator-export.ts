import type { BreakdownView, Qd766View } from './indicator.schemas';

// The QĐ 766 results as the national report lays them out (docs/domain/qd766.md#indicator-groups): a title,
// the unit and period, then one table: STT, group / indicator, maximum, numerator, denominator, rate, points,
// with each group's line in bold above its indicators and the total at the bottom. Numbers are stored as
// numbers with a number format, so the reader's locale prints the decimal comma
// (docs/conventions.md#values-dates-instants-scores). A second sheet breaks the dossier indicators down by unit.

const HEADERS = ['STT', 'Nhóm chỉ số / Chỉ số', 'Nguồn số liệu', 'Điểm tối đa', 'Tử số', 'Mẫu số', 'Tỷ lệ / Giá trị', 'Điểm đạt'];
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

export async function writeQd766Workbook(view: Qd766View, byUnit: BreakdownView): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'CCHC';
  const thin = { style: 'thin' as const };
  const box = { top: thin, left: thin, bottom: thin, right: thin };
  const ws = wb.addWorksheet('Chỉ số 766', { pageSetup: { orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.getCell(1, 1).value = 'KẾT QUẢ BỘ CHỈ SỐ CHỈ ĐẠO, ĐIỀU HÀNH VÀ ĐÁNH GIÁ CHẤT LƯỢNG PHỤC VỤ NGƯỜI DÂN, DOANH NGHIỆP';
  ws.getCell(1, 1).font = { bold: true, size: 13 };
  ws.mergeCells(2, 1, 2, HEADERS.length);
  ws.getCell(2, 1).value = `(Theo Quyết định số 766/QĐ-TTg ngày 23/6/2022 của Thủ tướng Chính phủ; bộ chỉ số: ${view.set.title})`;
  ws.getCell(2, 1).font = { italic: true };
  ws.mergeCells(3, 1, 3, HEADERS.length);
  ws.getCell(3, 1).value = `Đơn vị: ${view.unitName}. Kỳ đánh giá: từ ngày ${dmy(view.from)} đến ngày ${dmy(view.to)}`;
  for (const r of [1, 2, 3]) ws.getCell(r, 1).alignment = { horizontal: 'center', wrapText: true };
  const header = ws.getRow(5);
  HEADERS.forEach((h, i) => (header.getCell(i + 1).value = h));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle', horizontal: 'center' };
  let r = 6;
  const put = (values: Array<string | number | null>, opts: { bold?: boolean; percent?: boolean } = {}) => {
    const row = ws.getRow(r++);
    values.forEach((v, i) => (row.getCell(i + 1).value = v));
    for (const c of [4, 8]) row.getCell(c).numFmt = '0.00';
    row.getCell(7).numFmt = opts.percent === false ? '0.00' : '0.00%';
    if (opts.bold) row.font = { bold: true };
    for (let c = 1; c <= HEADERS.length; c++) row.getCell(c).border = box;
  };
  view.groups.forEach((g, gi) => {
    put([ROMAN[gi] ?? String(g.group), g.name.vi, null, g.max, null, null, null, g.points], { bold: true });
    for (const i of g.indicators) {
      const value = i.valueHundredths === null ? null : i.unit === 'hours' ? i.valueHundredths / 100 : i.valueHundredths / 10_000;
      put(
        [
          i.code,
          i.name.vi,
          i.source === 'computed' ? 'Hệ thống tính' : 'Nhập liệu',
          i.max,
          i.hasData ? i.numerator : null,
          i.hasData ? i.denominator : null,
          value,
          i.points,
        ],
        { percent: i.unit !== 'hours' },
      );
    }
  });
  put(['', 'Tổng điểm', null, view.max, null, null, null, view.total], { bold: true });
  ws.columns.forEach((col, i) => (col.width = [7, 60, 14, 11, 12, 12, 13, 11][i]));

  const ws2 = wb.addWorksheet('Theo đơn vị');
  const codes = byUnit.codes;
  const head2 = ['STT', 'Đơn vị', ...codes.flatMap((c) => [`${c} Tử số`, `${c} Mẫu số`, `${c} Tỷ lệ`])];
  head2.forEach((h, i) => (ws2.getRow(1).getCell(i + 1).value = h));
  ws2.getRow(1).font = { bold: true };
  byUnit.lines.forEach((l, li) => {
    const row = ws2.getRow(li + 2);
    row.getCell(1).value = li + 1;
    row.getCell(2).value = l.name;
    l.indicators.forEach((i, k) => {
      row.getCell(3 + 3 * k).value = i.numerator;
      row.getCell(4 + 3 * k).value = i.denominator;
      const cell = row.getCell(5 + 3 * k);
      cell.value = i.valueHundredths === null ? null : i.code === '2.2' ? i.valueHundredths / 100 : i.valueHundredths / 10_000;
      cell.numFmt = i.code === '2.2' ? '0.00' : '0.00%';
    });
  });
  ws2.columns.forEach((col, i) => (col.width = i === 1 ? 40 : i === 0 ? 6 : 11));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
