import { call } from './http';
import type { ApiToken, CreatedApiToken } from './types';

export const tokenKeys = { all: ['tokens'] as const };

export const listTokens = (): Promise<{ items: ApiToken[] }> => call('get', '/api/auth/tokens');

/** `expiresAt`: the instant the token stops working, or null for a token that does not expire. */
export const createToken = (name: string, expiresAt: string | null = null): Promise<CreatedApiToken> =>
  call('post', '/api/auth/tokens', { body: { name, expiresAt } });

export const revokeToken = (id: string): Promise<void> => call('delete', '/api/auth/tokens/{id}', { params: { id } });
