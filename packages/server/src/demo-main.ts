import { buildApp } from './app';
import { DEMO_USERS } from './demo/demo-platform';
import { seedDemo } from './demo/demo';
import { databaseLabel, demoConfig } from './demo/demo-config';
import { openDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrations';

// `npm run demo`: like `npm start`, filled with demo data the first time: on PostgreSQL when
// DATABASE_URL is set, else on its own SQLite file (DATA_DIR/demo.sqlite).
const config = demoConfig();
const handle = openDatabase(config);
await migrateToLatest(handle.db);
const seeded = await seedDemo(handle, { password: process.env.CCHC_DEMO_PASSWORD || undefined });
const { app, startJobs } = await buildApp(config, { handle });
startJobs();
await app.listen({ port: config.port, host: config.host });
if (seeded) {
  const who = DEMO_USERS.map((u) => u.username).join(', ');
  console.log(
    `\nDemo data created in ${databaseLabel(config)}\nUsers: ${who}\nPassword: ${seeded.generated ? seeded.password + '  (generated; shown only this once)' : '(CCHC_DEMO_PASSWORD)'}\n`,
  );
}
console.log(`CCHC demo is serving on http://localhost:${config.port} (database: ${databaseLabel(config)})`);
