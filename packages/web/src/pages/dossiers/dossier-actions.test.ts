import { describe, expect, it } from 'vitest';
import { ACTION_SPECS, allowedActions } from './dossier-actions';

describe('dossier action buttons', () => {
  it('shows only what the server allows, in lifecycle order', () => {
    const shown = allowedActions({ refuse: true, startProcessing: true, requestSupplement: true, stop: false });
    expect(shown.map((s) => s.action)).toEqual(['startProcessing', 'requestSupplement', 'refuse']);
  });

  it('shows nothing without flags', () => {
    expect(allowedActions(undefined)).toEqual([]);
  });

  it('lists each action once', () => {
    const actions = ACTION_SPECS.map((s) => s.action);
    expect(new Set(actions).size).toBe(actions.length);
  });
});
