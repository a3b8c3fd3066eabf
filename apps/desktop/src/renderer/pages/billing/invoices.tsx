import { Alert, Badge, Button, Card, Group, Stack, Table, Text, TextInput } from '@mantine/core';
import { useClipboard } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import type { TInvoiceView } from '@picineiros/api/client';
import { useEffect } from 'react';
import { PageState } from '../../components/page-state';
import { formatLocalDate, formatMoney, t } from '../../i18n';
import { isPayable, type useInvoices } from '../../queries/billing';

// The invoices (owners and admins): the one to pay now with its PIX code, and the list with "Pagar".

const INVOICE_COLORS: Record<TInvoiceView['status'], string> = {
  pending: 'yellow',
  confirmed: 'teal',
  received: 'teal',
  overdue: 'red',
  refunded: 'gray',
  deleted: 'gray',
};

/** Asaas's invoice page in the system browser (the Electron shell lets Asaas's hosts through). */
function PayButton({ invoice }: { invoice: TInvoiceView }) {
  if (!invoice.invoiceUrl || !isPayable(invoice)) return null;
  return (
    <Button
      component="a"
      href={invoice.invoiceUrl}
      target="_blank"
      rel="noopener noreferrer"
      size="compact-sm"
    >
      {t('billing.pay')}
    </Button>
  );
}

function CopyPixButton({ code, compact }: { code: string; compact?: boolean }) {
  const clipboard = useClipboard({ timeout: 2500 });
  useEffect(() => {
    // No clipboard access (an old browser, a denied permission): the code stays selectable in its field.
    if (clipboard.error) notifications.show({ color: 'red', message: t('billing.copyFailed') });
  }, [clipboard.error]);
  return (
    <Button
      size={compact ? 'compact-sm' : 'sm'}
      variant={clipboard.copied ? 'filled' : 'light'}
      color={clipboard.error ? 'red' : clipboard.copied ? 'teal' : 'cyan'}
      onClick={() => clipboard.copy(code)}
      title={clipboard.error ? t('billing.copyFailed') : undefined}
    >
      {clipboard.copied ? t('billing.pixCopied') : t('billing.copyPix')}
    </Button>
  );
}

/** The invoice to pay now: its PIX code in full (to copy), its page, and the hint that it updates itself. */
export function OpenInvoice({ invoice }: { invoice: TInvoiceView }) {
  return (
    <Alert
      color={invoice.status === 'overdue' ? 'red' : 'cyan'}
      variant="light"
      title={t(invoice.status === 'overdue' ? 'billing.overdueInvoice' : 'billing.openInvoice', {
        amount: formatMoney(invoice.amountCents),
        date: formatLocalDate(invoice.dueDate),
      })}
      data-testid="open-invoice"
    >
      <Stack gap="xs">
        {invoice.pixCode ? (
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label={t('billing.pixCode')}
              value={invoice.pixCode}
              readOnly
              style={{ flex: 1 }}
              styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
              onFocus={(event) => event.currentTarget.select()}
            />
            <CopyPixButton code={invoice.pixCode} />
          </Group>
        ) : null}
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {t('billing.pendingHint')}
          </Text>
          <PayButton invoice={invoice} />
        </Group>
      </Stack>
    </Alert>
  );
}

export function InvoicesCard({ query }: { query: ReturnType<typeof useInvoices> }) {
  return (
    <Card withBorder mt="md">
      <Text fw={600} mb="sm">
        {t('billing.invoices')}
      </Text>
      <PageState query={query} empty={query.data?.length === 0} emptyHint={t('billing.noInvoices')}>
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('billing.dueDate')}</Table.Th>
              <Table.Th ta="right">{t('billing.amount')}</Table.Th>
              <Table.Th>{t('billing.status')}</Table.Th>
              <Table.Th>{t('billing.billingType')}</Table.Th>
              <Table.Th ta="right">{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data?.map((invoice) => (
              <Table.Tr key={invoice.id} data-testid="invoice-row">
                <Table.Td>{formatLocalDate(invoice.dueDate)}</Table.Td>
                <Table.Td ta="right" fw={600}>
                  {formatMoney(invoice.amountCents)}
                </Table.Td>
                <Table.Td>
                  <Badge color={INVOICE_COLORS[invoice.status]} variant="light" data-testid="invoice-status">
                    {t(`billing.invoiceStatuses.${invoice.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{t(`billing.billingTypes.${invoice.billingType}`)}</Table.Td>
                <Table.Td>
                  <Group gap="xs" justify="flex-end">
                    {invoice.pixCode ? <CopyPixButton code={invoice.pixCode} compact /> : null}
                    <PayButton invoice={invoice} />
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </PageState>
    </Card>
  );
}
