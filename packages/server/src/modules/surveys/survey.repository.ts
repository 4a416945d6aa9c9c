import { drawOffset, type QuestionnaireDefinition } from '@cchc/domain';
import { sql, type RawBuilder } from 'kysely';
import type { Db, Engine } from '../../platform/db/database';
import type { SurveyCampaignsTable, SurveyInvitationsTable, SurveyPaperEntriesTable, SurveyQuestionnairesTable } from '../../platform/db/schema';
import type { CampaignListQuery, QuestionnaireListQuery } from './survey.schemas';

export type QuestionnaireRow = SurveyQuestionnairesTable;
export type CampaignRow = SurveyCampaignsTable;
export type InvitationRow = SurveyInvitationsTable;
export type PaperEntryRow = SurveyPaperEntriesTable;

/** The returned dossiers a campaign samples from: the filter as stored, with instants for the period. */
export interface DossierFilter {
  fromAt: string;
  toAt: string;
  unitIds: readonly string[];
  procedureIds?: readonly string[];
  stratifyBy: 'procedure' | 'unit' | 'none';
}

/** One drawn dossier: its stratum, its place among those drawn, and what the invitation keeps. */
export interface DrawnDossier {
  stratum: string;
  pos: number;
  id: string;
  applicantName: string;
  applicant: string;
}

const Q_SORT = { title: 'titleFolded', updatedAt: 'updatedAt' } as const;
const C_SORT = { title: 'titleFolded', createdAt: 'createdAt', closesOn: 'closesOn' } as const;

/** SQL of the survey module; scope is always in the WHERE clause. */
export class SurveyRepository {
  constructor(
    private readonly db: Db,
    private readonly engine: Engine,
  ) {}

  // ---- questionnaires ----
  async listQuestionnaires(unitIds: readonly string[], q: QuestionnaireListQuery, folded: string | null) {
    if (unitIds.length === 0) return { rows: [] as QuestionnaireRow[], total: 0 };
    const base = () => {
      let b = this.db.selectFrom('surveyQuestionnaires').where('unitId', 'in', unitIds);
      if (q.status) b = b.where('status', '=', q.status);
      if (folded) b = b.where('titleFolded', 'like', `%${folded}%`);
      return b;
    };
    const [rows, count] = await Promise.all([
      base()
        .selectAll()
        .orderBy(Q_SORT[q.sort], q.order)
        .orderBy('id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  findQuestionnaire(unitIds: readonly string[], id: string, trx: Db = this.db): Promise<QuestionnaireRow | undefined> {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return trx.selectFrom('surveyQuestionnaires').selectAll().where('id', '=', id).where('unitId', 'in', unitIds).executeTakeFirst();
  }

  versionsOf(familyId: string, trx: Db = this.db) {
    return trx.selectFrom('surveyQuestionnaires').select(['id', 'versionNo', 'status']).where('familyId', '=', familyId).orderBy('versionNo').execute();
  }

  /** A questionnaire's definition, parsed (the campaign that uses it was found in scope first). */
  async definitionOf(questionnaireId: string, trx: Db = this.db): Promise<QuestionnaireDefinition> {
    const q = await trx.selectFrom('surveyQuestionnaires').select('definition').where('id', '=', questionnaireId).executeTakeFirstOrThrow();
    return JSON.parse(q.definition) as QuestionnaireDefinition;
  }

  async latestVersionNo(familyId: string, trx: Db): Promise<number> {
    const r = await trx
      .selectFrom('surveyQuestionnaires')
      .select(sql<number>`max(version_no)`.as('v'))
      .where('familyId', '=', familyId)
      .executeTakeFirst();
    return Number(r?.v ?? 0);
  }

  async insertQuestionnaire(trx: Db, row: QuestionnaireRow): Promise<void> {
    await trx.insertInto('surveyQuestionnaires').values(row).execute();
  }

  /** Writes a draft if it is still at `version`; false when someone saved first. */
  async updateQuestionnaire(trx: Db, id: string, version: number, set: Partial<QuestionnaireRow>): Promise<boolean> {
    const r = await trx
      .updateTable('surveyQuestionnaires')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  // ---- campaigns ----
  async listCampaigns(unitIds: readonly string[], q: CampaignListQuery, folded: string | null) {
    if (unitIds.length === 0) return { rows: [] as Array<CampaignRow & { responses: number }>, total: 0 };
    const base = () => {
      let b = this.db.selectFrom('surveyCampaigns as c').where('c.unitId', 'in', unitIds);
      if (q.status) b = b.where('c.status', '=', q.status);
      if (folded) b = b.where('c.titleFolded', 'like', `%${folded}%`);
      return b;
    };
    const [rows, count] = await Promise.all([
      base()
        .selectAll('c')
        .select((eb) =>
          eb
            .selectFrom('surveyResponses as r')
            .whereRef('r.campaignId', '=', 'c.id')
            .select(sql<number>`count(*)`.as('n'))
            .as('responses'),
        )
        .orderBy(`c.${C_SORT[q.sort]}`, q.order)
        .orderBy('c.id')
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize)
        .execute(),
      base()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows: rows.map((r) => ({ ...r, responses: Number(r.responses ?? 0) })), total: Number(count.n) };
  }

  findCampaign(unitIds: readonly string[], id: string, trx: Db = this.db): Promise<CampaignRow | undefined> {
    if (unitIds.length === 0) return Promise.resolve(undefined);
    return trx.selectFrom('surveyCampaigns').selectAll().where('id', '=', id).where('unitId', 'in', unitIds).executeTakeFirst();
  }

  async insertCampaign(trx: Db, row: CampaignRow): Promise<void> {
    await trx.insertInto('surveyCampaigns').values(row).execute();
  }

  async updateCampaign(trx: Db, id: string, version: number, set: Partial<CampaignRow>): Promise<boolean> {
    const r = await trx
      .updateTable('surveyCampaigns')
      .set({ ...set, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async countResponses(campaignId: string, trx: Db = this.db): Promise<number> {
    const r = await trx
      .selectFrom('surveyResponses')
      .select(sql<number>`count(*)`.as('n'))
      .where('campaignId', '=', campaignId)
      .executeTakeFirstOrThrow();
    return Number(r.n);
  }

  /** Strata with their invitations counted by state (GROUP BY, never loaded). */
  async strataWithCounts(campaignId: string, trx: Db = this.db) {
    const strata = await trx.selectFrom('surveyStrata').selectAll().where('campaignId', '=', campaignId).orderBy('key').execute();
    const counts = await trx
      .selectFrom('surveyInvitations')
      .select(['stratumKey', 'status', 'used', sql<number>`count(*)`.as('n')])
      .where('campaignId', '=', campaignId)
      .groupBy(['stratumKey', 'status', 'used'])
      .execute();
    return strata.map((s) => {
      const of = (pred: (c: (typeof counts)[number]) => boolean) =>
        counts.filter((c) => c.stratumKey === s.key && pred(c)).reduce((a, c) => a + Number(c.n), 0);
      return { ...s, invited: of((c) => c.status === 'selected'), replaced: of((c) => c.status === 'unreachable'), answered: of((c) => Number(c.used) === 1) };
    });
  }

  // ---- population of returned dossiers ----
  private stratumExpr(by: DossierFilter['stratifyBy']) {
    return by === 'procedure' ? sql<string>`d.procedure_id` : by === 'unit' ? sql<string>`d.unit_id` : sql<string>`'all'`;
  }

  private populationWhere(f: DossierFilter) {
    const parts = [
      sql`d.status = 'returned'`,
      sql`d.finished_at >= ${f.fromAt}`,
      sql`d.finished_at < ${f.toAt}`,
      sql`d.unit_id in (${sql.join(f.unitIds.length ? f.unitIds : [''])})`,
    ];
    if (f.procedureIds?.length) parts.push(sql`d.procedure_id in (${sql.join(f.procedureIds)})`);
    return sql.join(parts, sql` and `);
  }

  /** Population per stratum, counted in the database; labels are the procedure's or unit's name. */
  async countStrata(f: DossierFilter, trx: Db = this.db): Promise<Array<{ key: string; label: string; population: number }>> {
    const rows = await sql<{ key: string; n: number | string }>`
      select ${this.stratumExpr(f.stratifyBy)} as key, count(*) as n from dossiers d
      where ${this.populationWhere(f)} group by 1 order by 1`.execute(trx);
    const keys = rows.rows.map((r) => r.key);
    const labels = new Map<string, string>();
    if (keys.length && f.stratifyBy === 'procedure') {
      // The procedure's current name, from the catalogue (one row per stratum). Reading it from the
      // stratum's dossiers instead fetched every one of them from the table (most of the count's time at 1 M).
      for (const r of await trx.selectFrom('procedures').select(['id', 'name']).where('id', 'in', keys).execute()) labels.set(r.id, r.name);
    } else if (keys.length && f.stratifyBy === 'unit') {
      for (const r of await trx.selectFrom('units').select(['id', 'name']).where('id', 'in', keys).execute()) labels.set(r.id, r.name);
    }
    return rows.rows.map((r) => ({ key: r.key, label: labels.get(r.key) ?? r.key, population: Number(r.n) }));
  }

  /**
   * The first dossiers of one stratum in the campaign's seeded order (docs/surveys.md, "Sampling"): every
   * dossier carries a random key drawn when it was written, and the order is the keys' going up from the
   * campaign's offset (`drawOffset(seed)`), wrapping round, ties by id. A replacement passes
   * `exceptCampaignId`: the lowest rank not invited yet, which is the next rank when the period's dossiers
   * have not changed, and never a dossier already drawn when they have.
   */
  drawStratum(f: DossierFilter, stratum: string, seed: number, limit: number, trx: Db = this.db, exceptCampaignId?: string): Promise<DrawnDossier[]> {
    return this.drawStrata(f, [{ key: stratum, allocated: limit }], seed, trx, exceptCampaignId);
  }

  /**
   * Every stratum's sample (docs/surveys.md, "Sampling"). A stratum is two index range reads of its returned
   * dossiers in (key, id) order (`dossiers_survey_key_*_idx`): the first n at or above the offset, then, if
   * the stratum ran out, the first below it; nothing else of the population is read. PostgreSQL reads every
   * stratum in one statement (a lateral join over the strata, planned once); SQLite runs the same
   * prepared query per stratum. The drawn dossiers' names are then read in one pass.
   */
  async drawStrata(
    f: DossierFilter,
    strata: ReadonlyArray<{ key: string; allocated: number }>,
    seed: number,
    trx: Db = this.db,
    exceptCampaignId?: string,
  ): Promise<DrawnDossier[]> {
    const wanted = strata.filter((s) => s.allocated > 0);
    if (!wanted.length) return [];
    const offset = drawOffset(seed);
    const except = exceptCampaignId
      ? sql`and not exists (select 1 from survey_invitations i where i.campaign_id = ${exceptCampaignId} and i.dossier_id = d.id)`
      : sql``;
    // One stratum's first `n` in rank order; `key` and `n` are the stratum's (a lateral reference or values).
    const first = (key: RawBuilder<unknown>, n: RawBuilder<unknown>) => {
      const part = (above: boolean) => sql`
        select d.id, d.survey_key as k from dossiers d
        where ${this.populationWhere(f)} and ${this.stratumExpr(f.stratifyBy)} = ${key}
          and d.survey_key ${above ? sql`>=` : sql`<`} ${offset} ${except}
        order by d.survey_key, d.id limit ${n}`;
      return sql`select u.id, row_number() over (order by u.part, u.k, u.id) as rn from (
          select 0 as part, a.* from (${part(true)}) a
          union all
          select 1 as part, b.* from (${part(false)}) b
        ) u order by u.part, u.k, u.id limit ${n}`;
    };
    const drawn: Array<{ stratum: string; id: string }> = [];
    if (this.engine === 'postgres') {
      const values = sql.join(wanted.map((s, i) => sql`(cast(${i} as integer), ${s.key}, cast(${s.allocated} as integer))`));
      const r = await sql<{ stratum: string; id: string }>`
        select t.key as stratum, x.id from (values ${values}) t(i, key, n)
        cross join lateral (${first(sql`t.key`, sql`t.n`)}) x order by t.i, x.rn`.execute(trx);
      drawn.push(...r.rows);
    } else {
      for (const s of wanted) {
        const r = await sql<{ id: string }>`select id from (${first(sql`${s.key}`, sql`${s.allocated}`)}) x order by rn`.execute(trx);
        for (const x of r.rows) drawn.push({ stratum: s.key, id: x.id });
      }
    }
    const names = await this.applicantsOf(
      trx,
      drawn.map((d) => d.id),
    );
    const pos = new Map<string, number>();
    return drawn.map((d) => {
      const p = pos.get(d.stratum) ?? 0;
      pos.set(d.stratum, p + 1);
      const n = names.get(d.id)!;
      return { stratum: d.stratum, pos: p, id: d.id, applicantName: n.applicantName, applicant: n.applicant };
    });
  }

  /** The names and contacts of the drawn dossiers, read together (PostgreSQL: one array parameter). */
  private async applicantsOf(trx: Db, ids: readonly string[]): Promise<Map<string, { applicantName: string; applicant: string }>> {
    const out = new Map<string, { applicantName: string; applicant: string }>();
    const chunk = this.engine === 'postgres' ? 100_000 : 500;
    for (let i = 0; i < ids.length; i += chunk) {
      const part = ids.slice(i, i + chunk);
      const where = this.engine === 'postgres' ? sql`id = any(cast(${part} as text[]))` : sql`id in (${sql.join(part)})`;
      const r = await sql<{ id: string; applicantName: string; applicant: string }>`select id, applicant_name, applicant from dossiers where ${where}`.execute(
        trx,
      );
      for (const row of r.rows) out.set(row.id, row);
    }
    return out;
  }

  // ---- invitations ----
  async insertInvitations(trx: Db, rows: InvitationRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += 500)
      await trx
        .insertInto('surveyInvitations')
        .values(rows.slice(i, i + 500))
        .execute();
  }

  async listInvitations(campaignId: string, stratumKey: string | undefined, page: { page: number; pageSize: number }) {
    const base = () => {
      let b = this.db.selectFrom('surveyInvitations').where('campaignId', '=', campaignId);
      if (stratumKey) b = b.where('stratumKey', '=', stratumKey);
      return b;
    };
    const [rows, count] = await Promise.all([
      base()
        .selectAll()
        .orderBy('stratumKey')
        .orderBy('drawNo')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      base()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  /** Invitations of the campaign that still need a link: selected, unused, without a token (or those named). */
  invitationsToIssue(trx: Db, campaignId: string, ids: readonly string[] | undefined) {
    let b = trx.selectFrom('surveyInvitations').selectAll().where('campaignId', '=', campaignId).where('status', '=', 'selected').where('used', '=', 0);
    b = ids ? b.where('id', 'in', ids.length ? ids : ['']) : b.where('tokenHash', 'is', null);
    return b.orderBy('stratumKey').orderBy('drawNo').limit(5000).execute();
  }

  async setToken(trx: Db, id: string, tokenHash: string, expiresAt: string): Promise<void> {
    await trx.updateTable('surveyInvitations').set({ tokenHash, expiresAt }).where('id', '=', id).execute();
  }

  findInvitation(trx: Db, campaignId: string, id: string) {
    return trx.selectFrom('surveyInvitations').selectAll().where('campaignId', '=', campaignId).where('id', '=', id).executeTakeFirst();
  }

  invitationByToken(trx: Db, tokenHash: string) {
    return trx.selectFrom('surveyInvitations').selectAll().where('tokenHash', '=', tokenHash).executeTakeFirst();
  }

  campaignByOpenToken(trx: Db, tokenHash: string) {
    return trx.selectFrom('surveyCampaigns').selectAll().where('openTokenHash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks a token used, once: false when another submission used it first (the guard is in the WHERE). */
  async markUsed(trx: Db, id: string, usedOn: string | null): Promise<boolean> {
    const r = await trx.updateTable('surveyInvitations').set({ used: 1, usedOn }).where('id', '=', id).where('used', '=', 0).executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  /** Inside the closing transaction: the campaign's queued e-mail invitations and reminders are withdrawn (docs/surveys.md). */
  async withdrawEmails(trx: Db, campaignId: string): Promise<void> {
    await trx
      .updateTable('notifications')
      .set({ status: 'skipped', error: 'survey.campaign_closed', nextAttemptAt: null })
      .where('entityKind', '=', 'survey_invitation')
      .where('status', 'in', ['pending', 'failed'])
      .where('entityId', 'in', (eb) => eb.selectFrom('surveyInvitations').select('id').where('campaignId', '=', campaignId))
      .execute();
  }

  async dossierFacts(trx: Db, dossierId: string) {
    return trx.selectFrom('dossiers').select(['unitId', 'procedureCode', 'channel']).where('id', '=', dossierId).executeTakeFirst();
  }

  // ---- paper forms keyed twice ----
  async insertPaperEntry(trx: Db, row: PaperEntryRow): Promise<void> {
    await trx.insertInto('surveyPaperEntries').values(row).execute();
  }

  /** Forms of a campaign waiting for their second keying, oldest first, with who keyed them (never their answers). */
  async pendingPaperEntries(campaignId: string, page: { page: number; pageSize: number }) {
    const base = () => this.db.selectFrom('surveyPaperEntries as e').where('e.campaignId', '=', campaignId).where('e.status', '=', 'pending');
    const [rows, count] = await Promise.all([
      base()
        .innerJoin('users as u', 'u.id', 'e.enteredBy')
        .select(['e.id', 'e.enteredOn', 'e.respondentGroup', 'e.version', 'e.enteredBy', 'u.fullName as enteredByName'])
        .orderBy('e.enteredOn')
        .orderBy('e.id')
        .limit(page.pageSize)
        .offset((page.page - 1) * page.pageSize)
        .execute(),
      base()
        .select(sql<number>`count(*)`.as('n'))
        .executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }

  findPaperEntry(trx: Db, campaignId: string, id: string): Promise<PaperEntryRow | undefined> {
    return trx.selectFrom('surveyPaperEntries').selectAll().where('id', '=', id).where('campaignId', '=', campaignId).executeTakeFirst();
  }

  /** Marks the entry confirmed and forgets its first keying; false when another request changed it first. */
  async confirmPaperEntry(trx: Db, id: string, version: number, confirmedBy: string): Promise<boolean> {
    const done = await trx
      .updateTable('surveyPaperEntries')
      .set({ status: 'confirmed', answers: null, confirmedBy, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(done.numUpdatedRows) === 1;
  }
}
