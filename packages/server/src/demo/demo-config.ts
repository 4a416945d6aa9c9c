import { join } from 'node:path';
import { loadConfig, type Config } from '../platform/config';

/**
 * The demo's settings (`npm run demo`, `npm run cli -- --demo …`): the server's, on PostgreSQL when
 * DATABASE_URL is set, else on its own SQLite file `demo.sqlite` under DATA_DIR (never `cchc.sqlite`).
 */
export function demoConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const config = loadConfig(env);
  if (!config.databaseUrl) config.sqliteFile = join(config.dataDir, 'demo.sqlite');
  return config;
}

/** Where the demo's data lives, for messages: the SQLite file, or the PostgreSQL URL without its password. */
export function databaseLabel(config: Pick<Config, 'databaseUrl' | 'sqliteFile'>): string {
  if (!config.databaseUrl) return config.sqliteFile;
  const url = new URL(config.databaseUrl);
  url.password = '';
  return url.toString();
}
