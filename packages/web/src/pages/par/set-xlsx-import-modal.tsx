import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { importCriteriaSetXlsx, parKeys } from '../../api/par';
import type { SheetRowProblem } from '../../api/par-types';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { fieldErrorMessage } from '../../errors';
import { lookupText } from '../../i18n/lookup';
import { issueText } from './criteria-issues';

/** The row problems of a refused workbook (sheet errors or the set's own checks), or null for any other error. */
export function sheetProblems(error: unknown): SheetRowProblem[] | null {
  if (!(error instanceof ApiError) || (error.code !== 'import.invalid' && error.code !== 'par.criteria_invalid')) return null;
  const rows = error.errors.filter(
    (p): p is SheetRowProblem => typeof (p as Partial<SheetRowProblem>).row === 'number' && typeof (p as Partial<SheetRowProblem>).column === 'string',
  );
  return rows.length ? rows : null;
}

const problemText = (code: string) => (code.startsWith('criteria.') ? issueText({ code }) : fieldErrorMessage(code));

interface Values {
  ownerUnitId: string;
  title: string;
}

/** Imports a set from an .xlsx workbook; a refused file lists every row and column at fault, nothing is written. */
export function ImportSetXlsxModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<Values>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const upload = useMutation({
    mutationFn: (v: Values) => importCriteriaSetXlsx({ ownerUnitId: v.ownerUnitId, title: v.title.trim() }, file as File),
    onSuccess: async (set) => {
      message.success(t('par.sets.imported'));
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      close();
      void navigate(`/par/criteria-sets/${set.id}`);
    },
  });
  const close = () => {
    upload.reset();
    setFile(null);
    setFileMissing(false);
    form.resetFields();
    onClose();
  };
  const problems = sheetProblems(upload.error);
  const columnName = (column: string) => lookupText(`par.sets.xlsx_column.${column}`) ?? column;

  return (
    <Modal
      open={open}
      title={t('par.sets.xlsx_import_title')}
      okText={t('par.sets.import_submit')}
      cancelText={t('common.cancel')}
      confirmLoading={upload.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={860}
      forceRender
    >
      <Typography.Paragraph>{t('par.sets.xlsx_import_hint')}</Typography.Paragraph>
      {problems ? (
        <div role="alert">
          <Alert
            type="error"
            showIcon
            title={t('par.sets.xlsx_errors_title', { count: problems.length })}
            description={t('par.sets.xlsx_errors_body')}
            style={{ marginBottom: 12 }}
          />
          <Table<SheetRowProblem>
            size="small"
            rowKey={(p) => `${p.row}:${p.column}:${p.code}`}
            dataSource={problems}
            pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
            style={{ marginBottom: 16 }}
            columns={[
              { title: t('par.sets.xlsx_row'), dataIndex: 'row', width: 80 },
              { title: t('par.sets.xlsx_column_label'), dataIndex: 'column', width: 220, render: (c: string) => columnName(c) },
              { title: t('par.sets.xlsx_problem'), dataIndex: 'code', render: (code: string) => problemText(code) },
            ]}
          />
        </div>
      ) : upload.isError ? (
        <ErrorAlert error={upload.error} />
      ) : null}
      <Form<Values>
        form={form}
        name="par-xlsx-import"
        layout="vertical"
        initialValues={{ ownerUnitId: me.unitId }}
        onFinish={(v) => {
          if (!file) {
            setFileMissing(true);
            return;
          }
          upload.mutate(v);
        }}
      >
        <Form.Item
          name="ownerUnitId"
          label={t('par.sets.owner')}
          htmlFor="par-xlsx-owner"
          rules={[{ required: true, message: t('common.select_required', { field: t('par.sets.owner') }) }]}
        >
          <UnitTreeSelect id="par-xlsx-owner" />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('par.sets.title_label')}
          htmlFor="par-xlsx-title"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.title_label') }) }]}
        >
          <Input id="par-xlsx-title" maxLength={500} />
        </Form.Item>
        <Form.Item
          label={t('par.sets.xlsx_file')}
          required
          validateStatus={fileMissing ? 'error' : undefined}
          help={fileMissing ? t('par.sets.xlsx_file_required') : t('par.sets.xlsx_file_hint')}
        >
          <Upload
            accept=".xlsx"
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
            <Button icon={<UploadOutlined />}>{t('par.sets.xlsx_pick')}</Button>
          </Upload>
        </Form.Item>
      </Form>
    </Modal>
  );
}
