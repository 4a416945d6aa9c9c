import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { getTask, listUnitUsers, planKeys, updateTask, type TaskPriority, type TaskView } from '../../api/plans';
import { DetailQueryState } from '../../components/detail-query-state';
import { PageHeader } from '../../components/page-header';
import { isStaleVersion } from '../../errors';
import { showFormErrors } from './plan-errors';
import { TaskFormFields } from './task-form-fields';

interface Values {
  title: string;
  description?: string;
  unitId: string;
  leadUserId?: string | null;
  coordinatingUnitIds?: string[];
  startOn?: Dayjs | null;
  dueOn: Dayjs;
  expectedOutput?: string;
  criteria?: string[];
  priority: TaskPriority;
}

const FIELDS = ['title', 'description', 'unitId', 'leadUserId', 'coordinatingUnitIds', 'startOn', 'dueOn', 'expectedOutput', 'criteria', 'priority'];

const valuesOf = (task: TaskView): Values => ({
  title: task.title,
  description: task.description ?? undefined,
  unitId: task.unitId,
  leadUserId: task.leadUserId,
  coordinatingUnitIds: task.coordinatingUnits.map((u) => u.id),
  startOn: task.startOn ? dayjs(task.startOn) : null,
  dueOn: dayjs(task.dueOn),
  expectedOutput: task.expectedOutput ?? undefined,
  criteria: task.criteria,
  priority: task.priority,
});

/** Edits a task (docs/plans.md "Editing a task"); the version read is sent, and a 409 offers the current task. */
export function TaskEditPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const task = useQuery({ queryKey: planKeys.task(id), queryFn: () => getTask(id) });
  const back = <Link to={`/plans/tasks/${id}`}>{t('plans.back_to_task')}</Link>;
  if (!task.data) return <DetailQueryState query={task} title={t('plans.edit_task')} back={back} />;
  return <TaskEditForm task={task.data} back={back} />;
}

function TaskEditForm({ task, back }: { task: TaskView; back: React.ReactNode }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  // The version the form was filled from: a 409 answer's current task replaces it when the user reloads.
  const [version, setVersion] = useState(task.version);
  const unitId = Form.useWatch('unitId', form) ?? task.unitId;
  const users = useQuery({ queryKey: ['plans', 'unit-users', unitId], queryFn: () => listUnitUsers(unitId), enabled: !!unitId });
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateTask(task.id, {
        version,
        title: v.title.trim(),
        description: v.description?.trim() || null,
        unitId: v.unitId,
        leadUserId: v.leadUserId ?? null,
        coordinatingUnitIds: v.coordinatingUnitIds ?? [],
        startOn: v.startOn?.format('YYYY-MM-DD') ?? null,
        dueOn: v.dueOn.format('YYYY-MM-DD'),
        expectedOutput: v.expectedOutput?.trim() || null,
        criteria: v.criteria ?? [],
        priority: v.priority,
      }),
    onSuccess: async (saved) => {
      client.setQueryData(planKeys.task(task.id), saved);
      await client.invalidateQueries({ queryKey: planKeys.all });
      message.success(t('common.saved'));
      void navigate(`/plans/tasks/${task.id}`);
    },
    onError: (e) => {
      if (!isStaleVersion(e)) showFormErrors(form, e, FIELDS, message.error);
    },
  });
  const conflict = isStaleVersion(save.error);
  const loadCurrent = () => {
    const error = save.error;
    const current = isStaleVersion(error) ? ((error.detail as { current?: TaskView } | undefined)?.current ?? null) : null;
    if (current) {
      client.setQueryData(planKeys.task(task.id), current);
      form.setFieldsValue(valuesOf(current));
      setVersion(current.version);
    }
    save.reset();
    void client.invalidateQueries({ queryKey: planKeys.task(task.id) });
  };
  if (!task.can.edit) return <Alert type="warning" showIcon title={t('plans.edit_not_allowed')} action={back} />;

  return (
    <>
      {back}
      <PageHeader title={t('plans.edit_task')} />
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('plans.conflict_title')}
          description={t('plans.conflict_body')}
          action={<Button onClick={loadCurrent}>{t('plans.load_current')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Card>
        <Form<Values>
          form={form}
          name="task-edit"
          layout="vertical"
          style={{ maxWidth: 820 }}
          initialValues={valuesOf(task)}
          onValuesChange={(changed: Partial<Values>) => {
            // The lead person belongs to the owner unit: a new unit clears the choice.
            if ('unitId' in changed) form.setFieldValue('leadUserId', null);
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <TaskFormFields
            autoFocus
            unitExtra={
              <Form.Item name="leadUserId" label={t('plans.task.lead')} style={{ minWidth: 260 }}>
                <Select
                  allowClear
                  loading={users.isPending}
                  options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
                />
              </Form.Item>
            }
            dueField={
              <Form.Item
                name="dueOn"
                label={t('plans.task.due_on')}
                rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.due_on') }) }]}
                extra={task.dueWorkingDays ? t('plans.due_working_days_note', { days: task.dueWorkingDays }) : undefined}
              >
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            }
          />
          <Space style={{ display: 'flex' }}>
            <Button type="primary" htmlType="submit" loading={save.isPending} disabled={conflict}>
              {t('common.save')}
            </Button>
            <Link to={`/plans/tasks/${task.id}`}>{t('common.cancel')}</Link>
          </Space>
        </Form>
      </Card>
    </>
  );
}
