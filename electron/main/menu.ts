import { app, BrowserWindow, dialog, Menu, shell, type MenuItemConstructorOptions } from 'electron';
import log from 'electron-log/main';
import { format, type Catalogue } from './i18n';
import { logsDir } from './logging';
import { isAppUrl } from './security';
import { isPrintRoute, savePageAsPdf } from './print';

/** What Help → About shows besides the version. */
export interface AboutFacts {
  database: () => string;
  data: string;
}

/** The id of the Save as PDF item, enabled only while the focused window shows a print route. */
export const SAVE_PDF_ITEM = 'save-pdf';

function about(t: Catalogue, facts: AboutFacts): void {
  const detail = format(t.about.detail, {
    version: app.getVersion(),
    database: facts.database(),
    data: facts.data,
    logs: logsDir(),
  });
  const window = BrowserWindow.getFocusedWindow();
  const options = { type: 'info' as const, title: t.about.title, message: t.about.title, detail, buttons: [t.about.ok] };
  void (window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options));
}

/** Ctrl+P on a print route: the same Save as PDF as the print toolbar's button, named after the document's title. */
function savePdf(window: BrowserWindow | undefined): void {
  const url = window?.webContents.getURL() ?? '';
  if (!window || !isAppUrl(url) || !isPrintRoute(url)) return;
  savePageAsPdf(window, window.getTitle()).catch((error: unknown) => log.error('[main] save as PDF failed', error));
}

/** The native menus in the dealer's language, with Help → About and Ctrl+P (Cmd+P) on print routes. */
export function menuTemplate(t: Catalogue, facts: AboutFacts): MenuItemConstructorOptions[] {
  const mac = process.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.menu.file,
      submenu: [
        {
          id: SAVE_PDF_ITEM,
          label: t.menu.savePdf,
          accelerator: 'CmdOrCtrl+P',
          enabled: false,
          click: (_item, window) => savePdf(window instanceof BrowserWindow ? window : undefined),
        },
        { type: 'separator' },
        mac ? { role: 'close', label: t.menu.close } : { role: 'quit', label: t.menu.quit },
      ],
    },
    {
      label: t.menu.edit,
      submenu: [
        { role: 'undo', label: t.menu.undo },
        { role: 'redo', label: t.menu.redo },
        { type: 'separator' },
        { role: 'cut', label: t.menu.cut },
        { role: 'copy', label: t.menu.copy },
        { role: 'paste', label: t.menu.paste },
        { role: 'selectAll', label: t.menu.selectAll },
      ],
    },
    {
      label: t.menu.view,
      submenu: [
        { role: 'reload', label: t.menu.reload },
        { type: 'separator' },
        { role: 'resetZoom', label: t.menu.resetZoom },
        { role: 'zoomIn', label: t.menu.zoomIn },
        { role: 'zoomOut', label: t.menu.zoomOut },
        { type: 'separator' },
        { role: 'togglefullscreen', label: t.menu.fullScreen },
      ],
    },
    {
      label: t.menu.window,
      submenu: [
        { role: 'minimize', label: t.menu.minimize },
        { role: 'close', label: t.menu.close },
      ],
    },
    {
      role: 'help',
      label: t.menu.help,
      submenu: [
        { label: t.menu.openLogs, click: () => void shell.openPath(logsDir()) },
        { type: 'separator' },
        { label: t.menu.about, click: () => about(t, facts) },
      ],
    },
  ];
}

export function setAppMenu(t: Catalogue, facts: AboutFacts): Menu {
  const menu = Menu.buildFromTemplate(menuTemplate(t, facts));
  Menu.setApplicationMenu(menu);
  return menu;
}

/**
 * Keeps Save as PDF enabled exactly while the page shows a print route (the renderer routes by hash); returns the
 * update, for a menu rebuilt in another language.
 */
export function followPrintRoutes(window: BrowserWindow, menu: () => Menu | null): () => void {
  const update = () => {
    const item = menu()?.getMenuItemById(SAVE_PDF_ITEM);
    if (item && !window.isDestroyed()) item.enabled = isPrintRoute(window.webContents.getURL());
  };
  window.webContents.on('did-navigate-in-page', update);
  window.webContents.on('did-navigate', update);
  return update;
}
