import { ArrowLeftOutlined, ArrowRightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Empty, Flex, Row, Space, Spin, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { dossierKeys, getDossier } from '../../api/dossiers';
import type { Dossier, DossierAction } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { PageHeader } from '../../components/page-header';
import { formatDate, formatInstant } from '../../format';
import { lookupText } from '../../i18n/lookup';
import { ControlSheet } from './control-sheet';
import { DossierActionModal } from './dossier-action-modal';
import { DossierAssignModal } from './dossier-assign-modal';
import { ACTION_SPECS, allowedActions, nextAction, type ActionSpec } from './dossier-actions';
import { asSentence, dueText, isTimeLimitUnit } from './dossier-format';
import { DossierFormsCard } from './dossier-forms';
import { DossierPausesCard, DossierStepsCard } from './dossier-steps';
import { DossierFilesCard } from './dossier-files-card';
import { DossierReceiveModal } from './dossier-receive-modal';
import { DossierResultCard } from './dossier-result-card';
import { DossierResultModal } from './dossier-result-modal';
import { DossierStatusTag, OpenTimelinessTag, ResultTag } from './dossier-tags';

const OWN_DIALOG: readonly DossierAction[] = ['receive', 'markResultReady'];

export function DossierDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const dossier = useQuery({ queryKey: dossierKeys.detail(id), queryFn: () => getDossier(id), enabled: id !== '' });

  if (dossier.isPending) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin aria-label={t('app.loading')} />
      </Flex>
    );
  }
  if (dossier.isError) {
    return (
      <>
        <PageHeader title={t('dossiers.detail.title_unknown')} />
        <ErrorAlert error={dossier.error} onRetry={() => void dossier.refetch()} />
        <Link to="/dossiers">{t('dossiers.detail.back')}</Link>
      </>
    );
  }
  return <DossierDetail dossier={dossier.data} />;
}

function DossierDetail({ dossier: d }: { dossier: Dossier }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<ActionSpec | null>(null);
  const [assigning, setAssigning] = useState(false);
  const actions = allowedActions(d.can);
  const next = nextAction(actions, d);
  // Closing actions (refuse, stop, withdraw) come last, after the ordinary ones.
  const others = [...actions.filter((s) => s.action !== next && !s.danger), ...actions.filter((s) => s.action !== next && s.danger)];
  const [initial, setInitial] = useState<{ reason?: string; items?: string[] } | null>(null);
  const openAction = (action: DossierAction, values: { reason?: string; items?: string[] } | null = null) => {
    setInitial(values);
    setOpen(ACTION_SPECS.find((s) => s.action === action) ?? null);
  };
  const dash = t('common.none');
  const openPause = d.pauses.find((p) => p.to === null);
  const openCompletion = d.status === 'awaiting_completion' ? d.completionRequests.at(-1) : undefined;

  return (
    <>
      <PageHeader
        title={t('dossiers.detail.title', { code: d.code })}
        extra={
          <Link to="/dossiers">
            <ArrowLeftOutlined /> {t('dossiers.detail.back')}
          </Link>
        }
      />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap size={[8, 8]} style={{ marginBottom: 16 }}>
          <DossierStatusTag status={d.status} />
          <Typography.Text type="secondary">
            {t('dossiers.detail.national_code', { code: d.nationalStatusCode, label: lookupText(`dossiers.national_status.${d.nationalStatusCode}`) ?? '' })}
          </Typography.Text>
          <OpenTimelinessTag value={d.timeliness} overdueDays={d.overdueDays} />
          <ResultTag value={d.result} />
        </Space>
        <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }}>
          <Descriptions.Item label={t('dossiers.fields.code')}>
            <Typography.Text copyable>{d.code}</Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('dossiers.fields.lookup_pin')}>{d.lookupPin}</Descriptions.Item>
          <Descriptions.Item label={t('dossiers.fields.channel')}>{t(`dossiers.channel.${d.channel}`)}</Descriptions.Item>
          {d.submittedAt && d.channel === 'online' ? (
            <Descriptions.Item label={t('dossiers.fields.submitted_at')}>{formatInstant(d.submittedAt)}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('dossiers.fields.received_at')}>{formatInstant(d.receivedAt) || dash}</Descriptions.Item>
          {d.deemedReceivedOn && d.receivedAt && d.deemedReceivedOn !== d.receivedAt.slice(0, 10) ? (
            <Descriptions.Item label={t('dossiers.fields.deemed_received_on')}>{formatDate(d.deemedReceivedOn)}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('dossiers.fields.due_at')}>
            <Typography.Text strong data-testid="dossier-due">
              {dueText(d, t('dossiers.no_due_date'))}
            </Typography.Text>
          </Descriptions.Item>
          {d.originalDueDate && d.originalDueDate !== d.dueDate ? (
            <Descriptions.Item label={t('dossiers.fields.original_due_date')}>{formatDate(d.originalDueDate)}</Descriptions.Item>
          ) : null}
          {d.statutoryDueDate && d.statutoryDueDate !== d.dueDate ? (
            <Descriptions.Item label={t('dossiers.fields.statutory_due_date')}>{formatDate(d.statutoryDueDate)}</Descriptions.Item>
          ) : null}
          <Descriptions.Item label={t('dossiers.fields.assignee')}>
            <span data-testid="dossier-assignee">{d.assigneeName ?? t('dossiers.detail.unassigned')}</span>
          </Descriptions.Item>
          {d.endOfProcessingAt ? (
            <Descriptions.Item label={t('dossiers.fields.end_of_processing_at')}>{formatInstant(d.endOfProcessingAt)}</Descriptions.Item>
          ) : null}
          {d.finishedAt ? <Descriptions.Item label={t('dossiers.fields.finished_at')}>{formatInstant(d.finishedAt)}</Descriptions.Item> : null}
          {d.rating ? (
            <Descriptions.Item label={t('dossiers.fields.rating')}>
              {t('dossiers.detail.rating_line', { overall: d.rating.overall })}
              {d.rating.comment ? ` – ${d.rating.comment}` : ''}
            </Descriptions.Item>
          ) : null}
          {d.closingReason ? <Descriptions.Item label={t('dossiers.fields.closing_reason')}>{d.closingReason}</Descriptions.Item> : null}
          {d.returnedTo ? (
            <Descriptions.Item label={t('dossiers.fields.returned_to')}>
              {d.returnMethod
                ? t('dossiers.detail.returned_line', { name: d.returnedTo, method: t(`dossiers.return_method.${d.returnMethod}`) })
                : d.returnedTo}
            </Descriptions.Item>
          ) : null}
        </Descriptions>
        {openPause ? (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }}>
            {t(`dossiers.detail.open_pause_${openPause.kind}`, { date: formatInstant(openPause.from), reason: asSentence(openPause.reason) })}
            {openPause.items.length > 0 ? ` ${t('dossiers.detail.pause_items', { items: openPause.items.join('; ') })}` : null}
          </Typography.Paragraph>
        ) : null}
        {openCompletion ? (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0 }} data-testid="dossier-open-completion">
            {t('dossiers.detail.open_completion', { date: formatInstant(openCompletion.at), reason: asSentence(openCompletion.reason) })}{' '}
            {t('dossiers.detail.pause_items', { items: openCompletion.items.join('; ') })}
          </Typography.Paragraph>
        ) : null}
        <section aria-label={t('dossiers.detail.actions_label')} style={{ marginTop: 16 }}>
          {actions.length === 0 && !d.can.assign ? (
            <Typography.Text type="secondary">{t('dossiers.detail.no_actions')}</Typography.Text>
          ) : (
            <Flex vertical gap={12}>
              {/* One primary button, the step the state waits for, with what it does; the rest stay default (issue #13 item 10). */}
              {next ? (
                <div className="dossier-next-action" data-testid="dossier-next-action">
                  <Typography.Text strong>{t('dossiers.detail.next_action')}</Typography.Text>
                  <Flex align="center" gap={12} wrap>
                    <Button
                      type="primary"
                      icon={<ArrowRightOutlined aria-hidden />}
                      onClick={() => (next === 'assign' ? setAssigning(true) : openAction(next))}
                    >
                      {next === 'assign' ? t('dossiers.assign.title') : t(`dossiers.actions.${next}`)}
                    </Button>
                    <Typography.Text type="secondary">
                      {next === 'assign' ? t('dossiers.detail.next_assign_hint') : t(`dossiers.action_hints.${next}`)}
                    </Typography.Text>
                  </Flex>
                </div>
              ) : null}
              {others.length > 0 || (d.can.assign && next !== 'assign') ? (
                <Flex align="center" gap={8} wrap>
                  {next ? <Typography.Text type="secondary">{t('dossiers.detail.other_actions')}</Typography.Text> : null}
                  {others.map((s) => (
                    <Button key={s.action} danger={s.danger} onClick={() => openAction(s.action)}>
                      {t(`dossiers.actions.${s.action}`)}
                    </Button>
                  ))}
                  {d.can.assign && next !== 'assign' ? <Button onClick={() => setAssigning(true)}>{t('dossiers.assign.title')}</Button> : null}
                </Flex>
              ) : null}
            </Flex>
          )}
        </section>
      </Card>

      <DossierResultCard dossier={d} />
      <DossierFilesCard dossier={d} />
      <DossierStepsCard dossier={d} />

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('dossiers.detail.applicant_title')} style={{ height: '100%' }}>
            <Descriptions size="small" column={1}>
              {d.applicant.kind === 'organization' ? (
                <>
                  <Descriptions.Item label={t('dossiers.fields.organisation_name')}>{d.applicant.name}</Descriptions.Item>
                  <Descriptions.Item label={t('dossiers.fields.tax_code')}>{d.applicant.taxCode || dash}</Descriptions.Item>
                  <Descriptions.Item label={t('dossiers.fields.representative')}>{d.applicant.representative || dash}</Descriptions.Item>
                  <Descriptions.Item label={t('dossiers.fields.representative_id_number')}>{d.applicant.idNumber || dash}</Descriptions.Item>
                </>
              ) : (
                <>
                  <Descriptions.Item label={t('dossiers.fields.applicant_name')}>{d.applicant.name}</Descriptions.Item>
                  <Descriptions.Item label={t('dossiers.fields.id_number')}>{d.applicant.idNumber || dash}</Descriptions.Item>
                </>
              )}
              <Descriptions.Item label={t('dossiers.fields.phone')}>{d.applicant.phone || dash}</Descriptions.Item>
              <Descriptions.Item label={t('dossiers.fields.email')}>{d.applicant.email || dash}</Descriptions.Item>
              <Descriptions.Item label={t('dossiers.fields.address')}>{d.applicant.address || dash}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('dossiers.detail.procedure_title')} style={{ height: '100%' }}>
            <Descriptions size="small" column={1}>
              <Descriptions.Item label={t('dossiers.fields.procedure_code')}>{d.procedureCode}</Descriptions.Item>
              <Descriptions.Item label={t('dossiers.fields.procedure')}>{d.procedureName}</Descriptions.Item>
              {d.timeLimit ? (
                <Descriptions.Item label={t('dossiers.receive.time_limit')}>
                  {isTimeLimitUnit(d.timeLimit.unit) ? t(`dossiers.time_limit.${d.timeLimit.unit}`, { count: d.timeLimit.value }) : d.timeLimit.value}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('dossiers.fields.procedure_version')}>{d.procedureVersionNo}</Descriptions.Item>
              {d.unitName ? <Descriptions.Item label={t('dossiers.fields.unit')}>{d.unitName}</Descriptions.Item> : null}
              <Descriptions.Item label={t('dossiers.fields.components')}>
                {d.components.length === 0 ? dash : d.components.map((c) => c.name).join('; ')}
              </Descriptions.Item>
              {d.note ? <Descriptions.Item label={t('dossiers.fields.note')}>{d.note}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
      </Row>

      <ControlSheet dossier={d} />
      <DossierPausesCard dossier={d} />

      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} lg={12}>
          <Card title={t('dossiers.detail.history_title')} style={{ height: '100%' }}>
            {d.history.length === 0 ? (
              <Empty description={t('dossiers.detail.no_history')} />
            ) : (
              <Timeline
                items={d.history.map((h, i) => ({
                  key: `${i}:${h.at}`,
                  content: (
                    <>
                      <Typography.Text strong>{lookupText(`dossiers.history.${h.action}`) ?? t(`dossiers.status.${h.to}`)}</Typography.Text>
                      <br />
                      <Typography.Text type="secondary">
                        {h.actorName ? t('dossiers.detail.history_by', { time: formatInstant(h.at), name: h.actorName }) : formatInstant(h.at)}
                      </Typography.Text>
                      {h.note ? <div>{h.note}</div> : null}
                    </>
                  ),
                }))}
              />
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <DossierFormsCard dossier={d} />
          {d.apologies.length > 0 ? (
            <Card title={t('dossiers.detail.apologies_title')} style={{ marginTop: 16 }}>
              {d.apologies.map((a) => (
                <Typography.Paragraph key={a.issuedAt}>
                  {t('dossiers.detail.apology_line', {
                    time: formatInstant(a.issuedAt),
                    from: formatDate(a.oldDueDate),
                    to: formatDate(a.newDueDate),
                    reason: a.reason,
                  })}
                </Typography.Paragraph>
              ))}
            </Card>
          ) : null}
        </Col>
      </Row>
      {/* Receiving an online filing and recording the result have their own dialogs (issue #13). */}
      <DossierActionModal
        dossier={d}
        spec={open && !OWN_DIALOG.includes(open.action) ? open : null}
        initial={initial}
        onClose={() => setOpen(null)}
        onOpen={openAction}
      />
      <DossierReceiveModal dossier={d} open={open?.action === 'receive'} onClose={() => setOpen(null)} onOpen={openAction} />
      <DossierResultModal dossier={d} open={open?.action === 'markResultReady'} onClose={() => setOpen(null)} />
      <DossierAssignModal dossier={d} open={assigning} onClose={() => setAssigning(false)} />
    </>
  );
}
