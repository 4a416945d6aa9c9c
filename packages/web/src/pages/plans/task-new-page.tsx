import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Input, InputNumber, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { listUnits, unitKeys } from '../../api/units';
import { createTask, listPlans, planKeys, type TaskPriority } from '../../api/plans';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { showFormErrors } from './plan-errors';

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

const FIELDS = ['planId', 'parentId', 'title', 'description', 'unitId', 'coordinatingUnitIds', 'startOn', 'dueOn', 'dueInWorkingDays', 'expectedOutput', 'criteria', 'priority'];

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
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
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
      {hint || criterion ? <Alert type="info" showIcon style={{ marginBottom: 16 }} message={t('plans.prefill_notice', { criterion: criterion ?? '—' })} description={hint || undefined} /> : null}
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
          <Form.Item name="planId" label={t('plans.task.plan')} rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.plan') }) }]}>
            <Select loading={plans.isPending} disabled={!!parentId} options={open.map((p) => ({ value: p.id, label: `${p.title} (${t(`plans.plan_status.${p.status}`)})` }))} />
          </Form.Item>
          <Form.Item name="title" label={t('plans.task.title')} rules={[{ required: true, message: t('common.required', { field: t('plans.task.title') }) }]}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={1000} />
          </Form.Item>
          <Form.Item name="description" label={t('plans.task.description')}>
            <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10000} />
          </Form.Item>
          <Space wrap style={{ width: '100%' }} size="large">
            <Form.Item name="unitId" label={t('plans.task.unit')} rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.unit') }) }]} style={{ minWidth: 320 }}>
              <UnitTreeSelect />
            </Form.Item>
            <Form.Item name="coordinatingUnitIds" label={t('plans.task.coordinating')} style={{ minWidth: 380 }}>
              <Select mode="multiple" optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
            </Form.Item>
          </Space>
          <Space wrap size="large">
            <Form.Item name="startOn" label={t('plans.task.start_on')}>
              <DatePicker format="DD/MM/YYYY" />
            </Form.Item>
            <Form.Item name="dueMode" label={t('plans.task.due_rule')}>
              <Radio.Group onChange={(e) => setMode(e.target.value as 'date' | 'working_days')} options={[{ value: 'date', label: t('plans.due_mode.date') }, { value: 'working_days', label: t('plans.due_mode.working_days') }]} />
            </Form.Item>
            {mode === 'date' ? (
              <Form.Item name="dueOn" label={t('plans.task.due_on')} rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.due_on') }) }]}>
                <DatePicker format="DD/MM/YYYY" />
              </Form.Item>
            ) : (
              <Form.Item name="dueInWorkingDays" label={t('plans.task.due_working_days')} rules={[{ required: true }]}>
                <InputNumber min={1} max={1000} />
              </Form.Item>
            )}
          </Space>
          <Form.Item name="expectedOutput" label={t('plans.task.expected_output')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Space wrap size="large">
            <Form.Item name="criteria" label={t('plans.task.criteria')} style={{ minWidth: 300 }}>
              <Select mode="tags" tokenSeparators={[',', ';', ' ']} />
            </Form.Item>
            <Form.Item name="priority" label={t('plans.task.priority')}>
              <Select style={{ width: 180 }} options={(['high', 'normal', 'low'] as const).map((p) => ({ value: p, label: t(`plans.priority.${p}`) }))} />
            </Form.Item>
          </Space>
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
