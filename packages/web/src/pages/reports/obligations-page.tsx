import { AppstoreAddOutlined, ArrowLeftOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, Popconfirm, Space, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { deleteObligation, installShipped, listObligations, reportKeys, type Obligation } from '../../api/reports';
import { listUnits, unitKeys } from '../../api/units';
import { hasPermission, useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { ToneTag } from '../../components/tone-tag';
import { errorMessage } from '../../errors';
import { dueRuleText } from './report-format';
import { ObligationFormModal } from './obligation-form-modal';

export function ObligationsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const list = useQuery({ queryKey: reportKeys.obligations, queryFn: listObligations });
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
  const [editing, setEditing] = useState<Obligation | null | 'new'>(null);
  const manages = hasPermission(me, 'report.manage');
  // The agency: the top of the units the user sees.
  const visible = new Set((units.data?.items ?? []).map((u) => u.id));
  const agencyId = (units.data?.items ?? []).find((u) => !u.parentId || !visible.has(u.parentId))?.id ?? me.unitId;

  const install = useMutation({
    mutationFn: () => installShipped(agencyId),
    onSuccess: (r) => {
      message.success(t('reports.obligations.installed', { count: r.total }));
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });
  const remove = useMutation({
    mutationFn: (o: Obligation) => deleteObligation(o.id, o.version),
    onSuccess: () => {
      message.success(t('reports.obligations.deleted'));
      void queryClient.invalidateQueries({ queryKey: reportKeys.all });
    },
    onError: (e) => message.error(errorMessage(e)),
  });

  const columns: ColumnsType<Obligation> = [
    { key: 'code', title: t('reports.col.code'), width: 100, render: (_, o) => o.code },
    {
      key: 'name',
      title: t('reports.col.name'),
      render: (_, o) => (
        <Space wrap size={4}>
          <Link to={`/reports?obligationId=${o.id}`}>{o.name}</Link>
          {o.shippedKey ? <ToneTag tone="blue">{t('reports.obligations.shipped')}</ToneTag> : null}
          {o.parCriteria.length ? <ToneTag tone="purple">{`${t('reports.col.par')}: ${o.parCriteria.join(', ')}`}</ToneTag> : null}
          {o.isActive ? null : <ToneTag tone="default">{t('reports.obligations.inactive')}</ToneTag>}
        </Space>
      ),
    },
    {
      key: 'period',
      title: t('reports.ofield.period_kind'),
      width: 120,
      render: (_, o) => `${t(`reports.period_kind.${o.period.kind}`)}${o.period.numbers ? ` (${o.period.numbers.join(', ')})` : ''}`,
    },
    { key: 'rule', title: t('reports.col.due_rule'), width: 180, render: (_, o) => dueRuleText(t, o.dueRule) },
    { key: 'recipient', title: t('reports.col.recipient'), width: 120, render: (_, o) => o.recipient },
    { key: 'unit', title: t('reports.col.unit'), width: 150, render: (_, o) => o.responsibleUnitName ?? '' },
    {
      key: 'actions',
      title: t('common.actions'),
      width: 90,
      render: (_, o) =>
        o.can.update ? (
          <Space>
            <Button size="small" icon={<EditOutlined />} aria-label={`${t('common.edit')} ${o.code}`} onClick={() => setEditing(o)} />
            <Popconfirm
              title={t('reports.obligations.delete_confirm')}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              onConfirm={() => remove.mutate(o)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} aria-label={`${t('common.delete')} ${o.code}`} />
            </Popconfirm>
          </Space>
        ) : null,
    },
  ];

  return (
    <>
      <div style={{ marginBottom: 8 }}>
        <Link to="/reports">
          <ArrowLeftOutlined /> {t('reports.detail.back')}
        </Link>
      </div>
      <PageHeader
        title={t('reports.obligations_title')}
        extra={
          manages ? (
            <Space wrap>
              <Button icon={<AppstoreAddOutlined />} loading={install.isPending} onClick={() => install.mutate()}>
                {t('reports.obligations.install')}
              </Button>
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
                {t('reports.obligations.create')}
              </Button>
            </Space>
          ) : null
        }
      />
      <Card>
        {list.isError ? <ErrorAlert error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<Obligation>
          rowKey="id"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          tableLayout="fixed"
          scroll={{ x: 1000 }}
          pagination={false}
          locale={{ emptyText: <Empty description={t('reports.obligations.empty')} /> }}
        />
      </Card>
      {manages ? (
        <ObligationFormModal open={editing !== null} obligation={editing === 'new' ? null : editing} agencyId={agencyId} onClose={() => setEditing(null)} />
      ) : null}
    </>
  );
}
