import { randomUUID } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, rmSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { AuditRepository } from './platform/audit/audit.repository';
import { bumpAuthzGeneration } from './platform/auth/actor';
import { AuditService } from './platform/audit/audit.service';
import { DEFAULT_HASHING, hashPassword, isStrongPassword } from './platform/auth/password';
import { systemClock } from './platform/clock';
import { loadConfig } from './platform/config';
import { openDatabase } from './platform/db/database';
import { migrateToLatest } from './platform/db/migrations';
import { createAgencyWithAdmin } from './modules/setup/setup.service';
import { foldVietnamese } from '@cchc/domain';

const USAGE = `Usage: npm run cli -- <command>
  migrate                                  apply database migrations
  create-admin --username U --full-name N --password P [--agency-name A --agency-kind department]
                                           add a system administrator (creates the agency on an empty database)
  backup <file>                            SQLite: online backup; PostgreSQL: pg_dump (custom format)
  restore <file>                           SQLite: replace the database file (stop the server first); PostgreSQL: pg_restore
  audit:verify                             check the audit log's hash chain; exit code 1 names the broken rows`;

async function main(): Promise<number> {
  const [command, ...rest] = process.argv.slice(2);
  const config = loadConfig();
  switch (command) {
    case 'migrate': {
      const h = openDatabase(config);
      const applied = await migrateToLatest(h.db);
      console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'Database is up to date.');
      await h.close();
      return 0;
    }
    case 'create-admin': {
      const { values } = parseArgs({
        args: rest,
        options: { username: { type: 'string' }, 'full-name': { type: 'string' }, password: { type: 'string' }, 'agency-name': { type: 'string' }, 'agency-kind': { type: 'string' } },
      });
      if (!values.username || !values['full-name'] || !values.password) return fail('create-admin needs --username, --full-name and --password');
      if (!isStrongPassword(values.password)) return fail('The password needs at least 8 characters with a letter and a digit.');
      const h = openDatabase(config);
      await migrateToLatest(h.db);
      const audit = new AuditService(new AuditRepository(h.db, h.engine), systemClock);
      const now = systemClock.now();
      await h.db.transaction().execute(async (trx) => {
        const root = await trx.selectFrom('units').select('id').where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
        if (!root) {
          if (!values['agency-name']) throw new Error('The database is empty: give --agency-name (and --agency-kind) to create the first agency.');
          await createAgencyWithAdmin(trx, audit, now, DEFAULT_HASHING, {
            agencyName: values['agency-name'],
            agencyKind: (values['agency-kind'] ?? 'department') as 'department',
            username: values.username!,
            fullName: values['full-name']!,
            password: values.password!,
          }, null);
          return;
        }
        const id = randomUUID();
        await trx
          .insertInto('users')
          .values({
            id,
            username: values.username!.toLowerCase(),
            fullName: values['full-name']!,
            fullNameFolded: foldVietnamese(values['full-name']!),
            email: null,
            unitId: root.id,
            passwordHash: await hashPassword(values.password!),
            isActive: 1,
            mustChangePassword: 0,
            failedAttempts: 0,
            lockedUntil: null,
            version: 1,
            createdAt: now,
            updatedAt: now,
          })
          .execute();
        await trx.insertInto('roleAssignments').values({ id: randomUUID(), userId: id, role: 'system_admin', unitId: root.id }).execute();
        await bumpAuthzGeneration(trx);
        await audit.record(trx, null, { action: 'create', entity: 'user', entityId: id, unitId: root.id, after: { username: values.username, via: 'cli' } });
      });
      console.log(`Administrator ${values.username} created.`);
      await h.close();
      return 0;
    }
    case 'backup': {
      const file = rest[0];
      if (!file) return fail('backup needs a file name');
      if (config.databaseUrl) return run('pg_dump', ['--format=custom', `--file=${file}`, config.databaseUrl]);
      const h = openDatabase(config);
      await h.sqlite!.backup(file);
      await h.close();
      console.log(`Backup written to ${file}`);
      return 0;
    }
    case 'restore': {
      const file = rest[0];
      if (!file || !existsSync(file)) return fail('restore needs an existing backup file');
      if (config.databaseUrl) return run('pg_restore', ['--clean', '--if-exists', '--no-owner', `--dbname=${config.databaseUrl}`, file]);
      for (const suffix of ['-wal', '-shm']) rmSync(config.sqliteFile + suffix, { force: true });
      copyFileSync(file, config.sqliteFile);
      console.log(`Restored ${config.sqliteFile} from ${file}`);
      return 0;
    }
    case 'audit:verify': {
      const h = openDatabase(config);
      const { rows, problems } = await new AuditRepository(h.db, h.engine).verify();
      await h.close();
      if (problems.length === 0) {
        console.log(`Audit log intact: ${rows} rows, hash chain verified.`);
        return 0;
      }
      for (const p of problems) console.error(`Audit row ${p.seq}: ${p.problem}`);
      console.error(`Audit log FAILED verification: ${problems.length} problem(s) in ${rows} rows.`);
      return 1;
    }
    default:
      console.log(USAGE);
      return command ? 2 : 0;
  }
}

function fail(message: string): number {
  console.error(message);
  return 2;
}

function run(cmd: string, args: string[]): number {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error) return fail(`${cmd} is not available: install the PostgreSQL client tools.`);
  return r.status ?? 1;
}

process.exitCode = await main();
