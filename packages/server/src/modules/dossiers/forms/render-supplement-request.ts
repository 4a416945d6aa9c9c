import { applicantLines, columns, field, formHeader, gap, grid, line, pack, PAGE_WIDTH, signature, title } from './form-layout';
import type { ComponentKind, SupplementRequestView } from './form-views';

// Form 02 (TT 01/2018/TT-VPCP): guidance to complete a dossier, given once and completely
// (docs/domain/dossiers.md#lifecycle step 2), so every missing or faulty component is listed with what to fix.

const KIND_TEXT: Record<ComponentKind, string> = {
  original: 'Bản chính',
  certified_copy: 'Bản sao chứng thực',
  copy: 'Bản sao',
  original_or_copy: 'Bản chính hoặc bản sao',
};

/** Renders Form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ, as a .docx file. */
export function renderSupplementRequest(v: SupplementRequestView): Promise<Buffer> {
  const table = grid(
    [700, 3900, 1900, PAGE_WIDTH - 700 - 3900 - 1900],
    ['STT', 'Tên giấy tờ', 'Hình thức', 'Nội dung cần bổ sung, hoàn thiện'],
    v.items.map((it, i) => [String(i + 1), it.name, it.kind ? KIND_TEXT[it.kind] : '', it.note ?? '']),
    ['center', 'left', 'center', 'left'],
  );
  return pack(
    [
      formHeader(v.header, 'HDHS'),
      ...title('Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ'),
      line(['Mã hồ sơ: ', { text: v.dossierCode, bold: true }], { align: 'center', after: 6 }),
      line(`Bộ phận tiếp nhận và trả kết quả ${v.header.agencyName.toUpperCase()}`),
      ...applicantLines(v.applicant),
      line(['Nội dung yêu cầu giải quyết: ', { text: v.procedureName, bold: true }]),
      line('Sau khi xem xét thành phần hồ sơ, đề nghị Ông/Bà bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:', { indentFirst: true, keepNext: true }),
      table,
      field('Lý do', v.reason, { before: 3 }),
      line(`Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ ${v.contact} để được hướng dẫn.`, { indentFirst: true }),
      line('Xin trân trọng cảm ơn!', { italics: true, indentFirst: true }),
      gap(6),
      columns([PAGE_WIDTH / 2, PAGE_WIDTH / 2], [[[line('')], signature('Người hướng dẫn', v.officerName)]]),
    ],
    `Phiếu yêu cầu bổ sung hồ sơ ${v.dossierCode}`,
  );
}
