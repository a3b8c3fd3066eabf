import { Card, Group, SimpleGrid, Stack, Text, UnstyledButton } from '@mantine/core';
import { useState, type DragEvent } from 'react';
import { addDays, todayLocal } from '../../dates';
import { formatLocalDate, formatWeekday, t } from '../../i18n';
import { STATUS_COLORS, StatusBadge } from '../../components/appointment-status-badge';
import { canReschedule, VisitActions } from './visit-actions';
import type { Appointment } from './visit-form';

/** The drag's payload type: only our cards are dropped on the days (not text or files). */
const DRAG_TYPE = 'application/x-picineiros-appointment';

export type VisitHandlers = {
  onOpen: (appointment: Appointment) => void;
  onReschedule: (appointment: Appointment) => void;
  /** A card dropped on another day: same time, new date. */
  onMove: (appointment: Appointment, date: string) => void;
};

/**
 * Seven day columns. A card opens its visit on click (or Enter/Space on its button); a pending or
 * confirmed card can be dragged to another day (native drag and drop; the week has no time rows, so the
 * time stays) — the keyboard's equivalent is "Remarcar" in the card's menu.
 */
export function WeekView({
  weekStart,
  items,
  assigneeNames,
  ...handlers
}: { weekStart: string; items: Appointment[]; assigneeNames: Map<string, string> } & VisitHandlers) {
  const days = Array.from({ length: 7 }, (_, index) => addDays(weekStart, index));
  const today = todayLocal();
  const [dropDay, setDropDay] = useState<string | null>(null);

  const dropTarget = (day: string) => ({
    onDragOver: (event: DragEvent) => {
      if (!event.dataTransfer.types.includes(DRAG_TYPE)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'move';
      if (dropDay !== day) setDropDay(day);
    },
    onDragLeave: (event: DragEvent) => {
      if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDropDay(null);
    },
    onDrop: (event: DragEvent) => {
      event.preventDefault();
      const id = event.dataTransfer.getData(DRAG_TYPE);
      const appointment = items.find((item) => item.id === id);
      setDropDay(null);
      if (appointment && appointment.date !== day) handlers.onMove(appointment, day);
    },
  });

  return (
    <Stack gap="xs">
      <Text size="xs" c="dimmed">
        {t('appointments.dragHint')}
      </Text>
      <SimpleGrid cols={7} spacing="xs">
        {days.map((day) => (
          <Card
            key={day}
            withBorder
            p="xs"
            mih={420}
            bg={dropDay === day ? 'blue.0' : day === today ? 'cyan.0' : undefined}
            style={dropDay === day ? { outline: '2px dashed var(--mantine-color-blue-5)' } : undefined}
            data-testid={`agenda-day-${day}`}
            aria-label={formatLocalDate(day)}
            {...dropTarget(day)}
          >
            <Text size="sm" fw={700} tt="capitalize" mb="xs">
              {formatWeekday(day)}
            </Text>
            <Stack gap={6}>
              {items
                .filter((item) => item.date === day)
                .map((item) => (
                  <VisitCard
                    key={item.id}
                    appointment={item}
                    assigneeName={item.assigneeId ? assigneeNames.get(item.assigneeId) : undefined}
                    onDragEnd={() => setDropDay(null)}
                    {...handlers}
                  />
                ))}
            </Stack>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

function VisitCard({
  appointment,
  assigneeName,
  onOpen,
  onReschedule,
  onDragEnd,
}: {
  appointment: Appointment;
  assigneeName: string | undefined;
  onDragEnd: () => void;
} & VisitHandlers) {
  const draggable = canReschedule(appointment);
  return (
    <Card
      p={6}
      withBorder
      radius="sm"
      data-testid={`visit-card-${appointment.id}`}
      draggable={draggable}
      onDragStart={(event: DragEvent) => {
        event.dataTransfer.setData(DRAG_TYPE, appointment.id);
        event.dataTransfer.effectAllowed = 'move';
      }}
      onDragEnd={onDragEnd}
      onClick={() => onOpen(appointment)}
      style={{
        borderLeft: `3px solid var(--mantine-color-${STATUS_COLORS[appointment.status]}-6)`,
        cursor: draggable ? 'grab' : 'pointer',
      }}
    >
      <Group justify="space-between" gap={4} wrap="nowrap" align="flex-start">
        {/* The card's keyboard target: Enter or Space opens the visit (the click bubbles to the card). */}
        <UnstyledButton
          style={{ flex: 1, minWidth: 0 }}
          aria-label={`${appointment.startTime} ${appointment.clientName}`}
          data-testid={`visit-open-${appointment.id}`}
        >
          <Text component="span" display="block" size="xs" fw={700}>
            {appointment.startTime}
          </Text>
          <Text component="span" display="block" size="xs" lineClamp={2}>
            {appointment.clientName}
          </Text>
        </UnstyledButton>
        <VisitActions
          appointment={appointment}
          compact
          onEdit={() => onOpen(appointment)}
          onReschedule={() => onReschedule(appointment)}
        />
      </Group>
      {assigneeName ? (
        <Text size="xs" c="dimmed" lineClamp={1}>
          {assigneeName}
        </Text>
      ) : null}
      <StatusBadge status={appointment.status} size="xs" />
      {appointment.status === 'cancelled' && appointment.cancelReason ? (
        <Text size="xs" c="dimmed" lineClamp={2} mt={2} title={appointment.cancelReason}>
          {t('appointments.cancelReason', { reason: appointment.cancelReason })}
        </Text>
      ) : null}
    </Card>
  );
}
