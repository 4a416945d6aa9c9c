import { EditOutlined, KeyOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Space, Tag, type TableColumnsType } from 'antd';
import type { TFunction } from 'i18next';
import type { SortOrder, User, UserSort } from '../../../api/types';
import { formatInstant } from '../../../format';
import { UnlockButton } from './unlock-button';

interface Options {
  t: TFunction;
  sort: UserSort;
  order: SortOrder;
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
}

const isLocked = (user: User): boolean => user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();

export function userColumns({ t, sort, order, onEdit, onResetPassword }: Options): TableColumnsType<User> {
  const sortOrder = (key: UserSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 140, sorter: true, sortOrder: sortOrder('username') },
    { title: t('users.full_name'), dataIndex: 'fullName', key: 'fullName', width: 180, sorter: true, sortOrder: sortOrder('fullName') },
    { title: t('users.email'), dataIndex: 'email', key: 'email', width: 200, render: (v: string | null) => v ?? t('common.none') },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unitName', width: 180 },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 260,
      // One tag a line, its text wrapping inside the column: a long unit name no longer runs under the sticky
      // actions column (issue #13 item 10).
      render: (_, user) => (
        <Flex vertical align="flex-start" gap={4}>
          {user.grants.map((g) => (
            <Tag key={`${g.role}:${g.unitId}`} color="blue" title={g.unitName} className="user-role-tag">
              {t('home.role_at', { role: t(`roles.${g.role}`), unit: g.unitName })}
            </Tag>
          ))}
        </Flex>
      ),
    },
    {
      title: t('users.status'),
      key: 'status',
      width: 190,
      render: (_, user) => (
        <Space orientation="vertical" size={2}>
          <Badge status={user.isActive ? 'success' : 'default'} text={t(user.isActive ? 'users.active' : 'users.inactive')} />
          {isLocked(user) ? <Tag color="red">{t('users.locked_until', { time: formatInstant(user.lockedUntil) })}</Tag> : null}
          {user.mustChangePassword ? <Tag>{t('users.must_change')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('users.created_at'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      width: 140,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      render: (v: string) => formatInstant(v),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 300,
      fixed: 'right',
      render: (_, user) =>
        user.can.update ? (
          <Space size={4} wrap>
            <Button size="small" type="link" icon={<EditOutlined />} onClick={() => onEdit(user)}>
              {t('common.edit')}
            </Button>
            <Button size="small" type="link" icon={<KeyOutlined />} onClick={() => onResetPassword(user)}>
              {t('users.reset_password')}
            </Button>
            <UnlockButton user={user} />
          </Space>
        ) : null,
    },
  ];
}
