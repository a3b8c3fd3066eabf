import { Badge } from '@mantine/core';
import type { AppointmentStatus } from '@picineiros/api/client';
import { t } from '../i18n';

export const STATUS_COLORS: Record<AppointmentStatus, string> = {
  pending: 'yellow',
  confirmed: 'blue',
  done: 'teal',
  cancelled: 'gray',
};

export function StatusBadge({ status, size = 'sm' }: { status: AppointmentStatus; size?: 'xs' | 'sm' }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" size={size}>
      {t(`appointments.statuses.${status}`)}
    </Badge>
  );
}
