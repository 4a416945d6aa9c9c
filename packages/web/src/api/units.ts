import { request, withQuery } from './http';
import type { CreateUnitInput, Unit, UpdateUnitInput } from './types';

export const unitKeys = { all: ['units'] as const };

export const listUnits = (): Promise<{ items: Unit[] }> => request<{ items: Unit[] }>('/api/units');

export const createUnit = (input: CreateUnitInput): Promise<Unit> =>
  request<Unit>('/api/units', { method: 'POST', body: input });

export const updateUnit = (id: string, input: UpdateUnitInput): Promise<Unit> =>
  request<Unit>(`/api/units/${encodeURIComponent(id)}`, { method: 'PATCH', body: input });

export const deleteUnit = (id: string, version: number): Promise<void> =>
  request<void>(withQuery(`/api/units/${encodeURIComponent(id)}`, { version }), { method: 'DELETE' });
