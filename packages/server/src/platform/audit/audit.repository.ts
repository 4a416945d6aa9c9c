import { sql } from 'kysely';
import type { Db, Engine } from '../db/database';
import { chainHash, GENESIS_HASH, type ChainProblem, type ChainedRow } from './audit-chain';

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  fromAt?: string;
  toAt?: string;
  /** Limit to rows of these units; undefined means every row (system administrators). */
  unitIds?: readonly string[];
}

export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  /** Appends one row to the chain. Must run inside the caller's transaction. */
  async append(trx: Db, row: Omit<ChainedRow, 'seq'>): Promise<void> {
    let q = trx.selectFrom('auditHead').select(['lastSeq', 'lastHash']).where('id', '=', 1);
    // PostgreSQL: lock the head row so concurrent writers take turns; SQLite already serialises writers.
    if (this.engine === 'postgres') q = q.forUpdate();
    const head = await q.executeTakeFirstOrThrow();
    const full: ChainedRow = { ...row, seq: Number(head.lastSeq) + 1 };
    const hash = chainHash(head.lastHash, full);
    await trx
      .insertInto('auditLog')
      .values({ ...full, prevHash: head.lastHash, hash })
      .execute();
    await trx.updateTable('auditHead').set({ lastSeq: full.seq, lastHash: hash }).where('id', '=', 1).execute();
  }

  private filtered(f: AuditFilter) {
    let q = this.db.selectFrom('auditLog');
    if (f.entity) q = q.where('entity', '=', f.entity);
    if (f.entityId) q = q.where('entityId', '=', f.entityId);
    if (f.actorId) q = q.where('actorId', '=', f.actorId);
    if (f.action) q = q.where('action', '=', f.action);
    if (f.fromAt) q = q.where('at', '>=', f.fromAt);
    if (f.toAt) q = q.where('at', '<', f.toAt);
    if (f.unitIds) q = f.unitIds.length ? q.where('unitId', 'in', f.unitIds) : q.where(sql<boolean>`1 = 0`);
    return q;
  }

  async list(f: AuditFilter, limit: number, offset: number) {
    const [rows, count] = await Promise.all([
      this.filtered(f).selectAll().orderBy('seq', 'desc').limit(limit).offset(offset).execute(),
      this.filtered(f)
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Walks the whole chain in order, in pages, and reports every problem found. */
  async verify(): Promise<{ rows: number; problems: ChainProblem[] }> {
    const problems: ChainProblem[] = [];
    let prev = GENESIS_HASH;
    let expectedSeq = 1;
    let rows = 0;
    for (;;) {
      const page = await this.db.selectFrom('auditLog').selectAll().where('seq', '>=', expectedSeq).orderBy('seq').limit(5000).execute();
      if (page.length === 0) break;
      for (const r of page) {
        const seq = Number(r.seq);
        if (seq !== expectedSeq) problems.push({ seq: expectedSeq, problem: 'missing_rows' });
        if (r.prevHash !== prev) problems.push({ seq, problem: 'broken_link' });
        const recomputed = chainHash(r.prevHash, { ...r, seq });
        if (recomputed !== r.hash) problems.push({ seq, problem: 'hash_mismatch' });
        prev = r.hash;
        expectedSeq = seq + 1;
        rows++;
      }
    }
    const head = await this.db.selectFrom('auditHead').selectAll().where('id', '=', 1).executeTakeFirstOrThrow();
    if (Number(head.lastSeq) !== expectedSeq - 1 || head.lastHash !== prev) {
      problems.push({ seq: Number(head.lastSeq), problem: 'head_mismatch' });
    }
    return { rows, problems };
  }
}
