import { ROLES } from '@cchc/domain';
import { z } from 'zod';

export const LoginBody = z.object({
  username: z.string().trim().min(1).max(100),
  password: z.string().min(1).max(200),
});

export const PasswordSchema = z
  .string()
  .max(200)
  .refine((p) => p.length >= 8 && /\p{L}/u.test(p) && /\p{Nd}/u.test(p), { message: 'password.too_weak' });

export const ChangePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

export const GrantView = z.object({ role: z.enum(ROLES), unitId: z.string(), unitName: z.string() });

export const MeView = z
  .object({
    id: z.string(),
    username: z.string(),
    fullName: z.string(),
    email: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    mustChangePassword: z.boolean(),
    grants: z.array(GrantView),
    permissions: z.array(z.string()),
  })
  .meta({ id: 'Me' });
export type MeView = z.infer<typeof MeView>;

export const TokenView = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  /** After this instant the token is refused (401); null = no expiry. */
  expiresAt: z.string().nullable(),
});
export const TokenList = z.object({ items: z.array(TokenView) });
export const CreateTokenBody = z.object({
  name: z.string().trim().min(1).max(100),
  /** Optional; in the future and at most API_TOKEN_MAX_DAYS (366) days ahead. */
  expiresAt: z.iso.datetime().nullable().optional(),
});
export const CreatedToken = TokenView.omit({ lastUsedAt: true }).extend({ token: z.string() });
export const IdParams = z.object({ id: z.string().min(1).max(100) });
