import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/http';
import { ACTION_SPECS, allowedActions, conflictCurrent, currentStepOf, nextAction } from './dossier-actions';

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

describe('one primary action per state (issue #13 item 10)', () => {
  const held = { can: {}, assigneeName: 'Lê Chuyên Viên' };
  it('is the first usual next step the server allows, never two', () => {
    expect(nextAction(allowedActions({ completeStep: true, markResultReady: true, requestSupplement: true }), held)).toBe('completeStep');
    expect(nextAction(allowedActions({ markResultReady: true, refuse: true }), held)).toBe('markResultReady');
    expect(nextAction(allowedActions({ receive: true, refuse: true }), held)).toBe('receive');
    expect(nextAction(allowedActions({ returnResult: true }), held)).toBe('returnResult');
  });

  it('is assigning an unassigned dossier for who may assign, before starting or handing over', () => {
    const unassigned = { can: { assign: true }, assigneeName: null };
    expect(nextAction(allowedActions({ startProcessing: true, requestSupplement: true }), unassigned)).toBe('assign');
    expect(nextAction(allowedActions({ completeStep: true }), unassigned)).toBe('assign');
    expect(nextAction([], unassigned)).toBe('assign');
    expect(nextAction(allowedActions({ returnResult: true }), unassigned)).toBe('returnResult');
    expect(nextAction(allowedActions({ startProcessing: true }), { can: { assign: true }, assigneeName: 'Lê Chuyên Viên' })).toBe('startProcessing');
  });

  it('is none when only secondary or closing actions are allowed', () => {
    expect(nextAction(allowedActions({ requestSupplement: true, refuse: true }), held)).toBeNull();
  });
});

describe('stale-version conflicts', () => {
  const current = { id: 'd1', version: 4, status: 'processing' };

  it('takes the current dossier from a 409 answer', () => {
    expect(conflictCurrent(new ApiError(409, 'conflict.stale_version', { current }))).toEqual(current);
  });

  it('gives nothing for other errors or a 409 without it', () => {
    expect(conflictCurrent(new ApiError(409, 'conflict.stale_version'))).toBeNull();
    expect(conflictCurrent(new ApiError(422, 'dossier.apology_required', { current }))).toBeNull();
    expect(conflictCurrent(new ApiError(409, 'conflict.stale_version', { current: 'x' }))).toBeNull();
    expect(conflictCurrent(new Error('network'))).toBeNull();
  });
});

describe('current step', () => {
  const steps = ['TN', 'TD'].map((code) => ({
    code,
    name: code,
    unitId: null,
    performerRole: null,
    startAt: '',
    dueDate: '2026-03-02',
    dueAt: '',
    done: false,
  }));

  it('is the step at the index, or none once all are done', () => {
    expect(currentStepOf({ steps, currentStep: 1 })?.code).toBe('TD');
    expect(currentStepOf({ steps, currentStep: 2 })).toBeNull();
    expect(currentStepOf({ steps: [], currentStep: 0 })).toBeNull();
  });
});
