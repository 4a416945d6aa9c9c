import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import type { CalendarDay } from '../../api/types';
import vi from '../../i18n/vi.json';
import { canChiOfYear, dayLabel, lunarText, sourceText } from './day-labels';

const t = i18next.createInstance();
await t.init({ lng: 'vi', resources: { vi: { translation: vi } }, interpolation: { escapeValue: false }, showSupportNotice: false });

const tet: CalendarDay = {
  date: '2025-01-27',
  year: 2025,
  kind: 'holiday',
  name: 'Tết Nguyên đán',
  status: 'official',
  sourceNumber: null,
  sourceDate: null,
  note: null,
  version: 1,
};

describe('day labels', () => {
  it('names a day the way the grid announces it', () => {
    expect(dayLabel(t.t, '2025-01-27', tet)).toBe('Thứ Hai, 27/01/2025: Tết Nguyên đán (nghỉ lễ)');
    expect(dayLabel(t.t, '2025-11-24', { ...tet, date: '2025-11-24', name: 'Ngày Văn hóa Việt Nam', status: 'provisional' })).toBe(
      'Thứ Hai, 24/11/2025: Ngày Văn hóa Việt Nam (nghỉ lễ, tạm tính)',
    );
    expect(dayLabel(t.t, '2025-02-01', undefined)).toBe('Thứ Bảy, 01/02/2025: nghỉ cuối tuần');
    expect(dayLabel(t.t, '2025-02-03', undefined)).toBe('Thứ Hai, 03/02/2025: ngày làm việc');
  });

  it('writes the announcing document in Vietnamese date order', () => {
    expect(sourceText(t.t, { sourceNumber: '12729/VPCP-KGVX', sourceDate: '2025-12-25' })).toBe('12729/VPCP-KGVX ngày 25/12/2025');
    expect(sourceText(t.t, { sourceNumber: null, sourceDate: null })).toBeNull();
  });

  it('names lunar years by can chi', () => {
    expect(canChiOfYear(2024)).toBe('Giáp Thìn');
    expect(canChiOfYear(2025)).toBe('Ất Tỵ');
    expect(canChiOfYear(1984)).toBe('Giáp Tý');
    expect(lunarText(t.t, { year: 2024, month: 12, day: 28, leap: false })).toBe('Ngày 28 tháng Chạp năm Giáp Thìn');
    expect(lunarText(t.t, { year: 2025, month: 6, day: 1, leap: true })).toBe('Ngày 1 tháng 6 nhuận năm Ất Tỵ');
  });
});
