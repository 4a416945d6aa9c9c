import { describe, expect, it } from 'vitest';
import { foldVietnamese, matchesSearch } from './text';

describe('foldVietnamese', () => {
  it.each([
    ['Phòng Hành chính', 'phong hanh chinh'],
    ['Đường Đồng Khởi', 'duong dong khoi'],
    ['Sở Khoa học và Công nghệ', 'so khoa hoc va cong nghe'],
    ['Ữ Ỵ ẵ', 'u y a'],
  ])('%s → %s', (input, expected) => expect(foldVietnamese(input)).toBe(expected));

  it('matches every word regardless of accents and order', () => {
    expect(matchesSearch('Trung tâm Phục vụ hành chính công', 'phuc vu cong')).toBe(true);
    expect(matchesSearch('Trung tâm Phục vụ hành chính công', 'phục dịch')).toBe(false);
  });
});
