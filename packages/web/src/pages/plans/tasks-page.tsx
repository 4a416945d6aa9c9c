import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Card, Form, Input, InputNumber, Segmented, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { listTasks, planKeys, type ListBucket, type TaskQuery, type TaskSort, type TaskSummary } from '../../api/plans';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { useUrlQuery } from '../../components/use-url-query';
import { taskColumns } from './task-columns';

const SCOPES = ['mine', 'unit', 'coordinating', 'all'] as const;
const BUCKETS: ListBucket[] = ['open', 'overdue', 'due_soon', 'due_this_week', 'in_time', 'done_on_time', 'done_late'];
const SORTS: TaskSort[] = ['dueOn', 'title', 'priority', 'progress', 'status', 'updatedAt'];

/** Filters, sort and page are the URL's, so a list (e.g. "my unit's overdue tasks") can be bookmarked. */
function readQuery(p: URLSearchParams): Required<Pick<TaskQuery, 'scope' | 'page' | 'pageSize' | 'sort' | 'order'>> & TaskQuery {
  const scope = p.get('scope') as TaskQuery['scope'];
  const bucket = p.get('bucket') as ListBucket | null;
  const sort = p.get('sort') as TaskSort | null;
  return {
    scope: scope && SCOPES.includes(scope as never) ? scope : 'mine',
    bucket: bucket && BUCKETS.includes(bucket) ? bucket : undefined,
    dueWithinDays: Number(p.get('dueWithinDays')) || undefined,
    planId: p.get('planId') ?? undefined,
    unitId: p.get('unitId') ?? undefined,
    year: Number(p.get('year')) || undefined,
    q: p.get('q') ?? undefined,
    sort: sort && SORTS.includes(sort) ? sort : 'dueOn',
    order: p.get('order') === 'desc' ? 'desc' : 'asc',
    page: Math.max(1, Number(p.get('page')) || 1),
    pageSize: Number(p.get('pageSize')) || 20,
  };
}

/** My tasks, my unit's, all in scope; overdue, due within N working days, by plan. */
export function TasksPage() {
  const { t } = useTranslation();
  const { query, update } = useUrlQuery(readQuery);
  const tasks = useQuery({ queryKey: planKeys.tasks(query), queryFn: () => listTasks(query), placeholderData: keepPreviousData });
  return (
    <>
      <PageHeader title={t('plans.tasks_title')} />
      <Card>
        <Segmented
          style={{ marginBottom: 16 }}
          value={query.scope}
          options={SCOPES.map((s) => ({ value: s, label: t(`plans.scope.${s}`) }))}
          onChange={(v) => update({ scope: v as TaskQuery['scope'], page: 1 })}
        />
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('common.search')} htmlFor="task-search">
            <Input.Search
              id="task-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('plans.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              style={{ width: 300 }}
            />
          </Form.Item>
          <Form.Item label={t('plans.bucket_label')} htmlFor="task-bucket">
            <Select
              id="task-bucket"
              allowClear
              style={{ width: 240 }}
              placeholder={t('plans.all')}
              value={query.bucket}
              options={BUCKETS.map((b) => ({ value: b, label: t(`plans.list_bucket.${b}`) }))}
              onChange={(bucket?: ListBucket) => update({ bucket, page: 1 })}
            />
          </Form.Item>
          {query.bucket === 'due_soon' ? (
            <Form.Item label={t('plans.due_within_days')} htmlFor="task-due-within">
              <InputNumber
                id="task-due-within"
                min={0}
                max={250}
                value={query.dueWithinDays ?? 3}
                onChange={(v) => update({ dueWithinDays: v ?? undefined, page: 1 })}
              />
            </Form.Item>
          ) : null}
          <Form.Item label={t('plans.year')} htmlFor="task-year">
            <InputNumber id="task-year" min={2000} max={2100} value={query.year} onChange={(v) => update({ year: v ?? undefined, page: 1 })} />
          </Form.Item>
        </Form>
        {tasks.isError ? <ErrorAlert error={tasks.error} onRetry={() => void tasks.refetch()} /> : null}
        <Table<TaskSummary>
          rowKey="id"
          loading={tasks.isFetching}
          dataSource={tasks.data?.items ?? []}
          columns={taskColumns(t, query.sort, query.order, { plan: true })}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          onChange={(p, _f, s) => {
            const one = Array.isArray(s) ? s[0] : s;
            const key = one?.order ? (one.columnKey as TaskSort) : 'dueOn';
            update({ page: p.current, pageSize: p.pageSize, sort: key, order: one?.order === 'descend' ? 'desc' : 'asc' });
          }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: tasks.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { count: n }),
          }}
        />
      </Card>
    </>
  );
}
