// `npm start` / `npm run demo`: build the web app when its sources changed, then serve it with the API.
import { spawnSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const demo = process.argv.includes('--demo');
const dist = join(root, 'packages/web/dist/index.html');

function newest(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

const sources = Math.max(
  newest(join(root, 'packages/web/src')),
  newest(join(root, 'packages/domain/src')),
  statSync(join(root, 'packages/web/index.html')).mtimeMs,
);
if (!existsSync(dist) || statSync(dist).mtimeMs < sources) {
  console.log('Building the web app…');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'packages/web/vite.config.ts'), '--logLevel', 'warn'],
    { stdio: 'inherit', cwd: root },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

// The citizen site (Preact, /tra-cuu and /thu-tuc): its own small build.
const publicDist = join(root, 'packages/web/dist-public/index.html');
if (!existsSync(publicDist) || statSync(publicDist).mtimeMs < newest(join(root, 'packages/web/public-site'))) {
  console.log('Building the citizen site…');
  const r = spawnSync(
    process.execPath,
    [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'packages/web/vite.public.config.ts'), '--logLevel', 'warn'],
    { stdio: 'inherit', cwd: root },
  );
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const entry = join(root, 'packages/server/src', demo ? 'demo-main.ts' : 'main.ts');
const child = spawn(process.execPath, ['--import', 'tsx', entry], { stdio: 'inherit', cwd: root });
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
