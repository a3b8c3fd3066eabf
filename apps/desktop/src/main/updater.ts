import { app, dialog, type BrowserWindow } from 'electron';
import electronUpdater from 'electron-updater';

const { autoUpdater } = electronUpdater;

/**
 * Auto-update from the configured generic feed (electron-builder's latest.yml): checks at start and from
 * the menu, shows download progress on the taskbar/dock, and offers "restart to update".
 */
export function setUpUpdater(window: () => BrowserWindow | null, feedUrl: string | undefined) {
  // An unpackaged run (development) has no installed version to replace.
  if (!feedUrl || !app.isPackaged)
    return {
      check: (fromMenu: boolean) => {
        if (fromMenu)
          void dialog.showMessageBox({
            message: 'Atualizações automáticas só funcionam no aplicativo instalado.',
          });
      },
    };
  autoUpdater.setFeedURL({ provider: 'generic', url: feedUrl });
  autoUpdater.autoDownload = true;
  let interactive = false;

  autoUpdater.on('update-available', (info) => {
    if (interactive)
      void dialog.showMessageBox({
        message: `A versão ${info.version} está sendo baixada.`,
        detail: 'O progresso aparece no ícone do aplicativo; avisaremos quando estiver pronta.',
      });
  });
  autoUpdater.on('download-progress', (progress) => window()?.setProgressBar(progress.percent / 100));
  autoUpdater.on('update-not-available', () => {
    if (interactive) void dialog.showMessageBox({ message: 'Você já está usando a versão mais recente.' });
  });
  autoUpdater.on('error', (error) => {
    window()?.setProgressBar(-1);
    if (interactive)
      dialog.showErrorBox('Atualização', `Não foi possível procurar atualizações: ${error.message}`);
  });
  autoUpdater.on('update-downloaded', (info) => {
    window()?.setProgressBar(-1);
    void dialog
      .showMessageBox({
        type: 'info',
        message: `A versão ${info.version} do Picineiros está pronta.`,
        detail: 'Reinicie o aplicativo para concluir a atualização.',
        buttons: ['Reiniciar e atualizar', 'Depois'],
        defaultId: 0,
        cancelId: 1,
      })
      .then(({ response }) => {
        if (response === 0) autoUpdater.quitAndInstall();
      });
  });

  return {
    check: (fromMenu: boolean) => {
      interactive = fromMenu;
      void autoUpdater.checkForUpdates().catch(() => undefined);
    },
  };
}
