import { can, canAnywhere } from '@cchc/domain';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { FileOwner } from '../../platform/files/files.service';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { criterionOf, type AssessmentAccess } from './par-assessment-access';
import { evidenceView } from './par-assessment-view';
import { insertEvidence, type EvidenceInput } from './par-assessment-writes';
import { requireStatusFor } from './par-cycle.service';
import { ParRepository, type AssessmentRow, type EvidenceRow } from './par.repository';
import { UnitTreeRepository } from '../../platform/units/unit-tree';

/** Evidence is changed by the assessed agency's self-assessors while the lifecycle lets them (self-assessing, explaining). */
function evidenceWritable(actor: ServerActor, a: Pick<AssessmentRow, 'agencyUnitId' | 'status'>): void {
  authorize(actor, 'par.self_assess', a.agencyUnitId);
  requireStatusFor(a, 'edit_evidence', 'par.assessment_locked');
}

/** The evidence register of an assessment: documents linked to any number of rows, each with an optional file. */
export class ParEvidenceService {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly access: AssessmentAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async listEvidence(actor: ServerActor, id: string) {
    const l = await this.access.visible(actor, id);
    const rows = await this.repo.evidenceOf(l.a.id);
    const files = await this.repo.attachmentFiles(rows.map((e) => e.attachmentId));
    return rows.map((e) => evidenceView(e, l.links, files));
  }

  async addEvidence(actor: ServerActor, id: string, input: EvidenceInput & { attachmentId?: string | null | undefined }) {
    return this.db.transaction().execute(async (trx) => {
      const l = await this.access.inScope(actor, id, trx);
      evidenceWritable(actor, l.a);
      // The file is uploaded for the record once it exists, then set by PATCH.
      if (input.attachmentId) throw new ValidationError('par.attachment_invalid', [{ path: 'body.attachmentId', code: 'par.attachment_invalid' }]);
      return insertEvidence({ repo: this.repo, audit: this.audit, clock: this.clock, access: this.access }, trx, actor, l, input);
    });
  }

  private async evidenceInScope(actor: ServerActor, evidenceId: string, trx: Db) {
    const e = await this.repo.findEvidence(evidenceId, trx);
    if (!e) throw new NotFoundError('par.evidence_not_found');
    const l = await this.access.load(e.assessmentId, trx);
    if (!l || !can(actor, 'par.read', l.a.agencyUnitId)) throw new NotFoundError('par.evidence_not_found');
    evidenceWritable(actor, l.a);
    return { e, l };
  }

  async updateEvidence(
    actor: ServerActor,
    evidenceId: string,
    input: {
      version: number;
      numberSymbol?: string | undefined;
      issuedOn?: string | null | undefined;
      issuer?: string | null | undefined;
      title?: string | undefined;
      attachmentId?: string | null | undefined;
    },
  ) {
    return this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      if (e.version !== input.version) throw new ConflictError('conflict.stale_version');
      if (input.attachmentId && !(await this.repo.isEvidenceAttachment(e.id, input.attachmentId, trx))) {
        throw new ValidationError('par.attachment_invalid', [{ path: 'body.attachmentId', code: 'par.attachment_invalid' }]);
      }
      const { version, ...rest } = input;
      const patch = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)) as Partial<EvidenceRow>;
      if (!(await this.repo.updateEvidence(trx, e.id, version, patch))) throw new ConflictError('conflict.stale_version');
      const next = { ...e, ...patch, version: version + 1 };
      await this.audit.record(trx, actor, { action: 'update', entity: 'par_evidence', entityId: e.id, unitId: l.a.agencyUnitId, before: e, after: next });
      return evidenceView(next, l.links, await this.repo.attachmentFiles([next.attachmentId], trx));
    });
  }

  async deleteEvidence(actor: ServerActor, evidenceId: string, version: number) {
    await this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      if (e.version !== version || !(await this.repo.deleteEvidence(trx, e.id, version))) throw new ConflictError('conflict.stale_version');
      await this.audit.record(trx, actor, { action: 'delete', entity: 'par_evidence', entityId: e.id, unitId: l.a.agencyUnitId, before: e });
    });
  }

  async link(actor: ServerActor, evidenceId: string, criterionId: string, linked: boolean) {
    return this.db.transaction().execute(async (trx) => {
      const { e, l } = await this.evidenceInScope(actor, evidenceId, trx);
      criterionOf(l, criterionId);
      const has = l.links.some((x) => x.evidenceId === e.id && x.criterionId === criterionId);
      if (linked !== has) {
        await this.repo.setLink(trx, e.id, criterionId, linked);
        await this.audit.record(trx, actor, {
          action: linked ? 'link' : 'unlink',
          entity: 'par_evidence',
          entityId: e.id,
          unitId: l.a.agencyUnitId,
          after: { criterionId },
        });
      }
      const links = linked
        ? [...l.links, ...(has ? [] : [{ evidenceId: e.id, criterionId }])]
        : l.links.filter((x) => !(x.evidenceId === e.id && x.criterionId === criterionId));
      return evidenceView(e, links, await this.repo.attachmentFiles([e.attachmentId], trx));
    });
  }
}

/**
 * Evidence files: read as the assessment is (in the actor's PAR scope, or published), attached as the
 * evidence record is changed (self-assessors of the agency while the assessment is open).
 */
export const parEvidenceFileOwner: FileOwner = {
  entity: 'par_evidence',
  async readable(db, actor, id) {
    if (!canAnywhere(actor, 'par.read')) return null;
    const a = await new ParRepository(db, new UnitTreeRepository(db)).evidenceAssessment(id);
    return a && (can(actor, 'par.read', a.agencyUnitId) || a.status === 'published') ? a.agencyUnitId : null;
  },
  async attachable(db, actor, id) {
    const a = await new ParRepository(db, new UnitTreeRepository(db)).evidenceAssessment(id);
    if (!a || !can(actor, 'par.read', a.agencyUnitId)) throw new NotFoundError('par.evidence_not_found');
    evidenceWritable(actor, a);
    return a.agencyUnitId;
  },
};
