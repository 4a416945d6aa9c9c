import { buildApp } from '../../app';
import { fixedClock } from '../../platform/clock';
import { loadConfig } from '../../platform/config';

// A separate process for the kill -9 test of dossier-import.test.ts: it opens the test's database, runs
// one scheduler tick (which claims and runs the queued import) and is killed by the test mid-import.
// argv: dataDir, databaseUrl ('' for SQLite), the test clock's instant.

const [dataDir, databaseUrl, at] = process.argv.slice(2) as [string, string, string];
const config = loadConfig({ SESSION_SECRET: 'crash-child-secret-crash-child-secret' }, { dataDir, databaseUrl: databaseUrl || null, webDist: null });
const app = await buildApp(config, { clock: fixedClock(at), logger: false });
await app.runScheduler();
await app.close();
