import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, InputNumber, Radio, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { createTask, listPlans, planKeys, type TaskPriority } from '../../api/plans';
import { PageHeader } from '../../components/page-header';
import { showFormErrors } from './plan-errors';
import { TaskFormFields } from './task-form-fields';

interface Values {
  planId: string;
  title: string;
  description?: string;
  unitId: string;
  coordinatingUnitIds?: string[];
  startOn?: Dayjs;
  dueMode: 'date' | 'working_days';
  dueOn?: Dayjs;
  dueInWorkingDays?: number;
  expectedOutput?: string;
  criteria?: string[];
  priority: TaskPriority;
}

const FIELDS = [
  'planId',
  'parentId',
  'title',
  'description',
  'unitId',
  'coordinatingUnitIds',
  'startOn',
  'dueOn',
  'dueInWorkingDays',
  'expectedOutput',
  'criteria',
  'priority',
];

/**
 * A new task, also opened from the PAR dashboard's "create task" on a criterion at risk:
 * `/plans/tasks/new?criterion=<code>&unit=<unitId>&hint=<text>&year=<year>` fills the criterion, the
 * responsible unit and the recovery hint; `planId` and `parentId` come from a plan or a task page.
 */
export function TaskNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const parentId = params.get('parentId');
  const hint = params.get('hint') ?? '';
  const criterion = params.get('criterion');
  const [form] = Form.useForm<Values>();
  const [mode, setMode] = useState<'date' | 'working_days'>('date');
  const planQuery = { year, pageSize: 100 };
  const plans = useQuery({ queryKey: planKeys.list(planQuery), queryFn: () => listPlans(planQuery) });
  const open = (plans.data?.items ?? []).filter((p) => p.can.createTask || p.id === params.get('planId'));
  const save = useMutation({
    mutationFn: (v: Values) =>
      createTask({
        planId: v.planId,
        parentId,
        title: v.title,
        description: v.description || null,
        unitId: v.unitId,
        coordinatingUnitIds: v.coordinatingUnitIds ?? [],
        startOn: v.startOn?.format('YYYY-MM-DD') ?? null,
        ...(v.dueMode === 'date' ? { dueOn: v.dueOn?.format('YYYY-MM-DD') } : { dueInWorkingDays: v.dueInWorkingDays }),
        expectedOutput: v.expectedOutput || null,
        criteria: v.criteria ?? [],
        priority: v.priority,
      }),
    onSuccess: async (task) => {
      await client.invalidateQueries({ queryKey: planKeys.all });
      message.success(t('common.saved'));
      void navigate(`/plans/tasks/${task.id}`);
    },
    onError: (e) => showFormErrors(form, e, FIELDS, message.error),
  });

  return (
    <>
      <Link to={parentId ? `/plans/tasks/${parentId}` : '/plans/tasks'}>{t('plans.back_to_tasks')}</Link>
      <PageHeader title={parentId ? t('plans.add_subtask') : t('plans.create_task')} />
      {hint || criterion ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('plans.prefill_notice', { criterion: criterion ?? '—' })}
          description={hint || undefined}
        />
      ) : null}
      <Card>
        <Form<Values>
          form={form}
          name="task-new"
          layout="vertical"
          style={{ maxWidth: 820 }}
          initialValues={{
            planId: params.get('planId') ?? undefined,
            unitId: params.get('unit') ?? undefined,
            title: hint ? hint.slice(0, 300) : undefined,
            description: hint || undefined,
            criteria: criterion ? [criterion] : [],
            priority: criterion ? 'high' : 'normal',
            dueMode: 'date',
          }}
          onFinish={(v) => save.mutate(v)}
        >
          <Form.Item
            name="planId"
            label={t('plans.task.plan')}
            rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.plan') }) }]}
          >
            <Select
              loading={plans.isPending}
              disabled={!!parentId}
              options={open.map((p) => ({ value: p.id, label: `${p.title} (${t(`plans.plan_status.${p.status}`)})` }))}
            />
          </Form.Item>
          <TaskFormFields
            dueField={
              <>
                <Form.Item name="dueMode" label={t('plans.task.due_rule')}>
                  <Radio.Group
                    onChange={(e) => setMode(e.target.value as 'date' | 'working_days')}
                    options={[
                      { value: 'date', label: t('plans.due_mode.date') },
                      { value: 'working_days', label: t('plans.due_mode.working_days') },
                    ]}
                  />
                </Form.Item>
                {mode === 'date' ? (
                  <Form.Item
                    name="dueOn"
                    label={t('plans.task.due_on')}
                    rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.due_on') }) }]}
                  >
                    <DatePicker format="DD/MM/YYYY" />
                  </Form.Item>
                ) : (
                  <Form.Item name="dueInWorkingDays" label={t('plans.task.due_working_days')} rules={[{ required: true }]}>
                    <InputNumber min={1} max={1000} />
                  </Form.Item>
                )}
              </>
            }
          />
          <div>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </div>
        </Form>
      </Card>
    </>
  );
}
