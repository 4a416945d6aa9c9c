import type { Generated } from 'kysely';

// Table types as the application sees them (camelCase; CamelCasePlugin maps to snake_case).
// Booleans are stored as integers 0/1 on both engines so one query serves both.

export interface UnitsTable {
  id: string;
  parentId: string | null;
  kind: string;
  name: string;
  nameFolded: string;
  code: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface UsersTable {
  id: string;
  username: string;
  fullName: string;
  fullNameFolded: string;
  email: string | null;
  unitId: string;
  passwordHash: string;
  isActive: number;
  mustChangePassword: number;
  failedAttempts: number;
  lockedUntil: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface RoleAssignmentsTable {
  id: string;
  userId: string;
  role: string;
  unitId: string;
}

export interface SessionsTable {
  id: string; // sha256 of the cookie token
  userId: string;
  createdAt: string;
  expiresAt: string;
  lastSeenAt: string;
}

export interface ApiTokensTable {
  id: string;
  userId: string;
  name: string;
  tokenHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  unitId: string | null;
  before: string | null;
  after: string | null;
  requestId: string | null;
  prevHash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  lastSeq: number;
  lastHash: string;
}

export interface FilesTable {
  sha256: string;
  size: number;
  contentType: string;
  createdAt: string;
}

export interface AttachmentsTable {
  id: string;
  sha256: string;
  fileName: string;
  ownerEntity: string;
  ownerId: string;
  unitId: string;
  createdBy: string;
  createdAt: string;
}

export interface AuthzStateTable {
  id: number;
  generation: number;
}

/** Identity of a procedure plus mirrors of its latest version, for search and scope. */
export interface ProceduresTable {
  id: string;
  unitId: string;
  code: string;
  name: string;
  nameFolded: string;
  sectorCode: string;
  sectorName: string;
  processingUnitId: string | null;
  status: string;
  latestVersionNo: number;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** One published content of a procedure, in force from `effectiveFrom`; `content` is JSON text. */
export interface ProcedureVersionsTable {
  id: string;
  procedureId: string;
  versionNo: number;
  effectiveFrom: string;
  name: string;
  nameFolded: string;
  sectorCode: string;
  sectorName: string;
  timeLimitValue: number;
  timeLimitUnit: string;
  onlineLevel: string;
  processingUnitId: string | null;
  content: string;
  createdAt: string;
  createdBy: string | null;
}

/** A non-working weekday or a make-up Saturday; `year` is the calendar year whose set lists it. */
export interface CalendarDaysTable {
  date: string;
  year: number;
  kind: string;
  name: string;
  status: string;
  sourceNumber: string | null;
  sourceDate: string | null;
  note: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

export interface CalendarStateTable {
  id: number;
  generation: number;
}

export interface Database {
  authzState: AuthzStateTable;
  units: UnitsTable;
  users: UsersTable;
  roleAssignments: RoleAssignmentsTable;
  sessions: SessionsTable;
  apiTokens: ApiTokensTable;
  auditLog: AuditLogTable;
  auditHead: AuditHeadTable;
  files: FilesTable;
  attachments: AttachmentsTable;
  calendarDays: CalendarDaysTable;
  calendarState: CalendarStateTable;
  procedures: ProceduresTable;
  procedureVersions: ProcedureVersionsTable;
}
