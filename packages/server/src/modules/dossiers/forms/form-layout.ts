import {
  AlignmentType,
  BorderStyle,
  Document,
  ImageRun,
  LineRuleType,
  Packer,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IRunOptions,
} from 'docx';
import QRCode from 'qrcode';
import { longDay } from './form-time';
import type { FormApplicant, FormHeader } from './form-views';

// Layout of a Vietnamese administrative document after NĐ 30/2020/NĐ-CP Annex I: A4, margins
// top/bottom 20 mm, left 30 mm, right 20 mm, Times New Roman 13 pt body, the agency block and
// the national title side by side in a borderless table, short rules under the agency name and
// the motto, and the place/date line in italics under the motto.

const MM = 56.7; // twips per millimetre
export const PAGE_WIDTH = Math.round(160 * MM); // 210 mm − 30 mm − 20 mm
const LEFT_COL = Math.round(62 * MM);
const RIGHT_COL = PAGE_WIDTH - LEFT_COL;
const PT = 2; // docx sizes are half-points

type Run = string | IRunOptions;
const run = (r: Run, base: IRunOptions = {}) => new TextRun(typeof r === 'string' ? { ...base, text: r } : { ...base, ...r });

export interface LineOptions {
  align?: 'left' | 'center' | 'right' | 'justify';
  bold?: boolean;
  italics?: boolean;
  size?: number; // points
  before?: number; // points
  after?: number; // points
  indentFirst?: boolean;
  keepNext?: boolean;
}

const ALIGN = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT, justify: AlignmentType.JUSTIFIED } as const;

/** One paragraph of runs; a plain string is a run in the paragraph's style. */
export function line(runs: Run | Run[], o: LineOptions = {}): Paragraph {
  const base: IRunOptions = { bold: o.bold, italics: o.italics, size: o.size ? o.size * PT : undefined };
  return new Paragraph({
    alignment: ALIGN[o.align ?? 'justify'],
    spacing: { before: (o.before ?? 0) * 20, after: (o.after ?? 3) * 20 },
    indent: o.indentFirst ? { firstLine: Math.round(10 * MM) } : undefined,
    keepNext: o.keepNext,
    children: [runs].flat().map((r) => run(r, base)),
  });
}

/** "Label: value" with the label plain and the value as given, or dots to fill by hand. */
export function field(label: string, value: string | undefined, o: LineOptions = {}): Paragraph {
  return line([`${label}: `, value?.trim() ? value : '…………………………………………'], o);
}

/** A centred rule about a third of the column wide, drawn as the bottom border of an empty paragraph. */
function rule(columnWidth: number, fraction: number): Paragraph {
  const inset = Math.round((columnWidth * (1 - fraction)) / 2);
  return new Paragraph({
    indent: { left: inset, right: inset },
    spacing: { before: 0, after: 60, line: 120 },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 4 })],
  });
}

const cell = (width: number, children: Array<Paragraph | Table>, verticalAlign: TableVerticalAlign = VerticalAlignTable.TOP) =>
  new TableCell({ width: { size: width, type: WidthType.DXA }, verticalAlign, margins: { left: 40, right: 40 }, children });
type TableVerticalAlign = (typeof VerticalAlignTable)[keyof typeof VerticalAlignTable];

/** A borderless table of side-by-side blocks (header, signatures). */
export function columns(widths: number[], rows: Array<Array<Array<Paragraph | Table>>>): Table {
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: rows.map((r) => new TableRow({ cantSplit: true, children: r.map((c, i) => cell(widths[i]!, c)) })),
  });
}

/**
 * The two-column heading: governing body and agency (with the document number under them) on
 * the left; the national title, motto and place/date on the right. Number and date share a row
 * so they line up as in the printed templates.
 */
export function formHeader(h: FormHeader, numberSuffix?: string): Table {
  const left = [
    line(h.agencyParent.toUpperCase(), { align: 'center', size: 12, after: 0 }),
    line(h.agencyName.toUpperCase(), { align: 'center', size: 12, bold: true, after: 0 }),
    rule(LEFT_COL, 0.35),
  ];
  const right = [
    line('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { align: 'center', size: 12, bold: true, after: 0 }),
    line('Độc lập - Tự do - Hạnh phúc', { align: 'center', size: 13, bold: true, after: 0 }),
    rule(RIGHT_COL, 0.45),
  ];
  const number = h.number ?? (numberSuffix ? `……/${numberSuffix}` : null);
  const numberLine = number ? [line(`Số: ${number}`, { align: 'center', size: 13, after: 0 })] : [line('')];
  const dateLine = [line(`${h.place}, ${longDay(h.issuedOn)}`, { align: 'center', italics: true, size: 13, after: 0 })];
  return columns(
    [LEFT_COL, RIGHT_COL],
    [
      [left, right],
      [numberLine, dateLine],
    ],
  );
}

/** The form title, bold upper case and centred, with an optional second line. */
export function title(text: string, subtitle?: string): Paragraph[] {
  const out = [line(text.toUpperCase(), { align: 'center', bold: true, size: 14, before: 18, after: subtitle ? 0 : 6 })];
  if (subtitle) out.push(line(subtitle, { align: 'center', bold: true, size: 13, after: 6 }));
  return out;
}

/** Applicant's name, address, phone and e-mail as the templates list them. */
export function applicantLines(a: FormApplicant, nameLabel = 'Tiếp nhận hồ sơ của'): Paragraph[] {
  // An organisation is named as itself, with its tax code and who filed for it (issue #13 item 5).
  if (a.taxCode || a.representative) {
    return [
      line([`${nameLabel}: `, { text: a.name, bold: true }]),
      line(`Mã số thuế: ${a.taxCode ?? '……………………'}          Người đại diện: Ông/Bà ${a.representative ?? '……………………'}`),
      field('Địa chỉ', a.address),
      line(`Số điện thoại: ${a.phone?.trim() || '……………………'}          Email: ${a.email?.trim() || '……………………'}`),
    ];
  }
  return [
    line([`${nameLabel}: Ông/Bà `, { text: a.name, bold: true }]),
    field('Địa chỉ', a.address),
    line(`Số điện thoại: ${a.phone?.trim() || '……………………'}          Email: ${a.email?.trim() || '……………………'}`),
  ];
}

/** A grid table with a bold header row; widths in twips. */
export function grid(widths: number[], header: string[], rows: string[][], align: Array<'left' | 'center'> = []): Table {
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  const mk = (texts: string[], isHeader: boolean) =>
    new TableRow({
      tableHeader: isHeader,
      cantSplit: true,
      children: texts.map(
        (t, i) =>
          new TableCell({
            width: { size: widths[i]!, type: WidthType.DXA },
            verticalAlign: VerticalAlignTable.CENTER,
            margins: { left: 80, right: 80, top: 30, bottom: 30 },
            children: t
              .split('\n')
              .map((part) => line(part, { align: isHeader ? 'center' : (align[i] ?? 'left'), bold: isHeader, size: isHeader ? 12 : 13, after: 0 })),
          }),
      ),
    });
  return new Table({
    width: { size: widths.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: border, bottom: border, left: border, right: border, insideHorizontal: border, insideVertical: border },
    rows: [mk(header, true), ...rows.map((r) => mk(r, false))],
  });
}

/** A signature block: title in bold upper case, the hint in italics, room to sign, then the name in bold. */
export function signature(titleText: string, name: string | undefined, hint = '(Ký và ghi rõ họ tên)'): Paragraph[] {
  return [
    line(titleText.toUpperCase(), { align: 'center', bold: true, size: 13, after: 0 }),
    line(hint, { align: 'center', italics: true, size: 13, after: 0 }),
    ...Array.from({ length: 4 }, () => line('', { after: 0 })),
    line(name ?? '', { align: 'center', bold: true, size: 13 }),
  ];
}

/** Two signature blocks side by side (submitter | officer). */
export function signatures(left: Paragraph[], right: Paragraph[]): Table {
  return columns([PAGE_WIDTH / 2, PAGE_WIDTH / 2], [[left, right]]);
}

/**
 * A4 portrait document in the administrative style, packed to a .docx buffer. `line` is the line
 * spacing in 240ths of a line (NĐ 30/2020: single to 1.5 lines); forms that must fit one page use 240.
 */
export function pack(children: Array<Paragraph | Table>, docTitle: string, opts: { line?: number } = {}): Promise<Buffer> {
  const doc = new Document({
    title: docTitle,
    creator: 'CCHC',
    styles: {
      default: {
        document: { run: { font: 'Times New Roman', size: 13 * PT }, paragraph: { spacing: { line: opts.line ?? 276, lineRule: LineRuleType.AUTO } } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM) },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(20 * MM) },
          },
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}

/** A QR code's side of `mm` millimetres in the 96-dpi pixels docx measures images in. */
const qrPixels = (mm: number) => Math.round((mm / 25.4) * 96);

/** A QR code as a PNG at four times its printed size: the same image on a .docx and on a print page. */
export function qrPng(url: string, mm: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: qrPixels(mm) * 4, color: { dark: '#000000', light: '#ffffff' } });
}

/**
 * A QR code of `url`, `mm` wide on paper, centred in its paragraph (the receipt slip's lookup link, a
 * survey letter's one-time link). Medium error correction and a 2-module quiet zone read well from a
 * printed, possibly stamped page.
 */
export async function qrImage(url: string, mm: number, altTitle: string): Promise<Paragraph> {
  const px = qrPixels(mm);
  const png = await qrPng(url, mm);
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    // Auto line height: an exact one (LibreOffice's reading of a bare w:line) would clip the image to a text line.
    spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO },
    children: [new ImageRun({ type: 'png', data: png, transformation: { width: px, height: px }, altText: { name: 'QR', title: altTitle, description: url } })],
  });
}

/** Spacer between blocks. */
export const gap = (points = 6) => line('', { after: points });
