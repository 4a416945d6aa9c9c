import { DomainInputError } from '../values';

/** How tied agencies are ranked: competition "1, 2, 2, 4" (default, docs/domain/par-index.md#percent-bands-and-ranking) or dense "1, 2, 2, 3". */
export type TieRule = 'competition' | 'dense';

export interface RankingEntry {
  readonly agencyId: string;
  readonly indexBasisPoints: number;
  /** Some bodies are published but not ranked (nationally, the Government Inspectorate). */
  readonly ranked: boolean;
}

export interface RankedAgency extends RankingEntry {
  /** 1-based rank within the group; `null` for an unranked entry. */
  readonly rank: number | null;
  /** Number of ranked entries, stored with the rank ("7/25"). */
  readonly groupSize: number;
}

/**
 * Ranks a group by descending index; equal indexes share a rank. Ranked entries come first, then unranked
 * ones (rank `null`); within each, by index descending and agency id, so the result does not depend on
 * the input order.
 * @throws DomainInputError('ranking.duplicate_agency'), ('ranking.index_invalid') for a non-integer index.
 * @example rankAgencies([{ agencyId: 'a', indexBasisPoints: 8690, ranked: true },
 *   { agencyId: 'b', indexBasisPoints: 8690, ranked: true }, { agencyId: 'c', indexBasisPoints: 8680, ranked: true }])
 *   .map((r) => r.rank) // [1, 1, 3]
 */
export function rankAgencies(entries: readonly RankingEntry[], tieRule: TieRule = 'competition'): RankedAgency[] {
  const seen = new Set<string>();
  for (const e of entries) {
    if (seen.has(e.agencyId)) throw new DomainInputError('ranking.duplicate_agency', { agencyId: e.agencyId });
    seen.add(e.agencyId);
    if (!Number.isSafeInteger(e.indexBasisPoints)) {
      throw new DomainInputError('ranking.index_invalid', { agencyId: e.agencyId, value: e.indexBasisPoints });
    }
  }
  const sorted = [...entries].sort(
    (a, b) =>
      Number(b.ranked) - Number(a.ranked) || b.indexBasisPoints - a.indexBasisPoints || (a.agencyId < b.agencyId ? -1 : a.agencyId > b.agencyId ? 1 : 0),
  );
  const rankedIndexes = sorted.filter((e) => e.ranked).map((e) => e.indexBasisPoints);
  const groupSize = rankedIndexes.length;
  return sorted.map((e) => {
    if (!e.ranked) return { ...e, rank: null, groupSize };
    const higher = rankedIndexes.filter((i) => i > e.indexBasisPoints);
    const rank = tieRule === 'dense' ? new Set(higher).size + 1 : higher.length + 1;
    return { ...e, rank, groupSize };
  });
}

/** A classification band: index ≥ min (or > min when not inclusive). Bands are data (docs/domain/par-index.md#percent-bands-and-ranking). */
export interface ClassificationBand {
  readonly code: string;
  readonly label: string;
  readonly min: number;
  readonly minInclusive: boolean;
}

/**
 * The band an index falls in: the highest band whose lower bound it meets; `null` below every band.
 * With national 2024 bands (A ≥ 90 %, B 80–< 90 %), 8999 is B and 7000 is in none.
 * @throws DomainInputError('ranking.band_duplicate') for two bands with the same code or the same bound.
 * @example classifyBand(9000, [{ code: 'A', label: 'A', min: 9000, minInclusive: true },
 *   { code: 'B', label: 'B', min: 8000, minInclusive: true }])?.code // 'A'
 */
export function classifyBand<B extends ClassificationBand>(indexBasisPoints: number, bands: readonly B[]): B | null {
  const codes = new Set<string>();
  const bounds = new Set<string>();
  for (const b of bands) {
    const bound = `${b.min}:${b.minInclusive}`;
    if (codes.has(b.code) || bounds.has(bound)) throw new DomainInputError('ranking.band_duplicate', { code: b.code });
    codes.add(b.code);
    bounds.add(bound);
  }
  // Highest bound first; at an equal bound the exclusive band (> min) is the stricter one.
  const ordered = [...bands].sort((a, b) => b.min - a.min || Number(a.minInclusive) - Number(b.minInclusive));
  return ordered.find((b) => indexBasisPoints > b.min || (b.minInclusive && indexBasisPoints === b.min)) ?? null;
}
