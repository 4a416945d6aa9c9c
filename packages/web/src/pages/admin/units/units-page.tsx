import { useQuery } from '@tanstack/react-query';
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Form, Input, Table, Typography, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api/types';
import { listUnits, unitKeys } from '../../../api/units';
import { useMe } from '../../../auth/me-context';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { buildUnitTree, filterUnitTree, parentIds, type UnitNode } from '../../../components/unit-tree';
import { UnitActions } from './unit-actions';
import { UnitFormModal, type UnitFormTarget } from './unit-form-modal';
import { UnitKindTag } from './unit-kind-tag';
import { canCreateTopLevel, childKinds, editableKinds, ROOT_KINDS } from './unit-kinds';

export function UnitsPage() {
  const { t } = useTranslation();
  const me = useMe();
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits });
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<string[]>([]);
  const [target, setTarget] = useState<UnitFormTarget | null>(null);

  const items = useMemo(() => units.data?.items ?? [], [units.data]);
  const byId = useMemo(() => new Map(items.map((u) => [u.id, u])), [items]);
  const tree = useMemo(() => buildUnitTree(items), [items]);
  const shown = useMemo(() => filterUnitTree(tree, query), [tree, query]);
  // Everything starts expanded; while searching, every match is visible whatever was collapsed.
  const expanded = query.trim() ? parentIds(shown) : parentIds(shown).filter((id) => !collapsed.includes(id));

  const startCreate = (parent: Unit) => setTarget({ mode: 'create', parent, kinds: childKinds(parent) });
  const startEdit = (unit: Unit) => {
    const parent = unit.parentId ? byId.get(unit.parentId) : undefined;
    const children = items.filter((u) => u.parentId === unit.id);
    setTarget({ mode: 'edit', unit, kinds: editableKinds(unit, parent, children) });
  };

  const columns: TableColumnsType<UnitNode> = [
    { title: t('units.name'), dataIndex: 'name', render: (name: string) => <Typography.Text strong>{name}</Typography.Text> },
    { title: t('units.kind'), dataIndex: 'kind', width: 240, render: (_, unit) => <UnitKindTag kind={unit.kind} /> },
    {
      title: t('units.code'),
      dataIndex: 'code',
      width: 160,
      render: (code: string | null) => (code ? <Typography.Text code>{code}</Typography.Text> : t('common.none')),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 320,
      render: (_, unit) => <UnitActions unit={unit} onCreateChild={startCreate} onEdit={startEdit} />,
    },
  ];

  return (
    <>
      <PageHeader
        title={t('units.title')}
        extra={
          canCreateTopLevel(me, items) ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create', parent: null, kinds: ROOT_KINDS })}>
              {t('units.add_top_level')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('units.search')} htmlFor="unit-search">
            <Input.Search
              id="unit-search"
              allowClear
              placeholder={t('units.search_placeholder')}
              value={query}
              onChange={(e) => setQuery(e.target.value)}
              style={{ width: 320 }}
            />
          </Form.Item>
        </Form>
        {units.isError ? <ErrorAlert error={units.error} onRetry={() => void units.refetch()} /> : null}
        <Table<UnitNode>
          rowKey="id"
          columns={columns}
          dataSource={shown}
          loading={units.isPending}
          pagination={false}
          size="middle"
          expandable={{
            expandedRowKeys: expanded,
            onExpand: (open, unit) => setCollapsed((prev) => (open ? prev.filter((id) => id !== unit.id) : [...prev, unit.id])),
          }}
          locale={{ emptyText: <Empty description={query ? t('common.no_match') : t('units.empty')} /> }}
        />
      </Card>
      <UnitFormModal target={target} onClose={() => setTarget(null)} />
    </>
  );
}
