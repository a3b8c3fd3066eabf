import { Button, Group, Modal, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useMemo, useState } from 'react';
import { useLinkParam, useShowLinked } from '../components/linked-record';
import { ExportMenu } from '../components/report-export';
import { PageState } from '../components/page-state';
import { addDays, startOfWeek, todayLocal } from '../dates';
import { formatLocalDate, t } from '../i18n';
import { useAppointment, useAppointments, useMembers } from '../queries/hooks';
import { ListView } from './appointments/list-view';
import { RescheduleForm, useReschedule } from './appointments/reschedule';
import { AppointmentForm, type Appointment } from './appointments/visit-form';
import { WeekView } from './appointments/week-view';

// The Agenda: the week (drag a card to another day) or the list, a visit's dialog to edit it, and "Remarcar"
// for the keyboard. The parts live in ./appointments/.

export function AppointmentsPage() {
  const [view, setView] = useState<'list' | 'week'>('week');
  const [weekStart, setWeekStart] = useState(() => startOfWeek(todayLocal()));
  const [creating, setCreating] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [rescheduling, setRescheduling] = useState<Appointment | null>(null);
  const weekEnd = addDays(weekStart, 6);
  const query = useAppointments({ from: weekStart, to: weekEnd, limit: 500 });
  const items = query.data?.items ?? [];
  const members = useMembers();
  const assigneeNames = useMemo(
    () => new Map(members.data?.members.map((member) => [member.membershipId, member.name]) ?? []),
    [members.data],
  );
  // A notification's link: the visit's week, and the visit open.
  const linked = useAppointment(useLinkParam('visit') ?? undefined);
  useShowLinked(linked.data, (visit) => {
    setWeekStart(startOfWeek(visit.date));
    setEditingId(visit.id);
  });
  const { reschedule } = useReschedule();
  const handlers = {
    onOpen: (appointment: Appointment) => setEditingId(appointment.id),
    onReschedule: (appointment: Appointment) => setRescheduling(appointment),
    onMove: (appointment: Appointment, date: string) =>
      void reschedule(appointment, { date, startTime: appointment.startTime }),
  };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>{t('appointments.title')}</Title>
        <Group>
          <SegmentedControl
            value={view}
            onChange={(value) => setView(value)}
            data={[
              { value: 'week', label: t('appointments.week') },
              { value: 'list', label: t('appointments.list') },
            ]}
          />
          <ExportMenu kind="appointments" filters={{ from: weekStart, to: weekEnd }} />
          <Button onClick={() => setCreating(true)}>{t('appointments.new')}</Button>
        </Group>
      </Group>
      <Group>
        <Button variant="default" size="xs" onClick={() => setWeekStart(addDays(weekStart, -7))}>
          ← {t('appointments.previousWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setWeekStart(startOfWeek(todayLocal()))}>
          {t('appointments.thisWeek')}
        </Button>
        <Button variant="default" size="xs" onClick={() => setWeekStart(addDays(weekStart, 7))}>
          {t('appointments.nextWeek')} →
        </Button>
        <Text fw={500}>
          {formatLocalDate(weekStart)} – {formatLocalDate(weekEnd)}
        </Text>
      </Group>
      <PageState
        query={query}
        empty={view === 'list' && items.length === 0}
        emptyTitle={t('appointments.empty')}
        emptyHint={t('firstRun.appointmentsHint')}
        emptyAction={<Button onClick={() => setCreating(true)}>{t('firstRun.firstVisit')}</Button>}
      >
        {view === 'week' && items.length === 0 ? (
          <Group justify="space-between" mb="sm" data-testid="empty-state">
            <Text size="sm" c="dimmed">
              {t('appointments.empty')} {t('firstRun.appointmentsHint')}
            </Text>
            <Button size="xs" variant="light" onClick={() => setCreating(true)}>
              {t('firstRun.firstVisit')}
            </Button>
          </Group>
        ) : null}
        {view === 'week' ? (
          <WeekView weekStart={weekStart} items={items} assigneeNames={assigneeNames} {...handlers} />
        ) : (
          <ListView items={items} assigneeNames={assigneeNames} {...handlers} />
        )}
      </PageState>
      <Modal opened={creating} onClose={() => setCreating(false)} title={t('appointments.new')} size="lg">
        {creating ? <AppointmentForm onDone={() => setCreating(false)} defaultDate={todayLocal()} /> : null}
      </Modal>
      <Modal
        opened={editingId !== null}
        onClose={() => setEditingId(null)}
        title={t('appointments.editTitle')}
        size="lg"
      >
        {editingId ? <EditVisit id={editingId} onDone={() => setEditingId(null)} /> : null}
      </Modal>
      <Modal
        opened={rescheduling !== null}
        onClose={() => setRescheduling(null)}
        title={t('appointments.rescheduleTitle')}
      >
        {rescheduling ? (
          <RescheduleForm appointment={rescheduling} onDone={() => setRescheduling(null)} />
        ) : null}
      </Modal>
    </Stack>
  );
}

/** The visit as it is now (read again, so the form starts from the latest version), in the form. */
function EditVisit({ id, onDone }: { id: string; onDone: () => void }) {
  const visit = useAppointment(id);
  if (!visit.data) return <PageState query={visit}>{null}</PageState>;
  return <AppointmentForm appointment={visit.data} onDone={onDone} defaultDate={visit.data.date} />;
}
