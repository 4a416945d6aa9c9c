import { allocate, canAnywhere, can, foldVietnamese, sampleSize, unitsFor } from '@cchc/domain';
import { randomInt, randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import type { QuestionnaireService } from './questionnaire.service';
import { endOfDayInstant, newToken, startOfDayInstant, tokenHash } from './survey-tokens';
import type { CampaignRow, DossierFilter, DrawnDossier, InvitationRow, SurveyRepository } from './survey.repository';
import type { CampaignListQuery, CampaignSummary, CampaignView, CreateCampaignInput, DossierPopulation } from './survey.schemas';

/** 400 for a margin outside (0, 0.5) or a population below 1, naming the field (issue #12 contract). */
export function checkedSampleSize(population: number, margin: number, paths = { population: 'query.population', margin: 'query.margin' }): number {
  const fields = [];
  if (!Number.isSafeInteger(population) || population < 1) fields.push({ path: paths.population, code: 'survey.population_invalid' });
  if (!Number.isFinite(margin) || margin <= 0 || margin >= 0.5) fields.push({ path: paths.margin, code: 'survey.margin_invalid' });
  if (fields.length) throw new ValidationError('validation.failed', fields);
  return sampleSize(population, margin);
}

function summary(actor: ServerActor, r: CampaignRow, responses: number): CampaignSummary {
  return {
    id: r.id,
    unitId: r.unitId,
    questionnaireId: r.questionnaireId,
    title: r.title,
    opensOn: r.opensOn,
    closesOn: r.closesOn,
    anonymous: r.anonymous === 1,
    minDurationSeconds: r.minDurationSeconds,
    populationKind: r.populationKind as CampaignSummary['populationKind'],
    population: r.population,
    marginBasisPoints: r.marginBasisPoints,
    sampleSize: r.sampleSize,
    status: r.status as CampaignSummary['status'],
    responses,
    version: r.version,
    createdAt: r.createdAt,
    can: { manage: can(actor, 'survey.manage', r.unitId) && r.status === 'open' },
  };
}

export interface CampaignSettings {
  /** Address of the citizen site, for invitation links; null gives site-relative links. */
  publicBaseUrl: string | null;
}

/** Survey campaigns: population counted and sampled in the database, invitations with one-time tokens. */
export class CampaignService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly questionnaires: QuestionnaireService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly settings: CampaignSettings,
  ) {}

  private link(token: string): string {
    return `${this.settings.publicBaseUrl ?? ''}/khao-sat/${token}`;
  }

  async find(actor: ServerActor, id: string, trx: Db = this.db): Promise<CampaignRow> {
    const row = await this.repo.findCampaign(unitsFor(actor, 'survey.read'), id, trx);
    if (row) return row;
    if (await this.repo.findCampaign(unitsFor(actor, 'unit.read'), id, trx)) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
    throw new NotFoundError('survey.campaign_not_found');
  }

  async findManaged(actor: ServerActor, id: string, trx: Db): Promise<CampaignRow> {
    const row = await this.find(actor, id, trx);
    authorize(actor, 'survey.manage', row.unitId);
    return row;
  }

  private filterOf(actor: ServerActor, p: DossierPopulation): DossierFilter {
    const scope = unitsFor(actor, 'survey.manage');
    const fields = [];
    if (p.to < p.from) fields.push({ path: 'body.population.to', code: 'survey.period_invalid' });
    const outside = (p.unitIds ?? []).filter((u) => !scope.includes(u));
    if (outside.length) fields.push({ path: 'body.population.unitIds', code: 'survey.unit_out_of_scope' });
    if (fields.length) throw new ValidationError('validation.failed', fields);
    return {
      fromAt: startOfDayInstant(p.from),
      toAt: endOfDayInstant(p.to),
      unitIds: p.unitIds?.length ? p.unitIds : scope,
      procedureIds: p.procedureIds,
      stratifyBy: p.stratifyBy,
    };
  }

  /** The population and sample a campaign would get (the form's live computation). */
  async preview(actor: ServerActor, q: { from: string; to: string; stratifyBy: DossierPopulation['stratifyBy']; margin: number }) {
    if (!canAnywhere(actor, 'survey.manage')) throw new ForbiddenError('forbidden', [], { action: 'survey.manage' });
    const strata = await this.repo.countStrata(this.filterOf(actor, { kind: 'dossiers', ...q }));
    const population = strata.reduce((a, s) => a + s.population, 0);
    const n = population === 0 ? 0 : checkedSampleSize(population, q.margin);
    const alloc = allocate(strata, n);
    return { population, n, strata: strata.map((s) => ({ ...s, allocated: alloc[s.key] ?? 0 })) };
  }

  async list(actor: ServerActor, q: CampaignListQuery) {
    if (!canAnywhere(actor, 'survey.read')) throw new ForbiddenError('forbidden', [], { action: 'survey.read' });
    const { rows, total } = await this.repo.listCampaigns(unitsFor(actor, 'survey.read'), q, q.q ? foldVietnamese(q.q) : null);
    return { items: rows.map((r) => summary(actor, r, r.responses)), total, page: q.page, pageSize: q.pageSize };
  }

  private async view(actor: ServerActor, row: CampaignRow, trx: Db, openUrl: string | null = null): Promise<CampaignView> {
    const strata = await this.repo.strataWithCounts(row.id, trx);
    const q = await trx.selectFrom('surveyQuestionnaires').select('title').where('id', '=', row.questionnaireId).executeTakeFirstOrThrow();
    return {
      ...summary(actor, row, await this.repo.countResponses(row.id, trx)),
      seed: row.seed,
      questionnaireTitle: q.title,
      strata: strata.map((s) => ({
        key: s.key,
        label: s.label,
        population: s.population,
        allocated: s.allocated,
        invited: s.invited,
        replaced: s.replaced,
        answered: s.answered,
        responseRateBasisPoints: s.invited === 0 ? null : Math.round((s.answered * 10_000) / s.invited),
      })),
      openUrl,
    };
  }

  get(actor: ServerActor, id: string): Promise<CampaignView> {
    return this.db.transaction().execute(async (trx) => this.view(actor, await this.find(actor, id, trx), trx));
  }

  private invitation(campaignId: string, d: DrawnDossier, drawNo: number): InvitationRow {
    let email: string | null = null;
    try {
      email = (JSON.parse(d.applicant) as { email?: string | null }).email ?? null;
    } catch {
      email = null;
    }
    return {
      id: randomUUID(),
      campaignId,
      stratumKey: d.stratum,
      drawNo,
      dossierId: d.id,
      respondentName: d.applicantName,
      respondentEmail: email,
      tokenHash: null,
      expiresAt: null,
      status: 'selected',
      used: 0,
      usedOn: null,
      createdAt: this.clock.now(),
    };
  }

  /**
   * Creates a campaign and draws its sample in one transaction: strata counted in SQL, n from the BNV
   * formula, allocated by largest remainder, each stratum's lowest ranks in the stored seed's order.
   */
  async create(actor: ServerActor, input: CreateCampaignInput): Promise<CampaignView> {
    authorize(actor, 'survey.manage', input.unitId);
    const fields = [];
    if (input.closesOn < input.opensOn) fields.push({ path: 'body.closesOn', code: 'survey.period_invalid' });
    if (!(input.margin > 0 && input.margin < 0.5)) fields.push({ path: 'body.margin', code: 'survey.margin_invalid' });
    if (fields.length) throw new ValidationError('validation.failed', fields);
    const q = await this.questionnaires.find(actor, input.questionnaireId);
    if (q.status !== 'published')
      throw new ValidationError('survey.questionnaire_not_published', [{ path: 'body.questionnaireId', code: 'survey.questionnaire_not_published' }]);
    const seed = input.seed ?? randomInt(0, 2 ** 32 - 1);
    const now = this.clock.now();
    return this.db.transaction().execute(async (trx) => {
      const row: CampaignRow = {
        id: randomUUID(),
        unitId: input.unitId,
        questionnaireId: q.id,
        title: input.title,
        titleFolded: foldVietnamese(input.title),
        opensOn: input.opensOn,
        closesOn: input.closesOn,
        anonymous: input.anonymous ? 1 : 0,
        minDurationSeconds: input.minDurationSeconds,
        populationKind: input.population.kind,
        populationFilter: JSON.stringify(input.population),
        population: 0,
        marginBasisPoints: Math.round(input.margin * 10_000),
        sampleSize: 0,
        seed: String(seed),
        openTokenHash: null,
        status: 'open',
        closedAt: null,
        createdBy: actor.userId,
        version: 1,
        createdAt: now,
        updatedAt: now,
      };
      let openUrl: string | null = null;
      let strataRows: Array<{ key: string; label: string; population: number; allocated: number }> = [];
      const invitations: InvitationRow[] = [];
      if (input.population.kind === 'open') {
        const token = newToken();
        row.openTokenHash = tokenHash(token);
        openUrl = this.link(token);
      } else if (input.population.kind === 'dossiers') {
        const filter = this.filterOf(actor, input.population);
        const strata = await this.repo.countStrata(filter, trx);
        row.population = strata.reduce((a, s) => a + s.population, 0);
        if (row.population === 0) throw new ValidationError('survey.population_empty', [{ path: 'body.population', code: 'survey.population_empty' }]);
        row.sampleSize = checkedSampleSize(row.population, input.margin, { population: 'body.population', margin: 'body.margin' });
        const alloc = allocate(strata, row.sampleSize);
        strataRows = strata.map((s) => ({ ...s, allocated: alloc[s.key] ?? 0 }));
        for (const d of await this.repo.drawStrata(filter, strataRows, seed, trx)) invitations.push(this.invitation(row.id, d, d.pos));
      }
      await this.repo.insertCampaign(trx, row);
      if (strataRows.length)
        await trx
          .insertInto('surveyStrata')
          .values(
            strataRows.map((s) => ({ campaignId: row.id, key: s.key, label: s.label, population: s.population, allocated: s.allocated, drawn: s.allocated })),
          )
          .execute();
      await this.repo.insertInvitations(trx, invitations);
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'survey_campaign',
        entityId: row.id,
        unitId: row.unitId,
        after: {
          title: row.title,
          questionnaireId: row.questionnaireId,
          population: row.population,
          sampleSize: row.sampleSize,
          seed: row.seed,
          anonymous: input.anonymous,
        },
      });
      return this.view(actor, row, trx, openUrl);
    });
  }

  /**
   * Issues one-time links for invitations that have none (or re-issues the named ones: the old link
   * stops working). The tokens are in this answer only; the database keeps their hashes.
   */
  async issueLinks(actor: ServerActor, id: string, invitationIds: string[] | undefined) {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.findManaged(actor, id, trx);
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      const rows = await this.repo.invitationsToIssue(trx, c.id, invitationIds);
      const expiresAt = endOfDayInstant(c.closesOn);
      const items = [];
      for (const r of rows) {
        const token = newToken();
        await this.repo.setToken(trx, r.id, tokenHash(token), expiresAt);
        items.push({
          invitationId: r.id,
          stratumKey: r.stratumKey,
          respondentName: r.respondentName,
          respondentEmail: r.respondentEmail,
          token,
          url: this.link(token),
          expiresAt,
        });
      }
      await this.audit.record(trx, actor, {
        action: 'issue_links',
        entity: 'survey_campaign',
        entityId: c.id,
        unitId: c.unitId,
        after: { count: items.length },
      });
      return { items };
    });
  }

  async invitations(actor: ServerActor, id: string, q: { stratumKey?: string; page: number; pageSize: number }) {
    const c = await this.findManaged(actor, id, this.db);
    const { rows, total } = await this.repo.listInvitations(c.id, q.stratumKey, q);
    return {
      items: rows.map((r) => ({
        id: r.id,
        stratumKey: r.stratumKey,
        drawNo: r.drawNo,
        respondentName: r.respondentName,
        respondentEmail: r.respondentEmail,
        status: r.status as 'selected' | 'unreachable',
        issued: r.tokenHash !== null,
        used: r.used === 1,
      })),
      total,
      page: q.page,
      pageSize: q.pageSize,
    };
  }

  /** A respondent who cannot be reached is replaced by the next dossier of the same stratum's seeded order. */
  async replace(actor: ServerActor, id: string, invitationId: string) {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.findManaged(actor, id, trx);
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      if (c.populationKind !== 'dossiers') throw new ConflictError('survey.no_sample');
      const inv = await this.repo.findInvitation(trx, c.id, invitationId);
      if (!inv) throw new NotFoundError('survey.invitation_not_found');
      if (inv.status !== 'selected' || inv.used === 1) throw new ConflictError('survey.invitation_not_replaceable');
      const stratum = await trx
        .selectFrom('surveyStrata')
        .selectAll()
        .where('campaignId', '=', c.id)
        .where('key', '=', inv.stratumKey)
        .executeTakeFirstOrThrow();
      if (stratum.drawn >= stratum.population) throw new ConflictError('survey.stratum_exhausted');
      const filter = this.filterOf(actor, JSON.parse(c.populationFilter) as DossierPopulation);
      const [d] = await this.repo.drawStratum(filter, stratum.key, Number(c.seed), 1, trx, c.id);
      if (!d) throw new ConflictError('survey.population_changed');
      await trx.updateTable('surveyInvitations').set({ status: 'unreachable', tokenHash: null }).where('id', '=', inv.id).execute();
      await trx
        .updateTable('surveyStrata')
        .set({ drawn: stratum.drawn + 1 })
        .where('campaignId', '=', c.id)
        .where('key', '=', stratum.key)
        .execute();
      const next = this.invitation(c.id, d, stratum.drawn);
      await this.repo.insertInvitations(trx, [next]);
      await this.audit.record(trx, actor, {
        action: 'replace_respondent',
        entity: 'survey_campaign',
        entityId: c.id,
        unitId: c.unitId,
        after: { replaced: inv.id, by: next.id },
      });
      return {
        id: next.id,
        stratumKey: next.stratumKey,
        drawNo: next.drawNo,
        respondentName: next.respondentName,
        respondentEmail: next.respondentEmail,
        status: 'selected' as const,
        issued: false,
        used: false,
      };
    });
  }

  /** Closing stops every link and invitation of the campaign; answers already given stay. */
  async close(actor: ServerActor, id: string, version: number): Promise<CampaignView> {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.findManaged(actor, id, trx);
      if (c.version !== version) throw new ConflictError('survey.stale_version', [], { current: await this.view(actor, c, trx) });
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      const set = { status: 'closed', closedAt: this.clock.now(), updatedAt: this.clock.now() };
      if (!(await this.repo.updateCampaign(trx, c.id, c.version, set))) throw new ConflictError('survey.stale_version');
      await this.repo.withdrawEmails(trx, c.id);
      await this.audit.record(trx, actor, { action: 'close', entity: 'survey_campaign', entityId: c.id, unitId: c.unitId, after: set });
      return this.view(actor, { ...c, ...set, version: c.version + 1 }, trx);
    });
  }
}
