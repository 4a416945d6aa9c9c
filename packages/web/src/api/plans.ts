// The plans module's HTTP API (docs/plans.md): plans, tasks, their workflow, statistics and files.
import { fileNameFrom, postFile, request, send, withQuery } from './http';

export type PlanKind = 'annual' | 'conclusion' | 'thematic';
export type PlanStatus = 'draft' | 'issued' | 'closed';
export type TaskStatus = 'not_started' | 'in_progress' | 'awaiting_approval' | 'done' | 'done_late' | 'cancelled';
export type TaskBucket = 'done_on_time' | 'done_late' | 'in_time' | 'overdue';
export type ListBucket = TaskBucket | 'due_soon' | 'due_this_week' | 'open';
export type TaskPriority = 'low' | 'normal' | 'high';
export type TaskSort = 'dueOn' | 'title' | 'priority' | 'progress' | 'status' | 'updatedAt';

export interface BucketCounts {
  done_on_time: number;
  done_late: number;
  in_time: number;
  overdue: number;
}

export interface PlanSummary {
  id: string;
  unitId: string;
  unitName: string;
  year: number;
  kind: PlanKind;
  title: string;
  documentNumber: string | null;
  documentDate: string | null;
  signer: string | null;
  status: PlanStatus;
  issuedOn: string | null;
  closedOn: string | null;
  requiresApproval: boolean;
  taskCount: number;
  buckets: BucketCounts;
  timeliness: { dueOn: string; status: 'on_time' | 'late' | 'not_issued' | 'not_due' } | null;
  version: number;
  updatedAt: string;
  can: { manage: boolean; issue: boolean; close: boolean; delete: boolean; createTask: boolean };
}

export interface TaskSummary {
  id: string;
  planId: string;
  planTitle: string;
  planYear: number;
  parentId: string | null;
  seq: number;
  unitId: string;
  unitName: string;
  leadUserId: string | null;
  leadName: string | null;
  title: string;
  startOn: string | null;
  dueOn: string;
  dueWorkingDays: number | null;
  priority: TaskPriority;
  status: TaskStatus;
  progress: number;
  completedOn: string | null;
  bucket: TaskBucket | null;
  criteria: string[];
  version: number;
  updatedAt: string;
}

export interface TaskView extends TaskSummary {
  description: string | null;
  expectedOutput: string | null;
  coordinatingUnits: Array<{ id: string; name: string }>;
  submittedOn: string | null;
  completionNote: string | null;
  cancelReason: string | null;
  planStatus: PlanStatus;
  requiresApproval: boolean;
  subtasks: TaskSummary[];
  journal: Array<{
    id: string;
    kind: string;
    progress: number | null;
    note: string | null;
    attachments: Array<{ id: string; name: string }>;
    userName: string | null;
    at: string;
  }>;
  can: { update: boolean; edit: boolean; assign: boolean; complete: boolean; approve: boolean; cancel: boolean; delete: boolean; addSubtask: boolean };
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export interface PlanQuery {
  year?: number;
  kind?: PlanKind;
  status?: PlanStatus;
  q?: string;
  page?: number;
  pageSize?: number;
}

export interface TaskQuery {
  scope?: 'all' | 'mine' | 'unit' | 'coordinating';
  bucket?: ListBucket;
  dueWithinDays?: number;
  planId?: string;
  unitId?: string;
  status?: TaskStatus;
  year?: number;
  topLevel?: 'true' | 'false';
  q?: string;
  sort?: TaskSort;
  order?: 'asc' | 'desc';
  page?: number;
  pageSize?: number;
}

export interface StatisticsRow extends BucketCounts {
  id: string;
  name: string;
  total: number;
  completionRateBasisPoints: number | null;
}
export interface Statistics {
  from: string;
  to: string;
  asOf: string;
  total: StatisticsRow;
  byUnit: StatisticsRow[];
  byPlan: Array<StatisticsRow & { documentNumber: string | null; documentDate: string | null }>;
  overdueTasks: Array<{ id: string; title: string; unitName: string; dueOn: string; planTitle: string }>;
}

export interface CreatePlanInput {
  unitId: string;
  year: number;
  kind: PlanKind;
  title: string;
  documentNumber?: string | null;
  documentDate?: string | null;
  signer?: string | null;
  requiresApproval?: boolean;
}

export interface CreateTaskInput {
  planId: string;
  parentId?: string | null;
  title: string;
  description?: string | null;
  expectedOutput?: string | null;
  unitId: string;
  coordinatingUnitIds?: string[];
  startOn?: string | null;
  dueOn?: string;
  dueInWorkingDays?: number;
  criteria?: string[];
  priority?: TaskPriority;
  leadUserId?: string | null;
}

export const planKeys = {
  all: ['plans'] as const,
  list: (q: PlanQuery) => ['plans', 'list', q] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  tasks: (q: TaskQuery) => ['plans', 'tasks', q] as const,
  task: (id: string) => ['plans', 'task', id] as const,
  statistics: (q: object) => ['plans', 'statistics', q] as const,
  files: (kind: string, id: string) => ['plans', 'files', kind, id] as const,
};

const planPath = (id: string) => `/api/plans/${encodeURIComponent(id)}`;
const taskPath = (id: string) => `/api/tasks/${encodeURIComponent(id)}`;

export const listPlans = (q: PlanQuery) => request<Page<PlanSummary>>(withQuery('/api/plans', { ...q }));
export const getPlan = (id: string) => request<PlanSummary>(planPath(id));
export const createPlan = (input: CreatePlanInput) => request<PlanSummary>('/api/plans', { method: 'POST', body: input });
export const issuePlan = (id: string, version: number, issuedOn?: string) =>
  request<PlanSummary>(`${planPath(id)}/issue`, { method: 'POST', body: { version, issuedOn } });
export const closePlan = (id: string, version: number) => request<PlanSummary>(`${planPath(id)}/close`, { method: 'POST', body: { version } });
export const deletePlan = (id: string, version: number) => request<void>(withQuery(planPath(id), { version }), { method: 'DELETE' });

export const listTasks = (q: TaskQuery) => request<Page<TaskSummary>>(withQuery('/api/tasks', { ...q }));
export const getTask = (id: string) => request<TaskView>(taskPath(id));
export const createTask = (input: CreateTaskInput) => request<TaskView>('/api/tasks', { method: 'POST', body: input });
export interface UpdateTaskInput {
  version: number;
  title?: string;
  description?: string | null;
  expectedOutput?: string | null;
  unitId?: string;
  leadUserId?: string | null;
  coordinatingUnitIds?: string[];
  startOn?: string | null;
  dueOn?: string;
  criteria?: string[];
  priority?: TaskPriority;
}
export const updateTask = (id: string, input: UpdateTaskInput) => request<TaskView>(taskPath(id), { method: 'PATCH', body: input });
export const deleteTask = (id: string, version: number) => request<void>(withQuery(taskPath(id), { version }), { method: 'DELETE' });
export const assignTask = (id: string, version: number, leadUserId: string | null) =>
  request<TaskView>(`${taskPath(id)}/assign`, { method: 'POST', body: { version, leadUserId } });
export const reportProgress = (id: string, body: { version: number; progress: number; note?: string | null; attachmentIds: string[] }) =>
  request<TaskView>(`${taskPath(id)}/progress`, { method: 'POST', body });
export const completeTask = (id: string, body: { version: number; note?: string | null; attachmentIds: string[] }) =>
  request<TaskView>(`${taskPath(id)}/complete`, { method: 'POST', body });
export const approveTask = (id: string, version: number) => request<TaskView>(`${taskPath(id)}/approve`, { method: 'POST', body: { version } });
export const rejectTask = (id: string, version: number, note: string) =>
  request<TaskView>(`${taskPath(id)}/reject`, { method: 'POST', body: { version, note } });
export const cancelTask = (id: string, version: number, reason: string) =>
  request<TaskView>(`${taskPath(id)}/cancel`, { method: 'POST', body: { version, reason } });

export const taskStatistics = (q: { year?: number; from?: string; to?: string }) => request<Statistics>(withQuery('/api/tasks/statistics', { ...q }));

export interface FileInfo {
  id: string;
  name: string;
  size: number;
  contentType: string;
  createdAt: string;
}
export const listFiles = (ownerEntity: 'plan' | 'task', ownerId: string) => request<{ items: FileInfo[] }>(withQuery('/api/files', { ownerEntity, ownerId }));
export const uploadFile = (ownerEntity: 'plan' | 'task', ownerId: string, file: File) =>
  postFile<FileInfo>(withQuery('/api/files', { ownerEntity, ownerId }), file);
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;

async function download(path: string, fallback: string): Promise<{ blob: Blob; fileName: string }> {
  const res = await send(path);
  return { blob: await res.blob(), fileName: fileNameFrom(res, fallback) };
}
export const downloadPlanDocument = (id: string) => download(`${planPath(id)}/document`, 'ke-hoach.docx');
export const exportPlanTasks = (id: string) => download(`${planPath(id)}/tasks/export`, 'nhiem-vu.xlsx');
export const exportStatistics = (q: { year?: number; from?: string; to?: string }) =>
  download(withQuery('/api/tasks/statistics/export', { ...q }), 'thong-ke-nhiem-vu.xlsx');
export const importTasks = (planId: string, file: File) => postFile<{ created: number }>(withQuery('/api/tasks/import', { planId }), file);

/** Users who may lead a task of a unit: those holding a role on it (the server checks again). */
export const listUnitUsers = (unitId: string) =>
  request<Page<{ id: string; fullName: string; username: string }>>(withQuery('/api/users', { unitId, pageSize: 100 }));

export interface PlanSettings {
  unitId: string;
  year: number;
  annualPlanDueOn: string;
  isDefault: boolean;
  version: number;
}
export const getPlanSettings = (unitId: string, year: number) => request<PlanSettings>(withQuery('/api/plan-settings', { unitId, year }));
export const putPlanSettings = (body: { unitId: string; year: number; annualPlanDueOn: string; version: number }) =>
  request<PlanSettings>('/api/plan-settings', { method: 'PUT', body });
