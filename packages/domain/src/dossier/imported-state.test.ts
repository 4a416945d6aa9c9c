import { describe, expect, it } from 'vitest';
import { importedRecordIssues, importedState, type ImportedDossierRecord } from './imported-state';
import { DEFAULT_OFFICE_HOURS } from '../calendar/office-hours';
import type { Instant } from '../values';

const i = (s: string) => new Date(s).toISOString() as Instant;
const base: ImportedDossierRecord = {
  status: 'returned',
  channel: 'online',
  submittedAt: i('2026-02-02T08:00:00+07:00'),
  receivedAt: i('2026-02-02T09:00:00+07:00'),
  dueAt: i('2026-02-23T17:00:00+07:00'),
  endOfProcessingAt: i('2026-02-20T10:00:00+07:00'),
  returnedAt: i('2026-02-24T09:00:00+07:00'),
  supplements: [],
};
const policy = {
  receipt: { cutoffMinute: null, onlineOutsideHoursNextDay: true, office: DEFAULT_OFFICE_HOURS },
  paymentStopsClock: false,
  supplementMode: 'extend' as const,
  granularity: 'day' as const,
  almostDueWorkingDays: 1,
};

describe('importedRecordIssues', () => {
  it.each([
    { over: {}, expected: [] },
    { over: { returnedAt: null }, expected: [{ field: 'NgayTra', code: 'dossier_import.required' }] },
    {
      over: { status: 'processing', receivedAt: null, endOfProcessingAt: null, returnedAt: null },
      expected: [{ field: 'NgayTiepNhan', code: 'dossier_import.required' }],
    },
    { over: { status: 'submitted', endOfProcessingAt: null, returnedAt: null }, expected: [{ field: 'NgayTiepNhan', code: 'dossier_import.not_expected' }] },
    { over: { endOfProcessingAt: i('2026-02-01T10:00:00+07:00') }, expected: [{ field: 'NgayKetThucXuLy', code: 'dossier_import.date_order' }] },
    { over: { dueAt: i('2026-02-01T10:00:00+07:00') }, expected: [{ field: 'NgayHenTra', code: 'dossier_import.date_order' }] },
    {
      over: { status: 'awaiting_supplement', endOfProcessingAt: null, returnedAt: null },
      expected: [{ field: 'DanhSachHoSoBoSung', code: 'dossier_import.supplement_status' }],
    },
  ] as const)('$over → $expected', ({ over, expected }) => expect(importedRecordIssues({ ...base, ...over } as ImportedDossierRecord)).toEqual(expected));
});

describe('importedState', () => {
  it('keeps the source appointment as every due moment and the history in the source order', () => {
    const s = importedState(
      { ...base, supplements: [{ requestedAt: i('2026-02-05T09:00:00+07:00'), completedAt: i('2026-02-09T09:00:00+07:00'), reason: 'Thiếu' }] },
      policy,
      null,
    );
    expect([s.dueAt, s.statutoryDueAt, s.originalDueAt]).toEqual([base.dueAt, base.dueAt, base.dueAt]);
    expect(s.dueDate).toBe('2026-02-23');
    expect(s.history.map((h) => h.to)).toEqual(['submitted', 'received', 'processing', 'awaiting_supplement', 'processing', 'result_ready', 'returned']);
    expect(s.pauses).toEqual([expect.objectContaining({ kind: 'supplement', workingDays: 0, stopsClock: true })]);
    expect([s.endOfProcessingAt, s.finishedAt, s.supplementRequestCount]).toEqual([base.endOfProcessingAt, base.returnedAt, 1]);
  });

  it('ends processing on a withdrawal only after receipt', () => {
    const before = importedState(
      { ...base, status: 'withdrawn', receivedAt: null, dueAt: null, endOfProcessingAt: i('2026-02-03T09:00:00+07:00'), returnedAt: null },
      policy,
      null,
    );
    expect([before.endOfProcessingAt, before.finishedAt !== null, before.policy]).toEqual([null, true, null]);
    const after = importedState({ ...base, status: 'withdrawn', returnedAt: null }, policy, null);
    expect(after.endOfProcessingAt).toBe(base.endOfProcessingAt);
  });
});
