import { call } from './http';
import type { Me, SetupInput, SetupProgress, SetupStatus } from './types';

export const setupKeys = { status: ['setup'] as const, progress: ['setup', 'progress'] as const };

export const getSetupStatus = (): Promise<SetupStatus> => call('get', '/api/setup');

export const runSetup = (input: SetupInput): Promise<Me> => call('post', '/api/setup', { body: input });

export const getSetupProgress = (): Promise<SetupProgress> => call('get', '/api/setup/progress');
