import { describe, expect, it } from 'vitest';
import { checkComponents, resultRecordIssues, type DossierResultRecord } from './desk-records';
import { receiveSubmitted, submitOnline } from './intake';
import { dossierIn, receiveInput } from './test-dossiers';
import { at, testCalendar as cal } from './test-calendar';
import { markResultReady } from './transitions';
import type { Instant, LocalDate } from '../values';

const components = [
  { name: 'Đơn đề nghị', mandatory: true },
  { name: 'Bản sao CCCD', mandatory: true },
  { name: 'Ảnh chân dung', mandatory: false },
];

describe('checkComponents', () => {
  it('marks each component as confirmed or not, optional ones may stay unticked', () => {
    expect(checkComponents(components, ['Đơn đề nghị', ' Bản sao CCCD '])).toEqual([
      { name: 'Đơn đề nghị', mandatory: true, checked: true },
      { name: 'Bản sao CCCD', mandatory: true, checked: true },
      { name: 'Ảnh chân dung', mandatory: false, checked: false },
    ]);
  });

  it.each([
    { confirmed: [], missing: ['Đơn đề nghị', 'Bản sao CCCD'] },
    { confirmed: ['Đơn đề nghị', 'Ảnh chân dung'], missing: ['Bản sao CCCD'] },
    { confirmed: ['Không có trong danh mục'], missing: ['Đơn đề nghị', 'Bản sao CCCD'] },
  ])('refuses when mandatory components are unconfirmed: $missing', ({ confirmed, missing }) => {
    expect(() => checkComponents(components, confirmed)).toThrowError(expect.objectContaining({ code: 'dossier.components_unconfirmed', detail: { missing } }));
  });

  it('is kept in the state by the receipt of an online filing', () => {
    const submitted = submitOnline(at('2025-07-14', '08:00'));
    const now = at('2025-07-14', '09:00');
    expect(() => receiveSubmitted(submitted, { ...receiveInput(), componentCheck: { components, confirmed: ['Đơn đề nghị'] } }, now, cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.components_unconfirmed' }),
    );
    const received = receiveSubmitted(submitted, { ...receiveInput(), componentCheck: { components, confirmed: ['Đơn đề nghị', 'Bản sao CCCD'] } }, now, cal);
    expect(received.status).toBe('received');
    expect(received.receiptChecks?.filter((c) => c.checked).map((c) => c.name)).toEqual(['Đơn đề nghị', 'Bản sao CCCD']);
  });
});

const record = (over: Partial<DossierResultRecord> = {}): DossierResultRecord => ({
  kind: 'certificate',
  number: '15/GCN-SKHCN',
  date: '2025-07-15' as LocalDate,
  signer: 'Nguyễn Văn Bình',
  attachmentId: 'file-1',
  electronic: false,
  ...over,
});
const ctx = { now: at('2025-07-16', '10:00') as Instant, receivedAt: at('2025-07-14', '09:00') as Instant, electronicAllowed: false };

describe('resultRecordIssues', () => {
  it.each([
    { name: 'a complete record', over: {}, issues: [] },
    { name: 'signed today', over: { date: '2025-07-16' as LocalDate }, issues: [] },
    { name: 'signed tomorrow', over: { date: '2025-07-17' as LocalDate }, issues: [{ field: 'date', code: 'dossier.result_date_future' }] },
    { name: 'signed before receipt', over: { date: '2025-07-13' as LocalDate }, issues: [{ field: 'date', code: 'dossier.result_date_before_receipt' }] },
    {
      name: 'a licence without file',
      over: { kind: 'licence' as const, attachmentId: null },
      issues: [{ field: 'fileId', code: 'dossier.result_file_required' }],
    },
    { name: 'a refusal without file', over: { kind: 'refusal' as const, attachmentId: null }, issues: [] },
    { name: 'electronic when not allowed', over: { electronic: true }, issues: [{ field: 'electronic', code: 'dossier.result_electronic_not_allowed' }] },
    {
      name: 'blank number and signer',
      over: { number: ' ', signer: '' },
      issues: [
        { field: 'number', code: 'dossier.result_number_required' },
        { field: 'signer', code: 'dossier.result_signer_required' },
      ],
    },
  ])('$name', ({ over, issues }) => {
    expect(resultRecordIssues(record(over), ctx)).toEqual(issues);
  });

  it('allows an electronic result with a file when the procedure issues them, never without a file', () => {
    expect(resultRecordIssues(record({ electronic: true }), { ...ctx, electronicAllowed: true })).toEqual([]);
    expect(resultRecordIssues(record({ kind: 'refusal', attachmentId: null, electronic: true }), { ...ctx, electronicAllowed: true })).toEqual([
      { field: 'electronic', code: 'dossier.result_file_required' },
    ]);
  });

  it('is stored by markResultReady, which refuses a bad one', () => {
    const processing = dossierIn('processing');
    const now = at('2025-07-14', '11:00');
    const ok = markResultReady(processing, { result: record({ date: '2025-07-14' as LocalDate }) }, now, cal);
    expect(ok.resultRecord).toMatchObject({ kind: 'certificate', number: '15/GCN-SKHCN' });
    expect(() => markResultReady(processing, { result: record({ date: '2025-07-15' as LocalDate }) }, now, cal)).toThrowError(
      expect.objectContaining({ code: 'dossier.result_date_future' }),
    );
  });
});
