import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, join, resolve } from 'node:path';

/** Runtime configuration, read once from the environment (README "Configuration" lists every variable). */
export interface Config {
  /** NODE_ENV=production (`npm run start:prod` sets it): settings that only a developer may leave unset become required. */
  production: boolean;
  port: number;
  host: string;
  /** `postgres://…` selects PostgreSQL; empty means the embedded SQLite file under `dataDir`. */
  databaseUrl: string | null;
  /**
   * DATABASE_READ_URL: a PostgreSQL replica that statistics, reports, exports and the QĐ 766 page read
   * from (docs/deployment.md, "Read replica"); null reads everything from the primary.
   */
  databaseReadUrl: string | null;
  dataDir: string;
  sqliteFile: string;
  sessionSecret: string;
  /** Key of the audit checkpoints' HMAC (AUDIT_CHECKPOINT_KEY); null = the key file in `dataDir` (platform/audit/audit-checkpoint.ts). */
  auditCheckpointKey: string | null;
  sessionTtlHours: number;
  cookieSecure: boolean;
  /**
   * Addresses (or CIDRs) of the reverse proxies whose X-Forwarded-For/-Proto/-Host are believed; false
   * (the default) takes the socket's address, so nobody can choose their own address by sending a header.
   */
  trustProxy: string[] | false;
  /** Serve the OpenAPI document and its browser at /docs (API_DOCS=false hides them on a public site). */
  apiDocs: boolean;
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
  /** REMINDER_LOCAL_TIME: minute of the day (Viet Nam time) at which the daily reminders go; 07:30 = 450. */
  reminderMinuteOfDay: number;
  /**
   * DOSSIER_IMPORT_REBUILD_MIN_ROWS: from how many rows a dossier import that at least doubles the dossiers
   * builds the dossier tables' indexes again after its rows instead of row by row (docs/dossier-imports.md,
   * "First loads"), and from how many lines a file into an empty `dossiers` on PostgreSQL is copied straight into
   * the dossier tables ("Direct first loads"); `off` (null) never does either. Default 10,000.
   */
  importRebuildMinRows: number | null;
  /** Dossier counting rules marked as settings in docs/domain/README.md#confidence-marks (README "Configuration"). */
  dossier: {
    receiptCutoffMinute: number | null;
    almostDueWorkingDays: number;
    paymentStopsClock: boolean;
    supplementMode: 'extend' | 'restart';
    granularity: 'day' | 'minute';
    /** DOSSIER_COMPLETION_NATIONAL_CODE: national code of an online filing sent back for completion before receipt (5 or 1). */
    completionNationalCode?: 5 | 1;
    /**
     * Address of the public site printed on receipt slips and in e-mails, never taken from a request.
     * Outside production it defaults to http://localhost:PORT; null (production without PUBLIC_BASE_URL)
     * refuses to print slips, and loadConfig refuses an e-mail sender.
     */
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

/** DOSSIER_IMPORT_REBUILD_MIN_ROWS when unset (docs/dossier-imports.md, "First loads"). */
export const DEFAULT_IMPORT_REBUILD_MIN_ROWS = 10_000;

function int(v: string | undefined, fallback: number, name: string): number {
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`Configuration ${name} must be a non-negative integer, got "${v}"`);
  return n;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: comma-separated addresses or CIDRs (or proxy-addr's names loopback/linklocal/uniquelocal). */
function trustedProxies(v: string | undefined): string[] | false {
  if (v === undefined || v.trim() === '' || v === 'false') return false;
  const list = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const entry of list) {
    const [addr, bits, extra] = entry.split('/');
    const family = isIP(addr ?? '');
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_NAMES.includes(entry) && (!family || !validBits || extra !== undefined)) {
      throw new Error(`Configuration TRUST_PROXY must list the reverse proxy's addresses or CIDRs, e.g. 127.0.0.1 or 10.0.0.0/8, got "${entry}"`);
    }
  }
  return list;
}

/** PUBLIC_BASE_URL: an http(s) origin, optionally with a path; stored without the trailing slash. */
function baseUrl(v: string | undefined, production: boolean, port: number): string | null {
  if (!v) return production ? null : `http://localhost:${port}`;
  let url: URL | null = null;
  try {
    url = new URL(v);
  } catch {
    url = null;
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new Error(`Configuration PUBLIC_BASE_URL must be the public site's address, e.g. https://dichvucong.example.gov.vn, got "${v}"`);
  }
  return v.replace(/\/+$/, '');
}

/**
 * packages/server, found upward from this module: it runs from src/platform (tsx) or from the bundle in
 * dist/ (`npm run build`), and the built web app sits beside it in packages/web either way.
 */
function serverPackageDir(): string {
  let dir = import.meta.dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
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
  const production = env.NODE_ENV === 'production';
  const port = int(env.PORT, 3000, 'PORT');
  const config: Config = {
    production,
    port,
    host: env.HOST ?? '0.0.0.0',
    databaseUrl,
    databaseReadUrl: env.DATABASE_READ_URL || null,
    dataDir,
    sqliteFile: join(dataDir, env.SQLITE_FILE ?? 'cchc.sqlite'),
    sessionSecret: sessionSecretFor(dataDir, env.SESSION_SECRET),
    auditCheckpointKey: env.AUDIT_CHECKPOINT_KEY || null,
    sessionTtlHours: int(env.SESSION_TTL_HOURS, 12, 'SESSION_TTL_HOURS'),
    cookieSecure: env.COOKIE_SECURE === 'true',
    trustProxy: trustedProxies(env.TRUST_PROXY),
    apiDocs: env.API_DOCS !== 'false',
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
    webDist: env.WEB_DIST ?? resolve(serverPackageDir(), '../web/dist'),
    smtpUrl: env.SMTP_URL || null,
    smtpFrom: env.SMTP_FROM || null,
    reminderMinuteOfDay: minuteOfDay(env.REMINDER_LOCAL_TIME, 'REMINDER_LOCAL_TIME') ?? 7 * 60 + 30,
    importRebuildMinRows:
      env.DOSSIER_IMPORT_REBUILD_MIN_ROWS === 'off'
        ? null
        : int(env.DOSSIER_IMPORT_REBUILD_MIN_ROWS, DEFAULT_IMPORT_REBUILD_MIN_ROWS, 'DOSSIER_IMPORT_REBUILD_MIN_ROWS'),
    dossier: {
      receiptCutoffMinute: minuteOfDay(env.DOSSIER_RECEIPT_CUTOFF, 'DOSSIER_RECEIPT_CUTOFF'),
      almostDueWorkingDays: int(env.DOSSIER_ALMOST_DUE_DAYS, 1, 'DOSSIER_ALMOST_DUE_DAYS'),
      paymentStopsClock: env.DOSSIER_PAYMENT_STOPS_CLOCK === 'true',
      supplementMode: oneOf(env.DOSSIER_SUPPLEMENT_MODE, ['extend', 'restart'] as const, 'extend', 'DOSSIER_SUPPLEMENT_MODE'),
      granularity: oneOf(env.DOSSIER_EARLY_BY, ['day', 'minute'] as const, 'day', 'DOSSIER_EARLY_BY'),
      publicBaseUrl: baseUrl(env.PUBLIC_BASE_URL, production, port),
      completionNationalCode: Number(oneOf(env.DOSSIER_COMPLETION_NATIONAL_CODE, ['5', '1'] as const, '5', 'DOSSIER_COMPLETION_NATIONAL_CODE')) as 5 | 1,
      place: env.DOSSIER_PLACE || null,
    },
    ...overrides,
  };
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must start with postgres:// (leave it empty for the embedded SQLite database)');
  }
  if (config.databaseReadUrl && !config.databaseUrl) {
    throw new Error('DATABASE_READ_URL needs DATABASE_URL: a read replica is a copy of a PostgreSQL primary (leave both empty for SQLite)');
  }
  if (config.databaseReadUrl && !/^postgres(ql)?:\/\//.test(config.databaseReadUrl)) {
    throw new Error('DATABASE_READ_URL must start with postgres:// (leave it empty to read from the primary)');
  }
  if (config.smtpUrl && !/^smtps?:\/\//.test(config.smtpUrl)) {
    throw new Error('SMTP_URL must start with smtp:// or smtps:// (leave it empty to send no e-mail)');
  }
  if (config.smtpUrl && !config.dossier.publicBaseUrl) {
    throw new Error(
      'PUBLIC_BASE_URL must be set when SMTP_URL is (production mode): e-mails carry the lookup link, e.g. PUBLIC_BASE_URL=https://dichvucong.example.gov.vn',
    );
  }
  return config;
}
