import { EditOutlined, KeyOutlined } from '@ant-design/icons';
import { Badge, Button, Flex, Space, Tag, Typography, type TableColumnsType } from 'antd';
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

/** The sum of the column widths below: the table fits a 1366 px screen beside the sidebar. */
export const USERS_TABLE_WIDTH = 1030;

const isLocked = (user: User): boolean => user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now();

export function userColumns({ t, sort, order, onEdit, onResetPassword }: Options): TableColumnsType<User> {
  const sortOrder = (key: UserSort) => (sort === key ? (order === 'asc' ? 'ascend' : 'descend') : null);
  return [
    // Every column fits beside the sticky actions column at 1366 px (issue #13 item 10: the role tags were under
    // it): the e-mail shares the name's cell, the actions stack. The widths add up to USERS_TABLE_WIDTH.
    { title: t('users.username'), dataIndex: 'username', key: 'username', width: 110, sorter: true, sortOrder: sortOrder('username') },
    {
      title: t('users.full_name'),
      dataIndex: 'fullName',
      key: 'fullName',
      width: 190,
      sorter: true,
      sortOrder: sortOrder('fullName'),
      render: (name: string, user) => (
        <Flex vertical>
          <span>{name}</span>
          <Typography.Text type="secondary" className="user-email">
            {user.email ?? t('common.none')}
          </Typography.Text>
        </Flex>
      ),
    },
    { title: t('users.unit'), dataIndex: 'unitName', key: 'unitName', width: 130 },
    {
      title: t('users.roles'),
      key: 'roles',
      width: 190,
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
      width: 120,
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
      width: 110,
      sorter: true,
      sortOrder: sortOrder('createdAt'),
      // The day above the time: "dd/MM/yyyy HH:mm" does not fit the column on one line.
      render: (v: string) => <span style={{ whiteSpace: 'pre-line' }}>{formatInstant(v).replace(' ', '\n')}</span>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      width: 180,
      fixed: 'right',
      render: (_, user) =>
        user.can.update ? (
          <Space orientation="vertical" size={0} align="start">
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
