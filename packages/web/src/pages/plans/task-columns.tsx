import { Flex, Progress } from 'antd';
import type { TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { TaskSort, TaskSummary } from '../../api/plans';
import { formatDate } from '../../format';
import { BucketTag, TaskStatusTag } from './plan-tags';

/** The task table's columns; sortable ones carry the server's sort key. */
export function taskColumns(t: TFunction, sort?: TaskSort, order?: 'asc' | 'desc', opts: { plan?: boolean } = {}): TableColumnsType<TaskSummary> {
  const sorted = (key: TaskSort) => (sort === key ? (order === 'desc' ? 'descend' : 'ascend') : null);
  const cols: TableColumnsType<TaskSummary> = [
    {
      key: 'title',
      title: t('plans.task.title'),
      sorter: true,
      sortOrder: sorted('title'),
      render: (_, r) => (
        <span style={{ paddingLeft: r.parentId ? 20 : 0 }}>
          <Link to={`/plans/tasks/${r.id}`}>{r.title}</Link>
        </span>
      ),
    },
    { key: 'unit', title: t('plans.task.unit'), width: 170, render: (_, r) => r.unitName },
    { key: 'lead', title: t('plans.task.lead'), width: 140, render: (_, r) => r.leadName ?? '—' },
    { key: 'dueOn', title: t('plans.task.due_on'), width: 110, sorter: true, sortOrder: sorted('dueOn'), render: (_, r) => formatDate(r.dueOn) },
    {
      key: 'progress',
      title: t('plans.task.progress'),
      width: 120,
      sorter: true,
      sortOrder: sorted('progress'),
      render: (_, r) => <Progress percent={r.progress} size="small" />,
    },
    {
      key: 'status',
      title: t('plans.task.status'),
      width: 190,
      sorter: true,
      sortOrder: sorted('status'),
      render: (_, r) => (
        <Flex vertical gap={4} align="start">
          <TaskStatusTag status={r.status} />
          <BucketTag bucket={r.bucket} />
        </Flex>
      ),
    },
  ];
  // Across plans the assigning document replaces the lead person, so the table fits beside the sidebar.
  if (opts.plan)
    return cols.map((c) =>
      c.key === 'lead'
        ? {
            key: 'plan',
            title: t('plans.task.plan'),
            width: 180,
            ellipsis: true,
            render: (_: unknown, r: TaskSummary) => <Link to={`/plans/${r.planId}`}>{r.planTitle}</Link>,
          }
        : c,
    );
  return cols;
}
