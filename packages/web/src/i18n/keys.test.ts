import { describe, expect, it } from 'vitest';
import en from './en.json';
import vi from './vi.json';

const PLURAL = /_(zero|one|two|few|many|other)$/;

function keysOf(node: unknown, prefix = ''): string[] {
  if (typeof node !== 'object' || node === null) return [prefix.replace(PLURAL, '')];
  return Object.entries(node).flatMap(([k, v]) => keysOf(v, prefix ? `${prefix}.${k}` : k));
}

describe('translations', () => {
  it('vi and en have the same keys (plural forms aside)', () => {
    expect([...new Set(keysOf(en))].sort()).toEqual([...new Set(keysOf(vi))].sort());
  });

  it('has no empty strings', () => {
    const empty = (node: unknown): boolean => (typeof node === 'string' ? node.trim() === '' : Object.values(node as object).some(empty));
    expect(empty(vi)).toBe(false);
    expect(empty(en)).toBe(false);
  });
});
