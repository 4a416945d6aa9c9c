import type { ApiResponse } from './contract';
import { call } from './http';

// GET /api/overview (docs/overview.md): each tile is the total of the list it opens.
export type Overview = ApiResponse<'/api/overview'>;

export const getOverview = (): Promise<Overview> => call('get', '/api/overview');
export const overviewKey = ['overview'] as const;
