import { canonicalAnswer, validateAnswers, type AnswerValue, type QuestionnaireDefinition } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import type { CampaignService } from './campaign.service';
import type { SurveyCountsRepository } from './survey-counts.repository';
import type { SurveyRepository } from './survey.repository';

type Answers = Record<string, AnswerValue>;

/** One question whose two keyings differ (null = left blank in that keying). */
export interface PaperDifference {
  questionId: string;
  first: AnswerValue | null;
  second: AnswerValue | null;
}

export function paperDifferences(first: Answers, second: Answers): PaperDifference[] {
  const ids = [...new Set([...Object.keys(first), ...Object.keys(second)])].sort();
  return ids
    .filter((id) => canonicalAnswer(first[id]) !== canonicalAnswer(second[id]))
    .map((questionId) => ({ questionId, first: first[questionId] ?? null, second: second[questionId] ?? null }));
}

/**
 * Paper forms typed in by staff with double entry (docs/surveys.md, "Invitations"). The first keying is
 * checked exactly as a web submission and kept as a pending entry that counts nowhere. A second staff
 * member re-keys the form without seeing the first keying; when both agree the response is written
 * (marked `paper`, `entered_by` the first keyer) and counted in the same transaction. When they differ,
 * nothing is written and the differences come back (409) for the second person to check against the
 * paper; re-sending with `acceptSecond` makes the second keying the one that counts.
 */
export class PaperEntryService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly campaigns: CampaignService,
    private readonly counts: SurveyCountsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  private async openCampaign(actor: ServerActor, campaignId: string, trx: Db) {
    const c = await this.campaigns.find(actor, campaignId, trx);
    authorize(actor, 'survey.manage', c.unitId);
    if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
    return { c, definition: await this.repo.definitionOf(c.questionnaireId, trx) };
  }

  private check(definition: QuestionnaireDefinition, answers: Answers) {
    const { issues, rows } = validateAnswers(definition, answers);
    if (issues.length)
      throw new ValidationError(
        'survey.answers_invalid',
        issues.map((i) => ({ path: `body.answers.${i.questionId}`, code: i.code })),
      );
    return rows;
  }

  /** First keying: checked, kept pending; nothing is counted yet. */
  async enter(
    actor: ServerActor,
    campaignId: string,
    input: { answers: Answers; respondentGroup?: string | undefined },
  ): Promise<{ id: string; status: 'pending'; version: number }> {
    return this.db.transaction().execute(async (trx) => {
      const { c, definition } = await this.openCampaign(actor, campaignId, trx);
      this.check(definition, input.answers);
      const id = randomUUID();
      await this.repo.insertPaperEntry(trx, {
        id,
        campaignId: c.id,
        status: 'pending',
        answers: JSON.stringify(input.answers),
        respondentGroup: input.respondentGroup ?? null,
        enteredBy: actor.userId,
        enteredOn: this.clock.today(),
        confirmedBy: null,
        version: 1,
      });
      // The audit row names who typed a form in, never its answers.
      await this.audit.record(trx, actor, { action: 'paper_entry', entity: 'survey_campaign', entityId: c.id, unitId: c.unitId });
      return { id, status: 'pending' as const, version: 1 };
    });
  }

  /** Forms waiting for their second keying (never their answers: the second keying is blind). */
  async pending(actor: ServerActor, campaignId: string, page: { page: number; pageSize: number }) {
    const c = await this.campaigns.find(actor, campaignId);
    authorize(actor, 'survey.manage', c.unitId);
    const { rows, total } = await this.repo.pendingPaperEntries(c.id, page);
    return { items: rows, total, page: page.page, pageSize: page.pageSize };
  }

  /** Second keying: by another person; equal answers (or `acceptSecond`) write and count the response. */
  async confirm(
    actor: ServerActor,
    campaignId: string,
    entryId: string,
    input: { answers: Answers; version: number; acceptSecond?: boolean | undefined },
  ): Promise<{ status: 'confirmed'; differences: PaperDifference[] }> {
    return this.db.transaction().execute(async (trx) => {
      const { c, definition } = await this.openCampaign(actor, campaignId, trx);
      const e = await this.repo.findPaperEntry(trx, c.id, entryId);
      if (!e) throw new NotFoundError('survey.paper_entry_not_found');
      if (e.status !== 'pending') throw new ConflictError('survey.paper_entry_confirmed');
      if (e.version !== input.version) throw new ConflictError('survey.stale_version');
      if (e.enteredBy === actor.userId) throw new ConflictError('survey.paper_same_person');
      const rows = this.check(definition, input.answers);
      const differences = paperDifferences(JSON.parse(e.answers ?? '{}') as Answers, input.answers);
      if (differences.length && !input.acceptSecond)
        throw new ConflictError(
          'survey.paper_entries_differ',
          differences.map((d) => ({ path: `body.answers.${d.questionId}`, code: 'survey.paper_answer_differs' })),
          { differences },
        );
      if (!(await this.repo.confirmPaperEntry(trx, e.id, e.version, actor.userId))) throw new ConflictError('survey.stale_version');
      const dims = { unitId: null, procedureCode: null, dossierChannel: null, mode: 'paper', respondentGroup: e.respondentGroup };
      await this.counts.insertResponse(
        trx,
        { id: randomUUID(), campaignId: c.id, submittedOn: e.enteredOn, stratumKey: null, ...dims, invitationId: null, enteredBy: e.enteredBy },
        rows,
        { definition, answers: input.answers },
      );
      await this.audit.record(trx, actor, { action: 'approve', entity: 'survey_campaign', entityId: c.id, unitId: c.unitId });
      return { status: 'confirmed' as const, differences };
    });
  }
}
