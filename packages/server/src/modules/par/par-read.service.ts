import { can, canAnywhere, isFinishedAssessment, rankAgencies, unitsFor } from '@cchc/domain';
import type { ServerActor } from '../../platform/auth/actor';
import { ForbiddenError, NotFoundError } from '../../platform/errors';
import type { AssessmentAccess } from './par-assessment-access';
import { assessmentView, evidenceView, publishedFieldScores, statusOf, summaryFields } from './par-assessment-view';
import type { AssessmentListRow, Criterion, ParRepository } from './par.repository';
import type { AssessmentStatus } from './par.schemas';

type TotalLayer = 'self' | 'appraised' | 'final';
type RankSource = 'published' | 'computed';
interface Computed {
  rank: number | null;
  groupSize: number;
  ranked: boolean;
}

/**
 * The rank shown for an assessment, the one source for the list, the ranking and the history
 * (docs/domain/par-index.md#percent-bands-and-ranking): the rank the province published, with its group,
 * when there is one; else the rank among the finished results of the year in this system.
 */
function shownRank(
  a: Pick<AssessmentListRow, 'reportedRank' | 'rankGroupSize'>,
  computed: Computed | undefined,
): { rank: number | null; rankGroupSize: number | null; rankSource: RankSource | null } {
  if (a.reportedRank !== null) return { rank: a.reportedRank, rankGroupSize: a.rankGroupSize, rankSource: 'published' };
  if (computed?.ranked && computed.rank !== null) return { rank: computed.rank, rankGroupSize: computed.groupSize, rankSource: 'computed' };
  return { rank: null, rankGroupSize: null, rankSource: null };
}

/** Reading assessments: the scorecard, the lists from the stored totals, rankings, history and export data. */
export class ParReadService {
  constructor(
    private readonly repo: ParRepository,
    private readonly access: AssessmentAccess,
  ) {}

  async get(actor: ServerActor, id: string) {
    return assessmentView(actor, await this.access.visible(actor, id));
  }

  /** Scorecard, evidence and rows for the exports. */
  async exportData(
    actor: ServerActor,
    id: string,
  ): Promise<{
    view: ReturnType<typeof assessmentView>;
    evidence: ReturnType<typeof evidenceView>[];
    rows: Criterion[];
    publishedFields: Map<string, number>;
  }> {
    const l = await this.access.visible(actor, id);
    const evidenceRows = await this.repo.evidenceOf(l.a.id);
    const files = await this.repo.attachmentFiles(evidenceRows.map((e) => e.attachmentId));
    return {
      view: assessmentView(actor, l),
      evidence: evidenceRows.map((e) => evidenceView(e, l.links, files)),
      rows: l.rows,
      publishedFields: publishedFieldScores(l),
    };
  }

  private scope(actor: ServerActor): string[] {
    if (!canAnywhere(actor, 'par.read')) throw new ForbiddenError('forbidden', [], { action: 'par.read' });
    return unitsFor(actor, 'par.read');
  }

  /** Ranks the finished results of the given years, per year and kind of agency; ties share a rank. */
  private async computedRanks(
    units: readonly string[],
    years: readonly number[],
    scope?: string,
  ): Promise<{ rows: AssessmentListRow[]; ranks: Map<string, Computed> }> {
    const rows = (await this.repo.listAssessments(units, { years: [...new Set(years)], finishedOnly: true })).filter(
      (r) => scope === undefined || r.scope === scope,
    );
    const groups = new Map<string, AssessmentListRow[]>();
    for (const r of rows) groups.set(`${r.year}:${r.scope}`, [...(groups.get(`${r.year}:${r.scope}`) ?? []), r]);
    const ranks = new Map<string, Computed>();
    for (const g of groups.values()) {
      for (const x of rankAgencies(g.map((r) => ({ agencyId: r.id, indexBasisPoints: r.percentBasisPoints ?? 0, ranked: r.percentBasisPoints !== null })))) {
        ranks.set(x.agencyId, { rank: x.rank, groupSize: x.groupSize, ranked: x.ranked });
      }
    }
    return { rows, ranks };
  }

  /** One query for the page and one for the ranks of its years, whatever the number of assessments. */
  async list(actor: ServerActor, query: { year?: number | undefined; page?: number; pageSize?: number }) {
    const units = this.scope(actor);
    const page = query.page ?? 1;
    const pageSize = query.pageSize ?? 50;
    const paged = query.year === undefined;
    const [rows, total] = await Promise.all([
      this.repo.listAssessments(units, { year: query.year }, paged ? { page, pageSize } : undefined),
      paged ? this.repo.countAssessments(units, {}) : Promise.resolve(-1),
    ]);
    const { ranks } = await this.computedRanks(
      units,
      rows.map((r) => r.year),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        agencyUnitId: r.agencyUnitId,
        agencyName: r.agencyName,
        year: r.year,
        status: statusOf(r),
        ...summaryFields(r, r),
        ...shownRank(r, ranks.get(r.id)),
        totalLayer: (r.totalLayer ?? 'self') as TotalLayer,
      })),
      total: paged ? total : rows.length,
      page: paged ? page : 1,
      pageSize: paged ? pageSize : rows.length,
    };
  }

  async rankings(actor: ServerActor, year: number, scope: string | undefined) {
    const { rows, ranks } = await this.computedRanks(this.scope(actor), [year], scope);
    const byId = new Map(rows.map((r) => [r.id, r]));
    return [...ranks]
      .map(([id, c]) => ({ r: byId.get(id)!, c }))
      .sort((x, y) => (x.c.ranked === y.c.ranked ? (x.c.rank ?? 0) - (y.c.rank ?? 0) : x.c.ranked ? -1 : 1))
      .map(({ r, c }) => ({
        assessmentId: r.id,
        agencyUnitId: r.agencyUnitId,
        agencyName: r.agencyName,
        indexBasisPoints: r.percentBasisPoints ?? 0,
        ranked: c.ranked,
        rank: c.rank,
        groupSize: c.groupSize,
        band: r.band,
        publishedRank: r.reportedRank,
        publishedGroupSize: r.reportedRank === null ? null : r.rankGroupSize,
      }));
  }

  /**
   * The agency's results over the years. The change from year to year compares like with like: a finished
   * result (final or published) with the previous finished one, computed total with computed total; an
   * unfinished year has no change (its total is still a self or appraised score).
   */
  async history(actor: ServerActor, unitId: string) {
    const units = this.scope(actor);
    const rows = (await this.repo.listAssessments(units, { agencyUnitId: unitId })).sort((x, y) => x.year - y.year);
    if (rows.length === 0 && !can(actor, 'unit.read', unitId)) throw new NotFoundError('unit.not_found');
    const { ranks } = await this.computedRanks(
      units,
      rows.map((r) => r.year),
    );
    let previous: { year: number; total: number } | null = null;
    return rows.map((r) => {
      const s = summaryFields(r, r);
      const finished = isFinishedAssessment(r.status as AssessmentStatus);
      const comparable = finished && s.computedTotalHundredths !== null;
      const change =
        comparable && previous
          ? { changeHundredths: s.computedTotalHundredths! - previous.total, comparedWithYear: previous.year }
          : { changeHundredths: null, comparedWithYear: null };
      if (comparable) previous = { year: r.year, total: s.computedTotalHundredths! };
      const shown = shownRank(r, ranks.get(r.id));
      return {
        assessmentId: r.id,
        year: r.year,
        status: statusOf(r),
        computedTotalHundredths: s.computedTotalHundredths,
        reportedTotalHundredths: s.reportedTotalHundredths,
        totalLayer: (r.totalLayer ?? 'self') as TotalLayer,
        maxHundredths: s.maxHundredths,
        percentBasisPoints: s.percentBasisPoints,
        reportedRank: r.reportedRank,
        rankGroupSize: shown.rankGroupSize,
        rank: shown.rank,
        rankSource: shown.rankSource,
        band: s.band,
        ...change,
      };
    });
  }
}
