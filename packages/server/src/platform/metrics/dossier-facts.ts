import type { IndicatorFigures } from '@cchc/domain';
import type { Db } from '../db/database';

// What the QĐ 766 indicators need from the dossier module (docs/domain/qd766.md#what-cchc-computes), as an
// interface app.ts passes in: the indicators module never reads the dossiers table itself, and the dossier
// module counts in SQL (modules/dossiers/dossier-indicators.ts).

/** Units (a unit and those below it that the actor covers) and a period of local days, inclusive. */
export interface FactsScope {
  unitIds: readonly string[];
  from: string;
  to: string;
}

export const FACTS_BREAKDOWNS = ['unit', 'procedure', 'sector'] as const;
export type FactsBreakdown = (typeof FACTS_BREAKDOWNS)[number];

/** One line of a breakdown: the computed dossier indicators of one unit, procedure or sector. */
export interface FactsLine {
  key: string;
  name: string;
  /** The procedure's catalogue id, for the dossier list's `procedureId` filter (procedure lines only). */
  procedureId: string | null;
  figures: Map<string, IndicatorFigures>;
}

export interface DossierFactsSource {
  /** The figures of every computed indicator code (COMPUTED_INDICATOR_CODES) for the scope and period. */
  figures(db: Db, scope: FactsScope): Promise<Map<string, IndicatorFigures>>;
  /** The dossier-counted indicators per unit (directly under `rootUnitId`), procedure or sector. */
  breakdown(db: Db, scope: FactsScope & { rootUnitId: string }, by: FactsBreakdown): Promise<FactsLine[]>;
}
