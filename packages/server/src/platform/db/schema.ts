import type { PeriodKind, UnitKind } from '@cchc/domain';
import type { Generated } from 'kysely';

// Table types as the application sees them (camelCase; CamelCasePlugin maps to snake_case).
// Booleans are stored as integers 0/1 on both engines so one query serves both.

export interface UnitsTable {
  id: string;
  parentId: string | null;
  kind: UnitKind;
  name: string;
  nameFolded: string;
  code: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The unit tree's (ancestor, descendant) pairs, the unit itself at depth 0 (platform/units/unit-tree.ts). */
export interface UnitClosureTable {
  ancestorId: string;
  descendantId: string;
  depth: number;
}

/**
 * How many dossiers hold each (agency unit, processing unit, current unit, status, assigned): the queue counts'
 * counters, kept by database triggers (migration 20261208010000, modules/dossiers/dossier-counts.ts). A missing
 * unit is ''.
 */
export interface DossierCountsTable {
  unitId: string;
  processingUnitId: string;
  currentUnitId: string;
  status: string;
  assigned: number;
  n: number;
}

/** Active dossiers by unit combination, status, clock and due days (migration 20261209030000); '' for none. */
export interface DossierDueCountsTable {
  unitId: string;
  processingUnitId: string;
  currentUnitId: string;
  status: string;
  clockRunning: number;
  dueDay: string;
  statutoryDueDay: string;
  n: number;
}

export interface UsersTable {
  id: string;
  username: string;
  fullName: string;
  fullNameFolded: string;
  email: string | null;
  unitId: string;
  passwordHash: string;
  isActive: number;
  mustChangePassword: number;
  /**
   * 1 = notices also go by e-mail (when the user has an address); the in-app bell always gets them.
   */
  emailNotifications: Generated<number>;
  /** Language of the user's notices: 'vi' or 'en' (default 'vi'). */
  locale: Generated<string>;
  failedAttempts: number;
  lockedUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoleAssignmentsTable {
  id: string;
  userId: string;
  role: string;
  unitId: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  /** After this instant the token is refused; null = no expiry. */
  expiresAt: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actorId: string | null;
  actorName: string | null;
  /** 'citizen' for an applicant's own action on the public site; null for users and the system. */
  actorKind: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastSeq: number;
  lastHash: string;
}

/** A signed checkpoint of the audit chain head (platform/audit/audit-checkpoint.ts). */
export interface AuditCheckpointsTable {
  id: string;
  seq: number;
  hash: string;
  at: string;
  keyId: string;
  signature: string;
}

export interface FilesTable {
  sha256: string;
  size: number;
  contentType: string;
  createdAt: string;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  fileName: string;
  ownerEntity: string;
  ownerId: string;
  unitId: string;
  /** Null for components a citizen uploaded with an online filing. */
  createdBy: string | null;
  createdAt: string;
}

export interface AuthzStateTable {
  id: number;
  generation: number;
}

/** Identity of a procedure plus mirrors of its latest version, for search and scope. */
export interface ProceduresTable {
  id: string;
  unitId: string;
  code: string;
  name: string;
  nameFolded: string;
  sectorCode: string;
  sectorName: string;
  processingUnitId: string | null;
  status: string;
  latestVersionNo: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One published content of a procedure, in force from `effectiveFrom`; `content` is JSON text. */
export interface ProcedureVersionsTable {
  id: string;
  procedureId: string;
  versionNo: number;
  effectiveFrom: string;
  name: string;
  nameFolded: string;
  sectorCode: string;
  sectorName: string;
  timeLimitValue: number;
  timeLimitUnit: string;
  onlineLevel: string;
  processingUnitId: string | null;
  content: string;
  createdAt: string;
  createdBy: string | null;
}

/** A non-working weekday or a make-up Saturday; `year` is the calendar year whose set lists it. */
export interface CalendarDaysTable {
  date: string;
  year: number;
  kind: string;
  name: string;
  status: string;
  sourceNumber: string | null;
  sourceDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CalendarStateTable {
  id: number;
  generation: number;
}

/**
 * Every notice (docs/architecture.md "Notifications and reminders"): in-app rows for a staff user's bell
 * and e-mail rows, an outbox written in the caller's transaction and sent after commit.
 */
export interface NotificationsTable {
  id: string;
  dossierId: string | null;
  event: string;
  /** 'in_app' | 'email'. */
  channel: string;
  /** The e-mail address ('' for an in-app row). */
  recipient: string;
  recipientUserId: string | null;
  entityKind: string | null;
  entityId: string | null;
  templateKey: string | null;
  locale: Generated<string>;
  link: string | null;
  /** The in-app row of the notice an e-mail row belongs to. */
  noticeId: string | null;
  idempotencyKey: string | null;
  readAt: string | null;
  subject: string;
  body: string;
  status: string;
  error: string | null;
  attempts: number;
  createdAt: string;
  nextAttemptAt: string | null;
  sentAt: string | null;
}

export interface Database {
  authzState: AuthzStateTable;
  units: UnitsTable;
  unitClosure: UnitClosureTable;
  dossierCounts: DossierCountsTable;
  dossierDueCounts: DossierDueCountsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  auditCheckpoints: AuditCheckpointsTable;
  files: FilesTable;
  attachments: AttachmentsTable;
  calendarDays: CalendarDaysTable;
  calendarState: CalendarStateTable;
  procedures: ProceduresTable;
  procedureVersions: ProcedureVersionsTable;
  parCriteriaSets: ParCriteriaSetsTable;
  parCriteria: ParCriteriaTable;
  parAssessments: ParAssessmentsTable;
  parScores: ParScoresTable;
  parEvidence: ParEvidenceTable;
  parEvidenceLinks: ParEvidenceLinksTable;
  notifications: NotificationsTable;
  dossiers: DossiersTable;
  dossierSequences: DossierSequencesTable;
  dossierEvents: DossierEventsTable;
  dossierTimeline: DossierTimelineTable;
  dossierRatings: DossierRatingsTable;
  throttleCounters: ThrottleCountersTable;
  publicUploads: PublicUploadsTable;
  scheduledJobs: ScheduledJobsTable;
  reportObligations: ReportObligationsTable;
  reportInstances: ReportInstancesTable;
  reportSubmissions: ReportSubmissionsTable;
  plans: PlansTable;
  planSettings: PlanSettingsTable;
  tasks: TasksTable;
  taskUnits: TaskUnitsTable;
  taskJournal: TaskJournalTable;
  surveyQuestionnaires: SurveyQuestionnairesTable;
  surveyCampaigns: SurveyCampaignsTable;
  surveyStrata: SurveyStrataTable;
  surveyInvitations: SurveyInvitationsTable;
  surveyResponses: SurveyResponsesTable;
  surveyAnswers: SurveyAnswersTable;
  indicatorSets: IndicatorSetsTable;
  indicatorEntries: IndicatorEntriesTable;
  surveyCounts: SurveyCountsTable;
  surveyPaperEntries: SurveyPaperEntriesTable;
  dossierImports: DossierImportsTable;
  dossierImportRows: DossierImportRowsTable;
}

/** A job to run once at or after `runAt`, claimed with a lease (platform/jobs/job-scheduler.ts). */
export interface ScheduledJobsTable {
  id: string;
  kind: string;
  idempotencyKey: string;
  runAt: string;
  /** JSON. */
  payload: string;
  /** 'pending' | 'running' | 'done' | 'failed'. */
  status: string;
  attempts: number;
  leaseUntil: string | null;
  leasedBy: string | null;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

/** A security counter (platform/throttle): hits in the current window, an optional block, and when the row is dead. */
export interface ThrottleCountersTable {
  key: string;
  hits: number;
  windowEndsAt: string;
  blockedUntil: string | null;
  expiresAt: string;
}

/** Content a citizen uploaded for an online filing, until it is attached or expires. */
export interface PublicUploadsTable {
  sha256: string;
  uploadedAt: string;
}

/** A year's PAR criteria set, owned by the unit that issues it (usually the province). */
export interface ParCriteriaSetsTable {
  id: string;
  ownerUnitId: string;
  year: number;
  scope: string;
  title: string;
  legalBasisNumber: string | null;
  legalBasisDate: string | null;
  rounding: string;
  notApplicableMethod: string;
  /** Classification bands as JSON: [{ code, label, min, minInclusive }]. */
  bandsJson: string;
  status: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One row of a criteria set; `ruleJson` is a domain ScoringRule. */
export interface ParCriteriaTable {
  id: string;
  setId: string;
  parentId: string | null;
  code: string;
  title: string;
  level: string;
  maxHundredths: number;
  ruleJson: string;
  evidenceRequired: number;
  responsibleUnitId: string | null;
  metric: string | null;
  notSelfScored: number;
  sortOrder: number;
}

export interface ParAssessmentsTable {
  id: string;
  setId: string;
  agencyUnitId: string;
  year: number;
  status: string;
  reportedTotalHundredths: number | null;
  reportedRank: number | null;
  rankGroupSize: number | null;
  publishedRef: string | null;
  /** A historical result as entered (PublishedResult JSON), when the assessment was entered as published. */
  publishedFieldsJson: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Stored on every write (docs/architecture.md "PAR index"): the current layer's computed total, null while nothing is scored. */
  computedTotalHundredths: number | null;
  /** The layer the total is read from: 'self', 'appraised' or 'final'. */
  totalLayer: string | null;
  maxHundredths: number | null;
  percentBasisPoints: number | null;
  band: string | null;
  /** 1 until the application has computed the columns above (rows older than the columns). */
  summaryStale: Generated<number>;
}

export interface ParScoresTable {
  assessmentId: string;
  criterionId: string;
  selfHundredths: number | null;
  selfNote: string | null;
  appraisedHundredths: number | null;
  appraiserComment: string | null;
  finalHundredths: number | null;
  notApplicable: number;
  version: number;
}

export interface ParEvidenceTable {
  id: string;
  assessmentId: string;
  numberSymbol: string;
  issuedOn: string | null;
  issuer: string | null;
  title: string;
  attachmentId: string | null;
  version: number;
  createdAt: string;
}

export interface ParEvidenceLinksTable {
  evidenceId: string;
  criterionId: string;
}

/** A one-stop dossier: `state` is the domain's DossierState as JSON; the other columns are copies for queries. */
export interface DossiersTable {
  id: string;
  code: string;
  unitId: string;
  processingUnitId: string | null;
  currentUnitId: string | null;
  assigneeId: string | null;
  procedureId: string;
  procedureVersionId: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  status: string;
  clockRunning: number;
  applicantName: string;
  applicantNameFolded: string;
  /** JSON: { name, phone, email, idNumber, address }. */
  applicant: string;
  /** JSON: [{ name, kind, quantity, fileId? }]. */
  components: string;
  note: string | null;
  lookupPin: string;
  submittedAt: string | null;
  receivedAt: string | null;
  receivedOn: string | null;
  dueDate: string | null;
  dueAt: string | null;
  /** The statutory due moment (pauses move it, apologies do not): timeliness statistics compare with it. */
  statutoryDueAt: string | null;
  deemedReceivedOn: string | null;
  endOfProcessingAt: string | null;
  finishedAt: string | null;
  returnMethod: string | null;
  supplementRequests: number;
  apologies: number;
  state: string;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** The import that last wrote the dossier (migration 20261206011000); written only by the import's switch. */
  importId: string | null;
  /** The source record's hash, for idempotent re-imports; written only by the import's switch. */
  sourceHash: string | null;
  /** Receipt, or refusal at the receipt check: when the dossier entered the desk's workload (statistics). */
  intakeAt: string | null;
  /** The first closing status (result ready, returned, refused, stopped, withdrawn). */
  closedAt: string | null;
  returnedAt: string | null;
  /** 0/1: the policy frozen at receipt lets a payment wait stop the clock. */
  paymentStopsClock: Generated<number>;
  /**
   * The survey draw's random key, a signed 32-bit integer drawn once when the dossier is written (migration
   * 20261209060000; docs/surveys.md "Sampling"): filled by the database for every writer.
   */
  surveyKey: Generated<number>;
  /** The last status entry of the history (the open timeline span), migration 20261207020000. */
  positionStatus: string | null;
  /** When that entry was made. */
  positionSince: string | null;
  /** The statutory due moment in force from that entry. */
  positionDueAt: string | null;
  /** Supplement requests made by that entry. */
  positionSupplements: number | null;
}

/**
 * One row per status entry of a dossier's history (the span until the next entry, the statutory due
 * moment and supplement requests in force from it), plus one row per apology letter (status 'apology').
 * Rewritten with the state on every write (migration 20261206010000).
 */
export interface DossierTimelineTable {
  dossierId: string;
  seq: number;
  status: string;
  startAt: string;
  endAt: string | null;
  statutoryDueAt: string | null;
  supplementRequests: number;
}

export interface DossierSequencesTable {
  agencyCode: string;
  day: string;
  lastSeq: number;
}

export interface DossierEventsTable {
  id: string;
  dossierId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  at: string;
  actorId: string | null;
  actorName: string | null;
  note: string | null;
}

export interface DossierRatingsTable {
  dossierId: string;
  unitId: string;
  /** JSON: { ease, timeliness, attitude, publicity } on the 1–5 scale; contacts a count 1–5 (5 = five or more). */
  scores: string;
  overall: number;
  comment: string | null;
  createdAt: string;
}

/** A periodic report an agency must send (docs/reports.md); JSON columns hold domain values. */
export interface ReportObligationsTable {
  id: string;
  agencyId: string;
  code: string;
  name: string;
  nameFolded: string;
  recipient: string;
  periodKind: PeriodKind;
  /** PeriodSelection: { kind, numbers, cumulative }. */
  periodJson: string;
  /** DueRule. */
  dueRuleJson: string;
  responsibleUnitId: string;
  /** ChecklistItem[]. */
  checklistJson: string;
  /** PAR criterion codes the report serves, e.g. ["1.2.1", "1.2.2"]. */
  parCriteriaJson: string;
  servesPar: number;
  shippedKey: string | null;
  isActive: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One period of an obligation, with its latest submission's outcome. */
export interface ReportInstancesTable {
  id: string;
  obligationId: string;
  agencyId: string;
  responsibleUnitId: string;
  year: number;
  periodKey: string;
  periodFrom: string;
  periodTo: string;
  dueOn: string;
  calendarVersion: string;
  servesPar: number;
  sentOn: string | null;
  isLate: number | null;
  isComplete: number | null;
  submissionCount: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** A submission (version) of a report instance; never changed once written. */
export interface ReportSubmissionsTable {
  id: string;
  instanceId: string;
  versionNo: number;
  sentNumber: string;
  sentOn: string;
  tickedJson: string;
  isComplete: number;
  isLate: number;
  lateReason: string | null;
  fileIdsJson: string;
  note: string | null;
  submittedBy: string;
  submittedAt: string;
}

/** A reform plan of an agency (docs/plans.md): the annual PAR plan, a leader's conclusion, a thematic plan. */
export interface PlansTable {
  id: string;
  unitId: string;
  year: number;
  kind: string;
  title: string;
  titleFolded: string;
  documentNumber: string | null;
  documentDate: string | null;
  signer: string | null;
  status: string;
  issuedOn: string | null;
  closedOn: string | null;
  requiresApproval: number;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** The annual plan's due day for an agency and year ("issued on time"). */
export interface PlanSettingsTable {
  unitId: string;
  year: number;
  annualPlanDueOn: string;
  version: number;
  updatedAt: string;
}

/** A task of a plan, owned by a unit; `agencyId` is the plan's unit. `criteria` is a JSON array of criterion codes. */
export interface TasksTable {
  id: string;
  planId: string;
  agencyId: string;
  parentId: string | null;
  seq: number;
  unitId: string;
  leadUserId: string | null;
  title: string;
  titleFolded: string;
  description: string | null;
  expectedOutput: string | null;
  startOn: string | null;
  dueOn: string;
  dueWorkingDays: number | null;
  criteria: string;
  priority: string;
  status: string;
  progress: number;
  submittedOn: string | null;
  completedOn: string | null;
  completionNote: string | null;
  cancelReason: string | null;
  assignedBy: string | null;
  approvedBy: string | null;
  approvedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface TaskUnitsTable {
  taskId: string;
  unitId: string;
}

/** One entry of a task's journal: progress reports, completion, approval, cancellation, assignment. `attachmentIds` is JSON. */
export interface TaskJournalTable {
  id: string;
  taskId: string;
  /** Order of the entries of one task (1, 2, …): instants can tie. */
  seq: number;
  kind: string;
  progress: number | null;
  note: string | null;
  attachmentIds: string;
  userId: string | null;
  at: string;
}

export interface SurveyQuestionnairesTable {
  id: string;
  familyId: string;
  versionNo: number;
  unitId: string;
  status: string;
  title: string;
  titleFolded: string;
  /** JSON: the domain's QuestionnaireDefinition. */
  definition: string;
  questionCount: number;
  publishedAt: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface SurveyCampaignsTable {
  id: string;
  unitId: string;
  questionnaireId: string;
  title: string;
  titleFolded: string;
  opensOn: string;
  closesOn: string;
  anonymous: number;
  populationKind: string;
  /** JSON: { from, to, unitIds, procedureIds, stratifyBy } for dossiers; { strata } for an open link. */
  populationFilter: string;
  population: number;
  marginBasisPoints: number;
  sampleSize: number;
  seed: string;
  openTokenHash: string | null;
  status: string;
  closedAt: string | null;
  createdBy: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** A web response sent in fewer seconds is flagged too_fast; 0 = no check. */
  minDurationSeconds: number;
}

export interface SurveyStrataTable {
  campaignId: string;
  key: string;
  label: string;
  population: number;
  allocated: number;
  drawn: number;
}

export interface SurveyInvitationsTable {
  id: string;
  campaignId: string;
  stratumKey: string;
  drawNo: number;
  dossierId: string | null;
  respondentName: string | null;
  respondentEmail: string | null;
  tokenHash: string | null;
  expiresAt: string | null;
  status: string;
  used: number;
  usedOn: string | null;
  createdAt: string;
}

export interface SurveyResponsesTable {
  id: string;
  campaignId: string;
  submittedOn: string;
  mode: string;
  stratumKey: string | null;
  unitId: string | null;
  procedureCode: string | null;
  dossierChannel: string | null;
  respondentGroup: string | null;
  invitationId: string | null;
  enteredBy: string | null;
  /** 'ok' or 'flagged' (docs/surveys.md, "Results"). */
  quality: string;
  /** Comma-separated: straight_line, duplicate; '' when none. */
  flags: string;
  /** SHA-256 of the answers alone, to find the same answers submitted again. */
  answersHash: string | null;
}

/** A paper form keyed once and waiting for its second keying (docs/surveys.md, "Invitations"). */
export interface SurveyPaperEntriesTable {
  id: string;
  campaignId: string;
  status: 'pending' | 'confirmed';
  /** JSON of the first keying; null once confirmed. */
  answers: string | null;
  respondentGroup: string | null;
  enteredBy: string;
  enteredOn: string;
  confirmedBy: string | null;
  version: number;
}

export interface SurveyAnswersTable {
  responseId: string;
  campaignId: string;
  questionId: string;
  optionCode: string | null;
  valueNumber: number | null;
  valueText: string | null;
  /** Copies of the response's breakdown dimensions. */
  unitId: string | null;
  procedureCode: string | null;
  dossierChannel: string | null;
  mode: string;
  respondentGroup: string | null;
  quality: string;
}

/** A QĐ 766 indicator set (docs/domain/qd766.md): the national default (no owner) or a unit's own, in force from a day. */
export interface IndicatorSetsTable {
  id: string;
  ownerUnitId: string | null;
  key: string;
  title: string;
  effectiveFrom: string;
  baseKey: string | null;
  /** JSON: the overrides applied to the base set. */
  overridesJson: string;
  /** JSON: the resolved set (groups and indicators). */
  contentJson: string;
  version: number;
  createdBy: string | null;
  createdAt: string;
}

/** Figures entered for an indicator CCHC does not count itself, for one unit and period. */
export interface IndicatorEntriesTable {
  id: string;
  unitId: string;
  code: string;
  periodFrom: string;
  periodTo: string;
  numerator: number;
  denominator: number;
  note: string | null;
  enteredBy: string | null;
  enteredByName: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Counts of a campaign's answers per breakdown dimension, kept by each submission (docs/surveys.md, "Results"). */
export interface SurveyCountsTable {
  campaignId: string;
  /** 'unit' | 'procedure' | 'channel' | 'mode' | 'group'. */
  dim: string;
  /** The response's value of the dimension, '' when it has none. */
  dimValue: string;
  /** '' for the count of responses. */
  questionId: string;
  /** '' for the count of a question's answers (with the number statistics). */
  optionCode: string;
  n: number;
  valueSum: number | null;
  valueMin: number | null;
  valueMax: number | null;
}

/** One bulk import or live-sync batch of dossiers (docs/dossier-imports.md). */
export interface DossierImportsTable {
  id: string;
  unitId: string;
  actorId: string | null;
  actorName: string | null;
  actorUsername: string | null;
  /** 'file' | 'sync'. */
  source: string;
  fileName: string;
  /** 'jsonl' | 'csv' | 'xlsx' | 'json'. */
  format: string;
  filePath: string | null;
  sha256: string;
  sizeBytes: number;
  /** How far the job has read its file, for the progress bar. */
  bytesRead: Generated<number>;
  /** 'queued' | 'running' | 'done' | 'failed' | 'cancelled'. */
  status: string;
  rowsRead: number;
  rowsValid: number;
  rowsWritten: number;
  rowsUnchanged: number;
  errorCount: number;
  /** JSON: [{ row, field, code }], the first 1,000. */
  errors: string;
  failure: string | null;
  cancelRequested: number;
  attempts: number;
  leaseUntil: string | null;
  leasedBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  /** 'reading' | 'checking' | 'switching' while the job runs, null otherwise. */
  phase: string | null;
  /** The switch's statements done (shown on PostgreSQL while its one transaction runs). */
  phaseStep: Generated<number>;
  /** JSON: milliseconds per phase and per switch statement. */
  timings: Generated<string>;
}

/** A staged row of an import: the dossier's columns as the switch writes them. */
export interface DossierImportRowsTable {
  importId: string;
  rowNo: number;
  id: string;
  code: string;
  sourceHash: string;
  unitId: string;
  processingUnitId: string | null;
  procedureId: string;
  procedureVersionId: string;
  procedureCode: string;
  procedureName: string;
  channel: string;
  status: string;
  clockRunning: number;
  applicantName: string;
  applicantNameFolded: string;
  applicant: string;
  components: string;
  lookupPin: string;
  submittedAt: string | null;
  receivedAt: string | null;
  receivedOn: string | null;
  dueDate: string | null;
  dueAt: string | null;
  statutoryDueAt: string | null;
  deemedReceivedOn: string | null;
  endOfProcessingAt: string | null;
  finishedAt: string | null;
  supplementRequests: number;
  state: string;
  action: string | null;
  dossierId: string | null;
  intakeAt: string | null;
  closedAt: string | null;
  returnedAt: string | null;
  paymentStopsClock: Generated<number>;
  /** The dossier's current status entry, derived as for `dossiers.position_*` (migration 20261207080000). */
  positionStatus: string | null;
  positionSince: string | null;
  positionDueAt: string | null;
  positionSupplements: number | null;
  /**
   * JSON: the history as `[[seq, action, from, to, at], …]` and the statistics' timeline as
   * `[[seq, status, startAt, endAt, statutoryDueAt, supplementRequests], …]` (migration 20261208020100).
   */
  events: Generated<string>;
  timeline: Generated<string>;
  /**
   * PostgreSQL only (migration 20261210010000): the same history and timeline as typed arrays, one per field,
   * which PostgreSQL's staging writes instead of the JSON above.
   */
  eventSeqs?: Generated<number[]>;
  eventActions?: Generated<string[]>;
  eventFroms?: Generated<Array<string | null>>;
  eventTos?: Generated<string[]>;
  eventAts?: Generated<string[]>;
  timelineSeqs?: Generated<number[]>;
  timelineStatuses?: Generated<string[]>;
  timelineStarts?: Generated<string[]>;
  timelineEnds?: Generated<Array<string | null>>;
  timelineDues?: Generated<Array<string | null>>;
  timelineSupplements?: Generated<number[]>;
}
