import { fileNameFrom, request, send, withQuery } from './http';

// The QĐ 766 indicators API (docs/domain/qd766.md). Types mirror the server's response schemas
// (packages/server/src/modules/indicators/indicator.schemas.ts).

export interface LocalText {
  vi: string;
  en: string;
}
export interface Drill {
  queue: string;
  from?: string;
  to?: string;
  channel?: string;
  procedureId?: string;
}
export interface IndicatorView {
  code: string;
  numerator: number;
  denominator: number;
  points: number;
  max: number;
  pointsHundredths: number;
  maxHundredths: number;
  name: LocalText;
  formula: LocalText;
  numeratorLabel: LocalText;
  denominatorLabel: LocalText;
  source: 'computed' | 'entered';
  unit: 'percent' | 'hours';
  hasData: boolean;
  valueHundredths: number | null;
  reference: number | null;
  factorBp: number | null;
  fullAtBp: number | null;
  targetBp: number | null;
  meetsTarget: boolean | null;
  entries: number | null;
  drill: { numerator: Drill | null; denominator: Drill | null };
}
export interface GroupView {
  group: number;
  name: LocalText;
  points: number;
  max: number;
  pointsHundredths: number;
  maxHundredths: number;
  indicators: IndicatorView[];
}
export interface Qd766View {
  unitId: string;
  unitName: string;
  from: string;
  to: string;
  set: { id: string; key: string; title: string; effectiveFrom: string };
  total: number;
  max: number;
  totalHundredths: number;
  maxHundredths: number;
  groups: GroupView[];
  can: { enter: boolean; manage: boolean };
}
export interface PeriodQuery {
  unitId: string;
  from: string;
  to: string;
}
export interface TrendView {
  months: Array<{
    month: string;
    from: string;
    to: string;
    totalHundredths: number;
    groups: Array<{ group: number; pointsHundredths: number }>;
    values: Record<string, number>;
  }>;
}
export type BreakdownBy = 'unit' | 'procedure' | 'sector';
export interface BreakdownView {
  by: BreakdownBy;
  codes: string[];
  lines: Array<{
    key: string;
    name: string;
    indicators: Array<{
      code: string;
      numerator: number;
      denominator: number;
      valueHundredths: number | null;
      pointsHundredths: number;
      maxHundredths: number;
    }>;
    drill: Drill | null;
  }>;
}
export interface EntryView {
  id: string;
  unitId: string;
  unitName: string;
  code: string;
  periodFrom: string;
  periodTo: string;
  numerator: number;
  denominator: number;
  note: string | null;
  enteredBy: string | null;
  enteredByName: string | null;
  version: number;
  updatedAt: string;
  can: { update: boolean };
}
export interface EntryInput {
  unitId: string;
  code: string;
  periodFrom: string;
  periodTo: string;
  numerator: number;
  denominator: number;
  note?: string | null;
}

export const indicatorKeys = {
  all: ['indicators'] as const,
  report: (q: PeriodQuery) => ['indicators', 'report', q] as const,
  trend: (q: PeriodQuery) => ['indicators', 'trend', q] as const,
  breakdown: (q: PeriodQuery, by: BreakdownBy) => ['indicators', 'breakdown', q, by] as const,
  entries: (q: PeriodQuery) => ['indicators', 'entries', q] as const,
};

export const getQd766 = (q: PeriodQuery) => request<Qd766View>(withQuery('/api/indicators/766', { ...q }));
export const getQd766Trend = (q: PeriodQuery) => request<TrendView>(withQuery('/api/indicators/766/trend', { ...q }));
export const getQd766Breakdown = (q: PeriodQuery, by: BreakdownBy) => request<BreakdownView>(withQuery('/api/indicators/766/breakdown', { ...q, by }));
export const listEntries = (q: PeriodQuery) => request<{ items: EntryView[] }>(withQuery('/api/indicators/766/entries', { ...q }));
export const createEntry = (body: EntryInput) => request<EntryView>('/api/indicators/766/entries', { method: 'POST', body });
export const updateEntry = (id: string, body: { version: number; numerator: number; denominator: number; note?: string | null }) =>
  request<EntryView>(`/api/indicators/766/entries/${id}`, { method: 'PATCH', body });
export const deleteEntry = (id: string, version: number) => request<void>(withQuery(`/api/indicators/766/entries/${id}`, { version }), { method: 'DELETE' });

export async function exportQd766(q: PeriodQuery): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(withQuery('/api/indicators/766/export', { ...q }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'chi-so-766.xlsx') };
}

/** The dossier list URL that shows the dossiers behind a figure. */
export function drillHref(d: Drill): string {
  return withQuery('/dossiers', { ...d });
}
