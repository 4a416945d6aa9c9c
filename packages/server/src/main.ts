import { buildApp } from './app';
import { loadConfig, type Config } from './platform/config';

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  // A setting is wrong or missing: one line that names it, not a stack trace.
  console.error(`CCHC cannot start: ${(e as Error).message}`);
  process.exit(1);
}
const { app, startJobs, close } = await buildApp(config);
const stopJobs = startJobs();
// systemd (docs/deployment.md) stops the service with SIGTERM: finish the requests in flight, close the database.
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    stopJobs();
    close().then(
      () => {
        app.log.info(`CCHC stopped on ${signal}: requests in flight finished, jobs stopped, database closed`);
        process.exit(0);
      },
      (e: unknown) => {
        app.log.error({ err: e }, `CCHC stopped on ${signal} with an error while closing`);
        process.exit(1);
      },
    );
  });
}
await app.listen({ port: config.port, host: config.host });
app.log.info(
  `CCHC is serving on http://localhost:${config.port} (database: ${config.databaseUrl ? 'PostgreSQL' : `SQLite ${config.sqliteFile}`}${config.production ? ', production mode' : ''})`,
);
