import { can } from '@cchc/domain';
import { randomUUID } from 'node:crypto';
import type { AuditService, CitizenActor } from '../audit/audit.service';
import type { ServerActor } from '../auth/actor';
import { authorize } from '../auth/authorize';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { NotFoundError, ValidationError } from '../errors';
import type { FileStore } from './file-store';
import { sniffContentType } from './sniff';

/**
 * A kind of record that can own files. Each module that attaches files registers one with its own
 * rules, so a file is read exactly when its owning record is, and attached exactly when the record
 * may be changed (docs/architecture.md, "Authorization": outside the actor's scope is 404, visible but
 * not allowed is 403).
 */
export interface FileOwner {
  entity: string;
  /** The unit of the owning record (kept on the attachment for audit) when `actor` may read it, else null (404). */
  readable(db: Db, actor: ServerActor, id: string): Promise<string | null>;
  /** Throws unless `actor` may change the record (readable: 403 or 409; otherwise 404); returns its unit. */
  attachable(db: Db, actor: ServerActor, id: string): Promise<string>;
}

export class FilesService {
  private readonly owners: Map<string, FileOwner>;

  constructor(
    private readonly db: Db,
    private readonly store: FileStore,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    owners: FileOwner[],
  ) {
    this.owners = new Map(owners.map((o) => [o.entity, o]));
  }

  private owner(entity: string): FileOwner {
    const owner = this.owners.get(entity);
    if (!owner) throw new ValidationError('file.unknown_owner', [{ path: 'querystring.ownerEntity', code: 'file.unknown_owner' }]);
    return owner;
  }

  private async readableOwner(actor: ServerActor, entity: string, id: string): Promise<string> {
    const unitId = await this.owner(entity).readable(this.db, actor, id);
    if (!unitId) throw new NotFoundError('file.owner_not_found');
    return unitId;
  }

  async upload(actor: ServerActor, ownerEntity: string, ownerId: string, file: { name: string; declaredType: string; data: Buffer }) {
    const unitId = await this.owner(ownerEntity).attachable(this.db, actor, ownerId);
    const { sha256, contentType } = await this.checkAndPut(file);
    const now = this.clock.now();
    const attachment = { id: randomUUID(), sha256, fileName: file.name.slice(0, 255), ownerEntity, ownerId, unitId, createdBy: actor.userId, createdAt: now };
    await this.db.transaction().execute(async (trx) => {
      await this.recordContent(trx, sha256, file.data.length, contentType, now);
      await trx.insertInto('attachments').values(attachment).execute();
      await this.audit.record(trx, actor, {
        action: 'create',
        entity: 'attachment',
        entityId: attachment.id,
        unitId,
        after: { ...attachment, size: file.data.length, contentType },
      });
    });
    return { id: attachment.id, name: attachment.fileName, sha256, size: file.data.length, contentType, createdAt: now };
  }

  /** Refuses empty files and content that is not an allowed kind (sniffed, not by name); stores the rest. */
  private async checkAndPut(file: { declaredType: string; data: Buffer }): Promise<{ sha256: string; contentType: string }> {
    if (file.data.length === 0) throw new ValidationError('file.empty', [{ path: 'body.file', code: 'file.empty' }]);
    const contentType = await sniffContentType(file.data, file.declaredType);
    if (!contentType) throw new ValidationError('file.type_not_allowed', [{ path: 'body.file', code: 'file.type_not_allowed' }]);
    return { sha256: await this.store.put(file.data), contentType };
  }

  private async recordContent(db: Db, sha256: string, size: number, contentType: string, now: string): Promise<void> {
    await db
      .insertInto('files')
      .values({ sha256, size, contentType, createdAt: now })
      .onConflict((oc) => oc.column('sha256').doNothing())
      .execute();
  }

  /**
   * Stores content uploaded without an owner yet (a citizen's online filing: the dossier does not
   * exist until it is submitted). Same checks as `upload`; the caller attaches it later with
   * `attachStored`. Content never attached stays in the store (content-addressed, deduplicated).
   */
  async storeUnowned(file: { declaredType: string; data: Buffer }): Promise<{ sha256: string; size: number; contentType: string }> {
    const { sha256, contentType } = await this.checkAndPut(file);
    await this.recordContent(this.db, sha256, file.data.length, contentType, this.clock.now());
    return { sha256, size: file.data.length, contentType };
  }

  /** Attaches stored content to a record inside the caller's transaction; a citizen actor = the applicant via the public site. */
  async attachStored(
    trx: Db,
    actor: ServerActor | CitizenActor,
    a: { id: string; sha256: string; fileName: string; ownerEntity: string; ownerId: string; unitId: string },
  ): Promise<boolean> {
    const known = await trx.selectFrom('files').select('sha256').where('sha256', '=', a.sha256).executeTakeFirst();
    if (!known) return false;
    const attachment = { ...a, fileName: a.fileName.slice(0, 255), createdBy: 'userId' in actor ? actor.userId : null, createdAt: this.clock.now() };
    await trx.insertInto('attachments').values(attachment).execute();
    await this.audit.record(trx, actor, { action: 'create', entity: 'attachment', entityId: a.id, unitId: a.unitId, after: attachment });
    return true;
  }

  /** Every file of a record the actor may read, whoever attached it (an applicant's online uploads included). */
  async list(actor: ServerActor, ownerEntity: string, ownerId: string) {
    await this.readableOwner(actor, ownerEntity, ownerId);
    const rows = await this.db
      .selectFrom('attachments')
      .innerJoin('files', 'files.sha256', 'attachments.sha256')
      .select(['attachments.id', 'attachments.fileName as name', 'attachments.sha256', 'files.size', 'files.contentType', 'attachments.createdAt'])
      .where('ownerEntity', '=', ownerEntity)
      .where('ownerId', '=', ownerId)
      .orderBy('attachments.createdAt')
      .execute();
    return rows;
  }

  async open(actor: ServerActor, attachmentId: string) {
    const a = await this.db
      .selectFrom('attachments')
      .innerJoin('files', 'files.sha256', 'attachments.sha256')
      .select([
        'attachments.id',
        'attachments.fileName',
        'attachments.sha256',
        'attachments.ownerEntity',
        'attachments.ownerId',
        'files.size',
        'files.contentType',
      ])
      .where('attachments.id', '=', attachmentId)
      .executeTakeFirst();
    const owner = a && this.owners.get(a.ownerEntity);
    if (!a || !owner || !(await owner.readable(this.db, actor, a.ownerId))) throw new NotFoundError('file.not_found');
    return { ...a, stream: this.store.read(a.sha256) };
  }
}

/** Files attached to a unit itself (e.g. its founding decision): read as the unit is, attached by who manages it. */
export const unitFileOwner: FileOwner = {
  entity: 'unit',
  async readable(db, actor, id) {
    if (!can(actor, 'unit.read', id)) return null;
    const u = await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst();
    return u?.id ?? null;
  },
  async attachable(db, actor, id) {
    const unitId = await this.readable(db, actor, id);
    if (!unitId) throw new NotFoundError('file.owner_not_found');
    authorize(actor, 'unit.manage', unitId);
    return unitId;
  },
};
