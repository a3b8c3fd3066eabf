import { app, Menu, type MenuItemConstructorOptions } from 'electron';

export type MenuActions = { checkForUpdates: () => void; showAbout: () => void };

/** The application menu, in pt-BR. */
export function buildMenu(actions: MenuActions): Electron.Menu {
  const mac = process.platform === 'darwin';
  const template: MenuItemConstructorOptions[] = [
    ...(mac
      ? [
          {
            label: app.name,
            submenu: [
              { label: 'Sobre o Picineiros', click: actions.showAbout },
              { label: 'Procurar atualizações…', click: actions.checkForUpdates },
              { type: 'separator' as const },
              { role: 'hide' as const, label: 'Ocultar o Picineiros' },
              { role: 'hideOthers' as const, label: 'Ocultar outros' },
              { role: 'unhide' as const, label: 'Mostrar tudo' },
              { type: 'separator' as const },
              { role: 'quit' as const, label: 'Sair do Picineiros' },
            ],
          },
        ]
      : []),
    {
      label: 'Arquivo',
      submenu: [mac ? { role: 'close', label: 'Fechar janela' } : { role: 'quit', label: 'Sair' }],
    },
    {
      label: 'Editar',
      submenu: [
        { role: 'undo', label: 'Desfazer' },
        { role: 'redo', label: 'Refazer' },
        { type: 'separator' },
        { role: 'cut', label: 'Recortar' },
        { role: 'copy', label: 'Copiar' },
        { role: 'paste', label: 'Colar' },
        { role: 'selectAll', label: 'Selecionar tudo' },
      ],
    },
    {
      label: 'Exibir',
      submenu: [
        { role: 'reload', label: 'Recarregar' },
        { type: 'separator' },
        { role: 'resetZoom', label: 'Tamanho real' },
        { role: 'zoomIn', label: 'Aumentar' },
        { role: 'zoomOut', label: 'Diminuir' },
        { type: 'separator' },
        { role: 'togglefullscreen', label: 'Tela cheia' },
        ...(app.isPackaged
          ? []
          : [{ role: 'toggleDevTools' as const, label: 'Ferramentas do desenvolvedor' }]),
      ],
    },
    {
      label: 'Janela',
      submenu: [
        { role: 'minimize', label: 'Minimizar' },
        { role: 'zoom', label: 'Zoom' },
      ],
    },
    {
      label: 'Ajuda',
      submenu: [
        ...(mac ? [] : [{ label: 'Procurar atualizações…', click: actions.checkForUpdates }]),
        ...(mac ? [] : [{ label: 'Sobre o Picineiros', click: actions.showAbout }]),
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}
