import { Select, type ComboboxItem, type SelectProps } from '@mantine/core';
import { matchUfs, UFS, ufLabel, foldSearchText, type Uf } from '@picineiros/api/client';
import { useMemo, useState } from 'react';
import { t } from '../i18n';

/** Values the typed text may mean, best first. */
export type SelectMatcher = (text: string, options: readonly ComboboxItem[]) => string[];

/** Options whose label contains the text (accents and case ignored), those that start with it first. */
export const matchByLabel: SelectMatcher = (text, options) => {
  const query = foldSearchText(text);
  if (query === '') return options.map((option) => option.value);
  const starts: string[] = [];
  const contains: string[] = [];
  for (const option of options) {
    const label = foldSearchText(option.label);
    if (label.startsWith(query)) starts.push(option.value);
    else if (label.includes(query)) contains.push(option.value);
  }
  return [...starts, ...contains];
};

/** For options the server already searched (by name, document, phone…): every option, in its order. */
export const keepServerOrder: SelectMatcher = (_text, options) => options.map((option) => option.value);

export type TypedSelectProps = Omit<
  SelectProps,
  | 'data'
  | 'value'
  | 'onChange'
  | 'searchable'
  | 'searchValue'
  | 'filter'
  | 'allowDeselect'
  | 'selectFirstOptionOnChange'
  | 'autoSelectOnBlur'
> & {
  data: readonly (string | ComboboxItem)[];
  value: string | null;
  onChange: (value: string | null) => void;
  /** Default: by label (matchByLabel). A list the server searches keeps its order: `keepServerOrder`. */
  match?: SelectMatcher;
  /** The field error when the typed text matches no option (on Enter or on leaving the field). */
  noMatchMessage?: string;
};

/**
 * A searchable Select that keeps what the user typed. Mantine's Select forgets typed text that was not
 * picked from the list: "SP" + Tab left the field blank, and "SP" + Enter submitted the form without it.
 * Here the first match (the one highlighted in the list) is taken on Enter and on Tab, and text that matches
 * nothing gets a field error instead of a submit. A choice is never undone by picking it again.
 */
export function TypedSelect({
  data,
  value,
  onChange,
  match = matchByLabel,
  noMatchMessage,
  error,
  onBlur,
  onKeyDown,
  onDropdownOpen,
  onDropdownClose,
  limit,
  onSearchChange,
  ...props
}: TypedSelectProps) {
  const options = useMemo(
    () => data.map((item) => (typeof item === 'string' ? { value: item, label: item } : item)),
    [data],
  );
  const labelOf = (candidate: string | null) =>
    options.find((option) => option.value === candidate)?.label ?? '';
  const [search, setSearch] = useState(() => labelOf(value));
  const [opened, setOpened] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  /** Is there text on screen that is not the chosen option's label? */
  const pending = () => search.trim() !== '' && search !== labelOf(value);

  const choose = (text: string) => {
    const best = match(text, options)[0];
    if (best === undefined) {
      setProblem(noMatchMessage ?? t('forms.noMatch', { text: text.trim() }));
      return;
    }
    setProblem(null);
    setSearch(labelOf(best));
    if (best !== value) onChange(best);
  };

  return (
    <Select
      {...props}
      data={options}
      value={value}
      onChange={(next) => {
        setProblem(null);
        onChange(next);
      }}
      searchable
      allowDeselect={false}
      selectFirstOptionOnChange
      searchValue={search}
      onSearchChange={(next) => {
        if (next !== search) setProblem(null);
        setSearch(next);
        onSearchChange?.(next);
      }}
      filter={({ options: shown, search: text }) => {
        if (text.trim() === '') return shown;
        const ranked = match(text, options);
        const byValue = new Map(
          shown.flatMap((option) => ('value' in option ? [[option.value, option] as const] : [])),
        );
        const found = ranked.flatMap((candidate) => byValue.get(candidate) ?? []);
        return limit === undefined ? found : found.slice(0, limit);
      }}
      error={problem ?? error}
      onDropdownOpen={() => {
        setOpened(true);
        onDropdownOpen?.();
      }}
      onDropdownClose={() => {
        setOpened(false);
        onDropdownClose?.();
      }}
      onKeyDown={(event) => {
        onKeyDown?.(event);
        if (event.key !== 'Enter' || !pending()) return;
        // With the list open and a match highlighted, Mantine picks it. Otherwise (list closed with Esc,
        // or nothing matches) Enter would submit the form without the typed choice: take it here instead.
        if (opened && match(search, options).length > 0) return;
        event.preventDefault();
        choose(search);
      }}
      onBlur={(event) => {
        // Mantine has already put the old choice's label back; `search` still holds what was typed.
        const typed = search;
        onBlur?.(event);
        if (typed.trim() !== '' && typed !== labelOf(value)) choose(typed);
      }}
    />
  );
}

// The field shows the code (SP), the list the code and the name (SP — São Paulo); both match typed names.
const UF_OPTIONS: ComboboxItem[] = UFS.map((uf) => ({ value: uf, label: uf }));

/** The state (UF) of an address: accepts "SP", "sp", "São Paulo", "sao paulo", and picks from the list. */
export function UfSelect(
  props: Omit<TypedSelectProps, 'data' | 'match' | 'noMatchMessage' | 'value' | 'onChange'> & {
    /** A UF code, or '' for none. */
    value: string;
    onChange: (value: Uf | '') => void;
  },
) {
  const { value, onChange, ...rest } = props;
  return (
    <TypedSelect
      clearable
      {...rest}
      data={UF_OPTIONS}
      renderOption={({ option }) => ufLabel(option.value as Uf)}
      match={(text) => matchUfs(text)}
      noMatchMessage={t('forms.ufNoMatch')}
      value={value || null}
      onChange={(next) => onChange((next ?? '') as Uf | '')}
    />
  );
}
