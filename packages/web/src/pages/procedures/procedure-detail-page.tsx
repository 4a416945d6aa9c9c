import { ArrowLeftOutlined, DeleteOutlined, EditOutlined, PauseCircleOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Empty, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { deleteProcedure, getProcedure, procedureKeys, setProcedureStatus } from '../../api/procedures';
import type { ProcedureComponent, ProcedureFee, ProcedureStep, ProcedureVersionEntry, ProcedureView } from '../../api/types';
import { listUnits, unitKeys } from '../../api/units';
import { PageHeader } from '../../components/page-header';
import { DetailQueryState } from '../../components/detail-query-state';
import { errorMessage, isStaleVersion } from '../../errors';
import { formatDate, formatInstant } from '../../format';
import { formatVnd, timeLimitText } from './procedure-format';
import { ProcedureFormModal } from './procedure-form-modal';
import { ChannelTags, OnlineLevelTag, StatusBadge } from './procedure-tags';

/** Multi-line text kept as the official wrote it (legal bases are one document a line). */
function Lines({ text }: { text: string }) {
  const { t } = useTranslation();
  if (!text.trim()) return <>{t('common.none')}</>;
  return <div style={{ whiteSpace: 'pre-line' }}>{text}</div>;
}

function Actions({ p, onEdit }: { p: ProcedureView; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const onError = (error: unknown) => {
    if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: procedureKeys.detail(p.id) });
    message.error(errorMessage(error));
  };
  const status = useMutation({
    mutationFn: (next: 'active' | 'inactive') => setProcedureStatus(p.id, p.version, next),
    onSuccess: async (saved) => {
      queryClient.setQueryData(procedureKeys.detail(p.id), saved);
      message.success(t(saved.status === 'active' ? 'procedures.detail.activated' : 'procedures.detail.deactivated'));
      await queryClient.invalidateQueries({ queryKey: procedureKeys.all });
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteProcedure(p.id, p.version),
    onSuccess: async () => {
      message.success(t('procedures.detail.deleted', { code: p.code }));
      queryClient.removeQueries({ queryKey: procedureKeys.detail(p.id) });
      await queryClient.invalidateQueries({ queryKey: procedureKeys.all });
      void navigate('/procedures');
    },
    onError,
  });
  if (!p.can.update) return null;
  const next = p.status === 'active' ? 'inactive' : 'active';
  return (
    <Space wrap>
      <Button type="primary" icon={<EditOutlined />} onClick={onEdit}>
        {t('procedures.detail.edit')}
      </Button>
      <Button
        icon={next === 'inactive' ? <PauseCircleOutlined /> : <PlayCircleOutlined />}
        loading={status.isPending}
        onClick={() =>
          modal.confirm({
            title: t(next === 'inactive' ? 'procedures.detail.deactivate_confirm' : 'procedures.detail.activate_confirm', { code: p.code }),
            content: t(next === 'inactive' ? 'procedures.detail.deactivate_body' : 'procedures.detail.activate_body'),
            okText: t(next === 'inactive' ? 'procedures.detail.deactivate' : 'procedures.detail.activate'),
            cancelText: t('common.cancel'),
            onOk: () => status.mutateAsync(next),
          })
        }
      >
        {t(next === 'inactive' ? 'procedures.detail.deactivate' : 'procedures.detail.activate')}
      </Button>
      {p.can.delete ? (
        <Button
          danger
          icon={<DeleteOutlined />}
          loading={remove.isPending}
          onClick={() =>
            modal.confirm({
              title: t('procedures.detail.delete_confirm', { code: p.code }),
              content: t('procedures.detail.delete_body'),
              okText: t('common.delete'),
              okButtonProps: { danger: true },
              cancelText: t('common.cancel'),
              onOk: () => remove.mutateAsync(),
            })
          }
        >
          {t('common.delete')}
        </Button>
      ) : null}
    </Space>
  );
}

export function ProcedureDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [editing, setEditing] = useState(false);
  const procedure = useQuery({ queryKey: procedureKeys.detail(id), queryFn: () => getProcedure(id) });
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
  const unitName = (unitId: string | null) =>
    unitId ? (units.data?.items.find((u) => u.id === unitId)?.name ?? t('procedures.detail.unit_unknown')) : t('common.none');

  const back = (
    <Link to="/procedures">
      <ArrowLeftOutlined /> {t('procedures.detail.back')}
    </Link>
  );
  if (procedure.isPending || procedure.isError) return <DetailQueryState query={procedure} title={t('procedures.title')} back={back} />;
  const p = procedure.data;

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader title={p.name} extra={<Actions p={p} onEdit={() => setEditing(true)} />} />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        {p.inForceVersionNo !== null && p.inForceVersionNo !== p.versionNo ? (
          <Alert
            type="info"
            showIcon
            title={t('procedures.detail.future_notice', { no: p.versionNo, date: formatDate(p.effectiveFrom), current: p.inForceVersionNo })}
          />
        ) : null}
        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('procedures.detail.general')}</h2>}>
          <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} styles={{ label: { width: 220 } }}>
            <Descriptions.Item label={t('procedures.code')}>
              <Typography.Text strong>{p.code}</Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.status_label')}>
              <StatusBadge status={p.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.sector')}>
              {t('procedures.detail.sector_text', { name: p.sector.name, code: p.sector.code })}
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.time_limit')}>{timeLimitText(t, p.timeLimit)}</Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.unit')}>{p.unitName}</Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.processing_unit')}>{unitName(p.processingUnitId)}</Descriptions.Item>
            <Descriptions.Item label={t('procedures.channels')}>
              <ChannelTags channels={p.channels} />
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.online_level')}>
              <OnlineLevelTag level={p.onlineLevel} />
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.result')}>
              {p.resultName
                ? t('procedures.detail.result_text', { name: p.resultName, type: t(`procedures.result_type.${p.resultType}`) })
                : t(`procedures.result_type.${p.resultType}`)}
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.publication')}>
              {p.publication
                ? t('procedures.detail.publication_text', { number: p.publication.number, date: formatDate(p.publication.date) })
                : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.current_version')}>
              {t('procedures.detail.version_text', { no: p.versionNo, date: formatDate(p.effectiveFrom) })}
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.in_force')}>
              {p.inForceVersionNo === null ? t('procedures.detail.not_yet_in_force') : t('procedures.detail.version_label', { no: p.inForceVersionNo })}
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.applicants')} span={2}>
              <Lines text={p.applicants} />
            </Descriptions.Item>
            <Descriptions.Item label={t('procedures.detail.legal_basis')} span={2}>
              <Lines text={p.legalBasis} />
            </Descriptions.Item>
          </Descriptions>
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('procedures.detail.fees')}</h2>}>
          <Table<ProcedureFee>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={p.fees}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('procedures.detail.no_fees')} /> }}
            columns={[
              { title: t('procedures.detail.fee_name'), dataIndex: 'name' },
              { title: t('procedures.detail.fee_amount'), dataIndex: 'amountVnd', width: 180, align: 'right', render: (v: number) => formatVnd(v) },
              { title: t('procedures.detail.fee_note'), dataIndex: 'note', width: 320, render: (v: string | null) => v ?? t('common.none') },
            ]}
          />
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('procedures.detail.components')}</h2>}>
          <Table<ProcedureComponent>
            size="small"
            rowKey={(_, i) => String(i)}
            pagination={false}
            dataSource={p.components}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('procedures.detail.no_components')} /> }}
            columns={[
              { title: t('procedures.detail.index'), key: 'index', width: 60, render: (_, __, i) => i + 1 },
              { title: t('procedures.detail.component_name'), dataIndex: 'name' },
              {
                title: t('procedures.detail.component_kind'),
                dataIndex: 'kind',
                width: 220,
                render: (k: ProcedureComponent['kind']) => t(`procedures.component_kind.${k}`),
              },
              { title: t('procedures.detail.component_quantity'), dataIndex: 'quantity', width: 100, align: 'right' },
              {
                title: t('procedures.detail.component_mandatory'),
                dataIndex: 'mandatory',
                width: 130,
                render: (m: boolean) => (m ? <Tag color="blue">{t('procedures.detail.mandatory')}</Tag> : t('procedures.detail.optional')),
              },
            ]}
          />
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('procedures.detail.steps')}</h2>}>
          <Table<ProcedureStep>
            size="small"
            rowKey="code"
            pagination={false}
            dataSource={p.steps}
            locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('procedures.detail.no_steps')} /> }}
            columns={[
              { title: t('procedures.detail.step_code'), dataIndex: 'code', width: 90 },
              { title: t('procedures.detail.step_name'), dataIndex: 'name' },
              { title: t('procedures.detail.step_unit'), dataIndex: 'unitId', width: 260, render: (u: string | null) => unitName(u) },
              { title: t('procedures.detail.step_budget'), key: 'budget', width: 170, render: (_, s) => timeLimitText(t, s.budget) },
            ]}
          />
        </Card>

        <Card title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('procedures.detail.versions')}</h2>}>
          <Table<ProcedureVersionEntry>
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={[...p.versions].sort((a, b) => b.versionNo - a.versionNo)}
            columns={[
              {
                title: t('procedures.detail.version_no'),
                dataIndex: 'versionNo',
                width: 260,
                render: (no: number) => (
                  <Space size={4} wrap={false}>
                    {t('procedures.detail.version_label', { no })}
                    {no === p.inForceVersionNo ? <Tag color="blue">{t('procedures.detail.in_force_tag')}</Tag> : null}
                  </Space>
                ),
              },
              { title: t('procedures.effective_from'), dataIndex: 'effectiveFrom', width: 160, render: (v: string) => formatDate(v) },
              { title: t('procedures.detail.created_by'), dataIndex: 'createdByName', render: (v: string | null) => v ?? t('common.none') },
              { title: t('procedures.detail.created_at'), dataIndex: 'createdAt', width: 180, render: (v: string) => formatInstant(v) },
            ]}
          />
        </Card>
      </Space>
      {p.can.update ? <ProcedureFormModal open={editing} procedure={p} onClose={() => setEditing(false)} /> : null}
    </>
  );
}
