import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/notifications/styles.css';
import '@mantine/charts/styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { SessionManager } from './api/session';
import { App } from './app';

// In Electron the preload exposes `window.picineiros` (tRPC over IPC to the desktop core); in a browser it
// is absent and the same bundle talks HTTP to the server it was served from.
const manager = new SessionManager(window.picineiros);
const root = document.getElementById('root');
if (!root) throw new Error('#root missing');
createRoot(root).render(
  <StrictMode>
    <App manager={manager} />
  </StrictMode>,
);
