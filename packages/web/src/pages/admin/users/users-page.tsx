import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, Form, Input, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SortOrder, User, UserQuery, UserSort } from '../../../api/types';
import { listUsers, userKeys } from '../../../api/users';
import { hasPermission, useMe } from '../../../auth/me-context';
import { ErrorAlert } from '../../../components/error-alert';
import { PageHeader } from '../../../components/page-header';
import { UnitTreeSelect } from '../../../components/unit-tree-select';
import { useUrlQuery } from '../../../components/use-url-query';
import { ResetPasswordModal } from './reset-password-modal';
import { USERS_TABLE_WIDTH, userColumns } from './user-columns';
import { UserFormModal, type UserFormTarget } from './user-form-modal';

const SORTS: readonly UserSort[] = ['username', 'fullName', 'createdAt'];

/** Filters, page and sort live in the URL so a filtered list can be bookmarked and shared. */
function readQuery(params: URLSearchParams): Required<Pick<UserQuery, 'page' | 'pageSize' | 'sort' | 'order'>> & UserQuery {
  const sort = params.get('sort') as UserSort | null;
  return {
    q: params.get('q') ?? undefined,
    unitId: params.get('unitId') ?? undefined,
    page: Math.max(1, Number(params.get('page')) || 1),
    pageSize: Number(params.get('pageSize')) || 20,
    sort: sort && SORTS.includes(sort) ? sort : 'username',
    order: params.get('order') === 'desc' ? 'desc' : 'asc',
  };
}

export function UsersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const { query, update } = useUrlQuery(readQuery);
  const [target, setTarget] = useState<UserFormTarget | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const users = useQuery({ queryKey: userKeys.list(query), queryFn: () => listUsers(query), placeholderData: keepPreviousData });

  const columns = userColumns({
    t,
    sort: query.sort,
    order: query.order,
    onEdit: (user) => setTarget({ mode: 'edit', user }),
    onResetPassword: setResetting,
  });

  return (
    <>
      <PageHeader
        title={t('users.title')}
        extra={
          hasPermission(me, 'user.manage') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setTarget({ mode: 'create' })}>
              {t('users.create')}
            </Button>
          ) : null
        }
      />
      <Card>
        <Form layout="inline" style={{ marginBottom: 16, rowGap: 8 }} onSubmitCapture={(e) => e.preventDefault()}>
          <Form.Item label={t('users.search')} htmlFor="user-search">
            <Input.Search
              id="user-search"
              allowClear
              defaultValue={query.q}
              placeholder={t('users.search_placeholder')}
              onSearch={(q) => update({ q: q.trim() || undefined, page: 1 })}
              style={{ width: 300 }}
            />
          </Form.Item>
          <Form.Item label={t('users.filter_unit')} htmlFor="user-unit-filter">
            <UnitTreeSelect
              id="user-unit-filter"
              allowClear
              placeholder={t('users.all_units')}
              value={query.unitId}
              onChange={(unitId) => update({ unitId, page: 1 })}
              style={{ width: 300 }}
            />
          </Form.Item>
        </Form>
        {users.isError ? <ErrorAlert error={users.error} onRetry={() => void users.refetch()} /> : null}
        <Table<User>
          rowKey="id"
          columns={columns}
          dataSource={users.data?.items ?? []}
          loading={users.isFetching}
          scroll={{ x: USERS_TABLE_WIDTH }}
          locale={{ emptyText: <Empty description={query.q || query.unitId ? t('common.no_match') : t('users.empty')} /> }}
          pagination={{
            current: query.page,
            pageSize: query.pageSize,
            total: users.data?.total ?? 0,
            showSizeChanger: true,
            pageSizeOptions: [10, 20, 50, 100],
            showTotal: (total) => t('users.total', { count: total }),
          }}
          onChange={(pagination, _filters, sorter) => {
            const s = Array.isArray(sorter) ? sorter[0] : sorter;
            const key = s?.columnKey as UserSort | undefined;
            update({
              page: pagination.current ?? 1,
              pageSize: pagination.pageSize ?? 20,
              sort: s?.order && key && SORTS.includes(key) ? key : 'username',
              order: (s?.order === 'descend' ? 'desc' : 'asc') as SortOrder,
            });
          }}
        />
      </Card>
      <UserFormModal target={target} onClose={() => setTarget(null)} />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
    </>
  );
}
