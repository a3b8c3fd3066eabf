import { Button, Group, Menu, Progress, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCallback, useEffect, useState } from 'react';
import type { ReportExportRequest } from '../../ipc/contract';
import { t } from '../i18n';
import { useSession } from '../session-context';
import { messageOf } from './page-state';

export type ReportKind = 'clients' | 'appointments' | 'finance' | 'finance-summary';
export type ReportFormat = { extension: 'csv' | 'pdf'; dialect?: 'excel' | 'rfc4180' };
type Filters = Record<string, unknown>;

/** What an export shows while it runs: rows written (desktop) or bytes received (web). */
export type ExportState =
  { status: 'idle' } | { status: 'running'; written?: number; total?: number; bytes?: number };

/** The list filters as the report route's query string (paging keys dropped, lists comma-joined). */
export function reportQuery(filters: Filters, dialect?: 'excel' | 'rfc4180'): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (['page', 'pageSize', 'limit', 'cursor'].includes(key)) continue;
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      if (value.length) params.set(key, value.map(String).join(','));
    } else if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      params.set(key, String(value));
    }
  }
  if (dialect && dialect !== 'excel') params.set('format', dialect);
  const text = params.toString();
  return text ? `?${text}` : '';
}

function sizeOf(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.max(1, Math.round(bytes / 1024))} KB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function fileNameOf(response: Response, fallback: string): string {
  const match = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '');
  return match?.[1] ?? fallback;
}

/**
 * One way to export for both builds. Desktop: the core writes the file from its replica after the native
 * Save dialog (offline too), with progress events; then "open" or "show in folder". Web: the server route
 * with the session's bearer token, read as a stream (bytes so far), handed to the browser as a download.
 */
export function useReportExport() {
  const { manager } = useSession();
  const bridge = window.picineiros;
  const [state, setState] = useState<ExportState>({ status: 'idle' });

  useEffect(() => {
    if (!bridge) return;
    return bridge.onEvent((event) => {
      if (event.type === 'export-progress') {
        setState({ status: 'running', written: event.written, total: event.total });
      }
    });
  }, [bridge]);

  const run = useCallback(
    async (kind: ReportKind, format: ReportFormat, filters: Filters = {}): Promise<void> => {
      setState({ status: 'running' });
      try {
        if (bridge?.exportReport) {
          await exportOnDesktop(kind, format, filters);
        } else {
          await downloadFromServer(kind, format, filters);
        }
      } catch (error) {
        notifications.show({ color: 'red', message: messageOf(error) });
      } finally {
        setState({ status: 'idle' });
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the helpers below only read bridge and manager
    [bridge, manager],
  );

  async function exportOnDesktop(kind: ReportKind, format: ReportFormat, filters: Filters) {
    if (!bridge?.exportReport) return;
    const request: ReportExportRequest = {
      kind,
      extension: format.extension,
      filters: Object.fromEntries(
        Object.entries(filters).filter(
          ([key, value]) => value !== undefined && !['page', 'pageSize', 'limit', 'cursor'].includes(key),
        ),
      ),
      ...(format.dialect ? { dialect: format.dialect } : {}),
    };
    const result = await bridge.exportReport(request);
    if (!result.ok) {
      const fields = Object.values(result.error.data.fieldErrors ?? {});
      notifications.show({ color: 'red', message: [result.error.message, ...fields].join(' ') });
      return;
    }
    const saved = result.data as { path: string; fileName: string; rows: number } | null;
    if (!saved) return;
    const open = bridge.openExportedFile
      ? (path: string, how: 'open' | 'reveal') => bridge.openExportedFile?.(path, how)
      : undefined;
    notifications.show({
      color: 'teal',
      autoClose: 10_000,
      message: (
        <Stack gap={6}>
          <Text size="sm">
            {t('reports.saved', {
              name: saved.path.split(/[\\/]/).pop() ?? saved.fileName,
              rows: saved.rows,
            })}
          </Text>
          {open ? (
            <Group gap="xs">
              <Button size="compact-xs" variant="light" onClick={() => void open(saved.path, 'open')}>
                {t('reports.openFile')}
              </Button>
              <Button size="compact-xs" variant="subtle" onClick={() => void open(saved.path, 'reveal')}>
                {t('reports.showInFolder')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      ),
    });
  }

  async function downloadFromServer(kind: ReportKind, format: ReportFormat, filters: Filters) {
    const path = `/reports/${kind}.${format.extension}${reportQuery(filters, format.dialect)}`;
    const response = await manager.fetchWithSession(path);
    if (!response) {
      notifications.show({ color: 'red', message: t('reports.summaryNeedsServer') });
      return;
    }
    if (!response.ok) {
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      notifications.show({ color: 'red', message: body.error ?? t('errors.network') });
      return;
    }
    const fallback = `${kind}.${format.extension}`;
    const name = fileNameOf(response, fallback);
    const parts: BlobPart[] = [];
    let bytes = 0;
    const reader = response.body?.getReader();
    if (reader) {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        parts.push(value);
        bytes += value.byteLength;
        setState({ status: 'running', bytes });
      }
    }
    const blob = new Blob(parts, {
      type: response.headers.get('content-type') ?? 'application/octet-stream',
    });
    const url = URL.createObjectURL(blob);
    const anchor = document.createElement('a');
    anchor.href = url;
    anchor.download = name;
    document.body.append(anchor);
    anchor.click();
    anchor.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
    notifications.show({ color: 'teal', message: t('reports.done', { name }) });
  }

  return { state, run };
}

/** The bar under an export button while it runs. */
export function ExportProgress({ state }: { state: ExportState }) {
  if (state.status !== 'running') return null;
  if (state.total !== undefined && state.written !== undefined) {
    const value = state.total === 0 ? 100 : (state.written / state.total) * 100;
    return (
      <Stack gap={2} data-testid="export-progress">
        <Progress value={value} size="sm" animated />
        <Text size="xs" c="dimmed">
          {t('reports.progress', {
            written: state.written.toLocaleString('pt-BR'),
            total: state.total.toLocaleString('pt-BR'),
          })}
        </Text>
      </Stack>
    );
  }
  return (
    <Stack gap={2} data-testid="export-progress">
      <Progress value={100} size="sm" animated striped />
      <Text size="xs" c="dimmed">
        {state.bytes ? t('reports.downloaded', { size: sizeOf(state.bytes) }) : t('reports.preparing')}
      </Text>
    </Stack>
  );
}

/** "Exportar" on a list screen: CSV (Excel or standard) or PDF, with the screen's current filters. */
export function ExportMenu({
  kind,
  filters,
}: {
  kind: Exclude<ReportKind, 'finance-summary'>;
  filters: Filters;
}) {
  const { state, run } = useReportExport();
  const running = state.status === 'running';
  return (
    <Stack gap={4} miw={180}>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button
            variant="default"
            loading={running}
            data-testid={`export-${kind}`}
            title={t('reports.exportHint')}
          >
            {t('reports.export')}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item onClick={() => void run(kind, { extension: 'csv', dialect: 'excel' }, filters)}>
            {t('reports.exportCsvExcel')}
          </Menu.Item>
          <Menu.Item onClick={() => void run(kind, { extension: 'csv', dialect: 'rfc4180' }, filters)}>
            {t('reports.exportCsvStandard')}
          </Menu.Item>
          <Menu.Item onClick={() => void run(kind, { extension: 'pdf' }, filters)}>
            {t('reports.exportPdf')}
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ExportProgress state={state} />
    </Stack>
  );
}
