import type { CriteriaSet, CriterionNode, ScoringRule } from '@cchc/domain';
import type { Selectable } from 'kysely';
import type { Db } from '../../platform/db/database';
import type { ParAssessmentsTable, ParCriteriaSetsTable, ParCriteriaTable, ParEvidenceTable, ParScoresTable } from '../../platform/db/schema';
import type { FileOwner } from '../../platform/files/files.service';
import { DEFAULT_BANDS, type Band } from './par.schemas';

export type SetRow = Selectable<ParCriteriaSetsTable>;
export type CriterionRow = Selectable<ParCriteriaTable>;
export type AssessmentRow = Selectable<ParAssessmentsTable>;
export type ScoreRow = Selectable<ParScoresTable>;
export type EvidenceRow = Selectable<ParEvidenceTable>;

export function toNode(r: CriterionRow): CriterionNode {
  return {
    id: r.id,
    parentId: r.parentId,
    code: r.code,
    title: r.title,
    level: r.level as CriterionNode['level'],
    maxHundredths: r.maxHundredths as CriterionNode['maxHundredths'],
    rule: JSON.parse(r.ruleJson) as ScoringRule,
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

export function domainSet(s: SetRow, rows: readonly CriterionRow[]): CriteriaSet {
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
  constructor(private readonly db: Db) {}

  /** A unit and its ancestors, nearest first. */
  async ancestorsOf(unitId: string, db: Db = this.db): Promise<string[]> {
    const out: string[] = [];
    let current: string | null = unitId;
    while (current && out.length < 20) {
      out.push(current);
      const u: { parentId: string | null } | undefined = await db.selectFrom('units').select('parentId').where('id', '=', current).executeTakeFirst();
      current = u?.parentId ?? null;
    }
    return out;
  }

  async descendantsOf(unitId: string, db: Db = this.db): Promise<string[]> {
    const out = [unitId];
    for (let i = 0; i < out.length; i++) {
      const kids = await db.selectFrom('units').select('id').where('parentId', '=', out[i]!).execute();
      out.push(...kids.map((k) => k.id));
    }
    return out;
  }

  unitNames(ids: readonly string[], db: Db = this.db) {
    if (ids.length === 0) return Promise.resolve([] as { id: string; name: string }[]);
    return db.selectFrom('units').select(['id', 'name']).where('id', 'in', [...ids]).execute();
  }

  findSet(id: string, db: Db = this.db) {
    return db.selectFrom('parCriteriaSets').selectAll().where('id', '=', id).executeTakeFirst();
  }

  listSets(ownerUnitIds: readonly string[]) {
    if (ownerUnitIds.length === 0) return Promise.resolve([] as SetRow[]);
    return this.db.selectFrom('parCriteriaSets').selectAll().where('ownerUnitId', 'in', [...ownerUnitIds]).orderBy('year', 'desc').orderBy('title').execute();
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

  criteriaOf(setId: string, db: Db = this.db) {
    return db.selectFrom('parCriteria').selectAll().where('setId', '=', setId).orderBy('sortOrder').orderBy('code').execute();
  }

  findAssessment(id: string, db: Db = this.db) {
    return db.selectFrom('parAssessments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** Assessments of agencies in `unitIds`, plus published ones of any agency (results are public once published). */
  listAssessments(unitIds: readonly string[], filter: { year?: number | undefined; agencyUnitId?: string }) {
    let q = this.db
      .selectFrom('parAssessments')
      .innerJoin('units', 'units.id', 'parAssessments.agencyUnitId')
      .selectAll('parAssessments')
      .select('units.name as agencyName')
      .where((eb) => (unitIds.length > 0 ? eb.or([eb('parAssessments.agencyUnitId', 'in', [...unitIds]), eb('parAssessments.status', '=', 'published')]) : eb('parAssessments.status', '=', 'published')));
    if (filter.year !== undefined) q = q.where('parAssessments.year', '=', filter.year);
    if (filter.agencyUnitId !== undefined) q = q.where('parAssessments.agencyUnitId', '=', filter.agencyUnitId);
    return q.orderBy('parAssessments.year', 'desc').orderBy('units.name').execute();
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
      await db.insertInto('parScores').values({ ...row, version: 1 }).execute();
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
}

/** Evidence files belong to the unit of the assessed agency, so downloads follow the assessment's scope. */
export const parEvidenceFileOwner: FileOwner = {
  entity: 'par_evidence',
  async unitOf(db, id) {
    const e = await db
      .selectFrom('parEvidence')
      .innerJoin('parAssessments', 'parAssessments.id', 'parEvidence.assessmentId')
      .select('parAssessments.agencyUnitId')
      .where('parEvidence.id', '=', id)
      .executeTakeFirst();
    return e?.agencyUnitId ?? null;
  },
};
