import { readFile, writeFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  shell,
  type IpcMainInvokeEvent,
} from 'electron';
import { DesktopCore, type CoreOperation } from '../core/core';
import { createFileTokenStore, createMemoryTokenStore, type TokenStore } from '../core/token-store';
import { changesUnread, newNotificationsBody } from '../core/unread-indicator';
import { IPC_CHANNELS, type ReportExportRequest } from '../ipc/contract';
import { loadDesktopConfig } from './config';
import { startErrorTracking } from './error-tracking';
import { buildMenu } from './menu';
import { createUnreadTray } from './tray';
import { setUpUpdater } from './updater';
import { loadWindowState, rememberWindowState } from './window-state';

// The Electron shell only: window, menu, IPC wiring, dialogs, OS notifications, updates and safeStorage.
// Everything worth testing lives in ../core (plain Node) and ../renderer (the same bundle as the web).

const SCHEME = 'app';
const ORIGIN = `${SCHEME}://picineiros`;
const RENDERER_DIR = join(__dirname, '..', 'web');
// The renderer only loads its own files and talks to main through the preload: no network from the page.
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true } }]);
// Every renderer sandboxed, whatever a BrowserWindow's options say.
app.enableSandbox();

// A second launch hands over to the running app (see 'second-instance') and exits before doing anything.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) app.exit(0);

let mainWindow: BrowserWindow | null = null;
let core: DesktopCore | null = null;

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url ?? '';
  return event.sender === mainWindow?.webContents && url.startsWith(`${ORIGIN}/`);
}

async function serveRenderer(request: Request): Promise<Response> {
  const path = decodeURIComponent(new URL(request.url).pathname);
  const file = normalize(join(RENDERER_DIR, path === '/' ? 'index.html' : path));
  if (!file.startsWith(RENDERER_DIR + sep)) return new Response('Not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': MIME[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

/** Brings the window back (restored, in front), re-creating it if it was closed (macOS, tray). */
function showMainWindow(): void {
  if (!mainWindow) {
    mainWindow = createWindow();
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * The refresh token under safeStorage (Keychain, DPAPI, libsecret/kwallet). Where Linux has no keyring,
 * safeStorage falls back to a fixed key ('basic_text'): the token is then kept in memory only and the user
 * signs in at each start, rather than leaving a readable token on disk.
 */
async function createTokenStore(): Promise<TokenStore> {
  const weakLinuxStore =
    process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text';
  if (weakLinuxStore || !(await safeStorage.isAsyncEncryptionAvailable())) return createMemoryTokenStore();
  return createFileTokenStore(join(app.getPath('userData'), 'session.bin'), {
    encrypt: (plain) => safeStorage.encryptStringAsync(plain),
    // A rotated keychain key still decrypts; the next refresh saves the token under the new key.
    decrypt: async (encrypted) => (await safeStorage.decryptStringAsync(encrypted)).result,
  });
}

function createWindow(): BrowserWindow {
  const state = loadWindowState(app.getPath('userData'));
  const window = new BrowserWindow({
    ...(state.centered ? { width: state.bounds.width, height: state.bounds.height } : state.bounds),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Picineiros',
    backgroundColor: '#f8f9fa',
    webPreferences: {
      preload: join(__dirname, '..', 'preload', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: true,
      devTools: !app.isPackaged,
    },
  });
  if (state.maximized) window.maximize();
  rememberWindowState(window, app.getPath('userData'));
  window.once('ready-to-show', () => {
    window.show();
  });
  void window.loadURL(`${ORIGIN}/index.html`);
  return window;
}

async function main(): Promise<void> {
  await app.whenReady();
  const config = loadDesktopConfig(app.getPath('userData'));
  await startErrorTracking(config, app.getVersion());
  protocol.handle(SCHEME, serveRenderer);

  core = new DesktopCore({
    serverUrl: config.serverUrl,
    dataDir: app.getPath('userData'),
    tokenStore: await createTokenStore(),
    userAgent: `Picineiros/${app.getVersion()} (${process.platform}) Electron`,
    // The core writes exports itself (from its replica, offline too); main only asks where.
    saveLocation: {
      choose: async (suggestedName) => {
        const extension = extname(suggestedName).slice(1);
        const options = {
          defaultPath: join(app.getPath('documents'), suggestedName),
          filters: [{ name: extension === 'pdf' ? 'PDF' : 'CSV (Excel)', extensions: [extension] }],
        };
        const { canceled, filePath } = mainWindow
          ? await dialog.showSaveDialog(mainWindow, options)
          : await dialog.showSaveDialog(options);
        return canceled || !filePath ? null : filePath;
      },
    },
  });
  await core.start();

  const updater = setUpUpdater(() => mainWindow, config.updateFeedUrl);
  Menu.setApplicationMenu(
    buildMenu({
      checkForUpdates: () => {
        updater.check(true);
      },
      showAbout: () =>
        void dialog.showMessageBox({
          message: `Picineiros ${app.getVersion()}`,
          detail: `Servidor: ${config.serverUrl}`,
        }),
    }),
  );

  const unreadTray = createUnreadTray({ open: showMainWindow, window: () => mainWindow });

  ipcMain.handle(IPC_CHANNELS.call, async (event, operation: CoreOperation) => {
    if (!isTrustedSender(event) || !core) throw new Error('untrusted sender');
    const result = await core.handle(operation);
    if (operation.path === 'auth.logout') unreadTray.show(0);
    if (result.ok && changesUnread(operation.path)) void notifyUnread();
    return result;
  });
  ipcMain.handle(IPC_CHANNELS.online, (event) => {
    if (!isTrustedSender(event) || !core) throw new Error('untrusted sender');
    return core.isOnline();
  });
  // Only files this session exported may be opened or revealed: the renderer cannot name any other path.
  const exportedPaths = new Set<string>();
  ipcMain.handle(IPC_CHANNELS.exportReport, async (event, request: ReportExportRequest) => {
    if (!isTrustedSender(event) || !core) throw new Error('untrusted sender');
    const result = await core.exportReport(request);
    if (result.ok && result.data) exportedPaths.add((result.data as { path: string }).path);
    return result;
  });
  ipcMain.handle(IPC_CHANNELS.openExported, async (event, path: string, how: 'open' | 'reveal') => {
    if (!isTrustedSender(event) || !exportedPaths.has(path)) throw new Error('untrusted sender or path');
    if (how === 'reveal') shell.showItemInFolder(path);
    else await shell.openPath(path);
  });
  ipcMain.handle(IPC_CHANNELS.saveFile, async (event, suggestedName: string, contents: string) => {
    if (!isTrustedSender(event) || !mainWindow) throw new Error('untrusted sender');
    const { canceled, filePath } = await dialog.showSaveDialog(mainWindow, { defaultPath: suggestedName });
    if (canceled || !filePath) return null;
    await writeFile(filePath, contents);
    return filePath;
  });

  let lastUnread = -1;
  core.onEvent((event) => {
    mainWindow?.webContents.send(IPC_CHANNELS.event, event);
    if (event.type === 'synced' && event.domains.includes('notifications')) void notifyUnread();
    if (event.type === 'signed-out') unreadTray.show(0);
  });
  // OS notification, tray and dock/taskbar badge for new in-app notifications.
  async function notifyUnread(): Promise<void> {
    const result = await core?.handle({ path: 'notifications.unreadCount', type: 'query', input: undefined });
    if (!result?.ok) return;
    const unread = (result.data as { unread: number }).unread;
    unreadTray.show(unread);
    if (lastUnread >= 0 && unread > lastUnread && Notification.isSupported()) {
      const notification = new Notification({
        title: 'Picineiros',
        body: newNotificationsBody(lastUnread, unread),
      });
      notification.on('click', showMainWindow);
      notification.show();
    }
    lastUnread = unread;
  }
  void notifyUnread();

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (navigation) => {
      if (!navigation.url.startsWith(`${ORIGIN}/`)) navigation.preventDefault();
    });
    contents.on('will-redirect', (redirect) => {
      if (!redirect.url.startsWith(`${ORIGIN}/`)) redirect.preventDefault();
    });
    contents.setWindowOpenHandler(({ url }) => {
      const host = URL.canParse(url) ? new URL(url).host : '';
      if (url.startsWith('https://') && config.externalHosts.includes(host)) void shell.openExternal(url);
      return { action: 'deny' };
    });
    contents.on('will-attach-webview', (attach) => {
      attach.preventDefault();
    });
  });
  // Nothing in the renderer needs camera, microphone, geolocation or notifications permissions.
  mainWindow = createWindow();
  mainWindow.webContents.session.setPermissionRequestHandler((_contents, _permission, callback) => {
    callback(false);
  });
  mainWindow.webContents.session.setPermissionCheckHandler(() => false);
  mainWindow.on('closed', () => (mainWindow = null));
  updater.check(false);
}

app.on('second-instance', () => {
  if (app.isReady()) showMainWindow();
});
app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('activate', () => {
  if (app.isReady() && !mainWindow) mainWindow = createWindow();
});
app.on('before-quit', () => {
  void core?.stop();
});

if (primaryInstance)
  main().catch((error: unknown) => {
    dialog.showErrorBox('Picineiros', error instanceof Error ? error.message : String(error));
    app.quit();
  });
