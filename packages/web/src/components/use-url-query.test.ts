import { describe, expect, it } from 'vitest';
import { patchedSearchParams, toSearchParams } from './use-url-query';

describe('list queries in the address', () => {
  it('writes only the values that are set, in the query’s order', () => {
    expect(toSearchParams({ year: 2025, status: undefined, q: '', unitId: null, page: 1, q2: 'quý III' }).toString()).toBe('year=2025&page=1&q2=qu%C3%BD+III');
  });

  it('patches single parameters and keeps the others', () => {
    const now = new URLSearchParams('year=2025&kind=annual&page=3');
    expect(patchedSearchParams(now, { page: 1, kind: undefined, status: 'issued' }).toString()).toBe('year=2025&page=1&status=issued');
    expect(patchedSearchParams(now, { year: '' }).toString()).toBe('kind=annual&page=3');
    expect(now.toString()).toBe('year=2025&kind=annual&page=3');
  });
});
