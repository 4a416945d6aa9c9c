import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { AssessmentAccess } from './par-assessment-access';
import { assessmentView } from './par-assessment-view';
import { insertPublishedResult } from './par-assessment-writes';
import type { ParCycleService } from './par-cycle.service';
import type { ParRepository } from './par.repository';
import type { PublishedResultInput } from './par.schemas';

/** Historical results: a year published before the system, entered as published and checked against its fields. */
export class ParHistoryService {
  constructor(
    private readonly db: Db,
    private readonly repo: ParRepository,
    private readonly access: AssessmentAccess,
    private readonly cycle: ParCycleService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Authorized as starting an assessment of the agency is (`par.manage_cycle` on it, the set above it). */
  async enterPublished(actor: ServerActor, input: PublishedResultInput) {
    return this.db.transaction().execute(async (trx) => {
      const set = await this.cycle.setForAgency(actor, input.setId, input.agencyUnitId, trx);
      const a = await insertPublishedResult({ repo: this.repo, audit: this.audit, clock: this.clock, access: this.access }, trx, actor, set, input);
      return assessmentView(actor, (await this.access.load(a.id, trx))!);
    });
  }
}
