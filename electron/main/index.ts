import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu } from 'electron';
import { DatabaseTooNewError } from '../core/db/migrate';
import { startCore } from '../core/startup';
import { StartupProgress } from '../core/startup-progress';
import { startBackupSchedule, type BackupSchedule } from '../core/backups/schedule';
import { BUNDLED_WORKER } from '../core/workers/script';
import type { Core } from '../core/core';
import { serveCoreOverIpc } from './ipc';
import { servePriceUploadsOverIpc } from './upload';
import { servePrintToPdf } from './print';
import { hardenApp } from './security';
import { createMainWindow } from './window';

/**
 * The desk: one window over the core, which runs in this process. `npm start` passes --demo (a demo database in
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

let core: Core | null = null;
let backups: BackupSchedule | null = null;

/** One BayDesk per desk: a second start focuses the first window instead of opening the database twice. */
function startDesk(): void {
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
  app.on('will-quit', () => {
    backups?.stop();
    void core?.close();
  });
}

async function openDesk(): Promise<void> {
  Menu.setApplicationMenu(
    Menu.buildFromTemplate([{ role: 'fileMenu' }, { role: 'editMenu' }, { role: 'viewMenu' }, { role: 'windowMenu' }]),
  );
  // The window opens at once: upgrading a ten-year database takes a minute or two, and the renderer's start-up
  // screen shows its progress (answered from `opening` until the core is open).
  const opening = new StartupProgress();
  const file = join(app.getPath('userData'), demo ? 'baydesk-demo.sqlite' : 'baydesk.sqlite');
  const nativeBinding = electronNativeBinding();
  // `npm start` asks for the demo's history; the desktop smoke test starts the bare demo.
  const history = demo && process.argv.includes('--history');
  // Backups and long reads run in worker threads from the bundled out/main/core-worker.js (opening the database
  // with the same nativeBinding), next to this file.
  const workers = { script: join(__dirname, BUNDLED_WORKER) };
  const opened = startCore({
    file,
    demo,
    history,
    onUpgradeProgress: opening.report,
    workers,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  serveCoreOverIpc(opened, opening);
  servePriceUploadsOverIpc(opened);
  servePrintToPdf();
  createMainWindow();
  try {
    core = await opened;
  } catch (error) {
    dialog.showErrorBox('BayDesk', error instanceof DatabaseTooNewError ? error.message : String(error));
    app.exit(1);
    return;
  }
  backups = startBackupSchedule(core.deps);
}

if (app.requestSingleInstanceLock()) startDesk();
else app.quit();
