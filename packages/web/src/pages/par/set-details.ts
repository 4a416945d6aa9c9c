import type { ParBand } from '../../api/par-types';

/** A classification band as the form edits it: the threshold as a percent (90,00 %) instead of basis points. */
export interface BandValues {
  code: string;
  label: string;
  minPercent: number;
  minInclusive: boolean;
}

/** 9000 basis points → 90 (%). */
export const bandsToForm = (bands: readonly ParBand[]): BandValues[] =>
  bands.map((b) => ({ code: b.code, label: b.label, minPercent: b.min / 100, minInclusive: b.minInclusive }));

/** The form's bands back to the API, highest threshold first; 89,995 % would be 8999,5 basis points, so round. */
export const bandsFromForm = (bands: readonly BandValues[] | undefined): ParBand[] =>
  (bands ?? [])
    .map((b) => ({ code: b.code.trim(), label: b.label.trim(), min: Math.round(b.minPercent * 100), minInclusive: b.minInclusive }))
    .sort((a, b) => b.min - a.min);
