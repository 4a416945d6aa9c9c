import type { UnitKind } from '@cchc/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FieldProblem, Unit } from '../../../api/types';
import { createUnit, listUnits, unitKeys, updateUnit } from '../../../api/units';
import { ErrorAlert } from '../../../components/error-alert';
import { applyFieldErrors, isStaleVersion } from '../../../errors';
import { AGENCY_CODE_PATTERN } from '../../../unit-code';

export type UnitFormTarget = { mode: 'create'; parent: Unit | null; kinds: readonly UnitKind[] } | { mode: 'edit'; unit: Unit; kinds: readonly UnitKind[] };

interface Values {
  name: string;
  kind: UnitKind;
  code?: string;
}

const FIELDS = ['name', 'kind', 'code'] as const;

function currentFrom(detail: unknown): Unit | null {
  if (typeof detail === 'object' && detail !== null && 'current' in detail) {
    return (detail as { current: Unit }).current ?? null;
  }
  return null;
}

export function UnitFormModal({ target, onClose }: { target: UnitFormTarget | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [version, setVersion] = useState(0);
  const [leftover, setLeftover] = useState<FieldProblem[]>([]);

  useEffect(() => {
    if (!target) return;
    form.resetFields();
    if (target.mode === 'edit') {
      const { unit } = target;
      form.setFieldsValue({ name: unit.name, kind: unit.kind, code: unit.code ?? '' });
      setVersion(unit.version);
    } else {
      form.setFieldsValue({ kind: target.kinds[0] });
    }
  }, [target, form]);

  const save = useMutation({
    mutationFn: (values: Values) => {
      const code = values.code?.trim() || null;
      if (!target) throw new Error('no target');
      return target.mode === 'create'
        ? createUnit({ parentId: target.parent?.id ?? null, kind: values.kind, name: values.name.trim(), code })
        : updateUnit(target.unit.id, { version, name: values.name.trim(), kind: values.kind, code });
    },
    onSuccess: async () => {
      message.success(t(target?.mode === 'create' ? 'units.created' : 'units.updated'));
      await queryClient.invalidateQueries({ queryKey: unitKeys.all });
      close();
    },
    onError: (error) => setLeftover(applyFieldErrors(form, error, FIELDS)),
  });

  const close = () => {
    save.reset();
    setLeftover([]);
    onClose();
  };

  const loadCurrent = async () => {
    if (target?.mode !== 'edit') return;
    let current = isStaleVersion(save.error) ? currentFrom(save.error.detail) : null;
    if (!current) {
      const fresh = await queryClient.fetchQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 0 });
      current = fresh.items.find((u) => u.id === target.unit.id) ?? null;
    }
    void queryClient.invalidateQueries({ queryKey: unitKeys.all });
    if (current) {
      form.setFieldsValue({ name: current.name, kind: current.kind, code: current.code ?? '' });
      setVersion(current.version);
    }
    save.reset();
  };

  const title = !target
    ? ''
    : target.mode === 'create'
      ? target.parent
        ? t('units.create_title', { parent: target.parent.name })
        : t('units.create_top_title')
      : t('units.edit_title', { name: target.unit.name });
  const conflict = isStaleVersion(save.error);

  return (
    <Modal
      open={target !== null}
      title={title}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      okButtonProps={{ disabled: conflict }}
      onOk={() => form.submit()}
      onCancel={close}
      forceRender
    >
      {conflict ? (
        <Alert
          type="warning"
          showIcon
          role="alert"
          title={t('units.conflict_title')}
          description={t('units.conflict_body')}
          action={<Button onClick={() => void loadCurrent()}>{t('units.load_current')}</Button>}
          style={{ marginBottom: 16 }}
        />
      ) : save.isError ? (
        <ErrorAlert error={save.error} fields={leftover} />
      ) : null}
      <Form<Values> form={form} layout="vertical" onFinish={(values) => save.mutate(values)}>
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('units.name').toLowerCase() }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="kind"
          label={t('units.kind')}
          rules={[{ required: true, message: t('common.select_required', { field: t('units.kind').toLowerCase() }) }]}
        >
          <Select options={(target?.kinds ?? []).map((k) => ({ value: k, label: t(`unit_kind.${k}`) }))} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          extra={t('units.code_hint')}
          rules={[{ pattern: AGENCY_CODE_PATTERN, warningOnly: true, message: t('units.code_format') }]}
        >
          <Input maxLength={32} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
