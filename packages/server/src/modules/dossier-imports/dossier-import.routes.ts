import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/actor';
import { ValidationError } from '../../platform/errors';
import { sendDownload } from '../../platform/http/download';
import { MAX_IMPORT_BYTES, type DossierImportService } from './dossier-import.service';
import {
  ImportIdParams,
  ImportList,
  ImportListQuery,
  ImportReportQuery,
  ImportStarted,
  ImportStartQuery,
  ImportView,
  SyncAnswer,
  SyncBody,
  SyncQuery,
} from './dossier-import.schemas';
import type { DossierSyncService } from './dossier-sync.service';

export const dossierImportRoutes: FastifyPluginAsyncZod<{ imports: DossierImportService; sync: DossierSyncService }> = async (app, { imports, sync }) => {
  const tags = ['dossier-imports'];
  app.post(
    '/api/dossier-imports',
    {
      schema: {
        tags,
        summary:
          'Start importing dossiers from a file (multipart field "file": JSON lines, CSV or XLSX with the national sync field names, or CCHC JSON); 202 with the job id',
        querystring: ImportStartQuery,
        consumes: ['multipart/form-data'],
        response: { 202: ImportStarted },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.actor);
      const part = await req.file({ limits: { fileSize: MAX_IMPORT_BYTES } });
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      const started = await imports.start(
        actor,
        req.query.unitId,
        { filename: part.filename, stream: part.file, truncated: () => part.file.truncated },
        req.query.format,
      );
      return reply.code(202).send(started);
    },
  );
  app.get(
    '/api/dossier-imports',
    { schema: { tags, summary: 'The latest import jobs of the units where the user imports', querystring: ImportListQuery, response: { 200: ImportList } } },
    (req) => imports.list(requireActor(req.actor), req.query.unitId),
  );
  app.get(
    '/api/dossier-imports/:id',
    {
      schema: {
        tags,
        summary: 'An import job: status, rows read, valid and written, errors with row and field',
        params: ImportIdParams,
        response: { 200: ImportView },
      },
    },
    (req) => imports.get(requireActor(req.actor), req.params.id),
  );
  app.post(
    '/api/dossier-imports/:id/cancel',
    {
      schema: {
        tags,
        summary: 'Stop a queued or running import before it writes anything; 409 once finished',
        params: ImportIdParams,
        response: { 200: ImportView },
      },
    },
    (req) => imports.cancel(requireActor(req.actor), req.params.id),
  );
  app.get(
    '/api/dossier-imports/:id/errors',
    {
      schema: {
        tags,
        summary: 'The errors of an import as .xlsx or CSV (row, column, code)',
        params: ImportIdParams,
        querystring: ImportReportQuery,
        produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/csv'],
      },
    },
    async (req, reply) => sendDownload(reply, await imports.errorReport(requireActor(req.actor), req.params.id, req.query.format)),
  );
  app.post(
    '/api/dossier-sync',
    {
      schema: {
        tags,
        summary:
          'Live sync from a one-stop system (API token): one record or { records } (≤ 1,000) with the national sync fields; idempotent by MaHoSo; answered per record',
        querystring: SyncQuery,
        body: SyncBody,
        response: { 200: SyncAnswer },
      },
      bodyLimit: 16 * 1024 * 1024,
    },
    (req) => {
      const body = req.body as { records?: unknown[] } & Record<string, unknown>;
      const records = Array.isArray(body.records) ? body.records : [body];
      return sync.sync(requireActor(req.actor), req.query.unitId, records);
    },
  );
};
