// The desktop's IPC contract: what the renderer may ask over the preload's contextBridge, and the
// channels main answers on. main, preload, core and renderer all import it, so it stays plain types and
// strings (no Electron, no Node). Plain objects only: Electron's structured clone carries Dates as Dates.

/** The channels between preload and main (ipcRenderer.invoke / ipcMain.handle, and the one event feed). */
export const IPC_CHANNELS = {
  call: 'picineiros:call',
  online: 'picineiros:online',
  saveFile: 'picineiros:save-file',
  exportReport: 'picineiros:export',
  openExported: 'picineiros:open-exported',
  event: 'picineiros:event',
} as const;

export type BridgeOperation = {
  path: string;
  type: 'query' | 'mutation';
  input: unknown;
  /** The organization the renderer has selected (the web build sends it as `x-org-id`). */
  orgId?: string | undefined;
};

/** The tRPC error shape the server produces (message, JSON-RPC code, data with the tRPC code). */
export type BridgeErrorShape = {
  message: string;
  code: number;
  data: { code: string; httpStatus?: number; fieldErrors?: Record<string, string> | undefined };
};

export type BridgeResult = { ok: true; data: unknown } | { ok: false; error: BridgeErrorShape };

export type ReportExportRequest = {
  /** The financial summary is computed by the server (its aggregates), so it needs a connection. */
  kind: 'clients' | 'appointments' | 'finance' | 'finance-summary';
  extension: 'csv' | 'pdf';
  /** The list's filters, as the list procedure takes them. */
  filters?: Record<string, unknown>;
  dialect?: 'excel' | 'rfc4180';
};

export type BridgeEvent =
  | { type: 'connection'; online: boolean }
  | { type: 'synced'; domains: string[] }
  | { type: 'signed-out' }
  /** A running export: rows written out of the total. */
  | { type: 'export-progress'; written: number; total: number };

/** What the preload exposes to the page as `window.picineiros`. */
export type PicineirosBridge = {
  call(operation: BridgeOperation): Promise<BridgeResult>;
  /** Calls back on connection changes and after each sync that changed rows; returns an unsubscribe. */
  onEvent(listener: (event: BridgeEvent) => void): () => void;
  /** Whether the core currently reaches the server (events only report changes; a reloaded page asks). */
  isOnline?(): Promise<boolean>;
  /** Native save dialog for exports; resolves to the saved path or null when cancelled. */
  saveFile?(suggestedName: string, contents: string): Promise<string | null>;
  /**
   * Desktop exports: the core writes the report from its replica (offline too) after the native Save
   * dialog; `data` is `{ path, fileName, rows }`, or null when the dialog was cancelled.
   */
  exportReport?(request: ReportExportRequest): Promise<BridgeResult>;
  /** Opens a file this session exported with the system's app, or shows it in its folder. */
  openExportedFile?(path: string, how: 'open' | 'reveal'): Promise<void>;
};
