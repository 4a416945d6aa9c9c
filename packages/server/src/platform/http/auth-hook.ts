import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../modules/auth/auth.service';
import type { ServerActor } from '../auth/actor';
import { ForbiddenError } from '../errors';

export const SESSION_COOKIE = 'cchc_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: ServerActor | null;
  }
}

export function sessionCookieOptions(secure: boolean, ttlHours: number) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure, signed: true, maxAge: ttlHours * 3600 };
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * CSRF defence for cookie-authenticated writes: a browser always sends `Origin` (or
 * `Sec-Fetch-Site`) on a cross-site POST, so a write whose Origin is another site, or which the
 * browser labels cross-site, is refused. Bearer-token requests carry no ambient credential and skip it.
 */
function isCrossSite(req: FastifyRequest): boolean {
  const site = req.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return true;
  const origin = req.headers.origin;
  if (!origin) return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

/** Sets `req.actor` from a bearer token or the session cookie; routes decide whether they need one. */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    req.actor = null;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) {
      req.actor = await auth.actorFromToken(header.slice(7).trim(), req.id);
      return;
    }
    const raw = req.cookies[SESSION_COOKIE];
    if (!raw) return;
    if (UNSAFE.has(req.method) && isCrossSite(req)) throw new ForbiddenError('auth.csrf');
    const cookie = req.unsignCookie(raw);
    if (cookie.valid && cookie.value) req.actor = await auth.actorFromSession(cookie.value, req.id);
  });
}
