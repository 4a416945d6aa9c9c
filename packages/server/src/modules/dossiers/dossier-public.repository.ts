import type { Db } from '../../platform/db/database';
import { DOSSIER_FILE_OWNER } from './dossier-desk';

/**
 * The SQL behind the citizen's files: uploads for online filing (remembering them, expiring those never filed)
 * and the files a dossier holds that the public site counts or hands out.
 */
export class PublicUploadRepository {
  constructor(private readonly db: Db) {}

  /** Bytes of every file attached to the dossier (a filing's total size counts those already attached). */
  async dossierBytes(dossierId: string): Promise<number> {
    const held = await this.db
      .selectFrom('attachments as a')
      .innerJoin('files as f', 'f.sha256', 'a.sha256')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number | string>('f.size'), eb.val(0)).as('bytes'))
      .where('a.ownerEntity', '=', DOSSIER_FILE_OWNER)
      .where('a.ownerId', '=', dossierId)
      .executeTakeFirst();
    return Number(held?.bytes ?? 0);
  }

  /** One attachment of the dossier with its stored file's size and type; undefined when it is not the dossier's. */
  dossierFile(dossierId: string, attachmentId: string) {
    return this.db
      .selectFrom('attachments as a')
      .innerJoin('files as f', 'f.sha256', 'a.sha256')
      .select(['a.fileName', 'a.sha256', 'f.size', 'f.contentType'])
      .where('a.id', '=', attachmentId)
      .where('a.ownerEntity', '=', DOSSIER_FILE_OWNER)
      .where('a.ownerId', '=', dossierId)
      .executeTakeFirst();
  }

  /** Records (or refreshes) an upload of this content; an identical later upload restarts its lifetime. */
  async touch(sha256: string, now: string): Promise<void> {
    await this.db
      .insertInto('publicUploads')
      .values({ sha256, uploadedAt: now })
      .onConflict((oc) => oc.column('sha256').doUpdateSet((eb) => ({ uploadedAt: eb.ref('excluded.uploadedAt') })))
      .execute();
  }

  /** Uploads older than `cutoff`, oldest first, through the `uploaded_at` index. */
  expired(cutoff: string, limit: number): Promise<Array<{ sha256: string }>> {
    return this.db.selectFrom('publicUploads').select('sha256').where('uploadedAt', '<=', cutoff).orderBy('uploadedAt').limit(limit).execute();
  }

  /**
   * Forgets the upload unless it was refreshed meanwhile, and deletes its file row when nothing
   * attaches it. True when the file row went, so the caller may delete the stored content.
   */
  async expire(sha256: string, cutoff: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('publicUploads').where('sha256', '=', sha256).where('uploadedAt', '<=', cutoff).executeTakeFirst();
      if (Number(gone.numDeletedRows) === 0) return false;
      const files = await trx
        .deleteFrom('files')
        .where('sha256', '=', sha256)
        .where(({ not, exists, selectFrom }) => not(exists(selectFrom('attachments').select('attachments.id').where('attachments.sha256', '=', sha256))))
        .executeTakeFirst();
      return Number(files.numDeletedRows) > 0;
    });
  }

  /** True when no file row refers to the content (the cleanup job asks before deleting a blob). */
  async unused(sha256: string): Promise<boolean> {
    return !(await this.db.selectFrom('files').select('sha256').where('sha256', '=', sha256).executeTakeFirst());
  }
}
