import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../platform/auth/actor';
import { BEFORE_PASSWORD_CHANGE, SESSION_COOKIE, sessionCookieOptions } from '../../platform/http/auth-hook';
import type { Throttle } from '../../platform/throttle/throttle';
import type { AuthService } from './auth.service';
import { ChangePasswordBody, CreatedToken, CreateTokenBody, IdParams, LoginBody, MeView, TokenList } from './auth.schemas';

export const authRoutes: FastifyPluginAsyncZod<{
  service: AuthService;
  throttle: Throttle;
  loginPerMinute: number;
  cookieSecure: boolean;
  ttlHours: number;
}> = async (app, { service, throttle, loginPerMinute, cookieSecure, ttlHours }) => {
  const tags = ['auth'];
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags,
        summary: 'Log in; sets the httpOnly session cookie. Failures are throttled per username and address (429 auth.throttled)',
        body: LoginBody,
        response: { 200: MeView },
      },
      // Counted in the database, so every instance shares the limit and a restart does not reset it.
      preHandler: throttle.perAddress('login', loginPerMinute),
    },
    async (req, reply) => {
      const { token } = await service.login(req.body.username, req.body.password, req.ip, req.id);
      reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(cookieSecure, ttlHours));
      const actor = await service.actorFromSession(token, req.id);
      return service.me(requireActor(actor));
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, summary: 'Log out (ends this session)', response: { 204: z.null() } }, config: BEFORE_PASSWORD_CHANGE },
    async (req, reply) => {
      const raw = req.cookies[SESSION_COOKIE];
      const token = raw ? req.unsignCookie(raw) : null;
      await service.logout(req.actor, token?.valid ? (token.value ?? undefined) : undefined);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  // The most frequent call of the web app. `service.me` builds the view field by field (a typed
  // presenter), so the body is stringified as is instead of being re-parsed by the Zod schema,
  // which stays the documented contract.
  app.get(
    '/api/me',
    {
      schema: { tags, summary: 'The logged-in user, grants and permissions (allowed before a required password change)', response: { 200: MeView } },
      config: BEFORE_PASSWORD_CHANGE,
      serializerCompiler: () => (data) => JSON.stringify(data),
    },
    (req) => service.me(requireActor(req.actor)),
  );

  app.post(
    '/api/auth/password',
    {
      schema: { tags, summary: 'Change own password (other sessions end)', body: ChangePasswordBody, response: { 204: z.null() } },
      config: BEFORE_PASSWORD_CHANGE,
    },
    async (req, reply) => {
      const raw = req.cookies[SESSION_COOKIE];
      const token = raw ? req.unsignCookie(raw) : null;
      await service.changePassword(
        requireActor(req.actor),
        req.body.currentPassword,
        req.body.newPassword,
        token?.valid ? (token.value ?? undefined) : undefined,
      );
      return reply.status(204).send(null);
    },
  );

  app.get('/api/auth/tokens', { schema: { tags, summary: 'My API tokens', response: { 200: TokenList } } }, async (req) => ({
    items: await service.listTokens(requireActor(req.actor)),
  }));

  app.post(
    '/api/auth/tokens',
    { schema: { tags, summary: 'Create an API token (shown once; scoped like its user)', body: CreateTokenBody, response: { 201: CreatedToken } } },
    async (req, reply) => reply.status(201).send(await service.createToken(requireActor(req.actor), req.body)),
  );

  app.delete(
    '/api/auth/tokens/:id',
    { schema: { tags, summary: 'Revoke an API token', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.revokeToken(requireActor(req.actor), req.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/users/:id/unlock',
    {
      schema: {
        tags: ['users'],
        summary: "Forget the login failures on a user's username from every address (needs user.manage where the user works)",
        params: IdParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      await service.unlock(requireActor(req.actor), req.params.id);
      return reply.status(204).send(null);
    },
  );
};
