import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ValidationError, type FieldError } from '../../platform/errors';
import { cellText, columnLetter, columnsByHeader } from '../../platform/xlsx-columns';
import { readXlsxTables, type SheetLimits } from '../../platform/xlsx-table';
import type { CampaignService } from './campaign.service';
import type { InvitationRow } from './survey.repository';

// Respondent lists of officials or organisations (docs/surveys.md "Respondent lists"): a campaign whose
// population is `list` takes its respondents from an .xlsx sheet read by the bounded platform reader.
// Every row is checked first and each problem is reported with its row and column letter; nothing is
// written unless every row is valid. Everyone listed is invited (the provincial forms are a census of a
// few dozen people per unit), one stratum per respondent group.

export const MAX_RESPONDENT_ROWS = 5000;
const LIMITS: SheetLimits = { sheets: 1, maxRows: MAX_RESPONDENT_ROWS + 1, maxColumns: 20 };
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The sheet's columns, found by their header (case and diacritics ignored). */
export const RESPONDENT_COLUMNS = [
  { key: 'name', header: 'Họ và tên', required: true },
  { key: 'position', header: 'Chức vụ, đơn vị', required: false },
  { key: 'email', header: 'E-mail', required: false },
  { key: 'group', header: 'Nhóm', required: true },
] as const;
type ColumnKey = (typeof RESPONDENT_COLUMNS)[number]['key'];

export class RespondentImport {
  constructor(
    private readonly db: Db,
    private readonly campaigns: CampaignService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async import(actor: ServerActor, campaignId: string, data: Buffer): Promise<{ imported: number; groups: Array<{ key: string; count: number }> }> {
    // Authorized before the file is read; read again inside the transaction below.
    const first = await this.campaigns.findManaged(actor, campaignId, this.db);
    if (first.populationKind !== 'list') throw new ConflictError('survey.not_a_list_campaign');
    const [table = []] = await readXlsxTables(data, LIMITS);
    const [header = [], ...body] = table;
    const columnOf = columnsByHeader(header, RESPONDENT_COLUMNS);

    const known = new Set(
      (
        await this.db
          .selectFrom('surveyInvitations')
          .select('respondentEmail')
          .where('campaignId', '=', campaignId)
          .where('respondentEmail', 'is not', null)
          .execute()
      ).map((r) => r.respondentEmail!.toLowerCase()),
    );
    const errors: FieldError[] = [];
    const rows: Array<{ name: string; email: string | null; group: string }> = [];
    body.forEach((values, i) => {
      const row = i + 2;
      const cell = (k: ColumnKey) => {
        const c = columnOf.get(k);
        return c === undefined ? '' : cellText(values[c]);
      };
      if (RESPONDENT_COLUMNS.every((c) => cell(c.key) === '')) return;
      const err = (k: ColumnKey, code: string) => errors.push({ path: `file.${k}`, row, column: columnLetter(columnOf.get(k) ?? 0), code });
      const name = cell('name');
      if (!name) err('name', 'import.required');
      else if (name.length > 200) err('name', 'import.too_long');
      const position = cell('position');
      if (position.length > 300) err('position', 'import.too_long');
      const email = cell('email').toLowerCase();
      if (email && (!EMAIL.test(email) || email.length > 254)) err('email', 'survey.email_invalid');
      else if (email && known.has(email)) err('email', 'survey.email_duplicate');
      if (email) known.add(email);
      const group = cell('group');
      if (!group) err('group', 'import.required');
      else if (group.length > 60) err('group', 'import.too_long');
      rows.push({ name: position ? `${name} (${position})` : name, email: email || null, group });
    });
    if (rows.length === 0) throw new ValidationError('import.empty', [{ path: 'body.file', code: 'import.empty' }]);
    if (errors.length) throw new ValidationError('import.invalid', errors);

    return this.db.transaction().execute(async (trx) => {
      const c = await this.campaigns.findManaged(actor, campaignId, trx);
      if (c.status !== 'open') throw new ConflictError('survey.campaign_closed');
      const strata = new Map((await trx.selectFrom('surveyStrata').selectAll().where('campaignId', '=', c.id).execute()).map((s) => [s.key, s]));
      const added = new Map<string, number>();
      const now = this.clock.now();
      const invitations: InvitationRow[] = rows.map((r) => {
        const drawNo = (strata.get(r.group)?.drawn ?? 0) + (added.get(r.group) ?? 0);
        added.set(r.group, (added.get(r.group) ?? 0) + 1);
        return {
          id: randomUUID(),
          campaignId: c.id,
          stratumKey: r.group,
          drawNo,
          dossierId: null,
          respondentName: r.name,
          respondentEmail: r.email,
          tokenHash: null,
          expiresAt: null,
          status: 'selected',
          used: 0,
          usedOn: null,
          createdAt: now,
        };
      });
      for (const [key, n] of added) {
        if (strata.has(key)) {
          await trx
            .updateTable('surveyStrata')
            .set({ population: sql`population + ${n}`, allocated: sql`allocated + ${n}`, drawn: sql`drawn + ${n}` })
            .where('campaignId', '=', c.id)
            .where('key', '=', key)
            .execute();
        } else {
          await trx.insertInto('surveyStrata').values({ campaignId: c.id, key, label: key, population: n, allocated: n, drawn: n }).execute();
        }
      }
      for (let i = 0; i < invitations.length; i += 500)
        await trx
          .insertInto('surveyInvitations')
          .values(invitations.slice(i, i + 500))
          .execute();
      await trx
        .updateTable('surveyCampaigns')
        .set({ population: sql`population + ${rows.length}`, sampleSize: sql`sample_size + ${rows.length}`, version: sql`version + 1`, updatedAt: now })
        .where('id', '=', c.id)
        .execute();
      const groups = [...added].map(([key, count]) => ({ key, count }));
      await this.audit.record(trx, actor, {
        action: 'import_respondents',
        entity: 'survey_campaign',
        entityId: c.id,
        unitId: c.unitId,
        after: { imported: rows.length, groups },
      });
      return { imported: rows.length, groups };
    });
  }
}
