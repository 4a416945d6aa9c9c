import { ROLES } from '@cchc/domain';
import { z } from 'zod';
import { PasswordSchema } from '../auth/auth.schemas';

export const GrantInput = z.object({ role: z.enum(ROLES), unitId: z.string().min(1) });

export const UserView = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    isActive: z.boolean(),
    mustChangePassword: z.boolean(),
    lockedUntil: z.string().nullable(),
    grants: z.array(z.object({ role: z.enum(ROLES), unitId: z.string(), unitName: z.string() })),
    version: z.number().int(),
    createdAt: z.string(),
    can: z.object({ update: z.boolean() }),
  })
  .meta({ id: 'User' });
export type UserView = z.infer<typeof UserView>;

export const UserListQuery = z.object({
  q: z.string().trim().max(100).optional(),
  unitId: z.string().optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
  sort: z.enum(['username', 'fullName', 'createdAt']).default('username'),
  order: z.enum(['asc', 'desc']).default('asc'),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = z.object({ items: z.array(UserView), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const Username = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,50}$/, { message: 'user.username_format' });

export const CreateUserBody = z.object({
  username: Username,
  fullName: z.string().trim().min(1).max(200),
  email: z.email().max(200).nullable().optional(),
  unitId: z.string().min(1),
  password: PasswordSchema,
  grants: z.array(GrantInput).max(50).default([]),
});
export type CreateUserInput = z.infer<typeof CreateUserBody>;

export const UpdateUserBody = z.object({
  version: z.number().int().positive(),
  fullName: z.string().trim().min(1).max(200).optional(),
  email: z.email().max(200).nullable().optional(),
  unitId: z.string().min(1).optional(),
  isActive: z.boolean().optional(),
  grants: z.array(GrantInput).max(50).optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserBody>;

export const ResetPasswordBody = z.object({ newPassword: PasswordSchema });
export const UserIdParams = z.object({ id: z.string().min(1).max(100) });
