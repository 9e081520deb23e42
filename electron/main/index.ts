import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, session, type Menu } from 'electron';
import log from 'electron-log/main';
import type { DeskInfo } from '../../shared/contract/desks';
import { CoreProcess } from './core-process';
import { readDeskConfig, type DeskConfig } from '../desk-link/desk-config';
import { serveDeskSetup } from './desk-setup';
import { catalogue, format, mainLanguage, type Catalogue, type MainLanguage } from './i18n';
import { serveCoreOverIpc } from './ipc';
import { catchMainErrors, followRendererLog, logsDir, startMainLog } from './logging';
import { followPrintRoutes, setAppMenu } from './menu';
import { serveImportUploadsOverIpc } from './upload';
import { servePrintToPdf } from './print';
import { osSecretBox } from './secret-box';
import { hardenApp } from './security';
import { pinSession, showServer, type ServerDesk } from './server-link';
import { isServerMode, runServerMode } from './server-mode';
import { startLanUpdates } from './updates';
import { createMainWindow, loadLocalApp } from './window';

/**
 * The desk: windows, menus, printing and logs. The core runs in its own process (electron/core-host, an Electron
 * utility process), which the windows reach over their MessagePorts. `npm start` passes --demo (a demo database in
 * the user data folder); an installed BayDesk opens the real one and asks for the admin on first run.
 */
const demo = process.argv.includes('--demo') || process.env.BAYDESK_DEMO === '1';

/** In development better-sqlite3 is also built for Electron's ABI into its own folder (scripts/electron-native.ts). */
function electronNativeBinding(): string | undefined {
  const candidate = join(app.getAppPath(), 'node_modules', '.electron-native', 'better_sqlite3.node');
  return !app.isPackaged && existsSync(candidate) ? candidate : undefined;
}

// Tests (and a dealer who keeps data elsewhere) point BayDesk at its own folder.
if (process.env.BAYDESK_DATA_DIR) app.setPath('userData', process.env.BAYDESK_DATA_DIR);

let core: CoreProcess | null = null;
/** What this desk is (desk.json); null until the first run's choice. `npm start --demo` is a standalone desk. */
let desk: DeskConfig | null = null;
/** A joined desk: whether its server answered last time it was asked. */
const reachable = { value: true };
let coreClosed = false;
let language: MainLanguage = 'en';
let menu: Menu | null = null;
const texts = (): Catalogue => catalogue(language);

function databaseFile(): string {
  return join(app.getPath('userData'), demo ? 'baydesk-demo.sqlite' : 'baydesk.sqlite');
}

function deskInfo(): DeskInfo {
  if (!desk) return { mode: 'first-run' };
  if (desk.mode === 'standalone') return { mode: 'standalone' };
  const { serverName, origin, certificate } = desk;
  return { mode: 'server', serverName, origin, fingerprint: certificate.fingerprint, reachable: reachable.value };
}

/** Help → About names where the data is: this PC's database, or the server this desk joined. */
function dataPlace(): string {
  if (desk?.mode === 'server') return `${desk.serverName} (${desk.origin})`;
  return databaseFile();
}

let refreshPrintItem: () => void = () => undefined;

function showMenu(): void {
  menu = setAppMenu(texts(), { database: dataPlace, data: app.getPath('userData') });
  refreshPrintItem();
}

/** One BayDesk per desk: a second start focuses the first window instead of opening the database twice. */
function startDesk(): void {
  startMainLog();
  catchMainErrors(texts);
  hardenApp();
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.whenReady().then(openDesk);
  app.on('window-all-closed', () => app.quit());
  // Quitting waits for the core to close its database (its workers first, so SQLite folds the WAL into the file).
  app.on('will-quit', (event) => {
    if (coreClosed || !core) return;
    event.preventDefault();
    void core.close().finally(() => {
      coreClosed = true;
      log.info('[main] the core closed its database; quitting');
      app.quit();
    });
  });
}

/** The dealer's language: the renderer's own choice once a page has loaded, else the system locale. */
function followLanguage(window: BrowserWindow): void {
  window.webContents.on('did-finish-load', () => {
    window.webContents
      .executeJavaScript('localStorage.getItem("baydesk.language")', true)
      .then((saved: unknown) => {
        const chosen = mainLanguage(saved, app.getPreferredSystemLanguages());
        if (chosen === language) return;
        language = chosen;
        showMenu();
      })
      .catch((error: unknown) => log.warn('[main] language not read from the page', error));
  });
}

async function openDesk(): Promise<void> {
  language = mainLanguage(null, app.getPreferredSystemLanguages());
  desk = readDeskConfig(app.getPath('userData')) ?? (demo ? { mode: 'standalone' } : null);
  showMenu();
  servePrintToPdf();
  const window = createMainWindow();
  followLanguage(window);
  followRendererLog(window);
  refreshPrintItem = followPrintRoutes(window, () => menu);
  serveDeskSetup({
    dataDir: app.getPath('userData'),
    box: osSecretBox,
    info: deskInfo,
    chosen: (config) => {
      desk = config;
      showMenu();
      void startAs(window, config);
    },
  });
  // The first run shows the desk's own page with its two choices (renderer/src/desks/first-run).
  if (desk) await startAs(window, desk);
  else loadLocalApp(window);
}

async function startAs(window: BrowserWindow, config: DeskConfig): Promise<void> {
  if (config.mode === 'server') joinServer(window, config);
  else await startOwnCore(window);
}

/** A desk joined to the dealership's server: no database here, the server's pages over the pinned connection. */
function joinServer(window: BrowserWindow, config: ServerDesk): void {
  let credential: string;
  try {
    credential = osSecretBox.open(config.credential);
  } catch (error) {
    log.error('[main] the desk credential could not be read (another user account or a new system key?)', error);
    dialog.showErrorBox(texts().errors.title, texts().errors.credentialUnreadable);
    app.exit(1);
    return;
  }
  coreClosed = true; // nothing of this desk's own to close at quit
  pinSession(session.defaultSession, config, credential);
  showServer(window, config, reachable);
  startLanUpdates(config, credential);
}

async function startOwnCore(window: BrowserWindow): Promise<void> {
  // The window opens at once, and its port goes to the core's process, which answers the start-up status until the
  // database is open (upgrading a ten-year database takes a minute or two; the start-up screen shows its progress).
  const nativeBinding = electronNativeBinding();
  core = new CoreProcess({
    file: databaseFile(),
    demo,
    // `npm start` asks for the demo's history; the desktop smoke test starts the bare demo.
    history: demo && process.argv.includes('--history'),
    logDir: logsDir(),
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  core.onCrash = () => {
    dialog.showErrorBox(texts().errors.title, texts().errors.coreStopped);
    coreClosed = true;
    app.exit(1);
  };
  serveCoreOverIpc(core);
  serveImportUploadsOverIpc(core);
  loadLocalApp(window);
  const opened = await core.opened;
  // A core that crashed has already been reported (onCrash above).
  if (!opened.ok && coreClosed) return;
  if (!opened.ok) {
    log.error('[main] the core did not open', opened.message);
    coreClosed = true;
    const t = texts();
    dialog.showErrorBox(
      t.errors.title,
      opened.tooNew ? opened.message : format(t.errors.coreFailed, { message: opened.message }),
    );
    app.exit(1);
    return;
  }
  log.info(`[main] the core opened ${opened.file}`);
}

// The packaged app's Server mode has no window and is not a desk: it runs beside a desk on the same PC.
if (isServerMode(process.argv)) runServerMode(process.argv);
else if (app.requestSingleInstanceLock()) startDesk();
else app.quit();
