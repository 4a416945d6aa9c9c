import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/actor';
import type { DossierService } from './dossier.service';
import {
  AssignBody,
  AssigneeList,
  BulkAssignBody,
  BulkAssigned,
  HandoverCandidates,
  ReceiptPreview,
  ReceiptPreviewQuery,
  CreateDossierBody,
  CreatedDossier,
  DossierActionBody,
  DossierIdParams,
  DossierListQuery,
  DossierPage,
  DossierView,
} from './dossier.schemas';

export const dossierRoutes: FastifyPluginAsyncZod<{ service: DossierService }> = async (app, { service }) => {
  const tags = ['dossiers'];
  app.post(
    '/api/dossiers',
    {
      schema: {
        tags,
        summary: 'Receive a dossier at the desk (counter, post, or an online filing registered by the desk); receivedAt may be past, never future',
        body: CreateDossierBody,
        response: { 201: CreatedDossier },
      },
    },
    async (req, reply) => reply.code(201).send(await service.receive(requireActor(req.actor), req.body)),
  );
  app.get(
    '/api/dossiers/receipt-preview',
    {
      schema: {
        tags,
        summary:
          'The due date and appointment a receipt would get now (or at receivedAt), with warnings for a day off or a receipt after the cut-off; writes nothing',
        querystring: ReceiptPreviewQuery,
        response: { 200: ReceiptPreview },
      },
    },
    (req) => service.receiptPreview(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/dossiers',
    {
      schema: {
        tags,
        summary: 'Dossiers in scope by work queue, filters and search (code or applicant, ignoring diacritics), paginated, with queue counts',
        querystring: DossierListQuery,
        response: { 200: DossierPage },
      },
      // The staff queue page's hot request (issue #9, defect 11): `service.list` builds the answer field by
      // field (a typed presenter), so it is stringified as is instead of being re-parsed by the Zod schema,
      // which stays the documented contract (as for GET /api/me).
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    (req) => service.list(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/dossiers/:id',
    {
      schema: {
        tags,
        summary: 'A dossier: state, due dates, steps, pauses, apologies, control sheet, timeline, allowed actions',
        params: DossierIdParams,
        response: { 200: DossierView },
      },
    },
    (req) => service.get(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/dossiers/:id/actions',
    {
      schema: {
        tags,
        summary: 'Run one lifecycle action; `version` is the one read (409 with the current dossier when it changed since)',
        params: DossierIdParams,
        body: DossierActionBody,
        response: { 200: DossierView },
      },
    },
    (req) => service.act(requireActor(req.actor), req.params.id, req.body),
  );
  app.get(
    '/api/dossiers/:id/assignees',
    {
      schema: {
        tags,
        summary: 'Users the dossier can be assigned to (active holders of a processing role over its units)',
        params: DossierIdParams,
        response: { 200: AssigneeList },
      },
    },
    (req) => service.assignees(requireActor(req.actor), req.params.id),
  );
  app.get(
    '/api/dossiers/:id/handover-candidates',
    {
      schema: {
        tags,
        summary: "Who the current step can be handed to: active holders of the next step's role over its unit (403 unless the actor performs the current step)",
        params: DossierIdParams,
        response: { 200: HandoverCandidates },
      },
    },
    (req) => service.handoverCandidates(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/dossiers/assign',
    {
      schema: {
        tags,
        summary: 'Assign several unassigned dossiers to one person at once (all or nothing: 409 naming the dossiers someone took meanwhile)',
        body: BulkAssignBody,
        response: { 200: BulkAssigned },
      },
    },
    (req) => service.assignMany(requireActor(req.actor), req.body),
  );
  app.post(
    '/api/dossiers/:id/assign',
    {
      schema: {
        tags,
        summary: 'Assign the dossier to a specialist (null unassigns); versioned like actions',
        params: DossierIdParams,
        body: AssignBody,
        response: { 200: DossierView },
      },
    },
    (req) => service.assign(requireActor(req.actor), req.params.id, req.body),
  );
};
