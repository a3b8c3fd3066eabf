import { useEffect, useState } from 'react';

/** Desktop: the core's view of the server; web: the browser's network state. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const bridge = window.picineiros;
    if (bridge) {
      // The core's current state (a page reloaded while offline), unless an event already said newer.
      let heard = false;
      void bridge.isOnline?.().then((online) => {
        if (!heard) setOnline(online);
      });
      return bridge.onEvent((event) => {
        if (event.type !== 'connection') return;
        heard = true;
        setOnline(event.online);
      });
    }
    const up = () => setOnline(true);
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => {
      window.removeEventListener('online', up);
      window.removeEventListener('offline', down);
    };
  }, []);
  return online;
}
