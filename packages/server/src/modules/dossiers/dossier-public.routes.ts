import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { ValidationError } from '../../platform/errors';
import type { Throttle } from '../../platform/throttle/throttle';
import type { PublicDossierService } from './dossier-public.service';
import { sendStoredFile } from './dossier-files.routes';
import {
  PinQuery,
  PublicCompleted,
  PublicCompletionBody,
  PublicCodeParams,
  PublicDossierView,
  PublicSubmitBody,
  PublicSubmitted,
  PublicUploaded,
  RatingBody,
  RatingCreated,
} from './dossier-public.schemas';

/** Requests per minute and client address on each public dossier endpoint. */
export interface PublicDossierLimits {
  lookupPerMinute: number;
  submitPerMinute: number;
  uploadPerMinute: number;
  ratingPerMinute: number;
}
export const DEFAULT_PUBLIC_DOSSIER_LIMITS: PublicDossierLimits = { lookupPerMinute: 30, submitPerMinute: 10, uploadPerMinute: 30, ratingPerMinute: 10 };

/**
 * No login: the citizen's lookup by code and PIN, online filing with uploads, and the rating after
 * return (issue #4). Every route is rate-limited per client address; wrong PINs also lock a code.
 */
export const publicDossierRoutes: FastifyPluginAsyncZod<{ service: PublicDossierService; throttle: Throttle; limits?: Partial<PublicDossierLimits> }> = async (
  app,
  { service, throttle, limits },
) => {
  const l = { ...DEFAULT_PUBLIC_DOSSIER_LIMITS, ...limits };
  // Counted in the database (platform/throttle), so every instance shares them and a restart keeps them.
  const perMinute = (name: string, max: number) => throttle.perAddress(`public-${name}`, max);
  const tags = ['public'];
  const security: [] = [];
  app.get(
    '/api/public/dossiers/:code',
    {
      preHandler: perMinute('lookup', l.lookupPerMinute),
      schema: {
        tags,
        security,
        summary:
          'Status, due date, what is missing and the timeline of a dossier, by its code and the PIN on the receipt; an unknown code and a wrong PIN are the same 404',
        params: PublicCodeParams,
        querystring: PinQuery,
        response: { 200: PublicDossierView },
      },
    },
    (req) => service.lookup(req.params.code, req.query.pin),
  );
  app.get(
    '/api/public/dossiers/:code/result-file',
    {
      preHandler: perMinute('lookup', l.lookupPerMinute),
      schema: {
        tags,
        security,
        summary:
          'Download the electronic result, by the code and PIN like the lookup, only when the result is electronic and the procedure issues electronic results (404 otherwise)',
        params: PublicCodeParams,
        querystring: PinQuery,
      },
    },
    async (req, reply) => sendStoredFile(reply, await service.resultFile(req.params.code, req.query.pin)),
  );
  app.post(
    '/api/public/dossiers',
    {
      preHandler: perMinute('submit', l.submitPerMinute),
      schema: {
        tags,
        security,
        summary:
          'File a dossier online (national status 1, awaiting the desk) for a procedure that accepts online filing; components may reference uploaded files',
        body: PublicSubmitBody,
        response: { 201: PublicSubmitted },
      },
    },
    async (req, reply) => reply.code(201).send(await service.submit(req.body)),
  );
  app.post(
    '/api/public/uploads',
    {
      preHandler: perMinute('upload', l.uploadPerMinute),
      schema: {
        tags,
        security,
        summary:
          'Upload one component file (multipart field "file"; content-checked, size-limited) for an online filing; returns the fileId to send with the components',
        consumes: ['multipart/form-data'],
        response: { 201: PublicUploaded },
      },
    },
    async (req, reply) => {
      const part = await req.file();
      if (!part) throw new ValidationError('file.missing', [{ path: 'body.file', code: 'file.missing' }]);
      const data = await part.toBuffer();
      return reply.code(201).send(await service.upload({ name: part.filename, declaredType: part.mimetype, data }, req.ip));
    },
  );
  app.post(
    '/api/public/dossiers/:code/completion',
    {
      preHandler: perMinute('submit', l.submitPerMinute),
      schema: {
        tags,
        security,
        summary:
          'Complete an online filing the desk sent back before receipt: one uploaded file per requested component (from POST /api/public/uploads), PIN checked like the lookup; the filing goes back to the desk with the same code',
        params: PublicCodeParams,
        querystring: PinQuery,
        body: PublicCompletionBody,
        response: { 200: PublicCompleted },
      },
    },
    (req) => service.complete(req.params.code, req.query.pin, req.body),
  );
  app.post(
    '/api/public/dossiers/:code/rating',
    {
      preHandler: perMinute('rating', l.ratingPerMinute),
      schema: {
        tags,
        security,
        summary: 'Rate the service once after the result was returned (five-level scale per criterion, optional comment); PIN checked like the lookup',
        params: PublicCodeParams,
        querystring: PinQuery,
        body: RatingBody,
        response: { 201: RatingCreated },
      },
    },
    async (req, reply) => reply.code(201).send(await service.rate(req.params.code, req.query.pin, req.body)),
  );
};
