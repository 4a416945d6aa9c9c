import { nationalStatusCodeOf, openCompletionOf, openPauseOf, type DossierState } from '@cchc/domain';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuditService, CitizenActor } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/errors';
import type { FileStore } from '../../platform/files/file-store';
import type { FilesService } from '../../platform/files/files.service';
import { keyPart, type Throttle } from '../../platform/throttle/throttle';
import type { PublicUploadRepository } from './dossier-public.repository';
import type { DossierRepository, DossierRow } from './dossier.repository';
import { dossierFileOwner, parseState, type DossierService } from './dossier.service';
import type { PublicCompletionInput, PublicDossierView, PublicSubmitInput, RatingInput } from './dossier-public.schemas';
import { electronicResultAllowed } from './dossier-desk';
import type { ProcedureContent } from '../procedures/procedure.schemas';

/** The applicant as the audit log names them: the name given on the filing (the stored applicant JSON). */
function citizenOf(applicant: string): CitizenActor {
  const parsed: unknown = JSON.parse(applicant);
  const name = typeof parsed === 'object' && parsed !== null && 'name' in parsed && typeof parsed.name === 'string' ? parsed.name : '';
  return { citizen: name };
}

/** Wrong PINs per dossier code before the code is locked, and the window they are counted in. */

export interface PinLockPolicy {
  maxFailures: number;
  windowMinutes: number;
}
export const DEFAULT_PIN_LOCK: PinLockPolicy = { maxFailures: 10, windowMinutes: 15 };

/** Citizen upload limits (README "Configuration"): lifetime when never filed, per-address daily quota, total per filing. */
export interface PublicUploadPolicy {
  ttlHours: number;
  perDay: number;
  mbPerDay: number;
  filingMaxMb: number;
}
export const DEFAULT_PUBLIC_UPLOADS: PublicUploadPolicy = { ttlHours: 24, perDay: 50, mbPerDay: 200, filingMaxMb: 50 };

const DAY_MS = 24 * 3600_000;
const MB = 1024 * 1024;
/** Expired uploads handled per cleanup run; the next run takes the rest. */
const EXPIRE_BATCH = 500;
const EXPIRE_GRACE_MS = 10 * 60_000;

/** Equal-time comparison of two PINs (hashed first, so lengths never differ). */
export function pinMatches(expected: string, given: string): boolean {
  const a = createHash('sha256').update(expected).digest();
  const b = createHash('sha256').update(given).digest();
  return timingSafeEqual(a, b);
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

export interface PublicDossierDeps {
  db: Db;
  dossiers: DossierService;
  repo: DossierRepository;
  files: FilesService;
  audit: AuditService;
  clock: Clock;
  /** The server secret (the session secret); upload references are signed with a key derived from it. */
  secret: string;
  /** Database-backed counters: the per-code PIN lock and the upload quotas (docs/architecture.md, "Security"). */
  throttle: Throttle;
  uploads: PublicUploadRepository;
  /** Where uploaded content is stored; the cleanup job deletes content no file row refers to. */
  store: FileStore;
  pinLock?: PinLockPolicy;
  uploadPolicy?: PublicUploadPolicy;
}

/**
 * The citizen's side of one-stop dossiers (issue #4 "Public lookup and rating"): lookup by code and
 * PIN, online filing with uploaded components, and the satisfaction rating after return. Responses
 * are built field by field so nothing personal (applicant, officers, internal notes) leaves.
 */
export class PublicDossierService {
  private readonly pinLock: PinLockPolicy;
  private readonly uploadPolicy: PublicUploadPolicy;
  private readonly uploadKey: Buffer;
  constructor(private readonly deps: PublicDossierDeps) {
    this.pinLock = deps.pinLock ?? DEFAULT_PIN_LOCK;
    this.uploadPolicy = deps.uploadPolicy ?? DEFAULT_PUBLIC_UPLOADS;
    this.uploadKey = createHmac('sha256', deps.secret).update('cchc public upload reference').digest();
  }

  /**
   * The dossier whose code and PIN match; an unknown code and a wrong PIN are the same 404. After
   * too many wrong PINs for a code within the window, every attempt on it gets 429 for a while, the
   * right PIN included, or the lock would not stop guessing. Codes that do not exist are counted the
   * same way, so the lock cannot tell which codes exist. The count is a database row per code, so
   * junk codes cannot push a lock out, a restart keeps it and every instance sees it.
   */
  private async verified(code: string, pin: string): Promise<DossierRow> {
    // One lock per code whatever its letter case, or changing the case would reset the count.
    const key = `pin:${keyPart(code.toUpperCase())}`;
    const lock = await this.deps.throttle.state(key);
    if (lock.blockedSeconds > 0) throw new TooManyRequestsError('dossier.lookup_locked', [], { retryAfterSeconds: lock.blockedSeconds });
    const row = await this.findByCode(code);
    // Compare even when the code is unknown, so both paths cost the same.
    const ok = pinMatches(row?.lookupPin ?? '\u0000no-dossier', pin);
    if (!row || !ok) {
      const windowMs = this.pinLock.windowMinutes * 60_000;
      await this.deps.throttle.fail(key, windowMs, (n) => (n >= this.pinLock.maxFailures ? windowMs : null));
      throw new NotFoundError('dossier.not_found');
    }
    return row;
  }

  /**
   * The dossier of a code as a citizen types it (issue #13 item 6): surrounding spaces are trimmed by the
   * route's schema, and a code in another letter case finds the dossier too. Dossier codes are upper
   * case; a legacy code with lower-case letters is still found as it was imported.
   */
  private async findByCode(code: string, db?: Db): Promise<DossierRow | undefined> {
    const exact = await this.deps.repo.findByCode(code, db);
    const upper = code.toUpperCase();
    return exact ?? (upper !== code ? this.deps.repo.findByCode(upper, db) : undefined);
  }

  /**
   * Whether the applicant may download the result: an electronic result, with its signed file, of a
   * procedure (the version the dossier follows) that issues electronic results, once it is ready.
   */
  private async downloadableResult(row: DossierRow, state: DossierState): Promise<boolean> {
    const r = state.resultRecord;
    if (!r?.electronic || !r.attachmentId || (state.status !== 'result_ready' && state.status !== 'returned')) return false;
    const version = await this.deps.repo.procedureVersion(row.procedureVersionId);
    return electronicResultAllowed(version ? (JSON.parse(version.content) as ProcedureContent) : null);
  }

  /** GET /api/public/dossiers/:code/result-file: the electronic result, to the code and PIN only (404 otherwise). */
  async resultFile(code: string, pin: string) {
    const row = await this.verified(code, pin);
    const state = parseState(row);
    if (!(await this.downloadableResult(row, state))) throw new NotFoundError('dossier.result_not_available');
    const f = await this.deps.uploads.dossierFile(row.id, state.resultRecord!.attachmentId!);
    if (!f) throw new NotFoundError('dossier.result_not_available');
    return { fileName: f.fileName, size: Number(f.size), contentType: f.contentType, inline: false, stream: this.deps.store.read(f.sha256) };
  }

  async lookup(code: string, pin: string): Promise<PublicDossierView> {
    const row = await this.verified(code, pin);
    const state = parseState(row);
    const [events, rating, downloadable] = await Promise.all([
      this.deps.repo.events(row.id),
      this.deps.repo.rating(row.id),
      this.downloadableResult(row, state),
    ]);
    const r = state.resultRecord;
    const open = openPauseOf(state);
    const completion = openCompletionOf(state);
    let handover = 0;
    const timeline: PublicDossierView['timeline'] = [];
    for (const e of events) {
      if (e.action === 'assign') continue; // internal: who works on it
      if (e.action === 'return_step') {
        handover++; // internal too: a step sent back inside the agency, with its own control-sheet row
        continue;
      }
      const entry: PublicDossierView['timeline'][number] = { at: e.at, action: e.action, status: e.toStatus as DossierState['status'] };
      if (e.action === 'complete_step') {
        const h = state.handovers[handover++];
        const step = h ? state.steps[h.stepIndex] : undefined;
        if (step) entry.name = step.name;
      }
      if ((e.action === 'request_supplement' || e.action === 'request_completion') && e.note) entry.note = e.note;
      timeline.push(entry);
    }
    return {
      code: row.code,
      status: state.status,
      nationalStatusCode: nationalStatusCodeOf(state.status, this.deps.dossiers.settings.completionNationalCode),
      procedureName: row.procedureName,
      submittedAt: state.submittedAt,
      receivedAt: state.receivedAt,
      dueDate: state.dueDate,
      dueAt: state.dueAt,
      returnedAt: state.status === 'returned' ? (state.history.findLast((h) => h.to === 'returned')?.at ?? state.finishedAt) : null,
      missing: open?.kind === 'supplement' ? [...open.items] : completion ? [...completion.items] : [],
      completion: completion ? { requestedAt: completion.at, reason: completion.reason, items: [...completion.items] } : null,
      timeline,
      canRate: state.status === 'returned' && !rating,
      result:
        r && (state.status === 'result_ready' || state.status === 'returned')
          ? { kind: r.kind, number: r.number, date: r.date, electronic: r.electronic, downloadable }
          : null,
    };
  }

  /** POST /api/public/dossiers/:code/rating: once, after return, PIN checked like the lookup. */
  async rate(code: string, pin: string, input: RatingInput) {
    const now = this.deps.clock.now();
    // The PIN (and its lock counter) is checked before the transaction: on SQLite the counter shares
    // the one connection, which the transaction holds. The row is then read again inside it.
    await this.verified(code, pin);
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.findByCode(code, trx);
      if (!row) throw new NotFoundError('dossier.not_found');
      if (row.status !== 'returned') throw new ConflictError('dossier.rating_not_allowed', [], { status: row.status });
      if (await this.deps.repo.rating(row.id, trx)) throw new ConflictError('dossier.already_rated');
      const { overall, ...others } = input.answers;
      const scores = Object.fromEntries(Object.entries(others).filter(([, v]) => v !== undefined));
      const inserted = await trx
        .insertInto('dossierRatings')
        .values({ dossierId: row.id, unitId: row.unitId, scores: JSON.stringify(scores), overall, comment: input.comment, createdAt: now })
        .onConflict((oc) => oc.column('dossierId').doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) !== 1) throw new ConflictError('dossier.already_rated');
      await this.deps.audit.record(trx, citizenOf(row.applicant), {
        action: 'create',
        entity: 'dossier_rating',
        entityId: row.id,
        unitId: row.unitId,
        after: { overall, scores, hasComment: input.comment !== null },
      });
      return { code: row.code, overall, createdAt: now };
    });
  }

  /** A signed, expiring reference to uploaded content: the submission proves the upload came from here. */
  private fileRef(sha256: string, name: string, size: number): string {
    const payload = b64(JSON.stringify({ s: sha256, n: name, z: size, t: Date.parse(this.deps.clock.now()) }));
    return `${payload}.${b64(createHmac('sha256', this.uploadKey).update(payload).digest())}`;
  }

  private readFileRef(ref: string): { sha256: string; name: string; size: number } | null {
    const [payload, mac] = ref.split('.');
    if (!payload || !mac) return null;
    const expected = createHmac('sha256', this.uploadKey).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: string; n: string; z?: number; t: number };
      if (Date.parse(this.deps.clock.now()) - p.t > this.uploadPolicy.ttlHours * 3600_000) return null;
      return { sha256: p.s, name: p.n, size: p.z ?? 0 };
    } catch {
      return null;
    }
  }

  /**
   * POST /api/public/uploads: content checked and stored like staff uploads; attached on submission.
   * Each client address may upload `perDay` files and `mbPerDay` MB a day (429 upload.quota_count /
   * upload.quota_bytes); content never filed is deleted by `expireUploads` after `ttlHours`.
   */
  async upload(file: { name: string; declaredType: string; data: Buffer }, address: string) {
    const p = this.uploadPolicy;
    await this.deps.throttle.consume(`upload-n:${address}`, 1, p.perDay, DAY_MS, 'upload.quota_count');
    await this.deps.throttle.consume(`upload-b:${address}`, file.data.length, p.mbPerDay * MB, DAY_MS, 'upload.quota_bytes');
    // Recorded (or refreshed) before the content is stored, so the cleanup job, which deletes only
    // uploads not refreshed since the cutoff, leaves identical content alone from here on.
    await this.deps.uploads.touch(createHash('sha256').update(file.data).digest('hex'), this.deps.clock.now());
    const stored = await this.deps.files.storeUnowned(file);
    // If the job was deleting an expired twin of this content at that moment, it may have removed
    // the stored blob after storeUnowned found it present: store it again.
    if (!(await this.deps.store.has(stored.sha256))) await this.deps.store.put(file.data);
    const name = file.name.slice(0, 255) || 'tep-dinh-kem';
    return { fileId: this.fileRef(stored.sha256, name, stored.size), name, size: stored.size, contentType: stored.contentType };
  }

  /**
   * The cleanup job: deletes uploads never filed within `ttlHours`, with their stored content when no
   * attachment refers to it (content is stored once per hash, platform/files/file-store.ts). Returns
   * how many pieces of content were deleted.
   */
  async expireUploads(): Promise<number> {
    // A reference is refused after ttlHours; the grace lets a filing that checked it just before finish.
    const cutoff = new Date(Date.parse(this.deps.clock.now()) - this.uploadPolicy.ttlHours * 3600_000 - EXPIRE_GRACE_MS).toISOString();
    let deleted = 0;
    for (const { sha256 } of await this.deps.uploads.expired(cutoff, EXPIRE_BATCH)) {
      if (!(await this.deps.uploads.expire(sha256, cutoff))) continue;
      await this.deps.store.remove(sha256, () => this.deps.uploads.unused(sha256));
      deleted++;
    }
    return deleted;
  }

  /**
   * The uploads a filing references, checked (signed, not expired) and within the filing's total size
   * (`already`: bytes the dossier holds from earlier filings).
   */
  private filesOf(components: ReadonlyArray<{ fileId?: string | null | undefined }>, already = 0) {
    const files = components.map((c, i) => {
      if (!c.fileId) return null;
      const ref = this.readFileRef(c.fileId);
      if (!ref) throw new ValidationError('dossier.file_invalid', [{ path: `body.components.${i}.fileId`, code: 'dossier.file_invalid' }]);
      return { id: randomUUID(), ...ref };
    });
    const total = files.reduce((sum, f) => sum + (f?.size ?? 0), already);
    if (total > this.uploadPolicy.filingMaxMb * MB) {
      throw new ValidationError('dossier.files_too_large', [{ path: 'body.components', code: 'dossier.files_too_large' }], {
        maxMb: this.uploadPolicy.filingMaxMb,
      });
    }
    return files;
  }

  /** Attaches checked uploads to the dossier as the applicant, inside the filing's transaction. */
  private async attachAll(trx: Db, applicantName: string, dossier: { id: string; unitId: string }, files: ReturnType<PublicDossierService['filesOf']>) {
    for (const [i, f] of files.entries()) {
      if (!f) continue;
      const attached = await this.deps.files.attachStored(
        trx,
        { citizen: applicantName },
        { id: f.id, sha256: f.sha256, fileName: f.name, ownerEntity: dossierFileOwner.entity, ownerId: dossier.id, unitId: dossier.unitId },
      );
      if (!attached) throw new ValidationError('dossier.file_invalid', [{ path: `body.components.${i}.fileId`, code: 'dossier.file_invalid' }]);
    }
  }

  /**
   * POST /api/public/dossiers/:code/completion: the filer uploads what the desk asked for and files again
   * (docs/domain/dossiers.md#completion-before-receipt); PIN checked like the lookup. Uploads went through
   * POST /api/public/uploads and its quotas; the filing's total size counts the files already attached.
   */
  async complete(code: string, pin: string, input: PublicCompletionInput) {
    const row = await this.verified(code, pin);
    const files = this.filesOf(input.components, await this.deps.uploads.dossierBytes(row.id));
    const applicantName = citizenOf(row.applicant).citizen;
    return this.deps.dossiers.completeOnline(
      row.id,
      { components: input.components.map((c, i) => ({ name: c.name, attachmentId: files[i]!.id })), note: input.note },
      (trx, dossier) => this.attachAll(trx, applicantName, dossier, files),
    );
  }

  /** POST /api/public/dossiers: an online filing (national status 1) with its uploaded components attached. */
  async submit(input: PublicSubmitInput) {
    const files = this.filesOf(input.components);
    const components = input.components.map((c, i) => ({ name: c.name, ...(files[i] ? { attachmentId: files[i].id } : {}) }));
    const { idNumber, phone, ...rest } = input.applicant;
    return this.deps.dossiers.submitOnline(
      { procedureId: input.procedureId, applicant: { ...rest, idNumber, phone }, components, note: input.note },
      (trx, dossier) => this.attachAll(trx, input.applicant.name, dossier, files),
    );
  }
}
