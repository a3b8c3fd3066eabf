import { CloseButton, Popover, TextInput, type TextInputProps } from '@mantine/core';
import { DatePicker } from '@mantine/dates';
import {
  applyMask,
  onlyDigits,
  DEFAULT_SANE_WINDOW,
  formatTypedDate,
  outsideSaneWindow,
  parseTypedDate,
  type SaneWindow,
} from '@picineiros/api/client';
import { useEffect, useRef, useState } from 'react';
import { todayLocal } from '../dates';
import { t } from '../i18n';
import { useConfirm } from './confirm-dialog';

/** Report ranges and history filters: any past date is plausible; only a far future one is a typo. */
export const ANY_PAST: SaneWindow = { yearsBack: null, yearsAhead: DEFAULT_SANE_WINDOW.yearsAhead };

export type LocalDateInputProps = Omit<TextInputProps, 'value' | 'onChange' | 'defaultValue'> & {
  /** 'YYYY-MM-DD', or '' for none. */
  value: string;
  onChange: (value: string) => void;
  minDate?: string;
  maxDate?: string;
  clearable?: boolean;
  /** Beyond it, the typed or picked date is accepted only after the user confirms; null: never ask. */
  saneWindow?: SaneWindow | null;
  /** False while the field shows a date it could not read (its value is then ''): e.g. to hold an export. */
  onValidityChange?: (valid: boolean) => void;
};

/**
 * A local date field shown as dd/mm/aaaa whatever the OS locale; the value stays 'YYYY-MM-DD'.
 *
 * Typed text is read day first (parseTypedDate) when the field is left or Enter is pressed, never while typing:
 * "08/12/20" on its way to "08/12/2026" is not a date to keep. Text it cannot read stays on screen with a field
 * error and the value becomes '' (a required field then refuses to save; nothing guessed is ever saved). A date
 * beyond the sane window is accepted only after the app's confirm dialog. Enter on text not yet accepted accepts
 * it instead of submitting the form. Clicking the field (or ↓) opens a calendar to pick from.
 */
export function LocalDateInput({
  value,
  onChange,
  minDate,
  maxDate,
  clearable = false,
  saneWindow = DEFAULT_SANE_WINDOW,
  onValidityChange,
  error,
  onBlur,
  onKeyDown,
  onClick,
  rightSection,
  ...props
}: LocalDateInputProps) {
  const { confirm } = useConfirm();
  const inputRef = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(() => (value ? formatTypedDate(value) : ''));
  const [problem, setProblem] = useState<string | null>(null);
  const [opened, setOpened] = useState(false);
  // The last value this field reported: the parent echoing it back is not an outside change (which would
  // overwrite the text the user typed and the error beside it).
  const reported = useRef(value);
  // The far date being asked about: the field losing the focus to the question must not ask it again.
  const asking = useRef<string | null>(null);

  useEffect(() => {
    if (value === reported.current) return;
    reported.current = value;
    setText(value ? formatTypedDate(value) : '');
    setProblem(null);
  }, [value]);

  useEffect(() => {
    onValidityChange?.(problem === null);
  }, [problem, onValidityChange]);

  const report = (next: string) => {
    reported.current = next;
    if (next !== value) onChange(next);
  };

  const refuse = (message: string) => {
    setProblem(message);
    report('');
  };

  const accept = async (date: string) => {
    setText(formatTypedDate(date));
    if (minDate && date < minDate) {
      refuse(t('dates.beforeMin', { date: formatTypedDate(minDate) }));
      return;
    }
    if (maxDate && date > maxDate) {
      refuse(t('dates.afterMax', { date: formatTypedDate(maxDate) }));
      return;
    }
    const side = date === value || !saneWindow ? null : outsideSaneWindow(date, todayLocal(), saneWindow);
    if (side) {
      if (asking.current === date) return;
      // Nothing is accepted while the question is open: a save clicked meanwhile finds no date.
      setProblem(null);
      report('');
      const years = side === 'past' ? saneWindow?.yearsBack : saneWindow?.yearsAhead;
      asking.current = date;
      const confirmed = await confirm({
        title: t('dates.farTitle'),
        message: t(side === 'past' ? 'dates.farPast' : 'dates.farFuture', {
          date: formatTypedDate(date),
          years: years ?? 0,
        }),
        confirmLabel: t('dates.farConfirm'),
        cancelLabel: t('dates.farFix'),
      }).finally(() => {
        asking.current = null;
      });
      if (!confirmed) {
        setProblem(t('dates.farRefused'));
        inputRef.current?.focus();
        inputRef.current?.select();
        return;
      }
    }
    setProblem(null);
    report(date);
  };

  const commit = (raw: string) => {
    const parsed = parseTypedDate(raw);
    if (parsed.status === 'empty') {
      setProblem(null);
      report('');
    } else if (parsed.status === 'invalid') {
      refuse(t(parsed.reason === 'impossible' ? 'dates.impossible' : 'dates.unreadable'));
    } else {
      void accept(parsed.date);
    }
  };

  /** The text on screen is what the value says (nothing left to accept). */
  const settled = () => {
    const parsed = parseTypedDate(text);
    if (problem !== null) return false;
    return parsed.status === 'empty' ? value === '' : parsed.status === 'valid' && parsed.date === value;
  };

  const clearButton =
    clearable && text !== '' && !props.disabled && !props.readOnly ? (
      <CloseButton
        size="sm"
        aria-label={t('dates.clear')}
        tabIndex={-1}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => {
          setText('');
          setProblem(null);
          report('');
        }}
      />
    ) : null;

  return (
    <Popover
      opened={opened && !props.disabled && !props.readOnly}
      onDismiss={() => setOpened(false)}
      position="bottom-start"
      trapFocus={false}
      returnFocus={false}
      withRoles={false}
      shadow="md"
    >
      <Popover.Target>
        <TextInput
          {...props}
          ref={inputRef}
          data-local-date=""
          // Esc with the calendar open closes the calendar, not the modal the field is in (as Mantine's Select).
          data-mantine-stop-propagation={opened ? 'true' : undefined}
          autoComplete="off"
          placeholder={props.placeholder ?? t('dates.placeholder')}
          value={text}
          error={problem ?? error}
          rightSection={rightSection ?? clearButton}
          onChange={(event) => {
            setText(event.currentTarget.value);
            setProblem(null);
          }}
          onClick={(event) => {
            onClick?.(event);
            setOpened(true);
          }}
          onBlur={(event) => {
            setOpened(false);
            // The focus going into the app's question is no leaving of the field: the question is this
            // field's own (Mantine's focus trap may pull the focus in late, after a refused date re-focused
            // the field), or another one that asks before anything is read.
            const into = event.relatedTarget;
            if (!(into instanceof Element && into.closest('[data-confirm-dialog]')))
              commit(event.currentTarget.value);
            onBlur?.(event);
          }}
          onKeyDown={(event) => {
            onKeyDown?.(event);
            if (event.key === 'Enter') {
              setOpened(false);
              if (!settled()) {
                // Accept (or refuse) the text first; a second Enter submits the form.
                event.preventDefault();
                commit(text);
              }
            } else if (event.key === 'Escape' && opened) {
              // Close the calendar only, not the modal around the field.
              event.stopPropagation();
              setOpened(false);
            } else if (event.key === 'ArrowDown' && !opened) {
              event.preventDefault();
              setOpened(true);
            }
          }}
        />
      </Popover.Target>
      <Popover.Dropdown onMouseDown={(event) => event.preventDefault()} data-testid="date-picker">
        <DatePicker
          locale="pt-br"
          value={value || null}
          defaultDate={value || todayLocal()}
          minDate={minDate}
          maxDate={maxDate}
          onChange={(date) => {
            setOpened(false);
            if (date) void accept(date);
          }}
        />
      </Popover.Dropdown>
    </Popover>
  );
}

/** A 24-hour time field (HH:mm) that masks as the user types. */
export function TimeField({
  value,
  onChange,
  ...props
}: Omit<TextInputProps, 'value' | 'onChange'> & { value: string; onChange: (value: string) => void }) {
  return (
    <TextInput
      {...props}
      value={value}
      inputMode="numeric"
      placeholder="hh:mm"
      onChange={(event) => onChange(applyMask('##:##', onlyDigits(event.currentTarget.value).slice(0, 4)))}
    />
  );
}
