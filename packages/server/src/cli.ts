import { runCli } from './cli/run';

// `npm run cli -- <command>`: the commands and their one-line errors are in cli/run.ts.
process.exitCode = await runCli(process.argv.slice(2));
