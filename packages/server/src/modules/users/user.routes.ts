import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import type { UserService } from './user.service';
import { CreateUserBody, ResetPasswordBody, UpdateUserBody, UserIdParams, UserList, UserListQuery, UserView } from './user.schemas';

export const userRoutes: FastifyPluginAsyncZod<{ service: UserService }> = async (app, { service }) => {
  const tags = ['users'];
  app.get(
    '/api/users',
    { schema: { tags, summary: 'Users in scope, paginated and searchable (diacritics ignored)', querystring: UserListQuery, response: { 200: UserList } } },
    (req) => service.list(requireActor(req.actor), req.query),
  );
  app.post(
    '/api/users',
    { schema: { tags, summary: 'Create a user with role grants', body: CreateUserBody, response: { 201: UserView } } },
    async (req, reply) => reply.status(201).send(await service.create(requireActor(req.actor), req.body)),
  );
  app.patch(
    '/api/users/:id',
    { schema: { tags, summary: 'Update a user (optimistic version)', params: UserIdParams, body: UpdateUserBody, response: { 200: UserView } } },
    (req) => service.update(requireActor(req.actor), req.params.id, req.body),
  );
  app.post(
    '/api/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Set a new password, unlock, end sessions; must be changed at next login',
        params: UserIdParams,
        body: ResetPasswordBody,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.resetPassword(requireActor(req.actor), req.params.id, req.body.newPassword);
      return reply.status(204).send(null);
    },
  );
};
