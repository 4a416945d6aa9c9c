// Browser journeys: build the web app, then run the Playwright journeys (e2e/*.e2e.ts) under Vitest
// against Debian's Chromium. Without Chromium, CI (CI=true) fails: a green run must have run the
// journeys. Locally the journeys are skipped, saying so loudly, so `npm test` still runs elsewhere.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const isCi = !['', '0', 'false'].includes((process.env.CI ?? '').trim().toLowerCase());
const candidates = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
const chromium = candidates.find((p) => existsSync(p));
if (!chromium) {
  const looked = `looked for ${candidates.join(', ')}${process.env.CHROMIUM_PATH ? ' (CHROMIUM_PATH)' : ''}`;
  if (isCi) {
    console.error(`\n*** Browser journeys FAILED: no Chromium (${looked}). CI must run them: install Debian's "chromium" package or set CHROMIUM_PATH. ***\n`);
    process.exit(1);
  }
  console.error(
    [
      '',
      '************************************************************************************',
      '*** Browser journeys SKIPPED: no Chromium found.',
      `*** (${looked})`,
      '*** Install Debian\'s "chromium" package or set CHROMIUM_PATH to run them. In CI this is a failure.',
      '************************************************************************************',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const run = (args) => spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CHROMIUM_PATH: chromium } }).status ?? 1;
let code = run(['node_modules/vite/bin/vite.js', 'build', '--config', 'packages/web/vite.config.ts', '--logLevel', 'warn']);
if (code === 0) code = run(['node_modules/vite/bin/vite.js', 'build', '--config', 'packages/web/vite.public.config.ts', '--logLevel', 'warn']);
// File arguments (`node scripts/e2e.mjs e2e/plans.e2e.ts`) run those journeys only.
if (code === 0) code = run(['node_modules/vitest/vitest.mjs', 'run', '--project', 'e2e', ...process.argv.slice(2)]);
process.exit(code);
