import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Popconfirm, Progress, Space, Table, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { approveTask, deleteTask, fileUrl, getTask, planKeys, type TaskView } from '../../api/plans';
import { DetailQueryState } from '../../components/detail-query-state';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../errors';
import { formatDate, formatInstant } from '../../format';
import { BucketTag, TaskStatusTag } from './plan-tags';
import { TaskActionModal, type TaskAction } from './task-actions';
import { taskColumns } from './task-columns';

/** A task: what, who, when, its sub-tasks, its journal, and the actions the server says the user may take. */
export function TaskDetailPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const task = useQuery({ queryKey: planKeys.task(id), queryFn: () => getTask(id) });
  const back = <Link to="/plans/tasks">{t('plans.back_to_tasks')}</Link>;
  if (!task.data) return <DetailQueryState query={task} title={t('plans.tasks_title')} back={back} />;
  return <TaskDetail task={task.data} back={back} />;
}

function TaskDetail({ task, back }: { task: TaskView; back: React.ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [action, setAction] = useState<TaskAction | null>(null);
  const fail = (e: unknown) => message.error(errorMessage(e));
  const approve = useMutation({
    mutationFn: () => approveTask(task.id, task.version),
    onSuccess: () => client.invalidateQueries({ queryKey: planKeys.all }),
    onError: fail,
  });
  const remove = useMutation({
    mutationFn: () => deleteTask(task.id, task.version),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: planKeys.all });
      void navigate(`/plans/${task.planId}`);
    },
    onError: fail,
  });
  const c = task.can;
  return (
    <>
      {back}
      <PageHeader
        title={task.title}
        extra={
          <Space wrap>
            {c.edit ? (
              <Button icon={<EditOutlined />} onClick={() => void navigate(`/plans/tasks/${task.id}/edit`)}>
                {t('plans.action.edit')}
              </Button>
            ) : null}
            {c.assign ? <Button onClick={() => setAction('assign')}>{t('plans.action.assign')}</Button> : null}
            {c.update ? <Button onClick={() => setAction('progress')}>{t('plans.action.progress')}</Button> : null}
            {c.complete ? (
              <Button type="primary" onClick={() => setAction('complete')}>
                {t('plans.action.complete')}
              </Button>
            ) : null}
            {c.approve ? (
              <Popconfirm title={t('plans.confirm_approve')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => approve.mutate()}>
                <Button type="primary" loading={approve.isPending}>
                  {t('plans.action.approve')}
                </Button>
              </Popconfirm>
            ) : null}
            {c.approve ? <Button onClick={() => setAction('reject')}>{t('plans.action.reject')}</Button> : null}
            {c.addSubtask ? (
              <Button icon={<PlusOutlined />} onClick={() => void navigate(`/plans/tasks/new?planId=${task.planId}&parentId=${task.id}&unit=${task.unitId}`)}>
                {t('plans.add_subtask')}
              </Button>
            ) : null}
            {c.cancel ? (
              <Button danger onClick={() => setAction('cancel')}>
                {t('plans.action.cancel')}
              </Button>
            ) : null}
            {c.delete ? (
              <Popconfirm
                title={t('plans.confirm_delete_task')}
                okText={t('common.delete')}
                okButtonProps={{ danger: true }}
                cancelText={t('common.cancel')}
                onConfirm={() => remove.mutate()}
              >
                <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
                  {t('common.delete')}
                </Button>
              </Popconfirm>
            ) : null}
          </Space>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('plans.task.plan')}>
            <Link to={`/plans/${task.planId}`}>{task.planTitle}</Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.task.unit')}>{task.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.lead')}>{task.leadName ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.coordinating')}>{task.coordinatingUnits.map((u) => u.name).join('; ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.start_on')}>{formatDate(task.startOn)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.due_on')}>{formatDate(task.dueOn)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.status')}>
            <TaskStatusTag status={task.status} /> <BucketTag bucket={task.bucket} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.task.progress')}>
            <Progress percent={task.progress} size="small" style={{ width: 160 }} />
          </Descriptions.Item>
          <Descriptions.Item label={t('plans.task.priority')}>{t(`plans.priority.${task.priority}`)}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.criteria')}>{task.criteria.join(', ') || '—'}</Descriptions.Item>
          <Descriptions.Item label={t('plans.task.expected_output')}>{task.expectedOutput ?? '—'}</Descriptions.Item>
          {task.completedOn ? <Descriptions.Item label={t('plans.task.completed_on')}>{formatDate(task.completedOn)}</Descriptions.Item> : null}
          {task.cancelReason ? <Descriptions.Item label={t('plans.task.cancel_reason')}>{task.cancelReason}</Descriptions.Item> : null}
          {task.description ? (
            <Descriptions.Item label={t('plans.task.description')} span={3}>
              {task.description}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
      </Card>
      {task.subtasks.length ? (
        <Card title={t('plans.subtasks')} style={{ marginBottom: 16 }}>
          <Table rowKey="id" size="small" dataSource={task.subtasks} columns={taskColumns(t)} pagination={false} scroll={{ x: 1000 }} />
        </Card>
      ) : null}
      <Card title={t('plans.journal')}>
        {task.journal.length === 0 ? (
          <Typography.Text type="secondary">{t('plans.journal_empty')}</Typography.Text>
        ) : (
          <Timeline
            items={task.journal.map((j) => ({
              key: j.id,
              children: (
                <>
                  <Typography.Text strong>{t(`plans.journal_kind.${j.kind}`, { defaultValue: j.kind })}</Typography.Text>
                  {j.progress !== null ? ` · ${j.progress}%` : ''} · {j.userName ?? '—'} · {formatInstant(j.at)}
                  {j.note && j.kind !== 'assign' ? <div>{j.note}</div> : null}
                  {j.attachments.length ? (
                    <div>
                      {j.attachments.map((a) => (
                        <a key={a.id} href={fileUrl(a.id)} style={{ marginRight: 12 }}>
                          {a.name}
                        </a>
                      ))}
                    </div>
                  ) : null}
                </>
              ),
            }))}
          />
        )}
      </Card>
      <TaskActionModal task={task} action={action} onClose={() => setAction(null)} />
    </>
  );
}
