import type { LocalDate, Question, QuestionnaireDefinition } from '@cchc/domain';
import { PageBreak, Paragraph } from 'docx';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError } from '../../platform/errors';
import { governingBodyLine, placeFromUnitName } from '../dossiers/dossier-forms.service';
import { columns, formHeader, gap, line, pack, PAGE_WIDTH, qrImage, signature, title } from '../dossiers/forms/form-layout';
import type { FormHeader } from '../dossiers/forms/form-views';
import type { CampaignService } from './campaign.service';
import type { SurveyRepository } from './survey.repository';
import { endOfDayInstant, newToken, tokenHash } from './survey-tokens';

// Printed letters and the printable questionnaire (docs/surveys.md "Printed letters and forms"), as Word
// files built with the dossier forms' layout. A letter carries a one-time link and its QR code; the link
// is minted while the file is built (its hash replaces the invitation's, as for an e-mail) and exists
// only in the file handed back, never in the database.

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const QR_MM = 30;
const QR_BOX = Math.round(QR_MM * 56.7);
/** Letters in one file at most: a print run per stratum or per few hundred respondents. */
export const MAX_LETTERS = 1000;
const BOX = '☐';
const viDate = (day: string) => `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;
const pageBreak = () => new Paragraph({ children: [new PageBreak()] });

/** The questionnaire as a paper form: numbered questions, boxes to tick, dotted lines to write on. */
export function questionnaireBody(def: QuestionnaireDefinition): Paragraph[] {
  const out: Paragraph[] = [];
  const numberOf = new Map<string, number>();
  let n = 0;
  for (const s of def.sections) for (const q of s.questions) numberOf.set(q.id, ++n);
  const options = (q: Question): string[] => {
    switch (q.type) {
      case 'likert':
        return q.levels.map((l) => `${BOX}\u00a0${l.label.vi.replace(/ /g, '\u00a0')}`);
      case 'single':
      case 'multiple':
        return q.options.map((o) => `${BOX} ${o.label.vi}`);
      case 'yes_no':
        return [`${BOX} Có`, `${BOX} Không`];
      default:
        return [];
    }
  };
  if (def.intro) out.push(line(def.intro.vi, { italics: true, after: 6 }));
  for (const s of def.sections) {
    out.push(line(s.title.vi.toUpperCase(), { bold: true, before: 6, keepNext: true }));
    if (s.description) out.push(line(s.description.vi, { italics: true, keepNext: true }));
    for (const q of s.questions) {
      const notes: string[] = [];
      if (q.showIf) {
        const target = def.sections.flatMap((x) => x.questions).find((x) => x.id === q.showIf!.questionId);
        const labels =
          target && (target.type === 'single' || target.type === 'multiple' || target.type === 'likert' || target.type === 'yes_no')
            ? q.showIf.anyOf.map((c) =>
                target.type === 'yes_no'
                  ? c === 'yes'
                    ? 'Có'
                    : 'Không'
                  : ((target.type === 'likert' ? target.levels : target.options).find((o) => o.code === c)?.label.vi ?? c),
              )
            : q.showIf.anyOf;
        notes.push(`chỉ trả lời nếu câu ${numberOf.get(q.showIf.questionId) ?? '?'} chọn: ${labels.join('; ')}`);
      }
      if (q.type === 'multiple') notes.push(q.maxChoices ? `chọn tối đa ${q.maxChoices} ý` : 'có thể chọn nhiều ý');
      if (!q.required) notes.push('không bắt buộc');
      out.push(
        line([{ text: `Câu ${numberOf.get(q.id)}. `, bold: true }, q.text.vi, ...(notes.length ? [{ text: ` (${notes.join('; ')})`, italics: true }] : [])], {
          keepNext: true,
          before: 3,
        }),
      );
      if (q.help) out.push(line(q.help.vi, { italics: true, size: 12, keepNext: true }));
      const opts = options(q);
      if (opts.length) out.push(line(opts.join('     '), { align: 'left' }));
      if (q.type === 'number') out.push(line(`Số: …………${q.unit ? ` ${q.unit.vi}` : ''}`, { align: 'left' }));
      if (q.type === 'text') for (let i = 0; i < 3; i++) out.push(line('…'.repeat(75), { align: 'left' }));
    }
  }
  out.push(line('Xin trân trọng cảm ơn Ông/Bà!', { bold: true, align: 'center', before: 6 }));
  return out;
}

export interface LetterOptions {
  /** Only these invitations (e.g. a replacement's letter). */
  invitationIds?: string[];
  stratumKey?: string;
  /** Only respondents without an e-mail address (the others are reached by e-mail). */
  withoutEmailOnly: boolean;
  /** Each letter is followed by the printed questionnaire, to answer on paper instead. */
  withQuestionnaire: boolean;
}

export class SurveyPrint {
  constructor(
    private readonly db: Db,
    private readonly repo: SurveyRepository,
    private readonly campaigns: CampaignService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly settings: { publicBaseUrl: string | null },
  ) {}

  /** The form header of the campaign's unit, and the unit's name as written in a sentence. */
  private async header(unitId: string, db: Db = this.db): Promise<FormHeader & { unitName: string }> {
    const chain: Array<{ name: string; parentId: string | null }> = [];
    let id: string | null = unitId;
    while (id && chain.length < 10) {
      const u: { name: string; parentId: string | null } | undefined = await db
        .selectFrom('units')
        .select(['name', 'parentId'])
        .where('id', '=', id)
        .executeTakeFirst();
      if (!u) break;
      chain.push(u);
      id = u.parentId;
    }
    const root = chain[chain.length - 1];
    return {
      agencyParent: chain[1] ? governingBodyLine(chain[1].name) : '',
      agencyName: (chain[0]?.name ?? '').toUpperCase(),
      place: (root ? placeFromUnitName(root.name) : null) ?? '……………',
      issuedOn: this.clock.today() as LocalDate,
      unitName: chain[0]?.name ?? 'Cơ quan chúng tôi',
    };
  }

  /**
   * Letters for the campaign's drawn, unanswered respondents (optionally one stratum, or only those without
   * an address): one page each with the one-time link and its QR code. The links are minted here; a link
   * the respondent had before (e-mailed or printed earlier) stops working.
   */
  async letters(actor: ServerActor, id: string, o: LetterOptions) {
    return this.db.transaction().execute(async (trx) => {
      const c = await this.campaigns.findManaged(actor, id, trx);
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      let q = trx
        .selectFrom('surveyInvitations')
        .select(['id', 'respondentName', 'respondentEmail'])
        .where('campaignId', '=', c.id)
        .where('status', '=', 'selected')
        .where('used', '=', 0);
      if (o.invitationIds) q = q.where('id', 'in', o.invitationIds.length ? o.invitationIds : ['']);
      if (o.stratumKey) q = q.where('stratumKey', '=', o.stratumKey);
      if (o.withoutEmailOnly) q = q.where((eb) => eb.or([eb('respondentEmail', 'is', null), eb('respondentEmail', '=', '')]));
      const rows = await q
        .orderBy('stratumKey')
        .orderBy('drawNo')
        .limit(MAX_LETTERS + 1)
        .execute();
      if (rows.length > MAX_LETTERS) throw new ConflictError('survey.too_many_letters', [], { max: MAX_LETTERS });
      if (rows.length === 0) throw new ConflictError('survey.no_letters');
      const header = await this.header(c.unitId, trx);
      const form = o.withQuestionnaire ? await this.repo.definitionOf(c.questionnaireId, trx) : null;
      const expiresAt = endOfDayInstant(c.closesOn);
      const children: Array<Paragraph | ReturnType<typeof columns>> = [];
      for (const [i, r] of rows.entries()) {
        const token = newToken();
        await this.repo.setToken(trx, r.id, tokenHash(token), expiresAt);
        const url = `${this.settings.publicBaseUrl ?? ''}/khao-sat/${token}`;
        if (i > 0) children.push(pageBreak());
        children.push(
          formHeader(header),
          ...title('THƯ MỜI THAM GIA KHẢO SÁT', c.title),
          line(['Kính gửi: ', { text: r.respondentName ? `Ông/Bà ${r.respondentName}` : 'Ông/Bà', bold: true }], { align: 'center', after: 6 }),
          line(
            `${header.unitName} trân trọng mời Ông/Bà cho ý kiến qua phiếu khảo sát "${c.title}". Ý kiến của Ông/Bà giúp chúng tôi phục vụ người dân, tổ chức tốt hơn.`,
            { indentFirst: true },
          ),
          line(
            c.anonymous === 1 ? 'Phiếu trả lời không ghi tên người trả lời; kết quả chỉ được tổng hợp chung.' : 'Phiếu khảo sát này có ghi nhận người trả lời.',
            { indentFirst: true },
          ),
          line(
            `Ông/Bà quét mã QR dưới đây bằng điện thoại, hoặc mở địa chỉ bên cạnh, để trả lời trực tuyến đến hết ngày ${viDate(c.closesOn)}. Mã chỉ dùng được một lần.${form ? ' Ông/Bà cũng có thể điền phiếu giấy kèm theo và gửi lại cho cơ quan.' : ''}`,
            { indentFirst: true },
          ),
          gap(4),
          columns(
            [QR_BOX + 400, PAGE_WIDTH - QR_BOX - 400],
            [
              [
                [await qrImage(url, QR_MM, 'Mã QR trả lời phiếu khảo sát')],
                [line('Địa chỉ trả lời:', { bold: true, align: 'left' }), line({ text: url, italics: true, size: 11 }, { align: 'left' })],
              ],
            ],
          ),
          gap(6),
          ...signature('THỦ TRƯỞNG CƠ QUAN', undefined, '(Ký, đóng dấu)'),
        );
        if (form) children.push(pageBreak(), ...title('PHIẾU KHẢO SÁT', form.title.vi), ...questionnaireBody(form));
      }
      await this.audit.record(trx, actor, {
        action: 'print_letters',
        entity: 'survey_campaign',
        entityId: c.id,
        unitId: c.unitId,
        after: { count: rows.length, stratumKey: o.stratumKey ?? null, withQuestionnaire: o.withQuestionnaire },
      });
      return { fileName: `thu-moi-khao-sat-${c.id}.docx`, contentType: DOCX, data: await pack(children, `Thư mời khảo sát: ${c.title}`) };
    });
  }

  /**
   * The campaign's questionnaire to print and hand out; its QR code opens the campaign's page in the staff
   * app, where the returned paper forms are entered (no respondent link: a paper form is entered by staff).
   */
  async questionnaire(actor: ServerActor, id: string) {
    const c = await this.campaigns.find(actor, id);
    const header = await this.header(c.unitId);
    const def = await this.repo.definitionOf(c.questionnaireId);
    const entry = `${this.settings.publicBaseUrl ?? ''}/surveys/campaigns/${c.id}`;
    const children = [
      formHeader(header),
      ...title('PHIẾU KHẢO SÁT', def.title.vi),
      columns(
        [PAGE_WIDTH - QR_BOX - 400, QR_BOX + 400],
        [
          [
            [
              line(`Đợt khảo sát: ${c.title}`, { align: 'left' }),
              line(`Thời gian: ${viDate(c.opensOn)} – ${viDate(c.closesOn)}`, { align: 'left' }),
              line('Mã QR bên cạnh dành cho cán bộ nhập phiếu giấy vào hệ thống.', { italics: true, size: 11, align: 'left' }),
            ],
            [await qrImage(entry, 22, 'Mã QR nhập phiếu giấy')],
          ],
        ],
      ),
      gap(4),
      ...questionnaireBody(def),
    ];
    return { fileName: `phieu-khao-sat-${c.id}.docx`, contentType: DOCX, data: await pack(children, `Phiếu khảo sát: ${def.title.vi}`) };
  }
}
