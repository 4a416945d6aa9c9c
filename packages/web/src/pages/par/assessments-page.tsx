import { HistoryOutlined, PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Modal, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { createAssessment, listAssessments, listCriteriaSets, parKeys } from '../../api/par';
import type { AssessmentListItem } from '../../api/par-types';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors } from '../../errors';
import { formatPercent, formatPoints } from './par-format';
import { AssessmentStatusTag } from './par-tags';
import { PublishedResultModal } from './published-result-modal';
import { TotalWithCheck } from './totals';

/** Years offered in the filter: this year back to 2015, where the demo's history starts. */
export function yearOptions(current: number): number[] {
  const out: number[] = [];
  for (let y = current + 1; y >= 2015; y--) out.push(y);
  return out;
}

interface CreateValues {
  setId: string;
  agencyUnitId: string;
}

function CreateAssessmentModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CreateValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [leftover, setLeftover] = useState<ReturnType<typeof applyFieldErrors>>([]);
  const sets = useQuery({ queryKey: parKeys.sets, queryFn: listCriteriaSets, enabled: open });
  const create = useMutation({
    mutationFn: (v: CreateValues) => createAssessment(v.setId, v.agencyUnitId),
    onSuccess: async (a) => {
      await queryClient.invalidateQueries({ queryKey: parKeys.assessments });
      close();
      void navigate(`/par/assessments/${a.id}`);
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['setId', 'agencyUnitId'])),
  });
  const close = () => {
    create.reset();
    setLeftover([]);
    form.resetFields();
    onClose();
  };
  const active = (sets.data?.items ?? []).filter((s) => s.status === 'active');
  return (
    <Modal
      open={open}
      title={t('par.assessments.create_title')}
      okText={t('par.assessments.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <ErrorAlert error={create.error} fields={leftover} />
      <Form<CreateValues> form={form} layout="vertical" onFinish={(v) => create.mutate(v)}>
        <Form.Item
          name="setId"
          label={t('par.assessments.set')}
          htmlFor="par-assessment-set"
          extra={t('par.assessments.set_hint')}
          rules={[{ required: true, message: t('common.select_required', { field: t('par.assessments.set') }) }]}
        >
          <Select
            id="par-assessment-set"
            loading={sets.isPending}
            options={active.map((s) => ({ value: s.id, label: t('par.assessments.set_option', { year: s.year, title: s.title }) }))}
          />
        </Form.Item>
        <Form.Item
          name="agencyUnitId"
          label={t('par.assessments.agency')}
          htmlFor="par-assessment-agency"
          rules={[{ required: true, message: t('common.select_required', { field: t('par.assessments.agency') }) }]}
        >
          <UnitTreeSelect id="par-assessment-agency" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Assessments of the agencies in the user's scope, and published results of others. */
export function AssessmentsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const yearParam = Number(params.get('year'));
  const year = Number.isInteger(yearParam) && yearParam >= 2000 ? yearParam : undefined;
  const [creating, setCreating] = useState(false);
  const [enteringPublished, setEnteringPublished] = useState(false);
  const list = useQuery({ queryKey: parKeys.assessmentList(year), queryFn: () => listAssessments(year), placeholderData: keepPreviousData });
  const manages = hasPermission(me, 'par.manage_cycle');
  const rows = [...(list.data?.items ?? [])].sort((a, b) => b.year - a.year || a.agencyName.localeCompare(b.agencyName, 'vi'));

  return (
    <>
      <PageHeader
        title={t('par.assessments.title')}
        extra={
          manages ? (
            <Space wrap>
              <Button icon={<HistoryOutlined />} onClick={() => setEnteringPublished(true)}>
                {t('par.assessments.published.enter')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
                {t('par.assessments.create')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }}>
          <Form.Item label={t('par.year')} htmlFor="par-assessment-year">
            <Select<number>
              id="par-assessment-year"
              allowClear
              placeholder={t('par.all_years')}
              value={year}
              options={yearOptions(new Date().getFullYear()).map((y) => ({ value: y, label: String(y) }))}
              onChange={(y?: number) => setParams(y ? { year: String(y) } : {}, { replace: true })}
              style={{ width: 160 }}
            />
          </Form.Item>
        </Form>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<AssessmentListItem>
          rowKey="id"
          dataSource={rows}
          loading={list.isFetching}
          pagination={false}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          locale={{ emptyText: <Empty description={year ? t('common.no_match') : t('par.assessments.empty')} /> }}
          columns={[
            { title: t('par.year'), dataIndex: 'year', width: 80 },
            { title: t('par.assessments.agency'), dataIndex: 'agencyName', render: (name: string, a) => <Link to={`/par/assessments/${a.id}`}>{name}</Link> },
            { title: t('par.status_label'), dataIndex: 'status', width: 150, render: (_, a) => <AssessmentStatusTag status={a.status} /> },
            {
              title: t('par.totals.computed'),
              key: 'total',
              width: 230,
              render: (_, a) => <TotalWithCheck computed={a.computedTotalHundredths} reported={a.reportedTotalHundredths} differs={a.totalsDiffer} />,
            },
            { title: t('par.max_points'), dataIndex: 'maxHundredths', width: 100, align: 'right', render: (v: number) => formatPoints(v) },
            {
              title: t('par.index'),
              dataIndex: 'percentBasisPoints',
              width: 110,
              align: 'right',
              render: (v: number | null) => formatPercent(v) || t('common.none'),
            },
            { title: t('par.rank'), dataIndex: 'rank', width: 80, align: 'right', render: (v: number | null) => v ?? t('common.none') },
            { title: t('par.band'), dataIndex: 'band', width: 80, render: (v: string | null) => v ?? t('common.none') },
          ]}
        />
      </Card>
      {manages ? <CreateAssessmentModal open={creating} onClose={() => setCreating(false)} /> : null}
      {manages ? <PublishedResultModal open={enteringPublished} onClose={() => setEnteringPublished(false)} /> : null}
    </>
  );
}
