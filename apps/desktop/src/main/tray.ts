import { app, Menu, nativeImage, Tray, type BrowserWindow } from 'electron';
import { describeUnread, drawIndicatorIcon } from '../core/unread-indicator';

// The tray icon and the dock/taskbar badge for unread notifications. The words and the pixels come from
// ../core/unread-indicator (plain Node, unit-tested); this file only hands them to Electron.

const icon = (badge: boolean) =>
  nativeImage.createFromBuffer(drawIndicatorIcon(32, { badge }), { scaleFactor: 2 });

export function createUnreadTray(actions: { open: () => void; window: () => BrowserWindow | null }) {
  const images = { plain: icon(false), badged: icon(true) };
  const overlay = nativeImage.createFromBuffer(drawIndicatorIcon(16, { badge: true, badgeOnly: true }));
  const tray = new Tray(images.plain);
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Abrir o Picineiros', click: actions.open },
      { type: 'separator' },
      {
        label: 'Sair',
        click: () => {
          app.quit();
        },
      },
    ]),
  );
  // Windows and Linux open the window on a click; macOS shows the menu, as its users expect.
  if (process.platform !== 'darwin') tray.on('click', actions.open);

  const show = (unread: number) => {
    const indicator = describeUnread(unread);
    tray.setToolTip(indicator.tooltip);
    tray.setImage(unread > 0 ? images.badged : images.plain);
    // Dock (macOS) and Unity launchers; Windows has no badge count, so the taskbar gets an overlay icon.
    app.setBadgeCount(unread);
    if (process.platform === 'darwin') tray.setTitle(indicator.title);
    if (process.platform === 'win32')
      actions.window()?.setOverlayIcon(unread > 0 ? overlay : null, indicator.overlayDescription ?? '');
  };
  show(0);
  return {
    show,
    destroy: () => {
      tray.destroy();
    },
  };
}
