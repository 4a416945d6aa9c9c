import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { AuditCheckpoints, checkpointKey, parseCheckpoint, type Checkpoint } from '../platform/audit/audit-checkpoint';
import { AuditRepository } from '../platform/audit/audit.repository';
import { systemClock } from '../platform/clock';
import type { Config } from '../platform/config';
import { CliError, openExisting } from './cli-database';

const KEY_HINT = 'set AUDIT_CHECKPOINT_KEY to the key the server uses (or run where DATA_DIR holds its audit-checkpoint-key file)';

/** `cli audit:verify [--checkpoint FILE]`: the hash chain, every stored checkpoint, and the exported one. Returns the lines and exit code. */
export async function auditVerify(config: Config, checkpointFile: string | undefined): Promise<{ code: number; lines: string[] }> {
  let fileCheckpoint: Checkpoint | null = null;
  if (checkpointFile) {
    let text: string;
    try {
      text = readFileSync(checkpointFile, 'utf8');
    } catch {
      throw new CliError(`Cannot read the checkpoint file ${resolve(checkpointFile)}: give the file written by \`audit:checkpoint --out\`.`);
    }
    try {
      fileCheckpoint = parseCheckpoint(text);
    } catch (e) {
      throw new CliError(`${checkpointFile} is not a valid audit checkpoint: ${(e as Error).message}.`);
    }
  }
  const h = await openExisting(config);
  try {
    const { rows, problems } = await new AuditRepository(h.db, h.engine).verify();
    const key = checkpointKey(config.dataDir, config.auditCheckpointKey, false);
    const checkpoints = new AuditCheckpoints(h.db, systemClock);
    const stored = await checkpoints.checkStored(key);
    const lines: string[] = [];
    for (const p of problems) lines.push(`Audit row ${p.seq}: ${p.problem}`);
    for (const p of stored.problems)
      lines.push(`Stored checkpoint at row ${p.seq}: ${p.problem}${p.problem === 'checkpoint_other_key' ? ` (${KEY_HINT})` : ''}`);
    let fileProblem = null;
    if (fileCheckpoint) {
      fileProblem = await checkpoints.check(key, fileCheckpoint);
      if (fileProblem)
        lines.push(
          `Checkpoint file (row ${fileCheckpoint.seq}, ${fileCheckpoint.at}): ${fileProblem}${fileProblem === 'checkpoint_other_key' ? ` (${KEY_HINT})` : ''}`,
        );
    }
    const failures = problems.length + stored.problems.length + (fileProblem ? 1 : 0);
    const anchors = `${stored.checked} stored checkpoint(s)${fileCheckpoint ? ' and the checkpoint file' : ''}`;
    if (failures === 0) {
      lines.push(`Audit log intact: ${rows} rows, hash chain verified; ${anchors} verified.`);
      return { code: 0, lines };
    }
    lines.push(`Audit log FAILED verification: ${failures} problem(s) in ${rows} rows and ${anchors}.`);
    return { code: 1, lines };
  } finally {
    await h.close();
  }
}

/** `cli audit:checkpoint [--out FILE]`: signs the chain head, stores it, and exports it to FILE. */
export async function auditCheckpoint(config: Config, out: string | undefined): Promise<string> {
  if (out && existsSync(out)) throw new CliError(`${resolve(out)} already exists: give another --out file name.`);
  const h = await openExisting(config, { readonly: false });
  try {
    const key = checkpointKey(config.dataDir, config.auditCheckpointKey, true)!;
    const c = await new AuditCheckpoints(h.db, systemClock).write(key);
    if (!c) throw new CliError('The audit log is empty: nothing to checkpoint yet.');
    if (out) writeFileSync(out, JSON.stringify(c, null, 2) + '\n', { flag: 'wx' });
    return `Checkpoint of audit row ${c.seq} stored${out ? ` and written to ${resolve(out)} (keep it off this machine)` : ''}.`;
  } finally {
    await h.close();
  }
}
