import { Migrator, type Kysely, type Migration } from 'kysely';
import * as m20261128000100 from './migrations/20261128000100-platform';
import * as m20261128000200 from './migrations/20261128000200-authz-generation';
import * as m20261128000300 from './migrations/20261128000300-calendar';
import * as m20261128000400 from './migrations/20261128000400-procedures';
import * as m20261128000700 from './migrations/20261128000700-par';
import * as m20261128000600 from './migrations/20261128000600-notifications';
import * as m20261128000800 from './migrations/20261128000800-dossiers';
import * as m20261128000900 from './migrations/20261128000900-public-attachments';
import * as m20261206000100 from './migrations/20261206000100-api-token-expiry';
import * as m20261206000300 from './migrations/20261206000300-throttle';
import * as m20261206000500 from './migrations/20261206000500-audit-checkpoints';
import * as m20261206000600 from './migrations/20261206000600-dossier-queue-index';
import * as m20261206000700 from './migrations/20261206000700-dossier-queue-index-policy';
import * as m20261206001000 from './migrations/20261206001000-notifications-generic';
import * as m20261206001010 from './migrations/20261206001010-scheduled-jobs';
import * as m20261206003000 from './migrations/20261206003000-reports';
import * as m20261206002000 from './migrations/20261206002000-plans';
import * as m20261206006000 from './migrations/20261206006000-surveys';
import * as m20261206018000 from './migrations/20261206018000-audit-actor-kind';
import * as m20261206017000 from './migrations/20261206017000-par-assessment-summary';
import * as m20261206012000 from './migrations/20261206012000-indicators';
import * as m20261206010000 from './migrations/20261206010000-dossier-statistics';
import * as m20261206015000 from './migrations/20261206015000-survey-counts';
import * as m20261206011000 from './migrations/20261206011000-dossier-imports';
import * as m20261207030000 from './migrations/20261207030000-dossier-import-derived';
import * as m20261207010000 from './migrations/20261207010000-unit-closure';
import * as m20261207011000 from './migrations/20261207011000-dossier-sort-indexes';
import * as m20261207060000 from './migrations/20261207060000-task-count-index';
import * as m20261207020000 from './migrations/20261207020000-dossier-position';
import * as m20261207020100 from './migrations/20261207020100-dossier-completions-index';
import * as m20261207080000 from './migrations/20261207080000-dossier-import-position';
import * as m20261207100000 from './migrations/20261207100000-survey-paper-entries';
import * as m20261207101000 from './migrations/20261207101000-survey-quality-flags';
import * as m20261207102000 from './migrations/20261207102000-survey-min-duration';
import * as m20261208010000 from './migrations/20261208010000-dossier-counts';
import * as m20261208011000 from './migrations/20261208011000-dossier-active-indexes';
import * as m20261208020000 from './migrations/20261208020000-dossier-import-phase';
import * as m20261208020100 from './migrations/20261208020100-dossier-import-history-json';
import * as m20261208030000 from './migrations/20261208030000-task-title-search';
import * as m20261208031000 from './migrations/20261208031000-task-page-index';
import * as m20261209030000 from './migrations/20261209030000-dossier-due-counts';
import * as m20261209050000 from './migrations/20261209050000-task-item-index';
import * as m20261209060000 from './migrations/20261209060000-dossier-survey-key';
import * as m20261210010000 from './migrations/20261210010000-dossier-import-history-arrays';
import * as m20261211010000 from './migrations/20261211010000-dossier-import-rows-inline';

/** Every migration, in order. An explicit list: no file-system scanning, no side-effect imports. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261128000100-platform': m20261128000100,
  '20261128000200-authz-generation': m20261128000200,
  '20261128000300-calendar': m20261128000300,
  '20261128000400-procedures': m20261128000400,
  '20261128000700-par': m20261128000700,
  '20261128000600-notifications': m20261128000600,
  '20261128000800-dossiers': m20261128000800,
  '20261128000900-public-attachments': m20261128000900,
  '20261206000100-api-token-expiry': m20261206000100,
  '20261206000300-throttle': m20261206000300,
  '20261206000500-audit-checkpoints': m20261206000500,
  '20261206000600-dossier-queue-index': m20261206000600,
  '20261206000700-dossier-queue-index-policy': m20261206000700,
  '20261206001000-notifications-generic': m20261206001000,
  '20261206001010-scheduled-jobs': m20261206001010,
  '20261206002000-plans': m20261206002000,
  '20261206003000-reports': m20261206003000,
  '20261206006000-surveys': m20261206006000,
  '20261206018000-audit-actor-kind': m20261206018000,
  '20261206017000-par-assessment-summary': m20261206017000,
  '20261206012000-indicators': m20261206012000,
  '20261206010000-dossier-statistics': m20261206010000,
  '20261206015000-survey-counts': m20261206015000,
  '20261206011000-dossier-imports': m20261206011000,
  '20261207030000-dossier-import-derived': m20261207030000,
  '20261207010000-unit-closure': m20261207010000,
  '20261207011000-dossier-sort-indexes': m20261207011000,
  '20261207060000-task-count-index': m20261207060000,
  '20261207020000-dossier-position': m20261207020000,
  '20261207020100-dossier-completions-index': m20261207020100,
  '20261207080000-dossier-import-position': m20261207080000,
  '20261207100000-survey-paper-entries': m20261207100000,
  '20261207101000-survey-quality-flags': m20261207101000,
  '20261207102000-survey-min-duration': m20261207102000,
  '20261208010000-dossier-counts': m20261208010000,
  '20261208011000-dossier-active-indexes': m20261208011000,
  '20261208020000-dossier-import-phase': m20261208020000,
  '20261208020100-dossier-import-history-json': m20261208020100,
  '20261208030000-task-title-search': m20261208030000,
  '20261208031000-task-page-index': m20261208031000,
  '20261209030000-dossier-due-counts': m20261209030000,
  '20261209050000-task-item-index': m20261209050000,
  '20261209060000-dossier-survey-key': m20261209060000,
  '20261210010000-dossier-import-history-arrays': m20261210010000,
  '20261211010000-dossier-import-rows-inline': m20261211010000,
};

export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => MIGRATIONS } });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
