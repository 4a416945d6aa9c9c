import { EyeOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, Modal, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ToneTag } from '../../components/tone-tag';
import { dossierKeys, listDossierFiles, runDossierAction } from '../../api/dossiers';
import { ApiError } from '../../api/http';
import type { Dossier, DossierAction, DossierFile } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { isConflict } from './dossier-actions';
import { DossierConflictAlert } from './dossier-conflict-alert';
import { FilePreview } from './dossier-files-card';
import { formatFileSize } from '../../format';

/** The components a 422 `dossier.components_unconfirmed` names. */
function missingOf(error: unknown): string[] {
  if (!(error instanceof ApiError) || error.code !== 'dossier.components_unconfirmed') return [];
  const missing = (error.detail as { missing?: unknown } | undefined)?.missing;
  return Array.isArray(missing) ? missing.filter((m): m is string => typeof m === 'string') : [];
}

interface Props {
  dossier: Dossier;
  open: boolean;
  onClose: () => void;
  /**
   * Opens another action's dialog: the alternatives (refuse, request a supplement) are the existing
   * transitions, started with what the check found missing.
   */
  onOpen: (action: DossierAction, initial?: { reason?: string; items?: string[] }) => void;
}

/**
 * Receiving an online filing (issue #13): the officer checks each component against the file the
 * applicant attached (preview in place) and ticks it; every mandatory component must be ticked. The
 * same dialog offers the alternatives the lifecycle allows now: refuse with a reason, or ask for a supplement.
 */
export function DossierReceiveModal({ dossier, open, onClose, onOpen }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [checked, setChecked] = useState<string[]>([]);
  const [preview, setPreview] = useState<DossierFile | null>(null);
  const files = useQuery({ queryKey: dossierKeys.files(dossier.id), queryFn: () => listDossierFiles(dossier.id), enabled: open });
  const run = useMutation({
    mutationFn: () => runDossierAction(dossier.id, dossier.version, { action: 'receive', confirmedComponents: checked }),
    onSuccess: async (updated) => {
      message.success(t('dossiers.detail.action_done', { action: t('dossiers.actions.receive') }));
      queryClient.setQueryData(dossierKeys.detail(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
      onClose();
    },
  });

  useEffect(() => {
    if (open) {
      setChecked([]);
      run.reset();
    }
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!open) return null;
  const items = dossier.procedureComponents.length > 0 ? dossier.procedureComponents : dossier.components.map((c) => ({ name: c.name, mandatory: false }));
  const mandatory = items.filter((c) => c.mandatory).map((c) => c.name);
  const allMandatory = mandatory.every((m) => checked.includes(m));
  const missing = missingOf(run.error);
  const toggle = (name: string, on: boolean) => setChecked((cur) => (on ? [...cur.filter((c) => c !== name), name] : cur.filter((c) => c !== name)));
  // The mandatory components the officer did not tick are what the applicant must add: they start the
  // refusal's reason or the supplement request's list (a missing optional one is no ground for either).
  const unticked = mandatory.filter((m) => !checked.includes(m));
  const switchTo = (action: DossierAction) => {
    onClose();
    const reason = unticked.length > 0 ? t('desk.receive.missing_reason', { items: unticked.join('; ') }) : undefined;
    const withItems = action === 'requestSupplement' || action === 'requestCompletion';
    onOpen(action, withItems ? { items: unticked, ...(reason ? { reason } : {}) } : reason ? { reason } : {});
  };

  return (
    <Modal
      open
      width="min(900px, 96vw)"
      title={t('desk.receive.title', { code: dossier.code })}
      onCancel={onClose}
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          {dossier.can.requestSupplement ? <Button onClick={() => switchTo('requestSupplement')}>{t('desk.receive.request_supplement')}</Button> : null}
          {dossier.can.requestCompletion ? <Button onClick={() => switchTo('requestCompletion')}>{t('desk.receive.request_completion')}</Button> : null}
          {dossier.can.refuse ? (
            <Button danger onClick={() => switchTo('refuse')}>
              {t('desk.receive.refuse')}
            </Button>
          ) : null}
          <Button type="primary" disabled={!allMandatory || isConflict(run.error)} loading={run.isPending} onClick={() => run.mutate()}>
            {t('desk.receive.confirm')}
          </Button>
        </Space>
      }
    >
      {isConflict(run.error) ? (
        <DossierConflictAlert dossierId={dossier.id} error={run.error} onClose={onClose} />
      ) : run.isError ? (
        <ErrorAlert error={run.error} />
      ) : null}
      {missing.length > 0 ? <Typography.Paragraph type="danger">{t('desk.receive.missing', { items: missing.join('; ') })}</Typography.Paragraph> : null}
      <Typography.Paragraph type="secondary">{t('desk.receive.hint')}</Typography.Paragraph>
      <Table
        rowKey="name"
        size="small"
        pagination={false}
        dataSource={items}
        loading={files.isPending}
        columns={[
          {
            title: t('desk.receive.checked'),
            key: 'checked',
            width: 90,
            render: (_, c) => (
              <Checkbox
                checked={checked.includes(c.name)}
                onChange={(e) => toggle(c.name, e.target.checked)}
                aria-label={t('desk.receive.check_named', { name: c.name })}
              />
            ),
          },
          {
            title: t('desk.files.component'),
            key: 'name',
            render: (_, c) => (
              <Space size={4} wrap>
                <span>{c.name}</span>
                {c.mandatory ? <ToneTag tone="blue">{t('desk.files.mandatory')}</ToneTag> : null}
              </Space>
            ),
          },
          {
            title: t('desk.receive.attached'),
            key: 'file',
            render: (_, c) => {
              const attached = (files.data?.items ?? []).filter((f) => f.component === c.name);
              if (attached.length === 0) return <Typography.Text type="secondary">{t('desk.files.not_attached')}</Typography.Text>;
              return (
                <Space direction="vertical" size={2}>
                  {attached.map((f) => (
                    <Space key={f.id} size={4} wrap>
                      <span>{`${f.name} (${formatFileSize(f.size)})`}</span>
                      {f.previewable ? (
                        <Button size="small" icon={<EyeOutlined />} onClick={() => setPreview(f)} aria-label={t('desk.files.preview_named', { name: f.name })}>
                          {t('desk.files.preview')}
                        </Button>
                      ) : null}
                    </Space>
                  ))}
                </Space>
              );
            },
          },
        ]}
      />
      {!allMandatory ? <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>{t('desk.receive.tick_all')}</Typography.Paragraph> : null}
      <FilePreview dossierId={dossier.id} file={preview} onClose={() => setPreview(null)} />
    </Modal>
  );
}
