import { can, nextAssessmentStatus, type AssessmentAction, type AssessmentStatus } from '@cchc/domain';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, NotFoundError, ValidationError, type FieldError } from '../../platform/errors';
import { criterionOf, type AssessmentAccess } from './par-assessment-access';
import { assessmentView, emptyScore, scorecardOf, scoreView, statusOf, type Loaded } from './par-assessment-view';
import { insertAssessment } from './par-assessment-writes';
import type { AssessmentRow, Criterion, ParRepository, ScoreRow, SetRow } from './par.repository';
import type { AppraisalInput, SelfScoreInput } from './par.schemas';

/**
 * The status an action leads to, from the lifecycle table (docs/domain/par-index.md#score-layers-evidence-and-not-applicable-rows);
 * `code` is the conflict answered when the table refuses it (`par.wrong_status` for a step of the cycle,
 * `par.assessment_locked` for an edit).
 */
export function requireStatusFor(
  a: Pick<AssessmentRow, 'status'>,
  action: AssessmentAction,
  code: 'par.wrong_status' | 'par.assessment_locked',
): AssessmentStatus {
  const next = nextAssessmentStatus(statusOf(a), action);
  if (next === null) throw new ConflictError(code, [], { status: a.status });
  return next;
}

/** The yearly cycle of an assessment: start it, score, appraise, submit, explain, finalize, publish. */
export class ParCycleService {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly access: AssessmentAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The set an agency may be assessed on by this actor (the set's owner is the agency or above it). */
  async setForAgency(actor: ServerActor, setId: string, agencyUnitId: string, db: Db): Promise<SetRow> {
    if (!can(actor, 'unit.read', agencyUnitId)) throw new NotFoundError('unit.not_found');
    authorize(actor, 'par.manage_cycle', agencyUnitId);
    const set = await this.repo.findSet(setId, db);
    const ancestors = await this.repo.ancestorsOf(agencyUnitId, db);
    const visible = set && (can(actor, 'par.read', set.ownerUnitId) || ancestors.includes(set.ownerUnitId));
    if (!set || !visible) throw new NotFoundError('par.set_not_found');
    if (!ancestors.includes(set.ownerUnitId))
      throw new ValidationError('par.agency_outside_set', [{ path: 'body.agencyUnitId', code: 'par.agency_outside_set' }]);
    return set;
  }

  async create(actor: ServerActor, input: { setId: string; agencyUnitId: string }) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.setForAgency(actor, input.setId, input.agencyUnitId, trx);
      if (set.status !== 'active') throw new ConflictError('par.set_not_active');
      const a = await insertAssessment({ repo: this.repo, audit: this.audit, clock: this.clock, access: this.access }, trx, actor, set, input.agencyUnitId);
      return assessmentView(actor, (await this.access.load(a.id, trx))!);
    });
  }

  private async writeScore(trx: Db, actor: ServerActor | null, l: Loaded, before: ScoreRow, next: ScoreRow, expectedVersion: number) {
    if (!(await this.repo.saveScore(trx, expectedVersion, next))) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
    const saved = { ...next, version: expectedVersion + 1 };
    await this.audit.record(trx, actor, {
      action: before.version === 0 ? 'create' : 'update',
      entity: 'par_score',
      entityId: `${l.a.id}:${next.criterionId}`,
      unitId: l.a.agencyUnitId,
      before: before.version === 0 ? null : scoreView(before),
      after: scoreView(saved),
    });
    return saved;
  }

  private checkRange(r: Criterion, value: number | null | undefined, path: string): void {
    if (value === null || value === undefined) return;
    const ceiling = r.rule.kind === 'bonus' ? r.rule.cap : r.maxHundredths;
    if (value > ceiling) throw new ValidationError('par.score_out_of_range', [{ path, code: 'par.score_out_of_range' }], { max: ceiling });
  }

  async selfScore(actor: ServerActor, id: string, criterionId: string, input: SelfScoreInput) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.self_assess', l.a.agencyUnitId);
      const r = criterionOf(l, criterionId);
      const changesScore = input.selfHundredths !== undefined;
      if ((r.rule.kind === 'sum' && changesScore) || (r.notSelfScored === 1 && changesScore)) {
        throw new ValidationError('par.criterion_not_self_scored', [{ path: 'params.criterionId', code: 'par.criterion_not_self_scored' }]);
      }
      // A score or the not-applicable flag is a score change; in the explanation round only notes change.
      requireStatusFor(l.a, changesScore || input.notApplicable !== undefined ? 'self_score' : 'self_note', 'par.assessment_locked');
      this.checkRange(r, input.selfHundredths, 'body.selfHundredths');
      const before = l.scores.get(criterionId) ?? emptyScore(l.a.id, criterionId);
      if (before.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
      const next: ScoreRow = { ...before };
      if (input.selfHundredths !== undefined) next.selfHundredths = input.selfHundredths;
      if (input.selfNote !== undefined) next.selfNote = input.selfNote;
      if (input.notApplicable !== undefined) next.notApplicable = input.notApplicable ? 1 : 0;
      const saved = await this.writeScore(trx, actor, l, before, next, input.version);
      await this.access.refresh(trx, l.a.id);
      return scoreView(saved);
    });
  }

  async appraise(actor: ServerActor, id: string, criterionId: string, input: AppraisalInput) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.appraise', l.a.agencyUnitId);
      const r = criterionOf(l, criterionId);
      if (r.rule.kind === 'sum') throw new ValidationError('par.criterion_not_scored', [{ path: 'params.criterionId', code: 'par.criterion_not_scored' }]);
      const next = requireStatusFor(l.a, 'appraise', 'par.assessment_locked');
      this.checkRange(r, input.appraisedHundredths, 'body.appraisedHundredths');
      const before = l.scores.get(criterionId) ?? emptyScore(l.a.id, criterionId);
      if (before.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: scoreView(before) });
      const row: ScoreRow = { ...before, appraisedHundredths: input.appraisedHundredths };
      if (input.appraiserComment !== undefined) row.appraiserComment = input.appraiserComment;
      const saved = await this.writeScore(trx, actor, l, before, row, input.version);
      if (next !== l.a.status) await this.transition(trx, actor, l, l.a.version, next);
      await this.access.refresh(trx, l.a.id);
      return scoreView(saved);
    });
  }

  private async transition(trx: Db, actor: ServerActor, l: Loaded, version: number, status: AssessmentStatus, extra: Partial<AssessmentRow> = {}) {
    if (l.a.version !== version) throw new ConflictError('conflict.stale_version', [], { version: l.a.version });
    const patch = { status, updatedAt: this.clock.now(), ...extra };
    if (!(await this.repo.touchAssessment(trx, l.a.id, version, patch))) throw new ConflictError('conflict.stale_version');
    await this.audit.record(trx, actor, {
      action: `par_${status}`,
      entity: 'par_assessment',
      entityId: l.a.id,
      unitId: l.a.agencyUnitId,
      before: { status: l.a.status, version },
      after: { ...patch, version: version + 1 },
    });
  }

  /** Moves the assessment on and answers its new view, with the stored totals refreshed. */
  private async moveTo(trx: Db, actor: ServerActor, l: Loaded, version: number, status: AssessmentStatus, extra: Partial<AssessmentRow> = {}) {
    await this.transition(trx, actor, l, version, status, extra);
    return assessmentView(actor, await this.access.refresh(trx, l.a.id));
  }

  /** Self-assessment → submitted (explanation round → back to appraising). Every self-scored row needs a score, and evidence or a note where required. */
  async submit(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.self_assess', l.a.agencyUnitId);
      const next = requireStatusFor(l.a, 'submit', 'par.wrong_status');
      if (l.a.status === 'self_assessing') {
        const card = scorecardOf(l);
        const byId = new Map(l.rows.map((r) => [r.id, r]));
        const linked = new Set(l.links.map((x) => x.criterionId));
        const fields: FieldError[] = [];
        for (const line of card.lines) {
          const r = byId.get(line.nodeId)!;
          if (!line.isScored || !line.countsTowardTotal || line.notApplicable || r.notSelfScored === 1) continue;
          const s = l.scores.get(line.nodeId);
          if (s?.selfHundredths === null || s?.selfHundredths === undefined) fields.push({ path: `scores.${line.code}`, code: 'par.score_missing' });
          else if (r.evidenceRequired === 1 && !linked.has(line.nodeId) && !(s.selfNote ?? '').trim())
            fields.push({ path: `scores.${line.code}`, code: 'par.evidence_missing' });
        }
        if (fields.length > 0) throw new ValidationError('par.submit_incomplete', fields);
      }
      return this.moveTo(trx, actor, l, version, next);
    });
  }

  async requestExplanation(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.appraise', l.a.agencyUnitId);
      return this.moveTo(trx, actor, l, version, requireStatusFor(l.a, 'request_explanation', 'par.wrong_status'));
    });
  }

  /** The province's PAR secretariat fixes the final layer: appraised where given, else self. */
  async finalize(actor: ServerActor, id: string, version: number) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.manage_cycle', l.set.ownerUnitId);
      const next = requireStatusFor(l.a, 'finalize', 'par.wrong_status');
      for (const r of l.rows) {
        if (r.rule.kind === 'sum') continue;
        const before = l.scores.get(r.id);
        if (!before) continue;
        const final = before.appraisedHundredths ?? (r.notSelfScored === 1 ? null : before.selfHundredths);
        if (final === before.finalHundredths) continue;
        await this.writeScore(trx, actor, l, before, { ...before, finalHundredths: final }, before.version);
      }
      return this.moveTo(trx, actor, l, version, next);
    });
  }

  async publish(
    actor: ServerActor,
    id: string,
    input: { version: number; reportedRank?: number | null | undefined; rankGroupSize?: number | null | undefined; publishedRef?: string | null | undefined },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      authorize(actor, 'par.manage_cycle', l.set.ownerUnitId);
      const next = requireStatusFor(l.a, 'publish', 'par.wrong_status');
      const card = scorecardOf(l);
      return this.moveTo(trx, actor, l, input.version, next, {
        reportedTotalHundredths: l.a.reportedTotalHundredths ?? card.total.layers.final.points,
        reportedRank: input.reportedRank ?? l.a.reportedRank,
        rankGroupSize: input.rankGroupSize ?? l.a.rankGroupSize,
        publishedRef: input.publishedRef ?? l.a.publishedRef,
      });
    });
  }
}
