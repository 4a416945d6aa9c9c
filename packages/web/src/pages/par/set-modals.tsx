import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, AutoComplete, DatePicker, Form, Input, InputNumber, Modal, Select, Typography, Upload, Button } from 'antd';
import { UploadOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { ApiError } from '../../api/http';
import { cloneCriteriaSet, createCriteriaSet, importCriteriaSet, parKeys } from '../../api/par';
import type { CriteriaSetSummary, ParSetTemplate } from '../../api/par-types';
import { useMe } from '../../auth/me-context';
import { ErrorAlert } from '../../components/error-alert';
import { UnitTreeSelect } from '../../components/unit-tree-select';
import { applyFieldErrors } from '../../errors';

/** The groups of units an index is usually made for; any other code may be typed. */
const SCOPES = ['department', 'district', 'commune'] as const;

const DATE_FORMAT = 'DD/MM/YYYY';
const TEMPLATES: readonly ParSetTemplate[] = ['2019_department', '2021_fields', 'empty'];

interface CreateValues {
  ownerUnitId: string;
  year: number;
  scope: string;
  title: string;
  template: ParSetTemplate;
  legalBasisNumber?: string;
  legalBasisDate?: Dayjs | null;
}

/** A new set from a template or empty; it opens in the editor as a draft. */
export function CreateSetModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<CreateValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<ApiError['errors']>([]);
  const create = useMutation({
    mutationFn: (v: CreateValues) =>
      createCriteriaSet({
        ownerUnitId: v.ownerUnitId,
        year: v.year,
        scope: v.scope.trim(),
        title: v.title.trim(),
        template: v.template,
        legalBasisNumber: v.legalBasisNumber?.trim() || null,
        legalBasisDate: v.legalBasisDate ? v.legalBasisDate.format('YYYY-MM-DD') : null,
      }),
    onSuccess: async (set) => {
      message.success(t('par.sets.created'));
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      close();
      void navigate(`/par/criteria-sets/${set.id}`);
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, ['ownerUnitId', 'year', 'scope', 'title', 'template', 'legalBasisNumber', 'legalBasisDate'])),
  });
  const close = () => {
    create.reset();
    setLeftover([]);
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={open}
      title={t('par.sets.create_title')}
      okText={t('common.create')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <ErrorAlert error={create.error} fields={leftover} />
      <Form<CreateValues>
        form={form}
        layout="vertical"
        initialValues={{ ownerUnitId: me.unitId, year: new Date().getFullYear(), scope: 'department', template: 'empty' }}
        onFinish={(v) => create.mutate(v)}
      >
        <Form.Item
          name="ownerUnitId"
          label={t('par.sets.owner')}
          htmlFor="par-set-owner"
          rules={[{ required: true, message: t('common.select_required', { field: t('par.sets.owner') }) }]}
        >
          <UnitTreeSelect id="par-set-owner" />
        </Form.Item>
        <Form.Item
          name="year"
          label={t('par.year')}
          htmlFor="par-set-year"
          rules={[{ required: true, message: t('common.required', { field: t('par.year') }) }]}
        >
          <InputNumber id="par-set-year" min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('par.sets.title_label')}
          htmlFor="par-set-title"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.title_label') }) }]}
        >
          <Input id="par-set-title" maxLength={500} />
        </Form.Item>
        <Form.Item
          name="scope"
          label={t('par.sets.scope')}
          htmlFor="par-set-scope"
          extra={t('par.sets.scope_hint')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.scope') }) }]}
        >
          <AutoComplete id="par-set-scope" maxLength={50} options={SCOPES.map((v) => ({ value: v, label: `${t(`par.sets.scopes.${v}`)} (${v})` }))} />
        </Form.Item>
        <Form.Item name="template" label={t('par.sets.template')} htmlFor="par-set-template">
          <Select id="par-set-template" options={TEMPLATES.map((v) => ({ value: v, label: t(`par.sets.templates.${v}`) }))} />
        </Form.Item>
        <Form.Item name="legalBasisNumber" label={t('par.sets.legal_basis_number')} htmlFor="par-set-basis">
          <Input id="par-set-basis" maxLength={100} placeholder={t('par.sets.legal_basis_placeholder')} />
        </Form.Item>
        <Form.Item name="legalBasisDate" label={t('par.sets.legal_basis_date')} htmlFor="par-set-basis-date">
          <DatePicker id="par-set-basis-date" format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: 200 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The owning unit and the title of an imported set; ids are `${idPrefix}-owner` and `${idPrefix}-title`. */
export function OwnerAndTitleFields({ idPrefix }: { idPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name="ownerUnitId"
        label={t('par.sets.owner')}
        htmlFor={`${idPrefix}-owner`}
        rules={[{ required: true, message: t('common.select_required', { field: t('par.sets.owner') }) }]}
      >
        <UnitTreeSelect id={`${idPrefix}-owner`} />
      </Form.Item>
      <Form.Item
        name="title"
        label={t('par.sets.title_label')}
        htmlFor={`${idPrefix}-title`}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.title_label') }) }]}
      >
        <Input id={`${idPrefix}-title`} maxLength={500} />
      </Form.Item>
    </>
  );
}

interface ImportValues {
  ownerUnitId: string;
  title: string;
  json: string;
}

/** Imports a set from its JSON export; a refused file names every row and problem, nothing is written. */
export function ImportSetModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const [form] = Form.useForm<ImportValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const upload = useMutation({
    mutationFn: (v: ImportValues) => importCriteriaSet({ ownerUnitId: v.ownerUnitId, title: v.title.trim(), set: JSON.parse(v.json) as unknown }),
    onSuccess: async (set) => {
      message.success(t('par.sets.imported'));
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      close();
      void navigate(`/par/criteria-sets/${set.id}`);
    },
  });
  const close = () => {
    upload.reset();
    form.resetFields();
    onClose();
  };
  const problems = upload.error instanceof ApiError ? upload.error.errors : [];
  return (
    <Modal
      open={open}
      title={t('par.sets.import_title')}
      okText={t('par.sets.import_submit')}
      cancelText={t('common.cancel')}
      confirmLoading={upload.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={720}
      forceRender
    >
      <Typography.Paragraph>{t('par.sets.import_hint')}</Typography.Paragraph>
      <ErrorAlert
        error={upload.error}
        fields={problems.map((p) => ({
          ...p,
          path: 'row' in p && typeof p.row === 'number' ? t('par.sets.import_row', { row: p.row, path: p.path }) : p.path,
        }))}
      />
      <Form<ImportValues> form={form} layout="vertical" initialValues={{ ownerUnitId: me.unitId }} onFinish={(v) => upload.mutate(v)}>
        <OwnerAndTitleFields idPrefix="par-import" />
        <Upload
          accept=".json,application/json"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(file) => {
            void file.text().then((text) => form.setFieldsValue({ json: text }));
            return false;
          }}
        >
          <Button icon={<UploadOutlined />} style={{ marginBottom: 12 }}>
            {t('par.sets.import_pick')}
          </Button>
        </Upload>
        <Form.Item
          name="json"
          label={t('par.sets.import_json')}
          htmlFor="par-import-json"
          rules={[
            { required: true, message: t('common.required', { field: t('par.sets.import_json') }) },
            {
              validator: async (_, value: string | undefined) => {
                if (!value) return;
                try {
                  JSON.parse(value);
                } catch {
                  throw new Error(t('par.sets.import_not_json'));
                }
              },
            },
          ]}
        >
          <Input.TextArea id="par-import-json" rows={10} spellCheck={false} style={{ fontFamily: 'monospace' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface CloneValues {
  year: number;
  title?: string;
}

/** Copies a set (typically last year's) into a draft for another year. */
export function CloneSetModal({ source, onClose }: { source: CriteriaSetSummary | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<CloneValues>();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const clone = useMutation({
    mutationFn: (v: CloneValues) => cloneCriteriaSet(source!.id, { year: v.year, ...(v.title?.trim() ? { title: v.title.trim() } : {}) }),
    onSuccess: async (set) => {
      message.success(t('par.sets.cloned'));
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      close();
      void navigate(`/par/criteria-sets/${set.id}`);
    },
  });
  const close = () => {
    clone.reset();
    form.resetFields();
    onClose();
  };
  return (
    <Modal
      open={source !== null}
      title={source ? t('par.sets.clone_title', { title: source.title }) : ''}
      okText={t('par.sets.clone')}
      cancelText={t('common.cancel')}
      confirmLoading={clone.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      <ErrorAlert error={clone.error} />
      <Form<CloneValues>
        form={form}
        layout="vertical"
        initialValues={{ year: (source?.year ?? new Date().getFullYear() - 1) + 1 }}
        onFinish={(v) => clone.mutate(v)}
        key={source?.id ?? 'none'}
      >
        <Form.Item
          name="year"
          label={t('par.year')}
          htmlFor="par-clone-year"
          rules={[{ required: true, message: t('common.required', { field: t('par.year') }) }]}
        >
          <InputNumber id="par-clone-year" min={2000} max={2100} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="title" label={t('par.sets.title_label')} htmlFor="par-clone-title" extra={t('par.sets.clone_title_hint')}>
          <Input id="par-clone-title" maxLength={500} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
