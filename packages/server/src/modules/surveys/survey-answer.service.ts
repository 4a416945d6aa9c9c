import { validateAnswers, type AnswerValue } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, NotFoundError, ValidationError } from '../../platform/errors';
import { tokenHash } from './survey-tokens';
import type { SurveyCountsRepository } from './survey-counts.repository';
import type { CampaignRow, InvitationRow, SurveyRepository } from './survey.repository';

interface Resolved {
  campaign: CampaignRow;
  invitation: InvitationRow | null;
}

/**
 * Answering through a link (no login; docs/surveys.md, "Answering and anonymity"). An unknown token,
 * an expired one and one of a closed campaign all read as the same 404; a used token is 409.
 */
export class SurveyAnswerService {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly counts: SurveyCountsRepository,
    private readonly clock: Clock,
  ) {}

  private async resolve(trx: Db, token: string): Promise<Resolved> {
    const hash = tokenHash(token);
    const invitation = (await this.repo.invitationByToken(trx, hash)) ?? null;
    const campaign = invitation
      ? await trx.selectFrom('surveyCampaigns').selectAll().where('id', '=', invitation.campaignId).executeTakeFirst()
      : await this.repo.campaignByOpenToken(trx, hash);
    const today = this.clock.today();
    const now = this.clock.now();
    const live =
      !!campaign &&
      campaign.status === 'open' &&
      campaign.opensOn <= today &&
      today <= campaign.closesOn &&
      (!invitation || (invitation.status === 'selected' && (!invitation.expiresAt || now < invitation.expiresAt)));
    if (!live) throw new NotFoundError('survey.link_not_found');
    if (invitation?.used === 1) throw new ConflictError('survey.already_answered');
    return { campaign: campaign!, invitation };
  }

  /** 200 when the link can be answered, 409 when it was, 404 otherwise: the status of the page at /khao-sat/<token>. */
  async linkStatus(token: string): Promise<200 | 404 | 409> {
    try {
      await this.resolve(this.db, token);
      return 200;
    } catch (e) {
      return e instanceof ConflictError ? 409 : 404;
    }
  }

  async form(token: string) {
    const { campaign } = await this.resolve(this.db, token);
    return {
      campaignTitle: campaign.title,
      anonymous: campaign.anonymous === 1,
      closesOn: campaign.closesOn,
      definition: await this.repo.definitionOf(campaign.questionnaireId),
    };
  }

  /**
   * Stores one submission. The token is marked used in the same transaction as the response is written;
   * in an anonymous campaign the response keeps no invitation, dossier or respondent id and only the day,
   * and the invitation keeps no time of use, so the two cannot be joined again.
   */
  async submit(token: string, answers: Record<string, AnswerValue>, durationSeconds?: number): Promise<{ received: true }> {
    return this.db.transaction().execute(async (trx) => {
      const { campaign, invitation } = await this.resolve(trx, token);
      const definition = await this.repo.definitionOf(campaign.questionnaireId, trx);
      const { issues, rows } = validateAnswers(definition, answers);
      if (issues.length)
        throw new ValidationError(
          'survey.answers_invalid',
          issues.map((i) => ({ path: `body.answers.${i.questionId}`, code: i.code })),
        );
      const anonymous = campaign.anonymous === 1;
      const today = this.clock.today();
      if (invitation && !(await this.repo.markUsed(trx, invitation.id, anonymous ? null : today))) throw new ConflictError('survey.already_answered');
      const facts = invitation?.dossierId ? await this.repo.dossierFacts(trx, invitation.dossierId) : undefined;
      const responseId = randomUUID();
      const dims = {
        unitId: facts?.unitId ?? null,
        procedureCode: facts?.procedureCode ?? null,
        dossierChannel: facts?.channel ?? null,
        mode: 'web',
        respondentGroup: campaign.populationKind === 'list' ? (invitation?.stratumKey ?? null) : null,
      };
      await this.counts.insertResponse(
        trx,
        {
          id: responseId,
          campaignId: campaign.id,
          submittedOn: today,
          stratumKey: invitation?.stratumKey ?? null,
          ...dims,
          invitationId: anonymous ? null : (invitation?.id ?? null),
          enteredBy: null,
        },
        rows,
        {
          definition,
          answers,
          tooFast: durationSeconds !== undefined && durationSeconds < campaign.minDurationSeconds,
        },
      );
      return { received: true as const };
    });
  }
}
