import { contextBridge, ipcRenderer } from 'electron';
import type {
  BridgeEvent,
  BridgeOperation,
  BridgeResult,
  PicineirosBridge,
  ReportExportRequest,
} from '../renderer/api/bridge';

// contextBridge, nothing else: a few narrow functions, no ipcRenderer handed to the page.
const bridge: PicineirosBridge = {
  call: (operation: BridgeOperation) =>
    ipcRenderer.invoke('picineiros:call', {
      path: operation.path,
      type: operation.type,
      input: operation.input,
      orgId: operation.orgId,
    }) as Promise<BridgeResult>,
  onEvent: (listener: (event: BridgeEvent) => void) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: BridgeEvent) => {
      listener(payload);
    };
    ipcRenderer.on('picineiros:event', handler);
    return () => ipcRenderer.removeListener('picineiros:event', handler);
  },
  isOnline: () => ipcRenderer.invoke('picineiros:online') as Promise<boolean>,
  saveFile: (suggestedName: string, contents: string) =>
    ipcRenderer.invoke('picineiros:save-file', suggestedName, contents) as Promise<string | null>,
  exportReport: (request: ReportExportRequest) =>
    ipcRenderer.invoke('picineiros:export', {
      kind: request.kind,
      extension: request.extension,
      filters: request.filters,
      dialect: request.dialect,
    }) as Promise<BridgeResult>,
  openExportedFile: (path: string, how: 'open' | 'reveal') =>
    ipcRenderer.invoke('picineiros:open-exported', path, how) as Promise<void>,
};

contextBridge.exposeInMainWorld('picineiros', bridge);
