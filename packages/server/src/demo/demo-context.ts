import type { AuditService } from '../platform/audit/audit.service';
import type { HashingParams } from '../platform/auth/password';
import type { Clock } from '../platform/clock';
import type { Db } from '../platform/db/database';

/** What every demo seeder receives. Its own file, so seeders and `demo.ts`, which lists them, form no cycle. */
export interface DemoContext {
  trx: Db;
  now: string;
  clock: Clock;
  audit: AuditService;
  password: string;
  hashing: HashingParams;
  /** Demo unit keys → ids, filled by the platform seeder for the others to use. */
  units: Map<string, string>;
  /** Demo usernames → ids. */
  users: Map<string, string>;
}
