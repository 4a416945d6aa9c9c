import { validateAnswers, type AnswerValue, type QuestionnaireDefinition } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ValidationError } from '../../platform/errors';
import type { CampaignService } from './campaign.service';
import type { SurveyCountsRepository } from './survey-counts.repository';

/**
 * Paper forms typed in by staff (docs/surveys.md, "Invitations"): the response is marked `paper` and
 * records who entered it; the answers are checked exactly as a web submission's. A double-entry check
 * step is not built yet.
 */
export class PaperEntryService {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
    private readonly counts: SurveyCountsRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async enter(
    actor: ServerActor,
    campaignId: string,
    input: { answers: Record<string, AnswerValue>; respondentGroup?: string | undefined },
  ): Promise<{ received: true }> {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.campaigns.find(actor, campaignId, trx);
      authorize(actor, 'survey.manage', c.unitId);
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      const q = await trx.selectFrom('surveyQuestionnaires').select('definition').where('id', '=', c.questionnaireId).executeTakeFirstOrThrow();
      const { issues, rows } = validateAnswers(JSON.parse(q.definition) as QuestionnaireDefinition, input.answers);
      if (issues.length)
        throw new ValidationError(
          'survey.answers_invalid',
          issues.map((i) => ({ path: `body.answers.${i.questionId}`, code: i.code })),
        );
      const id = randomUUID();
      const dims = { unitId: null, procedureCode: null, dossierChannel: null, mode: 'paper', respondentGroup: input.respondentGroup ?? null };
      await this.counts.insertResponse(
        trx,
        { id, campaignId: c.id, submittedOn: this.clock.today(), stratumKey: null, ...dims, invitationId: null, enteredBy: actor.userId },
        rows,
      );
      // The audit row names who typed a form in, never its answers.
      await this.audit.record(trx, actor, { action: 'paper_entry', entity: 'survey_campaign', entityId: c.id, unitId: c.unitId });
      return { received: true as const };
    });
  }
}
