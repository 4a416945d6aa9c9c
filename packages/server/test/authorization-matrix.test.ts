import { PERMISSIONS, ROLES, type Action, type Role } from '@cchc/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProcedure, threeSteps } from '../src/modules/dossiers/dossier.fixtures';
import { insertReturnedDossiers } from '../src/modules/surveys/survey.fixtures';
import { createTestApp, engines, factories, multipart, USER_PASSWORD, type Caller, type TestApp } from './harness';

/**
 * Every route × every role. Each protected route names the action it needs; the expected outcome
 * comes from the permission matrix in the domain, so changing a role's rights changes this test.
 */
interface RouteCase {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
  action: Action | 'authenticated';
  /** Builds the request against fresh fixtures so each call can succeed when allowed. */
  request(fx: Fixtures): { url: string; body?: unknown };
}

interface Fixtures {
  rootId: string;
  newUnit(): Promise<{ id: string; version: number }>;
  newUser(): Promise<{ id: string; version: number }>;
  /** A free working weekday (2040 onwards, so no announced year changes). */
  freeWeekday(): Promise<string>;
  newCalendarDay(): Promise<{ date: string; version: number }>;
  newProcedure(status?: 'active' | 'inactive'): Promise<{ id: string; version: number }>;
  /** A dossier received at the root unit's desk (by the administrator). */
  newDossier(): Promise<{ id: string; code: string; version: number; lookupPin: string }>;
  /** The administrator's user id (a processor of every unit: an assignee of any dossier). */
  adminId?: string;
  /** PAR: a criteria set of the root unit (draft or active), an assessment of a fresh division in a given status, an evidence record. */
  par?: ParFixtures;
  /** Periodic reports: a fresh obligation of the root unit (serving PAR), and an instance of it with a file attached. */
  reports?: ReportFixtures;
  /** Plans and tasks of the root unit (appended block at the end of this file). */
  plans?: PlanFixtures;
  /** Surveys: a questionnaire (draft or published) and an open campaign of the root unit. */
  surveys?: SurveyFixtures;
  /** QĐ 766: a fresh entered figure of the root unit (indicator 1.4, a period of its own). */
  indicatorEntry?(): Promise<{ id: string; version: number }>;
  /** Dossier imports of the root unit: a finished one (made by live sync) and a queued one. */
  imports?: ImportFixtures;
}

interface SurveyFixtures {
  questionnaire(status: 'draft' | 'published'): Promise<{ id: string; version: number; definition: unknown }>;
  campaign(): Promise<{ id: string; version: number; invitationId: string }>;
}

/** Survey fixtures, made as the administrator; the campaign samples returned dossiers written by survey.fixtures. */
function surveyFixtures(t: TestApp, admin: Caller, rootId: string): SurveyFixtures {
  let procedureId: string | null = null;
  const questionnaire: SurveyFixtures['questionnaire'] = async (status) => {
    const q = await admin.post('/api/surveys/questionnaires', { unitId: rootId, template: 'dossier_rating' });
    if (q.status !== 201) throw new Error(`survey questionnaire: ${JSON.stringify(q.body)}`);
    if (status === 'draft') return q.body;
    const p = await admin.post(`/api/surveys/questionnaires/${q.body.id}/publish`, { version: q.body.version });
    if (p.status !== 200) throw new Error(`survey publish: ${JSON.stringify(p.body)}`);
    return p.body;
  };
  return {
    questionnaire,
    async campaign() {
      if (!procedureId) {
        procedureId = (await newProcedureAs(admin, rootId)).id;
        await insertReturnedDossiers(t.handle.db, { procedureId, unitId: rootId, count: 100, finishedAt: '2025-11-10T03:00:00.000Z' });
      }
      const q = await questionnaire('published');
      const c = await admin.post('/api/surveys/campaigns', {
        unitId: rootId,
        questionnaireId: q.id,
        title: `Khảo sát ${++n}`,
        opensOn: '2026-03-01',
        closesOn: '2026-03-31',
        population: SURVEY_POPULATION,
      });
      if (c.status !== 201) throw new Error(`survey campaign: ${JSON.stringify(c.body)}`);
      const inv = await admin.get(`/api/surveys/campaigns/${c.body.id}/invitations`);
      return { id: c.body.id, version: c.body.version, invitationId: inv.body.items[0].id };
    },
  };
}
const SURVEY_POPULATION = { kind: 'dossiers', from: '2025-10-01', to: '2025-12-31', stratifyBy: 'procedure' };
const sv = (fx: Fixtures) => fx.surveys!;

interface ParFixtures {
  set(
    status: 'draft' | 'active',
    template?: '2019_department' | '2021_fields',
  ): Promise<{ id: string; version: number; nodes: { id: string; code: string }[] }>;
  assessment(status?: string, complete?: boolean): Promise<{ id: string; version: number; unitId: string; field1: string }>;
  evidence(): Promise<{ id: string; version: number; field1: string }>;
  unit(): Promise<{ id: string }>;
}

/**
 * PAR fixtures: created as the administrator through the API, evidence added by the fixtures' secretary; statuses
 * and complete self-scores are written in the database (hundreds of cases each need one; the cycle itself is
 * par.test.ts's).
 */
function parFixtures(t: TestApp, admin: Caller, rootId: string, newUnit: () => Promise<{ id: string }>, clerk: () => Promise<Caller>): ParFixtures {
  let active: { id: string; version: number; nodes: { id: string; code: string }[] } | null = null;
  const set: ParFixtures['set'] = async (status, template = '2019_department') => {
    const res = await admin.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2019, title: `Bộ ma trận ${++n}`, template });
    if (res.status !== 201) throw new Error(`par set: ${JSON.stringify(res.body)}`);
    if (status === 'draft') return res.body;
    const act = await admin.post(`/api/par/criteria-sets/${res.body.id}/activate`, { version: res.body.version });
    if (act.status !== 200) throw new Error(`par activate: ${JSON.stringify(act.body)}`);
    return act.body;
  };
  const assessment: ParFixtures['assessment'] = async (status = 'self_assessing', complete = false) => {
    active ??= await set('active');
    const unit = await newUnit();
    const res = await admin.post('/api/par/assessments', { setId: active.id, agencyUnitId: unit.id });
    if (res.status !== 201) throw new Error(`par assessment: ${JSON.stringify(res.body)}`);
    const db = t.handle.db;
    if (complete) {
      const rows = await db.selectFrom('parCriteria').select(['id', 'ruleJson', 'notSelfScored']).where('setId', '=', active.id).execute();
      for (const r of rows) {
        if (JSON.parse(r.ruleJson).kind === 'sum' || r.notSelfScored === 1) continue;
        await db
          .insertInto('parScores')
          .values({
            assessmentId: res.body.id,
            criterionId: r.id,
            selfHundredths: 0,
            selfNote: 'ma trận',
            appraisedHundredths: null,
            appraiserComment: null,
            finalHundredths: null,
            notApplicable: 0,
            version: 1,
          })
          .execute();
      }
    }
    if (status !== 'self_assessing') await db.updateTable('parAssessments').set({ status }).where('id', '=', res.body.id).execute();
    // Field 1 sums its rows (issue #10): its manual rest 1.5 takes the scores.
    const field1 = active.nodes.find((x) => x.code === '1.5')!.id;
    return { id: res.body.id, version: res.body.version, unitId: unit.id, field1 };
  };
  return {
    set,
    assessment,
    unit: newUnit,
    async evidence() {
      const a = await assessment();
      const res = await (await clerk()).post(`/api/par/assessments/${a.id}/evidence`, { numberSymbol: `${++n}/KH`, title: 'Kế hoạch' });
      if (res.status !== 201) throw new Error(`par evidence: ${JSON.stringify(res.body)}`);
      return { id: res.body.id as string, version: res.body.version as number, field1: a.field1 };
    },
  };
}
const par = (fx: Fixtures) => fx.par!;

interface ReportFixtures {
  obligation(): Promise<{ id: string; version: number }>;
  instance(): Promise<{ id: string; version: number; fileId: string }>;
}
const matrixObligation = (rootId: string) => ({
  agencyId: rootId,
  code: `MT-${++n}`,
  name: `Báo cáo ma trận ${n}`,
  recipient: 'Sở Nội vụ',
  period: { kind: 'annual' },
  dueRule: { kind: 'working_days_after', days: 5 },
  responsibleUnitId: rootId,
  parCriteria: ['1.2.1'],
});
/** Report fixtures: created as the administrator; the attachment is uploaded by the fixtures' secretary (the administrator may not submit). */
function reportFixtures(t: TestApp, admin: Caller, rootId: string, clerk: () => Promise<Caller & { cookie: string }>): ReportFixtures {
  const obligation = async () => {
    const res = await admin.post('/api/reports/obligations', matrixObligation(rootId));
    if (res.status !== 201) throw new Error(`report obligation: ${JSON.stringify(res.body)}`);
    return res.body as { id: string; version: number };
  };
  return {
    obligation,
    async instance() {
      const o = await obligation();
      const i = (await admin.get(`/api/reports/instances?obligationId=${o.id}`)).body.items[0];
      const pdf = multipart('bc.pdf', 'application/pdf', Buffer.from(`%PDF-1.4\n% Báo cáo ${++n}\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n`));
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/files?ownerEntity=report_instance&ownerId=${i.id}`,
        headers: { cookie: (await clerk()).cookie, 'content-type': pdf.contentType },
        payload: pdf.body,
      });
      if (res.statusCode !== 201) throw new Error(`report file: ${res.body}`);
      return { id: i.id, version: i.version, fileId: JSON.parse(res.body).id as string };
    },
  };
}
const reports = (fx: Fixtures) => fx.reports!;
const PAR_SCORES = { '1': '11.00', '2': '8.00', '3': '10.00', '4': '8.00', '5': '8.00', '6': '9.00', '7': '10.00', '8': '26.00' };

let n = 0;
/** A minimal valid procedure with a fresh national-style code. */
function matrixProcedure(unitId: string, status: 'active' | 'inactive' = 'active') {
  return {
    unitId,
    status,
    code: `1.${String(++n).padStart(6, '0')}`,
    name: `Thủ tục ma trận ${n}`,
    sector: { code: 'MT', name: 'Ma trận' },
    timeLimit: { value: 5, unit: 'working_days' },
    channels: ['counter'],
  };
}
async function newProcedureAs(admin: Caller, unitId: string, status?: 'active' | 'inactive') {
  const res = await admin.post('/api/procedures', matrixProcedure(unitId, status));
  if (res.status !== 201) throw new Error(`procedure: ${JSON.stringify(res.body)}`);
  return res.body as { id: string; version: number };
}
/** Figures of indicator 1.4 for a period no other call uses (one entry per unit, code and period). */
let entryDay = 0;
function matrixEntry(unitId: string) {
  const d = new Date(Date.UTC(2030, 0, 1 + ++entryDay)).toISOString().slice(0, 10);
  return { unitId, code: '1.4', periodFrom: d, periodTo: d, numerator: 1, denominator: 2 };
}
const CASES: RouteCase[] = [
  { method: 'GET', url: '/api/me', action: 'authenticated', request: () => ({ url: '/api/me' }) },
  { method: 'GET', url: '/api/auth/tokens', action: 'authenticated', request: () => ({ url: '/api/auth/tokens' }) },
  // The overview answers every signed-in user; its sections follow each module's own read rule (overview.test.ts).
  { method: 'GET', url: '/api/overview', action: 'authenticated', request: () => ({ url: '/api/overview' }) },
  { method: 'POST', url: '/api/auth/tokens', action: 'api_token.create', request: () => ({ url: '/api/auth/tokens', body: { name: 'matrix' } }) },
  { method: 'GET', url: '/api/units', action: 'unit.read', request: () => ({ url: '/api/units' }) },
  {
    method: 'POST',
    url: '/api/units',
    action: 'unit.manage',
    request: (fx) => ({ url: '/api/units', body: { parentId: fx.rootId, kind: 'division', name: `Phòng ma trận ${++n}` } }),
  },
  { method: 'GET', url: '/api/users', action: 'user.read', request: () => ({ url: '/api/users' }) },
  {
    method: 'POST',
    url: '/api/users',
    action: 'user.manage',
    request: (fx) => ({ url: '/api/users', body: { username: `matrix${++n}`, fullName: 'M', unitId: fx.rootId, password: USER_PASSWORD, grants: [] } }),
  },
  { method: 'GET', url: '/api/audit', action: 'audit.read', request: () => ({ url: '/api/audit' }) },
  { method: 'GET', url: '/api/audit/export', action: 'audit.read', request: () => ({ url: '/api/audit/export' }) },
  { method: 'GET', url: '/api/files', action: 'unit.read', request: (fx) => ({ url: `/api/files?ownerEntity=unit&ownerId=${fx.rootId}` }) },
  { method: 'GET', url: '/api/procedures', action: 'procedure.read', request: () => ({ url: '/api/procedures' }) },
  { method: 'GET', url: '/api/procedures/export', action: 'procedure.read', request: () => ({ url: '/api/procedures/export?format=csv' }) },
  { method: 'POST', url: '/api/procedures', action: 'procedure.manage', request: (fx) => ({ url: '/api/procedures', body: matrixProcedure(fx.rootId) }) },
  { method: 'GET', url: '/api/calendar/impact', action: 'calendar.manage', request: () => ({ url: '/api/calendar/impact?date=2026-11-24' }) },
  { method: 'GET', url: '/api/dossiers', action: 'dossier.read', request: () => ({ url: '/api/dossiers?queue=to_process' }) },
  { method: 'GET', url: '/api/dossiers/export', action: 'dossier.read', request: () => ({ url: '/api/dossiers/export?queue=all' }) },
  {
    method: 'GET',
    url: '/api/dossiers/statistics',
    action: 'dossier.statistics',
    request: () => ({ url: '/api/dossiers/statistics?from=2026-03-01&to=2026-03-31' }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/statistics/export',
    action: 'dossier.statistics',
    request: () => ({ url: '/api/dossiers/statistics/export?from=2026-03-01&to=2026-03-31' }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/statistics/breakdown',
    action: 'dossier.statistics',
    request: () => ({ url: '/api/dossiers/statistics/breakdown?from=2026-03-01&to=2026-03-31&by=unit' }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/statistics/series',
    action: 'dossier.statistics',
    request: () => ({ url: '/api/dossiers/statistics/series?from=2026-01-01&to=2026-03-31' }),
  },
  { method: 'GET', url: '/api/par/criteria-sets', action: 'par.read', request: () => ({ url: '/api/par/criteria-sets' }) },
  {
    method: 'POST',
    url: '/api/par/criteria-sets',
    action: 'par.manage_criteria',
    request: (fx) => ({ url: '/api/par/criteria-sets', body: { ownerUnitId: fx.rootId, year: 2026, title: `Bộ ${++n}`, template: '2021_fields' } }),
  },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/import',
    action: 'par.manage_criteria',
    request: (fx) => ({
      url: '/api/par/criteria-sets/import',
      body: {
        ownerUnitId: fx.rootId,
        title: `Nhập ${++n}`,
        set: { year: 2026, scope: 'department', rounding: 'half_up', notApplicableMethod: 'rescale', nodes: [] },
      },
    }),
  },
  { method: 'GET', url: '/api/par/assessments', action: 'par.read', request: () => ({ url: '/api/par/assessments?year=2019' }) },
  { method: 'GET', url: '/api/par/rankings', action: 'par.read', request: () => ({ url: '/api/par/rankings?year=2019' }) },
  { method: 'GET', url: '/api/par/agencies/:unitId/history', action: 'par.read', request: (fx) => ({ url: `/api/par/agencies/${fx.rootId}/history` }) },
  // Notifications (issue #10): every signed-in user has a bell and preferences of their own; the outbox is the user administrators'.
  { method: 'GET', url: '/api/notifications', action: 'authenticated', request: () => ({ url: '/api/notifications?unread=true' }) },
  { method: 'POST', url: '/api/notifications/read-all', action: 'authenticated', request: () => ({ url: '/api/notifications/read-all' }) },
  { method: 'GET', url: '/api/notifications/outbox', action: 'user.manage', request: () => ({ url: '/api/notifications/outbox?status=failed' }) },
  { method: 'GET', url: '/api/account/notification-preferences', action: 'authenticated', request: () => ({ url: '/api/account/notification-preferences' }) },
  {
    method: 'PUT',
    url: '/api/account/notification-preferences',
    action: 'authenticated',
    request: () => ({ url: '/api/account/notification-preferences', body: { email: true } }),
  },
  // Issue #10: the metric catalogue and the agency's PAR headline.
  { method: 'GET', url: '/api/par/metrics', action: 'par.read', request: () => ({ url: '/api/par/metrics' }) },
  { method: 'GET', url: '/api/par/summary', action: 'par.read', request: () => ({ url: '/api/par/summary?year=2019' }) },
  // Periodic reports (docs/reports.md)
  { method: 'GET', url: '/api/reports/obligations', action: 'report.read', request: () => ({ url: '/api/reports/obligations' }) },
  {
    method: 'POST',
    url: '/api/reports/obligations',
    action: 'report.manage',
    request: (fx) => ({ url: '/api/reports/obligations', body: matrixObligation(fx.rootId) }),
  },
  {
    method: 'POST',
    url: '/api/reports/obligations/install-shipped',
    action: 'report.manage',
    request: (fx) => ({ url: '/api/reports/obligations/install-shipped', body: { agencyId: fx.rootId } }),
  },
  { method: 'POST', url: '/api/reports/instances/generate', action: 'report.manage', request: () => ({ url: '/api/reports/instances/generate?year=2026' }) },
  { method: 'GET', url: '/api/reports/instances', action: 'report.read', request: () => ({ url: '/api/reports/instances?year=2026' }) },
  { method: 'GET', url: '/api/reports/instances/export', action: 'report.read', request: () => ({ url: '/api/reports/instances/export?year=2026' }) },
  { method: 'GET', url: '/api/reports/overview', action: 'report.read', request: () => ({ url: '/api/reports/overview' }) },
  // Surveys (issue #12). The sample-size help answers whoever may read surveys.
  { method: 'GET', url: '/api/surveys/sample-size', action: 'survey.read', request: () => ({ url: '/api/surveys/sample-size?population=10000&margin=0.05' }) },
  { method: 'GET', url: '/api/surveys/templates', action: 'survey.read', request: () => ({ url: '/api/surveys/templates' }) },
  { method: 'GET', url: '/api/surveys/questionnaires', action: 'survey.read', request: () => ({ url: '/api/surveys/questionnaires' }) },
  {
    method: 'POST',
    url: '/api/surveys/questionnaires',
    action: 'survey.manage',
    request: (fx) => ({ url: '/api/surveys/questionnaires', body: { unitId: fx.rootId, template: 'sipas_service' } }),
  },
  {
    method: 'POST',
    url: '/api/surveys/questionnaires/import',
    action: 'survey.manage',
    request: (fx) => ({
      url: '/api/surveys/questionnaires/import',
      body: { unitId: fx.rootId, document: { format: 'cchc-questionnaire', formatVersion: 1, definition: { title: { vi: 'Nhập' }, sections: [] } } },
    }),
  },
  { method: 'GET', url: '/api/surveys/population', action: 'survey.manage', request: () => ({ url: '/api/surveys/population?from=2025-10-01&to=2025-12-31' }) },
  { method: 'GET', url: '/api/surveys/campaigns', action: 'survey.read', request: () => ({ url: '/api/surveys/campaigns' }) },
  // QĐ 766 indicators (docs/domain/qd766.md)
  {
    method: 'GET',
    url: '/api/indicators/766',
    action: 'indicator.read',
    request: (fx) => ({ url: `/api/indicators/766?unitId=${fx.rootId}&from=2026-01-01&to=2026-03-31` }),
  },
  {
    method: 'GET',
    url: '/api/indicators/766/trend',
    action: 'indicator.read',
    request: (fx) => ({ url: `/api/indicators/766/trend?unitId=${fx.rootId}&from=2026-01-01&to=2026-03-31` }),
  },
  {
    method: 'GET',
    url: '/api/indicators/766/breakdown',
    action: 'indicator.read',
    request: (fx) => ({ url: `/api/indicators/766/breakdown?unitId=${fx.rootId}&from=2026-01-01&to=2026-03-31&by=procedure` }),
  },
  {
    method: 'GET',
    url: '/api/indicators/766/export',
    action: 'indicator.read',
    request: (fx) => ({ url: `/api/indicators/766/export?unitId=${fx.rootId}&from=2026-01-01&to=2026-03-31` }),
  },
  {
    method: 'GET',
    url: '/api/indicators/766/entries',
    action: 'indicator.read',
    request: (fx) => ({ url: `/api/indicators/766/entries?unitId=${fx.rootId}&from=2026-01-01&to=2026-03-31` }),
  },
  {
    method: 'POST',
    url: '/api/indicators/766/entries',
    action: 'indicator.enter',
    request: (fx) => ({ url: '/api/indicators/766/entries', body: matrixEntry(fx.rootId) }),
  },
  { method: 'GET', url: '/api/indicators/766/sets', action: 'indicator.read', request: () => ({ url: '/api/indicators/766/sets' }) },
  {
    method: 'POST',
    url: '/api/indicators/766/sets',
    action: 'indicator.manage',
    request: (fx) => ({
      url: '/api/indicators/766/sets',
      body: { ownerUnitId: fx.rootId, title: `Bộ 766 ${++n}`, effectiveFrom: '2026-01-01', overrides: [{ code: '2.1', targetBp: 9800 }] },
    }),
  },
];

/** Routes with an id: fixtures are created first, so "allowed" really reaches the handler. */
const ID_CASES: Array<Omit<RouteCase, 'request'> & { request(fx: Fixtures): Promise<{ url: string; body?: unknown }> }> = [
  {
    method: 'GET',
    url: '/api/reports/obligations/:id',
    action: 'report.read',
    request: async (fx) => ({ url: `/api/reports/obligations/${(await reports(fx).obligation()).id}` }),
  },
  {
    method: 'PATCH',
    url: '/api/reports/obligations/:id',
    action: 'report.manage',
    request: async (fx) => {
      const o = await reports(fx).obligation();
      return { url: `/api/reports/obligations/${o.id}`, body: { version: o.version, recipient: 'UBND tỉnh' } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/reports/obligations/:id',
    action: 'report.manage',
    request: async (fx) => {
      const o = await reports(fx).obligation();
      return { url: `/api/reports/obligations/${o.id}?version=${o.version}` };
    },
  },
  {
    method: 'GET',
    url: '/api/reports/instances/:id',
    action: 'report.read',
    request: async (fx) => ({ url: `/api/reports/instances/${(await reports(fx).instance()).id}` }),
  },
  {
    method: 'GET',
    url: '/api/reports/instances/:id/draft',
    action: 'report.read',
    request: async (fx) => ({ url: `/api/reports/instances/${(await reports(fx).instance()).id}/draft` }),
  },
  {
    method: 'POST',
    url: '/api/reports/instances/:id/submissions',
    action: 'report.submit',
    request: async (fx) => {
      const i = await reports(fx).instance();
      return { url: `/api/reports/instances/${i.id}/submissions`, body: { version: i.version, sentNumber: '1/BC', sentOn: '2026-03-02', fileIds: [i.fileId] } };
    },
  },
  {
    method: 'PATCH',
    url: '/api/units/:id',
    action: 'unit.manage',
    request: async (fx) => {
      const u = await fx.newUnit();
      return { url: `/api/units/${u.id}`, body: { version: u.version, name: `Đổi ${++n}` } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/units/:id',
    action: 'unit.manage',
    request: async (fx) => {
      const u = await fx.newUnit();
      return { url: `/api/units/${u.id}?version=${u.version}` };
    },
  },
  {
    method: 'PATCH',
    url: '/api/users/:id',
    action: 'user.manage',
    request: async (fx) => {
      const u = await fx.newUser();
      return { url: `/api/users/${u.id}`, body: { version: u.version, fullName: 'Đổi' } };
    },
  },
  {
    method: 'POST',
    url: '/api/users/:id/reset-password',
    action: 'user.manage',
    request: async (fx) => {
      const u = await fx.newUser();
      return { url: `/api/users/${u.id}/reset-password`, body: { newPassword: 'Matkhau999' } };
    },
  },
  { method: 'POST', url: '/api/users/:id/unlock', action: 'user.manage', request: async (fx) => ({ url: `/api/users/${(await fx.newUser()).id}/unlock` }) },
  { method: 'GET', url: '/api/procedures/:id', action: 'procedure.read', request: async (fx) => ({ url: `/api/procedures/${(await fx.newProcedure()).id}` }) },
  {
    method: 'PATCH',
    url: '/api/procedures/:id',
    action: 'procedure.manage',
    request: async (fx) => {
      const p = await fx.newProcedure();
      return { url: `/api/procedures/${p.id}`, body: { version: p.version, name: `Đổi ${++n}` } };
    },
  },
  {
    method: 'POST',
    url: '/api/procedures/:id/status',
    action: 'procedure.manage',
    request: async (fx) => {
      const p = await fx.newProcedure();
      return { url: `/api/procedures/${p.id}/status`, body: { version: p.version, status: 'inactive' } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/procedures/:id',
    action: 'procedure.manage',
    request: async (fx) => {
      const p = await fx.newProcedure('inactive');
      return { url: `/api/procedures/${p.id}?version=${p.version}` };
    },
  },
  {
    method: 'POST',
    url: '/api/dossiers',
    action: 'dossier.receive',
    request: async (fx) => ({
      url: '/api/dossiers',
      body: { procedureId: (await fx.newProcedure()).id, channel: 'counter', applicant: { name: 'Công dân ma trận' } },
    }),
  },
  { method: 'GET', url: '/api/dossiers/:id', action: 'dossier.read', request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}` }) },
  {
    method: 'GET',
    url: '/api/dossiers/:id/forms/:form',
    action: 'dossier.read',
    request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/forms/receipt` }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/:id/receipt-slip',
    action: 'dossier.read',
    request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/receipt-slip` }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/:id/files',
    action: 'dossier.read',
    request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/files` }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/:id/assignees',
    action: 'dossier.assign',
    request: async (fx) => ({ url: `/api/dossiers/${(await fx.newDossier()).id}/assignees` }),
  },
  {
    method: 'GET',
    url: '/api/dossiers/receipt-preview',
    action: 'dossier.receive',
    request: async (fx) => ({ url: `/api/dossiers/receipt-preview?procedureId=${(await fx.newProcedure()).id}` }),
  },
  {
    method: 'POST',
    url: '/api/dossiers/assign',
    action: 'dossier.assign',
    request: async (fx) => ({ url: '/api/dossiers/assign', body: { ids: [(await fx.newDossier()).id], assigneeId: fx.adminId } }),
  },
  {
    method: 'POST',
    url: '/api/dossiers/:id/assign',
    action: 'dossier.assign',
    request: async (fx) => {
      const d = await fx.newDossier();
      return { url: `/api/dossiers/${d.id}/assign`, body: { version: d.version, assigneeId: null } };
    },
  },
  {
    method: 'POST',
    url: '/api/dossiers/:id/actions',
    action: 'dossier.process',
    request: async (fx) => {
      const d = await fx.newDossier();
      return { url: `/api/dossiers/${d.id}/actions`, body: { version: d.version, action: 'stop', reason: 'Ma trận' } };
    },
  },
  {
    method: 'POST',
    url: '/api/calendar/days',
    action: 'calendar.manage',
    request: async (fx) => ({ url: '/api/calendar/days', body: { date: await fx.freeWeekday(), kind: 'holiday', name: 'Ma trận' } }),
  },
  {
    method: 'PATCH',
    url: '/api/calendar/days/:date',
    action: 'calendar.manage',
    request: async (fx) => {
      const d = await fx.newCalendarDay();
      return { url: `/api/calendar/days/${d.date}`, body: { version: d.version, name: `Đổi ${++n}` } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/calendar/days/:date',
    action: 'calendar.manage',
    request: async (fx) => {
      const d = await fx.newCalendarDay();
      return { url: `/api/calendar/days/${d.date}?version=${d.version}` };
    },
  },
  {
    method: 'GET',
    url: '/api/par/criteria-sets/:id',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}` }),
  },
  {
    method: 'GET',
    url: '/api/par/criteria-sets/:id/export',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/export` }),
  },
  {
    method: 'GET',
    url: '/api/par/criteria-sets/:id/export-xlsx',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/export-xlsx` }),
  },
  {
    method: 'PATCH',
    url: '/api/par/criteria-sets/:id',
    action: 'par.manage_criteria',
    request: async (fx) => {
      const s = await par(fx).set('draft');
      return { url: `/api/par/criteria-sets/${s.id}`, body: { version: s.version, title: `Đổi ${++n}` } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/:id/clone',
    action: 'par.manage_criteria',
    request: async (fx) => ({ url: `/api/par/criteria-sets/${(await par(fx).set('active')).id}/clone`, body: { year: 2027 } }),
  },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/:id/activate',
    action: 'par.manage_criteria',
    request: async (fx) => {
      const s = await par(fx).set('draft');
      return { url: `/api/par/criteria-sets/${s.id}/activate`, body: { version: s.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/criteria-sets/:id/nodes',
    action: 'par.manage_criteria',
    request: async (fx) => {
      const s = await par(fx).set('draft', '2021_fields');
      return {
        url: `/api/par/criteria-sets/${s.id}/nodes`,
        body: {
          version: s.version,
          parentId: null,
          code: '8',
          title: 'Lĩnh vực 8',
          level: 'field',
          maxHundredths: 0,
          rule: { kind: 'manual' },
          evidenceRequired: true,
          order: 8,
        },
      };
    },
  },
  {
    method: 'PATCH',
    url: '/api/par/criteria-sets/:id/nodes/:nodeId',
    action: 'par.manage_criteria',
    request: async (fx) => {
      const s = await par(fx).set('draft', '2021_fields');
      return { url: `/api/par/criteria-sets/${s.id}/nodes/${s.nodes[0]!.id}`, body: { version: s.version, title: `Đổi ${++n}` } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/par/criteria-sets/:id/nodes/:nodeId',
    action: 'par.manage_criteria',
    request: async (fx) => {
      const s = await par(fx).set('draft', '2021_fields');
      return { url: `/api/par/criteria-sets/${s.id}/nodes/${s.nodes.find((x) => x.code === '7')!.id}?version=${s.version}` };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments',
    action: 'par.manage_cycle',
    request: async (fx) => {
      const s = await par(fx).set('active');
      return { url: '/api/par/assessments', body: { setId: s.id, agencyUnitId: (await par(fx).unit()).id } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/published-results',
    action: 'par.manage_cycle',
    request: async (fx) => {
      const s = await par(fx).set('active');
      return {
        url: '/api/par/published-results',
        body: {
          setId: s.id,
          agencyUnitId: (await par(fx).unit()).id,
          fields: Object.entries(PAR_SCORES).map(([code, score]) => ({ code, score })),
          reportedTotal: '90.00',
        },
      };
    },
  },
  {
    method: 'GET',
    url: '/api/par/assessments/:id',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}` }),
  },
  {
    method: 'GET',
    url: '/api/par/assessments/:id/projection',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/projection` }),
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/what-if',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/what-if`, body: { metrics: {} } }),
  },
  {
    method: 'GET',
    url: '/api/par/assessments/:id/export',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/export?what=scorecard` }),
  },
  {
    method: 'GET',
    url: '/api/par/assessments/:id/evidence',
    action: 'par.read',
    request: async (fx) => ({ url: `/api/par/assessments/${(await par(fx).assessment()).id}/evidence` }),
  },
  {
    method: 'PUT',
    url: '/api/par/assessments/:id/scores/:criterionId',
    action: 'par.self_assess',
    request: async (fx) => {
      const a = await par(fx).assessment();
      return { url: `/api/par/assessments/${a.id}/scores/${a.field1}`, body: { version: 0, selfHundredths: 100 } };
    },
  },
  {
    method: 'PUT',
    url: '/api/par/assessments/:id/appraisals/:criterionId',
    action: 'par.appraise',
    request: async (fx) => {
      const a = await par(fx).assessment('submitted');
      return { url: `/api/par/assessments/${a.id}/appraisals/${a.field1}`, body: { version: 0, appraisedHundredths: 100 } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/submit',
    action: 'par.self_assess',
    request: async (fx) => {
      const a = await par(fx).assessment('self_assessing', true);
      return { url: `/api/par/assessments/${a.id}/submit`, body: { version: a.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/request-explanation',
    action: 'par.appraise',
    request: async (fx) => {
      const a = await par(fx).assessment('submitted');
      return { url: `/api/par/assessments/${a.id}/request-explanation`, body: { version: a.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/finalize',
    action: 'par.manage_cycle',
    request: async (fx) => {
      const a = await par(fx).assessment('submitted', true);
      return { url: `/api/par/assessments/${a.id}/finalize`, body: { version: a.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/publish',
    action: 'par.manage_cycle',
    request: async (fx) => {
      const a = await par(fx).assessment('final');
      return { url: `/api/par/assessments/${a.id}/publish`, body: { version: a.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/par/assessments/:id/evidence',
    action: 'par.self_assess',
    request: async (fx) => ({
      url: `/api/par/assessments/${(await par(fx).assessment()).id}/evidence`,
      body: { numberSymbol: `${++n}/KH`, title: 'Kế hoạch' },
    }),
  },
  {
    method: 'PATCH',
    url: '/api/par/evidence/:id',
    action: 'par.self_assess',
    request: async (fx) => {
      const e = await par(fx).evidence();
      return { url: `/api/par/evidence/${e.id}`, body: { version: e.version, title: 'Đổi' } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/par/evidence/:id',
    action: 'par.self_assess',
    request: async (fx) => {
      const e = await par(fx).evidence();
      return { url: `/api/par/evidence/${e.id}?version=${e.version}` };
    },
  },
  {
    method: 'POST',
    url: '/api/par/evidence/:id/links',
    action: 'par.self_assess',
    request: async (fx) => {
      const e = await par(fx).evidence();
      return { url: `/api/par/evidence/${e.id}/links`, body: { criterionId: e.field1 } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/par/evidence/:id/links/:criterionId',
    action: 'par.self_assess',
    request: async (fx) => {
      const e = await par(fx).evidence();
      return { url: `/api/par/evidence/${e.id}/links/${e.field1}` };
    },
  },
  {
    method: 'GET',
    url: '/api/surveys/questionnaires/:id',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/questionnaires/${(await sv(fx).questionnaire('draft')).id}` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/questionnaires/:id/export',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/questionnaires/${(await sv(fx).questionnaire('draft')).id}/export` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/questionnaires/:id/export-xlsx',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/questionnaires/${(await sv(fx).questionnaire('draft')).id}/export-xlsx` }),
  },
  {
    method: 'PUT',
    url: '/api/surveys/questionnaires/:id',
    action: 'survey.manage',
    request: async (fx) => {
      const q = await sv(fx).questionnaire('draft');
      return { url: `/api/surveys/questionnaires/${q.id}`, body: { version: q.version, definition: q.definition } };
    },
  },
  {
    method: 'POST',
    url: '/api/surveys/questionnaires/:id/publish',
    action: 'survey.manage',
    request: async (fx) => {
      const q = await sv(fx).questionnaire('draft');
      return { url: `/api/surveys/questionnaires/${q.id}/publish`, body: { version: q.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns',
    action: 'survey.manage',
    request: async (fx) => ({
      url: '/api/surveys/campaigns',
      body: {
        unitId: fx.rootId,
        questionnaireId: (await sv(fx).questionnaire('published')).id,
        title: 'Ma trận',
        opensOn: '2026-03-01',
        closesOn: '2026-03-31',
        population: { kind: 'open' },
      },
    }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/results',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/results?by=unit` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/texts',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/texts?questionId=comment` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/export',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/export?format=csv` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/invitations',
    action: 'survey.manage',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/invitations` }),
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/paper-entries',
    action: 'survey.manage',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/paper-entries` }),
  },
  {
    method: 'GET',
    url: '/api/setup/progress',
    action: 'unit.manage',
    request: async () => ({ url: '/api/setup/progress' }),
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/links',
    action: 'survey.manage',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/links`, body: {} }),
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/paper-responses',
    action: 'survey.manage',
    request: async (fx) => ({
      url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/paper-responses`,
      body: {
        answers: {
          contacts: 1,
          agencies: 1,
          one_stop: 'yes',
          on_time: 'yes',
          overall: '4',
          ease: '4',
          timeliness: '4',
          attitude: '4',
          publicity: '4',
          complaints: '4',
        },
      },
    }),
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/close',
    action: 'survey.manage',
    request: async (fx) => {
      const c = await sv(fx).campaign();
      return { url: `/api/surveys/campaigns/${c.id}/close`, body: { version: c.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/email-invitations',
    action: 'survey.manage',
    request: async (fx) => {
      const c = await sv(fx).campaign();
      return { url: `/api/surveys/campaigns/${c.id}/email-invitations`, body: { version: c.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/letters',
    action: 'survey.manage',
    request: async (fx) => {
      const c = await sv(fx).campaign();
      return { url: `/api/surveys/campaigns/${c.id}/letters`, body: { invitationIds: [c.invitationId] } };
    },
  },
  {
    method: 'GET',
    url: '/api/surveys/campaigns/:id/questionnaire.docx',
    action: 'survey.read',
    request: async (fx) => ({ url: `/api/surveys/campaigns/${(await sv(fx).campaign()).id}/questionnaire.docx` }),
  },
  {
    method: 'POST',
    url: '/api/surveys/campaigns/:id/invitations/:invitationId/replace',
    action: 'survey.manage',
    request: async (fx) => {
      const c = await sv(fx).campaign();
      return { url: `/api/surveys/campaigns/${c.id}/invitations/${c.invitationId}/replace` };
    },
  },
  {
    method: 'PATCH',
    url: '/api/indicators/766/entries/:id',
    action: 'indicator.enter',
    request: async (fx) => {
      const e = await fx.indicatorEntry!();
      return { url: `/api/indicators/766/entries/${e.id}`, body: { version: e.version, numerator: 2, denominator: 3 } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/indicators/766/entries/:id',
    action: 'indicator.enter',
    request: async (fx) => {
      const e = await fx.indicatorEntry!();
      return { url: `/api/indicators/766/entries/${e.id}?version=${e.version}` };
    },
  },
];

/** Routes outside the matrix on purpose: public, or tested in their own files (self-service, uploads). */
const NOT_IN_MATRIX = new Set([
  'GET /api/health',
  'GET /api/setup',
  'POST /api/setup',
  // The second keying of a paper form needs a first keying by another person: survey.test.ts covers its 403 and 409s.
  'POST /api/surveys/campaigns/:id/paper-entries/:entryId/confirm',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'POST /api/auth/password',
  'DELETE /api/auth/tokens/:id',
  'POST /api/files', // multipart, authorized by the owning record: per owner kind at the end of this file
  'GET /api/files/:id', // authorized by the owning record: per owner kind at the end of this file
  'GET /api/dossiers/:id/files/:fileId', // needs an uploaded file: every role in the "dossier files" block at the end of this file
  'GET /api/dossiers/:id/handover-candidates', // the current step's performer role, not a permission: every role in the "step performers" block at the end of this file
  'GET /api/public/dossiers/:code/result-file', // citizen download by code + PIN, no login: dossier-desk.test.ts
  'POST /api/procedures/import', // multipart: procedure-import.test.ts checks procedure.manage per role
  'POST /api/par/criteria-sets/import-xlsx', // multipart: par-criteria-sheet.test.ts checks par.manage_criteria (403/404/401)
  'POST /api/surveys/campaigns/:id/respondents', // multipart: survey-mailing.test.ts checks survey.manage (par_secretary 201, viewer 403)
  'POST /api/surveys/questionnaires/import-xlsx', // multipart: questionnaire-sheet.test.ts checks survey.manage (par_secretary 201, viewer 403)
  'GET /api/public/procedures', // public catalogue, no login: procedure.test.ts
  'GET /api/public/procedures/:id',
  'GET /api/public/sectors',
  'GET /api/public/dossiers/:code', // citizen lookup by code + PIN, no login: dossier-public.test.ts
  'POST /api/public/dossiers', // online filing, no login: dossier-public.test.ts
  'POST /api/public/uploads',
  'POST /api/public/dossiers/:code/rating',
  'POST /api/public/dossiers/:code/completion', // the filer, by code + PIN, no login: dossier-public.test.ts; the desk's request: "completion before receipt" block below
  'GET /api/calendar/:year', // public: the working-day calendar is published
  'GET /api/calendar/add-working-days',
  'GET /api/calendar/working-days-between',
  'GET /api/calendar/lunar/:date',
  'POST /api/notifications/:id/read', // one's own notice only (another user's is 404): notification-center.test.ts
  'POST /api/notifications/outbox/:id/retry', // needs a failed e-mail: notification-center.test.ts checks 403, 404 out of scope, 409
  'GET /api/public/surveys/:token', // answering by a one-time link, no login: survey.test.ts
  'POST /api/public/surveys/:token',
  'POST /api/dossier-imports', // multipart: the "dossier imports" block at the end of this file checks dossier.import per role
]);

function allowed(role: Role, action: RouteCase['action']): boolean {
  return action === 'authenticated' || (PERMISSIONS[action] as readonly Role[]).includes(role);
}

const ID_ROUTES = new Set(ID_CASES.map((c) => `${c.method} ${c.url}`));

/**
 * Routes that refuse a role holding the area's read action nowhere with 403 before looking the record up: the
 * answer is the same whether the record exists or not, so nothing can be enumerated, but it differs from the
 * modules that look up first and answer 404 (docs/conventions.md, 404 versus 403).
 */
const REFUSED_BEFORE_LOOKUP = new Set([
  'DELETE /api/reports/obligations/:id',
  'GET /api/dossiers/receipt-preview',
  'GET /api/par/assessments/:id',
  'GET /api/par/assessments/:id/evidence',
  'GET /api/par/assessments/:id/export',
  'GET /api/par/assessments/:id/projection',
  'GET /api/par/criteria-sets/:id',
  'GET /api/par/criteria-sets/:id/export',
  'GET /api/par/criteria-sets/:id/export-xlsx',
  'GET /api/reports/instances/:id',
  'GET /api/reports/instances/:id/draft',
  'GET /api/reports/obligations/:id',
  'GET /api/surveys/campaigns/:id',
  'GET /api/surveys/campaigns/:id/export',
  'GET /api/surveys/campaigns/:id/invitations',
  'GET /api/surveys/campaigns/:id/paper-entries',
  'GET /api/surveys/campaigns/:id/questionnaire.docx',
  'GET /api/surveys/campaigns/:id/results',
  'GET /api/surveys/campaigns/:id/texts',
  'GET /api/surveys/questionnaires/:id',
  'GET /api/surveys/questionnaires/:id/export',
  'GET /api/surveys/questionnaires/:id/export-xlsx',
  'PATCH /api/reports/obligations/:id',
  'POST /api/dossiers',
  'POST /api/par/assessments',
  'POST /api/par/assessments/:id/what-if',
  'POST /api/par/published-results',
  'POST /api/reports/instances/:id/submissions',
  'POST /api/surveys/campaigns',
  'POST /api/surveys/campaigns/:id/close',
  'POST /api/surveys/campaigns/:id/email-invitations',
  'POST /api/surveys/campaigns/:id/invitations/:invitationId/replace',
  'POST /api/surveys/campaigns/:id/letters',
  'POST /api/surveys/campaigns/:id/links',
  'POST /api/surveys/campaigns/:id/paper-responses',
  'POST /api/surveys/questionnaires/:id/publish',
  'PUT /api/surveys/questionnaires/:id',
]);

/** Import jobs are visible only to who may import: a role without the action does not see them (404). */
const VISIBLE_WITH_THE_ACTION_ONLY = new Set(['GET /api/dossier-imports/:id', 'GET /api/dossier-imports/:id/errors', 'POST /api/dossier-imports/:id/cancel']);

/**
 * The status a refused call must answer (docs/conventions.md, 404 versus 403): 404 when the route names a record
 * the role cannot see (it lacks the area's read action, e.g. `dossier.read` for `dossier.process`), so that
 * records cannot be enumerated; 403 when the record is visible, or when the route names none.
 */
function refusal(role: Role, c: Pick<RouteCase, 'method' | 'url' | 'action'>): 403 | 404 {
  const key = `${c.method} ${c.url}`;
  if (VISIBLE_WITH_THE_ACTION_ONLY.has(key)) return 404;
  if (c.action === 'authenticated' || !ID_ROUTES.has(key) || REFUSED_BEFORE_LOOKUP.has(key)) return 403;
  const read = `${c.action.split('.')[0]}.read`;
  return read in PERMISSIONS && !allowed(role, read as Action) ? 404 : 403;
}

async function call(c: Caller, method: RouteCase['method'], url: string, body?: unknown) {
  if (method === 'GET') return c.get(url);
  if (method === 'DELETE') return c.delete(url);
  if (method === 'PUT') return c.put(url, body);
  return method === 'POST' ? c.post(url, body) : c.patch(url, body);
}

describe.each(engines)('authorization matrix on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let fx: Fixtures;
  const callers = new Map<Role, Caller>();
  beforeAll(async () => {
    // An SMTP server that is down (nothing listens on the discard port): routes that e-mail (survey invitations) need one configured.
    t = await createTestApp(engine, { smtpUrl: 'smtp://127.0.0.1:9', smtpFrom: 'cchc@example.gov.vn' });
    ({ admin, rootId } = await t.setup());
    const make = factories(t, admin, rootId);
    const freeWeekday = async () => (await t.anon.get('/api/calendar/add-working-days?from=2040-01-01&days=1')).body.date as string;
    const newCalendarDay = async () => {
      const res = await admin.post('/api/calendar/days', { date: await freeWeekday(), kind: 'holiday', name: 'Ma trận' });
      if (res.status !== 201) throw new Error(`calendar day: ${JSON.stringify(res.body)}`);
      return res.body as { date: string; version: number };
    };
    const newDossier = async () => {
      const procedure = await newProcedureAs(admin, rootId);
      const res = await admin.post('/api/dossiers', { procedureId: procedure.id, channel: 'counter', applicant: { name: 'Công dân ma trận' } });
      if (res.status !== 201) throw new Error(`dossier: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; code: string; version: number; lookupPin: string };
    };
    fx = {
      rootId,
      newUnit: () => make.unit(),
      newUser: () => make.user(),
      freeWeekday,
      newCalendarDay,
      newProcedure: (status) => newProcedureAs(admin, rootId, status),
      newDossier,
    };
    fx.adminId = (await admin.get('/api/me')).body.id;
    // The fixtures' own secretary (its session is never one a case logs out or locks).
    let clerk: Promise<Caller & { cookie: string }> | null = null;
    const fixtureClerk = () => (clerk ??= make.actor('par_secretary').then((a) => a.caller));
    fx.par = parFixtures(t, admin, rootId, () => make.unit(), fixtureClerk);
    fx.reports = reportFixtures(t, admin, rootId, fixtureClerk);
    fx.plans = planFixtures(t, admin, rootId, () => make.unit());
    fx.surveys = surveyFixtures(t, admin, rootId);
    fx.indicatorEntry = async () => {
      const res = await admin.post('/api/indicators/766/entries', matrixEntry(rootId));
      if (res.status !== 201) throw new Error(`indicator entry: ${JSON.stringify(res.body)}`);
      return res.body as { id: string; version: number };
    };
    fx.imports = importFixtures(t, admin, rootId);
    for (const role of ROLES) callers.set(role, (await make.actor(role)).caller);
  });
  afterAll(() => t.close());

  it('covers every registered API route', () => {
    const covered = new Set([...CASES, ...ID_CASES].map((c) => `${c.method} ${c.url}`));
    const missing = t.routes
      .filter((r) => r.url.startsWith('/api/'))
      .map((r) => `${r.method} ${r.url}`)
      .filter((k) => !covered.has(k) && !NOT_IN_MATRIX.has(k));
    expect(missing).toEqual([]);
  });

  it('refuses every protected route without credentials (401)', async () => {
    for (const c of [...CASES, ...ID_CASES]) {
      const req = await c.request(fx);
      const res = await call(t.anon, c.method, req.url, req.body);
      expect(res.status, `${c.method} ${c.url}`).toBe(401);
    }
  });

  for (const role of ROLES) {
    it(`role ${role}: allowed routes succeed, others are refused with 403 when the record is visible, 404 when not`, async () => {
      const wrong: string[] = [];
      for (const c of [...CASES, ...ID_CASES]) {
        const req = await c.request(fx);
        const res = await call(callers.get(role)!, c.method, req.url, req.body);
        const expected = allowed(role, c.action) ? 'success' : refusal(role, c);
        const ok = expected === 'success' ? res.status < 300 : res.status === expected;
        if (!ok) wrong.push(`${c.method} ${c.url} → ${res.status}, expected ${expected} ${JSON.stringify(res.body ?? '')}`);
      }
      // Every route is checked before failing, so one wrong answer does not hide the others.
      expect(wrong).toEqual([]);
    });
  }

  it('a user of one division cannot read or change another division', async () => {
    const make = factories(t, admin, rootId);
    const a = await make.unit({ name: 'Phòng Một' });
    const b = await make.unit({ name: 'Phòng Hai' });
    const userB = await make.user({ unitId: b.id, role: 'specialist' });
    for (const role of ROLES) {
      const { caller } = await make.actor(role, a.id);
      expect((await caller.patch(`/api/units/${b.id}`, { version: 1, name: 'x' })).status, role).toBe(404);
      expect((await caller.patch(`/api/users/${userB.id}`, { version: 1, fullName: 'x' })).status, role).toBe(404);
      const units = (await caller.get('/api/units')).body.items.map((u: { id: string }) => u.id);
      expect(units, role).not.toContain(b.id);
    }
  });
});

// Issue #9, defect 2: managing a user (edit, deactivate, reset the password, change roles) needs
// `user.manage` over the user's home unit AND over every role grant the user holds, at a rank the
// actor's granting role may give (MANAGEABLE_ROLES in the domain; docs/architecture.md, "Managing
// users"). A user visible to the actor but out of reach answers 403; a user not visible answers 404.
describe.each(engines)('user management across roles and agencies on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let divA: { id: string };
  let divB: { id: string };
  let agencyAdmin: Caller;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    divA = await make.unit({ name: 'Phòng Hành chính' });
    divB = await make.unit({ name: 'Phòng Tổ chức' });
    agencyAdmin = (await make.actor('agency_admin', divA.id)).caller;
  });
  afterAll(() => t.close());

  /** Every managing call against one user, each with the answer it got. */
  async function manage(caller: Caller, user: { id: string; version: number }) {
    const url = `/api/users/${user.id}`;
    return {
      reset: (await caller.post(`${url}/reset-password`, { newPassword: 'Chiemquyen1' })).status,
      deactivate: (await caller.patch(url, { version: user.version, isActive: false })).status,
      rename: (await caller.patch(url, { version: user.version, fullName: 'Đổi tên' })).status,
      dropGrants: (await caller.patch(url, { version: user.version, grants: [] })).status,
    };
  }
  const all = (status: number) => ({ reset: status, deactivate: status, rename: status, dropGrants: status });

  it('refuses (403) a user of the agency who is system administrator elsewhere, and the takeover fails', async () => {
    const boss = await make.user({
      unitId: divA.id,
      grants: [
        { role: 'specialist', unitId: divA.id },
        { role: 'system_admin', unitId: rootId },
      ],
    });
    expect((await agencyAdmin.get(`/api/users?unitId=${divA.id}`)).body.items.find((u: { id: string }) => u.id === boss.id)?.can).toEqual({ update: false });
    expect(await manage(agencyAdmin, boss)).toEqual(all(403));
    expect((await agencyAdmin.post(`/api/users/${boss.id}/reset-password`, { newPassword: 'Chiemquyen1' })).body.code).toBe('user.not_manageable');
    // The password was not changed: the old one still logs in, the attacker's does not.
    expect((await t.anon.post('/api/auth/login', { username: boss.username, password: 'Chiemquyen1' })).status).toBe(401);
    expect((await (await t.login(boss.username)).get('/api/me')).body.grants).toHaveLength(2);
  });

  it('refuses (403) a peer agency administrator, and a user with a grant outside the actor’s units', async () => {
    const peer = await make.user({ unitId: divA.id, role: 'agency_admin' });
    expect(await manage(agencyAdmin, peer)).toEqual(all(403));
    const twoPlaces = await make.user({
      unitId: divA.id,
      grants: [
        { role: 'specialist', unitId: divA.id },
        { role: 'viewer', unitId: divB.id },
      ],
    });
    expect(await manage(agencyAdmin, twoPlaces)).toEqual(all(403));
  });

  it('refuses granting a role at or above the actor’s own (403) or outside its units (400)', async () => {
    const clerk = await make.user({ unitId: divA.id, role: 'specialist' });
    for (const role of ['agency_admin', 'system_admin']) {
      const res = await agencyAdmin.patch(`/api/users/${clerk.id}`, { version: clerk.version, grants: [{ role, unitId: divA.id }] });
      expect(res.status, role).toBe(403);
      expect(res.body.code).toBe('user.grant_not_allowed');
    }
    expect((await agencyAdmin.patch(`/api/users/${clerk.id}`, { version: clerk.version, grants: [{ role: 'viewer', unitId: divB.id }] })).status).toBe(400);
    expect(
      (
        await agencyAdmin.post('/api/users', {
          username: 'pho.quantri',
          fullName: 'P',
          unitId: divA.id,
          password: USER_PASSWORD,
          grants: [{ role: 'agency_admin', unitId: divA.id }],
        })
      ).status,
    ).toBe(403);
  });

  it('answers 404 for a user whose home unit the actor cannot see', async () => {
    const elsewhere = await make.user({ unitId: divB.id, role: 'specialist' });
    expect(await manage(agencyAdmin, elsewhere)).toEqual(all(404));
  });

  it('checks each grant on its own: user.manage held in one unit lends nothing to a role held in another', async () => {
    // Agency administrator in A, leader (user.read, not user.manage) in B: B's users are visible, not manageable.
    const mixed = await make.user({
      unitId: divA.id,
      grants: [
        { role: 'agency_admin', unitId: divA.id },
        { role: 'leader', unitId: divB.id },
      ],
    });
    const mixedCaller = await t.login(mixed.username);
    const inB = await make.user({ unitId: divB.id, role: 'specialist' });
    expect(await manage(mixedCaller, inB)).toEqual(all(403));
    const crossing = await make.user({
      unitId: divA.id,
      grants: [
        { role: 'specialist', unitId: divA.id },
        { role: 'specialist', unitId: divB.id },
      ],
    });
    expect(await manage(mixedCaller, crossing)).toEqual(all(403));
    expect((await mixedCaller.get(`/api/users?unitId=${divB.id}`)).body.items.map((u: { id: string }) => u.id)).toContain(inB.id);
  });

  it('still lets the agency administrator manage the users below it, and the system administrator everyone', async () => {
    const clerk = await make.user({ unitId: divA.id, role: 'specialist' });
    expect((await agencyAdmin.get(`/api/users?unitId=${divA.id}`)).body.items.find((u: { id: string }) => u.id === clerk.id)?.can).toEqual({ update: true });
    expect((await agencyAdmin.post(`/api/users/${clerk.id}/reset-password`, { newPassword: 'Datlai2026' })).status).toBe(204);
    expect((await agencyAdmin.patch(`/api/users/${clerk.id}`, { version: clerk.version + 1, grants: [{ role: 'unit_head', unitId: divA.id }] })).status).toBe(
      200,
    );
    const boss = await make.user({ unitId: divA.id, grants: [{ role: 'system_admin', unitId: rootId }] });
    expect((await admin.post(`/api/users/${boss.id}/reset-password`, { newPassword: 'Datlai2026' })).status).toBe(204);
    const peer = await make.user({ unitId: divA.id, role: 'agency_admin' });
    expect((await admin.patch(`/api/users/${peer.id}`, { version: peer.version, isActive: false })).status).toBe(200);
  });
});

// ---- Issue 9, defects 5 and 9: files follow their owning record; each grant keeps its own scope ----

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

describe.each(engines)('files and per-grant scope (issue 9: defects 5 and 9) on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  // Two agencies under the Department, each with one division.
  const u = { agencyA: '', divA: '', agencyB: '', divB: '' };
  let setId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    u.agencyA = (await make.unit({ kind: 'affiliate', name: 'Trung tâm A' })).id;
    u.divA = (await make.unit({ parentId: u.agencyA, name: 'Phòng A1' })).id;
    u.agencyB = (await make.unit({ kind: 'affiliate', name: 'Trung tâm B' })).id;
    u.divB = (await make.unit({ parentId: u.agencyB, name: 'Phòng B1' })).id;
    const set = await admin.post('/api/par/criteria-sets', { ownerUnitId: rootId, year: 2019, title: 'Bộ chỉ số 2019', template: '2019_department' });
    const active = await admin.post(`/api/par/criteria-sets/${set.body.id}/activate`, { version: set.body.version });
    if (active.status !== 200) throw new Error(JSON.stringify(active.body));
    setId = active.body.id;
  });
  afterAll(() => t.close());

  type Login = Caller & { cookie: string };
  const as = async (role: string, unitId: string): Promise<Login> => (await make.actor(role, unitId)).caller;
  async function upload(by: Login, ownerEntity: string, ownerId: string) {
    const m = multipart('tai-lieu.pdf', 'application/pdf', PDF);
    const res = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=${ownerEntity}&ownerId=${ownerId}`,
      headers: { cookie: by.cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) };
  }
  /** Download and list status for `by` on a file of the record. */
  async function reads(by: Caller, ownerEntity: string, ownerId: string, fileId: string) {
    const list = await by.get(`/api/files?ownerEntity=${ownerEntity}&ownerId=${ownerId}`);
    const dl = await by.get(`/api/files/${fileId}`);
    return { list: list.status, download: dl.status, ids: list.status === 200 ? list.body.items.map((f: { id: string }) => f.id) : [] };
  }
  const readable = (fileId: string) => ({ list: 200, download: 200, ids: expect.arrayContaining([fileId]) });
  const absent = { list: 404, download: 404, ids: [] };
  async function assessment(agencyUnitId: string) {
    const res = await admin.post('/api/par/assessments', { setId, agencyUnitId });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    const id = res.body.id as string;
    const evidenceId = `ev-${id}`;
    await t.handle.db
      .insertInto('parEvidence')
      .values({
        id: evidenceId,
        assessmentId: id,
        numberSymbol: '01/KH',
        issuedOn: null,
        issuer: null,
        title: 'Kế hoạch CCHC',
        attachmentId: null,
        version: 1,
        createdAt: '2026-03-02T02:00:00.000Z',
      })
      .execute();
    return { id, evidenceId };
  }

  it('unit files: read as the unit is, attached by who manages it', async () => {
    const manager = await as('agency_admin', u.agencyA);
    const saved = await upload(manager, 'unit', u.divA);
    expect(saved.status).toBe(201);
    expect(await reads(await as('specialist', u.divA), 'unit', u.divA, saved.body.id)).toEqual(readable(saved.body.id));
    expect(await reads(await as('specialist', u.divB), 'unit', u.divA, saved.body.id)).toEqual(absent);
    expect((await upload(await as('specialist', u.divA), 'unit', u.divA)).status).toBe(403);
    expect((await upload(await as('agency_admin', u.agencyB), 'unit', u.divA)).status).toBe(404);
  });

  it('procedure files: read as the procedure is, attached by who manages procedures', async () => {
    const procedure = await newProcedureAs(admin, u.agencyA);
    const saved = await upload(await as('agency_admin', u.agencyA), 'procedure', procedure.id);
    expect(saved.status).toBe(201);
    expect(await reads(await as('one_stop_officer', u.agencyA), 'procedure', procedure.id, saved.body.id)).toEqual(readable(saved.body.id));
    expect(await reads(await as('one_stop_officer', u.agencyB), 'procedure', procedure.id, saved.body.id)).toEqual(absent);
    expect((await upload(await as('one_stop_officer', u.agencyA), 'procedure', procedure.id)).status).toBe(403);
    expect((await upload(await as('agency_admin', u.agencyB), 'procedure', procedure.id)).status).toBe(404);
  });

  it('PAR evidence files: read as the assessment is, attached by the self-assessors while it is open', async () => {
    const a = await assessment(u.agencyA);
    const saved = await upload(await as('leader', u.agencyA), 'par_evidence', a.evidenceId);
    expect(saved.status).toBe(201);
    expect(await reads(await as('appraiser', u.agencyA), 'par_evidence', a.evidenceId, saved.body.id)).toEqual(readable(saved.body.id));
    // The desk holds no PAR rights: PAR routes refuse it, and the evidence files do not exist for it.
    const desk = await as('one_stop_officer', u.agencyA);
    expect((await desk.get(`/api/par/assessments/${a.id}/evidence`)).status).toBe(403);
    expect(await reads(desk, 'par_evidence', a.evidenceId, saved.body.id)).toEqual(absent);
    expect(await reads(await as('leader', u.agencyB), 'par_evidence', a.evidenceId, saved.body.id)).toEqual(absent);
    expect((await upload(await as('appraiser', u.agencyA), 'par_evidence', a.evidenceId)).status).toBe(403);
    expect((await upload(desk, 'par_evidence', a.evidenceId)).status).toBe(404);
    expect((await upload(await as('leader', u.agencyB), 'par_evidence', a.evidenceId)).status).toBe(404);
    await t.handle.db.updateTable('parAssessments').set({ status: 'submitted' }).where('id', '=', a.id).execute();
    expect((await upload(await as('leader', u.agencyA), 'par_evidence', a.evidenceId)).status).toBe(409);
  });

  it('dossier files: read by whoever reads the dossier (the processing specialist too, citizen uploads included), attached by who acts on it', async () => {
    const procedureId = await createProcedure(admin, u.agencyA, { processingUnitId: u.divA, steps: threeSteps(u.divA) });
    // Filed online with a component the citizen uploaded, then a file added at the desk.
    const m = multipart('Đơn đề nghị.pdf', 'application/pdf', PDF);
    const up = await t.app.inject({ method: 'POST', url: '/api/public/uploads', headers: { 'content-type': m.contentType }, payload: m.body });
    expect(up.statusCode, up.body).toBe(201);
    const filed = await t.anon.post('/api/public/dossiers', {
      procedureId,
      applicant: { name: 'Nguyễn Văn Ánh', phone: '0905123456', idNumber: '049123456789' },
      components: [{ name: 'Đơn đề nghị', fileId: JSON.parse(up.body).fileId }],
    });
    expect(filed.status, JSON.stringify(filed.body)).toBe(201);
    const row = await t.handle.db.selectFrom('dossiers').select('id').where('code', '=', filed.body.code).executeTakeFirstOrThrow();
    const citizenFile = (await t.handle.db.selectFrom('attachments').select('id').where('ownerId', '=', row.id).executeTakeFirstOrThrow()).id;
    const desk = await as('one_stop_officer', u.agencyA);
    const saved = await upload(desk, 'dossier', row.id);
    expect(saved.status).toBe(201);

    const specialist = await as('specialist', u.divA);
    expect((await specialist.get(`/api/dossiers/${row.id}`)).status).toBe(200);
    expect(await reads(specialist, 'dossier', row.id, citizenFile)).toEqual(readable(citizenFile));
    expect((await reads(specialist, 'dossier', row.id, saved.body.id)).ids).toEqual(expect.arrayContaining([citizenFile, saved.body.id]));
    expect(await reads(await as('viewer', u.agencyA), 'dossier', row.id, saved.body.id)).toEqual(readable(saved.body.id));
    // The appraisal council has no dossier rights; another agency's desk does not see the dossier.
    const appraiser = await as('appraiser', u.agencyA);
    expect(await reads(appraiser, 'dossier', row.id, saved.body.id)).toEqual(absent);
    expect(await reads(await as('one_stop_officer', u.agencyB), 'dossier', row.id, citizenFile)).toEqual(absent);
    expect((await upload(appraiser, 'dossier', row.id)).status).toBe(404);
    expect((await upload(await as('one_stop_officer', u.agencyB), 'dossier', row.id)).status).toBe(404);
    expect((await upload(await as('viewer', u.agencyA), 'dossier', row.id)).status).toBe(403);
    expect((await upload(specialist, 'dossier', row.id)).status).toBe(201);
    const listed = await admin.get(`/api/files?ownerEntity=dossier&ownerId=${row.id}`);
    expect(listed.body.items).toHaveLength(3);
  });

  it('a user with roles in two agencies gets each permission only in the scope of the role that grants it', async () => {
    // Specialist in agency A's division, one-stop officer of agency B (who holds no PAR rights).
    const user = await make.user({
      unitId: u.divA,
      grants: [
        { role: 'specialist', unitId: u.divA },
        { role: 'one_stop_officer', unitId: u.agencyB },
      ],
    });
    const two = await t.login(user.username);
    const ofB = await assessment(u.agencyB);
    const ofDivA = await assessment(u.divA);
    const evidenceFile = await upload(await as('leader', u.agencyB), 'par_evidence', ofB.evidenceId);
    expect(evidenceFile.status).toBe(201);

    for (const url of [
      `/api/par/assessments/${ofB.id}`,
      `/api/par/assessments/${ofB.id}/evidence`,
      `/api/par/assessments/${ofB.id}/projection`,
      `/api/par/assessments/${ofB.id}/export?what=scorecard`,
    ]) {
      expect((await two.get(url)).status, url).toBe(404);
    }
    expect((await two.post(`/api/par/assessments/${ofB.id}/what-if`, { metrics: {} })).status).toBe(404);
    expect(await reads(two, 'par_evidence', ofB.evidenceId, evidenceFile.body.id)).toEqual(absent);
    const listed = (await two.get('/api/par/assessments?year=2019')).body.items.map((x: { id: string }) => x.id);
    expect(listed).toContain(ofDivA.id);
    expect(listed).not.toContain(ofB.id);
    expect((await two.get(`/api/par/agencies/${u.agencyB}/history`)).body.items).toEqual([]);
    // What the specialist role grants in its own division.
    expect((await two.get(`/api/par/assessments/${ofDivA.id}`)).status).toBe(200);
    expect((await two.get(`/api/par/assessments/${ofDivA.id}/evidence`)).status).toBe(200);

    // Dossiers: B's desk receives and reads B's dossiers but does not process them there; the division's are read and processed.
    const procB = await newProcedureAs(admin, u.agencyB);
    const received = await two.post('/api/dossiers', { procedureId: procB.id, channel: 'counter', applicant: { name: 'Công dân B' } });
    expect(received.status, JSON.stringify(received.body)).toBe(201);
    expect((await two.get(`/api/dossiers/${received.body.id}`)).status).toBe(200);
    expect((await two.post(`/api/dossiers/${received.body.id}/actions`, { version: received.body.version, action: 'stop', reason: 'Thử' })).status).toBe(403);
    const procA = await newProcedureAs(admin, u.agencyA);
    // The catalogue is public; receiving for agency A's procedure is refused to B's desk.
    expect((await two.post('/api/dossiers', { procedureId: procA.id, channel: 'counter', applicant: { name: 'Công dân A' } })).status).toBe(403);
    // Procedures: both roles read the catalogue in their own scope; neither manages it.
    expect((await two.get(`/api/procedures/${procB.id}`)).status).toBe(200);
    expect((await two.patch(`/api/procedures/${procB.id}`, { version: procB.version, name: 'Đổi' })).status).toBe(403);
    // Criteria sets: those above the PAR-reading grant are visible, a set of agency B (the desk grant's) is not.
    expect((await two.get(`/api/par/criteria-sets/${setId}`)).status).toBe(200);
    const setOfB = await admin.post('/api/par/criteria-sets', { ownerUnitId: u.agencyB, year: 2020, title: 'Bộ của B', template: '2021_fields' });
    expect(setOfB.status, JSON.stringify(setOfB.body)).toBe(201);
    expect((await two.get(`/api/par/criteria-sets/${setOfB.body.id}`)).status).toBe(404);
    expect((await two.get('/api/par/criteria-sets')).body.items.map((x: { id: string }) => x.id)).not.toContain(setOfB.body.id);
  });
});

// ---- Plans and tasks (issue #10 item 1, docs/plans.md). Fixtures are made as the administrator; the task a
// `task.update` route acts on is led by the matrix's specialist, since a specialist updates only the tasks
// they lead (the other specialist, another division and finished tasks are in plans.test.ts).

interface PlanFixtures {
  plan(opts?: { issued?: boolean; approval?: boolean }): Promise<{ id: string; version: number }>;
  task(opts?: { approval?: boolean; status?: string; issued?: boolean }): Promise<{ id: string; version: number }>;
  unit(): Promise<{ id: string }>;
}

function planFixtures(t: TestApp, admin: Caller, rootId: string, newUnit: () => Promise<{ id: string }>): PlanFixtures {
  const plan: PlanFixtures['plan'] = async ({ issued = true, approval = false } = {}) => {
    const res = await admin.post('/api/plans', {
      unitId: rootId,
      year: 2026,
      kind: 'thematic',
      title: `Kế hoạch ma trận ${++n}`,
      documentNumber: `${n}/KH`,
      documentDate: '2026-01-05',
      requiresApproval: approval,
    });
    if (res.status !== 201) throw new Error(`plan: ${JSON.stringify(res.body)}`);
    if (!issued) return res.body;
    const iss = await admin.post(`/api/plans/${res.body.id}/issue`, { version: res.body.version, issuedOn: '2026-01-05' });
    if (iss.status !== 200) throw new Error(`plan issue: ${JSON.stringify(iss.body)}`);
    return iss.body;
  };
  return {
    plan,
    unit: newUnit,
    async task({ approval = false, status, issued = true } = {}) {
      const p = await plan({ approval, issued });
      const res = await admin.post('/api/tasks', { planId: p.id, title: `Nhiệm vụ ma trận ${++n}`, unitId: rootId, dueOn: '2026-12-30' });
      if (res.status !== 201) throw new Error(`task: ${JSON.stringify(res.body)}`);
      const db = t.handle.db;
      const specialist = await db
        .selectFrom('roleAssignments')
        .select('userId')
        .where('role', '=', 'specialist')
        .where('unitId', '=', rootId)
        .orderBy('userId')
        .executeTakeFirst();
      await db
        .updateTable('tasks')
        .set({ leadUserId: specialist?.userId ?? null, ...(status ? { status, submittedOn: status === 'awaiting_approval' ? '2026-03-02' : null } : {}) })
        .where('id', '=', res.body.id)
        .execute();
      return { id: res.body.id, version: res.body.version };
    },
  };
}
const plans = (fx: Fixtures) => fx.plans!;

NOT_IN_MATRIX.add('POST /api/tasks/import'); // multipart: plans.test.ts checks plan.manage (another agency's plan reads as 404)

CASES.push(
  { method: 'GET', url: '/api/plans', action: 'plan.read', request: () => ({ url: '/api/plans?year=2026' }) },
  { method: 'GET', url: '/api/tasks', action: 'plan.read', request: () => ({ url: '/api/tasks?scope=unit&bucket=overdue' }) },
  { method: 'GET', url: '/api/tasks/overview', action: 'plan.read', request: () => ({ url: '/api/tasks/overview' }) },
  { method: 'GET', url: '/api/tasks/statistics', action: 'plan.read', request: () => ({ url: '/api/tasks/statistics?year=2026' }) },
  { method: 'GET', url: '/api/tasks/statistics/export', action: 'plan.read', request: () => ({ url: '/api/tasks/statistics/export?year=2026' }) },
  { method: 'GET', url: '/api/plan-settings', action: 'plan.read', request: (fx) => ({ url: `/api/plan-settings?unitId=${fx.rootId}&year=2026` }) },
  {
    method: 'POST',
    url: '/api/plans',
    action: 'plan.manage',
    request: (fx) => ({ url: '/api/plans', body: { unitId: fx.rootId, year: 2026, kind: 'thematic', title: `Kế hoạch ${++n}` } }),
  },
);

ID_CASES.push(
  {
    method: 'PUT',
    url: '/api/plan-settings',
    action: 'plan.manage',
    request: async (fx) => ({
      url: '/api/plan-settings',
      body: { unitId: (await plans(fx).unit()).id, year: 2026, annualPlanDueOn: '2026-01-31', version: 0 },
    }),
  },
  { method: 'GET', url: '/api/plans/:id', action: 'plan.read', request: async (fx) => ({ url: `/api/plans/${(await plans(fx).plan()).id}` }) },
  {
    method: 'GET',
    url: '/api/plans/:id/document',
    action: 'plan.read',
    request: async (fx) => ({ url: `/api/plans/${(await plans(fx).plan()).id}/document` }),
  },
  {
    method: 'GET',
    url: '/api/plans/:id/tasks/export',
    action: 'plan.read',
    request: async (fx) => ({ url: `/api/plans/${(await plans(fx).plan()).id}/tasks/export` }),
  },
  {
    method: 'PATCH',
    url: '/api/plans/:id',
    action: 'plan.manage',
    request: async (fx) => {
      const p = await plans(fx).plan({ issued: false });
      return { url: `/api/plans/${p.id}`, body: { version: p.version, title: 'Đổi tên' } };
    },
  },
  {
    method: 'POST',
    url: '/api/plans/:id/issue',
    action: 'plan.manage',
    request: async (fx) => {
      const p = await plans(fx).plan({ issued: false });
      return { url: `/api/plans/${p.id}/issue`, body: { version: p.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/plans/:id/close',
    action: 'plan.manage',
    request: async (fx) => {
      const p = await plans(fx).plan();
      return { url: `/api/plans/${p.id}/close`, body: { version: p.version } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/plans/:id',
    action: 'plan.manage',
    request: async (fx) => {
      const p = await plans(fx).plan({ issued: false });
      return { url: `/api/plans/${p.id}?version=${p.version}` };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks',
    action: 'plan.manage',
    request: async (fx) => ({ url: '/api/tasks', body: { planId: (await plans(fx).plan()).id, title: 'Mới', unitId: fx.rootId, dueOn: '2026-11-30' } }),
  },
  { method: 'GET', url: '/api/tasks/:id', action: 'plan.read', request: async (fx) => ({ url: `/api/tasks/${(await plans(fx).task()).id}` }) },
  {
    method: 'PATCH',
    url: '/api/tasks/:id',
    action: 'plan.manage',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}`, body: { version: k.version, title: 'Đổi' } };
    },
  },
  {
    method: 'DELETE',
    url: '/api/tasks/:id',
    action: 'plan.manage',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}?version=${k.version}` };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/assign',
    action: 'task.assign',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}/assign`, body: { version: k.version, leadUserId: null } };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/progress',
    action: 'task.update',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}/progress`, body: { version: k.version, progress: 40, note: 'Đang làm' } };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/complete',
    action: 'task.update',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}/complete`, body: { version: k.version, note: 'Đã xong' } };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/approve',
    action: 'task.approve',
    request: async (fx) => {
      const k = await plans(fx).task({ approval: true, status: 'awaiting_approval' });
      return { url: `/api/tasks/${k.id}/approve`, body: { version: k.version } };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/reject',
    action: 'task.approve',
    request: async (fx) => {
      const k = await plans(fx).task({ approval: true, status: 'awaiting_approval' });
      return { url: `/api/tasks/${k.id}/reject`, body: { version: k.version, note: 'Bổ sung' } };
    },
  },
  {
    method: 'POST',
    url: '/api/tasks/:id/cancel',
    action: 'plan.manage',
    request: async (fx) => {
      const k = await plans(fx).task();
      return { url: `/api/tasks/${k.id}/cancel`, body: { version: k.version, reason: 'Không còn phù hợp' } };
    },
  },
);
// Issue #13: a dossier's files are listed and opened by every role that reads the dossier (the desk,
// the processing specialist, leaders, the office, viewers), in the units the dossier passes through;
// any other role, or the same role in another division, finds neither the dossier nor its files (404).
describe.each(engines)('dossier files by role (issue 13) on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let dossierId: string;
  let fileId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    const procedure = await newProcedureAs(admin, rootId);
    const received = await admin.post('/api/dossiers', { procedureId: procedure.id, channel: 'counter', applicant: { name: 'Công dân ma trận' } });
    if (received.status !== 201) throw new Error(JSON.stringify(received.body));
    dossierId = received.body.id;
    const { cookie } = await t.login('admin', 'Quantri2026');
    const m = multipart('ho-so.pdf', 'application/pdf', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n'));
    const up = await t.app.inject({
      method: 'POST',
      url: `/api/files?ownerEntity=dossier&ownerId=${dossierId}`,
      headers: { cookie, 'content-type': m.contentType },
      payload: m.body,
    });
    if (up.statusCode !== 201) throw new Error(up.body);
    fileId = JSON.parse(up.body).id;
  });
  afterAll(() => t.close());

  const readsDossiers = (role: Role) =>
    (['dossier.read', 'dossier.receive', 'dossier.process'] as const).some((a) => (PERMISSIONS[a] as readonly Role[]).includes(role));

  for (const role of ROLES) {
    it(`role ${role}: lists and opens the files exactly when it reads the dossier`, async () => {
      const { caller } = await make.actor(role, rootId);
      const list = await caller.get(`/api/dossiers/${dossierId}/files`);
      const open = await caller.get(`/api/dossiers/${dossierId}/files/${fileId}?disposition=inline`);
      expect([list.status, open.status]).toEqual(readsDossiers(role) ? [200, 200] : [404, 404]);
      if (list.status === 200) expect(list.body.items.map((f: { id: string }) => f.id)).toEqual([fileId]);
      const division = await make.unit();
      const { caller: elsewhere } = await make.actor(role, division.id);
      expect((await elsewhere.get(`/api/dossiers/${dossierId}/files`)).status).toBe(404);
      expect((await elsewhere.get(`/api/dossiers/${dossierId}/files/${fileId}`)).status).toBe(404);
    });
  }

  it('refuses both routes without credentials (401)', async () => {
    expect((await t.anon.get(`/api/dossiers/${dossierId}/files`)).status).toBe(401);
    expect((await t.anon.get(`/api/dossiers/${dossierId}/files/${fileId}`)).status).toBe(401);
  });
});

// Issue #10: a unit asked to coordinate a task reads it (detail, journal, the `coordinating` list) with the
// read permission of its own grant, and changes nothing: every write answers 403 to a role that reads the
// task and 404 to one that does not (docs/plans.md "Roles").
describe.each(engines)('tasks read by their coordinating units on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let owner: { id: string };
  let task: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    owner = await make.unit();
    const p = await admin.post('/api/plans', {
      unitId: rootId,
      year: 2026,
      kind: 'thematic',
      title: 'Kế hoạch phối hợp',
      documentNumber: '7/KH',
      documentDate: '2026-01-05',
      requiresApproval: true,
    });
    const issued = await admin.post(`/api/plans/${p.body.id}/issue`, { version: p.body.version, issuedOn: '2026-01-05' });
    if (issued.status !== 200) throw new Error(JSON.stringify(issued.body));
    task = { id: '', version: 0 };
    const res = await admin.post('/api/tasks', { planId: p.body.id, title: 'Nhiệm vụ có đơn vị phối hợp', unitId: owner.id, dueOn: '2026-12-30' });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    task = { id: res.body.id, version: res.body.version };
  });
  afterAll(() => t.close());

  const reads = (role: Role) => (PERMISSIONS['plan.read'] as readonly Role[]).includes(role);

  for (const role of ROLES) {
    it(`role ${role} of a coordinating unit: reads the task exactly when it reads plans, never writes`, async () => {
      const coordinating = await make.unit();
      const current = (await admin.get(`/api/tasks/${task.id}`)).body;
      const moved = await admin.patch(`/api/tasks/${task.id}`, { version: current.version, coordinatingUnitIds: [coordinating.id] });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
      const version = moved.body.version;
      const { caller } = await make.actor(role, coordinating.id);
      const detail = await caller.get(`/api/tasks/${task.id}`);
      const list = await caller.get('/api/tasks?scope=coordinating');
      if (reads(role)) {
        expect(detail.status).toBe(200);
        expect(Object.values(detail.body.can).some(Boolean)).toBe(false);
        expect(list.body.items.map((i: { id: string }) => i.id)).toEqual([task.id]);
      } else {
        expect([detail.status, list.status]).toEqual([404, 403]);
      }
      const denied = reads(role) ? 403 : 404;
      const writes: Array<[string, string, unknown]> = [
        ['PATCH', `/api/tasks/${task.id}`, { version, title: 'Đổi' }],
        ['POST', `/api/tasks/${task.id}/assign`, { version, leadUserId: null }],
        ['POST', `/api/tasks/${task.id}/progress`, { version, progress: 10 }],
        ['POST', `/api/tasks/${task.id}/complete`, { version, note: 'Xong' }],
        ['POST', `/api/tasks/${task.id}/cancel`, { version, reason: 'Thôi' }],
      ];
      for (const [method, url, body] of writes) {
        const res = method === 'PATCH' ? await caller.patch(url, body) : await caller.post(url, body);
        expect(res.status, `${method} ${url}`).toBe(denied);
      }
      expect((await caller.delete(`/api/tasks/${task.id}?version=${version}`)).status).toBe(denied);
    });
  }
});

// Issue #13 item 2: who the current step can be handed to is asked by the step's performer only (a holder
// of its role over its unit), not by a permission: the receipt step "Tiếp nhận" is the desk's. Every other
// role that reads the dossier gets 403 `dossier.step_performer_required`; a role that does not read it, 404.
describe.each(engines)('step performers by role (issue 13) on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let dossierId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    const division = await make.unit({ name: 'Phòng Thẩm định' });
    const procedureId = await createProcedure(admin, rootId, { processingUnitId: division.id, steps: threeSteps(division.id) });
    const received = await admin.post('/api/dossiers', { procedureId, channel: 'counter', applicant: { name: 'Công dân ma trận' } });
    if (received.status !== 201) throw new Error(JSON.stringify(received.body));
    dossierId = received.body.id;
  });
  afterAll(() => t.close());

  const readsDossiers = (role: Role) =>
    (['dossier.read', 'dossier.receive', 'dossier.process'] as const).some((a) => (PERMISSIONS[a] as readonly Role[]).includes(role));

  for (const role of ROLES) {
    it(`role ${role}: lists the next step's performers only when it performs the current step`, async () => {
      const { caller } = await make.actor(role, rootId);
      const res = await caller.get(`/api/dossiers/${dossierId}/handover-candidates`);
      expect(res.status).toBe(role === 'one_stop_officer' ? 200 : readsDossiers(role) ? 403 : 404);
      if (res.status === 403) expect(res.body.code).toBe('dossier.step_performer_required');
      if (res.status === 200) expect(res.body.step).toMatchObject({ code: 'TD', performerRole: 'specialist' });
    });
  }

  it('refuses without credentials (401)', async () => {
    expect((await t.anon.get(`/api/dossiers/${dossierId}/handover-candidates`)).status).toBe(401);
  });
});

// Issue #13 item 1: sending an online filing back for completion before receipt is the desk's (`dossier.receive`),
// on a dossier in scope; whoever reads dossiers without receiving them gets 403, anyone else 404.
describe.each(engines)('completion before receipt by role (issue 13) on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  let make: ReturnType<typeof factories>;
  let procedureId: string;

  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
    make = factories(t, admin, rootId);
    const division = await make.unit({ name: 'Phòng Thẩm định' });
    procedureId = await createProcedure(admin, rootId, { processingUnitId: division.id, steps: threeSteps(division.id) });
  });
  afterAll(() => t.close());

  async function filed(): Promise<{ id: string; version: number }> {
    const res = await t.anon.post('/api/public/dossiers', {
      procedureId,
      applicant: { name: 'Công dân ma trận', phone: '0905123456', idNumber: '049123456789' },
    });
    if (res.status !== 201) throw new Error(JSON.stringify(res.body));
    return t.handle.db.selectFrom('dossiers').select(['id', 'version']).where('code', '=', res.body.code).executeTakeFirstOrThrow();
  }
  const has = (role: Role, actions: readonly Action[]) => actions.some((a) => (PERMISSIONS[a] as readonly Role[]).includes(role));

  for (const role of ROLES) {
    it(`role ${role}: ${has(role, ['dossier.receive']) ? 'sends the filing back' : 'cannot send the filing back'}`, async () => {
      const d = await filed();
      const { caller } = await make.actor(role, rootId);
      const res = await caller.post(`/api/dossiers/${d.id}/actions`, {
        version: d.version,
        action: 'requestCompletion',
        reason: 'Ma trận',
        items: ['Đơn đề nghị'],
      });
      const expected = has(role, ['dossier.receive']) ? 200 : has(role, ['dossier.read', 'dossier.process']) ? 403 : 404;
      expect(res.status, JSON.stringify(res.body)).toBe(expected);
      if (res.status === 200) expect(res.body).toMatchObject({ status: 'awaiting_completion', can: { requestCompletion: false, receive: false } });
    });
  }

  it('answers 404 to the desk of another agency and 401 without credentials', async () => {
    const other = await make.unit({ kind: 'affiliate', name: 'Trung tâm khác' });
    const d = await filed();
    const { caller } = await make.actor('one_stop_officer', other.id);
    const body = { version: d.version, action: 'requestCompletion', reason: 'Ma trận', items: ['Đơn đề nghị'] };
    expect((await caller.post(`/api/dossiers/${d.id}/actions`, body)).status).toBe(404);
    expect((await t.anon.post(`/api/dossiers/${d.id}/actions`, body)).status).toBe(401);
  });
});

// Dossier imports and live sync (issue #11 items 5 and 5b, docs/dossier-imports.md): the agency's
// administrators (`dossier.import`) start, follow, cancel and download the errors of imports of their units.
interface ImportFixtures {
  done(): Promise<string>;
  queued(): Promise<string>;
}

function importFixtures(t: TestApp, admin: Caller, rootId: string): ImportFixtures {
  return {
    async done() {
      const res = await admin.post(`/api/dossier-sync?unitId=${rootId}`, { MaHoSo: `MATRAN-${++n}`, MaTTHC: '9.999999', TrangThaiHoSo: 2 });
      if (res.status !== 200) throw new Error(`sync: ${JSON.stringify(res.body)}`);
      return res.body.importId as string;
    },
    async queued() {
      const id = `matrix-import-${++n}`;
      await t.handle.db
        .insertInto('dossierImports')
        .values({
          id,
          unitId: rootId,
          actorId: null,
          actorName: null,
          actorUsername: null,
          source: 'file',
          fileName: 'x.jsonl',
          format: 'jsonl',
          filePath: null,
          sha256: '0'.repeat(64),
          sizeBytes: 1,
          status: 'queued',
          rowsRead: 0,
          rowsValid: 0,
          rowsWritten: 0,
          rowsUnchanged: 0,
          errorCount: 0,
          errors: '[]',
          failure: null,
          cancelRequested: 0,
          attempts: 0,
          leaseUntil: null,
          leasedBy: null,
          createdAt: t.clock.now(),
          startedAt: null,
          finishedAt: null,
        })
        .execute();
      return id;
    },
  };
}
const imports = (fx: Fixtures) => fx.imports!;

CASES.push(
  { method: 'GET', url: '/api/dossier-imports', action: 'dossier.import', request: (fx) => ({ url: `/api/dossier-imports?unitId=${fx.rootId}` }) },
  {
    method: 'POST',
    url: '/api/dossier-sync',
    action: 'dossier.import',
    request: (fx) => ({ url: `/api/dossier-sync?unitId=${fx.rootId}`, body: { records: [{ MaHoSo: `MATRAN-${++n}`, MaTTHC: '9.999999', TrangThaiHoSo: 2 }] } }),
  },
);

ID_CASES.push(
  {
    method: 'GET',
    url: '/api/dossier-imports/:id',
    action: 'dossier.import',
    request: async (fx) => ({ url: `/api/dossier-imports/${await imports(fx).done()}` }),
  },
  {
    method: 'GET',
    url: '/api/dossier-imports/:id/errors',
    action: 'dossier.import',
    request: async (fx) => ({ url: `/api/dossier-imports/${await imports(fx).done()}/errors?format=csv` }),
  },
  {
    method: 'POST',
    url: '/api/dossier-imports/:id/cancel',
    action: 'dossier.import',
    request: async (fx) => ({ url: `/api/dossier-imports/${await imports(fx).queued()}/cancel` }),
  },
);

describe.each(engines)('dossier imports by role on %s', (engine) => {
  let t: TestApp;
  let admin: Caller;
  let rootId: string;
  beforeAll(async () => {
    t = await createTestApp(engine);
    ({ admin, rootId } = await t.setup());
  });
  afterAll(() => t.close());

  it('starts a file import (multipart) exactly for the roles with dossier.import; 401 without credentials', async () => {
    const make = factories(t, admin, rootId);
    const m = multipart('x.jsonl', 'application/octet-stream', Buffer.from('{"MaHoSo":"A"}\n'));
    const post = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: `/api/dossier-imports?unitId=${rootId}`, headers: { ...headers, 'content-type': m.contentType }, payload: m.body });
    expect((await post({})).statusCode).toBe(401);
    for (const role of ROLES) {
      const { caller } = await make.actor(role);
      const res = await post({ authorization: await t.bearerHeader(caller, 'm') });
      expect(res.statusCode, `${role} ${res.body}`).toBe((PERMISSIONS['dossier.import'] as readonly Role[]).includes(role) ? 202 : 403);
    }
  });
});
