import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROUNDING_MODES } from '@cchc/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../api/http';
import { parKeys, updateCriteriaSet } from '../../api/par';
import type { CriteriaSetView, NotApplicableMethod } from '../../api/par-types';
import { ErrorAlert } from '../../components/error-alert';
import { applyFieldErrors, isStaleVersion } from '../../errors';
import { bandsFromForm, bandsToForm, type BandValues } from './set-details';

const DATE_FORMAT = 'DD/MM/YYYY';
const FIELDS = ['title', 'legalBasisNumber', 'legalBasisDate', 'rounding', 'notApplicableMethod', 'bands'];

interface Values {
  title: string;
  legalBasisNumber?: string;
  legalBasisDate?: Dayjs | null;
  rounding: CriteriaSetView['rounding'];
  notApplicableMethod: NotApplicableMethod;
  bands: BandValues[];
}

/** Edits a set's own details: title, legal basis, rounding and the classification bands with their thresholds. */
export function SetDetailsModal({ set, open, onClose }: { set: CriteriaSetView; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [leftover, setLeftover] = useState<ApiError['errors']>([]);
  const save = useMutation({
    mutationFn: (v: Values) =>
      updateCriteriaSet(set.id, set.version, {
        title: v.title.trim(),
        legalBasisNumber: v.legalBasisNumber?.trim() || null,
        legalBasisDate: v.legalBasisDate ? v.legalBasisDate.format('YYYY-MM-DD') : null,
        rounding: v.rounding,
        notApplicableMethod: v.notApplicableMethod,
        bands: bandsFromForm(v.bands),
      }),
    onSuccess: async (saved) => {
      queryClient.setQueryData(parKeys.set(set.id), saved);
      await queryClient.invalidateQueries({ queryKey: parKeys.sets });
      message.success(t('par.sets.details_saved'));
      close();
    },
    onError: (error) => {
      // Someone saved first: reload the set so the form can be reopened on the current version.
      if (isStaleVersion(error)) void queryClient.invalidateQueries({ queryKey: parKeys.set(set.id) });
      setLeftover(applyFieldErrors(form, error, FIELDS));
    },
  });
  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };
  const initial: Values = {
    title: set.title,
    legalBasisNumber: set.legalBasisNumber ?? '',
    legalBasisDate: set.legalBasisDate ? dayjs(set.legalBasisDate) : null,
    rounding: set.rounding,
    notApplicableMethod: set.notApplicableMethod,
    bands: bandsToForm(set.bands),
  };
  return (
    <Modal
      open={open}
      title={t('par.sets.details_title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={close}
      width={760}
      destroyOnHidden
    >
      <ErrorAlert error={save.error} fields={leftover} />
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} key={`${set.id}:${set.version}`}>
        <Form.Item
          name="title"
          label={t('par.sets.title_label')}
          htmlFor="par-details-title"
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.title_label') }) }]}
        >
          <Input id="par-details-title" maxLength={500} />
        </Form.Item>
        <Space wrap size={16}>
          <Form.Item name="legalBasisNumber" label={t('par.sets.legal_basis_number')} htmlFor="par-details-basis">
            <Input id="par-details-basis" maxLength={100} placeholder={t('par.sets.legal_basis_placeholder')} style={{ width: 260 }} />
          </Form.Item>
          <Form.Item name="legalBasisDate" label={t('par.sets.legal_basis_date')} htmlFor="par-details-basis-date">
            <DatePicker id="par-details-basis-date" format={DATE_FORMAT} placeholder={DATE_FORMAT.toLowerCase()} style={{ width: 200 }} />
          </Form.Item>
        </Space>
        <Form.Item name="rounding" label={t('par.sets.rounding_label')} htmlFor="par-details-rounding">
          <Select id="par-details-rounding" options={ROUNDING_MODES.map((m) => ({ value: m, label: t(`par.sets.rounding.${m}`) }))} />
        </Form.Item>
        <Form.Item name="notApplicableMethod" label={t('par.sets.na_method_label')} htmlFor="par-details-na">
          <Select id="par-details-na" options={(['rescale', 'none'] as const).map((m) => ({ value: m, label: t(`par.sets.na_method.${m}`) }))} />
        </Form.Item>
        <Typography.Text strong>{t('par.sets.bands_label')}</Typography.Text>
        <Typography.Paragraph type="secondary">{t('par.sets.bands_hint')}</Typography.Paragraph>
        <Form.List
          name="bands"
          rules={[
            {
              validator: async (_, bands: BandValues[] | undefined) => {
                const codes = (bands ?? []).map((b) => b?.code?.trim()).filter(Boolean);
                if (new Set(codes).size !== codes.length) throw new Error(t('par.sets.bands_duplicate'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <>
              {fields.map((f, i) => (
                <Space key={f.key} align="start" wrap>
                  <Form.Item
                    name={[f.name, 'code']}
                    label={i === 0 ? t('par.sets.band_code') : undefined}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.band_code') }) }]}
                  >
                    <Input aria-label={t('par.sets.band_code_n', { n: i + 1 })} maxLength={10} style={{ width: 90 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'label']}
                    label={i === 0 ? t('par.sets.band_label') : undefined}
                    rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('par.sets.band_label') }) }]}
                  >
                    <Input aria-label={t('par.sets.band_label_n', { n: i + 1 })} maxLength={100} style={{ width: 200 }} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'minPercent']}
                    label={i === 0 ? t('par.sets.band_min') : undefined}
                    rules={[{ required: true, message: t('common.required', { field: t('par.sets.band_min') }) }]}
                  >
                    <InputNumber
                      aria-label={t('par.sets.band_min_n', { n: i + 1 })}
                      min={0}
                      max={100}
                      step={0.01}
                      precision={2}
                      decimalSeparator=","
                      suffix="%"
                      style={{ width: 130 }}
                    />
                  </Form.Item>
                  <Form.Item name={[f.name, 'minInclusive']} valuePropName="checked" label={i === 0 ? ' ' : undefined}>
                    <Checkbox>{t('par.sets.band_inclusive')}</Checkbox>
                  </Form.Item>
                  <Form.Item label={i === 0 ? ' ' : undefined}>
                    <Button
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t('par.sets.band_remove_n', { n: i + 1 })}
                      onClick={() => remove(f.name)}
                    />
                  </Form.Item>
                </Space>
              ))}
              <Form.ErrorList errors={errors} />
              <Button icon={<PlusOutlined />} onClick={() => add({ code: '', label: '', minPercent: 0, minInclusive: true } satisfies BandValues)}>
                {t('par.sets.band_add')}
              </Button>
            </>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
