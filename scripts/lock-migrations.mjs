#!/usr/bin/env node
// Adds new migration files to packages/server/src/platform/db/migrations.lock.json, the hash of every
// migration that has landed (docs/conventions.md#migrations). It never changes the hash of a file already
// locked: a landed migration is history, and editing it fails `migrations.test.ts`; the change belongs in a
// new migration. Run by `npm run lock:migrations` after adding a migration; commit the lock with it.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, 'packages/server/src/platform/db/migrations');
const lockFile = join(root, 'packages/server/src/platform/db/migrations.lock.json');

/** The hash the test compares: SHA-256 of the text with line endings made `\n` (a Windows checkout stays equal). */
export function migrationHash(text) {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

const lock = existsSync(lockFile) ? JSON.parse(readFileSync(lockFile, 'utf8')) : {};
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();
const added = [];
const changed = [];
for (const file of files) {
  const name = file.replace(/\.ts$/, '');
  const hash = migrationHash(readFileSync(join(dir, file), 'utf8'));
  if (!(name in lock)) {
    lock[name] = hash;
    added.push(name);
  } else if (lock[name] !== hash) changed.push(name);
}
const gone = Object.keys(lock).filter((name) => !files.includes(`${name}.ts`));
const sorted = Object.fromEntries(
  Object.keys(lock)
    .sort()
    .map((k) => [k, lock[k]]),
);
writeFileSync(lockFile, `${JSON.stringify(sorted, null, 2)}\n`);
for (const name of added) console.log(`locked ${name}`);
if (added.length === 0) console.log('no new migration to lock');
for (const name of changed) console.error(`${name}: changed after it was locked; restore it (git checkout) and put the change in a new migration`);
for (const name of gone) console.error(`${name}: locked but its file is gone; a landed migration is never deleted`);
if (changed.length > 0 || gone.length > 0) process.exit(1);
