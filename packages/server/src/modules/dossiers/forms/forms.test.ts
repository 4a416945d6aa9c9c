import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { apology, controlSheet, receipt, refusal, supplement } from './form-fixtures.test-support';
import { longInstant, shortInstant } from './form-time';
import { renderApology } from './render-apology';
import { renderControlSheet } from './render-control-sheet';
import { renderReceiptSlip } from './render-receipt-slip';
import { renderRefusal } from './render-refusal';
import { renderSupplementRequest } from './render-supplement-request';

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of `word/document.xml`, one line per paragraph (runs joined). */
async function paragraphsOf(docx: Buffer): Promise<{ xml: string; styles: string; lines: string[] }> {
  const zip = await JSZip.loadAsync(docx);
  const xml = await zip.file('word/document.xml')!.async('string');
  const styles = await zip.file('word/styles.xml')!.async('string');
  const lines = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((p) =>
    unescape([...p[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/g)].map((t) => t[1]).join('')),
  );
  return { xml, styles, lines: lines.filter((l) => l !== '') };
}

const MOTTO = ['CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc'];

describe('form time helpers (UTC+7, whatever the host TZ)', () => {
  it.each([
    { at: '2026-03-02T02:00:00.000Z', long: '09 giờ 00 phút, ngày 02 tháng 03 năm 2026', short: '09:00 02/03/2026' },
    { at: '2026-03-02T17:05:00.000Z', long: '00 giờ 05 phút, ngày 03 tháng 03 năm 2026', short: '00:05 03/03/2026' }, // past local midnight
    { at: '2025-12-31T16:59:00.000Z', long: '23 giờ 59 phút, ngày 31 tháng 12 năm 2025', short: '23:59 31/12/2025' },
  ])('$at → $short', ({ at, long, short }) => {
    expect(longInstant(at)).toBe(long);
    expect(shortInstant(at)).toBe(short);
  });
});

describe('form renderers', () => {
  it('receipt slip: header, title, code, components, local times, lookup', async () => {
    const { xml, styles, lines } = await paragraphsOf(await renderReceiptSlip(receipt));
    expect(lines).toEqual(expect.arrayContaining([...MOTTO, 'UBND TỈNH QUẢNG NGÃI', 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', 'Quảng Ngãi, ngày 02 tháng 03 năm 2026']));
    expect(lines).toContain('GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ');
    expect(lines).toContain('Mã hồ sơ: 000.00.12.H49-260302-0015');
    expect(lines).toContain('Tiếp nhận hồ sơ của: Ông/Bà Nguyễn Thị Hồng Nhung');
    expect(lines).toEqual(expect.arrayContaining(['STT', 'Tên giấy tờ', 'Bản chính', 'Bản sao', 'Số lượng', 'Quyết định thành lập tổ chức', 'x (chứng thực)']));
    expect(lines).toContain('3. Thời gian giải quyết hồ sơ theo quy định là: 10 ngày làm việc');
    expect(lines).toContain('4. Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026');
    expect(lines).toContain('5. Thời gian trả kết quả giải quyết hồ sơ: 16 giờ 30 phút, ngày 16 tháng 03 năm 2026');
    expect(lines).toContain('6. Đăng ký nhận kết quả tại: Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh');
    expect(lines).toContain('Mã tra cứu (PIN): K7QX');
    expect(lines).toContain(`Địa chỉ tra cứu: ${receipt.lookupUrl}`);
    expect(xml).toContain('<pic:pic'); // the QR code, inline
    expect(xml).toContain(`descr="${receipt.lookupUrl}"`);
    expect(lines).toEqual(expect.arrayContaining(['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN', '(Ký và ghi rõ họ tên)', 'Trần Văn Đức']));
    expect(styles.includes('w:ascii="Times New Roman"')).toBe(true);
    expect(/<w:pgSz w:w="1190\d" w:h="168\d\d"/.test(xml)).toBe(true); // A4
    expect(/<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1701"/.test(xml)).toBe(true); // 20/20/20/30 mm
  });

  it('receipt slip: the QR code is a PNG image part related from the document', async () => {
    const zip = await JSZip.loadAsync(await renderReceiptSlip(receipt));
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    const png = await zip.file(media[0]!)!.async('nodebuffer');
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    const rels = await zip.file('word/_rels/document.xml.rels')!.async('string');
    expect(rels).toContain(media[0]!.replace('word/', ''));
    const types = await zip.file('[Content_Types].xml')!.async('string');
    expect(types).toMatch(/Extension="png"/);
  });

  it('supplement request: number, items, reason, contact', async () => {
    const { lines } = await paragraphsOf(await renderSupplementRequest(supplement));
    expect(lines).toEqual(expect.arrayContaining([...MOTTO, 'Số: 15/HDHS', 'PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ', 'Mã hồ sơ: 000.00.12.H49-260302-0015']));
    expect(lines).toEqual(expect.arrayContaining(['Bản sao chứng thực', 'Bản sao chưa được chứng thực', 'Thiếu chữ ký người đứng đầu']));
    expect(lines).toContain('Lý do: Hồ sơ chưa đầy đủ thành phần theo quy định');
    expect(lines.some((l) => l.includes('0255 3822 123'))).toBe(true);
    expect(lines).toContain('NGƯỜI HƯỚNG DẪN');
  });

  it('supplement request without a number leaves "……/HDHS" to fill by hand', async () => {
    const { lines } = await paragraphsOf(await renderSupplementRequest({ ...supplement, header: { ...supplement.header, number: undefined } }));
    expect(lines).toContain('Số: ……/HDHS');
  });

  it('refusal: each reason on its own line, both signatures', async () => {
    const { lines } = await paragraphsOf(await renderRefusal(refusal));
    expect(lines).toEqual(expect.arrayContaining([...MOTTO, 'PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ']));
    expect(lines).toContain('Thủ tục không thuộc thẩm quyền giải quyết của Sở.');
    expect(lines).toContain('Đề nghị Ông/Bà liên hệ Ủy ban nhân dân xã để được hướng dẫn.');
    expect(lines).toEqual(expect.arrayContaining(['NGƯỜI NỘP HỒ SƠ', 'NGƯỜI TIẾP NHẬN', 'Nguyễn Thị Hồng Nhung']));
    expect(lines.some((l) => l.startsWith('Mã hồ sơ'))).toBe(false);
  });

  it('apology: dates, reason, new date, signer, recipients', async () => {
    const { lines } = await paragraphsOf(await renderApology(apology));
    expect(lines).toEqual(
      expect.arrayContaining([...MOTTO, 'Số: ……/PXL', 'PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ', 'Quảng Ngãi, ngày 13 tháng 03 năm 2026']),
    );
    expect(lines).toContain('Kính gửi: Ông/Bà Nguyễn Thị Hồng Nhung');
    expect(lines.some((l) => l.includes('Ngày 02/03/2026') && l.includes('ngày 16/03/2026') && l.includes(apology.dossierCode))).toBe(true);
    expect(lines).toContain(`Lý do: ${apology.reason}`);
    expect(lines).toContain('ngày 20/03/2026.');
    expect(lines).toEqual(expect.arrayContaining(['GIÁM ĐỐC', 'Lê Quang Vinh', 'Nơi nhận:', '- Ông/Bà Nguyễn Thị Hồng Nhung;', '- Lưu: VT, QLKH.']));
  });

  it('control sheet: one row per hand-over with local times and timeliness', async () => {
    const { lines } = await paragraphsOf(await renderControlSheet(controlSheet));
    expect(lines).toEqual(expect.arrayContaining([...MOTTO, 'PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ', 'Mã hồ sơ: 000.00.12.H49-260302-0015']));
    expect(lines).toContain('Thời gian nhận hồ sơ: 09 giờ 00 phút, ngày 02 tháng 03 năm 2026');
    expect(lines).toEqual(
      expect.arrayContaining(['1. Giao: Bộ phận Một cửa', '2. Nhận: Phòng Quản lý khoa học', '15:30 02/03/2026', '(Hạn: 17:00 02/03/2026)']),
    );
    expect(lines).toEqual(expect.arrayContaining(['Trước hạn', 'Đúng hạn', 'Trễ hạn', 'Đã gửi phiếu xin lỗi']));
  });
});
