import { Alert, List, Text } from '@mantine/core';
import { ZAppointmentOverlapsInput } from '@picineiros/api/client';
import { useConfirm } from '../../components/confirm-dialog';
import { formatLocalDate, t } from '../../i18n';
import { useAppointmentOverlaps, useFetchAppointmentOverlaps } from '../../queries/hooks';
import type { Inputs, Outputs } from '../../queries/keys';

// The overlap warning: a visit of the same client or the same assignee at that time. It warns and never
// blocks (two visits at once can be right); the rule itself is the server's (appointments.overlaps), which
// the desktop answers from its replica.

export type Slot = Inputs['appointments']['overlaps'];
type Overlap = Outputs['appointments']['overlaps']['items'][number];

/** A complete, valid slot, or null while the form is still being filled. */
export function slotOf(values: {
  clientId: string;
  assigneeId?: string | null;
  date: string;
  startTime: string;
  durationMinutes: number;
  excludeId?: string | undefined;
}): Slot | null {
  const slot = {
    clientId: values.clientId,
    assigneeId: values.assigneeId || null,
    date: values.date,
    startTime: values.startTime,
    durationMinutes: values.durationMinutes,
    ...(values.excludeId ? { excludeId: values.excludeId } : {}),
  };
  return ZAppointmentOverlapsInput.safeParse(slot).success ? slot : null;
}

function endOf(startTime: string, durationMinutes: number): string {
  const [hours = 0, minutes = 0] = startTime.split(':').map(Number);
  const end = (hours * 60 + minutes + durationMinutes) % (24 * 60);
  return `${String(Math.floor(end / 60)).padStart(2, '0')}:${String(end % 60).padStart(2, '0')}`;
}

function OverlapList({ items }: { items: readonly Overlap[] }) {
  return (
    <List size="sm" spacing={2}>
      {items.map((item) => (
        <List.Item key={item.id}>
          {item.clientName}, {formatLocalDate(item.date)} {item.startTime}–
          {endOf(item.startTime, item.durationMinutes)} (
          {[
            item.sameClient ? t('appointments.overlap.sameClient') : null,
            item.sameAssignee ? t('appointments.overlap.sameAssignee') : null,
          ]
            .filter(Boolean)
            .join(', ')}
          )
        </List.Item>
      ))}
    </List>
  );
}

/** The live warning inside a form; nothing while the slot is free or incomplete. */
export function OverlapWarning({ slot }: { slot: Slot | null }) {
  const overlaps = useAppointmentOverlaps(slot);
  const items = slot ? (overlaps.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Alert color="orange" title={t('appointments.overlap.title')} data-testid="overlap-warning">
      <Text size="sm" mb={4}>
        {t('appointments.overlap.intro')}
      </Text>
      <OverlapList items={items} />
      <Text size="sm" mt={4}>
        {t('appointments.overlap.allowed')}
      </Text>
    </Alert>
  );
}

/**
 * At the moment of saving: asks again (fresh) and, when the slot collides with visits the user has not
 * been shown yet (a drag, or a save faster than the live warning), asks for confirmation. Resolves true to
 * go ahead.
 */
export function useOverlapCheck() {
  const fetchOverlaps = useFetchAppointmentOverlaps();
  const { confirm } = useConfirm();
  return async (slot: Slot, alreadyShown: readonly string[] = []): Promise<boolean> => {
    let items: Overlap[];
    try {
      items = (await fetchOverlaps(slot)).items;
    } catch {
      // A warning that cannot be computed must not block the save itself.
      return true;
    }
    if (items.every((item) => alreadyShown.includes(item.id))) return true;
    return confirm({
      title: t('appointments.overlap.title'),
      message: (
        <>
          <Text size="sm" mb={4}>
            {t('appointments.overlap.intro')}
          </Text>
          <OverlapList items={items} />
        </>
      ),
      confirmLabel: t('appointments.overlap.confirm'),
      cancelLabel: t('common.back'),
    });
  };
}

/** The ids the live warning shows for a slot (so saving does not ask about them a second time). */
export function useShownOverlapIds(slot: Slot | null): string[] {
  const overlaps = useAppointmentOverlaps(slot);
  return slot ? (overlaps.data?.items.map((item) => item.id) ?? []) : [];
}
