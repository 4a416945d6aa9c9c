import { describe, expect, it } from 'vitest';
import { bandsFromForm, bandsToForm } from './set-details';

describe('set details bands', () => {
  it('shows basis points as percents and reads them back, highest threshold first', () => {
    const bands = [
      { code: 'B', label: 'Khá', min: 8_000, minInclusive: true },
      { code: 'A', label: 'Tốt', min: 9_000, minInclusive: true },
    ];
    expect(bandsToForm(bands)[1]).toEqual({ code: 'A', label: 'Tốt', minPercent: 90, minInclusive: true });
    expect(bandsFromForm(bandsToForm(bands)).map((b) => b.code)).toEqual(['A', 'B']);
  });

  it('rounds a percent with two decimals to whole basis points and trims labels', () => {
    expect(bandsFromForm([{ code: ' A ', label: ' Tốt ', minPercent: 89.99, minInclusive: false }])).toEqual([
      { code: 'A', label: 'Tốt', min: 8_999, minInclusive: false },
    ]);
  });
});
