import { fileNameFrom, send, request, withQuery } from './http';
import type { AuditEntry, AuditQuery, Page } from './types';

export const auditKeys = {
  all: ['audit'] as const,
  list: (query: AuditQuery) => ['audit', 'list', query] as const,
};

export const listAudit = (query: AuditQuery): Promise<Page<AuditEntry>> => request<Page<AuditEntry>>(withQuery('/api/audit', { ...query }));

/** Downloads the Excel export for the same filters (paging is ignored by the server). */
export async function exportAudit(query: AuditQuery): Promise<{ blob: Blob; fileName: string }> {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  const res = await send(withQuery('/api/audit/export', { ...filters }));
  return { blob: await res.blob(), fileName: fileNameFrom(res, 'audit.xlsx') };
}
