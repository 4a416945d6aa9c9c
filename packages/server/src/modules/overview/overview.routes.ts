import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor } from '../../platform/auth/actor';
import { OverviewView } from './overview.schemas';
import type { OverviewService } from './overview.service';

export const overviewRoutes: FastifyPluginAsyncZod<{ service: OverviewService }> = async (app, { service }) => {
  app.get(
    '/api/overview',
    {
      schema: {
        tags: ['overview'],
        summary:
          "The leader's overview: dossiers, tasks and reports to watch, per unit, and the PAR projection; each section by the role that reads it (docs/overview.md)",
        response: { 200: OverviewView },
      },
    },
    (req) => service.overview(requireActor(req.actor)),
  );
};
