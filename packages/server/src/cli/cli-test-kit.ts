import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createPgDatabase } from '../../test/harness';
import type { Engine } from '../platform/db/database';

export const root = join(import.meta.dirname, '../../../..');
const cliEntry = join(root, 'packages/server/src/cli.ts');
// `--import tsx` resolved from the repository, so the CLI can run in any working directory.
const tsx = pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A place for a CLI run: an empty DATA_DIR, a fresh PostgreSQL database on that engine, and an operator's working directory. */
export async function cliPlace(engine: Engine) {
  const dir = mkdtempSync(join(tmpdir(), 'cchc-cli-'));
  const pg = engine === 'postgres' ? await createPgDatabase() : null;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: join(dir, 'data'),
    DATABASE_URL: pg?.url ?? '',
    SESSION_SECRET: 'cli-test-secret',
    CCHC_DEBUG: '',
  };
  delete env.AUDIT_CHECKPOINT_KEY;
  const cwd = mkdtempSync(join(dir, 'operator-'));
  return {
    dir,
    dataDir: join(dir, 'data'),
    cwd,
    databaseUrl: pg?.url ?? null,
    env,
    /** Runs `node --import tsx packages/server/src/cli.ts …args` as `npm run cli -- …args` would. */
    cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}): Promise<CliRun> {
      return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', tsx, cliEntry, ...args], { cwd, env: { ...env, ...extraEnv } });
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => resolve({ code, stdout, stderr }));
      });
    },
    drop: async () => {
      await pg?.drop();
    },
  };
}

export type CliPlace = Awaited<ReturnType<typeof cliPlace>>;

/** Splits one shell command line into words: double and single quotes, no expansions. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  const re = /"([^"]*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(line); m; m = re.exec(line)) words.push(m[1] ?? m[2] ?? m[3]!);
  return words;
}
