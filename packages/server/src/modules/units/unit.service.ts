import { ALLOWED_CHILD_KINDS, can, foldVietnamese, TOP_LEVEL_UNIT_KINDS, unitsFor, type UnitKind } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import { bumpAuthzGeneration, type ServerActor } from '../../platform/auth/actor';
import { authorize } from '../../platform/auth/authorize';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import type { UnitTree } from '../../platform/units/unit-tree';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors';
import { isForeignKeyViolation, type UnitRepository, type UnitRow } from './unit.repository';
import type { CreateUnitInput, UnitView, UpdateUnitInput } from './unit.schemas';

function present(u: UnitRow, actor: ServerActor): UnitView {
  const manages = can(actor, 'unit.manage', u.id);
  return {
    id: u.id,
    parentId: u.parentId,
    kind: u.kind,
    name: u.name,
    code: u.code,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
    // A unit's own position is managed from above: the root of one's scope cannot be renamed away or deleted by oneself.
    can: {
      update: manages,
      delete: manages && u.parentId !== null && can(actor, 'unit.manage', u.parentId),
      createChild: manages && ALLOWED_CHILD_KINDS[u.kind].length > 0,
    },
  };
}

function audited(u: UnitRow) {
  const { nameFolded: _n, ...rest } = u;
  return rest;
}

export class UnitService {
  constructor(
    private readonly db: Db,
    private readonly repo: UnitRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly tree: UnitTree,
  ) {}

  async list(actor: ServerActor): Promise<UnitView[]> {
    const rows = await this.repo.listIn(unitsFor(actor, 'unit.read'));
    return rows.map((u) => present(u, actor));
  }

  async create(actor: ServerActor, input: CreateUnitInput): Promise<UnitView> {
    if (input.parentId === null) return this.createTopLevel(actor, { ...input, parentId: null });
    const parent = await this.repo.findInScope(unitsFor(actor, 'unit.read'), input.parentId);
    if (!parent) throw new NotFoundError('unit.not_found');
    authorize(actor, 'unit.manage', parent.id);
    if (!ALLOWED_CHILD_KINDS[parent.kind].includes(input.kind)) {
      throw new ValidationError('unit.kind_not_allowed', [{ path: 'body.kind', code: 'unit.kind_not_allowed' }]);
    }
    const row = this.newRow(input, parent.id);
    await this.db.transaction().execute(async (trx) => {
      if (await this.repo.siblingWithName(parent.id, row.nameFolded, undefined, trx)) throw new ConflictError('unit.name_taken');
      await this.repo.insert(trx, row);
      await bumpAuthzGeneration(trx);
      await this.audit.record(trx, actor, { action: 'create', entity: 'unit', entityId: row.id, unitId: row.id, after: audited(row) });
    });
    // The creator's scope now covers the new unit (it sits under a unit they manage).
    return present(row, { ...actor, grants: actor.grants.map((g) => (g.unitIds.includes(parent.id) ? { ...g, unitIds: [...g.unitIds, row.id] } : g)) });
  }

  /** A unit row as first inserted (version 1), under `parentId` or top-level with null. */
  private newRow(input: CreateUnitInput, parentId: string | null): UnitRow {
    const now = this.clock.now();
    return {
      id: randomUUID(),
      parentId,
      kind: input.kind,
      name: input.name,
      nameFolded: foldVietnamese(input.name),
      code: input.code ?? null,
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
  }

  /**
   * Another top-level agency (a second Sở, the province...). Only a system administrator of a
   * top-level agency may add one: the installation's administrators, not one scoped to a division.
   * The creator is granted system_admin on the new agency in the same transaction, so it is in
   * their scope at once and they can appoint its own administrators.
   */
  private async createTopLevel(actor: ServerActor, input: CreateUnitInput & { parentId: null }): Promise<UnitView> {
    const adminOf = actor.grants.filter((g) => g.role === 'system_admin').map((g) => g.unitId);
    if (!(await this.repo.anyTopLevel(adminOf))) throw new ForbiddenError('forbidden', [], { action: 'unit.manage' });
    if (!(TOP_LEVEL_UNIT_KINDS as readonly UnitKind[]).includes(input.kind)) {
      throw new ValidationError('unit.kind_not_allowed', [{ path: 'body.kind', code: 'unit.kind_not_allowed' }]);
    }
    const row = this.newRow(input, null);
    const grant = { id: randomUUID(), userId: actor.userId, role: 'system_admin' as const, unitId: row.id };
    await this.db.transaction().execute(async (trx) => {
      if (await this.repo.siblingWithName(null, row.nameFolded, undefined, trx)) throw new ConflictError('unit.name_taken');
      await this.repo.insert(trx, row);
      await this.repo.insertGrant(trx, grant);
      await bumpAuthzGeneration(trx);
      await this.audit.record(trx, actor, { action: 'create', entity: 'unit', entityId: row.id, unitId: row.id, after: audited(row) });
      const before = actor.grants.map((g) => ({ role: g.role, unitId: g.unitId }));
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'user',
        entityId: actor.userId,
        unitId: row.id,
        before: { grants: before },
        after: { grants: [...before, { role: grant.role, unitId: grant.unitId }] },
      });
    });
    return present(row, { ...actor, grants: [...actor.grants, { role: grant.role, unitId: row.id, unitIds: [row.id] }] });
  }

  async update(actor: ServerActor, id: string, input: UpdateUnitInput): Promise<UnitView> {
    return this.db.transaction().execute(async (trx) => {
      const unit = await this.repo.findInScope(unitsFor(actor, 'unit.read'), id, trx);
      if (!unit) throw new NotFoundError('unit.not_found');
      authorize(actor, 'unit.manage', unit.id);
      if (unit.version !== input.version) throw new ConflictError('conflict.stale_version', [], { current: present(unit, actor) });
      const next: UnitRow = { ...unit, updatedAt: this.clock.now() };
      if (input.parentId !== undefined && input.parentId !== unit.parentId) next.parentId = await this.moveTarget(actor, unit, input.parentId, trx);
      const moved = next.parentId !== unit.parentId;
      if (input.name !== undefined) {
        next.name = input.name;
        next.nameFolded = foldVietnamese(input.name);
      }
      if ((input.name !== undefined || moved) && (await this.repo.siblingWithName(next.parentId, next.nameFolded, unit.id, trx)))
        throw new ConflictError('unit.name_taken');
      if (input.code !== undefined) next.code = input.code;
      if (input.kind !== undefined) next.kind = input.kind;
      if (next.kind !== unit.kind || moved) {
        const parent = next.parentId ? await this.repo.findById(next.parentId, trx) : undefined;
        if (parent && !ALLOWED_CHILD_KINDS[parent.kind].includes(next.kind)) {
          const path = next.kind !== unit.kind ? 'body.kind' : 'body.parentId';
          throw new ValidationError('unit.kind_not_allowed', [{ path, code: 'unit.kind_not_allowed' }]);
        }
      }
      const { id: _i, version: _v, createdAt: _c, ...patch } = next;
      if (!(await this.repo.update(trx, unit.id, unit.version, patch))) throw new ConflictError('conflict.stale_version');
      await bumpAuthzGeneration(trx);
      next.version = unit.version + 1;
      await this.audit.record(trx, actor, {
        action: 'update',
        entity: 'unit',
        entityId: unit.id,
        unitId: unit.parentId ?? unit.id,
        before: audited(unit),
        after: audited(next),
      });
      return present(next, actor);
    });
  }

  /**
   * Where a move puts the unit: a unit in the actor's scope that the actor manages, as the actor manages the
   * unit's current parent (a unit's position is managed from above), and never inside the unit's own subtree.
   * The closure follows in the same transaction (its triggers), so scopes change with the commit.
   */
  private async moveTarget(actor: ServerActor, unit: UnitRow, parentId: string, trx: Db): Promise<string> {
    if (unit.parentId === null) throw new ValidationError('unit.cannot_move_root', [{ path: 'body.parentId', code: 'unit.cannot_move_root' }]);
    const target = await this.repo.findInScope(unitsFor(actor, 'unit.read'), parentId, trx);
    if (!target) throw new NotFoundError('unit.not_found');
    authorize(actor, 'unit.manage', target.id);
    authorize(actor, 'unit.manage', unit.parentId);
    if ((await this.tree.subtree(unit.id, trx)).includes(target.id)) {
      throw new ValidationError('unit.move_into_own_subtree', [{ path: 'body.parentId', code: 'unit.move_into_own_subtree' }]);
    }
    return target.id;
  }

  async remove(actor: ServerActor, id: string, version: number): Promise<void> {
    try {
      await this.removeInTransaction(actor, id, version);
    } catch (err) {
      // A record the checks below do not name (a PAR assessment, a dossier, a file...) still points here.
      if (isForeignKeyViolation(err)) throw new ConflictError('unit.in_use');
      throw err;
    }
  }

  private async removeInTransaction(actor: ServerActor, id: string, version: number): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      const unit = await this.repo.findInScope(unitsFor(actor, 'unit.read'), id, trx);
      if (!unit) throw new NotFoundError('unit.not_found');
      authorize(actor, 'unit.manage', unit.id);
      if (!unit.parentId || !can(actor, 'unit.manage', unit.parentId)) throw new ValidationError('unit.cannot_delete_root');
      if (unit.version !== version) throw new ConflictError('conflict.stale_version', [], { current: present(unit, actor) });
      const usage = await this.repo.usage(unit.id, trx);
      if (usage.hasChildren) throw new ConflictError('unit.has_children');
      if (usage.hasUsers) throw new ConflictError('unit.has_users');
      if (usage.hasProcedures) throw new ConflictError('unit.has_procedures');
      if (!(await this.repo.delete(trx, unit.id, version))) throw new ConflictError('conflict.stale_version');
      await bumpAuthzGeneration(trx);
      await this.audit.record(trx, actor, { action: 'delete', entity: 'unit', entityId: unit.id, unitId: unit.parentId ?? unit.id, before: audited(unit) });
    });
  }
}
