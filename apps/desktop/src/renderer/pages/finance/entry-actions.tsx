import { ActionIcon, Button, Group, Menu } from '@mantine/core';
import { useConfirm } from '../../components/confirm-dialog';
import { showMutationError, showSuccess } from '../../components/forms';
import { formatDateTime, formatMoney, t } from '../../i18n';
import { useArchiveFinanceEntry, useMarkPending } from '../../queries/hooks';
import { useSignedIn } from '../../session-context';
import type { Entry } from './entry-forms';

/** Owners and admins archive and restore entries (docs/architecture.md, Permissions); staff do not. */
function useCanArchive(): boolean {
  const { memberships, orgId } = useSignedIn();
  return memberships.find((membership) => membership.organizationId === orgId)?.role !== 'staff';
}

/**
 * One entry's actions: "Marcar como pago" on a pending entry, then a menu with Editar, Reabrir (a paid entry:
 * undo a payment marked by mistake) and Arquivar (owners and admins, after the app's confirm dialog). An
 * archived entry offers only Restaurar (owners and admins).
 */
export type EntryCommands = {
  reopen: (entry: Entry) => void;
  archive: (entry: Entry) => void;
  restore: (entry: Entry) => void;
};

/**
 * Reabrir, Arquivar (each after the app's confirm dialog) and Restaurar. Held by the page, not by the row:
 * the row leaves the list as soon as the change syncs (on the desktop, before the call returns), and a
 * mutation's per-call callbacks do not run once their component is gone.
 */
export function useEntryCommands(): EntryCommands {
  const { confirm } = useConfirm();
  const markPending = useMarkPending();
  const archive = useArchiveFinanceEntry();
  const feedback = (message: string) => ({
    onSuccess: () => showSuccess(message),
    onError: (error: unknown) => showMutationError(error),
  });
  return {
    reopen: (entry) =>
      void confirm({
        title: t('finance.reopenConfirmTitle'),
        message: t('finance.reopenConfirm', {
          paidAt: entry.paidAt ? formatDateTime(entry.paidAt) : '—',
          method: entry.paymentMethod ? t(`finance.methods.${entry.paymentMethod}`) : '—',
        }),
        confirmLabel: t('finance.reopen'),
      }).then((confirmed) => {
        if (confirmed) markPending.mutate(entry.id, feedback(t('finance.reopened')));
      }),
    archive: (entry) =>
      void confirm({
        title: t('finance.archiveConfirmTitle'),
        message: t('finance.archiveConfirm', {
          description: entry.description,
          amount: formatMoney(entry.amountCents),
        }),
        confirmLabel: t('common.archive'),
        danger: true,
      }).then((confirmed) => {
        if (confirmed) archive.mutate({ id: entry.id, archived: true }, feedback(t('finance.archivedSaved')));
      }),
    restore: (entry) => archive.mutate({ id: entry.id, archived: false }, feedback(t('finance.restored'))),
  };
}

export function EntryActions({
  entry,
  commands,
  onPay,
  onEdit,
}: {
  entry: Entry;
  commands: EntryCommands;
  onPay: () => void;
  onEdit: () => void;
}) {
  const canArchive = useCanArchive();
  if (entry.deletedAt) {
    return canArchive ? (
      <Group justify="flex-end">
        <Button size="compact-xs" variant="light" onClick={() => commands.restore(entry)}>
          {t('common.restore')}
        </Button>
      </Group>
    ) : null;
  }
  return (
    <Group gap={6} justify="flex-end" wrap="nowrap">
      {entry.status === 'pending' ? (
        <Button size="compact-xs" onClick={onPay} style={{ whiteSpace: 'nowrap' }}>
          {t('finance.markPaid')}
        </Button>
      ) : null}
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            aria-label={t('finance.rowActions', { description: entry.description })}
          >
            ⋯
          </ActionIcon>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit}>{t('common.edit')}</Menu.Item>
          {entry.status === 'paid' ? (
            <Menu.Item onClick={() => commands.reopen(entry)}>{t('finance.reopen')}</Menu.Item>
          ) : null}
          {canArchive ? (
            <Menu.Item color="red" onClick={() => commands.archive(entry)}>
              {t('common.archive')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
    </Group>
  );
}
