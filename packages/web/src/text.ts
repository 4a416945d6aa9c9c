/**
 * Folds Vietnamese text for search: 'Phòng Hành chính – Đối ngoại' → 'phong hanh chinh – doi ngoai'.
 * NFD splits letters from their tone and vowel marks, which are then dropped; đ has no decomposition.
 */
export function foldVietnamese(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
}

/** True when every word of the query appears in the text, ignoring case and diacritics. */
export function matchesSearch(text: string, query: string): boolean {
  const haystack = foldVietnamese(text);
  return foldVietnamese(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((word) => haystack.includes(word));
}
