import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canAnywhere } from '@cchc/domain';
import { z } from 'zod';
import { authRoutes } from './modules/auth/auth.routes';
import { AuthRepository } from './modules/auth/auth.repository';
import { AuthService } from './modules/auth/auth.service';
import { CalendarRepository } from './modules/calendar/calendar.repository';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { CalendarService } from './modules/calendar/calendar.service';
import { PublicProcedureService } from './modules/procedures/procedure-public.service';
import { publicProcedureRoutes } from './modules/procedures/procedure-public.routes';
import { ProcedureTransferService } from './modules/procedures/procedure-transfer.service';
import { ProcedureRepository } from './modules/procedures/procedure.repository';
import { procedureRoutes } from './modules/procedures/procedure.routes';
import { procedureFileOwner, ProcedureService } from './modules/procedures/procedure.service';
import { dossierDeadlineSource } from './modules/dossiers/dossier-deadlines';
import { dossierMetricProvider } from './modules/dossiers/dossier-metric-definitions';
import { DossierRepository } from './modules/dossiers/dossier.repository';
import { DEFAULT_DOSSIER_SETTINGS } from './modules/dossiers/dossier-rules';
import { publicDossierRoutes } from './modules/dossiers/dossier-public.routes';
import { PublicUploadRepository } from './modules/dossiers/dossier-public.repository';
import { PublicDossierService } from './modules/dossiers/dossier-public.service';
import { dossierRoutes } from './modules/dossiers/dossier.routes';
import { dossierFileRoutes } from './modules/dossiers/dossier-files.routes';
import { DossierFilesService } from './modules/dossiers/dossier-files.service';
import { DossierFormsService } from './modules/dossiers/dossier-forms.service';
import { DossierReportsService } from './modules/dossiers/dossier-reports.service';
import { dossierReportRoutes } from './modules/dossiers/dossier-reports.routes';
import { DossierStatisticsRepository } from './modules/dossiers/dossier-statistics.repository';
import { DossierStatisticsService } from './modules/dossiers/dossier-statistics.service';
import { dossierFileOwner, DossierService } from './modules/dossiers/dossier.service';
import { MetricRegistry } from './modules/par/metric-registry';
import type { MetricProvider } from './platform/metrics/metric-types';
import { AssessmentAccess } from './modules/par/par-assessment-access';
import { ParCycleService } from './modules/par/par-cycle.service';
import { ParEvidenceService, parEvidenceFileOwner } from './modules/par/par-evidence.service';
import { ParHistoryService } from './modules/par/par-history.service';
import { ParProjectionService } from './modules/par/par-projection.service';
import { ParReadService } from './modules/par/par-read.service';
import { ParCriteriaService } from './modules/par/par-criteria.service';
import { ParRepository } from './modules/par/par.repository';
import { parRoutes } from './modules/par/par.routes';
import { overviewRoutes } from './modules/overview/overview.routes';
import { OverviewService } from './modules/overview/overview.service';
import { reportMetrics } from './modules/reports/report-metrics';
import { REPORT_NOTICE_TEMPLATES, reportReminderSource } from './modules/reports/report-notices';
import { reportDeadlineSource } from './modules/reports/report-deadlines';
import { ReportDraftService, scorecardStatusFrom, type TaskSummaryFn } from './modules/reports/report-draft.service';
import { ReportInstancesService, reportFileOwner } from './modules/reports/report-instances.service';
import { ReportObligationsService } from './modules/reports/report-obligations.service';
import { ReportRepository } from './modules/reports/report.repository';
import { reportRoutes } from './modules/reports/report.routes';
import { surveyMetricsProvider } from './modules/surveys/survey-metrics';
import { dossierIndicatorFacts } from './modules/dossiers/dossier-indicators';
import { indicatorMetricProvider } from './modules/indicators/indicator-metrics';
import { IndicatorRepository } from './modules/indicators/indicator.repository';
import { indicatorRoutes } from './modules/indicators/indicator.routes';
import { IndicatorService } from './modules/indicators/indicator.service';
import { planMetricsProvider } from './modules/plans/plan-metrics';
import { PLAN_NOTICE_TEMPLATES, planReminderSource } from './modules/plans/plan-notices';
import { PlanReportsService } from './modules/plans/plan-reports.service';
import { PlanRepository } from './modules/plans/plan.repository';
import { planRoutes } from './modules/plans/plan.routes';
import { planFileOwner, PlanService } from './modules/plans/plan.service';
import { TaskWorkflowService } from './modules/plans/task-workflow.service';
import { TaskRepository } from './modules/plans/task.repository';
import { taskFileOwner, TaskService } from './modules/plans/task.service';
import { setupRoutes } from './modules/setup/setup.routes';
import { SetupService } from './modules/setup/setup.service';
import { UnitRepository } from './modules/units/unit.repository';
import { unitRoutes } from './modules/units/unit.routes';
import { UnitService } from './modules/units/unit.service';
import { UserRepository } from './modules/users/user.repository';
import { userRoutes } from './modules/users/user.routes';
import { UserService } from './modules/users/user.service';
import { CampaignService } from './modules/surveys/campaign.service';
import { QuestionnaireService } from './modules/surveys/questionnaire.service';
import { SurveyAnswerService } from './modules/surveys/survey-answer.service';
import { SurveyExportService } from './modules/surveys/survey-export.service';
import { PaperEntryService } from './modules/surveys/paper-entry.service';
import { publicSurveyRoutes } from './modules/surveys/survey-public.routes';
import { SurveyCountsRepository } from './modules/surveys/survey-counts.repository';
import { SurveyResultsService } from './modules/surveys/survey-results.service';
import { SurveyRepository } from './modules/surveys/survey.repository';
import { RespondentImport } from './modules/surveys/respondent-import';
import { SurveyPrint } from './modules/surveys/survey-print';
import { SURVEY_INVITATION, SURVEY_REMINDER, SURVEY_REMINDERS_JOB, SurveyMailing } from './modules/surveys/survey-mailing';
import { surveyRoutes } from './modules/surveys/survey.routes';
import { AuditReadService } from './platform/audit/audit-read.service';
import { AuditRepository } from './platform/audit/audit.repository';
import { auditRoutes } from './platform/audit/audit.routes';
import { AuditService } from './platform/audit/audit.service';
import { DEFAULT_HASHING, type HashingParams } from './platform/auth/password';
import { systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import { loggerOptions } from './platform/logging';
import { openDatabase, type DbHandle } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrations';
import { FileStore } from './platform/files/file-store';
import { AuditCheckpoints, checkpointKey } from './platform/audit/audit-checkpoint';
import { filesRoutes } from './platform/files/files.routes';
import { FilesService, unitFileOwner } from './platform/files/files.service';
import { registerAuthHook } from './platform/http/auth-hook';
import { registerInputGuard } from './platform/http/input-guard';
import { registerErrorHandler, registerNotFound } from './platform/http/error-handler';
import { registerOpenApi } from './platform/http/openapi';
import { registerSecurityHeaders } from './platform/http/security-headers';
import { CLEANUP_EVERY_MS, CleanupJob } from './platform/throttle/cleanup-job';
import { Throttle } from './platform/throttle/throttle';
import { ThrottleRepository } from './platform/throttle/throttle.repository';
import { Mailer } from './platform/notifications/mailer';
import { NotificationService } from './platform/notifications/notification.service';
import { NotificationCenter } from './platform/notifications/notification-center';
import { NotificationInboxRepository } from './platform/notifications/notification-inbox.repository';
import { NotificationInboxService } from './platform/notifications/notification-inbox.service';
import { notificationRoutes } from './platform/notifications/notifications.routes';
import type { ReminderSource } from './platform/notifications/notice-types';
import { DailyReminders, REMINDERS_DAILY } from './platform/jobs/daily-reminders';
import { JobScheduler, SCHEDULER_EVERY_MS, type JobHandler, type TickReport } from './platform/jobs/job-scheduler';
import { dossierNoticeTemplates, dossierReminderSource } from './modules/dossiers/dossier-notices';
import { dossierImportRoutes } from './modules/dossier-imports/dossier-import.routes';
import { DossierImportRepository, FIRST_LOAD_LOCK_TIMEOUT_MS } from './modules/dossier-imports/dossier-import.repository';
import { DossierImportService, IMPORT_JOB } from './modules/dossier-imports/dossier-import.service';
import { DossierSyncService } from './modules/dossier-imports/dossier-sync.service';
import { UnitTreeRepository } from './platform/units/unit-tree';

/** The citizen site (issue #4): assets under /cong-dan/, its pages at /tra-cuu, /thu-tuc and /nop-truc-tuyen. */
async function registerPublicSite(app: FastifyInstance, root: string | null, surveyLinkStatus?: (token: string) => Promise<number>): Promise<void> {
  if (!root || !existsSync(join(root, 'index.html'))) return;
  await app.register(fastifyStatic, { root, prefix: '/cong-dan/', decorateReply: false, index: false });
  const page = (_req: unknown, reply: { type(t: string): { send(b: Buffer): unknown } }) =>
    reply.type('text/html; charset=utf-8').send(readFileSync(join(root, 'index.html')));
  for (const url of ['/tra-cuu', '/thu-tuc', '/thu-tuc/*', '/nop-truc-tuyen/*']) app.get(url, { schema: { hide: true } }, page);
  // A survey link (issue #12): the same page, answered 404 when the link is unknown or expired (the page then says so).
  if (surveyLinkStatus)
    app.get<{ Params: { token: string } }>('/khao-sat/:token', { schema: { hide: true } }, async (req, reply) => {
      const status = /^[A-Za-z0-9_-]{10,100}$/.test(req.params.token) ? await surveyLinkStatus(req.params.token) : 404;
      return reply
        .code(status === 404 ? 404 : 200)
        .type('text/html; charset=utf-8')
        .send(readFileSync(join(root, 'index.html')));
    });
}

export interface BuildOptions {
  clock?: Clock;
  hashing?: HashingParams;
  /** false silences request logs (tests); a pino options object otherwise. */
  logger?: boolean | object;
  /** Use an already opened database (tests, CLI). */
  handle?: DbHandle;
  /** PAR metric providers (tests pass fakes), replacing `defaultMetricProviders()`; a key published twice fails here. */
  metricProviders?: MetricProvider[];
  /** The plans module's task figures for the report draft (docs/reports.md "Draft"); absent: the section says no data. */
  taskSummary?: TaskSummaryFn;
  /** More job kinds for the scheduler (tests). */
  jobHandlers?: Record<string, JobHandler>;
}

/**
 * The PAR metric providers of a running server, an explicit list (docs/architecture.md "PAR metrics"): each
 * module publishes its definitions and computes their values. The demo seeder builds its catalogue from it.
 */
export function defaultMetricProviders(): MetricProvider[] {
  return [dossierMetricProvider(), planMetricsProvider(), reportMetrics, surveyMetricsProvider, indicatorMetricProvider(dossierIndicatorFacts)];
}

export interface App {
  app: FastifyInstance;
  /** Every route registered, for the authorization matrix test. */
  routes: Array<{ method: string; url: string }>;
  handle: DbHandle;
  /** Starts background work (e-mail delivery retries); returns the function that stops it. Servers call it, tests need not. */
  startJobs(): () => void;
  /** One run of the cleanup job (tests; startJobs runs it on a timer). */
  runCleanup(): Promise<void>;
  /** One tick of the job scheduler: plans the daily reminders, runs the due jobs (tests; startJobs runs it on a timer). */
  runScheduler(): Promise<TickReport>;
  /** The scheduler, for tests that schedule their own jobs. */
  scheduler: JobScheduler;
  close(): Promise<void>;
}

/** Wires database, services and routes. Never listens: main.ts does (fastify docs, "Testing"). */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  const handle = opts.handle ?? openDatabase(config);
  await migrateToLatest(handle.db);
  const { db, engine } = handle;
  // Statistics, reports, exports and the QĐ 766 page read from the replica when one is set (docs/deployment.md#read-replica).
  const readHandle = config.databaseReadUrl ? openDatabase({ databaseUrl: config.databaseReadUrl, sqliteFile: '' }) : null;
  const reads = readHandle?.db ?? db;
  const clock = opts.clock ?? systemClock;
  const hashing = opts.hashing ?? DEFAULT_HASHING;

  const app = Fastify({
    logger: opts.logger ?? loggerOptions(config),
    genReqId: () => randomUUID(),
    // Only the configured reverse proxies may name the client (X-Forwarded-For) or the scheme; by default
    // nobody can, so the rate limits and logs see the socket's address (issue #9, defect 4).
    trustProxy: config.trustProxy === false ? false : config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  const routes: App['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  registerSecurityHeaders(app, { hsts: config.cookieSecure });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });

  const auditRepo = new AuditRepository(db, engine);
  // The unit tree (docs/architecture.md#unit-tree): one reader of the closure, handed to every module that needs subtrees.
  const unitTree = new UnitTreeRepository(db);
  const audit = new AuditService(auditRepo, clock);
  // Security counters in the database: login, public lookup and upload limits (docs/architecture.md, "Security").
  const throttle = new Throttle(new ThrottleRepository(db), clock);
  const authService = new AuthService(
    db,
    new AuthRepository(db),
    audit,
    clock,
    {
      sessionTtlHours: config.sessionTtlHours,
      lockAfterFailures: config.login.lockAfterFailures,
      lockMinutes: config.login.lockMinutes,
      userCeiling: config.login.userCeiling,
      hashing,
    },
    throttle,
    unitTree,
  );
  registerAuthHook(app, authService);
  registerInputGuard(app);
  await registerOpenApi(app, { ui: config.apiDocs });

  const cookieOpts = { cookieSecure: config.cookieSecure, ttlHours: config.sessionTtlHours };
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        summary: 'Liveness and database engine',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) },
      },
    },
    async () => {
      await db.selectFrom('auditHead').select('id').executeTakeFirst();
      return { status: 'ok' as const, db: engine };
    },
  );
  // Deadline sources go in the last argument; they feed the calendar impact check.
  const calendar = new CalendarService(db, new CalendarRepository(db), audit, clock, [dossierDeadlineSource, reportDeadlineSource]);
  await calendar.seedAnnounced();
  await app.register(setupRoutes, { service: new SetupService(db, audit, authService, clock, hashing), auth: authService, ...cookieOpts });
  await app.register(authRoutes, { service: authService, throttle, loginPerMinute: config.login.maxPerMinute, ...cookieOpts });
  await app.register(unitRoutes, { service: new UnitService(db, new UnitRepository(db), audit, clock, unitTree) });
  await app.register(userRoutes, { service: new UserService(db, new UserRepository(db), audit, clock, hashing) });
  await app.register(auditRoutes, { service: new AuditReadService(auditRepo) });
  const fileStore = new FileStore(config.dataDir);
  const files = new FilesService(db, fileStore, audit, clock, [
    unitFileOwner,
    procedureFileOwner,
    parEvidenceFileOwner,
    dossierFileOwner,
    reportFileOwner,
    planFileOwner,
    taskFileOwner,
  ]);
  await app.register(filesRoutes, { service: files });
  // The procedure catalogue; `procedures.versionInForce` is what the dossier module will use.
  const procedureRepo = new ProcedureRepository(db, unitTree);
  const procedures = new ProcedureService(db, procedureRepo, audit, clock);
  await app.register(procedureRoutes, { service: procedures, transfer: new ProcedureTransferService(db, procedureRepo, audit, clock) });
  await app.register(publicProcedureRoutes, { service: new PublicProcedureService(procedureRepo, clock), perMinute: 300 });
  await app.register(calendarRoutes, { service: calendar });
  // One-stop dossiers: receipt, lifecycle, queues. Citizen e-mails go through the notification outbox.
  const mailer = Mailer.fromConfig(config);
  const notifications = new NotificationService(db, mailer, clock);
  // Notices to staff: the bell and e-mail. Each module's templates, an explicit list (docs/architecture.md
  // "Notifications and reminders"); reminder sources likewise, run by the daily reminder job.
  const notifier = new NotificationCenter([dossierNoticeTemplates, PLAN_NOTICE_TEMPLATES, REPORT_NOTICE_TEMPLATES], clock, {
    emailEnabled: !!mailer,
    baseUrl: config.dossier.publicBaseUrl,
  });
  const dossierSettings = { ...DEFAULT_DOSSIER_SETTINGS, ...config.dossier };
  const reminderSources: ReminderSource[] = [dossierReminderSource(dossierSettings), planReminderSource(), reportReminderSource()];
  await app.register(notificationRoutes, {
    service: new NotificationInboxService(new NotificationInboxRepository(db), clock),
    deliver: () => void notifications.deliverPending().catch(() => undefined),
  });
  const dossierRepo = new DossierRepository(db, unitTree);
  const dossiers = new DossierService({
    db,
    repo: dossierRepo,
    reads: new DossierRepository(reads, unitTree),
    audit,
    clock,
    calendar,
    procedures,
    notifications,
    notifier,
    settings: dossierSettings,
  });
  await app.register(dossierRoutes, { service: dossiers });
  // The files of a dossier for whoever reads it: list, preview, download (issue #13).
  await app.register(dossierFileRoutes, { service: new DossierFilesService({ db, dossiers, store: fileStore }) });
  // The citizen's lookup by code and PIN, online filing with uploads, rating after return; rate-limited per address.
  const publicDossiers = new PublicDossierService({
    db,
    dossiers,
    repo: dossierRepo,
    files,
    audit,
    clock,
    secret: config.sessionSecret,
    throttle,
    uploads: new PublicUploadRepository(db),
    store: fileStore,
    uploadPolicy: config.publicUploads,
  });
  await app.register(publicDossierRoutes, { service: publicDossiers, throttle });
  // Bulk import and live sync of dossiers from other one-stop systems (docs/dossier-imports.md): a job run by the scheduler.
  const importDeps = {
    db,
    repo: new DossierImportRepository(db, unitTree, handle.pool, {
      minRows: config.importRebuildMinRows,
      lockTimeoutMs: FIRST_LOAD_LOCK_TIMEOUT_MS,
    }),
    audit,
    clock,
    settings: dossierSettings,
    dataDir: config.dataDir,
    schedule: (kind: string, key: string, runAt: string, payload: unknown): Promise<boolean> => scheduler.schedule(kind, key, runAt, payload),
    kick: (): void => void scheduler.tick().catch((e: unknown) => app.log.error({ err: e }, 'scheduled jobs failed')),
  };
  const dossierImports: DossierImportService = new DossierImportService(importDeps);
  await app.register(dossierImportRoutes, { imports: dossierImports, sync: new DossierSyncService(importDeps) });
  // Statistics, Excel exports and the printed forms (.docx) of dossiers.
  const dossierStatistics = new DossierStatisticsService({ repo: dossierRepo, statistics: new DossierStatisticsRepository(reads), dossiers });
  const dossierReports = new DossierReportsService({ dossiers, statistics: dossierStatistics, clock });
  await app.register(dossierReportRoutes, {
    reports: dossierReports,
    statistics: dossierStatistics,
    forms: new DossierFormsService({ db, repo: dossierRepo, dossiers, clock }),
  });
  // QĐ 766 service-quality indicators (docs/domain/qd766.md): the dossier module's facts, counted in SQL, passed in.
  const indicators = new IndicatorService({ db, reads, repo: new IndicatorRepository(db, unitTree), facts: dossierIndicatorFacts, audit, clock });
  await indicators.seedNational();
  await app.register(indicatorRoutes, { service: indicators });
  // PAR index. Metric providers feed the live projection; an explicit list, no side-effect registration.
  const parRepo = new ParRepository(db, unitTree);
  const parMetrics = new MetricRegistry(opts.metricProviders ?? defaultMetricProviders());
  // One service per use case (docs/architecture.md "PAR index"); each public method authorizes. The lists read
  // totals stored on every write; rows older than those columns get them here, before any request.
  const parAccess = new AssessmentAccess(db, parRepo);
  await parAccess.backfill();
  const parReads = new ParReadService(parRepo, parAccess);
  const parCycle = new ParCycleService(db, parRepo, parAccess, audit, clock);
  const parProjection = new ParProjectionService(db, parRepo, parAccess, clock, parMetrics);
  await app.register(parRoutes, {
    criteria: new ParCriteriaService(db, parRepo, audit, clock, parMetrics, parAccess),
    reads: parReads,
    cycle: parCycle,
    evidence: new ParEvidenceService(db, parRepo, parAccess, audit, clock),
    projection: parProjection,
    history: new ParHistoryService(db, parRepo, parAccess, parCycle, audit, clock),
    clock,
  });
  // Reform plans and tasks (docs/plans.md): assignment notices through the notifier; reminders, PAR metrics and
  // the report draft's task figures are wired below from the same services.
  const planRepo = new PlanRepository(db, unitTree);
  const plans = new PlanService({ db, repo: planRepo, audit, clock, calendar });
  const tasks = new TaskService({ db, repo: new TaskRepository(db), plans: planRepo, audit, clock, calendar, notifier });
  const planReports = new PlanReportsService(plans, tasks);
  await app.register(planRoutes, { plans, tasks, workflow: new TaskWorkflowService(tasks), reports: planReports });
  // Periodic reports (docs/reports.md): obligations, instances, submissions, the Word draft of a PAR report.
  const reportRepo = new ReportRepository(db, unitTree);
  const reportInstances = new ReportInstancesService(db, reportRepo, audit, clock, calendar);
  const reportDrafts = new ReportDraftService({
    repo: reportRepo,
    instances: reportInstances,
    statistics: dossierStatistics,
    clock,
    taskSummary: opts.taskSummary ?? ((actor, unitIds, from, to) => planReports.taskSummary(actor, unitIds, from, to)),
    scorecardStatus: scorecardStatusFrom({ list: async (actor, year) => (await parReads.list(actor, { year })).items }),
  });
  await app.register(reportRoutes, {
    obligations: new ReportObligationsService(db, reportRepo, audit, clock, calendar),
    instances: reportInstances,
    drafts: reportDrafts,
    clock,
  });

  // The leader's overview: each module's own counts, the ones its lists use (docs/overview.md).
  const overview = new OverviewService(
    db,
    {
      dossiers: (actor) => dossiers.overview(actor),
      tasks: async (actor, today) => (canAnywhere(actor, 'plan.read') ? tasks.overviewCounts(actor, today) : null),
      reports: async (actor, today) => (canAnywhere(actor, 'report.read') ? reportInstances.overviewCounts(actor, today) : null),
      par: async (actor, year) => {
        if (!canAnywhere(actor, 'par.read')) return null;
        const [now, before] = await Promise.all([parProjection.projectionSummary(actor, year), parProjection.projectionSummary(actor, year - 1)]);
        return { projected: now?.projected ?? null, atRisk: now?.atRisk ?? 0, unknown: now?.unknown ?? 0, lastYear: before?.projected ?? null };
      },
    },
    clock,
  );
  await app.register(overviewRoutes, { service: overview });

  // Satisfaction surveys (docs/surveys.md): questionnaires, sampled campaigns, answering by one-time link, results.
  const surveyRepo = new SurveyRepository(db, engine);
  const questionnaires = new QuestionnaireService(db, surveyRepo, audit, clock);
  const campaigns = new CampaignService(db, surveyRepo, questionnaires, audit, clock, { publicBaseUrl: config.dossier.publicBaseUrl });
  const surveyCounts = new SurveyCountsRepository(db, engine);
  const surveyResults = new SurveyResultsService(db, surveyRepo, campaigns, surveyCounts);
  // Invitations and reminders by e-mail: the link is minted when the outbox row is sent, never stored (docs/surveys.md).
  const surveyMailing = new SurveyMailing(
    db,
    campaigns,
    notifications,
    audit,
    clock,
    { publicBaseUrl: config.dossier.publicBaseUrl },
    (kind, key, runAt, payload, trx) => scheduler.schedule(kind, key, runAt, payload, trx),
    () => void notifications.deliverPending().catch((e: unknown) => app.log.error({ err: e }, 'e-mail delivery failed')),
  );
  notifications.renderAtSend(SURVEY_INVITATION, surveyMailing.render);
  notifications.renderAtSend(SURVEY_REMINDER, surveyMailing.render);
  await app.register(surveyRoutes, {
    questionnaires,
    campaigns,
    mailing: surveyMailing,
    respondents: new RespondentImport(db, campaigns, audit, clock),
    print: new SurveyPrint(db, surveyRepo, campaigns, audit, clock, { publicBaseUrl: config.dossier.publicBaseUrl }),
    results: surveyResults,
    exports: new SurveyExportService(db, surveyRepo, campaigns, surveyResults),
    paper: new PaperEntryService(db, surveyRepo, campaigns, surveyCounts, audit, clock),
  });
  const surveyAnswers = new SurveyAnswerService(db, surveyRepo, surveyCounts, clock);
  await app.register(publicSurveyRoutes, { service: surveyAnswers, throttle });

  const spa = !!config.webDist && existsSync(join(config.webDist, 'index.html'));
  if (spa) await app.register(fastifyStatic, { root: config.webDist!, wildcard: false, index: false });
  await registerPublicSite(app, config.webDist ? join(config.webDist, '../dist-public') : null, (token) => surveyAnswers.linkStatus(token));
  registerNotFound(app, spa);

  // Expired security counters and citizen uploads never filed (issue #9): deleted on a timer.
  const cleanup = new CleanupJob([() => throttle.purge(), () => publicDossiers.expireUploads()]);
  // Jobs stored in the database, claimed with a lease by one instance: the daily reminders at REMINDER_LOCAL_TIME.
  const reminders = new DailyReminders({
    db,
    clock,
    calendar,
    notifier,
    sources: reminderSources,
    minuteOfDay: config.reminderMinuteOfDay,
    afterCommit: () => notifications.deliverPending(),
  });
  const scheduler: JobScheduler = new JobScheduler(
    db,
    clock,
    { [REMINDERS_DAILY]: reminders.handle, [IMPORT_JOB]: dossierImports.handle, [SURVEY_REMINDERS_JOB]: surveyMailing.remind, ...opts.jobHandlers },
    [reminders.plan],
  );

  await app.ready();
  return {
    app,
    routes,
    handle,
    startJobs: () => {
      const stops = [
        notifications.startTimer(30_000, (e) => app.log.error({ err: e }, 'notification delivery failed')),
        cleanup.start(CLEANUP_EVERY_MS, (e) => app.log.error({ err: e }, 'cleanup failed')),
        scheduler.startTimer(SCHEDULER_EVERY_MS, (e) => app.log.error({ err: e }, 'scheduled jobs failed')),
        new AuditCheckpoints(db, clock).startTimer(checkpointKey(config.dataDir, config.auditCheckpointKey, true)!, (e) =>
          app.log.error({ err: e }, 'audit checkpoint failed'),
        ),
      ];
      return () => stops.forEach((stop) => stop());
    },
    runCleanup: () => cleanup.run(),
    runScheduler: () => scheduler.tick(),
    scheduler,
    close: async () => {
      await app.close();
      await handle.close();
      await readHandle?.close();
    },
  };
}
