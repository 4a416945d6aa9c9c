import { applicantLines, columns, formHeader, gap, grid, line, pack, PAGE_WIDTH, qrImage, qrPng, signature, signatures, title } from './form-layout';
import { longInstant } from './form-time';
import type { ComponentKind, ReceiptSlipView } from './form-views';

// Form 01 (TT 01/2018/TT-VPCP; kept in TT 03/2025 Annex I): the slip the citizen takes home.
// Two copies are printed; one travels with the control sheet (docs/domain/dossiers.md#forms).

const MM = 56.7;
/** The QR code's square on paper: 25 mm reads well from print and leaves room for the signatures on one page. */
const QR_MM = 25;
const QR_BOX = Math.round(QR_MM * MM);

/** Which of the "Bản chính" / "Bản sao" columns a component ticks. */
function kindMarks(kind: ComponentKind): [string, string] {
  switch (kind) {
    case 'original':
      return ['x', ''];
    case 'certified_copy':
      return ['', 'x (chứng thực)'];
    case 'copy':
      return ['', 'x'];
    case 'original_or_copy':
      return ['x', 'x'];
  }
}

/** The lookup link's QR code as a PNG, the same on the .docx and on the staff app's print page. */
export function lookupQrPng(url: string): Promise<Buffer> {
  return qrPng(url, QR_MM);
}

/** Renders Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả, as a .docx file. */
export async function renderReceiptSlip(v: ReceiptSlipView): Promise<Buffer> {
  const table = grid(
    [700, PAGE_WIDTH - 700 - 1300 - 1500 - 1100, 1300, 1500, 1100],
    ['STT', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Số lượng'],
    v.components.map((c, i) => [String(i + 1), c.name, ...kindMarks(c.kind), String(c.copies)]),
    ['center', 'left', 'center', 'center', 'center'],
  );
  const lookup = [
    line('Tra cứu tình trạng hồ sơ:', { bold: true, align: 'left' }),
    line(['Mã tra cứu (PIN): ', { text: v.lookupPin, bold: true }], { align: 'left' }),
    line(['Địa chỉ tra cứu: ', { text: v.lookupUrl, italics: true }], { align: 'left' }),
    line('Quét mã QR bên cạnh để tra cứu và đánh giá mức độ hài lòng.', { align: 'left', italics: true, size: 12 }),
  ];
  return pack(
    [
      formHeader(v.header),
      ...title('Giấy tiếp nhận hồ sơ và hẹn trả kết quả'),
      line(['Mã hồ sơ: ', { text: v.dossierCode, bold: true }], { align: 'center', after: 6 }),
      line(`Bộ phận tiếp nhận và trả kết quả ${v.header.agencyName.toUpperCase()}`),
      ...applicantLines(v.applicant),
      line(['Nội dung yêu cầu giải quyết: ', { text: v.procedureName, bold: true }]),
      line('1. Hồ sơ gồm những giấy tờ sau:', { keepNext: true }),
      table,
      line(`2. Số lượng hồ sơ: ${v.sets} (bộ)`, { before: 3 }),
      line(`3. Thời gian giải quyết hồ sơ theo quy định là: ${v.timeLimitText}`),
      line(`4. Thời gian nhận hồ sơ: ${longInstant(v.receivedAt)}`),
      line(['5. Thời gian trả kết quả giải quyết hồ sơ: ', { text: longInstant(v.dueAt), bold: true }]),
      line(`6. Đăng ký nhận kết quả tại: ${v.resultDelivery}`),
      line(`Vào Sổ theo dõi hồ sơ, số: ${v.registerNo?.trim() || '……………'}`),
      gap(2),
      columns([PAGE_WIDTH - QR_BOX - 400, QR_BOX + 400], [[lookup, [await qrImage(v.lookupUrl, QR_MM, 'Mã QR tra cứu hồ sơ')]]]),
      gap(4),
      signatures(signature('Người nộp hồ sơ', v.applicant.representative ?? v.applicant.name), signature('Người tiếp nhận', v.officerName)),
    ],
    `Giấy tiếp nhận hồ sơ ${v.dossierCode}`,
    { line: 240 }, // single spacing: the slip, its QR code and both signatures fit one A4 page
  );
}
