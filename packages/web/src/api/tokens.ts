import { request } from './http';
import type { ApiToken, CreatedApiToken } from './types';

export const tokenKeys = { all: ['tokens'] as const };

export const listTokens = (): Promise<{ items: ApiToken[] }> =>
  request<{ items: ApiToken[] }>('/api/auth/tokens');

export const createToken = (name: string): Promise<CreatedApiToken> =>
  request<CreatedApiToken>('/api/auth/tokens', { method: 'POST', body: { name } });

export const revokeToken = (id: string): Promise<void> =>
  request<void>(`/api/auth/tokens/${encodeURIComponent(id)}`, { method: 'DELETE' });
