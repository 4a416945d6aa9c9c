import { Typography, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import { Link } from 'react-router';
import type { DossierListItem, DossierSort, SortOrder } from '../../api/types';
import { formatInstant } from '../../format';
import { DossierStatusTag, OpenTimelinessTag } from './dossier-tags';

interface Options {
  t: TFunction;
  sort: DossierSort;
  order: SortOrder;
}

export function dossierColumns({ t, sort, order }: Options): TableColumnsType<DossierListItem> {
  const sortOrder = (key: DossierSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    {
      title: t('dossiers.fields.code'),
      dataIndex: 'code',
      key: 'code',
      width: 190,
      fixed: 'left',
      sorter: true,
      sortOrder: sortOrder('code'),
      render: (code: string, d) => <Link to={`/dossiers/${encodeURIComponent(d.id)}`}>{code}</Link>,
    },
    {
      title: t('dossiers.fields.applicant'),
      dataIndex: 'applicantName',
      key: 'applicantName',
      width: 170,
      sorter: true,
      sortOrder: sortOrder('applicantName'),
      ellipsis: { showTitle: false },
      render: (name: string, d) => <Typography.Text ellipsis={{ tooltip: `${name} – ${t(`dossiers.channel.${d.channel}`)}` }}>{name}</Typography.Text>,
    },
    {
      // One line per row (issue #13 item 4): the name is cut with an ellipsis and shown whole in a tooltip.
      title: t('dossiers.fields.procedure'),
      key: 'procedure',
      width: 280,
      ellipsis: { showTitle: false },
      render: (_, d) => (
        <Typography.Text ellipsis={{ tooltip: `${d.procedureCode} – ${d.procedureName}` }} style={{ width: '100%' }}>
          {d.procedureName}
        </Typography.Text>
      ),
    },
    {
      title: t('dossiers.fields.received_at'),
      dataIndex: 'receivedAt',
      key: 'receivedAt',
      width: 140,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('receivedAt'),
      render: (v: string | null) => formatInstant(v),
    },
    {
      title: t('dossiers.fields.due_at'),
      dataIndex: 'dueAt',
      key: 'dueAt',
      width: 140,
      ellipsis: true,
      sorter: true,
      sortOrder: sortOrder('dueAt'),
      render: (v: string | null) => (v ? formatInstant(v) : t('dossiers.no_due_date')),
    },
    {
      title: t('dossiers.fields.current_unit'),
      key: 'currentUnit',
      width: 170,
      ellipsis: { showTitle: false },
      render: (_, d) => <Typography.Text ellipsis={{ tooltip: d.currentUnitName ?? '' }}>{d.currentUnitName ?? '–'}</Typography.Text>,
    },
    {
      title: t('dossiers.fields.assignee'),
      key: 'assignee',
      width: 150,
      ellipsis: { showTitle: false },
      render: (_, d) =>
        d.assigneeName ? (
          <Typography.Text ellipsis={{ tooltip: d.assigneeName }}>{d.assigneeName}</Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('dossiers.queue.in_unit_queue')}</Typography.Text>
        ),
    },
    {
      title: t('dossiers.fields.status'),
      dataIndex: 'status',
      key: 'status',
      width: 140,
      render: (_, d) => <DossierStatusTag status={d.status} />,
    },
    {
      title: t('dossiers.fields.timeliness'),
      key: 'timeliness',
      width: 130,
      render: (_, d) => <OpenTimelinessTag value={d.timeliness} overdueDays={d.overdueDays} />,
    },
  ];
}

/**
 * The queue on a phone (issue #13 item 10): one column, each row a small card (code and status, applicant,
 * procedure, due moment and timeliness) whose texts wrap, so a row reads without scrolling sideways.
 */
export function dossierPhoneColumns({ t }: Pick<Options, 't'>): TableColumnsType<DossierListItem> {
  return [
    {
      title: t('dossiers.queue.phone_column'),
      key: 'dossier',
      render: (_, d) => (
        <div className="dossier-phone-row">
          <div className="dossier-phone-row-head">
            <Link to={`/dossiers/${encodeURIComponent(d.id)}`}>{d.code}</Link>
            <DossierStatusTag status={d.status} />
          </div>
          <Typography.Text strong>{d.applicantName}</Typography.Text>
          <Typography.Text type="secondary">{d.procedureName}</Typography.Text>
          <div className="dossier-phone-row-due">
            <span>
              {t('dossiers.fields.due_at')}: {d.dueAt ? formatInstant(d.dueAt) : t('dossiers.no_due_date')}
            </span>
            <OpenTimelinessTag value={d.timeliness} overdueDays={d.overdueDays} />
          </div>
        </div>
      ),
    },
  ];
}
