import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthService } from '../../modules/auth/auth.service';
import { pendingPasswordChange, type ServerActor } from '../auth/actor';
import { ForbiddenError } from '../errors';

export const SESSION_COOKIE = 'cchc_session';

declare module 'fastify' {
  interface FastifyRequest {
    actor: ServerActor | null;
  }
  interface FastifyContextConfig {
    /** The route works for a user who must change the password first (GET /api/me, the change itself, logout). */
    allowedBeforePasswordChange?: boolean;
  }
}

/** Route config for the few routes a user who must change the password may call. */
export const BEFORE_PASSWORD_CHANGE = { allowedBeforePasswordChange: true } as const;

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

async function resolveActor(req: FastifyRequest, auth: AuthService): Promise<ServerActor | null> {
  const header = req.headers.authorization;
  if (header?.startsWith('Bearer ')) return auth.actorFromToken(header.slice(7).trim(), req.id);
  const raw = req.cookies[SESSION_COOKIE];
  if (!raw) return null;
  if (UNSAFE.has(req.method) && isCrossSite(req)) throw new ForbiddenError('auth.csrf');
  return auth.actorFromCookie(raw, (value) => req.unsignCookie(value), req.id);
}

/**
 * Sets `req.actor` from a bearer token or the session cookie; routes decide whether they need one.
 * A user who must change the password (created or reset by an administrator) gets an actor without
 * grants on every route not marked `allowedBeforePasswordChange`, so `requireActor` answers 403
 * `auth.password_change_required` there, for a session and for an API token alike. The flag comes
 * from the identity row the request reads anyway, so this costs no query.
 */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('actor', null);
  app.addHook('onRequest', async (req) => {
    const actor = await resolveActor(req, auth);
    req.actor = actor?.profile?.mustChangePassword && !req.routeOptions.config.allowedBeforePasswordChange ? pendingPasswordChange(actor) : actor;
  });
  // Any write may end a session or change a user or a grant: once its handler is done (committed),
  // and before the client can see the answer, the sessions cached in this process are dropped.
  app.addHook('onSend', (req, _reply, payload, done) => {
    if (UNSAFE.has(req.method)) auth.sessionsChanged();
    done(null, payload);
  });
}
