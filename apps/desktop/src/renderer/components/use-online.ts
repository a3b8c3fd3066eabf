import { useEffect, useState } from 'react';

/** Desktop: the core's view of the server; web: the browser's network state. */
export function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const bridge = window.picineiros;
    if (bridge) {
      void bridge.isOnline?.().then(setOnline);
      return bridge.onEvent((event) => {
        if (event.type === 'connection') setOnline(event.online);
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
