import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { listUnits, unitKeys } from '../../api/units';
import type { TaskPriority } from '../../api/plans';
import { UnitTreeSelect } from '../../components/unit-tree-select';

/** The fields a task's create and edit forms share; `dueField` is the due-day part, which differs. */
export function TaskFormFields({ dueField, unitExtra, autoFocus }: { dueField: ReactNode; unitExtra?: ReactNode; autoFocus?: boolean }) {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: unitKeys.all, queryFn: listUnits, staleTime: 60_000 });
  return (
    <>
      <Form.Item
        name="title"
        label={t('plans.task.title')}
        rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('plans.task.title') }) }]}
      >
        <Input.TextArea autoFocus={autoFocus} autoSize={{ minRows: 2 }} maxLength={1000} />
      </Form.Item>
      <Form.Item name="description" label={t('plans.task.description')}>
        <Input.TextArea autoSize={{ minRows: 2 }} maxLength={10000} />
      </Form.Item>
      <Space wrap style={{ width: '100%' }} size="large" align="start">
        <Form.Item
          name="unitId"
          label={t('plans.task.unit')}
          rules={[{ required: true, message: t('common.select_required', { field: t('plans.task.unit') }) }]}
          style={{ minWidth: 320 }}
        >
          <UnitTreeSelect />
        </Form.Item>
        {unitExtra}
        <Form.Item name="coordinatingUnitIds" label={t('plans.task.coordinating')} style={{ minWidth: 380 }}>
          <Select mode="multiple" optionFilterProp="label" options={(units.data?.items ?? []).map((u) => ({ value: u.id, label: u.name }))} />
        </Form.Item>
      </Space>
      <Space wrap size="large" align="start">
        <Form.Item name="startOn" label={t('plans.task.start_on')}>
          <DatePicker format="DD/MM/YYYY" />
        </Form.Item>
        {dueField}
      </Space>
      <Form.Item name="expectedOutput" label={t('plans.task.expected_output')}>
        <Input maxLength={2000} />
      </Form.Item>
      <Space wrap size="large" align="start">
        <Form.Item name="criteria" label={t('plans.task.criteria')} style={{ minWidth: 300 }}>
          <Select mode="tags" tokenSeparators={[',', ';', ' ']} />
        </Form.Item>
        <Form.Item name="priority" label={t('plans.task.priority')}>
          <Select
            style={{ width: 180 }}
            options={(['high', 'normal', 'low'] as const satisfies readonly TaskPriority[]).map((p) => ({ value: p, label: t(`plans.priority.${p}`) }))}
          />
        </Form.Item>
      </Space>
    </>
  );
}
