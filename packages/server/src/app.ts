import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { authRoutes } from './modules/auth/auth.routes';
import { AuthRepository } from './modules/auth/auth.repository';
import { AuthService } from './modules/auth/auth.service';
import { setupRoutes } from './modules/setup/setup.routes';
import { SetupService } from './modules/setup/setup.service';
import { UnitRepository } from './modules/units/unit.repository';
import { unitRoutes } from './modules/units/unit.routes';
import { UnitService } from './modules/units/unit.service';
import { UserRepository } from './modules/users/user.repository';
import { userRoutes } from './modules/users/user.routes';
import { UserService } from './modules/users/user.service';
import { AuditReadService } from './platform/audit/audit-read.service';
import { AuditRepository } from './platform/audit/audit.repository';
import { auditRoutes } from './platform/audit/audit.routes';
import { AuditService } from './platform/audit/audit.service';
import { DEFAULT_HASHING, type HashingParams } from './platform/auth/password';
import { systemClock, type Clock } from './platform/clock';
import type { Config } from './platform/config';
import { openDatabase, type DbHandle } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrations';
import { FileStore } from './platform/files/file-store';
import { filesRoutes } from './platform/files/files.routes';
import { FilesService, unitFileOwner } from './platform/files/files.service';
import { registerAuthHook } from './platform/http/auth-hook';
import { registerErrorHandler, registerNotFound } from './platform/http/error-handler';
import { registerOpenApi } from './platform/http/openapi';

export interface BuildOptions {
  clock?: Clock;
  hashing?: HashingParams;
  /** false silences request logs (tests); a pino options object otherwise. */
  logger?: boolean | object;
  /** Use an already opened database (tests, CLI). */
  handle?: DbHandle;
}

export interface App {
  app: FastifyInstance;
  /** Every route registered, for the authorization matrix test. */
  routes: Array<{ method: string; url: string }>;
  handle: DbHandle;
  close(): Promise<void>;
}

/** Wires database, services and routes. Never listens: main.ts does (fastify docs, "Testing"). */
export async function buildApp(config: Config, opts: BuildOptions = {}): Promise<App> {
  const handle = opts.handle ?? openDatabase(config);
  await migrateToLatest(handle.db);
  const { db, engine } = handle;
  const clock = opts.clock ?? systemClock;
  const hashing = opts.hashing ?? DEFAULT_HASHING;

  const app = Fastify({
    logger: opts.logger ?? { level: config.logLevel, redact: ['req.headers.authorization', 'req.headers.cookie'] },
    genReqId: () => randomUUID(),
    trustProxy: true,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  const routes: App['routes'] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) if (method !== 'HEAD') routes.push({ method, url: r.url });
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerErrorHandler(app);

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
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
      },
    },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(rateLimit, { global: false });
  await app.register(multipart, { limits: { fileSize: config.maxUploadBytes, files: 1, fields: 10 } });

  const auditRepo = new AuditRepository(db, engine);
  const audit = new AuditService(auditRepo, clock);
  const authService = new AuthService(db, new AuthRepository(db), audit, clock, {
    sessionTtlHours: config.sessionTtlHours,
    lockAfterFailures: config.login.lockAfterFailures,
    lockMinutes: config.login.lockMinutes,
    hashing,
  });
  registerAuthHook(app, authService);
  await registerOpenApi(app);

  const cookieOpts = { cookieSecure: config.cookieSecure, ttlHours: config.sessionTtlHours };
  app.get('/api/health', { schema: { tags: ['platform'], summary: 'Liveness and database engine', response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['sqlite', 'postgres']) }) } } }, async () => {
    await db.selectFrom('auditHead').select('id').executeTakeFirst();
    return { status: 'ok' as const, db: engine };
  });
  await app.register(setupRoutes, { service: new SetupService(db, audit, authService, clock, hashing), auth: authService, ...cookieOpts });
  await app.register(authRoutes, { service: authService, loginPerMinute: config.login.maxPerMinute, ...cookieOpts });
  await app.register(unitRoutes, { service: new UnitService(db, new UnitRepository(db), audit, clock) });
  await app.register(userRoutes, { service: new UserService(db, new UserRepository(db), audit, clock, hashing) });
  await app.register(auditRoutes, { service: new AuditReadService(auditRepo) });
  await app.register(filesRoutes, { service: new FilesService(db, new FileStore(config.dataDir), audit, clock, [unitFileOwner]) });

  const spa = !!config.webDist && existsSync(join(config.webDist, 'index.html'));
  if (spa) await app.register(fastifyStatic, { root: config.webDist!, wildcard: false, index: false });
  registerNotFound(app, spa);

  await app.ready();
  return {
    app,
    routes,
    handle,
    close: async () => {
      await app.close();
      await handle.close();
    },
  };
}
