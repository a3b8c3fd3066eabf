import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { ApiClient } from './api/client';
import type { SessionManager, SessionState } from './api/session';

const SessionContext = createContext<SessionManager | null>(null);

export function SessionProvider({ manager, children }: { manager: SessionManager; children: ReactNode }) {
  return <SessionContext.Provider value={manager}>{children}</SessionContext.Provider>;
}

export function useSession(): { manager: SessionManager; state: SessionState } {
  const manager = useContext(SessionContext);
  if (!manager) throw new Error('useSession outside SessionProvider');
  const state = useSyncExternalStore(manager.subscribe, manager.getState);
  return { manager, state };
}

export function useApi(): ApiClient {
  return useSession().manager.api;
}

/** The signed-in state; only for components under the signed-in layout. */
export function useSignedIn() {
  const { state } = useSession();
  if (state.status !== 'signed-in') throw new Error('useSignedIn while signed out');
  return state;
}
