import { describe, expect, it } from 'vitest';
import type { DossierFile } from '../../api/types';
import { formatFileSize } from '../../format';
import { linesOf } from './desk-format';

describe('formatFileSize', () => {
  it.each([
    { bytes: 0, text: '0 B' },
    { bytes: 1023, text: '1.023 B' },
    { bytes: 12_345, text: '12,1 KB' },
    { bytes: 3_500_000, text: '3,3 MB' },
  ])('$bytes → $text (Vietnamese number format)', ({ bytes, text }) => expect(formatFileSize(bytes)).toBe(text));
});

const file = (id: string, component: string | null, isResult = false): DossierFile => ({
  id,
  name: `${id}.pdf`,
  size: 10,
  contentType: 'application/pdf',
  uploadedAt: '2026-03-02T02:00:00.000Z',
  uploadedBy: { kind: component ? 'applicant' : 'staff', name: component ? null : 'Cán bộ' },
  component,
  isResult,
  previewable: true,
});

describe('linesOf', () => {
  it('lists every procedure component with its file, unattached ones too, then the other files', () => {
    const d = {
      procedureComponents: [
        { name: 'Đơn', mandatory: true },
        { name: 'CCCD', mandatory: true },
      ],
      components: [{ name: 'Đơn' }, { name: 'Khác' }],
    };
    const lines = linesOf(d, [file('a', 'Đơn'), file('r', null, true), file('k', 'Khác')]);
    expect(lines.map((l) => [l.component, l.mandatory, l.file?.id ?? null])).toEqual([
      ['Đơn', true, 'a'],
      ['CCCD', true, null],
      ['Khác', false, 'k'],
      [null, false, 'r'],
    ]);
  });
});
