// `npm run build`: everything production needs, so `npm ci --omit=dev && npm run start:prod` runs without
// tsx or vite (issue #9, defect 15):
//   packages/web/dist         the staff app        (vite)
//   packages/web/dist-public  the citizen site     (vite)
//   packages/server/dist      main.js, demo-main.js, cli.js: the server as JavaScript (esbuild)
// The server bundle includes the @cchc/domain workspace (TypeScript source); every other package stays an
// import from node_modules (native argon2/better-sqlite3, pg, …) and must be a runtime dependency: the
// build fails when the bundle imports something the server's package.json does not list in dependencies.
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { build } from 'esbuild';

const root = new URL('..', import.meta.url).pathname;
const only = process.argv.slice(2);
const want = (part) => only.length === 0 || only.includes(part);

function vite(config) {
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, config), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageOf = (spec) =>
  spec
    .split('/')
    .slice(0, spec.startsWith('@') ? 2 : 1)
    .join('/');

async function server() {
  const outdir = join(root, 'packages/server/dist');
  rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    entryPoints: ['main', 'demo-main', 'cli'].map((e) => join(root, `packages/server/src/${e}.ts`)),
    outdir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    sourcemap: true,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'node-modules-external',
        setup(b) {
          // Bare imports load from node_modules at run time, except the workspace's own TypeScript packages.
          b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@cchc/') ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });

  const deps = Object.keys(JSON.parse(readFileSync(join(root, 'packages/server/package.json'), 'utf8')).dependencies ?? {});
  const builtins = new Set(builtinModules);
  const missing = new Set();
  for (const out of Object.values(result.metafile.outputs)) {
    for (const imp of out.imports) {
      if (!imp.external || imp.path.startsWith('node:') || builtins.has(imp.path)) continue;
      if (!deps.includes(packageOf(imp.path))) missing.add(packageOf(imp.path));
    }
  }
  if (missing.size) {
    console.error(`The server imports ${[...missing].join(', ')} at run time: add them to "dependencies" in packages/server/package.json.`);
    process.exit(1);
  }
}

if (want('web')) {
  console.log('Building the staff app…');
  vite('packages/web/vite.config.ts');
  console.log('Building the citizen site…');
  vite('packages/web/vite.public.config.ts');
}
if (want('server')) {
  console.log('Building the server…');
  await server();
}
console.log('Build done: start it with `npm run start:prod`.');
