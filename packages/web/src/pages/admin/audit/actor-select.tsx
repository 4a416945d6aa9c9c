import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { listUsers, userKeys } from '../../../api/users';

interface Props {
  id?: string;
  value?: { value: string; label: string };
  onChange?: (value: { value: string; label: string } | undefined) => void;
}

/** Picks the user who acted, searching users on the server as the name is typed. */
export function ActorSelect({ id, value, onChange }: Props) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = { q: search.trim() || undefined, pageSize: 20, page: 1 };
  const users = useQuery({ queryKey: userKeys.list(query), queryFn: () => listUsers(query), staleTime: 30_000 });
  const options = (users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }));

  return (
    <Select
      id={id}
      labelInValue
      allowClear
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      options={options}
      loading={users.isFetching}
      placeholder={t('audit.actor_placeholder')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      notFoundContent={users.isError ? t('errors.generic') : t('common.no_match')}
      style={{ width: 240 }}
    />
  );
}
