import { ActionIcon, Box, Button, Menu } from '@mantine/core';
import { APPOINTMENT_NEXT_STATUSES, CANCEL_REASON_MAX, type AppointmentStatus } from '@picineiros/api/client';
import { useConfirm } from '../../components/confirm-dialog';
import { showMutationError, showSuccess } from '../../components/forms';
import { formatLocalDate, t } from '../../i18n';
import { useCreateFinanceEntry, useSetAppointmentStatus } from '../../queries/hooks';
import type { Appointment } from './visit-form';

/** A visit can be moved in time while it is still to happen. */
export function canReschedule(appointment: Appointment): boolean {
  return appointment.status === 'pending' || appointment.status === 'confirmed';
}

const STATUS_ACTION_LABELS: Record<AppointmentStatus, string> = {
  pending: t('appointments.actions.reopen'),
  confirmed: t('appointments.actions.confirm'),
  done: t('appointments.actions.done'),
  cancelled: t('appointments.actions.cancel'),
};

/**
 * A visit's menu: Editar, Remarcar, then exactly the status moves the server allows from its status
 * (APPOINTMENT_NEXT_STATUSES: "Concluir" on a pending visit confirms and completes it in one step;
 * "Reabrir" only on a cancelled one), and "Gerar cobrança" on a done visit with a price. Cancelling asks
 * for confirmation with an optional reason.
 */
export function VisitActions({
  appointment,
  compact = false,
  onEdit,
  onReschedule,
}: {
  appointment: Appointment;
  compact?: boolean;
  onEdit: () => void;
  onReschedule: () => void;
}) {
  const setStatus = useSetAppointmentStatus();
  const charge = useCreateFinanceEntry();
  const { confirmWithReason } = useConfirm();
  const next = APPOINTMENT_NEXT_STATUSES[appointment.status];
  const canCharge = appointment.status === 'done' && appointment.priceCents !== null;
  const busy = setStatus.isPending || charge.isPending;

  const move = async (status: AppointmentStatus) => {
    let reason: string | null = null;
    if (status === 'cancelled') {
      reason = await confirmWithReason({
        title: t('appointments.cancelDialog.title'),
        message: t('appointments.cancelDialog.message', {
          client: appointment.clientName,
          date: formatLocalDate(appointment.date),
          time: appointment.startTime,
        }),
        confirmLabel: t('appointments.cancelDialog.confirm'),
        cancelLabel: t('appointments.cancelDialog.back'),
        danger: true,
        reasonLabel: t('appointments.cancelDialog.reason'),
        reasonPlaceholder: t('appointments.cancelDialog.reasonPlaceholder'),
        reasonMaxLength: CANCEL_REASON_MAX,
      });
      if (reason === null) return;
    }
    setStatus.mutate(
      { id: appointment.id, status, ...(reason ? { reason } : {}) },
      {
        onSuccess: () =>
          showSuccess(
            status === 'cancelled'
              ? t('appointments.cancelled')
              : appointment.status === 'cancelled'
                ? t('appointments.reopened')
                : t('appointments.statusChanged'),
          ),
        onError: (error) => showMutationError(error),
      },
    );
  };

  return (
    // Clicks inside the menu (its dropdown is portalled, but React events still bubble here) must not reach
    // the card, whose click opens the visit.
    <Box onClick={(event) => event.stopPropagation()}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          {compact ? (
            <ActionIcon
              size="sm"
              variant="subtle"
              aria-label={t('common.actions')}
              loading={busy}
              data-testid={`visit-actions-${appointment.id}`}
            >
              ⋯
            </ActionIcon>
          ) : (
            <Button
              size="compact-xs"
              variant="light"
              loading={busy}
              data-testid={`visit-actions-${appointment.id}`}
            >
              {t('common.actions')}
            </Button>
          )}
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={onEdit}>{t('appointments.actions.edit')}</Menu.Item>
          {canReschedule(appointment) ? (
            <Menu.Item onClick={onReschedule}>{t('appointments.actions.reschedule')}</Menu.Item>
          ) : null}
          {next.length > 0 ? <Menu.Divider /> : null}
          {next.map((status) => (
            <Menu.Item
              key={status}
              color={status === 'cancelled' ? 'red' : undefined}
              onClick={() => void move(status)}
            >
              {STATUS_ACTION_LABELS[status]}
            </Menu.Item>
          ))}
          {canCharge ? (
            <Menu.Item
              onClick={() =>
                charge.mutate(
                  { kind: 'appointment', data: { appointmentId: appointment.id } },
                  {
                    onSuccess: () => showSuccess(t('common.created')),
                    onError: (error) => showMutationError(error),
                  },
                )
              }
            >
              {t('appointments.charge')}
            </Menu.Item>
          ) : null}
        </Menu.Dropdown>
      </Menu>
    </Box>
  );
}
