import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Table } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { createPlan, listPlans, planKeys, type PlanKind, type PlanStatus, type PlanSummary } from '../../api/plans';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { useSearchParamsPatch } from '../../components/use-url-query';
import { formatDate } from '../../format';
import { showFormErrors } from './plan-errors';
import { PlanStatusTag } from './plan-tags';

const KINDS: PlanKind[] = ['annual', 'conclusion', 'thematic'];
const STATUSES: PlanStatus[] = ['draft', 'issued', 'closed'];

/** The plans of the units the user reads, by year; filters and page live in the URL. */
export function PlansPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { params, patch: update } = useSearchParamsPatch();
  const year = Number(params.get('year')) || new Date().getFullYear();
  const kind = (params.get('kind') as PlanKind | null) ?? undefined;
  const status = (params.get('status') as PlanStatus | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const query = { year, kind: KINDS.includes(kind!) ? kind : undefined, status: STATUSES.includes(status!) ? status : undefined, page, pageSize: 20 };
  const plans = useQuery({ queryKey: planKeys.list(query), queryFn: () => listPlans(query), placeholderData: keepPreviousData });
  const [creating, setCreating] = useState(false);

  return (
    <>
      <PageHeader
        title={t('plans.plans_title')}
        extra={
          hasPermission(me, 'plan.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('plans.create_plan')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }}>
          <Form.Item label={t('plans.year')} htmlFor="plans-year">
            <InputNumber id="plans-year" min={2000} max={2100} value={year} onChange={(v) => update({ year: v ?? undefined, page: 1 })} />
          </Form.Item>
          <Form.Item label={t('plans.kind_label')} htmlFor="plans-kind">
            <Select
              id="plans-kind"
              allowClear
              style={{ width: 220 }}
              placeholder={t('plans.all')}
              value={query.kind}
              options={KINDS.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))}
              onChange={(v?: string) => update({ kind: v, page: 1 })}
            />
          </Form.Item>
          <Form.Item label={t('plans.status_label')} htmlFor="plans-status">
            <Select
              id="plans-status"
              allowClear
              style={{ width: 180 }}
              placeholder={t('plans.all')}
              value={query.status}
              options={STATUSES.map((s) => ({ value: s, label: t(`plans.plan_status.${s}`) }))}
              onChange={(v?: string) => update({ status: v, page: 1 })}
            />
          </Form.Item>
        </Form>
        {plans.isError ? <ErrorAlert error={plans.error} onRetry={() => void plans.refetch()} /> : null}
        <Table<PlanSummary>
          rowKey="id"
          loading={plans.isFetching}
          dataSource={plans.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: plans.data?.total ?? 0, showTotal: (n) => t('common.total', { count: n }) }}
          onChange={(p) => update({ page: p.current })}
          columns={[
            { key: 'title', title: t('plans.plan.title'), render: (_, p) => <Link to={`/plans/${p.id}`}>{p.title}</Link> },
            { key: 'kind', title: t('plans.kind_label'), width: 170, render: (_, p) => t(`plans.kind.${p.kind}`) },
            {
              key: 'doc',
              title: t('plans.plan.document'),
              width: 190,
              render: (_, p) => [p.documentNumber, formatDate(p.documentDate)].filter((x) => x && x !== '—').join(' – ') || '—',
            },
            {
              key: 'tasks',
              title: t('plans.plan.tasks'),
              width: 190,
              render: (_, p) => t('plans.plan.task_counts', { count: p.taskCount, overdue: p.buckets.overdue }),
            },
            { key: 'status', title: t('plans.status_label'), width: 130, render: (_, p) => <PlanStatusTag status={p.status} /> },
          ]}
        />
      </Card>
      <CreatePlanModal open={creating} year={year} onClose={() => setCreating(false)} />
    </>
  );
}

interface PlanForm {
  unitId: string;
  year: number;
  kind: PlanKind;
  title: string;
  documentNumber?: string;
  documentDate?: Dayjs;
  signer?: string;
  requiresApproval?: boolean;
}

function CreatePlanModal({ open, year, onClose }: { open: boolean; year: number; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [form] = Form.useForm<PlanForm>();
  const save = useMutation({
    mutationFn: (v: PlanForm) =>
      createPlan({ ...v, documentDate: v.documentDate?.format('YYYY-MM-DD') ?? null, documentNumber: v.documentNumber || null, signer: v.signer || null }),
    onSuccess: async (p) => {
      await client.invalidateQueries({ queryKey: planKeys.all });
      message.success(t('common.saved'));
      onClose();
      void navigate(`/plans/${p.id}`);
    },
    onError: (e) => showFormErrors(form, e, ['unitId', 'year', 'kind', 'title', 'documentNumber', 'documentDate', 'signer'], message.error),
  });
  return (
    <Modal
      open={open}
      title={t('plans.create_plan')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<PlanForm>
        form={form}
        name="plan-create"
        layout="vertical"
        initialValues={{ unitId: me.unitId, year, kind: 'annual', requiresApproval: false }}
        onFinish={(v) => save.mutate(v)}
      >
        <Form.Item name="unitId" label={t('plans.plan.agency')} rules={[{ required: true }]}>
          <UnitTreeSelect />
        </Form.Item>
        <Space>
          <Form.Item name="year" label={t('plans.year')} rules={[{ required: true }]}>
            <InputNumber min={2000} max={2100} />
          </Form.Item>
          <Form.Item name="kind" label={t('plans.kind_label')} rules={[{ required: true }]}>
            <Select style={{ width: 240 }} options={KINDS.map((k) => ({ value: k, label: t(`plans.kind.${k}`) }))} />
          </Form.Item>
        </Space>
        <Form.Item name="title" label={t('plans.plan.title')} rules={[{ required: true, message: t('common.required', { field: t('plans.plan.title') }) }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={500} />
        </Form.Item>
        <Space>
          <Form.Item name="documentNumber" label={t('plans.plan.document_number')}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="documentDate" label={t('plans.plan.document_date')}>
            <DatePicker format="DD/MM/YYYY" />
          </Form.Item>
        </Space>
        <Form.Item name="signer" label={t('plans.plan.signer')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="requiresApproval" valuePropName="checked">
          <Checkbox>{t('plans.plan.requires_approval')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
