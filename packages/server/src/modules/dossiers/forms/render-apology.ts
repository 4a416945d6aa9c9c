import { columns, formHeader, gap, line, pack, PAGE_WIDTH, title } from './form-layout';
import { formatDay } from './form-time';
import type { ApologyView } from './form-views';

// Form 04 (TT 01/2018/TT-VPCP; docs/domain/dossiers.md#apology-letter): the agency at fault apologises, gives the
// reason and a new date, and its head signs. The "Nơi nhận" block follows NĐ 30/2020 (bold
// italic 12 pt label, 11 pt list, the last entry ending in a full stop).

/** Renders Form 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả, as a .docx file. */
export function renderApology(v: ApologyView): Promise<Buffer> {
  const a = v.applicant;
  const recipients = [
    line('Nơi nhận:', { bold: true, italics: true, size: 12, after: 0, align: 'left' }),
    ...v.recipients.map((r, i) => line(`- ${r}${i === v.recipients.length - 1 ? '.' : ';'}`, { size: 11, after: 0, align: 'left' })),
  ];
  const signer = [
    line(v.signerTitle.toUpperCase(), { align: 'center', bold: true, after: 0 }),
    line('(Ký, ghi rõ họ tên và đóng dấu)', { align: 'center', italics: true, after: 0 }),
    ...Array.from({ length: 4 }, () => line('', { after: 0 })),
    line(v.signerName, { align: 'center', bold: true }),
  ];
  return pack(
    [
      formHeader(v.header, 'PXL'),
      ...title('Phiếu xin lỗi và hẹn lại ngày trả kết quả'),
      line(['Mã hồ sơ: ', { text: v.dossierCode, bold: true }], { align: 'center', after: 6 }),
      line(['Kính gửi: Ông/Bà ', { text: a.name, bold: true }], { align: 'center', after: 6 }),
      line(`Địa chỉ: ${a.address?.trim() || '……………………………………'}`),
      line(`Số điện thoại: ${a.phone?.trim() || '……………………'}          Email: ${a.email?.trim() || '……………………'}`),
      line(
        [
          `Ngày ${formatDay(v.receivedOn)}, Bộ phận tiếp nhận và trả kết quả tiếp nhận hồ sơ của Ông/Bà đề nghị giải quyết thủ tục `,
          { text: v.procedureName, bold: true },
          `, mã hồ sơ ${v.dossierCode}. Thời hạn trả kết quả giải quyết hồ sơ theo quy định là ngày ${formatDay(v.originalDueDate)}.`,
        ],
        { indentFirst: true, before: 3 },
      ),
      line('Tuy nhiên, đến nay chưa trả kết quả giải quyết hồ sơ cho Ông/Bà đúng hạn.', { indentFirst: true }),
      line(`Lý do: ${v.reason}`, { indentFirst: true }),
      line(
        'Sự chậm trễ này đã gây phiền hà, tốn kém chi phí đi lại của Ông/Bà. Chúng tôi thành thật xin lỗi Ông/Bà và sẽ trả kết quả giải quyết hồ sơ cho Ông/Bà vào',
        { indentFirst: true, after: 0 },
      ),
      line(['ngày ', { text: formatDay(v.newDueDate), bold: true }, '.'], { indentFirst: true }),
      line('Xin trân trọng cảm ơn!', { italics: true, indentFirst: true }),
      gap(6),
      columns([PAGE_WIDTH * 0.45, PAGE_WIDTH * 0.55].map(Math.round), [[recipients, signer]]),
    ],
    `Phiếu xin lỗi ${v.dossierCode}`,
  );
}
