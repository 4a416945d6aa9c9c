export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    /** The fields a 400 names (path and code each). */
    readonly fields: Array<{ path: string; code: string }> = [],
  ) {
    super(code);
  }
}

export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await res.text();
  const data = text ? (JSON.parse(text) as unknown) : undefined;
  const problem = data as { code?: string; errors?: Array<{ path: string; code: string }> } | undefined;
  if (!res.ok) throw new ApiError(res.status, problem?.code ?? String(res.status), problem?.errors ?? []);
  return data as T;
}

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  sector: { code: string; name: string };
  agencyName: string;
  timeLimit: { value: number; unit: 'working_days' | 'calendar_days' | 'working_hours' | 'same_day' };
  channels: Array<'counter' | 'online' | 'post'>;
  onlineLevel: 'full' | 'partial' | 'none';
}
export interface ProcedureDetail extends ProcedureSummary {
  level: 'ministry' | 'province' | 'commune' | null;
  fees: Array<{ name: string; amountVnd: number; note: string | null }>;
  components: Array<{ name: string; kind: 'original' | 'certified_copy' | 'copy' | 'original_or_copy'; quantity: number; mandatory: boolean }>;
  resultType: 'paper' | 'electronic' | 'both';
  resultName: string;
  legalBasis: string;
  applicants: string;
}
export interface PublicDossier {
  code: string;
  status: string;
  procedureName?: string;
  receivedAt?: string | null;
  dueDate?: string | null;
  dueAt?: string | null;
  returnedAt?: string | null;
  missing?: Array<string | { name: string }>;
  /** `action` is the domain's action code (translated here), `name` the procedure step a hand-over completed. */
  timeline?: Array<{ at: string; action?: string; status?: string; step?: string; name?: string; unitName?: string; note?: string | null }>;
  canRate?: boolean;
  /** The desk's request to complete an online filing before receipt, while it waits for the filer. */
  completion?: { requestedAt: string; reason: string; items: string[] } | null;
  /** The recorded result; the file is downloadable (by code and PIN) only for an electronic result. */
  result?: { kind: string; number: string; date: string; electronic: boolean; downloadable: boolean } | null;
}

/** Uploads one component file for an online filing (multipart field "file"); the fileId goes with the submission. */
export async function uploadFile(file: File): Promise<{ fileId: string; name: string }> {
  const body = new FormData();
  body.append('file', file);
  const res = await fetch('/api/public/uploads', { method: 'POST', body });
  const data = (await res.json().catch(() => ({}))) as { fileId: string; name: string; code?: string };
  if (!res.ok) throw new ApiError(res.status, data.code ?? String(res.status));
  return data;
}

/** "50.000 đ" */
export const vnd = (n: number): string => `${String(Math.round(n)).replace(/\B(?=(\d{3})+(?!\d))/g, '.')} đ`;

/** dd/MM/yyyy HH:mm of an instant, at UTC+7 (timeline entries). */
export function ddmmyyyyhhmm(s: string): string {
  const d = new Date(new Date(s).getTime() + 7 * 3600_000);
  return `${ddmmyyyy(s)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

/** dd/MM/yyyy of a local date or an instant, at UTC+7. */
export function ddmmyyyy(s: string | null | undefined): string {
  if (!s) return '–';
  const d = /^\d{4}-\d{2}-\d{2}$/.test(s) ? new Date(`${s}T00:00:00Z`) : new Date(new Date(s).getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}
