import { Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { t } from '../../i18n';
import { useClients } from '../../queries/hooks';

/** The client filter: type to search the clients (accents ignored), pick one, clear to see all. */
export function ClientFilter({
  value,
  onChange,
}: {
  value: string | null;
  onChange: (value: string | null) => void;
}) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 200);
  const clients = useClients({ search: debounced || undefined, pageSize: 20 });
  return (
    <Select
      label={t('finance.client')}
      placeholder={t('finance.allClients')}
      searchable
      clearable
      w={220}
      clearButtonProps={{ 'aria-label': t('finance.allClients') }}
      searchValue={search}
      onSearchChange={(text) => {
        setSearch(text);
        // Erasing the name with the keyboard goes back to every client, as the × button does.
        if (text === '' && value) onChange(null);
      }}
      filter={({ options }) => options}
      data={clients.data?.items.map((item) => ({ value: item.id, label: item.name })) ?? []}
      value={value}
      onChange={onChange}
    />
  );
}
