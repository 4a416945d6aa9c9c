import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dossierKeys, searchReceiptProcedures } from '../../api/dossiers';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
}

/** Picks an active procedure; the server searches code and name ignoring diacritics. */
export function ProcedureSelect({ id, value, onChange, placeholder }: Props) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const timer = setTimeout(() => setQ(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);
  const procedures = useQuery({
    queryKey: dossierKeys.procedures(q),
    queryFn: () => searchReceiptProcedures(q),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const found = (procedures.data?.items ?? []).map((p) => ({ value: p.id, label: t('dossiers.receive.procedure_option', { code: p.code, name: p.name }) }));
  // The chosen procedure stays labelled while the list shows another search.
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const options = picked && picked.value === value && !found.some((o) => o.value === value) ? [picked, ...found] : found;
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={(v: string | undefined) => {
        setPicked(options.find((o) => o.value === v) ?? null);
        onChange?.(v);
      }}
      options={options}
      loading={procedures.isFetching}
      placeholder={placeholder ?? t('dossiers.receive.procedure_placeholder')}
      notFoundContent={procedures.isFetching ? t('app.loading') : t('common.no_match')}
      allowClear
      style={{ width: '100%' }}
    />
  );
}
