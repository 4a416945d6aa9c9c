import { DOSSIER_ACTIONS } from '../dossier/transition-table';

/**
 * The audit log's vocabulary: every entity kind and every action the server may write, as data.
 * The server's `AuditService.record` accepts only these (the compiler rejects anything else), and the
 * web test `audit-vocabulary.test.ts` fails when one has no Vietnamese or English label, so the audit page
 * never shows a raw key (docs/architecture.md § Audit log).
 */
export const AUDIT_ENTITIES = [
  'api_token',
  'attachment',
  'calendar_day',
  'calendar_year',
  'dossier',
  'dossier_rating',
  'dossier_import',
  'indicator_entry',
  'indicator_set',
  'par_assessment',
  'par_criteria',
  'par_criteria_set',
  'par_evidence',
  'par_score',
  'plan',
  'plan_settings',
  'procedure',
  'procedure_import',
  'report_instance',
  'report_instances',
  'report_obligation',
  'report_submission',
  'survey_campaign',
  'survey_questionnaire',
  'task',
  'unit',
  'user',
] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

export const AUDIT_ACTIONS = [
  // records
  'create',
  'update',
  'delete',
  'import',
  'generate',
  'activate',
  'publish',
  'close',
  'issue',
  'link',
  'unlink',
  // sign-in and accounts
  'login',
  'logout',
  'login_failed',
  'login_unlock',
  'password_change',
  'password_reset',
  // dossiers (the domain's DOSSIER_ACTIONS, and assignment)
  ...DOSSIER_ACTIONS,
  'assign',
  // PAR assessments: the status an assessment moved to, and a published result entered by hand
  'par_self_assessing',
  'par_submitted',
  'par_appraising',
  'par_explaining',
  'par_final',
  'par_published',
  'par_published_entered',
  // tasks
  'progress',
  'submit_for_approval',
  'complete',
  'approve',
  'reject',
  'cancel',
  // surveys
  'issue_links',
  'replace_respondent',
  'paper_entry',
  'email_invitations',
  'import_respondents',
  'print_letters',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A value's words in both languages; the compiler makes every entity and action carry one. */
export interface AuditLabel {
  readonly vi: string;
  readonly en: string;
}

export const AUDIT_ENTITY_LABELS: Readonly<Record<AuditEntity, AuditLabel>> = {
  api_token: { vi: 'Mã truy cập API', en: 'API token' },
  attachment: { vi: 'Tệp đính kèm', en: 'Attachment' },
  calendar_day: { vi: 'Ngày trong lịch làm việc', en: 'Calendar day' },
  calendar_year: { vi: 'Lịch làm việc của năm', en: 'Calendar year' },
  dossier: { vi: 'Hồ sơ', en: 'Dossier' },
  dossier_import: { vi: 'Đợt nhập hồ sơ từ hệ thống khác', en: 'Dossier import from another system' },
  indicator_entry: { vi: 'Số liệu chỉ số 766 nhập tay', en: 'Entered QĐ 766 figure' },
  indicator_set: { vi: 'Bộ chỉ số 766', en: 'QĐ 766 indicator set' },
  dossier_rating: { vi: 'Đánh giá hồ sơ của người dân', en: 'Rating of a dossier by its applicant' },
  par_assessment: { vi: 'Bản đánh giá Chỉ số CCHC', en: 'PAR assessment' },
  par_criteria: { vi: 'Tiêu chí Chỉ số CCHC', en: 'PAR criterion' },
  par_criteria_set: { vi: 'Bộ tiêu chí Chỉ số CCHC', en: 'PAR criteria set' },
  par_evidence: { vi: 'Tài liệu kiểm chứng', en: 'PAR evidence' },
  par_score: { vi: 'Điểm tiêu chí', en: 'Criterion score' },
  plan: { vi: 'Kế hoạch', en: 'Plan' },
  plan_settings: { vi: 'Thiết lập hạn ban hành kế hoạch', en: 'Plan due-date settings' },
  procedure: { vi: 'Thủ tục hành chính', en: 'Administrative procedure' },
  procedure_import: { vi: 'Nhập danh mục thủ tục', en: 'Procedure catalogue import' },
  report_instance: { vi: 'Kỳ báo cáo', en: 'Report period' },
  report_instances: { vi: 'Các kỳ báo cáo của năm', en: 'Report periods of a year' },
  report_obligation: { vi: 'Nghĩa vụ báo cáo', en: 'Reporting obligation' },
  report_submission: { vi: 'Báo cáo đã nộp', en: 'Report submission' },
  survey_campaign: { vi: 'Đợt khảo sát', en: 'Survey campaign' },
  survey_questionnaire: { vi: 'Phiếu khảo sát', en: 'Questionnaire' },
  task: { vi: 'Nhiệm vụ', en: 'Task' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  user: { vi: 'Người dùng', en: 'User' },
};

export const AUDIT_ACTION_LABELS: Readonly<Record<AuditAction, AuditLabel>> = {
  create: { vi: 'Tạo mới', en: 'Create' },
  update: { vi: 'Cập nhật', en: 'Update' },
  delete: { vi: 'Xóa', en: 'Delete' },
  import: { vi: 'Nhập từ tệp', en: 'Import' },
  generate: { vi: 'Tạo tự động', en: 'Generate' },
  activate: { vi: 'Kích hoạt', en: 'Activate' },
  publish: { vi: 'Công bố', en: 'Publish' },
  close: { vi: 'Đóng', en: 'Close' },
  issue: { vi: 'Ban hành', en: 'Issue' },
  link: { vi: 'Gắn với tiêu chí', en: 'Link to criterion' },
  unlink: { vi: 'Gỡ khỏi tiêu chí', en: 'Unlink from criterion' },
  login: { vi: 'Đăng nhập', en: 'Sign in' },
  logout: { vi: 'Đăng xuất', en: 'Sign out' },
  login_failed: { vi: 'Đăng nhập không thành công', en: 'Failed sign-in' },
  login_unlock: { vi: 'Mở khóa đăng nhập', en: 'Sign-in unlocked' },
  password_change: { vi: 'Đổi mật khẩu', en: 'Password changed' },
  password_reset: { vi: 'Đặt lại mật khẩu', en: 'Password reset' },
  receive: { vi: 'Tiếp nhận', en: 'Receive' },
  start_processing: { vi: 'Bắt đầu xử lý', en: 'Start processing' },
  complete_step: { vi: 'Hoàn thành bước xử lý', en: 'Complete a step' },
  request_supplement: { vi: 'Yêu cầu bổ sung', en: 'Request a supplement' },
  complete_supplement: { vi: 'Đã bổ sung hồ sơ', en: 'Supplement received' },
  request_completion: { vi: 'Yêu cầu bổ sung, hoàn thiện trước tiếp nhận', en: 'Asked to complete the filing before receipt' },
  complete_filing: { vi: 'Công dân đã bổ sung, nộp lại', en: 'Filing completed and filed again' },
  request_payment: { vi: 'Yêu cầu nộp phí, lệ phí', en: 'Request payment' },
  record_payment: { vi: 'Ghi nhận đã nộp phí, lệ phí', en: 'Payment recorded' },
  refuse: { vi: 'Từ chối', en: 'Refuse' },
  stop: { vi: 'Dừng xử lý', en: 'Stop processing' },
  withdraw: { vi: 'Rút hồ sơ', en: 'Withdraw' },
  mark_result_ready: { vi: 'Đã có kết quả', en: 'Result ready' },
  return_result: { vi: 'Trả kết quả', en: 'Return the result' },
  return_step: { vi: 'Trả lại bước trước', en: 'Returned to the previous step' },
  issue_apology: { vi: 'Gửi thư xin lỗi', en: 'Apology issued' },
  assign: { vi: 'Phân công', en: 'Assign' },
  par_self_assessing: { vi: 'Chuyển về tự đánh giá', en: 'Back to self-assessment' },
  par_submitted: { vi: 'Gửi thẩm định', en: 'Submitted for appraisal' },
  par_appraising: { vi: 'Bắt đầu thẩm định', en: 'Appraisal started' },
  par_explaining: { vi: 'Yêu cầu giải trình', en: 'Explanation requested' },
  par_final: { vi: 'Chốt kết quả', en: 'Result finalised' },
  par_published: { vi: 'Công bố kết quả', en: 'Result published' },
  par_published_entered: { vi: 'Nhập kết quả đã công bố', en: 'Published result entered' },
  progress: { vi: 'Cập nhật tiến độ', en: 'Progress reported' },
  submit_for_approval: { vi: 'Trình duyệt hoàn thành', en: 'Completion submitted for approval' },
  complete: { vi: 'Hoàn thành', en: 'Complete' },
  approve: { vi: 'Phê duyệt', en: 'Approve' },
  reject: { vi: 'Trả lại', en: 'Send back' },
  cancel: { vi: 'Hủy', en: 'Cancel' },
  issue_links: { vi: 'Phát hành đường dẫn khảo sát', en: 'Survey links issued' },
  replace_respondent: { vi: 'Thay người được khảo sát', en: 'Respondent replaced' },
  paper_entry: { vi: 'Nhập phiếu giấy', en: 'Paper form entered' },
  email_invitations: { vi: 'Gửi thư mời khảo sát qua e-mail', en: 'Survey invitations e-mailed' },
  import_respondents: { vi: 'Nhập danh sách người được khảo sát', en: 'Survey respondents imported' },
  print_letters: { vi: 'In thư mời khảo sát', en: 'Survey letters printed' },
};

/** The label of a stored value in a language; a value written before the vocabulary existed shows as itself. */
export function auditLabel(kind: 'entity' | 'action', value: string, lang: 'vi' | 'en'): string {
  const labels: Readonly<Record<string, AuditLabel>> = kind === 'entity' ? AUDIT_ENTITY_LABELS : AUDIT_ACTION_LABELS;
  return Object.hasOwn(labels, value) ? labels[value]![lang] : value;
}

/** Who an audit row is attributed to: a signed-in user, a citizen acting on the public site, or the system. */
export const AUDIT_ACTOR_KINDS = ['user', 'citizen', 'system'] as const;
export type AuditActorKind = (typeof AUDIT_ACTOR_KINDS)[number];
