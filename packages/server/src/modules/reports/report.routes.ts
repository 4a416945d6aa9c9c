import { sendDownload } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { ReportDraftService } from './report-draft.service';
import { exportInstances } from './report-export';
import type { ReportInstancesService } from './report-instances.service';
import type { ReportObligationsService } from './report-obligations.service';
import {
  AgencyBody,
  CreateObligationBody,
  GenerateQuery,
  GenerateResult,
  IdParams,
  InstanceExportQuery,
  InstanceList,
  InstanceListQuery,
  InstanceView,
  ObligationList,
  ObligationListQuery,
  ObligationView,
  OverviewView,
  SubmitBody,
  UpdateObligationBody,
  VersionQuery,
} from './report.schemas';

export interface ReportRoutesOptions {
  obligations: ReportObligationsService;
  instances: ReportInstancesService;
  drafts: ReportDraftService;
  clock: Clock;
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const reportRoutes: FastifyPluginAsyncZod<ReportRoutesOptions> = async (app, { obligations, instances, drafts, clock }) => {
  const tags = ['reports'];
  app.get(
    '/api/reports/obligations',
    { schema: { tags, summary: 'Report obligations in scope', querystring: ObligationListQuery, response: { 200: ObligationList } } },
    (req) => obligations.list(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/reports/obligations',
    {
      schema: {
        tags,
        summary: 'Create an obligation; its instances of the current year are generated',
        body: CreateObligationBody,
        response: { 201: ObligationView },
      },
    },
    async (req, reply) => reply.status(201).send(await obligations.create(requireActor(req.actor), req.body)),
  );
  app.post(
    '/api/reports/obligations/install-shipped',
    {
      schema: {
        tags,
        summary: 'Install the shipped obligations (PAR Q1, 6-month, Q3, annual; monthly one-stop statistics) for an agency; idempotent',
        body: AgencyBody,
        response: { 200: ObligationList },
      },
    },
    (req) => obligations.installShipped(requireActor(req.actor), req.body.agencyId, req.body.responsibleUnitId),
  );
  app.get('/api/reports/obligations/:id', { schema: { tags, summary: 'An obligation', params: IdParams, response: { 200: ObligationView } } }, (req) =>
    obligations.get(requireActor(req.actor), req.params.id),
  );
  app.patch(
    '/api/reports/obligations/:id',
    {
      schema: {
        tags,
        summary: 'Change an obligation (optimistic version); unsubmitted instances follow',
        params: IdParams,
        body: UpdateObligationBody,
        response: { 200: ObligationView },
      },
    },
    (req) => obligations.update(requireActor(req.actor), req.params.id, req.body),
  );
  app.delete(
    '/api/reports/obligations/:id',
    { schema: { tags, summary: 'Delete an obligation never reported on', params: IdParams, querystring: VersionQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await obligations.remove(requireActor(req.actor), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
  app.post(
    '/api/reports/instances/generate',
    {
      schema: {
        tags,
        summary: 'Generate the instances of a year for the obligations the actor manages (idempotent)',
        querystring: GenerateQuery,
        response: { 200: GenerateResult },
      },
    },
    (req) => obligations.generate(requireActor(req.actor), req.query.year),
  );
  app.get(
    '/api/reports/instances',
    {
      schema: {
        tags,
        summary: 'Report instances in scope: filters, search ignoring diacritics, paginated',
        querystring: InstanceListQuery,
        response: { 200: InstanceList },
      },
    },
    (req) => instances.list(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/reports/instances/export',
    {
      schema: {
        tags,
        summary: 'Download the filtered instances as .xlsx',
        querystring: InstanceExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      },
    },
    async (req, reply) => {
      const f = await exportInstances(instances, requireActor(req.actor), req.query, clock.today());
      return sendDownload(reply, f);
    },
  );
  app.get(
    '/api/reports/overview',
    {
      schema: {
        tags,
        summary: 'Reports due and late, in total and per responsible unit (the list filters status=due / status=late)',
        response: { 200: OverviewView },
      },
    },
    (req) => instances.overviewCounts(requireActor(req.actor)),
  );
  app.get(
    '/api/reports/instances/:id',
    { schema: { tags, summary: 'A report instance with its submission history', params: IdParams, response: { 200: InstanceView } } },
    (req) => instances.get(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/reports/instances/:id/submissions',
    {
      schema: {
        tags,
        summary: 'Submit (or resubmit) the report: files, sent number and date, checklist; late needs a reason',
        params: IdParams,
        body: SubmitBody,
        response: { 200: InstanceView },
      },
    },
    (req) => instances.submit(requireActor(req.actor), req.params.id, req.body),
  );
  app.get(
    '/api/reports/instances/:id/draft',
    { schema: { tags, summary: 'A Word draft of a PAR report from the period’s data', params: IdParams, produces: [DOCX] } },
    async (req, reply) => {
      const f = await drafts.draft(requireActor(req.actor), req.params.id);
      return sendDownload(reply, { ...f, contentType: DOCX });
    },
  );
};
