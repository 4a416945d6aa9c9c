import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Checkbox, DatePicker, Form, Input, Space, Tag, Upload } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { reportKeys, submitReport, uploadReportFile, type ReportInstanceView } from '../../api/reports';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors, errorMessage } from '../../errors';
import { formatDate } from '../../format';
import { vnToday } from '../dossiers/dossier-format';

const DATE_FORMAT = 'DD/MM/YYYY';

interface Values {
  sentNumber: string;
  sentOn: Dayjs;
  ticked: string[];
  lateReason?: string;
  note?: string;
}

/** Submits (or resubmits) the report: files first through /api/files, then the record with the sent number and date. */
export function ReportSubmitForm({ instance }: { instance: ReportInstanceView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [files, setFiles] = useState<Array<{ id: string; name: string }>>([]);
  const [filesError, setFilesError] = useState(false);
  const sentOn = Form.useWatch('sentOn', form);
  const isLate = !!sentOn && sentOn.format('YYYY-MM-DD') > instance.dueOn;
  // The civil day in Viet Nam, not the browser's: after 17:00 UTC a browser set to UTC is still on yesterday.
  const today = vnToday();

  const upload = useMutation({
    mutationFn: (file: File) => uploadReportFile(instance.id, file),
    onSuccess: (f) => {
      setFiles((prev) => [...prev, { id: f.id, name: f.name }]);
      setFilesError(false);
    },
    onError: (e) => message.error(`${t('reports.form.upload_failed')}: ${errorMessage(e)}`),
  });
  const submit = useMutation({
    mutationFn: (v: Values) =>
      submitReport(instance.id, {
        version: instance.version,
        sentNumber: v.sentNumber,
        sentOn: v.sentOn.format('YYYY-MM-DD'),
        ticked: v.ticked ?? [],
        fileIds: files.map((f) => f.id),
        lateReason: v.lateReason?.trim() || null,
        note: v.note?.trim() || null,
      }),
    onSuccess: (view) => {
      queryClient.setQueryData(reportKeys.detail(instance.id), view);
      void queryClient.invalidateQueries({ queryKey: ['reports', 'instances'] });
      message.success(t('reports.form.submitted'));
      form.resetFields();
      setFiles([]);
    },
    onError: (e) => {
      if (e instanceof ApiError && e.code === 'report.late_reason_required') form.setFields([{ name: 'lateReason', errors: [errorMessage(e)] }]);
      else applyFieldErrors(form, e, ['sentNumber', 'sentOn', 'ticked', 'lateReason', 'note']);
      if (e instanceof ApiError && e.status === 409) void queryClient.invalidateQueries({ queryKey: reportKeys.detail(instance.id) });
    },
  });

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      initialValues={{ ticked: [] }}
      onFinish={(v) => {
        if (files.length === 0) return setFilesError(true);
        submit.mutate(v);
      }}
      style={{ maxWidth: 720 }}
    >
      <Form.Item
        label={t('reports.form.files')}
        required
        validateStatus={filesError ? 'error' : undefined}
        help={filesError ? t('reports.form.files_required') : undefined}
      >
        <Space wrap>
          {files.map((f) => (
            <Tag key={f.id} closable onClose={() => setFiles((prev) => prev.filter((x) => x.id !== f.id))}>
              {f.name}
            </Tag>
          ))}
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              upload.mutate(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={upload.isPending}>
              {t('reports.form.upload')}
            </Button>
          </Upload>
        </Space>
      </Form.Item>
      <Space wrap size={16} align="start">
        <Form.Item
          name="sentNumber"
          label={t('reports.form.sent_number')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('reports.form.sent_number').toLowerCase() }) }]}
        >
          <Input style={{ width: 240 }} maxLength={100} />
        </Form.Item>
        <Form.Item
          name="sentOn"
          label={t('reports.form.sent_on')}
          rules={[{ required: true, message: t('common.select_required', { field: t('reports.form.sent_on').toLowerCase() }) }]}
        >
          <DatePicker format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} disabledDate={(d) => d.format('YYYY-MM-DD') > today} />
        </Form.Item>
      </Space>
      {instance.checklist.length ? (
        <Form.Item name="ticked" label={t('reports.form.checklist')}>
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={instance.checklist.map((c) => ({ value: c.key, label: c.label }))}
          />
        </Form.Item>
      ) : null}
      {isLate ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('reports.form.late_notice', { due: formatDate(instance.dueOn) })} />
      ) : null}
      {isLate ? (
        <Form.Item
          name="lateReason"
          label={t('reports.form.late_reason')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('reports.form.late_reason').toLowerCase() }) }]}
        >
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      ) : null}
      <Form.Item name="note" label={t('reports.form.note')}>
        <Input.TextArea rows={2} maxLength={2000} />
      </Form.Item>
      {submit.isError && !(submit.error instanceof ApiError && (submit.error.code === 'report.late_reason_required' || submit.error.errors.length)) ? (
        <ErrorAlert error={submit.error} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={submit.isPending}>
        {t('reports.form.submit')}
      </Button>
    </Form>
  );
}
