import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '../clock';
import type { Db } from '../db/database';

/**
 * Audit chain anchoring. The hash chain alone cannot tell "the last rows were deleted and the head
 * moved back" from "nothing happened since": a checkpoint publishes the head (seq, hash) signed with
 * HMAC-SHA256 under a key kept outside the database (AUDIT_CHECKPOINT_KEY, else the file
 * `audit-checkpoint-key` in the data directory). Checkpoints are stored in `audit_checkpoints` (daily
 * job) and exported as a file (`cli audit:checkpoint --out FILE`) to keep off the machine; verifying
 * one checks the signature and that the checkpointed row is still in the chain with the same hash.
 */
export interface Checkpoint {
  format: 'cchc-audit-checkpoint';
  version: 1;
  seq: number;
  hash: string;
  at: string;
  /** First 16 hex digits of sha256(key): says which key signed it, without revealing the key. */
  keyId: string;
  signature: string;
}

export type CheckpointProblem = 'checkpoint_bad_signature' | 'checkpoint_other_key' | 'truncated_after_checkpoint' | 'checkpoint_hash_mismatch';

export const CHECKPOINT_KEY_FILE = 'audit-checkpoint-key';

/**
 * The signing key: AUDIT_CHECKPOINT_KEY, else the key file in the data directory, generated on the
 * first write (`create`); null when neither exists and `create` is false (a read must not make one).
 */
export function checkpointKey(dataDir: string, envKey: string | null | undefined, create: boolean): Buffer | null {
  if (envKey) return Buffer.from(envKey, 'utf8');
  const file = join(dataDir, CHECKPOINT_KEY_FILE);
  if (existsSync(file)) return Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  if (!create) return null;
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return Buffer.from(key, 'utf8');
}

export const keyIdOf = (key: Buffer): string => createHash('sha256').update(key).digest('hex').slice(0, 16);

function sign(key: Buffer, c: Pick<Checkpoint, 'seq' | 'hash' | 'at'>): string {
  return createHmac('sha256', key).update(`cchc-audit-checkpoint\nv1\n${c.seq}\n${c.hash}\n${c.at}`).digest('hex');
}

export function signatureValid(key: Buffer, c: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'signature'>): boolean {
  const expected = Buffer.from(sign(key, c), 'hex');
  const given = Buffer.from(/^[0-9a-f]{64}$/.test(c.signature) ? c.signature : '', 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Reads and shape-checks an exported checkpoint file; throws an Error with a one-line reason. */
export function parseCheckpoint(text: string): Checkpoint {
  let c: Partial<Checkpoint>;
  try {
    c = JSON.parse(text) as Partial<Checkpoint>;
  } catch {
    throw new Error('not a JSON file');
  }
  if (c.format !== 'cchc-audit-checkpoint' || c.version !== 1) throw new Error('not a CCHC audit checkpoint (format/version)');
  if (!Number.isInteger(c.seq) || typeof c.hash !== 'string' || typeof c.at !== 'string' || typeof c.keyId !== 'string' || typeof c.signature !== 'string') {
    throw new Error('a field is missing (seq, hash, at, keyId, signature)');
  }
  return c as Checkpoint;
}

export class AuditCheckpoints {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Signs the current head and stores it; null when the chain is empty. */
  async write(key: Buffer): Promise<Checkpoint | null> {
    const head = await this.db.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1).executeTakeFirstOrThrow();
    const seq = Number(head.lastSeq);
    if (seq === 0) return null;
    const base = { seq, hash: head.lastHash, at: this.clock.now() };
    const c: Checkpoint = { format: 'cchc-audit-checkpoint', version: 1, ...base, keyId: keyIdOf(key), signature: sign(key, base) };
    await this.db
      .insertInto('auditCheckpoints')
      .values({ id: randomUUID(), seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId, signature: c.signature })
      .execute();
    return c;
  }

  /** The daily job's step: a new checkpoint when the last one is a day old (or missing) and the chain grew since. */
  async writeIfDue(key: Buffer, everyMs = 24 * 3600_000): Promise<Checkpoint | null> {
    const last = await this.db.selectFrom('auditCheckpoints').select(['seq', 'at']).orderBy('at', 'desc').limit(1).executeTakeFirst();
    if (last && Date.parse(this.clock.now()) - Date.parse(last.at) < everyMs) return null;
    const head = await this.db.selectFrom('auditHead').select('lastSeq').where('id', '=', 1).executeTakeFirstOrThrow();
    if (last && Number(head.lastSeq) === Number(last.seq)) return null;
    return this.write(key);
  }

  /** Checks one checkpoint against the chain as it is now. */
  async check(key: Buffer | null, c: Pick<Checkpoint, 'seq' | 'hash' | 'at' | 'keyId' | 'signature'>): Promise<CheckpointProblem | null> {
    if (!key || keyIdOf(key) !== c.keyId) return 'checkpoint_other_key';
    if (!signatureValid(key, c)) return 'checkpoint_bad_signature';
    const head = await this.db.selectFrom('auditHead').select('lastSeq').where('id', '=', 1).executeTakeFirstOrThrow();
    const row = await this.db.selectFrom('auditLog').select('hash').where('seq', '=', c.seq).executeTakeFirst();
    if (!row || Number(head.lastSeq) < c.seq) return 'truncated_after_checkpoint';
    if (row.hash !== c.hash) return 'checkpoint_hash_mismatch';
    return null;
  }

  /** Checks every stored checkpoint; returns the problems found, by checkpoint seq. */
  async checkStored(key: Buffer | null): Promise<{ checked: number; problems: Array<{ seq: number; problem: CheckpointProblem }> }> {
    const rows = await this.db.selectFrom('auditCheckpoints').selectAll().orderBy('seq').execute();
    const problems: Array<{ seq: number; problem: CheckpointProblem }> = [];
    for (const r of rows) {
      const problem = await this.check(key, { ...r, seq: Number(r.seq) });
      if (problem) problems.push({ seq: Number(r.seq), problem });
    }
    return { checked: rows.length, problems };
  }

  /** Starts the daily checkpoint: tried at start and every hour; returns the function that stops it. */
  startTimer(key: Buffer, onError: (e: unknown) => void): () => void {
    const tick = () => void this.writeIfDue(key).catch(onError);
    tick();
    const timer = setInterval(tick, 3600_000);
    timer.unref();
    return () => clearInterval(timer);
  }
}
