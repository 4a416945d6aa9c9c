import { call } from './http';
import type { CreateUnitInput, Unit, UpdateUnitInput } from './types';

export const unitKeys = { all: ['units'] as const };

export const listUnits = (): Promise<{ items: Unit[] }> => call('get', '/api/units');

export const createUnit = (input: CreateUnitInput): Promise<Unit> => call('post', '/api/units', { body: input });

export const updateUnit = (id: string, input: UpdateUnitInput): Promise<Unit> => call('patch', '/api/units/{id}', { params: { id }, body: input });

export const deleteUnit = (id: string, version: number): Promise<void> => call('delete', '/api/units/{id}', { params: { id }, query: { version } });
