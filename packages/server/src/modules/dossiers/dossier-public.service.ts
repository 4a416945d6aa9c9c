import { NATIONAL_STATUS_CODE, openPauseOf, type DossierState } from '@cchc/domain';
import { createHash, createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { AuditService } from '../../platform/audit/audit.service';
import type { Clock } from '../../platform/clock';
import type { Db } from '../../platform/db/database';
import { ConflictError, NotFoundError, TooManyRequestsError, ValidationError } from '../../platform/errors';
import type { FilesService } from '../../platform/files/files.service';
import { dossierFileOwner, type DossierRepository, type DossierRow } from './dossier.repository';
import { parseState, type DossierService } from './dossier.service';
import type { PublicDossierView, PublicSubmitInput, RatingInput } from './dossier-public.schemas';

/** Wrong PINs per dossier code before the code is locked, and the window they are counted in. */
export interface PinLockPolicy {
  maxFailures: number;
  windowMinutes: number;
}
export const DEFAULT_PIN_LOCK: PinLockPolicy = { maxFailures: 10, windowMinutes: 15 };

/** How long an upload reference stays valid for a submission. */
const UPLOAD_TTL_MS = 24 * 3600_000;
/** Bound on the failure table: past it, entries outside the window go, then the oldest. */
const MAX_TRACKED_CODES = 10_000;

/**
 * Failed PIN attempts per dossier code, in memory (one server process; a restart forgets them). Codes
 * that do not exist are counted the same way, so the lock cannot tell which codes exist. While a code
 * is locked every attempt is refused, the right PIN included, or the lock would not stop guessing.
 */
export class PinAttempts {
  private readonly failures = new Map<string, number[]>();
  constructor(
    private readonly clock: Clock,
    private readonly policy: PinLockPolicy,
  ) {}

  private recent(code: string, now: number): number[] {
    const since = now - this.policy.windowMinutes * 60_000;
    return (this.failures.get(code) ?? []).filter((t) => t > since);
  }

  isLocked(code: string): boolean {
    return this.recent(code, Date.parse(this.clock.now())).length >= this.policy.maxFailures;
  }

  fail(code: string): void {
    const now = Date.parse(this.clock.now());
    const list = [...this.recent(code, now), now];
    this.failures.delete(code);
    this.failures.set(code, list);
    if (this.failures.size > MAX_TRACKED_CODES) {
      for (const k of [...this.failures.keys()]) if (this.recent(k, now).length === 0) this.failures.delete(k);
      for (const k of this.failures.keys()) {
        if (this.failures.size <= MAX_TRACKED_CODES) break;
        this.failures.delete(k);
      }
    }
  }
}

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
  pinLock?: PinLockPolicy;
}

/**
 * The citizen's side of one-stop dossiers (issue #4 "Public lookup and rating"): lookup by code and
 * PIN, online filing with uploaded components, and the satisfaction rating after return. Responses
 * are built field by field so nothing personal (applicant, officers, internal notes) leaves.
 */
export class PublicDossierService {
  private readonly attempts: PinAttempts;
  private readonly uploadKey: Buffer;
  constructor(private readonly deps: PublicDossierDeps) {
    this.attempts = new PinAttempts(deps.clock, deps.pinLock ?? DEFAULT_PIN_LOCK);
    this.uploadKey = createHmac('sha256', deps.secret).update('cchc public upload reference').digest();
  }

  /**
   * The dossier whose code and PIN match; an unknown code and a wrong PIN are the same 404. After
   * too many wrong PINs for a code within the window, every attempt on it gets 429 for a while.
   */
  private async verified(code: string, pin: string, db: Db = this.deps.db): Promise<DossierRow> {
    if (this.attempts.isLocked(code)) throw new TooManyRequestsError('dossier.lookup_locked');
    const row = await this.deps.repo.findByCode(code, db);
    // Compare even when the code is unknown, so both paths cost the same.
    const ok = pinMatches(row?.lookupPin ?? '\u0000no-dossier', pin);
    if (!row || !ok) {
      this.attempts.fail(code);
      throw new NotFoundError('dossier.not_found');
    }
    return row;
  }

  async lookup(code: string, pin: string): Promise<PublicDossierView> {
    const row = await this.verified(code, pin);
    const state = parseState(row);
    const [events, rating] = await Promise.all([this.deps.repo.events(row.id), this.deps.repo.rating(row.id)]);
    const open = openPauseOf(state);
    let handover = 0;
    const timeline: PublicDossierView['timeline'] = [];
    for (const e of events) {
      if (e.action === 'assign') continue; // internal: who works on it
      const entry: PublicDossierView['timeline'][number] = { at: e.at, action: e.action, status: e.toStatus as DossierState['status'] };
      if (e.action === 'complete_step') {
        const h = state.handovers[handover++];
        const step = h ? state.steps[h.stepIndex] : undefined;
        if (step) entry.name = step.name;
      }
      if (e.action === 'request_supplement' && e.note) entry.note = e.note;
      timeline.push(entry);
    }
    return {
      code: row.code,
      status: state.status,
      nationalStatusCode: NATIONAL_STATUS_CODE[state.status],
      procedureName: row.procedureName,
      submittedAt: state.submittedAt,
      receivedAt: state.receivedAt,
      dueDate: state.dueDate,
      dueAt: state.dueAt,
      returnedAt: state.status === 'returned' ? (state.history.findLast((h) => h.to === 'returned')?.at ?? state.finishedAt) : null,
      missing: open?.kind === 'supplement' ? [...open.items] : [],
      timeline,
      canRate: state.status === 'returned' && !rating,
    };
  }

  /** POST /api/public/dossiers/:code/rating: once, after return, PIN checked like the lookup. */
  async rate(code: string, pin: string, input: RatingInput) {
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const row = await this.verified(code, pin, trx);
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
      await this.deps.audit.record(trx, null, { action: 'create', entity: 'dossier_rating', entityId: row.id, unitId: row.unitId, after: { overall, scores, hasComment: input.comment !== null } });
      return { code: row.code, overall, createdAt: now };
    });
  }

  /** A signed, expiring reference to uploaded content: the submission proves the upload came from here. */
  private fileRef(sha256: string, name: string): string {
    const payload = b64(JSON.stringify({ s: sha256, n: name, t: Date.parse(this.deps.clock.now()) }));
    return `${payload}.${b64(createHmac('sha256', this.uploadKey).update(payload).digest())}`;
  }

  private readFileRef(ref: string): { sha256: string; name: string } | null {
    const [payload, mac] = ref.split('.');
    if (!payload || !mac) return null;
    const expected = createHmac('sha256', this.uploadKey).update(payload).digest();
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { s: string; n: string; t: number };
      if (Date.parse(this.deps.clock.now()) - p.t > UPLOAD_TTL_MS) return null;
      return { sha256: p.s, name: p.n };
    } catch {
      return null;
    }
  }

  /** POST /api/public/uploads: content checked and stored like staff uploads; attached on submission. */
  async upload(file: { name: string; declaredType: string; data: Buffer }) {
    const stored = await this.deps.files.storeUnowned(file);
    const name = file.name.slice(0, 255) || 'tep-dinh-kem';
    return { fileId: this.fileRef(stored.sha256, name), name, size: stored.size, contentType: stored.contentType };
  }

  /** POST /api/public/dossiers: an online filing (national status 1) with its uploaded components attached. */
  async submit(input: PublicSubmitInput) {
    const files = input.components.map((c, i) => {
      if (!c.fileId) return null;
      const ref = this.readFileRef(c.fileId);
      if (!ref) throw new ValidationError('dossier.file_invalid', [{ path: `body.components.${i}.fileId`, code: 'dossier.file_invalid' }]);
      return { id: randomUUID(), ...ref };
    });
    const components = input.components.map((c, i) => ({ name: c.name, ...(files[i] ? { attachmentId: files[i].id } : {}) }));
    const { idNumber, phone, ...rest } = input.applicant;
    return this.deps.dossiers.submitOnline(
      { procedureId: input.procedureId, applicant: { ...rest, idNumber, phone }, components, note: input.note },
      async (trx, dossier) => {
        for (const [i, f] of files.entries()) {
          if (!f) continue;
          const attached = await this.deps.files.attachStored(trx, null, { id: f.id, sha256: f.sha256, fileName: f.name, ownerEntity: dossierFileOwner.entity, ownerId: dossier.id, unitId: dossier.unitId });
          if (!attached) throw new ValidationError('dossier.file_invalid', [{ path: `body.components.${i}.fileId`, code: 'dossier.file_invalid' }]);
        }
      },
    );
  }
}
