// Issue #4: the citizen lookup page loads at most 60 KB of JavaScript, gzipped. Reads the built
// `dist-public` (building it when missing) and sums the gzipped size of every script the page loads.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = join(import.meta.dirname, '..');
const TARGET_KB = 60;

function build(config: string, dist: string): void {
  if (existsSync(join(dist, 'index.html'))) return;
  const r = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, config), '--logLevel', 'warn'], {
    stdio: 'inherit',
    cwd: root,
  });
  if (r.status !== 0) throw new Error(`vite build ${config} failed`);
}

/** Gzipped bytes (level 9) of the scripts and modulepreloads of an index.html whose assets live under `base`. */
function initialJs(dist: string, base: string): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const srcs = [...html.matchAll(/<(?:script[^>]*\bsrc|link[^>]*rel="modulepreload"[^>]*\bhref)="([^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const src of new Set(srcs)) {
    const bytes = readFileSync(join(dist, src.startsWith(base) ? src.slice(base.length) : src));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: new Set(srcs).size, raw, gzip };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

export async function runPublicBundleBench(): Promise<void> {
  build('packages/web/vite.public.config.ts', join(root, 'packages/web/dist-public'));
  build('packages/web/vite.config.ts', join(root, 'packages/web/dist'));
  const pub = initialJs(join(root, 'packages/web/dist-public'), '/cong-dan/');
  const staff = initialJs(join(root, 'packages/web/dist'), '/');
  console.log('\n== public bundle (issue #4) ==');
  console.log(
    `lookup page /tra-cuu: ${pub.files} JS file(s), ${kb(pub.raw)} raw, ${kb(pub.gzip)} gzipped; target ≤ ${TARGET_KB} KB → ${pub.gzip <= TARGET_KB * 1024 ? 'PASS' : 'FAIL'}`,
  );
  // The survey answering page /khao-sat/<token> (issue #12) is a route of the same single bundle.
  console.log(
    `survey page /khao-sat/<token>: the same ${pub.files} JS file(s), ${kb(pub.gzip)} gzipped; target ≤ ${TARGET_KB} KB → ${pub.gzip <= TARGET_KB * 1024 ? 'PASS' : 'FAIL'}`,
  );
  console.log(
    `staff app / (comparison): ${staff.files} JS file(s), ${kb(staff.raw)} raw, ${kb(staff.gzip)} gzipped; ratio ${(staff.gzip / pub.gzip).toFixed(1)}×`,
  );
}
