import { applicantLines, field, formHeader, gap, line, pack, signature, signatures, title } from './form-layout';
import type { RefusalView } from './form-views';

// Form 03 (TT 01/2018/TT-VPCP): refusal must state specific reasons (docs/domain/dossiers.md#lifecycle step 2);
// the applicant signs too, acknowledging the paper was handed over.

/** Renders Form 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ, as a .docx file. */
export function renderRefusal(v: RefusalView): Promise<Buffer> {
  return pack(
    [
      formHeader(v.header),
      ...title('Phiếu từ chối tiếp nhận giải quyết hồ sơ'),
      ...(v.dossierCode ? [line(['Mã hồ sơ: ', { text: v.dossierCode, bold: true }], { align: 'center', after: 6 })] : [gap(6)]),
      line(`Bộ phận tiếp nhận và trả kết quả ${v.header.agencyName.toUpperCase()}`),
      ...applicantLines(v.applicant),
      line(['Nội dung yêu cầu giải quyết: ', { text: v.procedureName, bold: true }]),
      line('Qua xem xét, Bộ phận tiếp nhận và trả kết quả thông báo không tiếp nhận, giải quyết hồ sơ này với lý do cụ thể như sau:', { indentFirst: true }),
      ...v.reasons.split('\n').map((r) => line(r, { indentFirst: true })),
      field('Liên hệ', v.contact),
      line('Xin thông báo cho Ông/Bà được biết và thực hiện./.', { italics: true, indentFirst: true }),
      gap(6),
      signatures(signature('Người nộp hồ sơ', v.applicant.name), signature('Người tiếp nhận', v.officerName)),
    ],
    `Phiếu từ chối tiếp nhận hồ sơ ${v.dossierCode ?? ''}`.trim(),
  );
}
