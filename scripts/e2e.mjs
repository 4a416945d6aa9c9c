// Browser journeys: build the web app, then run the Playwright journeys (e2e/*.e2e.ts) under Vitest
// against Debian's Chromium. Skipped, saying so, only when no Chromium is installed.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const chromium = process.env.CHROMIUM_PATH || ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
if (!chromium) {
  console.log('\n*** Browser journeys SKIPPED: no Chromium found (install Debian\'s "chromium" package or set CHROMIUM_PATH). ***\n');
  process.exit(0);
}
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } }).status ?? 1;
let code = run(['node_modules/vite/bin/vite.js', 'build', '--config', 'packages/web/vite.config.ts', '--logLevel', 'warn']);
if (code === 0) code = run(['node_modules/vite/bin/vite.js', 'build', '--config', 'packages/web/vite.public.config.ts', '--logLevel', 'warn']);
if (code === 0) code = run(['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e']);
process.exit(code);
