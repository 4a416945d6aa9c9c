// The domain's single public entry: an explicit list of what other packages may use.
export {
  daysInMonth,
  digitsAt,
  DomainInputError,
  formatHundredths,
  type Hundredths,
  type Instant,
  instantAt,
  instantOfMs,
  isLocalDate,
  type LocalDate,
  localDateOf,
  utcMsOf,
  localMinutesOf,
  parseHundredths,
  parseLocalDate,
  RuleViolation,
  formatPercent,
  ratioBasisPoints,
} from './values';
export { escapeLike, foldVietnamese } from './text';
export { ALLOWED_CHILD_KINDS, type Role, ROLES, TOP_LEVEL_UNIT_KINDS, UNIT_KINDS, type UnitKind } from './access/roles';
export { type Action, type Actor, can, canAnywhere, type Grant, PERMISSIONS, unitsFor } from './access/permissions';
export { MANAGEABLE_ROLES, mayManageGrant, mayManageUser } from './access/user-management';
export { API_TOKEN_MAX_DAYS, tokenExpiryProblem } from './access/api-tokens';
export { isAgencyCode } from './access/agency-code';
export {
  AUDIT_ACTION_LABELS,
  AUDIT_ACTIONS,
  AUDIT_ACTOR_KINDS,
  AUDIT_ENTITIES,
  AUDIT_ENTITY_LABELS,
  type AuditAction,
  type AuditActorKind,
  type AuditEntity,
  type AuditLabel,
  auditLabel,
} from './audit/vocabulary';
export { solarToLunar, lunarToSolar, lunarMonthLength, tetOf, hungKingsDayOf, type LunarDate } from './calendar/lunar';
export { generateProvisionalYear } from './calendar/statutory-rules';
export { ANNOUNCED_YEARS, defaultYears } from './calendar/announced';
export { createWorkingCalendar, type WorkingCalendar } from './calendar/working-calendar';
export { DEFAULT_OFFICE_HOURS, type OfficeHours } from './calendar/office-hours';
export { calendarFromYears } from './calendar/calendar-of';
export { civilFromDayNumber, dayNumberFromCivil, SUPPORTED_YEARS } from './calendar/day-number';
export type { YearRange } from './calendar/day-table';
export type { YearCalendar, Closure, ClosureKind, CalendarStatus, WorkingSaturday } from './calendar/year-calendar';
export type { DayCalendar } from './dossier/day-calendar';
export {
  type Channel,
  CHANNEL_CODE,
  channelOfCode,
  CHANNELS,
  BEFORE_RECEIPT_STATUSES,
  COMPLETION_NATIONAL_CODES,
  type CompletionNationalCode,
  DOSSIER_STATUSES,
  type DossierStatus,
  isDossierStatus,
  isTerminalStatus,
  NATIONAL_STATUS_CODE,
  NATIONAL_STATUS_STRING,
  nationalStatusCodeOf,
  PAUSED_STATUSES,
  statusOfNationalCode,
  TERMINAL_STATUSES,
} from './dossier/status';
export {
  assertOfficeHours,
  closingMinuteOf,
  computeDue,
  type DeemedReceipt,
  deemedReceiptDate,
  type DeemedReceiptReason,
  type DueComputation,
  openingMinuteOf,
  type ReceiptPolicy,
  type TimeLimit,
} from './dossier/time-limit';
export {
  classifyEnd,
  classifyOpen,
  classifyWaitingForApplicant,
  DEFAULT_TIMELINESS_POLICY,
  type OpenTimeliness,
  type Timeliness,
  type TimelinessGranularity,
  type TimelinessPolicy,
} from './dossier/timeliness';
export {
  type ApologyLetter,
  type DossierPause,
  type DossierPolicy,
  type DossierState,
  type DueChange,
  type HandoverRow,
  isClockRunning,
  isOverdueAt,
  type CompletionRequest,
  openCompletionOf,
  openPauseOf,
  type PauseKind,
  type ReturnMethod,
  type StatusChange,
  type SupplementMode,
  totalPausedWorkingDays,
  type SheetPerson,
} from './dossier/dossier-state';
export { assertTransition, BLOCKED_WHEN_OVERDUE, DOSSIER_ACTIONS, DOSSIER_TRANSITIONS, type DossierAction, nextStatusOf } from './dossier/transition-table';
export { type ReceiveInput, receiveNew, receiveSubmitted, submitOnline } from './dossier/intake';
export { markResultReady, refuseDossier, returnResult, startProcessing, stopDossier, withdrawDossier } from './dossier/transitions';
export { closeOpenPause, completeSupplement, recordPayment, requestPayment, requestSupplement } from './dossier/pauses';
export { canIssueApology, issueApology } from './dossier/apology';
export { type PlannedStep, planSteps, type ProcessStep, shiftByWorkingDays } from './dossier/step-plan';
export { completeStep, performerOfStep, performerRoleOf, receiveFromQueue } from './dossier/complete-step';
export { applyDossierCommand, type DossierCommand } from './dossier/commands';
export { completeFiling, requestCompletion } from './dossier/completion';
export {
  classifyFinished,
  closingOf,
  type DossierSummary,
  dueAtAsOf,
  endOfProcessingAtOf,
  intakeAtOf,
  receiptAtOf,
  statusOn,
  summarizeDossier,
  supplementRequestsOn,
} from './dossier/dossier-summary';
export { classifyAtPeriodEnd, type ClosingOutcome, type PeriodEndPosition } from './dossier/period-position';
export { computeStatistics, type DossierStatistics, type StatisticsCounts, ZERO_COUNTS, statisticsFromCounts } from './dossier/statistics';
export {
  type AgencyIdentifierParts,
  type DossierCodeParts,
  formatDossierCode,
  isDossierCode,
  isLegacyCode,
  MAX_DAILY_SEQUENCE,
  parseAgencyIdentifier,
  parseDossierCode,
} from './dossier/dossier-code';
export { formatPin, isPin, PIN_BYTES, pinFromBytes } from './dossier/lookup-pin';
export {
  assertResultRecord,
  checkComponents,
  type ComponentCheck,
  type DossierResultRecord,
  RESULT_KINDS,
  type ResultIssue,
  type ResultKind,
  resultRecordIssues,
} from './dossier/desk-records';
export { percentBasisPoints, roundHundredths, ROUNDING_MODES, type RoundingMode, roundQuotient } from './scorecard/rounding';
export {
  compareRate,
  countOf,
  type ExactRate,
  exactRateOf,
  FULL_RATE_BASIS_POINTS,
  type RuleInput,
  type RuleInputKind,
  RuleInputSchema,
  TIMELINESS_LEVELS,
  type TimelinessLevel,
} from './scorecard/rule-input';
export { acceptedInputKinds, evaluateRule } from './scorecard/scoring-rules';
export { type RateBand, type RuleKind, type ScoringRule, ScoringRuleSchema } from './scorecard/scoring-rule-schema';
export { checkRuleAgainstMax, type RuleIssue } from './scorecard/rule-consistency';
export {
  buildCriteriaTree,
  compareCodes,
  compareSiblings,
  type CriteriaSet,
  CriteriaSetSchema,
  type CriteriaTree,
  CRITERION_LEVELS,
  type CriterionLevel,
  type CriterionNode,
  CriterionNodeSchema,
  type CriterionTreeNode,
  flattenTree,
  type StructuralIssue,
  structuralIssues,
} from './scorecard/criteria-tree';
export { type CriteriaIssue, validateCriteriaSet } from './scorecard/criteria-validation';
export {
  computeScorecard,
  type LayerResult,
  type NodeValues,
  pointsAtRisk,
  type PointsAtRisk,
  SCORE_LAYERS,
  type Scorecard,
  type ScorecardLine,
  type ScoreLayer,
} from './scorecard/scorecard';
export { checkPublishedResult, type PercentMismatch, type PublishedCheck, type PublishedResult, PublishedResultSchema } from './scorecard/published-check';
export {
  METRIC_ANNUAL_PLAN_TIMELINESS,
  METRIC_ONLINE_SERVICES_WITH_ONLINE_DOSSIER_RATE,
  METRIC_POSTAL_PROCEDURE_SHARE,
  METRIC_REPORTS_ALL_ON_TIME,
  METRIC_REPORTS_COMPLETE,
  METRIC_TASK_COMPLETION_RATE,
  publishedResult2019SoKhcn,
  template2019Department,
  template2021FieldNames,
} from './scorecard/par-templates';
export { type ClassificationBand, classifyBand, rankAgencies, type RankedAgency, type RankingEntry, type TieRule } from './scorecard/ranking';
export { metricsByKey, type MetricValue, projectScores, recoveryHint, type RecoveryHint } from './scorecard/metric-binding';
export { inputKindOfMetric, METRIC_VALUE_KINDS, metricFitsRule, type MetricValueKind } from './scorecard/metric-kinds';
export {
  ASSESSMENT_ACTIONS,
  ASSESSMENT_STATUSES,
  ASSESSMENT_TRANSITIONS,
  type AssessmentAction,
  type AssessmentStatus,
  assessmentAllows,
  isFinishedAssessment,
  nextAssessmentStatus,
} from './scorecard/assessment-lifecycle';
export {
  PERIOD_KINDS,
  type PeriodKind,
  PERIODS_PER_YEAR,
  type PeriodSelection,
  PeriodSelectionSchema,
  periodsOf,
  type ReportPeriod,
} from './reports/report-periods';
export { dueDateOf, type DueRule, DueRuleSchema } from './reports/due-rules';
export {
  type ChecklistItem,
  completenessOf,
  DEFAULT_DUE_WITHIN_WORKING_DAYS,
  dueHorizon,
  isSentOnTime,
  judgeSubmission,
  REPORT_STATUSES,
  type ReportStatus,
  reportStatusOf,
} from './reports/report-status';
export {
  assertTaskTransition,
  completionStatusOf,
  FINISHED_TASK_STATUSES,
  nextTaskStatusOf,
  TASK_ACTIONS,
  TASK_STATUSES,
  TASK_TRANSITIONS,
  type TaskAction,
  type TaskStatus,
} from './plans/task-status';
export { type BucketCounts, type BucketInput, completionRateBasisPoints, TASK_BUCKETS, type TaskBucket, taskBucketOf } from './plans/task-bucket';
export { endOfWeek, planTimelinessOf, type TaskIssue, taskIssues } from './plans/task-rules';
export {
  type Condition,
  ConditionSchema,
  LIKERT_CODES,
  type LocalizedText,
  LocalizedTextSchema,
  type Option,
  optionCodesOf,
  OptionSchema,
  type PublishIssue,
  publishIssues,
  type Question,
  QUESTION_TYPES,
  type QuestionInput,
  type QuestionnaireDefinition,
  type QuestionnaireDefinitionInput,
  QuestionnaireDefinitionSchema,
  QuestionSchema,
  questionsOf,
  type QuestionType,
  SATISFIED_CODES,
  type Section,
  SectionSchema,
  SIPAS_ASPECTS,
  SIPAS_ELEMENTS,
  type SipasAspect,
  type SipasElement,
  type Tag,
  TagSchema,
  YES_NO_CODES,
} from './surveys/questionnaire';
export { type AnswerIssue, type AnswerRow, type AnswerValue, validateAnswers, visibleQuestionIds } from './surveys/answers';
export { answersFingerprint, canonicalAnswer, STRAIGHT_LINE_MIN_QUESTIONS, straightLined } from './surveys/quality';
export { allocate, drawOffset, keyRank, sampleSize, type Stratum } from './surveys/sampling';
export { averageOf, isSuppressed, marginOfError95, MIN_CELL_RESPONSES, percentSatisfied, toBasisPoints, weightedMean, weightsOf } from './surveys/indices';
export {
  INDICATOR_SOURCES,
  INDICATOR_UNITS,
  type IndicatorOverride,
  IndicatorOverrideSchema,
  type IndicatorSetContent,
  IndicatorSetContentSchema,
  QD766_NATIONAL_VERSION,
  applyOverrides,
  qd766NationalSet,
} from './qd766/indicator-catalogue';
export { type ImportedDossierRecord, type ImportedSupplement, importedRecordIssues, importedState } from './dossier/imported-state';
export { type IndicatorFigures, type SetScore, scoreSet } from './qd766/indicator-scoring';
