import { randomUUID } from 'node:crypto';
import type { AuditService } from '../audit/audit.service';
import type { ServerActor } from '../auth/actor';
import { authorize } from '../auth/authorize';
import type { Clock } from '../clock';
import type { Db } from '../db/database';
import { NotFoundError, ValidationError } from '../errors';
import type { FileStore } from './file-store';
import { sniffContentType } from './sniff';

/**
 * A kind of record that can own files. Each module that attaches files registers one, so a
 * download is authorized by the record it belongs to, not by the file.
 */
export interface FileOwner {
  entity: string;
  /** The unit of the owning record if it exists, else null. */
  unitOf(db: Db, id: string): Promise<string | null>;
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

  private async ownerUnit(actor: ServerActor, entity: string, id: string): Promise<string> {
    const owner = this.owners.get(entity);
    if (!owner) throw new ValidationError('file.unknown_owner', [{ path: 'querystring.ownerEntity', code: 'file.unknown_owner' }]);
    const unitId = await owner.unitOf(this.db, id);
    if (!unitId || !actor.unitIds.includes(unitId)) throw new NotFoundError('file.owner_not_found');
    return unitId;
  }

  async upload(actor: ServerActor, ownerEntity: string, ownerId: string, file: { name: string; declaredType: string; data: Buffer }) {
    const unitId = await this.ownerUnit(actor, ownerEntity, ownerId);
    authorize(actor, 'file.upload', unitId);
    if (file.data.length === 0) throw new ValidationError('file.empty', [{ path: 'body.file', code: 'file.empty' }]);
    const contentType = await sniffContentType(file.data, file.declaredType);
    if (!contentType) throw new ValidationError('file.type_not_allowed', [{ path: 'body.file', code: 'file.type_not_allowed' }]);
    const sha256 = await this.store.put(file.data);
    const now = this.clock.now();
    const attachment = { id: randomUUID(), sha256, fileName: file.name.slice(0, 255), ownerEntity, ownerId, unitId, createdBy: actor.userId, createdAt: now };
    await this.db.transaction().execute(async (trx) => {
      const known = await trx.selectFrom('files').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
      if (!known) await trx.insertInto('files').values({ sha256, size: file.data.length, contentType, createdAt: now }).execute();
      await trx.insertInto('attachments').values(attachment).execute();
      await this.audit.record(trx, actor, { action: 'create', entity: 'attachment', entityId: attachment.id, unitId, after: { ...attachment, size: file.data.length, contentType } });
    });
    return { id: attachment.id, name: attachment.fileName, sha256, size: file.data.length, contentType, createdAt: now };
  }

  async list(actor: ServerActor, ownerEntity: string, ownerId: string) {
    await this.ownerUnit(actor, ownerEntity, ownerId);
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
      .select(['attachments.id', 'attachments.fileName', 'attachments.sha256', 'attachments.ownerEntity', 'attachments.ownerId', 'files.size', 'files.contentType'])
      .where('attachments.id', '=', attachmentId)
      .executeTakeFirst();
    if (!a) throw new NotFoundError('file.not_found');
    try {
      await this.ownerUnit(actor, a.ownerEntity, a.ownerId);
    } catch {
      throw new NotFoundError('file.not_found');
    }
    return { ...a, stream: this.store.read(a.sha256) };
  }
}

/** Files attached to a unit itself (e.g. its founding decision). */
export const unitFileOwner: FileOwner = {
  entity: 'unit',
  async unitOf(db, id) {
    const u = await db.selectFrom('units').select('id').where('id', '=', id).executeTakeFirst();
    return u?.id ?? null;
  },
};
