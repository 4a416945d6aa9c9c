// The plans module's HTTP API (docs/plans.md): plans, tasks, their workflow, statistics and files.
import type { ApiBody, ApiQuery, ApiResponse } from './contract';
import { call, download, upload, type DownloadedFile } from './http';
import type { Page } from './types';

export type PlanSummary = ApiResponse<'/api/plans/{id}'>;
export type PlanKind = PlanSummary['kind'];
export type PlanStatus = PlanSummary['status'];
export type BucketCounts = PlanSummary['buckets'];
export type TaskSummary = ApiResponse<'/api/tasks'>['items'][number];
export type TaskView = ApiResponse<'/api/tasks/{id}'>;
export type TaskStatus = TaskSummary['status'];
export type TaskBucket = NonNullable<TaskSummary['bucket']>;
export type TaskPriority = TaskSummary['priority'];

export type { Page } from './types';

export type PlanQuery = ApiQuery<'/api/plans'>;
export type TaskQuery = ApiQuery<'/api/tasks'>;
export type ListBucket = NonNullable<TaskQuery['bucket']>;
export type TaskSort = NonNullable<TaskQuery['sort']>;

export type Statistics = ApiResponse<'/api/tasks/statistics'>;
export type StatisticsRow = Statistics['total'];

export type CreatePlanInput = ApiBody<'/api/plans', 'post'>;
export type CreateTaskInput = ApiBody<'/api/tasks', 'post'>;
export type UpdateTaskInput = ApiBody<'/api/tasks/{id}', 'patch'>;
export type FileInfo = ApiResponse<'/api/files'>['items'][number];
export type PlanSettings = ApiResponse<'/api/plan-settings'>;

export const planKeys = {
  all: ['plans'] as const,
  list: (q: PlanQuery) => ['plans', 'list', q] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  tasks: (q: TaskQuery) => ['plans', 'tasks', q] as const,
  task: (id: string) => ['plans', 'task', id] as const,
  statistics: (q: object) => ['plans', 'statistics', q] as const,
  files: (kind: string, id: string) => ['plans', 'files', kind, id] as const,
};

export const listPlans = (q: PlanQuery): Promise<Page<PlanSummary>> => call('get', '/api/plans', { query: q });
export const getPlan = (id: string): Promise<PlanSummary> => call('get', '/api/plans/{id}', { params: { id } });
export const createPlan = (input: CreatePlanInput): Promise<PlanSummary> => call('post', '/api/plans', { body: input });
export const issuePlan = (id: string, version: number, issuedOn?: string): Promise<PlanSummary> =>
  call('post', '/api/plans/{id}/issue', { params: { id }, body: { version, issuedOn } });
export const closePlan = (id: string, version: number): Promise<PlanSummary> => call('post', '/api/plans/{id}/close', { params: { id }, body: { version } });
export const deletePlan = (id: string, version: number): Promise<void> => call('delete', '/api/plans/{id}', { params: { id }, query: { version } });

export const listTasks = (q: TaskQuery): Promise<Page<TaskSummary>> => call('get', '/api/tasks', { query: q });
export const getTask = (id: string): Promise<TaskView> => call('get', '/api/tasks/{id}', { params: { id } });
export const createTask = (input: CreateTaskInput): Promise<TaskView> => call('post', '/api/tasks', { body: input });
export const updateTask = (id: string, input: UpdateTaskInput): Promise<TaskView> => call('patch', '/api/tasks/{id}', { params: { id }, body: input });
export const deleteTask = (id: string, version: number): Promise<void> => call('delete', '/api/tasks/{id}', { params: { id }, query: { version } });
export const assignTask = (id: string, version: number, leadUserId: string | null): Promise<TaskView> =>
  call('post', '/api/tasks/{id}/assign', { params: { id }, body: { version, leadUserId } });
export const reportProgress = (id: string, body: ApiBody<'/api/tasks/{id}/progress', 'post'>): Promise<TaskView> =>
  call('post', '/api/tasks/{id}/progress', { params: { id }, body });
export const completeTask = (id: string, body: ApiBody<'/api/tasks/{id}/complete', 'post'>): Promise<TaskView> =>
  call('post', '/api/tasks/{id}/complete', { params: { id }, body });
export const approveTask = (id: string, version: number): Promise<TaskView> => call('post', '/api/tasks/{id}/approve', { params: { id }, body: { version } });
export const rejectTask = (id: string, version: number, note: string): Promise<TaskView> =>
  call('post', '/api/tasks/{id}/reject', { params: { id }, body: { version, note } });
export const cancelTask = (id: string, version: number, reason: string): Promise<TaskView> =>
  call('post', '/api/tasks/{id}/cancel', { params: { id }, body: { version, reason } });

export const taskStatistics = (q: ApiQuery<'/api/tasks/statistics'>): Promise<Statistics> => call('get', '/api/tasks/statistics', { query: q });

export const listFiles = (ownerEntity: 'plan' | 'task', ownerId: string): Promise<{ items: FileInfo[] }> =>
  call('get', '/api/files', { query: { ownerEntity, ownerId } });
export const uploadFile = (ownerEntity: 'plan' | 'task', ownerId: string, file: File): Promise<FileInfo> =>
  upload('/api/files', { query: { ownerEntity, ownerId } }, file);
export const fileUrl = (id: string) => `/api/files/${encodeURIComponent(id)}`;

export const downloadPlanDocument = (id: string): Promise<DownloadedFile> => download('get', '/api/plans/{id}/document', { params: { id } }, 'ke-hoach.docx');
export const exportPlanTasks = (id: string): Promise<DownloadedFile> => download('get', '/api/plans/{id}/tasks/export', { params: { id } }, 'nhiem-vu.xlsx');
export const exportStatistics = (q: ApiQuery<'/api/tasks/statistics/export'>): Promise<DownloadedFile> =>
  download('get', '/api/tasks/statistics/export', { query: q }, 'thong-ke-nhiem-vu.xlsx');
export const importTasks = (planId: string, file: File) => upload('/api/tasks/import', { query: { planId } }, file);

/** Users who may lead a task of a unit: those holding a role on it (the server checks again). */
export const listUnitUsers = (unitId: string): Promise<Page<{ id: string; fullName: string; username: string }>> =>
  call('get', '/api/users', { query: { unitId, pageSize: 100 } });

export const getPlanSettings = (unitId: string, year: number): Promise<PlanSettings> => call('get', '/api/plan-settings', { query: { unitId, year } });
export const putPlanSettings = (body: ApiBody<'/api/plan-settings', 'put'>): Promise<PlanSettings> => call('put', '/api/plan-settings', { body });
