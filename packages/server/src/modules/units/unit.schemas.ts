import { isAgencyCode, UNIT_KINDS } from '@cchc/domain';
import { z } from 'zod';

export const UnitKind = z.enum(UNIT_KINDS);
export const AgencyCode = z
  .string()
  .trim()
  .refine((s) => isAgencyCode(s), { message: 'unit.code_format' })
  .nullable();

export const UnitView = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    kind: UnitKind,
    name: z.string(),
    code: z.string().nullable(),
    version: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    can: z.object({ update: z.boolean(), delete: z.boolean(), createChild: z.boolean() }),
  })
  .meta({ id: 'Unit' });
export type UnitView = z.infer<typeof UnitView>;

export const UnitList = z.object({ items: z.array(UnitView) });

export const CreateUnitBody = z.object({
  /** null creates another top-level agency (system administrators of a top-level agency only). */
  parentId: z.string().min(1).nullable(),
  kind: UnitKind,
  name: z.string().trim().min(1).max(300),
  code: AgencyCode.optional(),
});
export type CreateUnitInput = z.infer<typeof CreateUnitBody>;

export const UpdateUnitBody = z.object({
  version: z.number().int().positive(),
  /** Moves the unit (and everything below it) under another unit; scopes follow at once. */
  parentId: z.string().min(1).optional(),
  kind: UnitKind.optional(),
  name: z.string().trim().min(1).max(300).optional(),
  code: AgencyCode.optional(),
});
export type UpdateUnitInput = z.infer<typeof UpdateUnitBody>;

export const UnitIdParams = z.object({ id: z.string().min(1).max(100) });
export const DeleteUnitQuery = z.object({ version: z.coerce.number().int().positive() });
