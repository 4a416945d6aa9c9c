import type { Db } from '../../platform/db/database';

/** The SQL behind citizen uploads for online filing: remembering them, and expiring those never filed. */
export class PublicUploadRepository {
  constructor(private readonly db: Db) {}

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
