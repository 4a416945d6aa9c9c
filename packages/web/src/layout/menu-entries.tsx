// The module registry: one entry per page in the sidebar. The router, the sidebar and the home cards
// all read this array, so a new module is one entry here plus its page and its i18n keys.
import {
  ApartmentOutlined,
  AuditOutlined,
  BarChartOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileSearchOutlined,
  FolderOpenOutlined,
  ProfileOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
  FundOutlined,
  SolutionOutlined,
  OrderedListOutlined,
  ScheduleOutlined,
  CarryOutOutlined,
  PieChartOutlined,
  FormOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import type { ParseKeys } from 'i18next';
import { lazy, type ComponentType, type LazyExoticComponent, type ReactNode } from 'react';
import type { Me } from '../api/types';
import { hasPermission } from '../auth/me-context';
import { canReadDossiers, canReadDossierStatistics, canReceiveDossiers } from '../pages/dossiers/dossier-permissions';

export interface MenuGroup {
  key: string;
  labelKey: ParseKeys;
  icon: ReactNode;
}

export interface MenuEntry {
  key: string;
  /** Absolute route path; pages below it (`/admin/users/123`) keep the entry selected. */
  path: string;
  /** Key of a MENU_GROUPS entry, or none for a top-level item. */
  group?: string;
  labelKey: ParseKeys;
  /** One line on the home page card. */
  descriptionKey: ParseKeys;
  icon: ReactNode;
  /** Whether the user sees the entry and may open the page. Decided from what the server said. */
  visible: (me: Me) => boolean;
  /** Shown as a card on the home page. */
  onHome: boolean;
  page: LazyExoticComponent<ComponentType>;
}

export const MENU_GROUPS: readonly MenuGroup[] = [
  { key: 'dossiers', labelKey: 'dossiers.menu.group', icon: <FolderOpenOutlined /> },
  { key: 'par', labelKey: 'par.menu.group', icon: <TrophyOutlined /> },
  { key: 'plans', labelKey: 'plans.menu.group', icon: <ScheduleOutlined /> },
  { key: 'admin', labelKey: 'menu.admin', icon: <SettingOutlined /> },
];

export const MENU_ENTRIES: readonly MenuEntry[] = [
  {
    key: 'home',
    path: '/',
    labelKey: 'menu.home',
    descriptionKey: 'modules.home',
    icon: <DashboardOutlined />,
    visible: () => true,
    onHome: false,
    page: lazy(() => import('../pages/home/home-page').then((m) => ({ default: m.HomePage }))),
  },
  {
    key: 'calendar',
    path: '/calendar',
    labelKey: 'menu.calendar',
    descriptionKey: 'modules.calendar',
    icon: <CalendarOutlined />,
    // Every signed-in user reads the working calendar; editing is offered from the server's `can.manage`.
    visible: () => true,
    onHome: true,
    page: lazy(() => import('../pages/calendar/calendar-page').then((m) => ({ default: m.CalendarPage }))),
  },
  {
    key: 'dossiers-receive',
    path: '/dossiers/receive',
    group: 'dossiers',
    labelKey: 'dossiers.menu.receive',
    descriptionKey: 'dossiers.menu.receive_description',
    icon: <FileDoneOutlined />,
    visible: canReceiveDossiers,
    onHome: true,
    page: lazy(() => import('../pages/dossiers/dossier-receive-page').then((m) => ({ default: m.DossierReceivePage }))),
  },
  {
    key: 'dossiers',
    path: '/dossiers',
    group: 'dossiers',
    labelKey: 'dossiers.menu.queue',
    descriptionKey: 'dossiers.menu.queue_description',
    icon: <FileSearchOutlined />,
    visible: canReadDossiers,
    onHome: true,
    page: lazy(() => import('../pages/dossiers/dossiers-page').then((m) => ({ default: m.DossiersPage }))),
  },
  {
    key: 'dossiers-statistics',
    path: '/dossiers/statistics',
    group: 'dossiers',
    labelKey: 'dossiers.menu.statistics',
    descriptionKey: 'dossiers.menu.statistics_description',
    icon: <BarChartOutlined />,
    visible: canReadDossierStatistics,
    onHome: true,
    page: lazy(() => import('../pages/dossiers/dossier-statistics-page').then((m) => ({ default: m.DossierStatisticsPage }))),
  },
  {
    key: 'dossier-imports',
    path: '/dossiers/imports',
    group: 'dossiers',
    labelKey: 'dossierImports.menu',
    descriptionKey: 'dossierImports.module',
    icon: <UploadOutlined />,
    visible: (me) => me.permissions.includes('dossier.import'),
    onHome: false,
    page: lazy(() => import('../pages/dossier-imports/dossier-imports-page').then((m) => ({ default: m.DossierImportsPage }))),
  },
  {
    // A page without a sidebar item: no MENU_GROUPS entry is keyed 'dossiers-pages', so the sidebar
    // skips it while the router serves it ('/dossiers/receive' and '/dossiers/statistics' still win
    // as static paths). The queue entry stays selected through its '/dossiers' prefix.
    key: 'dossier-detail',
    path: '/dossiers/:id',
    group: 'dossiers-pages',
    labelKey: 'dossiers.menu.detail',
    descriptionKey: 'dossiers.menu.detail_description',
    icon: <FileSearchOutlined />,
    visible: canReadDossiers,
    onHome: false,
    page: lazy(() => import('../pages/dossiers/dossier-detail-page').then((m) => ({ default: m.DossierDetailPage }))),
  },
  {
    key: 'procedures',
    path: '/procedures',
    labelKey: 'procedures.menu',
    descriptionKey: 'procedures.module',
    icon: <ProfileOutlined />,
    visible: (me) => hasPermission(me, 'procedure.read'),
    onHome: true,
    page: lazy(() => import('../pages/procedures/procedures-page').then((m) => ({ default: m.ProceduresPage }))),
  },
  {
    // The detail page, without a sidebar item: its group has no MENU_GROUPS entry. The router serves
    // only registry paths, so it needs its own entry; '/procedures' stays selected through its prefix.
    key: 'procedure-detail',
    path: '/procedures/:id',
    group: 'procedures-pages',
    labelKey: 'procedures.menu',
    descriptionKey: 'procedures.module',
    icon: <ProfileOutlined />,
    visible: (me) => hasPermission(me, 'procedure.read'),
    onHome: false,
    page: lazy(() => import('../pages/procedures/procedure-detail-page').then((m) => ({ default: m.ProcedureDetailPage }))),
  },
  {
    key: 'par-dashboard',
    path: '/par/dashboard',
    group: 'par',
    labelKey: 'par.menu.dashboard',
    descriptionKey: 'par.menu.dashboard_description',
    icon: <FundOutlined />,
    visible: (me) => hasPermission(me, 'par.read'),
    onHome: true,
    page: lazy(() => import('../pages/par/dashboard-page').then((m) => ({ default: m.DashboardPage }))),
  },
  {
    // Self-assessors and appraisers also hold par.read; either permission opens the scorecards.
    key: 'par-assessments',
    path: '/par/assessments',
    group: 'par',
    labelKey: 'par.menu.assessments',
    descriptionKey: 'par.menu.assessments_description',
    icon: <SolutionOutlined />,
    visible: (me) => hasPermission(me, 'par.read') || hasPermission(me, 'par.self_assess') || hasPermission(me, 'par.appraise'),
    onHome: true,
    page: lazy(() => import('../pages/par/assessments-page').then((m) => ({ default: m.AssessmentsPage }))),
  },
  {
    key: 'par-assessment',
    path: '/par/assessments/:id',
    group: 'par-pages',
    labelKey: 'par.menu.assessments',
    descriptionKey: 'par.menu.assessments_description',
    icon: <SolutionOutlined />,
    visible: (me) => hasPermission(me, 'par.read') || hasPermission(me, 'par.self_assess') || hasPermission(me, 'par.appraise'),
    onHome: false,
    page: lazy(() => import('../pages/par/assessment-page').then((m) => ({ default: m.AssessmentPage }))),
  },
  {
    key: 'par-criteria-sets',
    path: '/par/criteria-sets',
    group: 'par',
    labelKey: 'par.menu.criteria_sets',
    descriptionKey: 'par.menu.criteria_sets_description',
    icon: <OrderedListOutlined />,
    visible: (me) => hasPermission(me, 'par.manage_criteria'),
    onHome: true,
    page: lazy(() => import('../pages/par/criteria-sets-page').then((m) => ({ default: m.CriteriaSetsPage }))),
  },
  {
    key: 'par-criteria-set',
    path: '/par/criteria-sets/:id',
    group: 'par-pages',
    labelKey: 'par.menu.criteria_sets',
    descriptionKey: 'par.menu.criteria_sets_description',
    icon: <OrderedListOutlined />,
    visible: (me) => hasPermission(me, 'par.manage_criteria'),
    onHome: false,
    page: lazy(() => import('../pages/par/criteria-set-page').then((m) => ({ default: m.CriteriaSetPage }))),
  },
  // Reform plans and tasks (docs/plans.md). Detail pages sit in 'plans-pages', a group without a sidebar item.
  {
    key: 'plans',
    path: '/plans',
    group: 'plans',
    labelKey: 'plans.menu.plans',
    descriptionKey: 'plans.menu.plans_description',
    icon: <ScheduleOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: true,
    page: lazy(() => import('../pages/plans/plans-page').then((m) => ({ default: m.PlansPage }))),
  },
  {
    key: 'plan-tasks',
    path: '/plans/tasks',
    group: 'plans',
    labelKey: 'plans.menu.tasks',
    descriptionKey: 'plans.menu.tasks_description',
    icon: <CarryOutOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: true,
    page: lazy(() => import('../pages/plans/tasks-page').then((m) => ({ default: m.TasksPage }))),
  },
  {
    key: 'plan-statistics',
    path: '/plans/statistics',
    group: 'plans',
    labelKey: 'plans.menu.statistics',
    descriptionKey: 'plans.menu.statistics_description',
    icon: <PieChartOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: true,
    page: lazy(() => import('../pages/plans/task-statistics-page').then((m) => ({ default: m.TaskStatisticsPage }))),
  },
  {
    key: 'plan-detail',
    path: '/plans/:id',
    group: 'plans-pages',
    labelKey: 'plans.menu.plans',
    descriptionKey: 'plans.menu.plans_description',
    icon: <ScheduleOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: false,
    page: lazy(() => import('../pages/plans/plan-detail-page').then((m) => ({ default: m.PlanDetailPage }))),
  },
  {
    key: 'task-new',
    path: '/plans/tasks/new',
    group: 'plans-pages',
    labelKey: 'plans.menu.tasks',
    descriptionKey: 'plans.menu.tasks_description',
    icon: <CarryOutOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: false,
    page: lazy(() => import('../pages/plans/task-new-page').then((m) => ({ default: m.TaskNewPage }))),
  },
  {
    key: 'task-edit',
    path: '/plans/tasks/:id/edit',
    group: 'plans-pages',
    labelKey: 'plans.menu.tasks',
    descriptionKey: 'plans.menu.tasks_description',
    icon: <CarryOutOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: false,
    page: lazy(() => import('../pages/plans/task-edit-page').then((m) => ({ default: m.TaskEditPage }))),
  },
  {
    key: 'task-detail',
    path: '/plans/tasks/:id',
    group: 'plans-pages',
    labelKey: 'plans.menu.tasks',
    descriptionKey: 'plans.menu.tasks_description',
    icon: <CarryOutOutlined />,
    visible: (me) => hasPermission(me, 'plan.read'),
    onHome: false,
    page: lazy(() => import('../pages/plans/task-detail-page').then((m) => ({ default: m.TaskDetailPage }))),
  },
  {
    // Periodic reports (docs/reports.md): the list of report periods; obligations and a period's page have no sidebar item.
    key: 'reports',
    path: '/reports',
    labelKey: 'reports.menu',
    descriptionKey: 'reports.module',
    icon: <ScheduleOutlined />,
    visible: (me) => hasPermission(me, 'report.read'),
    onHome: true,
    page: lazy(() => import('../pages/reports/reports-page').then((m) => ({ default: m.ReportsPage }))),
  },
  {
    key: 'report-obligations',
    path: '/reports/obligations',
    group: 'reports-pages',
    labelKey: 'reports.menu',
    descriptionKey: 'reports.module',
    icon: <ScheduleOutlined />,
    visible: (me) => hasPermission(me, 'report.read'),
    onHome: false,
    page: lazy(() => import('../pages/reports/obligations-page').then((m) => ({ default: m.ObligationsPage }))),
  },
  {
    key: 'report-instance',
    path: '/reports/instances/:id',
    group: 'reports-pages',
    labelKey: 'reports.menu',
    descriptionKey: 'reports.module',
    icon: <ScheduleOutlined />,
    visible: (me) => hasPermission(me, 'report.read'),
    onHome: false,
    page: lazy(() => import('../pages/reports/report-instance-page').then((m) => ({ default: m.ReportInstancePage }))),
  },
  {
    // Satisfaction surveys (issue #12): questionnaires, campaigns and their results.
    key: 'surveys',
    path: '/surveys',
    labelKey: 'surveys.menu',
    descriptionKey: 'surveys.module',
    icon: <FormOutlined />,
    visible: (me) => hasPermission(me, 'survey.read'),
    onHome: true,
    page: lazy(() => import('../pages/surveys/surveys-page').then((m) => ({ default: m.SurveysPage }))),
  },
  {
    key: 'survey-questionnaire',
    path: '/surveys/questionnaires/:id',
    group: 'surveys-pages',
    labelKey: 'surveys.menu',
    descriptionKey: 'surveys.module',
    icon: <FormOutlined />,
    visible: (me) => hasPermission(me, 'survey.read'),
    onHome: false,
    page: lazy(() => import('../pages/surveys/questionnaire-page').then((m) => ({ default: m.QuestionnairePage }))),
  },
  {
    key: 'survey-campaign',
    path: '/surveys/campaigns/:id',
    group: 'surveys-pages',
    labelKey: 'surveys.menu',
    descriptionKey: 'surveys.module',
    icon: <FormOutlined />,
    visible: (me) => hasPermission(me, 'survey.read'),
    onHome: false,
    page: lazy(() => import('../pages/surveys/campaign-page').then((m) => ({ default: m.CampaignPage }))),
  },
  {
    // Paper forms keyed twice (docs/surveys.md, "Invitations"); the server refuses who may not manage surveys.
    key: 'survey-paper-entries',
    path: '/surveys/campaigns/:id/paper',
    group: 'surveys-pages',
    labelKey: 'surveys.menu',
    descriptionKey: 'surveys.module',
    icon: <FormOutlined />,
    visible: (me) => hasPermission(me, 'survey.manage'),
    onHome: false,
    page: lazy(() => import('../pages/surveys/paper-entries-page').then((m) => ({ default: m.PaperEntriesPage }))),
  },
  {
    key: 'units',
    path: '/admin/units',
    group: 'admin',
    labelKey: 'menu.units',
    descriptionKey: 'modules.units',
    icon: <ApartmentOutlined />,
    visible: (me) => hasPermission(me, 'unit.manage'),
    onHome: true,
    page: lazy(() => import('../pages/admin/units/units-page').then((m) => ({ default: m.UnitsPage }))),
  },
  {
    key: 'users',
    path: '/admin/users',
    group: 'admin',
    labelKey: 'menu.users',
    descriptionKey: 'modules.users',
    icon: <TeamOutlined />,
    visible: (me) => hasPermission(me, 'user.read'),
    onHome: true,
    page: lazy(() => import('../pages/admin/users/users-page').then((m) => ({ default: m.UsersPage }))),
  },
  {
    key: 'audit',
    path: '/admin/audit',
    group: 'admin',
    labelKey: 'menu.audit',
    descriptionKey: 'modules.audit',
    icon: <AuditOutlined />,
    visible: (me) => hasPermission(me, 'audit.read'),
    onHome: true,
    page: lazy(() => import('../pages/admin/audit/audit-page').then((m) => ({ default: m.AuditPage }))),
  },
  {
    // QĐ 766 service-quality indicators (docs/domain/qd766.md), beside the dossier statistics.
    key: 'indicators-766',
    path: '/indicators/766',
    group: 'dossiers',
    labelKey: 'indicators.menu.title',
    descriptionKey: 'indicators.menu.description',
    icon: <FundOutlined />,
    visible: (me) => hasPermission(me, 'indicator.read'),
    onHome: true,
    page: lazy(() => import('../pages/indicators/qd766-page').then((m) => ({ default: m.Qd766Page }))),
  },
];

/** The entry whose path is the longest prefix of `pathname`. */
export function entryForPath(pathname: string): MenuEntry | undefined {
  return [...MENU_ENTRIES]
    .filter((e) => pathname === e.path || (e.path !== '/' && pathname.startsWith(`${e.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
}
