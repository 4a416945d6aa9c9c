// `npm run bench`: every benchmark in one run. Each prints its figures, its baseline measured in the
// same run, the ratio and the target. These are measurements, not pass/fail tests.
import { runCalendarBench } from './calendar.bench';
import { runDossierQueueBench } from './dossier-queue.bench';
import { runParRecomputeBench } from './par-recompute';
import { runPlatformBench } from './platform.bench';
import { runPublicBundleBench } from './public-bundle.bench';
import { runStatisticsBench } from './statistics';
import { runReportRemindersBench } from './report-reminders.bench';
import { runTasksBench } from './tasks.bench';
import { runOverviewBench } from './overview.bench';
import { runSurveysBench } from './surveys.bench';
import { runQd766Bench } from './qd766.bench';
import { runOverviewInProcessBench } from './overview-inprocess.bench';

const only = process.argv[2];
const BENCHES: Array<[string, () => Promise<void>]> = [
  ['calendar', runCalendarBench],
  ['platform', () => runPlatformBench()],
  ['public-bundle', runPublicBundleBench],
  ['par-recompute', runParRecomputeBench],
  ['dossier-queue', () => runDossierQueueBench()],
  ['report-reminders', runReportRemindersBench],
  ['tasks', () => runTasksBench()],
  ['overview', () => runOverviewBench()],
  ['surveys', () => runSurveysBench()],
  ['qd766', runQd766Bench],
  ['statistics', runStatisticsBench],
  ['overview-inprocess', runOverviewInProcessBench],
  // Loaded when run (their set-up is heavy: a 1,000,000-row file, a 1,000,000-dossier database).
  ['import', async () => (await import('./import')).runImportBench()],
  ['dossier-queue-scale', async () => (await import('./dossier-queue-scale')).runDossierQueueScaleBench()],
];

console.log(`CCHC benchmarks on Node ${process.version}, ${new Date().toISOString()}`);
for (const [name, run] of BENCHES) if (!only || only === name) await run();
