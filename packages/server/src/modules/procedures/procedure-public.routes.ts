import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { PublicProcedureService } from './procedure-public.service';
import { ProcedureIdParams, PublicListQuery, PublicProcedureList, PublicProcedureView, SectorList } from './procedure.schemas';

/** No login: the published catalogue, as citizens see it on the portal. */
export const publicProcedureRoutes: FastifyPluginAsyncZod<{ service: PublicProcedureService; perMinute: number }> = async (app, { service, perMinute }) => {
  const tags = ['public'];
  const config = { rateLimit: { max: perMinute, timeWindow: '1 minute' } };
  const security: [] = [];
  app.get(
    '/api/public/procedures',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'Active procedures of every agency as in force today; search ignores diacritics',
        querystring: PublicListQuery,
        response: { 200: PublicProcedureList },
      },
    },
    (req) => service.list(req.query),
  );
  app.get(
    '/api/public/procedures/:id',
    {
      config,
      schema: {
        tags,
        security,
        summary: 'A procedure as in force today (public fields only)',
        params: ProcedureIdParams,
        response: { 200: PublicProcedureView },
      },
    },
    (req) => service.get(req.params.id),
  );
  app.get(
    '/api/public/sectors',
    { config, schema: { tags, security, summary: 'Sectors of the active procedures, with counts', response: { 200: SectorList } } },
    () => service.sectors(),
  );
};
