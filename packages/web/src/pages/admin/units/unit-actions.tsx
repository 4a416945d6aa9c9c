import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api/types';
import { deleteUnit, unitKeys } from '../../../api/units';
import { errorMessage, isStaleVersion } from '../../../errors';
import { childKinds } from './unit-kinds';

interface Props {
  unit: Unit;
  onCreateChild: (parent: Unit) => void;
  onEdit: (unit: Unit) => void;
}

/** Row buttons, each shown only when the server's `can` flag allows it. */
export function UnitActions({ unit, onCreateChild, onEdit }: Props) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { message } = App.useApp();

  // Callbacks use blocks: AntD's message.* returns a thenable that settles when the toast closes, and
  // React Query would wait for it, keeping the Popconfirm spinning for seconds.
  const remove = useMutation({
    mutationFn: () => deleteUnit(unit.id, unit.version),
    onSuccess: () => {
      message.success(t('units.deleted'));
    },
    onError: (error) => {
      message.error(isStaleVersion(error) ? t('units.conflict_body') : errorMessage(error));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: unitKeys.all }),
  });

  return (
    <Space size={4} wrap>
      {unit.can.createChild && childKinds(unit).length > 0 ? (
        <Button size="small" type="link" icon={<PlusOutlined />} onClick={() => onCreateChild(unit)}>
          {t('units.add_child')}
        </Button>
      ) : null}
      {unit.can.update ? (
        <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(unit)}>
          {t('common.edit')}
        </Button>
      ) : null}
      {unit.can.delete ? (
        <Popconfirm
          title={t('units.delete_confirm', { name: unit.name })}
          description={t('units.delete_warning')}
          okText={t('common.delete')}
          cancelText={t('common.cancel')}
          okButtonProps={{ danger: true }}
          onConfirm={() => remove.mutateAsync().catch(() => undefined)}
        >
          <Button size="small" type="link" danger icon={<DeleteOutlined />} loading={remove.isPending}>
            {t('common.delete')}
          </Button>
        </Popconfirm>
      ) : null}
    </Space>
  );
}
