import {
  Alert,
  Button,
  Card,
  Group,
  Radio,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { DateRangeFields } from '../components/date-range-fields';
import { ExportProgress, useReportExport, type ReportKind } from '../components/report-export';
import { useOnline } from '../components/use-online';
import { t } from '../i18n';

const KINDS: ReportKind[] = ['clients', 'appointments', 'finance', 'finance-summary'];

/** Pick a report, its filters and a format; the same files the list screens' "Exportar" gives. */
export function ReportsPage() {
  const desktop = window.picineiros?.exportReport !== undefined;
  const online = useOnline();
  const [kind, setKind] = useState<ReportKind>('finance');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  // A De/Até the field could not read is '' (no bound): exporting then would quietly drop the filter.
  const [fromValid, setFromValid] = useState(true);
  const [toValid, setToValid] = useState(true);
  const [appointmentStatus, setAppointmentStatus] = useState<string | null>(null);
  const [financeStatus, setFinanceStatus] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [active, setActive] = useState<'all' | 'active' | 'inactive'>('all');
  const [dialect, setDialect] = useState<'excel' | 'rfc4180'>('excel');
  const { state, run } = useReportExport();

  const filters = (): Record<string, unknown> => {
    switch (kind) {
      case 'clients':
        return { search: search || undefined, active: active === 'all' ? undefined : active === 'active' };
      case 'appointments':
        return {
          from: from || undefined,
          to: to || undefined,
          status: appointmentStatus ? [appointmentStatus] : undefined,
        };
      case 'finance':
        return {
          from: from || undefined,
          to: to || undefined,
          ...(financeStatus === 'overdue' ? { overdue: true } : { status: financeStatus ?? undefined }),
        };
      case 'finance-summary':
        return { from: from || undefined, to: to || undefined };
    }
  };
  const running = state.status === 'running';
  const needsServer = kind === 'finance-summary' && desktop && !online;
  const datesUnread = kind !== 'clients' && !(fromValid && toValid);

  return (
    <Stack>
      <Title order={2}>{t('reports.title')}</Title>
      <Text c="dimmed">{t('reports.intro')}</Text>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Card withBorder>
          <Radio.Group label={t('reports.kind')} value={kind} onChange={(value) => setKind(value)}>
            <Stack gap="sm" mt="xs">
              {KINDS.map((option) => (
                <Radio
                  key={option}
                  value={option}
                  label={t(`reports.kinds.${option}`)}
                  description={t(`reports.kindHints.${option}`)}
                  data-testid={`report-kind-${option}`}
                />
              ))}
            </Stack>
          </Radio.Group>
        </Card>
        <Card withBorder>
          <Stack>
            {kind === 'clients' ? (
              <>
                <TextInput
                  label={t('reports.search')}
                  value={search}
                  onChange={(event) => setSearch(event.currentTarget.value)}
                />
                <div>
                  <Text size="sm" fw={500} mb={4}>
                    {t('reports.activeFilter')}
                  </Text>
                  <SegmentedControl
                    value={active}
                    onChange={(value) => setActive(value)}
                    data={[
                      { value: 'all', label: t('reports.activeAll') },
                      { value: 'active', label: t('reports.activeOnly') },
                      { value: 'inactive', label: t('reports.inactiveOnly') },
                    ]}
                  />
                </div>
              </>
            ) : (
              <Group grow>
                <DateRangeFields
                  from={{
                    label: t('reports.from'),
                    value: from,
                    onChange: setFrom,
                    onValidityChange: setFromValid,
                  }}
                  to={{ label: t('reports.to'), value: to, onChange: setTo, onValidityChange: setToValid }}
                />
              </Group>
            )}
            {kind === 'appointments' ? (
              <Select
                label={t('reports.status')}
                placeholder={t('reports.anyStatus')}
                clearable
                value={appointmentStatus}
                onChange={setAppointmentStatus}
                data={(['pending', 'confirmed', 'done', 'cancelled'] as const).map((status) => ({
                  value: status,
                  label: t(`appointments.statuses.${status}`),
                }))}
              />
            ) : null}
            {kind === 'finance' ? (
              <Select
                label={t('reports.status')}
                placeholder={t('reports.anyStatus')}
                clearable
                value={financeStatus}
                onChange={setFinanceStatus}
                data={[
                  { value: 'pending', label: t('finance.statuses.pending') },
                  { value: 'paid', label: t('finance.statuses.paid') },
                  { value: 'overdue', label: t('finance.overdue') },
                ]}
              />
            ) : null}
            <Select
              label={t('reports.csvFormat')}
              value={dialect}
              allowDeselect={false}
              onChange={(value) => setDialect(value === 'rfc4180' ? 'rfc4180' : 'excel')}
              data={[
                { value: 'excel', label: t('reports.csvExcel') },
                { value: 'rfc4180', label: t('reports.csvStandard') },
              ]}
            />
            {needsServer ? <Alert color="orange">{t('reports.summaryNeedsServer')}</Alert> : null}
            {desktop && !online && !needsServer ? (
              <Text size="sm" c="dimmed">
                {t('reports.offlineNote')}
              </Text>
            ) : null}
            <Group>
              <Button
                data-testid="report-csv"
                loading={running}
                disabled={needsServer || datesUnread}
                onClick={() => void run(kind, { extension: 'csv', dialect }, filters())}
              >
                {desktop ? t('reports.saveCsv') : t('reports.downloadCsv')}
              </Button>
              <Button
                variant="light"
                data-testid="report-pdf"
                loading={running}
                disabled={needsServer || datesUnread}
                onClick={() => void run(kind, { extension: 'pdf' }, filters())}
              >
                {desktop ? t('reports.savePdf') : t('reports.downloadPdf')}
              </Button>
            </Group>
            <ExportProgress state={state} />
          </Stack>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
