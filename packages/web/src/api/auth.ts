import { request } from './http';
import type { ChangePasswordInput, LoginInput, Me } from './types';

export const meKeys = { me: ['me'] as const };

export const getMe = (): Promise<Me> => request<Me>('/api/me');

export const login = (input: LoginInput): Promise<Me> =>
  request<Me>('/api/auth/login', { method: 'POST', body: input });

export const logout = (): Promise<void> => request<void>('/api/auth/logout', { method: 'POST' });

export const changePassword = (input: ChangePasswordInput): Promise<void> =>
  request<void>('/api/auth/password', { method: 'POST', body: input });
