import type { QuestionnaireDefinition } from '@cchc/domain';
import { sql } from 'kysely';
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
   * The first dossiers of one stratum in the campaign's seeded order (docs/surveys.md,
   * "Sampling"): each dossier's rank is a hash of its id and the seed, and the database keeps only the
   * `limit` lowest while reading the stratum from its covering index (a bounded sort, no full ranking).
   * A replacement passes `exceptCampaignId`: the lowest rank not invited yet, which is the next rank when
   * the period's dossiers have not changed, and never a dossier already drawn when they have.
   * PostgreSQL's `hashtextextended` is the one its hash partitioning relies on, so it does not change
   * between versions; SQLite's `seeded_rank` is registered by `openDatabase`.
   */
  async drawStratum(f: DossierFilter, stratum: string, seed: number, limit: number, trx: Db = this.db, exceptCampaignId?: string): Promise<DrawnDossier[]> {
    if (limit <= 0) return [];
    const rank = this.engine === 'postgres' ? sql`hashtextextended(d.id, ${seed})` : sql`seeded_rank(d.id, ${seed})`;
    // Only the ids are ranked (read from the index alone); the drawn few are then read for their names.
    const r = await sql<{ id: string; applicantName: string; applicant: string }>`
      select x.id, d.applicant_name, d.applicant from (
        select d.id, ${rank} as rank from dossiers d
        where ${this.populationWhere(f)} and ${this.stratumExpr(f.stratifyBy)} = ${stratum}
        ${exceptCampaignId ? sql`and not exists (select 1 from survey_invitations i where i.campaign_id = ${exceptCampaignId} and i.dossier_id = d.id)` : sql``}
        order by 2, 1 limit ${limit}
      ) x join dossiers d on d.id = x.id order by x.rank, x.id`.execute(trx);
    return r.rows.map((x, i) => ({ ...x, stratum, pos: i }));
  }

  /**
   * Every stratum's sample in one pass (docs/surveys.md, "Sampling"), the same dossiers as `drawStratum`
   * per stratum. The ranks are uniform hashes, so a stratum's n lowest of N lie, all but certainly, below
   * the quantile (n + 8√n + 16) / N of the hash range: one scan of the population keeps only the dossiers
   * under their stratum's cut (about n + 8√n each), and a window numbers them by rank. A stratum where
   * fewer than n passed the cut (a deviation of more than eight standard deviations) is drawn again
   * exactly, by `drawStratum`; the result never depends on the cut.
   */
  async drawStrata(
    f: DossierFilter,
    strata: ReadonlyArray<{ key: string; population: number; allocated: number }>,
    seed: number,
    trx: Db = this.db,
  ): Promise<DrawnDossier[]> {
    const wanted = strata.filter((s) => s.allocated > 0);
    if (!wanted.length) return [];
    const pg = this.engine === 'postgres';
    const rank = pg ? sql`hashtextextended(d.id, ${seed})` : sql`seeded_rank(d.id, ${seed})`;
    // PostgreSQL's hash is a signed 64-bit integer, SQLite's seeded_rank 0…2³²−1.
    const cutOf = (s: { population: number; allocated: number }) => {
      const p = Math.min(1, (s.allocated + 8 * Math.sqrt(s.allocated) + 16) / Math.max(1, s.population));
      if (!pg) return sql`cast(${String(Math.floor(p * 2 ** 32))} as integer)`;
      const cut = p >= 1 ? 2n ** 63n - 1n : -(2n ** 63n) + BigInt(Math.floor(p * 2 ** 52)) * 2n ** 12n;
      return sql`cast(${cut.toString()} as bigint)`;
    };
    const cuts = sql.join(wanted.map((s) => sql`(${s.key}, ${cutOf(s)}, cast(${s.allocated} as integer))`));
    const stratum = this.stratumExpr(f.stratifyBy);
    const r = await sql<{ id: string; stratum: string; rn: number | string; passed: number | string; applicantName: string; applicant: string }>`
      with t(key, cut, n) as (values ${cuts}),
      x as (
        select d.id, t.key as stratum, t.n,
          row_number() over (partition by t.key order by ${rank}, d.id) as rn,
          count(*) over (partition by t.key) as passed
        from dossiers d join t on t.key = ${stratum}
        where ${this.populationWhere(f)} and ${rank} <= t.cut
      )
      select x.id, x.stratum, x.rn, x.passed, d.applicant_name, d.applicant
      from x join dossiers d on d.id = x.id where x.rn <= x.n order by x.stratum, x.rn`.execute(trx);
    const out: DrawnDossier[] = [];
    const got = new Map<string, number>();
    for (const row of r.rows) {
      got.set(row.stratum, Number(row.passed));
      out.push({ stratum: row.stratum, pos: Number(row.rn) - 1, id: row.id, applicantName: row.applicantName, applicant: row.applicant });
    }
    const short = wanted.filter((s) => (got.get(s.key) ?? 0) < Math.min(s.allocated, s.population));
    if (!short.length) return out;
    const again = new Set(short.map((s) => s.key));
    const kept = out.filter((d) => !again.has(d.stratum));
    for (const s of short) kept.push(...(await this.drawStratum(f, s.key, seed, s.allocated, trx)));
    return kept;
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
