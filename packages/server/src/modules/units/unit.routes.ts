import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import type { UnitService } from './unit.service';
import { CreateUnitBody, DeleteUnitQuery, UnitIdParams, UnitList, UnitView, UpdateUnitBody } from './unit.schemas';

export const unitRoutes: FastifyPluginAsyncZod<{ service: UnitService }> = async (app, { service }) => {
  const tags = ['units'];
  app.get(
    '/api/units',
    { schema: { tags, summary: 'Agencies and units the user can see (flat; build the tree from parentId)', response: { 200: UnitList } } },
    async (req) => ({
      items: await service.list(requireActor(req.actor)),
    }),
  );
  app.post('/api/units', { schema: { tags, summary: 'Create a unit under a parent', body: CreateUnitBody, response: { 201: UnitView } } }, async (req, reply) =>
    reply.status(201).send(await service.create(requireActor(req.actor), req.body)),
  );
  app.patch(
    '/api/units/:id',
    { schema: { tags, summary: 'Update a unit (optimistic version)', params: UnitIdParams, body: UpdateUnitBody, response: { 200: UnitView } } },
    (req) => service.update(requireActor(req.actor), req.params.id, req.body),
  );
  app.delete(
    '/api/units/:id',
    { schema: { tags, summary: 'Delete an empty unit', params: UnitIdParams, querystring: DeleteUnitQuery, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.remove(requireActor(req.actor), req.params.id, req.query.version);
      return reply.status(204).send(null);
    },
  );
};
