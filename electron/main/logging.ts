import { join } from 'node:path';
import { app, dialog, type BrowserWindow } from 'electron';
import log from 'electron-log/main';
import { format, type Catalogue } from './i18n';

/** The logs folder in the user data folder: main.log here, core.log from the core's process (electron/core-host). */
export function logsDir(): string {
  return join(app.getPath('userData'), 'logs');
}

/** main.log, rotated at 5 MB (the previous one kept as main.old.log); console lines of the main process go there too. */
export function startMainLog(): void {
  log.transports.file.resolvePathFn = () => join(logsDir(), 'main.log');
  log.transports.file.maxSize = 5 * 1024 * 1024;
  Object.assign(console, log.functions);
}

/**
 * Uncaught errors of the main process: logged, and shown to the dealer in their language (the catalogue of the moment,
 * `texts()`), once per distinct message so a loop of failures does not bury the desk under dialogs.
 */
export function catchMainErrors(texts: () => Catalogue): void {
  const shown = new Set<string>();
  const report = (kind: string, error: unknown) => {
    log.error(`[main] ${kind}`, error);
    const message = error instanceof Error ? error.message : String(error);
    if (shown.has(message) || !app.isReady()) return;
    shown.add(message);
    const t = texts();
    dialog.showErrorBox(t.errors.title, format(t.errors.unexpected, { logs: logsDir(), message }));
  };
  process.on('uncaughtException', (error) => report('uncaught error', error));
  process.on('unhandledRejection', (reason) => report('unhandled rejection', reason));
}

/**
 * renderer.log: the page's warnings and errors (its console) and a renderer that crashed or was killed. The page
 * itself gets nothing of Electron for this: the main process listens to its web contents.
 */
export function followRendererLog(window: BrowserWindow): void {
  const rendererLog = log.create({ logId: 'renderer' });
  rendererLog.transports.file.resolvePathFn = () => join(logsDir(), 'renderer.log');
  rendererLog.transports.file.maxSize = 5 * 1024 * 1024;
  rendererLog.transports.console.level = false;
  window.webContents.on('console-message', (event) => {
    if (event.level === 'error') rendererLog.error(`${event.message} (${event.sourceId}:${event.lineNumber})`);
    else if (event.level === 'warning') rendererLog.warn(event.message);
  });
  window.webContents.on('render-process-gone', (_event, details) => {
    rendererLog.error(`renderer gone: ${details.reason} (exit code ${details.exitCode})`);
  });
}
