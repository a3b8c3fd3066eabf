import { Badge } from '@mantine/core';
import { t } from '../i18n';
import type { Outputs } from '../queries/keys';

type Entry = Pick<
  Outputs['finance']['list']['items'][number],
  'deletedAt' | 'status' | 'paymentMethod' | 'overdue'
>;

/** An entry's situation: paid (with the method), overdue, pending, or archived. Never cut off (app.tsx). */
export function FinanceStatusBadge({ entry }: { entry: Entry }) {
  if (entry.deletedAt) {
    return (
      <Badge color="gray" variant="light">
        {t('finance.archived')}
      </Badge>
    );
  }
  if (entry.status === 'paid') {
    return (
      <Badge color="teal" variant="light">
        {t('finance.statuses.paid')}
        {entry.paymentMethod ? ` · ${t(`finance.methods.${entry.paymentMethod}`)}` : ''}
      </Badge>
    );
  }
  if (entry.overdue) return <Badge color="red">{t('finance.overdue')}</Badge>;
  return (
    <Badge color="yellow" variant="light">
      {t('finance.statuses.pending')}
    </Badge>
  );
}
