import { call } from './http';
import type { Me, SetupInput, SetupStatus } from './types';

export const setupKeys = { status: ['setup'] as const };

export const getSetupStatus = (): Promise<SetupStatus> => call('get', '/api/setup');

export const runSetup = (input: SetupInput): Promise<Me> => call('post', '/api/setup', { body: input });
