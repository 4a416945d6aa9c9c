// The files whose references to documentation are checked (check-doc-refs.mjs) and rewritten
// (rewrite-doc-refs.mjs): every source, test, script and documentation file of the repository, found by
// walking the tree (no git needed, so a copied tree works), skipping installed and built output.
// Why references matter: docs/conventions.md#comments.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folders never read: dependencies, build output, VCS data, test artefacts. */
const SKIP_DIRS = new Set(['node_modules', 'dist', 'dist-public', '.git', 'coverage', 'screenshots', 'test-results', 'playwright-report']);

/** Text files that hold code, tests, scripts, configuration or prose. JSON is data and is left out. */
const TEXT_EXTENSIONS = new Set([
  '.ts',
  '.tsx',
  '.mts',
  '.cts',
  '.js',
  '.jsx',
  '.mjs',
  '.cjs',
  '.md',
  '.yml',
  '.yaml',
  '.sh',
  '.conf',
  '.service',
  '.timer',
  '.html',
  '.css',
  '.env',
  '.example',
]);

/** The two scripts name the forbidden references on purpose. */
const OWN_FILES = new Set(['scripts/check-doc-refs.mjs', 'scripts/rewrite-doc-refs.mjs', 'scripts/doc-refs-files.mjs']);

function extensionOf(name) {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
}

/**
 * Repository-relative paths (with `/`) of the files to read under `root`, sorted.
 * Files without an extension are included only under `.ci/` (CI scripts).
 */
export function docRefFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP_DIRS.has(entry.name)) walk(full);
        continue;
      }
      if (!entry.isFile()) continue;
      const rel = relative(root, full).split(sep).join('/');
      if (OWN_FILES.has(rel)) continue;
      const ext = extensionOf(entry.name);
      if (TEXT_EXTENSIONS.has(ext) || (ext === '' && rel.startsWith('.ci/'))) out.push(rel);
    }
  };
  walk(root);
  return out.sort();
}

/**
 * Migrations are never edited once they land (a database that ran one would never see the change), so
 * their old DOMAIN.md references stay as written: the rewrite leaves them and the check accepts them,
 * since docs/domain/references.json maps every such section. Their docs/ citations are still checked.
 */
export function isFrozen(file) {
  return file.startsWith('packages/server/src/platform/db/migrations/');
}
