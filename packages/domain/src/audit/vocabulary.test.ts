import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ACTIONS, AUDIT_ENTITIES, AUDIT_ENTITY_LABELS, auditLabel } from './vocabulary';
import { DOSSIER_ACTIONS } from '../dossier/transition-table';

describe('audit vocabulary', () => {
  it('has distinct values and words in both languages for each', () => {
    for (const [values, labels] of [
      [AUDIT_ENTITIES, AUDIT_ENTITY_LABELS],
      [AUDIT_ACTIONS, AUDIT_ACTION_LABELS],
    ] as const) {
      expect(new Set(values).size).toBe(values.length);
      expect(Object.keys(labels).sort()).toEqual([...values].sort());
      for (const v of values) {
        const l = (labels as Record<string, { vi: string; en: string }>)[v]!;
        expect(l.vi.trim(), v).not.toBe('');
        expect(l.en.trim(), v).not.toBe('');
        expect(l.vi, v).not.toBe(v);
      }
    }
  });

  it('covers every dossier action', () => {
    for (const a of DOSSIER_ACTIONS) expect(AUDIT_ACTIONS).toContain(a);
  });

  it('labels by language, and shows an unknown stored value as itself', () => {
    expect(auditLabel('entity', 'dossier_rating', 'vi')).toBe('Đánh giá hồ sơ của người dân');
    expect(auditLabel('action', 'receive', 'en')).toBe('Receive');
    expect(auditLabel('entity', 'session', 'vi')).toBe('session');
    expect(auditLabel('action', 'toString', 'vi')).toBe('toString');
  });
});
