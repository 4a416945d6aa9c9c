import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldVietnamese } from './text';

describe('foldVietnamese', () => {
  it.each([
    ['Cấp giấy chứng nhận', 'cap giay chung nhan'],
    ['ĐĂNG KÝ', 'dang ky'],
    ['Sở Khoa học và Công nghệ', 'so khoa hoc va cong nghe'],
    ['  nhiều   khoảng  trắng ', 'nhieu khoang trang'],
    ['Thủ tục 1.004512', 'thu tuc 1.004512'],
  ])('folds %s to %s', (input, expected) => expect(foldVietnamese(input)).toBe(expected));

  it('is idempotent', () => fc.assert(fc.property(fc.string(), (s) => foldVietnamese(foldVietnamese(s)) === foldVietnamese(s))));

  it('treats precomposed and decomposed input alike', () => {
    expect(foldVietnamese('Việt'.normalize('NFC'))).toBe(foldVietnamese('Việt'.normalize('NFD')));
  });
});
