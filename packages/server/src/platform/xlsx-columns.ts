import { foldVietnamese } from '@cchc/domain';
import { ValidationError } from './errors';
import type { TableCell } from './xlsx-table';

// Finding an import sheet's columns by their header (docs/architecture.md § Imports): case and Vietnamese
// diacritics are ignored, the first matching column wins, and a missing required column is reported on row 1
// with the header it needs, before any row is checked.

export interface SheetColumn<K extends string> {
  key: K;
  header: string;
  required: boolean;
}

/** A cell as trimmed text ('' when empty); a date cell as YYYY-MM-DD. */
export const cellText = (v: TableCell | undefined): string => (v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v).trim());

/** The column letter of a zero-based index (A–Z: import sheets are at most 26 columns wide). */
export const columnLetter = (index: number): string => String.fromCharCode(65 + index);

/** Each column's zero-based index in the header row; 400 `import.invalid` listing every missing required column. */
export function columnsByHeader<K extends string>(header: readonly TableCell[], columns: ReadonlyArray<SheetColumn<K>>): Map<K, number> {
  const columnOf = new Map<K, number>();
  header.forEach((h, i) => {
    const c = columns.find((x) => foldVietnamese(x.header) === foldVietnamese(cellText(h)));
    if (c && !columnOf.has(c.key)) columnOf.set(c.key, i);
  });
  const missing = columns.filter((c) => c.required && !columnOf.has(c.key));
  if (missing.length)
    throw new ValidationError(
      'import.invalid',
      missing.map((c) => ({ path: `file.${c.key}`, row: 1, column: c.header, code: 'import.missing_column' })),
    );
  return columnOf;
}
