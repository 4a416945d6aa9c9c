import { describe, expect, it } from 'vitest';
import {
  CHANNEL_CODE,
  channelOfCode,
  DOSSIER_STATUSES,
  isDossierStatus,
  isTerminalStatus,
  NATIONAL_STATUS_CODE,
  nationalStatusCodeOf,
  statusOfNationalCode,
} from './status';
import { DomainInputError } from '../values';

describe('national status codes', () => {
  it.each([
    ['submitted', 1],
    ['received', 2],
    ['refused', 3],
    ['processing', 4],
    ['awaiting_supplement', 5],
    ['awaiting_payment', 6],
    ['withdrawn', 7],
    ['stopped', 8],
    ['result_ready', 9],
    ['returned', 10],
  ] as const)('%s is code %i and back', (status, code) => {
    expect(NATIONAL_STATUS_CODE[status]).toBe(code);
    expect(statusOfNationalCode(code)).toBe(status);
  });

  it('lists the ten national states with distinct codes, then the completion before receipt', () => {
    expect(new Set(DOSSIER_STATUSES.map((s) => NATIONAL_STATUS_CODE[s])).size).toBe(10);
    expect(DOSSIER_STATUSES.slice(10)).toEqual(['awaiting_completion']);
  });

  it('reports a filing sent back for completion as 5 unless the agency chose 1; code 5 reads back as a received dossier', () => {
    expect(nationalStatusCodeOf('awaiting_completion')).toBe(5);
    expect(nationalStatusCodeOf('awaiting_completion', 1)).toBe(1);
    expect(nationalStatusCodeOf('submitted', 5)).toBe(1);
    expect(statusOfNationalCode(5)).toBe('awaiting_supplement');
  });

  it.each([0, 11, 4.5])('rejects code %s', (code) => expect(() => statusOfNationalCode(code)).toThrow(DomainInputError));

  it('knows the terminal statuses; a ready result is not one', () => {
    expect(DOSSIER_STATUSES.filter(isTerminalStatus)).toEqual(['refused', 'withdrawn', 'stopped', 'returned']);
  });

  it('recognises status identifiers', () => {
    expect(isDossierStatus('processing')).toBe(true);
    expect(isDossierStatus('done')).toBe(false);
  });
});

describe('channels', () => {
  it.each([
    [null, 'counter'],
    [1, 'counter'],
    [2, 'online'],
    [3, 'post'],
  ] as const)('KenhThucHien %s is %s', (code, channel) => {
    expect(channelOfCode(code)).toBe(channel);
    if (code !== null) expect(CHANNEL_CODE[channel]).toBe(code);
  });

  it('rejects unknown channel codes', () => expect(() => channelOfCode(4)).toThrow(DomainInputError));
});
