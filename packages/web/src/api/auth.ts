import { call } from './http';
import type { ChangePasswordInput, LoginInput, Me } from './types';

export const meKeys = { me: ['me'] as const };

export const getMe = (): Promise<Me> => call('get', '/api/me');

export const login = (input: LoginInput): Promise<Me> => call('post', '/api/auth/login', { body: input });

export const logout = (): Promise<void> => call('post', '/api/auth/logout');

export const changePassword = (input: ChangePasswordInput): Promise<void> => call('post', '/api/auth/password', { body: input });
