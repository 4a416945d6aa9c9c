import { request } from './http';

// GET /api/overview (docs/overview.md): each tile is the total of the list it opens.
export interface UnitCounts {
  unitId: string;
  unitName: string;
}
export interface Overview {
  asOf: string;
  dossiers: {
    open: number;
    overdue: number;
    dueToday: number;
    almostDue: number;
    byUnit: Array<UnitCounts & { open: number; overdue: number; dueToday: number; almostDue: number }>;
    onTimeByMonth: Array<{ month: number; completed: number; onTime: number }>;
  } | null;
  tasks: { overdue: number; dueThisWeek: number; byUnit: Array<UnitCounts & { overdue: number; dueThisWeek: number }> } | null;
  reports: { due: number; late: number; byUnit: Array<UnitCounts & { due: number; late: number }> } | null;
  par: { year: number; projected: number | null; atRisk: number; unknown: number; lastYear: number | null } | null;
}

export const getOverview = (): Promise<Overview> => request<Overview>('/api/overview');
export const overviewKey = ['overview'] as const;
