import { randomUUID } from 'node:crypto';
import { AuditRepository } from '../platform/audit/audit.repository';
import { AuditService } from '../platform/audit/audit.service';
import { DEFAULT_HASHING } from '../platform/auth/password';
import { systemClock } from '../platform/clock';
import type { Config } from '../platform/config';
import { migrateToLatest } from '../platform/db/migrations';
import { createAgencyWithAdmin, insertSystemAdmin, SetupBody } from '../modules/setup/setup.service';
import { CliError, openForWrite } from './cli-database';

export interface CreateAdminArgs {
  username?: string;
  fullName?: string;
  password?: string;
  agencyName?: string;
  agencyKind?: string;
}

const FIELD_RULES: Record<string, string> = {
  username: '3 to 50 characters a-z, 0-9, dot, underscore or hyphen',
  password: 'at least 8 characters with a letter and a digit',
  fullName: 'give the full name (up to 200 characters)',
  agencyName: 'give the agency name (up to 300 characters)',
  agencyKind: 'one of department, province, service_center',
};

/**
 * `cli create-admin`: a system administrator of the first top-level agency. On an empty database
 * it creates that agency too (`--agency-name`, `--agency-kind`, as first-run setup does).
 */
export async function createAdmin(config: Config, a: CreateAdminArgs): Promise<string> {
  if (!a.username || !a.fullName || !a.password)
    throw new CliError('create-admin needs --username, --full-name and --password (and --agency-name on an empty database).');
  const parsed = SetupBody.safeParse({
    agencyName: a.agencyName ?? 'x',
    agencyKind: a.agencyKind ?? 'department',
    username: a.username,
    fullName: a.fullName,
    password: a.password,
  });
  if (!parsed.success) {
    const fields = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))].map(
      (f) => `--${f.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase())}: ${FIELD_RULES[f] ?? 'invalid'}`,
    );
    throw new CliError(`create-admin: ${fields.join('; ')}.`);
  }
  const input = parsed.data;
  const h = openForWrite(config);
  try {
    await migrateToLatest(h.db);
    const audit = new AuditService(new AuditRepository(h.db, h.engine), systemClock);
    const now = systemClock.now();
    return await h.db.transaction().execute(async (trx) => {
      const taken = await trx.selectFrom('users').select('id').where('username', '=', input.username).executeTakeFirst();
      if (taken)
        throw new CliError(
          `User "${input.username}" already exists: choose another --username (an administrator can reset that user's password in the web app).`,
        );
      const root = await trx.selectFrom('units').select(['id', 'name']).where('parentId', 'is', null).orderBy('createdAt').executeTakeFirst();
      if (!root) {
        if (!a.agencyName)
          throw new CliError(
            'The database is empty: add --agency-name "…" (and --agency-kind department|province|service_center) to create the first agency with this administrator.',
          );
        await createAgencyWithAdmin(trx, audit, now, DEFAULT_HASHING, input, null);
        return `Administrator ${input.username} created with the agency "${input.agencyName}".`;
      }
      const id = randomUUID();
      await insertSystemAdmin(trx, now, DEFAULT_HASHING, id, root.id, input);
      await audit.record(trx, null, { action: 'create', entity: 'user', entityId: id, unitId: root.id, after: { username: input.username, via: 'cli' } });
      return `Administrator ${input.username} created in "${root.name}"${a.agencyName ? ' (the database already has an agency: --agency-name was not used)' : ''}.`;
    });
  } finally {
    await h.close();
  }
}
