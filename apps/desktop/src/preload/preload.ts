import { contextBridge, ipcRenderer } from 'electron';
import {
  IPC_CHANNELS,
  type BridgeEvent,
  type BridgeOperation,
  type BridgeResult,
  type PicineirosBridge,
  type ReportExportRequest,
} from '../ipc/contract';

// contextBridge, nothing else: a few narrow functions, no ipcRenderer handed to the page.
const bridge: PicineirosBridge = {
  call: (operation: BridgeOperation) =>
    ipcRenderer.invoke(IPC_CHANNELS.call, {
      path: operation.path,
      type: operation.type,
      input: operation.input,
      orgId: operation.orgId,
    }) as Promise<BridgeResult>,
  onEvent: (listener: (event: BridgeEvent) => void) => {
    const handler = (_event: Electron.IpcRendererEvent, payload: BridgeEvent) => {
      listener(payload);
    };
    ipcRenderer.on(IPC_CHANNELS.event, handler);
    return () => ipcRenderer.removeListener(IPC_CHANNELS.event, handler);
  },
  isOnline: () => ipcRenderer.invoke(IPC_CHANNELS.online) as Promise<boolean>,
  saveFile: (suggestedName: string, contents: string) =>
    ipcRenderer.invoke(IPC_CHANNELS.saveFile, suggestedName, contents) as Promise<string | null>,
  exportReport: (request: ReportExportRequest) =>
    ipcRenderer.invoke(IPC_CHANNELS.exportReport, {
      kind: request.kind,
      extension: request.extension,
      filters: request.filters,
      dialect: request.dialect,
    }) as Promise<BridgeResult>,
  openExportedFile: (path: string, how: 'open' | 'reveal') =>
    ipcRenderer.invoke(IPC_CHANNELS.openExported, path, how) as Promise<void>,
};

contextBridge.exposeInMainWorld('picineiros', bridge);
