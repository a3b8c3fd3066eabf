// The renderer's side of the IPC contract (src/ipc/contract.ts): in Electron the preload exposes the
// bridge as `window.picineiros`; in a browser it is absent and the renderer talks HTTP to the server.
import type { PicineirosBridge } from '../../ipc/contract';

declare global {
  interface Window {
    picineiros?: PicineirosBridge;
  }
}
