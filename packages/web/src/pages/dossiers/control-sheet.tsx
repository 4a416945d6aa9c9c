import { Card, Empty, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierHandover } from '../../api/types';
import { formatInstant } from '../../format';
import { stepLabel } from './dossier-format';
import { ResultTag } from './dossier-tags';
import { ReceiptChecks } from './dossier-result-card';

/** Form 05 "Phiếu kiểm soát quá trình giải quyết hồ sơ": each hand-over with its time, due time and result. */
export function ControlSheet({ dossier }: { dossier: Dossier }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dossiers.control.title')}>
      <Typography.Paragraph type="secondary">
        {t('dossiers.control.intro', {
          received: formatInstant(dossier.receivedAt) || t('common.none'),
          due: formatInstant(dossier.dueAt) || t('dossiers.no_due_date'),
        })}
      </Typography.Paragraph>
      <ReceiptChecks dossier={dossier} />
      <Table<DossierHandover>
        rowKey={(r) => `${r.stepIndex}:${r.at}`}
        size="small"
        pagination={false}
        dataSource={dossier.handovers}
        scroll={{ x: 1040 }}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('dossiers.control.empty')} /> }}
        columns={[
          { title: t('dossiers.control.no'), key: 'no', width: 50, render: (_, __, i) => i + 1 },
          {
            title: t('dossiers.control.handover'),
            key: 'handover',
            width: 300,
            render: (_, r) =>
              t(r.kind === 'return' ? 'dossiers.control.return_line' : 'dossiers.control.handover_line', {
                from: stepLabel(dossier, r.fromStep),
                to: r.toStep ? stepLabel(dossier, r.toStep) : t('dossiers.control.desk'),
              }),
          },
          {
            title: t('dossiers.control.people'),
            key: 'people',
            width: 220,
            render: (_, r) =>
              r.byName ? (
                <>
                  <div>{t('dossiers.control.by', { name: r.byName })}</div>
                  <div>
                    {r.toName ? t('dossiers.control.received_by', { name: r.toName, at: formatInstant(r.receivedAt) }) : t('dossiers.control.in_queue')}
                  </div>
                </>
              ) : (
                ''
              ),
          },
          { title: t('dossiers.control.at'), dataIndex: 'at', key: 'at', width: 140, render: (v: string) => formatInstant(v) },
          { title: t('dossiers.control.due_at'), dataIndex: 'dueAt', key: 'dueAt', width: 140, render: (v: string) => formatInstant(v) },
          { title: t('dossiers.control.result'), key: 'result', width: 110, render: (_, r) => <ResultTag value={r.timeliness} /> },
          { title: t('dossiers.control.note'), dataIndex: 'note', key: 'note', render: (v: string | null) => v ?? '' },
        ]}
      />
    </Card>
  );
}
