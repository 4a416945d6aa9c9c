import { instantAt, type LocalDate } from '@cchc/domain';
import { sql } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ServiceUnavailableError, ValidationError } from '../../platform/errors';
import type { ClaimedJob } from '../../platform/jobs/job-scheduler';
import type { NotificationService } from '../../platform/notifications/notification.service';
import type { CampaignService } from './campaign.service';
import { endOfDayInstant, newToken, tokenHash } from './survey-tokens';

// E-mail invitations and reminders (docs/surveys.md "E-mail invitations and reminders"). The outbox row
// keeps the text with a {{survey_link}} placeholder, never a token: the link is minted when the row is
// sent (NotificationService.renderAtSend), its hash replaces the invitation's, and the raw token exists
// only in the message handed to the SMTP server. Closing the campaign withdraws what is still queued, and
// its reminder jobs then find nothing to send.

export const SURVEY_INVITATION = 'survey.invitation';
export const SURVEY_REMINDER = 'survey.reminder';
/** The scheduled job that queues one campaign's reminders on a day. */
export const SURVEY_REMINDERS_JOB = 'survey.reminders';
/** Reminders are due at 08:00 Viet Nam time on the chosen day. */
const REMINDER_MINUTE = 8 * 60;
const LINK = '{{survey_link}}';

const viDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

export interface MailingSettings {
  /** Address of the citizen site, for the links; null gives site-relative links. */
  publicBaseUrl: string | null;
}

export class SurveyMailing {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
    private readonly notifications: NotificationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly settings: MailingSettings,
    /** Creates a job unless its key exists (the platform scheduler). */
    private readonly schedule: (kind: string, key: string, runAt: string, payload: unknown, db: Db) => Promise<boolean>,
    /** Sends the outbox after commit. */
    private readonly deliver: () => void,
  ) {}

  private text(kind: 'invitation' | 'reminder', c: { title: string; closesOn: string; anonymous: number; populationKind: string }, name: string | null) {
    const greeting = name ? `Kính gửi Ông/Bà ${name},` : 'Kính gửi Ông/Bà,';
    const anonymity = c.anonymous === 1 ? ' Phiếu trả lời không ghi tên người trả lời.' : '';
    const intro =
      kind === 'invitation'
        ? `Cơ quan chúng tôi mời Ông/Bà cho ý kiến${c.populationKind === 'dossiers' ? ' về sự phục vụ khi giải quyết hồ sơ' : ''}, qua phiếu khảo sát "${c.title}".${anonymity}`
        : `Chúng tôi chưa nhận được ý kiến của Ông/Bà cho phiếu khảo sát "${c.title}". Xin Ông/Bà dành ít phút trả lời.${anonymity} Đường dẫn dưới đây thay cho đường dẫn đã gửi trước.`;
    return {
      subject: kind === 'invitation' ? `Mời tham gia khảo sát: ${c.title}` : `Nhắc tham gia khảo sát: ${c.title}`,
      body: `${greeting}\n\n${intro}\n\nMở phiếu: ${LINK}\n\nĐường dẫn chỉ dùng được một lần, đến hết ngày ${viDate(c.closesOn)}. Xin cảm ơn Ông/Bà.`,
    };
  }

  /**
   * Queues an invitation e-mail for every drawn, unanswered respondent with an address who has none yet,
   * and, with `remindOn`, a reminder job for that day. Idempotent: a second call queues only newcomers
   * (replacements), each invitation's e-mail has its own idempotency key.
   */
  async queueInvitations(actor: ServerActor, id: string, input: { version: number; remindOn?: string }) {
    const result = await this.db.transaction().execute(async (trx) => {
      const c = await this.campaigns.findManaged(actor, id, trx);
      if (!this.notifications.emailEnabled) throw new ServiceUnavailableError('config.smtp_missing', [], { setting: 'SMTP_URL' });
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      if (c.version !== input.version) throw new ConflictError('survey.stale_version');
      const today = this.clock.today();
      if (input.remindOn && (input.remindOn <= today || input.remindOn > c.closesOn || input.remindOn < c.opensOn))
        throw new ValidationError('validation.failed', [{ path: 'body.remindOn', code: 'survey.remind_on_invalid' }]);
      const rows = await trx
        .selectFrom('surveyInvitations')
        .select(['id', 'respondentName', 'respondentEmail'])
        .where('campaignId', '=', c.id)
        .where('status', '=', 'selected')
        .where('used', '=', 0)
        .orderBy('stratumKey')
        .orderBy('drawNo')
        .execute();
      let queued = 0;
      let withoutEmail = 0;
      for (const r of rows) {
        if (!r.respondentEmail?.trim()) {
          withoutEmail++;
          continue;
        }
        const { subject, body } = this.text('invitation', c, r.respondentName);
        if (
          await this.notifications.queue(trx, {
            entityKind: 'survey_invitation',
            entityId: r.id,
            templateKey: SURVEY_INVITATION,
            to: r.respondentEmail,
            subject,
            body,
            idempotencyKey: `${SURVEY_INVITATION}:${r.id}`,
          })
        )
          queued++;
      }
      if (input.remindOn)
        await this.schedule(
          SURVEY_REMINDERS_JOB,
          `${SURVEY_REMINDERS_JOB}:${c.id}:${input.remindOn}`,
          instantAt(input.remindOn as LocalDate, REMINDER_MINUTE),
          { campaignId: c.id },
          trx,
        );
      await this.audit.record(trx, actor, {
        action: 'email_invitations',
        entity: 'survey_campaign',
        entityId: c.id,
        unitId: c.unitId,
        after: { queued, withoutEmail, remindOn: input.remindOn ?? null },
      });
      return { queued, withoutEmail, remindOn: input.remindOn ?? null };
    });
    this.deliver();
    return result;
  }

  /** The reminder job: one e-mail to each respondent who was e-mailed and has not answered, unless the campaign closed. */
  readonly remind = async (job: ClaimedJob): Promise<void> => {
    const { campaignId } = job.payload as { campaignId: string };
    const c = await this.db.selectFrom('surveyCampaigns').selectAll().where('id', '=', campaignId).executeTakeFirst();
    if (!c || c.status !== 'open' || this.clock.today() > c.closesOn) return;
    const rows = await this.db
      .selectFrom('surveyInvitations as i')
      .select(['i.id', 'i.respondentName', 'i.respondentEmail'])
      .where('i.campaignId', '=', c.id)
      .where('i.status', '=', 'selected')
      .where('i.used', '=', 0)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('notifications as n')
            .select(sql`1`.as('x'))
            .where('n.entityKind', '=', 'survey_invitation')
            .whereRef('n.entityId', '=', 'i.id')
            .where('n.templateKey', '=', SURVEY_INVITATION)
            .where('n.status', '=', 'sent'),
        ),
      )
      .execute();
    await this.db.transaction().execute(async (trx) => {
      for (const r of rows) {
        const { subject, body } = this.text('reminder', c, r.respondentName);
        await this.notifications.queue(trx, {
          entityKind: 'survey_invitation',
          entityId: r.id,
          templateKey: SURVEY_REMINDER,
          to: r.respondentEmail,
          subject,
          body,
          idempotencyKey: `${SURVEY_REMINDER}:${r.id}:${job.idempotencyKey}`,
        });
      }
    });
    this.deliver();
  };

  /**
   * Send-time rendering of an invitation or a reminder: mints the one-time link, stores its hash on the
   * invitation (the previous link of that invitation stops working) and puts the link into the text. A
   * closed or finished campaign, an answered or replaced invitation withdraw the e-mail instead.
   */
  readonly render = async (row: {
    entityId: string | null;
    subject: string;
    body: string;
  }): Promise<{ subject: string; body: string } | { withdrawn: string }> => {
    const inv = row.entityId ? await this.db.selectFrom('surveyInvitations').selectAll().where('id', '=', row.entityId).executeTakeFirst() : undefined;
    const c = inv ? await this.db.selectFrom('surveyCampaigns').select(['status', 'closesOn']).where('id', '=', inv.campaignId).executeTakeFirst() : undefined;
    if (!inv || !c || c.status !== 'open' || this.clock.today() > c.closesOn) return { withdrawn: 'survey.campaign_closed' };
    if (inv.status !== 'selected' || inv.used === 1) return { withdrawn: 'survey.invitation_not_pending' };
    const token = newToken();
    const r = await this.db
      .updateTable('surveyInvitations')
      .set({ tokenHash: tokenHash(token), expiresAt: endOfDayInstant(c.closesOn) })
      .where('id', '=', inv.id)
      .where('used', '=', 0)
      .where('status', '=', 'selected')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) return { withdrawn: 'survey.invitation_not_pending' };
    return { subject: row.subject, body: row.body.split(LINK).join(`${this.settings.publicBaseUrl ?? ''}/khao-sat/${token}`) };
  };
}
