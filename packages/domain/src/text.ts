/**
 * Folds Vietnamese text for search that ignores diacritics and case:
 * decomposes (NFD), drops combining marks, maps đ/Đ to d, lowercases and collapses spaces.
 * @example foldVietnamese('Cấp Giấy  chứng nhận Đăng ký') // 'cap giay chung nhan dang ky'
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Escapes `%`, `_` and `\` so user text can sit inside a LIKE pattern (with ESCAPE '\'). */
export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
