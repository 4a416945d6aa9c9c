import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m20261128000100 from './migrations/20261128000100-platform';
import * as m20261128000200 from './migrations/20261128000200-authz-generation';

/** Every migration, in order. An explicit list: no file-system scanning, no side-effect imports. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261128000100-platform': m20261128000100,
  '20261128000200-authz-generation': m20261128000200,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
