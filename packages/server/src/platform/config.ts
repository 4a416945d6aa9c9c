import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Runtime configuration, read once from the environment (README "Configuration" lists every variable). */
export interface Config {
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; empty means the embedded SQLite file under `dataDir`. */
  databaseUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  sessionSecret: string;
  /** Key of the audit checkpoints' HMAC (AUDIT_CHECKPOINT_KEY); null = the key file in `dataDir` (platform/audit/audit-checkpoint.ts). */
  auditCheckpointKey: string | null;
  sessionTtlHours: number;
  cookieSecure: boolean;
  maxUploadBytes: number;
  logLevel: string;
  /**
   * Login throttling (docs/architecture.md, "Security"): requests per address and minute; failures
   * from one address on one username before its backoff starts, and the longest backoff; failures on
   * one username from all addresses (per hour) before every address backs off from its first failure.
   */
  login: { maxPerMinute: number; lockAfterFailures: number; lockMinutes: number; userCeiling?: number };
  /** Citizen uploads for online filing: lifetime when never filed, per-address daily quota, total per filing. */
  publicUploads: { ttlHours: number; perDay: number; mbPerDay: number; filingMaxMb: number };
  /** Serve the built web app from this folder when it exists. */
  webDist: string | null;
  /** Outgoing mail, `smtp://user:pass@host:587` (or `smtps://…:465`); null sends no e-mail (notifications are recorded as skipped). */
  smtpUrl: string | null;
  /** Sender address of notification e-mails, e.g. `"Bộ phận Một cửa" <motcua@example.gov.vn>`. */
  smtpFrom: string | null;
  /** Dossier counting rules that DOMAIN.md marks as settings (README "Configuration"). */
  dossier: {
    receiptCutoffMinute: number | null;
    almostDueWorkingDays: number;
    paymentStopsClock: boolean;
    supplementMode: 'extend' | 'restart';
    granularity: 'day' | 'minute';
    /** Address of the public site printed on receipt slips and in e-mails; null = the request's origin. */
    publicBaseUrl: string | null;
    /** Place name on the date line of printed forms (e.g. 'Quảng Ngãi'); null = derived from the top unit's name. */
    place?: string | null;
  };
}

/** `HH:MM` → minute of day; empty → null. */
function minuteOfDay(v: string | undefined, name: string): number | null {
  if (v === undefined || v === '') return null;
  const m = /^(\d{1,2}):(\d{2})$/.exec(v);
  const minute = m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  if (!m || Number(m[2]) > 59 || minute >= 24 * 60) throw new Error(`Configuration ${name} must be a time HH:MM, got "${v}"`);
  return minute;
}

function oneOf<T extends string>(v: string | undefined, allowed: readonly T[], fallback: T, name: string): T {
  if (v === undefined || v === '') return fallback;
  if (!(allowed as readonly string[]).includes(v)) throw new Error(`Configuration ${name} must be one of ${allowed.join(', ')}, got "${v}"`);
  return v as T;
}

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Configuration ${name} must be a non-negative integer, got "${v}"`);
  return n;
}

/** The session secret: SESSION_SECRET, else one generated once and kept in the data directory. */
function sessionSecretFor(dataDir: string, env: string | undefined): string {
  if (env) return env;
  const file = join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const dataDir = resolve(overrides.dataDir ?? env.DATA_DIR ?? './data');
  mkdirSync(dataDir, { recursive: true });
  const databaseUrl = overrides.databaseUrl !== undefined ? overrides.databaseUrl : env.DATABASE_URL || null;
  const config: Config = {
    port: int(env.PORT, 3000, 'PORT'),
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    dataDir,
    sqliteFile: join(dataDir, env.SQLITE_FILE ?? 'cchc.sqlite'),
    sessionSecret: sessionSecretFor(dataDir, env.SESSION_SECRET),
    auditCheckpointKey: env.AUDIT_CHECKPOINT_KEY || null,
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    cookieSecure: env.COOKIE_SECURE === 'true',
    maxUploadBytes: int(env.MAX_UPLOAD_MB, 20, 'MAX_UPLOAD_MB') * 1024 * 1024,
    logLevel: env.LOG_LEVEL ?? 'info',
    login: {
      maxPerMinute: int(env.LOGIN_RATE_PER_MINUTE, 20, 'LOGIN_RATE_PER_MINUTE'),
      lockAfterFailures: int(env.LOGIN_LOCK_AFTER, 5, 'LOGIN_LOCK_AFTER'),
      lockMinutes: int(env.LOGIN_LOCK_MINUTES, 15, 'LOGIN_LOCK_MINUTES'),
      userCeiling: int(env.LOGIN_USER_CEILING, 20, 'LOGIN_USER_CEILING'),
    },
    publicUploads: {
      ttlHours: int(env.PUBLIC_UPLOAD_TTL_HOURS, 24, 'PUBLIC_UPLOAD_TTL_HOURS'),
      perDay: int(env.PUBLIC_UPLOADS_PER_DAY, 50, 'PUBLIC_UPLOADS_PER_DAY'),
      mbPerDay: int(env.PUBLIC_UPLOAD_MB_PER_DAY, 200, 'PUBLIC_UPLOAD_MB_PER_DAY'),
      filingMaxMb: int(env.PUBLIC_FILING_MAX_MB, 50, 'PUBLIC_FILING_MAX_MB'),
    },
    webDist: env.WEB_DIST ?? resolve(import.meta.dirname, '../../../web/dist'),
    smtpUrl: env.SMTP_URL || null,
    smtpFrom: env.SMTP_FROM || null,
    dossier: {
      receiptCutoffMinute: minuteOfDay(env.DOSSIER_RECEIPT_CUTOFF, 'DOSSIER_RECEIPT_CUTOFF'),
      almostDueWorkingDays: int(env.DOSSIER_ALMOST_DUE_DAYS, 1, 'DOSSIER_ALMOST_DUE_DAYS'),
      paymentStopsClock: env.DOSSIER_PAYMENT_STOPS_CLOCK === 'true',
      supplementMode: oneOf(env.DOSSIER_SUPPLEMENT_MODE, ['extend', 'restart'] as const, 'extend', 'DOSSIER_SUPPLEMENT_MODE'),
      granularity: oneOf(env.DOSSIER_EARLY_BY, ['day', 'minute'] as const, 'day', 'DOSSIER_EARLY_BY'),
      publicBaseUrl: env.PUBLIC_BASE_URL || null,
      place: env.DOSSIER_PLACE || null,
    },
    ...overrides,
  };
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it empty for the embedded SQLite database)');
  }
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) {
    throw new Error('SMTP_URL must start with smtp:// or smtps:// (leave it empty to send no e-mail)');
  }
  return config;
}
