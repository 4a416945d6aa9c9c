import { can, foldVietnamese } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import { ConflictError } from '../../platform/errors';
import type { ContentIssue } from './procedure-rules';
import type { ProcedureContent } from './procedure.schemas';
import type { ProcedureRepository, ProcedureRow, StoredVersion } from './procedure.repository';

// The two writes of the catalogue (a new procedure, a new version of one), shared by the API,
// the import and the demo seeder so that mirrors, versions and audit rows are always written alike.

export interface WriteContext {
  trx: Db;
  repo: ProcedureRepository;
  audit: AuditService;
  actor: ServerActor | null;
  now: string;
}

/** Fields of `procedures` that mirror the latest version, for search and scope. */
function mirror(content: ProcedureContent) {
  return {
    name: content.name,
    nameFolded: foldVietnamese(content.name),
    sectorCode: content.sector.code,
    sectorName: content.sector.name,
    processingUnitId: content.processingUnitId,
  };
}

function newVersion(w: WriteContext, procedureId: string, versionNo: number, content: ProcedureContent, effectiveFrom: string): StoredVersion {
  return {
    id: randomUUID(),
    procedureId,
    versionNo,
    effectiveFrom,
    name: content.name,
    nameFolded: foldVietnamese(content.name),
    sectorCode: content.sector.code,
    sectorName: content.sector.name,
    timeLimitValue: content.timeLimit.value,
    timeLimitUnit: content.timeLimit.unit,
    onlineLevel: content.onlineLevel,
    processingUnitId: content.processingUnitId,
    content,
    createdAt: w.now,
    createdBy: w.actor?.userId ?? null,
  };
}

function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
}

export async function createProcedure(
  w: WriteContext,
  input: { unitId: string; code: string; status: string; content: ProcedureContent; effectiveFrom: string },
): Promise<ProcedureRow> {
  if ((await w.repo.findByCodes(input.unitId, [input.code], w.trx)).length) {
    throw new ConflictError('procedure.code_taken', [{ path: 'body.code', code: 'procedure.code_taken' }]);
  }
  const row: ProcedureRow = {
    id: randomUUID(),
    unitId: input.unitId,
    code: input.code,
    ...mirror(input.content),
    status: input.status,
    latestVersionNo: 1,
    version: 1,
    createdAt: w.now,
    updatedAt: w.now,
  };
  try {
    await w.repo.insertProcedure(w.trx, row);
  } catch (err) {
    // Two creations of one code at once: the unique index decides, and the loser hears 409.
    if (isUniqueViolation(err)) throw new ConflictError('procedure.code_taken', [{ path: 'body.code', code: 'procedure.code_taken' }]);
    throw err;
  }
  await w.repo.insertVersion(w.trx, newVersion(w, row.id, 1, input.content, input.effectiveFrom));
  await w.audit.record(w.trx, w.actor, {
    action: 'create',
    entity: 'procedure',
    entityId: row.id,
    unitId: row.unitId,
    after: { code: row.code, unitId: row.unitId, status: row.status, versionNo: 1, effectiveFrom: input.effectiveFrom, content: input.content },
  });
  return row;
}

/** Publishes `content` as the next version of `current` (which must still be at its read version). */
export async function appendVersion(
  w: WriteContext,
  current: ProcedureRow,
  latest: StoredVersion,
  content: ProcedureContent,
  effectiveFrom: string,
): Promise<ProcedureRow> {
  const versionNo = current.latestVersionNo + 1;
  const patch = { ...mirror(content), latestVersionNo: versionNo, updatedAt: w.now };
  if (!(await w.repo.update(w.trx, current.id, current.version, patch))) throw new ConflictError('conflict.stale_version');
  await w.repo.insertVersion(w.trx, newVersion(w, current.id, versionNo, content, effectiveFrom));
  await w.audit.record(w.trx, w.actor, {
    action: 'update',
    entity: 'procedure',
    entityId: current.id,
    unitId: current.unitId,
    before: { versionNo: latest.versionNo, effectiveFrom: latest.effectiveFrom, content: latest.content },
    after: { versionNo, effectiveFrom, content },
  });
  return { ...current, ...patch, version: current.version + 1 };
}

/**
 * Checks the references a content makes: the processing unit sits in the implementing unit's
 * tree, step units exist (they may be outside it, e.g. the provincial service centre), and form
 * templates are files the actor can see.
 */
export async function referenceIssues(
  trx: Db,
  repo: ProcedureRepository,
  actor: ServerActor | null,
  unitId: string,
  content: ProcedureContent,
): Promise<ContentIssue[]> {
  const issues: ContentIssue[] = [];
  if (content.processingUnitId) {
    const tree = await repo.subtree(unitId, trx);
    if (!tree.some((u) => u.id === content.processingUnitId)) issues.push({ path: ['processingUnitId'], code: 'procedure.processing_unit_invalid' });
  }
  const stepUnits = content.steps.flatMap((s) => (s.unitId ? [s.unitId] : []));
  const known = await repo.existingUnits([...new Set(stepUnits)], trx);
  content.steps.forEach((s, i) => {
    if (s.unitId && !known.has(s.unitId)) issues.push({ path: ['steps', i, 'unitId'], code: 'procedure.step_unit_unknown' });
  });
  const templateIds = content.components.flatMap((c) => (c.templateFileId ? [c.templateFileId] : []));
  const files = new Map((await repo.attachments([...new Set(templateIds)], trx)).map((f) => [f.id, f.unitId]));
  content.components.forEach((c, i) => {
    if (!c.templateFileId) return;
    const fileUnit = files.get(c.templateFileId);
    if (!fileUnit || (actor && !can(actor, 'unit.read', fileUnit)))
      issues.push({ path: ['components', i, 'templateFileId'], code: 'procedure.template_not_found' });
  });
  return issues;
}
