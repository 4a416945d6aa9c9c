import { request } from './http';
import type { ApiToken, CreatedApiToken } from './types';

export const tokenKeys = { all: ['tokens'] as const };

export const listTokens = (): Promise<{ items: ApiToken[] }> =>
  request<{ items: ApiToken[] }>('/api/auth/tokens');

/** `expiresAt`: the instant the token stops working, or null for a token that does not expire. */
export const createToken = (name: string, expiresAt: string | null = null): Promise<CreatedApiToken> =>
  request<CreatedApiToken>('/api/auth/tokens', { method: 'POST', body: { name, expiresAt } });

export const revokeToken = (id: string): Promise<void> =>
  request<void>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
