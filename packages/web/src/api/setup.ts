import { request } from './http';
import type { Me, SetupInput, SetupStatus } from './types';

export const setupKeys = { status: ['setup'] as const };

export const getSetupStatus = (): Promise<SetupStatus> => request<SetupStatus>('/api/setup');

export const runSetup = (input: SetupInput): Promise<Me> =>
  request<Me>('/api/setup', { method: 'POST', body: input });
