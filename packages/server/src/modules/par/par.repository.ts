import { ScoringRuleSchema, type CriteriaSet, type CriterionNode, type ScoringRule } from '@cchc/domain';
import { sql, type Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ParAssessmentsTable, ParCriteriaSetsTable, ParCriteriaTable, ParEvidenceTable, ParScoresTable } from '../../platform/db/schema';
import { DEFAULT_BANDS, type Band } from './par.schemas';
import type { UnitTree } from '../../platform/units/unit-tree';

export type SetRow = Selectable<ParCriteriaSetsTable>;
export type CriterionRow = Selectable<ParCriteriaTable>;
export type AssessmentRow = Selectable<ParAssessmentsTable>;
export type ScoreRow = Selectable<ParScoresTable>;
export type EvidenceRow = Selectable<ParEvidenceTable>;
/** Attachment id → the file's name and size in bytes. */
export type EvidenceFiles = ReadonlyMap<string, { name: string; size: number }>;
/** A criterion row with its rule parsed once, here, when it is read (`parseCriterion`). */
export type Criterion = Omit<CriterionRow, 'ruleJson'> & { rule: ScoringRule };
/** The totals stored on an assessment's row on every write (docs/architecture.md "PAR index"). */
export type AssessmentSummaryColumns = Pick<AssessmentRow, 'computedTotalHundredths' | 'totalLayer' | 'maxHundredths' | 'percentBasisPoints' | 'band'>;
/** An assessment as the lists read it: its row, the agency's name and the set's scope. */
export type AssessmentListRow = AssessmentRow & { agencyName: string; scope: string };

/** The rule of a stored row, checked by the same schema that accepted it when it was written. */
export function parseCriterion(r: CriterionRow): Criterion {
  const { ruleJson, ...rest } = r;
  return { ...rest, rule: ScoringRuleSchema.parse(JSON.parse(ruleJson)) };
}

export function toNode(r: Criterion): CriterionNode {
  return {
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    title: r.title,
    level: r.level as CriterionNode['level'],
    maxHundredths: r.maxHundredths as CriterionNode['maxHundredths'],
    rule: r.rule,
    evidenceRequired: r.evidenceRequired === 1,
    responsibleUnitId: r.responsibleUnitId,
    metric: r.metric,
    notSelfScored: r.notSelfScored === 1,
    order: r.sortOrder,
  };
}

export function toRow(setId: string, n: CriterionNode): CriterionRow {
  return {
    id: n.id,
    setId,
    parentId: n.parentId,
    code: n.code,
    title: n.title,
    level: n.level,
    maxHundredths: n.maxHundredths,
    ruleJson: JSON.stringify(n.rule),
    evidenceRequired: n.evidenceRequired ? 1 : 0,
    responsibleUnitId: n.responsibleUnitId ?? null,
    metric: n.metric ?? null,
    notSelfScored: n.notSelfScored ? 1 : 0,
    sortOrder: n.order,
  };
}

export function bandsOf(s: SetRow): Band[] {
  try {
    return JSON.parse(s.bandsJson) as Band[];
  } catch {
    return DEFAULT_BANDS;
  }
}

export function domainSet(s: SetRow, rows: readonly Criterion[]): CriteriaSet {
  return {
    year: s.year,
    scope: s.scope,
    legalBasis: s.legalBasisNumber,
    rounding: s.rounding as CriteriaSet['rounding'],
    notApplicableMethod: s.notApplicableMethod as CriteriaSet['notApplicableMethod'],
    nodes: rows.map(toNode),
  };
}

/** The only place with PAR SQL. Scope filters (unit lists) are applied in the queries. */
export class ParRepository {
  constructor(
    private readonly db: Db,
    private readonly tree: UnitTree,
  ) {}

  /** A unit and its ancestors, nearest first (the unit tree). */
  ancestorsOf(unitId: string, db: Db = this.db): Promise<string[]> {
    return this.tree.ancestors(unitId, db);
  }

  /** A unit and every unit below it, the unit itself first (the unit tree). */
  async descendantsOf(unitId: string, db: Db = this.db): Promise<string[]> {
    return (await this.subtreeUnits(unitId, db)).map((u) => u.id);
  }

  /** The units of a subtree with their names (the root first), e.g. to resolve names in an import. */
  subtreeUnits(unitId: string, db: Db = this.db): Promise<Array<{ id: string; name: string }>> {
    return this.tree.subtreeUnits(unitId, db);
  }

  unitNames(ids: readonly string[], db: Db = this.db) {
    if (ids.length === 0) return Promise.resolve([] as { id: string; name: string }[]);
    return db
      .selectFrom('units')
      .select(['id', 'name'])
      .where('id', 'in', [...ids])
      .execute();
  }

  findSet(id: string, db: Db = this.db) {
    return db.selectFrom('parCriteriaSets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listSets(ownerUnitIds: readonly string[]) {
    if (ownerUnitIds.length === 0) return Promise.resolve([] as SetRow[]);
    return this.db
      .selectFrom('parCriteriaSets')
      .selectAll()
      .where('ownerUnitId', 'in', [...ownerUnitIds])
      .orderBy('year', 'desc')
      .orderBy('title')
      .execute();
  }

  async insertSet(db: Db, s: SetRow, nodes: readonly CriterionNode[]) {
    await db.insertInto('parCriteriaSets').values(s).execute();
    for (const n of nodes) await db.insertInto('parCriteria').values(toRow(s.id, n)).execute();
  }

  /** Bumps the set's version if it is still `version`; false when someone saved first. */
  async touchSet(db: Db, id: string, version: number, patch: Partial<SetRow>): Promise<boolean> {
    const r = await db
      .updateTable('parCriteriaSets')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async criteriaOf(setId: string, db: Db = this.db): Promise<Criterion[]> {
    return (await db.selectFrom('parCriteria').selectAll().where('setId', '=', setId).orderBy('sortOrder').orderBy('code').execute()).map(parseCriterion);
  }

  /**
   * An assessment with everything a scorecard needs (agency name, set, criteria, scores, evidence links).
   * The five queries do not wait for each other (the set and criteria are found through the assessment
   * in SQL), so outside a transaction they cost one round trip instead of six in a row.
   */
  async loadAssessment(id: string, db: Db = this.db) {
    const setIdOf = db.selectFrom('parAssessments').select('setId').where('id', '=', id);
    const [found, set, rows, scores, links] = await Promise.all([
      db
        .selectFrom('parAssessments')
        .leftJoin('units', 'units.id', 'parAssessments.agencyUnitId')
        .selectAll('parAssessments')
        .select('units.name as agencyName')
        .where('parAssessments.id', '=', id)
        .executeTakeFirst(),
      db.selectFrom('parCriteriaSets').selectAll().where('id', 'in', setIdOf).executeTakeFirst(),
      db.selectFrom('parCriteria').selectAll().where('setId', 'in', setIdOf).orderBy('sortOrder').orderBy('code').execute(),
      this.scoresOf(id, db),
      this.linksOf(id, db),
    ]);
    if (!found || !set) return undefined;
    const { agencyName, ...a } = found;
    return { a: a as AssessmentRow, set, rows: rows.map(parseCriterion), scores, links, agencyName: agencyName ?? '' };
  }

  findAssessment(id: string, db: Db = this.db) {
    return db.selectFrom('parAssessments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Readable rows: assessments of agencies in `unitIds`, plus published ones of any agency (results are public once published). */
  private visibleAssessments(unitIds: readonly string[], db: Db = this.db) {
    return db
      .selectFrom('parAssessments')
      .innerJoin('units', 'units.id', 'parAssessments.agencyUnitId')
      .innerJoin('parCriteriaSets', 'parCriteriaSets.id', 'parAssessments.setId')
      .selectAll('parAssessments')
      .select(['units.name as agencyName', 'parCriteriaSets.scope as scope'])
      .where((eb) =>
        unitIds.length > 0
          ? eb.or([eb('parAssessments.agencyUnitId', 'in', [...unitIds]), eb('parAssessments.status', '=', 'published')])
          : eb('parAssessments.status', '=', 'published'),
      );
  }

  /** Visible assessments with their stored totals, newest year first; one query, nothing recomputed. */
  async listAssessments(
    unitIds: readonly string[],
    filter: { year?: number | undefined; years?: readonly number[]; agencyUnitId?: string; finishedOnly?: boolean },
    page?: { page: number; pageSize: number },
  ): Promise<AssessmentListRow[]> {
    let q = this.visibleAssessments(unitIds);
    if (filter.year !== undefined) q = q.where('parAssessments.year', '=', filter.year);
    if (filter.years !== undefined) q = filter.years.length > 0 ? q.where('parAssessments.year', 'in', [...filter.years]) : q.where(sql<boolean>`1 = 0`);
    if (filter.agencyUnitId !== undefined) q = q.where('parAssessments.agencyUnitId', '=', filter.agencyUnitId);
    if (filter.finishedOnly) q = q.where('parAssessments.status', 'in', ['final', 'published']);
    q = q.orderBy('parAssessments.year', 'desc').orderBy('units.name').orderBy('parAssessments.id');
    if (page) q = q.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
    return (await q.execute()) as AssessmentListRow[];
  }

  /** How many visible assessments a filter matches, counted in the database. */
  async countAssessments(unitIds: readonly string[], filter: { year?: number | undefined }): Promise<number> {
    let q = this.db
      .selectFrom('parAssessments')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where((eb) =>
        unitIds.length > 0
          ? eb.or([eb('parAssessments.agencyUnitId', 'in', [...unitIds]), eb('parAssessments.status', '=', 'published')])
          : eb('parAssessments.status', '=', 'published'),
      );
    if (filter.year !== undefined) q = q.where('parAssessments.year', '=', filter.year);
    return Number((await q.executeTakeFirstOrThrow()).n);
  }

  /** The assessment of an agency for a year, if there is one (one per agency and year). */
  assessmentOfYear(agencyUnitId: string, year: number, db: Db = this.db) {
    return db.selectFrom('parAssessments').select('id').where('agencyUnitId', '=', agencyUnitId).where('year', '=', year).executeTakeFirst();
  }

  async insertAssessment(db: Db, row: AssessmentRow): Promise<void> {
    await db.insertInto('parAssessments').values(row).execute();
  }

  /** Sets fields of an assessment that is being created in the same transaction (no version check). */
  async setAssessmentFields(db: Db, id: string, patch: Partial<AssessmentRow>): Promise<void> {
    await db.updateTable('parAssessments').set(patch).where('id', '=', id).execute();
  }

  /** Stores the computed totals of an assessment (written with every change of its scores, status or set). */
  async saveSummary(db: Db, id: string, summary: AssessmentSummaryColumns): Promise<void> {
    await db
      .updateTable('parAssessments')
      .set({ ...summary, summaryStale: 0 })
      .where('id', '=', id)
      .execute();
  }

  /** Assessments whose stored totals are missing (rows older than the columns). */
  async staleSummaryIds(db: Db = this.db): Promise<string[]> {
    return (await db.selectFrom('parAssessments').select('id').where('summaryStale', '=', 1).execute()).map((r) => r.id);
  }

  /** Every assessment on a set (a change of the set's rounding or bands changes their totals). */
  async assessmentIdsOfSet(setId: string, db: Db = this.db): Promise<string[]> {
    return (await db.selectFrom('parAssessments').select('id').where('setId', '=', setId).execute()).map((r) => r.id);
  }

  async touchAssessment(db: Db, id: string, version: number, patch: Partial<AssessmentRow>): Promise<boolean> {
    const r = await db
      .updateTable('parAssessments')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  scoresOf(assessmentId: string, db: Db = this.db) {
    return db.selectFrom('parScores').selectAll().where('assessmentId', '=', assessmentId).execute();
  }

  findScore(assessmentId: string, criterionId: string, db: Db = this.db) {
    return db.selectFrom('parScores').selectAll().where('assessmentId', '=', assessmentId).where('criterionId', '=', criterionId).executeTakeFirst();
  }

  /** Inserts (expected version 0) or updates a score row at its version; false when stale. */
  async saveScore(db: Db, expectedVersion: number, row: ScoreRow): Promise<boolean> {
    if (expectedVersion === 0) {
      const existing = await this.findScore(row.assessmentId, row.criterionId, db);
      if (existing) return false;
      await db
        .insertInto('parScores')
        .values({ ...row, version: 1 })
        .execute();
      return true;
    }
    const { assessmentId, criterionId, version: _v, ...patch } = row;
    const r = await db
      .updateTable('parScores')
      .set({ ...patch, version: expectedVersion + 1 })
      .where('assessmentId', '=', assessmentId)
      .where('criterionId', '=', criterionId)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  evidenceOf(assessmentId: string, db: Db = this.db) {
    return db.selectFrom('parEvidence').selectAll().where('assessmentId', '=', assessmentId).orderBy('createdAt').orderBy('numberSymbol').execute();
  }

  /** Name and size of the files attached to evidence records, by attachment id (issue #13 item 10). */
  async attachmentFiles(ids: ReadonlyArray<string | null>, db: Db = this.db): Promise<EvidenceFiles> {
    const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
    if (wanted.length === 0) return new Map();
    const rows = await db
      .selectFrom('attachments')
      .innerJoin('files', 'files.sha256', 'attachments.sha256')
      .select(['attachments.id', 'attachments.fileName', 'files.size'])
      .where('attachments.id', 'in', wanted)
      .execute();
    return new Map(rows.map((r) => [r.id, { name: r.fileName, size: Number(r.size) }]));
  }

  async linksOf(assessmentId: string, db: Db = this.db) {
    return db
      .selectFrom('parEvidenceLinks')
      .innerJoin('parEvidence', 'parEvidence.id', 'parEvidenceLinks.evidenceId')
      .select(['parEvidenceLinks.evidenceId', 'parEvidenceLinks.criterionId'])
      .where('parEvidence.assessmentId', '=', assessmentId)
      .execute();
  }

  findEvidence(id: string, db: Db = this.db) {
    return db.selectFrom('parEvidence').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** The agency and status of the assessment an evidence record belongs to. */
  evidenceAssessment(evidenceId: string, db: Db = this.db) {
    return db
      .selectFrom('parEvidence')
      .innerJoin('parAssessments', 'parAssessments.id', 'parEvidence.assessmentId')
      .select(['parAssessments.agencyUnitId', 'parAssessments.status'])
      .where('parEvidence.id', '=', evidenceId)
      .executeTakeFirst();
  }

  /** Whether an attachment was uploaded for this evidence record. */
  async isEvidenceAttachment(evidenceId: string, attachmentId: string, db: Db = this.db): Promise<boolean> {
    const att = await db
      .selectFrom('attachments')
      .select('id')
      .where('id', '=', attachmentId)
      .where('ownerEntity', '=', 'par_evidence')
      .where('ownerId', '=', evidenceId)
      .executeTakeFirst();
    return att !== undefined;
  }

  async insertEvidence(db: Db, row: EvidenceRow, criterionIds: readonly string[]): Promise<void> {
    await db.insertInto('parEvidence').values(row).execute();
    if (criterionIds.length > 0)
      await db
        .insertInto('parEvidenceLinks')
        .values(criterionIds.map((criterionId) => ({ evidenceId: row.id, criterionId })))
        .execute();
  }

  /** Updates an evidence record at its version; false when stale. */
  async updateEvidence(db: Db, id: string, version: number, patch: Partial<EvidenceRow>): Promise<boolean> {
    const r = await db
      .updateTable('parEvidence')
      .set({ ...patch, version: version + 1 })
      .where('id', '=', id)
      .where('version', '=', version)
      .executeTakeFirst();
    return Number(r.numUpdatedRows) === 1;
  }

  async deleteEvidence(db: Db, id: string, version: number): Promise<boolean> {
    await db.deleteFrom('parEvidenceLinks').where('evidenceId', '=', id).execute();
    const r = await db.deleteFrom('parEvidence').where('id', '=', id).where('version', '=', version).executeTakeFirst();
    return Number(r.numDeletedRows) === 1;
  }

  async setLink(db: Db, evidenceId: string, criterionId: string, linked: boolean): Promise<void> {
    if (linked) await db.insertInto('parEvidenceLinks').values({ evidenceId, criterionId }).execute();
    else await db.deleteFrom('parEvidenceLinks').where('evidenceId', '=', evidenceId).where('criterionId', '=', criterionId).execute();
  }

  /** Scores of a new assessment (a historical result), written in one statement. */
  async insertScores(db: Db, rows: readonly ScoreRow[]): Promise<void> {
    if (rows.length > 0)
      await db
        .insertInto('parScores')
        .values([...rows])
        .execute();
  }
}
