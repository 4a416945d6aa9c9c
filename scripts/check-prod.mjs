// `npm run check:prod` (run by .ci/run): the production build runs without the development toolchain.
// Builds, copies only what a deployment gets (build output, package manifests, lockfile) into a temporary
// directory, installs the runtime dependencies there with `npm ci --omit=dev --offline` (the npm cache is
// warm after the main `npm ci`), starts `npm run start:prod` and waits for /api/health and the two web apps.
// `--no-build` reuses the current build output.
// Install scripts are skipped and the native modules' compiled `build/` folders are taken from the main
// install instead: the same module compiled a second time (better-sqlite3 has no prebuilt binary here, so
// node-gyp runs, minutes on a busy machine) would prove nothing about this project's build.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const fail = (msg) => {
  console.error(`check-prod: ${msg}`);
  process.exitCode = 1;
};

if (!process.argv.includes('--no-build')) {
  const b = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit', cwd: root });
  if (b.status !== 0) process.exit(b.status ?? 1);
}

const dir = mkdtempSync(join(tmpdir(), 'cchc-prod-'));
const copy = (rel) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  cpSync(join(root, rel), join(dir, rel), { recursive: true });
};
for (const rel of [
  'package.json',
  'package-lock.json',
  'packages/domain/package.json',
  'packages/server/package.json',
  'packages/web/package.json',
  'packages/server/dist',
  'packages/web/dist',
  'packages/web/dist-public',
])
  copy(rel);

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });

async function waitFor(url, accept, deadline) {
  let last = '';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      const body = await res.text();
      if (accept(res, body)) return true;
      last = `${res.status} ${body.slice(0, 120)}`;
    } catch (e) {
      last = String(e.cause?.code ?? e.message);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${url} did not answer as expected (last: ${last})`);
  return false;
}

let server = null;
try {
  console.log(`Installing the runtime dependencies in ${dir} (npm ci --omit=dev --offline)…`);
  const npm = spawnSync('npm', ['ci', '--omit=dev', '--offline', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], {
    stdio: 'inherit',
    cwd: dir,
  });
  if (npm.status !== 0) throw new Error('npm ci --omit=dev --offline failed');
  for (const dev of ['tsx', 'vite', 'esbuild', 'vitest']) if (existsSync(join(dir, 'node_modules', dev))) fail(`${dev} was installed with --omit=dev`);
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
  for (const [path, meta] of Object.entries(lock.packages)) {
    if (!meta.hasInstallScript || meta.dev || !existsSync(join(root, path, 'build'))) continue;
    cpSync(join(root, path, 'build'), join(dir, path, 'build'), { recursive: true });
  }

  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: join(dir, 'data'),
    PUBLIC_BASE_URL: base,
    API_DOCS: 'false',
    LOG_LEVEL: 'warn',
  };
  console.log(`Starting npm run start:prod on ${base}…`);
  server = spawn('npm', ['run', '--silent', 'start:prod'], { cwd: dir, env, stdio: ['ignore', 'inherit', 'inherit'], detached: true });
  const exited = new Promise((resolve) => server.on('exit', (code, signal) => resolve({ code, signal })));
  server.on('exit', (code) => code && fail(`the server exited with ${code}`));

  const deadline = Date.now() + 60_000;
  const ok =
    (await waitFor(`${base}/api/health`, (r, b) => r.status === 200 && JSON.parse(b).status === 'ok', deadline)) &&
    (await waitFor(`${base}/`, (r, b) => r.status === 200 && b.includes('<div id="root"'), deadline)) &&
    (await waitFor(`${base}/tra-cuu`, (r, b) => r.status === 200 && b.includes('/cong-dan/'), deadline)) &&
    (await waitFor(`${base}/docs/json`, (r) => r.status === 404, deadline));
  process.kill(-server.pid, 'SIGTERM');
  const end = await Promise.race([exited, new Promise((r) => setTimeout(() => r(null), 10_000))]);
  if (!end) fail('the server did not stop within 10 s of SIGTERM');
  server = null;
  if (ok && !process.exitCode) console.log('check-prod: the production build serves the API, the staff app and the citizen site without dev dependencies.');
} catch (e) {
  fail(e.message);
} finally {
  if (server) process.kill(-server.pid, 'SIGKILL');
  rmSync(dir, { recursive: true, force: true });
}
