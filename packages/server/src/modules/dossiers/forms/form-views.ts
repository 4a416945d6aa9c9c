// Plain data for the printed forms (docs/domain/dossiers.md#forms). The dossier module fills these from its
// own rows; the renderers only lay them out, so they never touch the database or the clock.

/** The agency block at the top left of every form, and the place/date line at the top right. */
export interface FormHeader {
  /** The governing body, upper case, e.g. 'UBND TỈNH QUẢNG NGÃI'. */
  agencyParent: string;
  /** The issuing agency, upper case, e.g. 'SỞ KHOA HỌC VÀ CÔNG NGHỆ'. */
  agencyName: string;
  /** Place name of the date line, e.g. 'Quảng Ngãi'. */
  place: string;
  /** Day of issue, `YYYY-MM-DD` (Asia/Ho_Chi_Minh). */
  issuedOn: string;
  /** The full document number, e.g. '15/HDHS'. Absent: forms that carry a number print a blank '……/HDHS' to fill by hand. */
  number?: string;
}

export interface FormApplicant {
  /** A person's name, or an organisation's (which then has a tax code and a representative). */
  name: string;
  taxCode?: string;
  representative?: string;
  address?: string;
  phone?: string;
  email?: string;
}

/** How a component is submitted: original, certified copy, plain copy, or either. */
export type ComponentKind = 'original' | 'certified_copy' | 'copy' | 'original_or_copy';

/** Form 01, Giấy tiếp nhận hồ sơ và hẹn trả kết quả. */
export interface ReceiptSlipView {
  header: FormHeader;
  dossierCode: string;
  /** Public lookup page; printed and encoded in the QR code. */
  lookupUrl: string;
  lookupPin: string;
  applicant: FormApplicant;
  procedureName: string;
  components: Array<{ name: string; kind: ComponentKind; copies: number }>;
  sets: number;
  /** The statutory time limit as text, e.g. '10 ngày làm việc'. */
  timeLimitText: string;
  /** Instants (UTC, ISO with Z); printed in Asia/Ho_Chi_Minh. */
  receivedAt: string;
  dueAt: string;
  /** Where the result is collected, e.g. 'Bộ phận Một cửa' or a postal address. */
  resultDelivery: string;
  registerNo?: string;
  officerName: string;
}

/** Form 02, Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ. */
export interface SupplementRequestView {
  header: FormHeader;
  dossierCode: string;
  applicant: FormApplicant;
  procedureName: string;
  items: Array<{ name: string; kind?: ComponentKind; note?: string }>;
  reason: string;
  /** Who to ask for help, e.g. 'Bộ phận Một cửa, điện thoại 0255 3822 123'. */
  contact: string;
  officerName: string;
}

/** Form 03, Phiếu từ chối tiếp nhận giải quyết hồ sơ. */
export interface RefusalView {
  header: FormHeader;
  dossierCode?: string;
  applicant: FormApplicant;
  procedureName: string;
  reasons: string;
  contact: string;
  officerName: string;
}

/** Form 04, Phiếu xin lỗi và hẹn lại ngày trả kết quả (docs/domain/dossiers.md#apology-letter). */
export interface ApologyView {
  header: FormHeader;
  dossierCode: string;
  applicant: FormApplicant;
  procedureName: string;
  /** Days, `YYYY-MM-DD`. */
  receivedOn: string;
  originalDueDate: string;
  reason: string;
  newDueDate: string;
  /** Title of the head of the agency, e.g. 'GIÁM ĐỐC'. */
  signerTitle: string;
  signerName: string;
  /** The "Nơi nhận" list, e.g. ['Ông/Bà Nguyễn Văn A', 'Trung tâm PVHCC tỉnh', 'Lưu: VT']. */
  recipients: string[];
}

/** Timeliness of one hand-over step on the control sheet. */
export type StepResult = 'early' | 'on_time' | 'late';

/** Form 05, Phiếu kiểm soát quá trình giải quyết hồ sơ. */
export interface ControlSheetView {
  header: FormHeader;
  dossierCode: string;
  applicantName: string;
  /** Instants (UTC, ISO with Z). */
  receivedAt: string;
  dueAt: string;
  leadAgency: string;
  /** One row per hand-over: first the desk to the processing unit, last the result back to the desk. */
  rows: Array<{ from: string; to: string; at: string; dueAt?: string; result?: StepResult; note?: string }>;
  /** Components the desk confirmed when it received an online filing (issue #13). */
  checkedComponents?: string[];
  /** The recorded result document, e.g. 'Giấy chứng nhận số 15/GCN ngày 06/03/2026, người ký: …'. */
  resultLine?: string;
}
