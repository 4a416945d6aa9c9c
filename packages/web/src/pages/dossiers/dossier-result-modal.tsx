import { UploadOutlined } from '@ant-design/icons';
import { localDateOf, type Instant } from '@cchc/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, Modal, Select, Typography, Upload } from 'antd';
import type { UploadFile } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dossierKeys, runDossierAction, uploadDossierFile } from '../../api/dossiers';
import { ApiError } from '../../api/http';
import type { Dossier, DossierResultKind } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { fieldErrorMessage } from '../../errors';
import { isConflict } from './dossier-actions';
import { DossierConflictAlert } from './dossier-conflict-alert';
import { vnToday } from './dossier-format';

export const RESULT_KINDS: readonly DossierResultKind[] = ['licence', 'certificate', 'written_answer', 'refusal'];
const DATE_FORMAT = 'DD/MM/YYYY';
const FIELDS = ['kind', 'number', 'date', 'signer', 'fileId', 'electronic'] as const;

interface Values {
  kind?: DossierResultKind;
  number?: string;
  date?: Dayjs;
  signer?: string;
  electronic?: boolean;
}

/**
 * "Result ready" asks for the result document (issue #13): kind, number, signing date (not in the
 * future, not before receipt), signer, the signed file (not required for a refusal) and whether it is
 * issued as an electronic result (only when the procedure issues them). The file is attached to the
 * dossier first, then the action is sent with its id.
 */
export function DossierResultModal({ dossier, open, onClose }: { dossier: Dossier; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [file, setFile] = useState<UploadFile | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);

  const run = useMutation({
    mutationFn: async (v: Values) => {
      const raw = file?.originFileObj;
      const uploaded = raw ? await uploadDossierFile(dossier.id, raw) : null;
      return runDossierAction(dossier.id, dossier.version, {
        action: 'markResultReady',
        result: {
          kind: v.kind!,
          number: v.number?.trim() ?? '',
          date: v.date!.format('YYYY-MM-DD'),
          signer: v.signer?.trim() ?? '',
          fileId: uploaded?.id ?? null,
          electronic: v.electronic === true,
        },
      });
    },
    onSuccess: async (updated) => {
      message.success(t('dossiers.detail.action_done', { action: t('dossiers.actions.markResultReady') }));
      queryClient.setQueryData(dossierKeys.detail(dossier.id), updated);
      await queryClient.invalidateQueries({ queryKey: dossierKeys.all });
      onClose();
    },
    onError: async (error) => {
      await queryClient.invalidateQueries({ queryKey: dossierKeys.files(dossier.id) });
      if (!(error instanceof ApiError)) return;
      // The server names each field as body.result.<field>; the file is shown under the upload.
      const byField = new Map<string, string[]>();
      for (const e of error.errors) {
        const field = e.path.split('.').pop() ?? '';
        if (!(FIELDS as readonly string[]).includes(field)) continue;
        byField.set(field, [...(byField.get(field) ?? []), fieldErrorMessage(e.code)]);
      }
      setFileError(byField.get('fileId')?.join(' ') ?? null);
      form.setFields([...byField.entries()].filter(([f]) => f !== 'fileId').map(([name, errors]) => ({ name: name as keyof Values, errors })));
    },
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setFile(null);
    setFileError(null);
    run.reset();
    // Reset only when the dialog opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  if (!open) return null;
  const today = vnToday();
  const receivedOn = dossier.receivedAt ? localDateOf(dossier.receivedAt as Instant) : null;
  const fileRequired = kind !== undefined && kind !== 'refusal';
  const submit = (v: Values) => {
    if (fileRequired && !file) {
      setFileError(t('desk.result.file_required'));
      return;
    }
    run.mutate(v);
  };
  const required = (field: string) => [{ required: true, whitespace: true, message: t('common.required', { field: field.toLowerCase() }) }];

  return (
    <Modal
      open
      title={t('desk.result.title')}
      okText={t('dossiers.actions.markResultReady')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: isConflict(run.error) }}
      confirmLoading={run.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      forceRender
    >
      {isConflict(run.error) ? (
        <DossierConflictAlert dossierId={dossier.id} error={run.error} onClose={onClose} />
      ) : run.isError ? (
        <ErrorAlert error={run.error} />
      ) : null}
      <Typography.Paragraph type="secondary">{t('desk.result.hint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={submit} initialValues={{ electronic: false }}>
        <Form.Item
          name="kind"
          label={t('desk.result.kind')}
          rules={[{ required: true, message: t('common.select_required', { field: t('desk.result.kind').toLowerCase() }) }]}
        >
          <Select showSearch optionFilterProp="label" options={RESULT_KINDS.map((k) => ({ value: k, label: t(`desk.result_kind.${k}`) }))} />
        </Form.Item>
        <Form.Item name="number" label={t('desk.result.number')} rules={required(t('desk.result.number'))}>
          <Input maxLength={100} autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="date"
          label={t('desk.result.date')}
          rules={[{ required: true, message: t('common.select_required', { field: t('desk.result.date').toLowerCase() }) }]}
        >
          <DatePicker
            format={DATE_FORMAT}
            placeholder={DATE_FORMAT.toLowerCase()}
            disabledDate={(d) => {
              const day = d.format('YYYY-MM-DD');
              return day > today || (receivedOn !== null && day < receivedOn);
            }}
          />
        </Form.Item>
        <Form.Item name="signer" label={t('desk.result.signer')} rules={required(t('desk.result.signer'))}>
          <Input maxLength={300} autoComplete="off" />
        </Form.Item>
        <Form.Item
          label={fileRequired ? t('desk.result.file') : t('desk.result.file_optional')}
          required={fileRequired}
          validateStatus={fileError ? 'error' : undefined}
          help={fileError ?? t('desk.result.file_hint')}
        >
          <Upload
            maxCount={1}
            fileList={file ? [file] : []}
            beforeUpload={() => false}
            onChange={({ fileList }) => {
              setFile(fileList[fileList.length - 1] ?? null);
              setFileError(null);
            }}
          >
            <Button icon={<UploadOutlined />}>{t('desk.result.choose_file')}</Button>
          </Upload>
        </Form.Item>
        <Form.Item
          name="electronic"
          valuePropName="checked"
          extra={dossier.electronicResultAllowed ? t('desk.result.electronic_hint') : t('desk.result.electronic_not_allowed')}
        >
          <Checkbox disabled={!dossier.electronicResultAllowed}>{t('desk.result.electronic')}</Checkbox>
        </Form.Item>
      </Form>
    </Modal>
  );
}
