import { UploadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Button, Form, Modal, Typography, Upload } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportRowProblem } from '../api/types';
import { ErrorAlert } from './error-alert';
import { ImportErrorsTable, type ImportErrorsText } from './import-errors-table';

/** The translated texts of the dialog around the form fields. */
export interface FileImportText {
  title: string;
  submit: string;
  hint: string;
  file: string;
  fileRequired: string;
  fileHint: string;
  pick: string;
  /** The errors table's texts for `count` problems. */
  errors: (count: number) => ImportErrorsText;
}

interface Props<V, R> {
  open: boolean;
  onClose: () => void;
  /** The form's name, so its fields get stable ids. */
  name: string;
  initialValues?: Partial<V>;
  /** The file types the picker offers, as in `<input accept>`. */
  accept: string;
  text: FileImportText;
  send: (values: V, file: File) => Promise<R>;
  /** Runs after a successful import, before the dialog closes. */
  onImported: (result: R) => Promise<void>;
  /** Runs once the dialog has closed after a successful import. */
  afterClose?: (result: R) => void;
  /** The row problems of a refused file, or null for an error shown as a plain alert. */
  problems: (error: unknown) => ImportRowProblem[] | null;
  columnName: (column: string) => string;
  problemText: (code: string) => string;
  /** The form fields above the file picker. */
  children: ReactNode;
}

/**
 * Sends one picked file with a small form; a refused file lists every row and column at fault in a
 * table, and any other error shows as an alert. Nothing is sent until a file is picked.
 */
export function FileImportModal<V, R>(props: Props<V, R>) {
  const { open, onClose, name, initialValues, accept, text, send, onImported, afterClose, problems, columnName, problemText, children } = props;
  const { t } = useTranslation();
  const [form] = Form.useForm<V>();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const upload = useMutation({
    mutationFn: (v: V) => send(v, file as File),
    onSuccess: async (result) => {
      await onImported(result);
      close();
      afterClose?.(result);
    },
  });
  const close = () => {
    upload.reset();
    setFile(null);
    setFileMissing(false);
    form.resetFields();
    onClose();
  };
  const rows = problems(upload.error);

  return (
    <Modal
      open={open}
      title={text.title}
      okText={text.submit}
      cancelText={t('common.cancel')}
      confirmLoading={upload.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={860}
      forceRender
    >
      <Typography.Paragraph>{text.hint}</Typography.Paragraph>
      {rows ? (
        <ImportErrorsTable problems={rows} text={text.errors(rows.length)} columnName={columnName} problemText={problemText} />
      ) : upload.isError ? (
        <ErrorAlert error={upload.error} />
      ) : null}
      <Form<V>
        form={form}
        name={name}
        layout="vertical"
        initialValues={initialValues}
        onFinish={(v) => {
          if (!file) {
            setFileMissing(true);
            return;
          }
          upload.mutate(v);
        }}
      >
        {children}
        <Form.Item label={text.file} required validateStatus={fileMissing ? 'error' : undefined} help={fileMissing ? text.fileRequired : text.fileHint}>
          <Upload
            accept={accept}
            maxCount={1}
            beforeUpload={(f) => {
              setFile(f);
              setFileMissing(false);
              upload.reset();
              return false;
            }}
            onRemove={() => setFile(null)}
            fileList={file ? [{ uid: 'file', name: file.name, status: 'done' }] : []}
          >
            <Button icon={<UploadOutlined />}>{text.pick}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
