import superjson from 'superjson';
import type { BridgeEvent, BridgeResult, PicineirosBridge } from '../src/ipc/contract';

// Bundled into the page by core-over-loopback.ts: the preload's bridge, with HTTP instead of IPC.

const listeners = new Set<(event: BridgeEvent) => void>();
const events = new EventSource('/bridge/events');
events.onmessage = (message: MessageEvent<string>) => {
  const event = superjson.parse<BridgeEvent>(message.data);
  for (const listener of listeners) listener(event);
};

const bridge: PicineirosBridge = {
  call: async (operation) => {
    const response = await fetch('/bridge/call', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: superjson.stringify(operation),
    });
    return superjson.parse<BridgeResult>(await response.text());
  },
  isOnline: async () => (await fetch('/bridge/online')).json() as Promise<boolean>,
  onEvent: (listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

window.picineiros = bridge;
