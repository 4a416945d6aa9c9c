import { parseArgs, type ParseArgsConfig } from 'node:util';
import { migrateToLatest } from '../platform/db/migrations';
import { databaseLabel } from '../demo/demo-config';
import { systemClock } from '../platform/clock';
import { createAdmin } from './admin';
import { auditCheckpoint, auditVerify } from './audit';
import { backup, latestBackup, restore } from './backup';
import { cliConfig, CliError, openForWrite } from './cli-database';
import { generateDossiers } from './generate-dossiers';
import { rebuildDossierCounts } from '../modules/dossiers/dossier-counts';

export const USAGE = `Usage: npm run cli -- [--demo] <command>
  --demo                                   use the demo's database (as \`npm run demo\`: DATABASE_URL, else DATA_DIR/demo.sqlite)
  migrate                                  apply database migrations (creates the database when missing)
  create-admin --username U --full-name N --password P [--agency-name A --agency-kind department]
                                           add a system administrator (--agency-name creates the agency on an empty database)
  backup [FILE]                            one .tar.gz with the database, the uploaded files and a manifest
                                           (default DATA_DIR/backups/cchc-YYYYMMDD-HHMMSS.tar.gz)
  restore [--clean] FILE | --latest        check an archive, then restore database and files (stop the server first;
                                           --clean replaces a database that is not empty)
  audit:verify [--checkpoint FILE]         check the audit hash chain, the stored checkpoints and an exported one
  audit:checkpoint [--out FILE]            sign and store the chain head; --out also exports it to FILE
  dossier-counts:rebuild                   recompute the queue counters (dossier_counts) from the dossiers
  generate-dossiers --count N --year Y --seed S [--agencies K]
                                           add N synthetic dossiers received in year Y over K agencies (default 3),
                                           creating agencies and procedures as needed; the same seed gives the same dossiers`;

/** Runs one CLI command; every failure is one line on stderr (CCHC_DEBUG=1 adds the stack trace). */
export async function runCli(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  try {
    return await dispatch(argv, env);
  } catch (e) {
    console.error(oneLine(e));
    if (env.CCHC_DEBUG) console.error(e);
    return e instanceof CliError ? e.exitCode : String((e as { code?: string })?.code).startsWith('ERR_PARSE_ARGS') ? 2 : 1;
  }
}

async function dispatch(argv: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const demo = argv.includes('--demo');
  const [command, ...rest] = argv.filter((a) => a !== '--demo');
  const opts = (options: ParseArgsConfig['options'], positionals = 0) => {
    const r = parseArgs({ args: rest, options, allowPositionals: positionals > 0 }) as {
      values: Record<string, string | boolean | undefined>;
      positionals: string[];
    };
    if (r.positionals.length > positionals)
      throw new CliError(`${command}: unexpected argument "${r.positionals[positionals]}" (see \`npm run cli -- help\`).`);
    return r;
  };
  switch (command) {
    case 'migrate': {
      opts({});
      const config = cliConfig(demo, env);
      const h = openForWrite(config);
      try {
        const applied = await migrateToLatest(h.db);
        console.log(applied.length ? `Applied to ${databaseLabel(config)}: ${applied.join(', ')}` : `Database ${databaseLabel(config)} is up to date.`);
      } finally {
        await h.close();
      }
      return 0;
    }
    case 'create-admin': {
      const { values } = opts({
        username: { type: 'string' },
        'full-name': { type: 'string' },
        password: { type: 'string' },
        'agency-name': { type: 'string' },
        'agency-kind': { type: 'string' },
      });
      const v = values as Record<string, string | undefined>;
      console.log(
        await createAdmin(cliConfig(demo, env), {
          username: v.username,
          fullName: v['full-name'],
          password: v.password,
          agencyName: v['agency-name'],
          agencyKind: v['agency-kind'],
        }),
      );
      return 0;
    }
    case 'backup': {
      const { positionals } = opts({}, 1);
      const { path, manifest } = await backup(cliConfig(demo, env), positionals[0], systemClock.now());
      const files = manifest.entries.filter((e) => e.name.startsWith('files/')).length;
      const rows = Object.values(manifest.rowCounts).reduce((a, b) => a + b, 0);
      console.log(`Backup written to ${path} (${manifest.engine} database, ${rows} rows, ${files} files).`);
      return 0;
    }
    case 'restore': {
      const { values, positionals } = opts({ clean: { type: 'boolean' }, latest: { type: 'boolean' } }, 1);
      const config = cliConfig(demo, env);
      const file = values.latest ? latestBackup(config.dataDir) : positionals[0];
      if (!file) throw new CliError('restore needs the archive: `restore [--clean] FILE` or `restore [--clean] --latest` (newest in DATA_DIR/backups).');
      const m = await restore(config, file, !!values.clean);
      const files = m.entries.filter((e) => e.name.startsWith('files/')).length;
      console.log(`Restored ${databaseLabel(config)} and ${files} files from ${file} (backup of ${m.createdAt}); row counts match the manifest.`);
      return 0;
    }
    case 'audit:verify': {
      const { values } = opts({ checkpoint: { type: 'string' } });
      const { code, lines } = await auditVerify(cliConfig(demo, env), values.checkpoint as string | undefined);
      for (const line of lines) (code === 0 ? console.log : console.error)(line);
      return code;
    }
    case 'audit:checkpoint': {
      const { values } = opts({ out: { type: 'string' } });
      console.log(await auditCheckpoint(cliConfig(demo, env), values.out as string | undefined));
      return 0;
    }
    case 'dossier-counts:rebuild': {
      opts({});
      const config = cliConfig(demo, env);
      const h = openForWrite(config);
      try {
        console.log(`Rebuilt the queue counters of ${databaseLabel(config)}: ${await rebuildDossierCounts(h.db)} counter rows.`);
      } finally {
        await h.close();
      }
      return 0;
    }
    case 'generate-dossiers': {
      const { values } = opts({ count: { type: 'string' }, year: { type: 'string' }, seed: { type: 'string' }, agencies: { type: 'string' } });
      const int = (name: string, v: unknown, min: number, max: number, fallback?: number) => {
        const n = v === undefined && fallback !== undefined ? fallback : Number(v);
        if (!Number.isInteger(n) || n < min || n > max) throw new CliError(`generate-dossiers: --${name} must be a whole number from ${min} to ${max}.`);
        return n;
      };
      const o = {
        count: int('count', values.count, 1, 10_000_000),
        year: int('year', values.year, 2000, 2100),
        seed: int('seed', values.seed, 0, 2 ** 31 - 1),
        agencies: int('agencies', values.agencies, 1, 99, 3),
      };
      const r = await generateDossiers(cliConfig(demo, env), o, systemClock.now(), (line) => process.stderr.write(`\r${line}`));
      process.stderr.write('\n');
      console.log(`Generated ${o.count} dossiers (${r.written} written, ${r.unchanged} already there) in ${(r.millis / 1000).toFixed(1)} s.`);
      return 0;
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      throw new CliError(`Unknown command "${command}": run \`npm run cli -- help\` for the list.`);
  }
}

/** One line for any error: ours as written, known driver errors translated, others with their first line. */
export function oneLine(e: unknown): string {
  if (e instanceof CliError) return e.message;
  const err = e as { code?: string; message?: string; address?: string; port?: number };
  const msg = String(err?.message ?? e).split('\n')[0]!;
  switch (err?.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `${msg.replace(/\. To specify.*$/, '')} (see \`npm run cli -- help\`).`;
    case 'ECONNREFUSED':
      return `Cannot connect to PostgreSQL at ${err.address ?? ''}:${err.port ?? ''}: is it running? Check DATABASE_URL.`;
    case '3D000':
      return `${msg}: create it (createdb) or fix DATABASE_URL.`;
    case '28P01':
    case '28000':
      return `PostgreSQL refused the login (${msg}): check the user and password in DATABASE_URL.`;
    case 'SQLITE_CANTOPEN':
      return `Cannot open the SQLite database (${msg}): check DATA_DIR and its permissions.`;
    case 'SQLITE_BUSY':
      return 'The SQLite database is locked by another process: stop the server and try again.';
    case 'SQLITE_CONSTRAINT_UNIQUE':
    case '23505':
      return `That record already exists (${msg}).`;
    case 'EACCES':
    case 'EEXIST':
    case 'ENOENT':
    case 'ENOSPC':
      return `${msg}.`;
    default:
      return `Error: ${msg} (set CCHC_DEBUG=1 to see the stack trace).`;
  }
}
