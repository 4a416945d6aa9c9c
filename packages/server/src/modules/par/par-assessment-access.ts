import { can, canAnywhere } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError } from '../../platform/errors';
import { summaryColumns, type Loaded } from './par-assessment-view';
import { domainSet, type Criterion, type ParRepository } from './par.repository';

/**
 * Finding an assessment for an actor, the one way every PAR service does it (docs/conventions.md#authorization):
 * read through the scope, answer 404 outside it, and keep the stored totals in step with every write.
 */
export class AssessmentAccess {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
  ) {}

  async load(id: string, db: Db = this.db): Promise<Loaded | undefined> {
    const l = await this.repo.loadAssessment(id, db);
    if (!l) return undefined;
    return { ...l, dset: domainSet(l.set, l.rows), scores: new Map(l.scores.map((s) => [s.criterionId, s])) };
  }

  /** Readable: the agency is in scope, or the result is published. Anything else reads as absent. */
  async visible(actor: ServerActor, id: string, db: Db = this.db): Promise<Loaded> {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    const l = await this.load(id, db);
    if (!l || !(can(actor, 'par.read', l.a.agencyUnitId) || l.a.status === 'published')) throw new NotFoundError('par.assessment_not_found');
    return l;
  }

  /**
   * For a write: only where the actor reads PAR data (every PAR role reads; the write itself is authorized
   * after); a published result of another agency is still absent for writes.
   */
  async inScope(actor: ServerActor, id: string, db: Db): Promise<Loaded> {
    const l = await this.load(id, db);
    if (!l || !can(actor, 'par.read', l.a.agencyUnitId)) throw new NotFoundError('par.assessment_not_found');
    return l;
  }

  /** Reloads an assessment inside the transaction that changed it, stores its totals and returns it. */
  async refresh(db: Db, id: string): Promise<Loaded> {
    const l = await this.load(id, db);
    if (!l) throw new ConflictError('conflict.stale_version');
    const columns = summaryColumns(l);
    await this.repo.saveSummary(db, id, columns);
    return { ...l, a: { ...l.a, ...columns, summaryStale: 0 } };
  }

  /** Computes the stored totals of every assessment that lacks them (rows older than the columns); run at start-up. */
  async backfill(): Promise<number> {
    const ids = await this.repo.staleSummaryIds();
    for (const id of ids) await this.db.transaction().execute((trx) => this.refresh(trx, id));
    return ids.length;
  }
}

export function criterionOf(l: Loaded, criterionId: string): Criterion {
  const r = l.rows.find((x) => x.id === criterionId);
  if (!r) throw new NotFoundError('par.criterion_not_found');
  return r;
}
