import { checkPublishedResult, parseHundredths, type CriteriaSet, type PublishedResult } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, ValidationError, type FieldError } from '../../platform/errors';
import type { AssessmentAccess } from './par-assessment-access';
import { emptyScore, evidenceView, type Loaded } from './par-assessment-view';
import type { AssessmentRow, EvidenceRow, ParRepository, SetRow } from './par.repository';
import type { AssessmentStatus, PublishedResultInput } from './par.schemas';

// The writes that create PAR records, as building blocks: they check the input and write the rows and the
// audit entry, but do not authorize. The services authorize first and then call them; the demo seeder
// calls them directly (it acts as nobody).

export interface WriteDeps {
  repo: ParRepository;
  audit: AuditService;
  clock: Clock;
  access: AssessmentAccess;
}

/** Creates an assessment of an agency on a set, one per agency and year. */
export async function insertAssessment(
  deps: WriteDeps,
  db: Db,
  actor: ServerActor | null,
  set: SetRow,
  agencyUnitId: string,
  status: AssessmentStatus = 'self_assessing',
): Promise<AssessmentRow> {
  const dup = await deps.repo.assessmentOfYear(agencyUnitId, set.year, db);
  if (dup) throw new ConflictError('par.assessment_exists', [], { id: dup.id });
  const now = deps.clock.now();
  const row: AssessmentRow = {
    id: randomUUID(),
    setId: set.id,
    agencyUnitId,
    year: set.year,
    status,
    reportedTotalHundredths: null,
    reportedRank: null,
    rankGroupSize: null,
    publishedRef: null,
    publishedFieldsJson: null,
    version: 1,
    createdAt: now,
    updatedAt: now,
    computedTotalHundredths: null,
    totalLayer: null,
    maxHundredths: null,
    percentBasisPoints: null,
    band: null,
    summaryStale: 1,
  };
  await deps.repo.insertAssessment(db, row);
  await deps.audit.record(db, actor, { action: 'create', entity: 'par_assessment', entityId: row.id, unitId: agencyUnitId, after: row });
  await deps.access.refresh(db, row.id);
  return row;
}

/**
 * A published field score spread over the rows below a summing field: rows whose data show a loss lose
 * first, each at most what its data lose (`dataLoss`, in the given order); then deduction rows, then the
 * manual rows, then the others, each at most its maximum (field 7 of 2019: 6.50 of 10.00 → 7.1 = 0,
 * 7.2 = 0, 7.3 = 6.50). Entering a result there are no data: field 1's 10.25 of 11.00 puts the 0.75 on the
 * manual rest 1.5 (5.25). The projection spreads again with the data (`reconcilePublishedFields`): where
 * the late Q3 report makes 1.3 lose, the published 0.75 sits on 1.3 and the rest keeps its 6.00, so the
 * loss is never counted twice (docs/domain/par-index.md#worked-example-the-2019-scorecard).
 */
export function spreadFieldScore(
  children: readonly { id: string; max: number; deduction: boolean; manual?: boolean; dataLoss?: number }[],
  score: number,
): Map<string, number> {
  let deficit = children.reduce((s, c) => s + c.max, 0) - score;
  const lost = new Map<string, number>(children.map((c) => [c.id, 0]));
  const take = (c: (typeof children)[number], cap: number) => {
    const more = Math.max(0, Math.min(deficit, cap - lost.get(c.id)!));
    deficit -= more;
    lost.set(c.id, lost.get(c.id)! + more);
  };
  for (const c of children) if ((c.dataLoss ?? 0) > 0) take(c, Math.min(c.dataLoss!, c.max));
  const rank = (c: (typeof children)[number]) => (c.deduction ? 0 : c.manual ? 1 : 2);
  for (const c of [...children].sort((a, b) => rank(a) - rank(b))) take(c, c.max);
  return new Map(children.map((c) => [c.id, c.max - lost.get(c.id)!]));
}

/**
 * Enters a historical result as published: field scores as strings, the reported total, the rank. The total
 * is recomputed (checkPublishedResult) and a difference is flagged, never "fixed" (docs/domain/par-index.md#worked-example-the-2019-scorecard).
 */
export async function insertPublishedResult(
  deps: WriteDeps,
  db: Db,
  actor: ServerActor | null,
  set: SetRow,
  input: PublishedResultInput,
): Promise<AssessmentRow> {
  const rows = await deps.repo.criteriaOf(set.id, db);
  const roots = new Map(rows.filter((r) => r.parentId === null).map((r) => [r.code, r]));
  const fields: FieldError[] = [];
  const finals = new Map<string, number>();
  const published: PublishedResult['fields'] = [];
  input.fields.forEach((f, i) => {
    const root = roots.get(f.code);
    if (!root) return void fields.push({ path: `body.fields.${i}.code`, code: 'par.unknown_field' });
    let score: number;
    try {
      score = parseHundredths(f.score);
    } catch {
      return void fields.push({ path: `body.fields.${i}.score`, code: 'par.figure_invalid' });
    }
    if (score < 0 || score > root.maxHundredths) return void fields.push({ path: `body.fields.${i}.score`, code: 'par.score_out_of_range' });
    published.push({
      code: f.code,
      title: root.title,
      max: (root.maxHundredths / 100).toFixed(2),
      score: f.score,
      ...(f.publishedPercent ? { publishedPercent: f.publishedPercent } : {}),
    });
    if (root.rule.kind !== 'sum') return void finals.set(root.id, score);
    const children = rows
      .filter((r) => r.parentId === root.id)
      .map((r) => ({ id: r.id, max: r.maxHundredths, deduction: r.rule.kind === 'deduction', manual: r.rule.kind === 'manual' }));
    for (const [cid, v] of spreadFieldScore(children, score)) finals.set(cid, v);
  });
  try {
    parseHundredths(input.reportedTotal);
  } catch {
    fields.push({ path: 'body.reportedTotal', code: 'par.figure_invalid' });
  }
  if (fields.length > 0) throw new ValidationError('par.published_invalid', fields);
  const result: PublishedResult = { year: set.year, reportedTotal: input.reportedTotal, fields: published };
  const check = checkPublishedResult(result, set.rounding as CriteriaSet['rounding']);
  const a = await insertAssessment(deps, db, actor, set, input.agencyUnitId, 'published');
  const patch = {
    reportedTotalHundredths: check.reportedTotal,
    reportedRank: input.rank ?? null,
    rankGroupSize: input.groupSize ?? null,
    publishedRef: input.publishedRef ?? null,
    publishedFieldsJson: JSON.stringify(result),
  };
  await deps.repo.setAssessmentFields(db, a.id, patch);
  await deps.repo.insertScores(
    db,
    [...finals].map(([criterionId, v]) => ({ ...emptyScore(a.id, criterionId), finalHundredths: v, version: 1 })),
  );
  await deps.audit.record(db, actor, {
    action: 'par_published_entered',
    entity: 'par_assessment',
    entityId: a.id,
    unitId: a.agencyUnitId,
    after: { ...patch, check: { computedTotal: check.computedTotal, reportedTotal: check.reportedTotal, differs: check.differs } },
  });
  await deps.access.refresh(db, a.id);
  return { ...a, ...patch };
}

export interface EvidenceInput {
  numberSymbol: string;
  issuedOn?: string | null | undefined;
  issuer?: string | null | undefined;
  title: string;
  criterionIds?: string[] | undefined;
}

/** Adds an evidence record linked to rows of the assessment. */
export async function insertEvidence(deps: WriteDeps, db: Db, actor: ServerActor | null, l: Loaded, input: EvidenceInput) {
  const ids = input.criterionIds ?? [];
  const fields = ids.flatMap((cid, i) => (l.rows.some((r) => r.id === cid) ? [] : [{ path: `body.criterionIds.${i}`, code: 'par.criterion_not_found' }]));
  if (fields.length > 0) throw new ValidationError('par.criterion_not_found', fields);
  const row: EvidenceRow = {
    id: randomUUID(),
    assessmentId: l.a.id,
    numberSymbol: input.numberSymbol,
    issuedOn: input.issuedOn ?? null,
    issuer: input.issuer ?? null,
    title: input.title,
    attachmentId: null,
    version: 1,
    createdAt: deps.clock.now(),
  };
  const unique = [...new Set(ids)];
  await deps.repo.insertEvidence(db, row, unique);
  await deps.audit.record(db, actor, {
    action: 'create',
    entity: 'par_evidence',
    entityId: row.id,
    unitId: l.a.agencyUnitId,
    after: { ...row, criterionIds: ids },
  });
  return evidenceView(
    row,
    unique.map((criterionId) => ({ evidenceId: row.id, criterionId })),
    new Map(),
  );
}
