import {
  ArrowDownOutlined,
  ArrowLeftOutlined,
  ArrowUpOutlined,
  CheckCircleOutlined,
  DeleteOutlined,
  DownloadOutlined,
  EditOutlined,
  FormOutlined,
  PlusOutlined,
} from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { activateCriteriaSet, deleteCriterion, exportCriteriaSet, getCriteriaSet, parKeys, updateCriterion } from '../../api/par';
import type { CriteriaSetView, CriterionView } from '../../api/par-types';
import { PageHeader } from '../../components/page-header';
import { errorMessage, isStaleVersion } from '../../errors';
import { formatDate } from '../../format';
import { lookupText } from '../../i18n/lookup';
import { ToneTag } from '../../components/tone-tag';
import { DetailQueryState } from '../../components/detail-query-state';
import { saveBlob } from '../procedures/procedure-format';
import { CriteriaIssues } from './criteria-issues';
import { CriterionFormModal, type CriterionTarget } from './criterion-form-modal';
import { useMetricCatalogue } from './use-metric-catalogue';
import { formatPercent, formatPoints } from './par-format';
import { SetStatusTag } from './par-tags';
import { SetDetailsModal } from './set-details-modal';
import { criteriaTree, swapTarget, type TreeRow } from './par-tree';
import { useUnitNames } from './use-unit-names';

function RowActions({ set, node, onEdit, onAdd }: { set: CriteriaSetView; node: CriterionView; onEdit: () => void; onAdd: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const onError = (error: unknown) => {
    if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.set(set.id) });
    message.error(errorMessage(error));
  };
  const move = useMutation({
    // Two rows trade their `order`; each write bumps the set's version, so the second uses the first's.
    mutationFn: async (direction: 'up' | 'down') => {
      const other = swapTarget(set.nodes, node.id, direction);
      if (!other) return set;
      if (other.order === node.order) return updateCriterion(set.id, node.id, set.version, { order: node.order + (direction === 'up' ? -1 : 1) });
      const first = await updateCriterion(set.id, node.id, set.version, { order: other.order });
      return updateCriterion(set.id, other.id, first.version, { order: node.order });
    },
    onSuccess: (saved) => queryClient.setQueryData(parKeys.set(set.id), saved),
    onError,
  });
  const remove = useMutation({
    mutationFn: () => deleteCriterion(set.id, node.id, set.version),
    onSuccess: (saved) => {
      queryClient.setQueryData(parKeys.set(set.id), saved);
      message.success(t('par.criteria.deleted', { code: node.code }));
    },
    onError,
  });
  const hasChildren = set.nodes.some((n) => n.parentId === node.id);
  return (
    <Space size={2} wrap={false}>
      <Button
        size="small"
        type="text"
        icon={<PlusOutlined />}
        aria-label={t('par.criteria.add_child_named', { code: node.code })}
        title={t('par.criteria.add_child')}
        onClick={onAdd}
      />
      <Button
        size="small"
        type="text"
        icon={<EditOutlined />}
        aria-label={t('par.criteria.edit_named', { code: node.code })}
        title={t('common.edit')}
        onClick={onEdit}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowUpOutlined />}
        aria-label={t('par.criteria.move_up_named', { code: node.code })}
        title={t('par.criteria.move_up')}
        disabled={!swapTarget(set.nodes, node.id, 'up')}
        loading={move.isPending && move.variables === 'up'}
        onClick={() => move.mutate('up')}
      />
      <Button
        size="small"
        type="text"
        icon={<ArrowDownOutlined />}
        aria-label={t('par.criteria.move_down_named', { code: node.code })}
        title={t('par.criteria.move_down')}
        disabled={!swapTarget(set.nodes, node.id, 'down')}
        loading={move.isPending && move.variables === 'down'}
        onClick={() => move.mutate('down')}
      />
      <Popconfirm
        title={t('par.criteria.delete_confirm', { code: node.code })}
        description={t('par.criteria.delete_body')}
        okText={t('common.delete')}
        okButtonProps={{ danger: true }}
        cancelText={t('common.cancel')}
        onConfirm={() => remove.mutateAsync()}
        disabled={hasChildren}
      >
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('par.criteria.delete_named', { code: node.code })}
          title={hasChildren ? t('par.criteria.delete_has_children') : t('common.delete')}
          disabled={hasChildren}
          loading={remove.isPending}
        />
      </Popconfirm>
    </Space>
  );
}

/** A criteria set: its rows as a tree, its validation issues, and (for a draft) the editor. */
export function CriteriaSetPage() {
  const { t } = useTranslation();
  const metricLabel = useMetricCatalogue().label;
  const { id = '' } = useParams();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: parKeys.set(id), queryFn: () => getCriteriaSet(id) });
  const [target, setTarget] = useState<CriterionTarget | null>(null);
  const [editingDetails, setEditingDetails] = useState(false);
  // Rows start expanded, new parents included; only what the user folds stays folded.
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const unitName = useUnitNames();
  const tree = useMemo(() => criteriaTree(query.data?.nodes ?? []), [query.data?.nodes]);
  const download = useMutation({
    mutationFn: () => exportCriteriaSet(id),
    onSuccess: ({ blob, fileName }) => saveBlob(blob, fileName),
    onError: (error) => message.error(errorMessage(error)),
  });
  const activate = useMutation({
    mutationFn: (version: number) => activateCriteriaSet(id, version),
    onSuccess: async (saved) => {
      queryClient.setQueryData(parKeys.set(id), saved);
      message.success(t('par.sets.activated'));
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
    },
    onError: (error) => {
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.set(id) });
      message.error(errorMessage(error));
    },
  });

  const back = (
    <Link to="/par/criteria-sets">
      <ArrowLeftOutlined /> {t('par.sets.back')}
    </Link>
  );
  if (query.isPending || query.isError) return <DetailQueryState query={query} title={t('par.sets.title')} back={back} />;
  const set = query.data;
  const editable = set.can.manage && set.status === 'draft';
  const errors = set.issues.filter((i) => i.severity === 'error').length;
  const totalMax = set.nodes.filter((n) => n.parentId === null).reduce((s, n) => s + n.maxHundredths, 0);

  return (
    <>
      <div style={{ marginBottom: 8 }}>{back}</div>
      <PageHeader
        title={set.title}
        extra={
          <Space wrap>
            <Button icon={<DownloadOutlined />} loading={download.isPending} onClick={() => download.mutate()}>
              {t('par.sets.export')}
            </Button>
            {set.can.manage ? (
              <Button icon={<FormOutlined />} onClick={() => setEditingDetails(true)}>
                {t('par.sets.details_edit')}
              </Button>
            ) : null}
            {editable ? (
              <Button
                type="primary"
                icon={<CheckCircleOutlined />}
                disabled={errors > 0 || set.nodes.length === 0}
                loading={activate.isPending}
                onClick={() =>
                  modal.confirm({
                    title: t('par.sets.activate_confirm', { title: set.title }),
                    content: t('par.sets.activate_body'),
                    okText: t('par.sets.activate'),
                    cancelText: t('common.cancel'),
                    onOk: () => activate.mutateAsync(set.version),
                  })
                }
              >
                {t('par.sets.activate')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('par.year')}>{set.year}</Descriptions.Item>
            <Descriptions.Item label={t('par.sets.scope')}>{lookupText(`par.sets.scopes.${set.scope}`) ?? set.scope}</Descriptions.Item>
            <Descriptions.Item label={t('par.sets.status_label')}>
              <SetStatusTag status={set.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('par.sets.legal_basis')}>
              {set.legalBasisNumber
                ? set.legalBasisDate
                  ? t('par.sets.legal_basis_text', { number: set.legalBasisNumber, date: formatDate(set.legalBasisDate) })
                  : set.legalBasisNumber
                : t('common.none')}
            </Descriptions.Item>
            <Descriptions.Item label={t('par.sets.rounding_label')}>{t(`par.sets.rounding.${set.rounding}`)}</Descriptions.Item>
            <Descriptions.Item label={t('par.sets.total_max')}>{formatPoints(totalMax)}</Descriptions.Item>
            <Descriptions.Item label={t('par.sets.bands_label')}>
              {set.bands.length
                ? set.bands.map((b) => t('par.sets.band_text', { label: b.label, sign: b.minInclusive ? '≥' : '>', min: formatPercent(b.min) })).join('; ')
                : t('common.none')}
            </Descriptions.Item>
          </Descriptions>
          {set.status === 'draft' && !set.can.manage ? <Typography.Text type="secondary">{t('par.sets.read_only')}</Typography.Text> : null}
          {set.status === 'active' ? <Typography.Text type="secondary">{t('par.sets.active_locked')}</Typography.Text> : null}
        </Card>
        <section aria-label={t('par.criteria.issues_label')}>
          <CriteriaIssues issues={set.issues} />
        </section>
        <Card
          title={<h2 style={{ fontSize: 16, margin: 0 }}>{t('par.criteria.title')}</h2>}
          extra={
            editable ? (
              <Button icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'add', parentId: null })}>
                {t('par.criteria.add_field')}
              </Button>
            ) : null
          }
        >
          {editable ? <Typography.Paragraph type="secondary">{t('par.criteria.editor_hint')}</Typography.Paragraph> : null}
          <Table<TreeRow<CriterionView>>
            size="small"
            rowKey="id"
            dataSource={tree}
            pagination={false}
            expandable={{
              expandedRowKeys: set.nodes.filter((n) => !collapsed.has(n.id)).map((n) => n.id),
              onExpand: (open, row) =>
                setCollapsed((prev) => {
                  const next = new Set(prev);
                  if (open) next.delete(row.id);
                  else next.add(row.id);
                  return next;
                }),
            }}
            tableLayout="fixed"
            // Code and content stay in view (and the row actions) while the middle columns scroll.
            scroll={{ x: 1360 }}
            locale={{ emptyText: <Empty description={t('par.criteria.empty')} /> }}
            columns={[
              {
                title: t('par.criteria.code'),
                dataIndex: 'code',
                width: 110,
                fixed: 'left',
                render: (code: string) => <Typography.Text strong>{code}</Typography.Text>,
              },
              { title: t('par.criteria.title_label'), dataIndex: 'title', width: 290, fixed: 'left' },
              { title: t('par.max_points'), dataIndex: 'maxHundredths', width: 100, align: 'right', render: (v: number) => formatPoints(v) },
              { title: t('par.rule.kind_label'), key: 'rule', width: 170, render: (_, n) => t(`par.rule.kind.${n.rule.kind}`) },
              {
                title: t('par.criteria.evidence'),
                dataIndex: 'evidenceRequired',
                width: 110,
                render: (v: boolean, n) =>
                  n.notSelfScored ? (
                    <Tag>{t('par.criteria.survey_only')}</Tag>
                  ) : v ? (
                    <ToneTag tone="blue">{t('par.criteria.evidence_needed')}</ToneTag>
                  ) : (
                    t('common.none')
                  ),
              },
              {
                title: t('par.criteria.responsible_unit'),
                dataIndex: 'responsibleUnitId',
                width: 180,
                render: (v: string | null) => unitName(v) ?? t('common.none'),
              },
              {
                title: t('par.criteria.metric'),
                dataIndex: 'metric',
                width: 220,
                render: (v: string | null) => (v ? <Typography.Text title={v}>{metricLabel(v)}</Typography.Text> : t('common.none')),
              },
              ...(editable
                ? [
                    {
                      title: t('common.actions'),
                      key: 'actions',
                      width: 180,
                      fixed: 'right' as const,
                      render: (_: unknown, n: CriterionView) => (
                        <RowActions
                          set={set}
                          node={n}
                          onEdit={() => setTarget({ mode: 'edit', node: n })}
                          onAdd={() => setTarget({ mode: 'add', parentId: n.id })}
                        />
                      ),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      </Space>
      {editable ? <CriterionFormModal set={set} target={target} onClose={() => setTarget(null)} /> : null}
      {set.can.manage ? <SetDetailsModal set={set} open={editingDetails} onClose={() => setEditingDetails(false)} /> : null}
    </>
  );
}
