// The app's own confirmation dialog, instead of the browser's window.confirm/alert (which is English-styled,
// blocks the page and cannot be tested like the rest of the UI). <ConfirmProvider> is mounted once in app.tsx.
//
// Usage, from any component:
//
//   const { confirm, confirmWithReason } = useConfirm();
//
//   // Yes/no: resolves true when the user confirms, false on "Cancelar", Esc or closing the dialog.
//   // (In an onClick, `void confirm(...).then(...)` keeps no-misused-promises happy.)
//   onClick={() =>
//     void confirm({ title: t('clients.archiveConfirmTitle', { name }), message: t('clients.archiveConfirm'),
//                    confirmLabel: t('common.archive'), danger: true })
//       .then((confirmed) => confirmed && archive.mutate(...))}
//
//   // With an optional free-text reason (e.g. cancelling a visit): resolves the trimmed reason ('' when the
//   // user left it blank), or null when the user gave up.
//   const reason = await confirmWithReason({ title: ..., message: ..., confirmLabel: ..., danger: true,
//                                            reasonLabel: t('...') });
//   if (reason === null) return;
//
// `danger` paints the confirm button red and puts the initial focus on "Cancelar", so an Enter pressed out of
// habit does not destroy anything; otherwise the focus starts on the confirm button. The dialog (role="dialog")
// is titled by `title`; texts come from the i18n layer (t(...)), defaults from common.*.
import { Button, Group, Modal, Text, Textarea } from '@mantine/core';
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type ReactNode,
} from 'react';
import { t } from '../i18n';

export type ConfirmOptions = {
  title: string;
  message?: ReactNode;
  /** Defaults to "Confirmar". */
  confirmLabel?: string;
  /** Defaults to "Cancelar". */
  cancelLabel?: string;
  /** A destructive action: red button, focus starts on "Cancelar". */
  danger?: boolean;
};

export type ConfirmWithReasonOptions = ConfirmOptions & {
  reasonLabel: string;
  reasonPlaceholder?: string;
  reasonMaxLength?: number;
};

type Confirmations = {
  confirm: (options: ConfirmOptions) => Promise<boolean>;
  confirmWithReason: (options: ConfirmWithReasonOptions) => Promise<string | null>;
};

type Pending = {
  options: ConfirmOptions & Partial<ConfirmWithReasonOptions>;
  withReason: boolean;
  resolve: (answer: { confirmed: boolean; reason: string }) => void;
};

const STOP = { 'data-mantine-stop-propagation': 'true' };

const ConfirmContext = createContext<Confirmations | null>(null);

export function useConfirm(): Confirmations {
  const context = useContext(ConfirmContext);
  if (!context) throw new Error('useConfirm needs <ConfirmProvider> above it');
  return context;
}

export function ConfirmProvider({ children }: { children: ReactNode }) {
  const [pending, setPending] = useState<Pending | null>(null);
  const [reason, setReason] = useState('');
  const pendingRef = useRef<Pending | null>(null);
  // The last element focused outside this dialog. The focus goes back there before the asker hears the
  // answer, so the asker may move it elsewhere (a refused date focuses its own field). Mantine's own return,
  // 10 ms after closing, would race with the asker and could blur that field again, asking twice. Tracked on
  // focusin because a question asked from a blur (Tab out of a date) opens before the focus lands.
  const returnFocusTo = useRef<HTMLElement | null>(null);

  const settle = useCallback((confirmed: boolean, text = '') => {
    const current = pendingRef.current;
    pendingRef.current = null;
    setPending(null);
    const target = returnFocusTo.current;
    if (target?.isConnected) target.focus({ preventScroll: true });
    current?.resolve({ confirmed, reason: text.trim() });
  }, []);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      const target = event.target;
      if (target instanceof HTMLElement && !target.closest('[data-confirm-dialog]'))
        returnFocusTo.current = target;
    };
    document.addEventListener('focusin', onFocusIn, { capture: true });
    return () => document.removeEventListener('focusin', onFocusIn, { capture: true });
  }, []);

  const open = useCallback(
    (options: Pending['options'], withReason: boolean) =>
      new Promise<{ confirmed: boolean; reason: string }>((resolve) => {
        // A second request while one is open (should not happen: the dialog is modal) answers the first "no".
        pendingRef.current?.resolve({ confirmed: false, reason: '' });
        const next = { options, withReason, resolve };
        pendingRef.current = next;
        setReason('');
        setPending(next);
      }),
    [],
  );

  const value = useMemo<Confirmations>(
    () => ({
      confirm: async (options) => (await open(options, false)).confirmed,
      confirmWithReason: async (options) => {
        const answer = await open(options, true);
        return answer.confirmed ? answer.reason : null;
      },
    }),
    [open],
  );

  // Esc answers "no" here and goes no further. Mantine's modals each listen for Esc on window (capture) and
  // would all close, the form the question was asked from included. Listening from the provider's mount, on
  // window in the capture phase, puts this listener before any modal's (same target and phase run in the
  // order they were added), so stopImmediatePropagation holds even in the moment before the dialog has
  // taken the focus (its focusable elements also carry data-mantine-stop-propagation: STOP).
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!pendingRef.current || event.key !== 'Escape' || event.isComposing) return;
      event.stopImmediatePropagation();
      event.preventDefault();
      settle(false);
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [settle]);

  const options = pending?.options;
  const danger = options?.danger ?? false;
  return (
    <ConfirmContext.Provider value={value}>
      {children}
      <Modal
        opened={pending !== null}
        onClose={() => settle(false)}
        title={<Text fw={700}>{options?.title}</Text>}
        centered
        closeOnEscape={false}
        returnFocus={false}
        closeButtonProps={{ ...STOP, 'aria-label': t('common.close') }}
        // Above other modals (200) and popovers (300): the question is asked from inside them.
        zIndex={1000}
        data-testid="confirm-dialog"
        data-confirm-dialog=""
      >
        <form
          onSubmit={(event) => {
            event.preventDefault();
            settle(true, reason);
          }}
        >
          {options?.message !== undefined &&
            (typeof options.message === 'string' ? (
              <Text size="sm">{options.message}</Text>
            ) : (
              options.message
            ))}
          {pending?.withReason && (
            <Textarea
              mt="md"
              label={options?.reasonLabel}
              placeholder={options?.reasonPlaceholder}
              maxLength={options?.reasonMaxLength ?? 500}
              autosize
              minRows={2}
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              data-autofocus
              {...STOP}
            />
          )}
          <Group justify="flex-end" mt="lg">
            <Button
              {...STOP}
              variant="default"
              onClick={() => settle(false)}
              data-autofocus={danger && !pending?.withReason ? true : undefined}
            >
              {options?.cancelLabel ?? t('common.cancel')}
            </Button>
            <Button
              {...STOP}
              type="submit"
              color={danger ? 'red' : undefined}
              data-autofocus={!danger && !pending?.withReason ? true : undefined}
            >
              {options?.confirmLabel ?? t('common.confirm')}
            </Button>
          </Group>
        </form>
      </Modal>
    </ConfirmContext.Provider>
  );
}
