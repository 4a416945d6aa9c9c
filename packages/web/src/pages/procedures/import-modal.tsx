import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/http';
import { importProcedures, procedureKeys } from '../../api/procedures';
import type { FieldProblem, ImportRowProblem } from '../../api/types';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { fieldErrorMessage } from '../../errors';
import { lookupText } from '../../i18n/lookup';

const isRowProblem = (p: FieldProblem): p is ImportRowProblem =>
  typeof (p as Partial<ImportRowProblem>).row === 'number' && typeof (p as Partial<ImportRowProblem>).column === 'string';

/** The row problems of a refused import ('import.invalid'), or null for any other error. */
function rowProblems(error: unknown): ImportRowProblem[] | null {
  if (!(error instanceof ApiError) || error.code !== 'import.invalid') return null;
  const rows = error.errors.filter(isRowProblem);
  return rows.length ? rows : null;
}

interface Values {
  unitId: string;
}

/** Uploads a sheet for one implementing unit; a refused file lists every row problem, nothing is written. */
export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);

  const upload = useMutation({
    mutationFn: (v: Values) => importProcedures(v.unitId, file as File),
    onSuccess: async (r) => {
      message.success(t('procedures.import.done', { created: r.created, updated: r.updated }));
      await queryClient.invalidateQueries({ queryKey: procedureKeys.all });
      close();
    },
  });

  const close = () => {
    upload.reset();
    setFile(null);
    setFileMissing(false);
    form.resetFields();
    onClose();
  };

  const problems = rowProblems(upload.error);
  const columnName = (column: string) => lookupText(`procedures.sheet_column.${column}`) ?? column;

  return (
    <Modal
      open={open}
      title={t('procedures.import.title')}
      okText={t('procedures.import.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={upload.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={860}
      forceRender
    >
      <Typography.Paragraph>{t('procedures.import.hint')}</Typography.Paragraph>
      {problems ? (
        <div role="alert">
          <Alert
            type="error"
            showIcon
            title={t('procedures.import.errors_title', { count: problems.length })}
            description={t('procedures.import.errors_body')}
            style={{ marginBottom: 12 }}
          />
          <Table<ImportRowProblem>
            size="small"
            rowKey={(p) => `${p.row}:${p.column}:${p.code}`}
            dataSource={problems}
            pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            style={{ marginBottom: 16 }}
            columns={[
              { title: t('procedures.import.row'), dataIndex: 'row', width: 80 },
              { title: t('procedures.import.column'), dataIndex: 'column', width: 220, render: (c: string) => columnName(c) },
              { title: t('procedures.import.problem'), dataIndex: 'code', render: (code: string) => fieldErrorMessage(code) },
            ]}
          />
        </div>
      ) : upload.isError ? (
        <ErrorAlert error={upload.error} />
      ) : null}
      <Form<Values>
        form={form}
        name="procedure-import"
        layout="vertical"
        onFinish={(v) => {
          if (!file) {
            setFileMissing(true);
            return;
          }
          upload.mutate(v);
        }}
      >
        <Form.Item
          name="unitId"
          label={t('procedures.import.unit')}
          rules={[{ required: true, message: t('common.select_required', { field: t('procedures.import.unit').toLowerCase() }) }]}
        >
          <UnitTreeSelect />
        </Form.Item>
        <Form.Item
          label={t('procedures.import.file')}
          required
          validateStatus={fileMissing ? 'error' : undefined}
          help={fileMissing ? t('procedures.import.file_required') : t('procedures.import.file_hint')}
        >
          <Upload
            accept=".xlsx,.csv"
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
            <Button icon={<UploadOutlined />}>{t('procedures.import.choose')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
