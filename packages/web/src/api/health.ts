import { call } from './http';
import type { Health } from './types';

export const getHealth = (): Promise<Health> => call('get', '/api/health');
