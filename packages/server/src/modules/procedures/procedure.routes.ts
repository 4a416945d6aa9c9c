import { sendDownload } from '../../platform/http/download';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { ValidationError } from '../../platform/errors';
import type { ProcedureTransferService } from './procedure-transfer.service';
import type { ProcedureService } from './procedure.service';
import {
  CreateProcedureBody,
  DeleteProcedureQuery,
  ExportQuery,
  ImportQuery,
  ImportResult,
  ProcedureIdParams,
  ProcedureList,
  ProcedureListQuery,
  ProcedureView,
  SetStatusBody,
  UpdateProcedureBody,
} from './procedure.schemas';

export const procedureRoutes: FastifyPluginAsyncZod<{ service: ProcedureService; transfer: ProcedureTransferService }> = async (app, { service, transfer }) => {
  const tags = ['procedures'];
  app.get(
    '/api/procedures',
    {
      schema: {
        tags,
        summary: 'Procedures in scope (latest version), searchable ignoring diacritics, paginated',
        querystring: ProcedureListQuery,
        response: { 200: ProcedureList },
      },
    },
    (req) => service.list(requireActor(req.actor), req.query),
  );
  app.get(
    '/api/procedures/export',
    {
      schema: {
        tags,
        summary: 'Download the procedures in scope as .xlsx or CSV (one row each, Vietnamese headers)',
        querystring: ExportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => {
      const f = await transfer.export(requireActor(req.actor), req.query);
      return sendDownload(reply, f);
    },
  );
  app.post(
    '/api/procedures/import',
    {
      schema: {
        tags,
        summary: 'Import procedures of a unit from .xlsx or CSV (multipart field "file"); all rows are checked before any is written',
        querystring: ImportQuery,
        consumes: ['multipart/form-data'],
        response: { 200: ImportResult },
      },
    },
    async (req) => {
      const actor = requireActor(req.actor);
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      const data = await part.toBuffer();
      const format = req.query.format ?? (/\.csv$/i.test(part.filename) ? 'csv' : 'xlsx');
      return transfer.import(actor, req.query.unitId, format, data);
    },
  );
  app.get(
    '/api/procedures/:id',
    {
      schema: {
        tags,
        summary: 'A procedure: latest content, versions, the version in force today',
        params: ProcedureIdParams,
        response: { 200: ProcedureView },
      },
    },
    (req) => service.get(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/procedures',
    { schema: { tags, summary: 'Create a procedure with its first version', body: CreateProcedureBody, response: { 201: ProcedureView } } },
    async (req, reply) => reply.status(201).send(await service.create(requireActor(req.actor), req.body)),
  );
  app.patch(
    '/api/procedures/:id',
    {
      schema: {
        tags,
        summary: 'Publish a new version (fields sent replace the latest; optimistic version)',
        params: ProcedureIdParams,
        body: UpdateProcedureBody,
        response: { 200: ProcedureView },
      },
    },
    (req) => service.update(requireActor(req.actor), req.params.id, req.body),
  );
  app.post(
    '/api/procedures/:id/status',
    {
      schema: {
        tags,
        summary: 'Activate or withdraw a procedure (optimistic version)',
        params: ProcedureIdParams,
        body: SetStatusBody,
        response: { 200: ProcedureView },
      },
    },
    (req) => service.setStatus(requireActor(req.actor), req.params.id, req.body),
  );
  app.delete(
    '/api/procedures/:id',
    {
      schema: {
        tags,
        summary: 'Delete an inactive procedure that nothing references',
        params: ProcedureIdParams,
        querystring: DeleteProcedureQuery,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.remove(requireActor(req.actor), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
};
