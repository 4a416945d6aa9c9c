import { AUDIT_ACTIONS, AUDIT_ACTOR_KINDS, AUDIT_ENTITIES } from '@cchc/domain';
import { z } from 'zod';

const LocalDate = z.iso.date();

export const AuditQuery = z.object({
  entity: z.enum(AUDIT_ENTITIES).optional(),
  entityId: z.string().max(100).optional(),
  actorId: z.string().max(100).optional(),
  action: z.enum(AUDIT_ACTIONS).optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditItem = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  /** 'citizen' for an applicant's action on the public site, 'system' when no one acted. */
  actorKind: z.enum(AUDIT_ACTOR_KINDS),
  action: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  unitId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
});
export const AuditList = z.object({ items: z.array(AuditItem), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });
