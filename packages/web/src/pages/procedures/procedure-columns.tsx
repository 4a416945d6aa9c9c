import { Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { ProcedureSort, ProcedureSummary, SortOrder } from '../../api/types';
import { formatDate } from '../../format';
import { timeLimitText } from './procedure-format';
import { ChannelTags, OnlineLevelTag, StatusBadge } from './procedure-tags';

interface Options {
  t: TFunction;
  sort: ProcedureSort;
  order: SortOrder;
}

export function procedureColumns({ t, sort, order }: Options): TableColumnsType<ProcedureSummary> {
  const sortOrder = (key: ProcedureSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    {
      title: t('procedures.code'),
      dataIndex: 'code',
      key: 'code',
      width: 100,
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (code: string, p) => <Link to={`/procedures/${encodeURIComponent(p.id)}`}>{code}</Link>,
    },
    {
      title: t('procedures.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      render: (name: string, p) => <Link to={`/procedures/${encodeURIComponent(p.id)}`}>{name}</Link>,
    },
    {
      title: t('procedures.sector'),
      key: 'sector',
      width: 150,
      render: (_, p) => (
        <>
          {p.sector.name}
          <br />
          <Typography.Text type="secondary">{p.sector.code}</Typography.Text>
        </>
      ),
    },
    { title: t('procedures.time_limit'), key: 'timeLimit', width: 110, render: (_, p) => timeLimitText(t, p.timeLimit) },
    { title: t('procedures.channels'), key: 'channels', width: 150, render: (_, p) => <ChannelTags channels={p.channels} /> },
    { title: t('procedures.online_level'), key: 'onlineLevel', width: 110, render: (_, p) => <OnlineLevelTag level={p.onlineLevel} /> },
    { title: t('procedures.status_label'), key: 'status', width: 130, render: (_, p) => <StatusBadge status={p.status} /> },
    { title: t('procedures.effective_from'), dataIndex: 'effectiveFrom', key: 'effectiveFrom', width: 105, render: (v: string) => formatDate(v) },
  ];
}
