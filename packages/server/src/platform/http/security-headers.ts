import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"], // Ant Design injects its CSS-in-JS at run time
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  frameAncestors: ["'none'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  upgradeInsecureRequests: null,
};

/**
 * Helmet's headers are the same for every response, so they are computed once here and copied onto
 * each reply. (@fastify/helmet rebuilds the helmet middleware on every request, which cost more than
 * an authenticated database read.)
 */
function computeHeaders(): Record<string, string> {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (k: string, v: string | number) => void (headers[k.toLowerCase()] = String(v)),
    removeHeader: (k: string) => void delete headers[k.toLowerCase()],
  };
  helmet({ contentSecurityPolicy: { useDefaults: false, directives: CSP }, crossOriginEmbedderPolicy: false, strictTransportSecurity: false })(
    {} as never,
    res as never,
    () => undefined,
  );
  return headers;
}

const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Helmet's headers on every response. HSTS only where the site is served over HTTPS: COOKIE_SECURE=true
 * says so, or a trusted proxy reports https (req.protocol believes X-Forwarded-Proto only from TRUST_PROXY);
 * sent over plain HTTP it would lock browsers out of a site that has no certificate.
 * API responses are not to be cached: a shared or back-button cache must never replay one user's data
 * to another, so a request carrying credentials always gets `no-store` (downloads and exports included).
 */
export function registerSecurityHeaders(app: FastifyInstance, opts: { hsts: boolean }): void {
  const headers = computeHeaders();
  app.addHook('onRequest', (req, reply, done) => {
    reply.headers(headers);
    if (opts.hsts || req.protocol === 'https') reply.header('strict-transport-security', HSTS);
    done();
  });
  app.addHook('onSend', (req, reply, payload, done) => {
    if (req.url.startsWith('/api/') && (req.headers.cookie || req.headers.authorization || !reply.hasHeader('cache-control')))
      reply.header('cache-control', 'no-store');
    done(null, payload);
  });
}
