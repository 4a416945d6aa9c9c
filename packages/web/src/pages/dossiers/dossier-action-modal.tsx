import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, DatePicker, Form, Input, Modal, Radio, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { dossierKeys, listHandoverCandidates, runDossierAction } from '../../api/dossiers';
import { ApiError } from '../../api/http';
import type { Dossier, DossierActionInput, DossierReturnMethod } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors } from '../../errors';
import { formatDate } from '../../format';
import { isConflict, type ActionSpec } from './dossier-actions';
import { DossierConflictAlert } from './dossier-conflict-alert';
import { vnToday } from './dossier-format';

interface Values {
  reason?: string;
  note?: string;
  items?: string[];
  newDueDate?: Dayjs;
  method?: DossierReturnMethod;
  receivedBy?: string;
  /** The next step's performer chosen by the sender; '' leaves the dossier in the unit's queue. */
  handoverTo?: string;
}

const FIELDS = ['reason', 'note', 'items', 'newDueDate', 'method', 'receivedBy', 'handoverTo'] as const;
const RETURN_METHODS: readonly DossierReturnMethod[] = ['counter', 'post', 'online'];
const DATE_FORMAT = 'DD/MM/YYYY';

function toInput(spec: ActionSpec, v: Values): DossierActionInput {
  const text = (s: string | undefined) => s?.trim() ?? '';
  switch (spec.action) {
    case 'requestSupplement':
    case 'requestCompletion':
      return { action: spec.action, reason: text(v.reason), items: (v.items ?? []).map((i) => i.trim()).filter(Boolean) };
    case 'refuse':
    case 'stop':
      return { action: spec.action, reason: text(v.reason) };
    case 'withdraw':
    case 'requestPayment':
      return text(v.reason) ? { action: spec.action, reason: text(v.reason) } : { action: spec.action };
    case 'completeStep':
      return { action: 'completeStep', ...(text(v.note) ? { note: text(v.note) } : {}), handoverTo: v.handoverTo || null };
    case 'returnStep':
      return { action: 'returnStep', reason: text(v.reason) };
    case 'returnResult':
      return { action: 'returnResult', method: v.method ?? 'counter', receivedBy: text(v.receivedBy) };
    case 'issueApology':
      return { action: 'issueApology', reason: text(v.reason), newDueDate: v.newDueDate!.format('YYYY-MM-DD') };
    case 'receive':
      // Receiving has its own dialog with the components checklist (dossier-receive-modal.tsx).
      return { action: 'receive', confirmedComponents: [] };
    case 'markResultReady':
      throw new Error('markResultReady has its own dialog (dossier-result-modal.tsx)');
    default:
      return { action: spec.action };
  }
}

interface Props {
  dossier: Dossier;
  spec: ActionSpec | null;
  onClose: () => void;
  /** Opens another action's modal, e.g. the apology when the rule asks for one. */
  onOpen: (action: ActionSpec['action']) => void;
  /** Values to start from, e.g. a refusal's reason listing what the receipt check found missing. */
  initial?: { reason?: string; items?: string[] } | null;
}

/** One lifecycle action: its small form, the 422 rule messages and the 409 reload prompt. */
export function DossierActionModal({ dossier, spec, onClose, onOpen, initial }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  // Who the step can be handed to: the next step's performers (docs/domain/dossiers.md#step-performers).
  const candidates = useQuery({
    queryKey: dossierKeys.handover(dossier.id, dossier.version),
    queryFn: () => listHandoverCandidates(dossier.id),
    enabled: spec?.input === 'handover',
  });

  const run = useMutation({
    mutationFn: (v: Values) => runDossierAction(dossier.id, dossier.version, toInput(spec!, v)),
    onSuccess: async (updated) => {
      message.success(t('dossiers.detail.action_done', { action: t(`dossiers.actions.${spec!.action}`) }));
      if (updated && typeof updated === 'object' && 'id' in updated) queryClient.setQueryData(dossierKeys.detail(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
      close();
    },
    onError: (error) => {
      applyFieldErrors(form, error, FIELDS);
    },
  });

  useEffect(() => {
    if (!spec) return;
    form.resetFields();
    if (spec.input === 'handover') form.setFieldsValue({ handoverTo: '' });
    if (spec.input === 'return') form.setFieldsValue({ method: dossier.channel === 'online' ? 'online' : 'counter', receivedBy: dossier.applicant.name });
    if (initial) form.setFieldsValue(initial);
    run.reset();
    // Reset only when another action opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [spec, form]);

  const close = () => {
    run.reset();
    onClose();
  };

  if (!spec) return null;
  const input = spec.input;
  const requiredReason = [{ required: true, whitespace: true, message: t('common.required', { field: t('dossiers.fields.reason').toLowerCase() }) }];
  const apologyRequired = run.error instanceof ApiError && run.error.code === 'dossier.apology_required';
  const today = vnToday();

  return (
    <Modal
      open
      title={t(`dossiers.actions.${spec.action}`)}
      okText={t(`dossiers.actions.${spec.action}`)}
      okButtonProps={{ danger: spec.danger, disabled: isConflict(run.error) }}
      cancelText={t('common.cancel')}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      {isConflict(run.error) ? (
        <DossierConflictAlert dossierId={dossier.id} error={run.error} onClose={close} />
      ) : run.isError ? (
        <>
          <ErrorAlert error={run.error} />
          {apologyRequired && dossier.can.issueApology ? (
            <Button style={{ marginBottom: 16 }} onClick={() => onOpen('issueApology')}>
              {t('dossiers.actions.issueApology')}
            </Button>
          ) : null}
        </>
      ) : null}
      <Typography.Paragraph type="secondary">{t(`dossiers.action_hints.${spec.action}`)}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        {input === 'supplement' ? (
          <Form.Item
            name="items"
            label={t('dossiers.fields.supplement_items')}
            extra={t('dossiers.detail.items_hint')}
            rules={[{ required: true, type: 'array', min: 1, message: t('dossiers.detail.items_required') }]}
          >
            <Select
              mode="tags"
              options={[...new Set([...dossier.procedureComponents.map((c) => c.name), ...dossier.components.map((c) => c.name)])].map((name) => ({
                value: name,
                label: name,
              }))}
              tokenSeparators={['\n']}
            />
          </Form.Item>
        ) : null}
        {input === 'reason' || input === 'supplement' || input === 'apology' ? (
          <Form.Item name="reason" label={t('dossiers.fields.reason')} rules={requiredReason}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        {input === 'optional_reason' ? (
          <Form.Item name="reason" label={t('dossiers.fields.reason_optional')}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
        ) : null}
        {input === 'handover' && candidates.data?.step ? (
          <Form.Item
            name="handoverTo"
            label={t('dossiers.handover.to', { step: candidates.data.step.name })}
            extra={
              candidates.data.step.performerRole ? t('dossiers.handover.performer', { role: t(`roles.${candidates.data.step.performerRole}`) }) : undefined
            }
          >
            <Select
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.isLoading}
              options={[
                { value: '', label: t('dossiers.handover.queue') },
                ...candidates.data.items.map((u) => ({ value: u.id, label: u.unitName ? `${u.fullName} (${u.unitName})` : u.fullName })),
              ]}
            />
          </Form.Item>
        ) : null}
        {input === 'note' || input === 'handover' ? (
          <Form.Item name="note" label={t('dossiers.fields.note')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
        ) : null}
        {input === 'apology' ? (
          <Form.Item
            name="newDueDate"
            label={t('dossiers.fields.new_due_date')}
            extra={dossier.dueDate ? t('dossiers.detail.current_due', { date: formatDate(dossier.dueDate) }) : undefined}
            rules={[{ required: true, message: t('common.select_required', { field: t('dossiers.fields.new_due_date').toLowerCase() }) }]}
          >
            <DatePicker
              format={DATE_FORMAT}
              placeholder={DATE_FORMAT.toLowerCase()}
              disabledDate={(d) => {
                const day = d.format('YYYY-MM-DD');
                return day < today || (dossier.dueDate !== null && day <= dossier.dueDate) || d.day() === 0;
              }}
            />
          </Form.Item>
        ) : null}
        {input === 'return' ? (
          <>
            <Form.Item name="method" label={t('dossiers.fields.return_method')} rules={[{ required: true }]}>
              <Radio.Group options={RETURN_METHODS.map((m) => ({ value: m, label: t(`dossiers.return_method.${m}`) }))} />
            </Form.Item>
            <Form.Item
              name="receivedBy"
              label={t('dossiers.fields.received_by')}
              rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('dossiers.fields.received_by').toLowerCase() }) }]}
            >
              <Input maxLength={200} autoComplete="off" />
            </Form.Item>
          </>
        ) : null}
      </Form>
    </Modal>
  );
}
