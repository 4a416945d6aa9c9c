import type { ApologyView, ControlSheetView, FormHeader, RefusalView, ReceiptSlipView, SupplementRequestView } from './form-views';

// Sample views for the renderer tests and for looking at the output by hand.

export const header: FormHeader = { agencyParent: 'UBND TỈNH QUẢNG NGÃI', agencyName: 'SỞ KHOA HỌC VÀ CÔNG NGHỆ', place: 'Quảng Ngãi', issuedOn: '2026-03-02' };
const applicant = { name: 'Nguyễn Thị Hồng Nhung', address: '12 Lê Lợi, phường Nghĩa Chánh, Quảng Ngãi', phone: '0905 123 456', email: 'nhung@example.vn' };

export const receipt: ReceiptSlipView = {
  header,
  dossierCode: '000.00.12.H49-260302-0015',
  lookupUrl: 'https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.12.H49-260302-0015',
  lookupPin: 'K7QX',
  applicant,
  procedureName: 'Cấp Giấy chứng nhận đăng ký hoạt động khoa học và công nghệ',
  components: [
    { name: 'Đơn đề nghị cấp Giấy chứng nhận', kind: 'original', copies: 1 },
    { name: 'Quyết định thành lập tổ chức', kind: 'certified_copy', copies: 1 },
    { name: 'Lý lịch khoa học của người đứng đầu', kind: 'original_or_copy', copies: 2 },
  ],
  sets: 1,
  timeLimitText: '10 ngày làm việc',
  receivedAt: '2026-03-02T02:00:00.000Z',
  dueAt: '2026-03-16T09:30:00.000Z',
  resultDelivery: 'Bộ phận Một cửa, Trung tâm Phục vụ hành chính công tỉnh',
  registerNo: '125',
  officerName: 'Trần Văn Đức',
};

export const supplement: SupplementRequestView = {
  header: { ...header, number: '15/HDHS' },
  dossierCode: receipt.dossierCode,
  applicant,
  procedureName: receipt.procedureName,
  items: [
    { name: 'Quyết định thành lập tổ chức', kind: 'certified_copy', note: 'Bản sao chưa được chứng thực' },
    { name: 'Bản kê khai nhân lực', note: 'Thiếu chữ ký người đứng đầu' },
  ],
  reason: 'Hồ sơ chưa đầy đủ thành phần theo quy định',
  contact: 'Bộ phận Một cửa, điện thoại 0255 3822 123',
  officerName: 'Trần Văn Đức',
};

export const refusal: RefusalView = {
  header,
  applicant,
  procedureName: receipt.procedureName,
  reasons: 'Thủ tục không thuộc thẩm quyền giải quyết của Sở.\nĐề nghị Ông/Bà liên hệ Ủy ban nhân dân xã để được hướng dẫn.',
  contact: 'Bộ phận Một cửa, điện thoại 0255 3822 123',
  officerName: 'Trần Văn Đức',
};

export const apology: ApologyView = {
  header: { ...header, issuedOn: '2026-03-13' },
  dossierCode: receipt.dossierCode,
  applicant,
  procedureName: receipt.procedureName,
  receivedOn: '2026-03-02',
  originalDueDate: '2026-03-16',
  reason: 'Cần lấy ý kiến thẩm định của cơ quan chuyên môn có liên quan',
  newDueDate: '2026-03-20',
  signerTitle: 'Giám đốc',
  signerName: 'Lê Quang Vinh',
  recipients: ['Ông/Bà Nguyễn Thị Hồng Nhung', 'Trung tâm Phục vụ hành chính công tỉnh', 'Lưu: VT, QLKH'],
};

export const controlSheet: ControlSheetView = {
  header,
  dossierCode: receipt.dossierCode,
  applicantName: applicant.name,
  receivedAt: receipt.receivedAt,
  dueAt: receipt.dueAt,
  leadAgency: 'Phòng Quản lý khoa học',
  rows: [
    { from: 'Bộ phận Một cửa', to: 'Phòng Quản lý khoa học', at: '2026-03-02T08:30:00.000Z', dueAt: '2026-03-02T10:00:00.000Z', result: 'early' },
    { from: 'Phòng Quản lý khoa học', to: 'Lãnh đạo Sở', at: '2026-03-12T03:15:00.000Z', dueAt: '2026-03-12T03:15:00.000Z', result: 'on_time' },
    {
      from: 'Lãnh đạo Sở',
      to: 'Bộ phận Một cửa',
      at: '2026-03-17T01:05:00.000Z',
      dueAt: '2026-03-16T09:30:00.000Z',
      result: 'late',
      note: 'Đã gửi phiếu xin lỗi',
    },
  ],
};
