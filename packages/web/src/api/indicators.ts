import type { ApiBody, ApiQuery, ApiResponse } from './contract';
import { call, download, withQuery, type DownloadedFile } from './http';

// The QĐ 766 indicators API (docs/domain/qd766.md), typed from the server's response schemas.

export type Qd766View = ApiResponse<'/api/indicators/766'>;
export type GroupView = Qd766View['groups'][number];
export type IndicatorView = GroupView['indicators'][number];
export type LocalText = IndicatorView['name'];
export type Drill = NonNullable<IndicatorView['drill']['numerator']>;
export type PeriodQuery = ApiQuery<'/api/indicators/766'>;
export type TrendView = ApiResponse<'/api/indicators/766/trend'>;
export type BreakdownView = ApiResponse<'/api/indicators/766/breakdown'>;
export type BreakdownBy = BreakdownView['by'];
export type EntryView = ApiResponse<'/api/indicators/766/entries/{id}', 'patch'>;
export type EntryInput = ApiBody<'/api/indicators/766/entries', 'post'>;

export const indicatorKeys = {
  all: ['indicators'] as const,
  report: (q: PeriodQuery) => ['indicators', 'report', q] as const,
  trend: (q: PeriodQuery) => ['indicators', 'trend', q] as const,
  breakdown: (q: PeriodQuery, by: BreakdownBy) => ['indicators', 'breakdown', q, by] as const,
  entries: (q: PeriodQuery) => ['indicators', 'entries', q] as const,
};

export const getQd766 = (q: PeriodQuery): Promise<Qd766View> => call('get', '/api/indicators/766', { query: q });
export const getQd766Trend = (q: PeriodQuery): Promise<TrendView> => call('get', '/api/indicators/766/trend', { query: q });
export const getQd766Breakdown = (q: PeriodQuery, by: BreakdownBy): Promise<BreakdownView> =>
  call('get', '/api/indicators/766/breakdown', { query: { ...q, by } });
export const listEntries = (q: PeriodQuery): Promise<{ items: EntryView[] }> => call('get', '/api/indicators/766/entries', { query: q });
export const createEntry = (body: EntryInput): Promise<EntryView> => call('post', '/api/indicators/766/entries', { body });
export const updateEntry = (id: string, body: ApiBody<'/api/indicators/766/entries/{id}', 'patch'>): Promise<EntryView> =>
  call('patch', '/api/indicators/766/entries/{id}', { params: { id }, body });
export const deleteEntry = (id: string, version: number): Promise<void> =>
  call('delete', '/api/indicators/766/entries/{id}', { params: { id }, query: { version } });

export const exportQd766 = (q: PeriodQuery): Promise<DownloadedFile> => download('get', '/api/indicators/766/export', { query: q }, 'chi-so-766.xlsx');

/** The dossier list URL that shows the dossiers behind a figure. */
export function drillHref(d: Drill): string {
  return withQuery('/dossiers', { ...d });
}
