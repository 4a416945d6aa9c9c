import type { ServerActor } from '../../platform/auth/actor';
import type { Db } from '../../platform/db/database';
import { NotFoundError } from '../../platform/errors';
import type { FileStore } from '../../platform/files/file-store';
import { DOSSIER_FILE_OWNER } from './dossier-desk';
import type { DossierFileList } from './dossier.schemas';
import { parseState, type DossierService } from './dossier.service';

/** Types the browser shows itself; anything else is only ever downloaded (docs/architecture.md § Dossiers). */
const PREVIEWABLE = new Set(['application/pdf', 'image/png', 'image/jpeg']);

/** A dossier holds its filing's components and the officers' uploads: a few dozen files at most. */
const MAX_FILES = 500;

export interface DossierFilesDeps {
  db: Db;
  dossiers: DossierService;
  store: FileStore;
}

/**
 * The files of one dossier for whoever reads it (issue #13): the desk sees what the citizen uploaded
 * before receiving, and the specialist who processes the dossier sees the same. Authorized by the
 * dossier's read rule (`DossierService.findReadable`: any unit the dossier passes through, for a role
 * that reads dossiers), so a dossier out of scope, and every file of it, reads as absent (404).
 */
export class DossierFilesService {
  constructor(private readonly deps: DossierFilesDeps) {}

  async list(actor: ServerActor, dossierId: string): Promise<DossierFileList> {
    const row = await this.deps.dossiers.findReadable(actor, dossierId);
    const state = parseState(row);
    const components = JSON.parse(row.components) as Array<{ name: string; attachmentId?: string }>;
    const componentOf = new Map(components.filter((c) => c.attachmentId).map((c) => [c.attachmentId!, c.name]));
    // The filing's components in their order, then the officers' uploads as they came.
    const rank = new Map(components.filter((c) => c.attachmentId).map((c, i) => [c.attachmentId!, i]));
    const rows = await this.deps.db
      .selectFrom('attachments as a')
      .innerJoin('files as f', 'f.sha256', 'a.sha256')
      .leftJoin('users as u', 'u.id', 'a.createdBy')
      .select(['a.id', 'a.fileName', 'a.createdAt', 'a.createdBy', 'f.size', 'f.contentType', 'u.fullName'])
      .where('a.ownerEntity', '=', DOSSIER_FILE_OWNER)
      .where('a.ownerId', '=', row.id)
      .orderBy('a.createdAt')
      .orderBy('a.id')
      .limit(MAX_FILES)
      .execute();
    const ordered = [...rows].sort(
      (a, b) => (rank.get(a.id) ?? Infinity) - (rank.get(b.id) ?? Infinity) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
    );
    return {
      items: ordered.map((r) => ({
        id: r.id,
        name: r.fileName,
        size: Number(r.size),
        contentType: r.contentType,
        uploadedAt: r.createdAt,
        uploadedBy: r.createdBy === null ? { kind: 'applicant' as const, name: null } : { kind: 'staff' as const, name: r.fullName ?? null },
        component: componentOf.get(r.id) ?? null,
        isResult: state.resultRecord?.attachmentId === r.id,
        previewable: PREVIEWABLE.has(r.contentType),
      })),
    };
  }

  /** One file of the dossier, to preview or download; `inline` only for the types the browser shows. */
  async open(actor: ServerActor, dossierId: string, fileId: string, wantInline: boolean) {
    const row = await this.deps.dossiers.findReadable(actor, dossierId);
    const f = await this.deps.db
      .selectFrom('attachments as a')
      .innerJoin('files as f', 'f.sha256', 'a.sha256')
      .select(['a.id', 'a.fileName', 'a.sha256', 'f.size', 'f.contentType'])
      .where('a.id', '=', fileId)
      .where('a.ownerEntity', '=', DOSSIER_FILE_OWNER)
      .where('a.ownerId', '=', row.id)
      .executeTakeFirst();
    if (!f) throw new NotFoundError('file.not_found');
    return {
      fileName: f.fileName,
      size: Number(f.size),
      contentType: f.contentType,
      inline: wantInline && PREVIEWABLE.has(f.contentType),
      stream: this.deps.store.read(f.sha256),
    };
  }
}
