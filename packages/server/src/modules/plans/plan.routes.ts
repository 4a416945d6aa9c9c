import { sendDownload as send } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { ValidationError } from '../../platform/errors';
import type { PlanReportsService } from './plan-reports.service';
import type { PlanService } from './plan.service';
import {
  ApproveBody,
  AssignTaskBody,
  CancelBody,
  ClosePlanBody,
  CompleteBody,
  CreatePlanBody,
  CreateTaskBody,
  IdParams,
  ImportQuery,
  ImportResult,
  IssuePlanBody,
  OverviewView,
  PlanList,
  PlanListQuery,
  PlanSettingsQuery,
  PlanSettingsView,
  PlanSummary,
  ProgressBody,
  PutPlanSettingsBody,
  RejectBody,
  StatisticsQuery,
  StatisticsView,
  TaskList,
  TaskListQuery,
  TaskView,
  UpdatePlanBody,
  UpdateTaskBody,
  VersionQuery,
} from './plan.schemas';
import type { TaskWorkflowService } from './task-workflow.service';
import type { TaskService } from './task.service';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const planRoutes: FastifyPluginAsyncZod<{ plans: PlanService; tasks: TaskService; workflow: TaskWorkflowService; reports: PlanReportsService }> = async (
  app,
  { plans, tasks, workflow, reports },
) => {
  const tags = ['plans'];
  const actorOf = (req: { actor?: unknown }) => requireActor(req.actor as never);

  // ---- Plans
  app.get(
    '/api/plans',
    {
      schema: {
        tags,
        summary: 'Plans in scope (own units, or giving a task to one), with task counts',
        querystring: PlanListQuery,
        response: { 200: PlanList },
      },
    },
    (req) => plans.list(actorOf(req), req.query),
  );
  app.post(
    '/api/plans',
    { schema: { tags, summary: 'Create a draft plan of an agency', body: CreatePlanBody, response: { 201: PlanSummary } } },
    async (req, reply) => reply.status(201).send(await plans.create(actorOf(req), req.body)),
  );
  app.get(
    '/api/plan-settings',
    { schema: { tags, summary: "The annual plan's due day for an agency and year", querystring: PlanSettingsQuery, response: { 200: PlanSettingsView } } },
    (req) => plans.settings(actorOf(req), req.query.unitId, req.query.year),
  );
  app.put(
    '/api/plan-settings',
    { schema: { tags, summary: "Set the annual plan's due day (version 0 creates it)", body: PutPlanSettingsBody, response: { 200: PlanSettingsView } } },
    (req) => plans.putSettings(actorOf(req), req.body),
  );
  app.get('/api/plans/:id', { schema: { tags, summary: 'A plan', params: IdParams, response: { 200: PlanSummary } } }, (req) =>
    plans.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/plans/:id',
    { schema: { tags, summary: 'Edit a plan (optimistic version)', params: IdParams, body: UpdatePlanBody, response: { 200: PlanSummary } } },
    (req) => plans.update(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue a draft plan (needs its document number and date)',
        params: IdParams,
        body: IssuePlanBody,
        response: { 200: PlanSummary },
      },
    },
    (req) => plans.issue(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/plans/:id/close',
    { schema: { tags, summary: 'Close an issued plan', params: IdParams, body: ClosePlanBody, response: { 200: PlanSummary } } },
    (req) => plans.close(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/plans/:id',
    {
      schema: {
        tags,
        summary: 'Delete a plan without tasks (409 plan.has_tasks otherwise)',
        params: IdParams,
        querystring: VersionQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await plans.remove(actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.get(
    '/api/plans/:id/document',
    { schema: { tags, summary: 'The plan as a Word document in the administrative layout (.docx)', params: IdParams, produces: [DOCX] } },
    async (req, reply) => send(reply, await reports.planDocument(actorOf(req), req.params.id)),
  );
  app.get(
    '/api/plans/:id/tasks/export',
    { schema: { tags, summary: "The plan's tasks as .xlsx (the import's columns)", params: IdParams, produces: [XLSX] } },
    async (req, reply) => send(reply, await reports.exportTasks(actorOf(req), req.params.id)),
  );
  app.post(
    '/api/tasks/import',
    {
      schema: {
        tags,
        summary: 'Import tasks into a plan from .xlsx (multipart field "file"); all rows are checked before any is written',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      return reports.importTasks(actor, req.query.planId, await part.toBuffer());
    },
  );

  // ---- Tasks
  app.get(
    '/api/tasks',
    {
      schema: {
        tags,
        summary: 'Tasks in scope: mine, my units, by plan; buckets overdue / due soon / …; search ignoring diacritics',
        querystring: TaskListQuery,
        response: { 200: TaskList },
      },
      // The task list's hot request (issue #10 benchmark): `tasks.list` builds every item field by field
      // (`toTaskSummary`, typed by the schema), so it is stringified as is instead of being re-parsed by
      // the Zod schema, which stays the documented contract (as for the dossier queue and GET /api/me).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    (req) => tasks.list(actorOf(req), req.query),
  );
  app.get(
    '/api/tasks/overview',
    { schema: { tags, summary: 'Overdue and due-this-week task counts, in total and per unit', response: { 200: OverviewView } } },
    (req) => tasks.overviewCounts(actorOf(req)),
  );
  app.get(
    '/api/tasks/statistics',
    {
      schema: {
        tags,
        summary: 'Tasks due in a period in the national follow-up shape (report 1270/BC-TCTTTg), by unit and by plan',
        querystring: StatisticsQuery,
        response: { 200: StatisticsView },
      },
    },
    (req) => reports.statistics(actorOf(req), req.query),
  );
  app.get(
    '/api/tasks/statistics/export',
    { schema: { tags, summary: 'The task statistics as .xlsx', querystring: StatisticsQuery, produces: [XLSX] } },
    async (req, reply) => send(reply, await reports.exportStatistics(actorOf(req), req.query)),
  );
  app.post(
    '/api/tasks',
    { schema: { tags, summary: 'Create a task or a sub-task of a plan', body: CreateTaskBody, response: { 201: TaskView } } },
    async (req, reply) => reply.status(201).send(await tasks.create(actorOf(req), req.body)),
  );
  app.get('/api/tasks/:id', { schema: { tags, summary: 'A task with its sub-tasks and journal', params: IdParams, response: { 200: TaskView } } }, (req) =>
    tasks.get(actorOf(req), req.params.id),
  );
  app.patch(
    '/api/tasks/:id',
    { schema: { tags, summary: 'Edit a task (optimistic version)', params: IdParams, body: UpdateTaskBody, response: { 200: TaskView } } },
    (req) => tasks.update(actorOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/tasks/:id',
    { schema: { tags, summary: 'Delete a task not started and without sub-tasks', params: IdParams, querystring: VersionQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await tasks.remove(actorOf(req), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/tasks/:id/assign',
    { schema: { tags, summary: 'Hand the task to a lead person of its unit (or none)', params: IdParams, body: AssignTaskBody, response: { 200: TaskView } } },
    (req) => workflow.assign(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/tasks/:id/progress',
    { schema: { tags, summary: 'Report progress (0–100) with a note and evidence files', params: IdParams, body: ProgressBody, response: { 200: TaskView } } },
    (req) => workflow.reportProgress(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/tasks/:id/complete',
    {
      schema: {
        tags,
        summary: 'Complete with an evidence file or an explanation (422 task.evidence_required)',
        params: IdParams,
        body: CompleteBody,
        response: { 200: TaskView },
      },
    },
    (req) => workflow.complete(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/tasks/:id/approve',
    { schema: { tags, summary: 'Approve a completion (plans that require approval)', params: IdParams, body: ApproveBody, response: { 200: TaskView } } },
    (req) => workflow.approve(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/tasks/:id/reject',
    { schema: { tags, summary: 'Send a completion back with a note', params: IdParams, body: RejectBody, response: { 200: TaskView } } },
    (req) => workflow.reject(actorOf(req), req.params.id, req.body),
  );
  app.post(
    '/api/tasks/:id/cancel',
    { schema: { tags, summary: 'Cancel a task with a reason', params: IdParams, body: CancelBody, response: { 200: TaskView } } },
    (req) => workflow.cancel(actorOf(req), req.params.id, req.body),
  );
};
