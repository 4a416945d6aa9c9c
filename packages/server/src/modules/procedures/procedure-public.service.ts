import type { Clock } from '../../platform/clock';
import { NotFoundError } from '../../platform/errors';
import type { ProcedureRepository, StoredVersion } from './procedure.repository';
import type { PublicListQuery, PublicProcedureView } from './procedure.schemas';

type PublicRow = StoredVersion & { code: string; agencyName: string };

function summary(r: PublicRow) {
  return {
    id: r.procedureId,
    code: r.code,
    name: r.content.name,
    sector: r.content.sector,
    agencyName: r.agencyName,
    timeLimit: r.content.timeLimit,
    channels: r.content.channels,
    onlineLevel: r.content.onlineLevel,
  };
}

/** Field by field, so nothing internal (step units, template ids, who edited) reaches the public. */
function detail(r: PublicRow): PublicProcedureView {
  const c = r.content;
  return {
    ...summary(r),
    level: c.level,
    effectiveFrom: r.effectiveFrom,
    fees: c.fees,
    components: c.components.map((x) => ({ name: x.name, kind: x.kind, quantity: x.quantity, mandatory: x.mandatory, hasTemplate: x.templateFileId !== null })),
    resultType: c.resultType,
    resultName: c.resultName,
    legalBasis: c.legalBasis,
    applicants: c.applicants,
    publication: c.publication,
    receivingCutoffMinute: c.receivingCutoffMinute,
    steps: c.steps.map((s) => ({ name: s.name, budget: s.budget })),
  };
}

/**
 * The public catalogue (no login): active procedures of every agency, each as the version in
 * force today, so a citizen never sees content that is not yet (or no longer) the law.
 */
export class PublicProcedureService {
  constructor(
    private readonly repo: ProcedureRepository,
    private readonly clock: Clock,
  ) {}

  async list(q: PublicListQuery) {
    const { rows, total } = await this.repo.publicList(this.clock.today(), q, q.pageSize, (q.page - 1) * q.pageSize);
    return { items: rows.map(summary), total, page: q.page, pageSize: q.pageSize };
  }

  async get(id: string): Promise<PublicProcedureView> {
    const r = await this.repo.publicFind(this.clock.today(), id);
    if (!r) throw new NotFoundError('procedure.not_found');
    return detail(r);
  }

  async sectors() {
    return { items: await this.repo.publicSectors(this.clock.today()) };
  }
}
