import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { SESSION_COOKIE, sessionCookieOptions } from '../../platform/http/auth-hook';
import { MeView } from '../auth/auth.schemas';
import type { AuthService } from '../auth/auth.service';
import type { SetupService } from './setup.service';
import { SetupBody, SetupProgress } from './setup.service';

export const setupRoutes: FastifyPluginAsyncZod<{ service: SetupService; auth: AuthService; cookieSecure: boolean; ttlHours: number }> = async (
  app,
  { service, auth, cookieSecure, ttlHours },
) => {
  const tags = ['setup'];
  app.get(
    '/api/setup',
    { schema: { tags, summary: 'Whether first-run setup is still needed', response: { 200: z.object({ needsSetup: z.boolean() }) } } },
    async () => ({
      needsSetup: await service.needsSetup(),
    }),
  );
  app.get(
    '/api/setup/progress',
    {
      schema: {
        tags,
        summary: 'First steps of a new installation and what is done, for administrators (units they manage)',
        response: { 200: SetupProgress },
      },
    },
    async (req) => service.progress(requireActor(req.actor)),
  );
  app.post(
    '/api/setup',
    {
      schema: {
        tags,
        summary: 'First run: create the first agency and its administrator (only while no user exists)',
        body: SetupBody,
        response: { 201: MeView },
      },
    },
    async (req, reply) => {
      const token = await service.setup(req.body, req.id);
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(cookieSecure, ttlHours));
      const actor = await auth.actorFromSession(token, req.id);
      return reply.status(201).send(await auth.me(requireActor(actor)));
    },
  );
};
