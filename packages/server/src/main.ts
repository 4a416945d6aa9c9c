import { buildApp } from './app';
import { loadConfig } from './platform/config';

const config = loadConfig();
const { app, startJobs } = await buildApp(config);
startJobs();
await app.listen({ port: config.port, host: config.host });
app.log.info(`CCHC is serving on http://localhost:${config.port} (database: ${config.databaseUrl ? 'PostgreSQL' : `SQLite ${config.sqliteFile}`})`);
