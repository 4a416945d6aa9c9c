import { DomainInputError, RuleViolation } from '@cchc/domain';
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { AppError, type FieldError } from '../errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: Record<string, unknown>;
  errors?: FieldError[];
}

function problem(status: number, code: string, extra: Partial<Problem> = {}): Problem {
  return { type: `urn:cchc:problem:${code}`, title: TITLES[status] ?? 'Error', status, code, ...extra };
}

/** Maps every error, once, to RFC 9457 problem+json. Unknown errors never leak their message. */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    let body: Problem;
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors = err.validation.map((v) => {
        const path = v.instancePath.replace(/^\//, '').replaceAll('/', '.');
        // Custom refinements carry an i18n key as their message; built-in checks use Zod's issue code.
        return { path: path ? `${where}.${path}` : where, code: v.keyword === 'custom' ? (v.message ?? 'custom') : v.keyword };
      });
      body = problem(400, 'validation.failed', { errors });
    } else if (err instanceof AppError) {
      if (err.status === 503) req.log.error({ code: err.code, detail: err.detail }, `set ${String(err.detail?.setting ?? 'the missing setting')} and restart`);
      body = problem(err.status, err.code, {
        ...(err.fields.length ? { errors: err.fields } : {}),
        ...(err.detail ? { detail: err.detail } : {}),
      });
    } else if ((err as unknown) instanceof DomainInputError || (err as unknown) instanceof RuleViolation) {
      const e = err as unknown as DomainInputError | RuleViolation;
      body = problem(e instanceof RuleViolation ? 422 : 400, e.code, e.detail ? { detail: e.detail } : {});
    } else if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response does not match its schema');
      body = problem(500, 'internal');
    } else if (err.statusCode === 429) {
      body = problem(429, 'auth.rate_limited');
    } else if (err.statusCode === 413 || err.code === 'FST_REQ_FILE_TOO_LARGE' || err.code === 'FST_FILES_LIMIT') {
      body = problem(413, 'file.too_large');
    } else if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
      body = problem(415, 'request.unsupported_media_type');
    } else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      body = problem(err.statusCode, 'request.invalid');
    } else {
      req.log.error({ err }, 'unhandled error');
      body = problem(500, 'internal');
    }
    // Throttles say when to come back; the header is the standard place for it (RFC 9110 §10.2.3).
    const retry = body.status === 429 ? body.detail?.retryAfterSeconds : undefined;
    if (typeof retry === 'number') void reply.header('retry-after', String(retry));
    void reply.status(body.status).type('application/problem+json').send(body);
  });
}

/**
 * Unknown URLs answer 404 problem+json; with `spa`, a browser GET outside /api and /docs gets the staff
 * app's index.html instead, so client-side routes survive a reload.
 */
export function registerNotFound(app: FastifyInstance, spa: boolean): void {
  app.setNotFoundHandler((req, reply) => {
    if (spa && req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/docs')) return reply.sendFile('index.html');
    return reply.status(404).type('application/problem+json').send(problem(404, 'not_found'));
  });
}
