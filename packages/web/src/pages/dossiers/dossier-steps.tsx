import { Card, Empty, Steps, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Dossier, DossierPauseView } from '../../api/types';
import { formatInstant } from '../../format';
import './dossier-queue.css';

/** The procedure's internal steps, each with its due time; the one in progress is highlighted. */
export function DossierStepsCard({ dossier: d }: { dossier: Dossier }) {
  const { t } = useTranslation();
  return (
    <Card title={t('dossiers.detail.steps_title')} style={{ marginBottom: 16 }}>
      {d.steps.length === 0 ? (
        <Typography.Text type="secondary">{t('dossiers.detail.no_steps')}</Typography.Text>
      ) : (
        <Steps
          size="small"
          className="dossier-steps"
          current={Math.min(d.currentStep, d.steps.length - 1)}
          status={d.currentStep >= d.steps.length ? 'finish' : d.timeliness === 'overdue' ? 'error' : 'process'}
          items={d.steps.map((s, i) => ({
            title: s.name,
            subTitle: s.code,
            status: s.done ? 'finish' : i === d.currentStep ? (d.timeliness === 'overdue' ? 'error' : 'process') : 'wait',
            content: (
              <span data-step={i} data-current={i === d.currentStep ? 'true' : undefined}>
                {t('dossiers.detail.step_due', { time: formatInstant(s.dueAt) })}
                {s.performerRole ? (
                  <>
                    <br />
                    {t('dossiers.steps.performer', { role: t(`roles.${s.performerRole}`) })}
                  </>
                ) : null}
                {i === d.currentStep ? (
                  <>
                    <br />
                    <Typography.Text strong>{t('dossiers.detail.step_current')}</Typography.Text>
                  </>
                ) : null}
              </span>
            ),
          }))}
        />
      )}
    </Card>
  );
}

/** Supplement and payment pauses: while one is open the clock stands still. */
export function DossierPausesCard({ dossier: d }: { dossier: Dossier }) {
  const { t } = useTranslation();
  if (d.pauses.length === 0) return null;
  return (
    <Card title={t('dossiers.detail.pauses_title')} style={{ marginTop: 16 }}>
      <Table<DossierPauseView>
        rowKey={(p) => `${p.kind}:${p.from}`}
        size="small"
        pagination={false}
        dataSource={d.pauses}
        scroll={{ x: 760 }}
        locale={{ emptyText: <Empty /> }}
        columns={[
          { title: t('dossiers.detail.pause_kind'), key: 'kind', width: 170, render: (_, p) => t(`dossiers.detail.pause_kinds.${p.kind}`) },
          { title: t('dossiers.detail.pause_from'), dataIndex: 'from', key: 'from', width: 140, render: (v: string) => formatInstant(v) },
          {
            title: t('dossiers.detail.pause_to'),
            dataIndex: 'to',
            key: 'to',
            width: 140,
            render: (v: string | null) => (v ? formatInstant(v) : <Typography.Text strong>{t('dossiers.detail.pause_open')}</Typography.Text>),
          },
          {
            title: t('dossiers.detail.pause_days'),
            dataIndex: 'workingDays',
            key: 'workingDays',
            width: 150,
            align: 'right',
            render: (v: number | null) => (v === null ? '' : String(v)),
          },
          {
            title: t('dossiers.fields.reason'),
            key: 'reason',
            render: (_, p) => (
              <>
                {p.reason}
                {p.items.length > 0 ? <div>{t('dossiers.detail.pause_items', { items: p.items.join('; ') })}</div> : null}
              </>
            ),
          },
        ]}
      />
    </Card>
  );
}
