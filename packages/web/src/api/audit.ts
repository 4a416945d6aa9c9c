import type { ApiQuery } from './contract';
import { call, download, type DownloadedFile } from './http';
import type { AuditEntry, AuditQuery, Page } from './types';

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

// The form types entity and action as free text (AuditQuery); the server refuses an unknown one with 400.
const filters = (query: AuditQuery) => query as ApiQuery<'/api/audit'>;

export const listAudit = (query: AuditQuery): Promise<Page<AuditEntry>> => call('get', '/api/audit', { query: filters(query) });

/** Downloads the Excel export for the same filters (paging is ignored by the server). */
export function exportAudit(query: AuditQuery): Promise<DownloadedFile> {
  const { page: _page, pageSize: _pageSize, ...rest } = query;
  return download('get', '/api/audit/export', { query: filters(rest) }, 'audit.xlsx');
}
