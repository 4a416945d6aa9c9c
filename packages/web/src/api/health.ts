import { request } from './http';
import type { Health } from './types';

export const getHealth = (): Promise<Health> => request<Health>('/api/health');
