import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, screen } from 'electron';
import log from 'electron-log/main';
import { DEFAULT_SIZE, MIN_SIZE, parseWindowState, visibleBounds, type WindowState } from './window-state';

const STATE_FILE = 'window-state.json';

function readState(): WindowState | null {
  try {
    return parseWindowState(readFileSync(join(app.getPath('userData'), STATE_FILE), 'utf8'));
  } catch {
    return null;
  }
}

/** Keeps the window's place for the next start: its normal bounds (even when maximised) and whether it was maximised. */
function keepState(window: BrowserWindow): void {
  window.on('close', () => {
    const state: WindowState = { bounds: window.getNormalBounds(), maximized: window.isMaximized() };
    try {
      writeFileSync(join(app.getPath('userData'), STATE_FILE), JSON.stringify(state));
    } catch (error) {
      log.warn('[main] window state not kept', error);
    }
  });
}

/**
 * The one main window. Its security settings are written out here as literals, in the constructor call itself, so
 * that the electronegativity scan (scripts/electronegativity.ts) sees them in the source and the hardening test
 * (tests/unit/electron-hardening.test.ts) reads them back from the built bundle: keep them that way, no spread.
 */
export function createMainWindow(): BrowserWindow {
  const saved = readState();
  const bounds = visibleBounds(
    saved,
    screen.getAllDisplays().map((display) => display.workArea),
    screen.getPrimaryDisplay().workArea,
  );
  const window = new BrowserWindow({
    width: DEFAULT_SIZE.width,
    height: DEFAULT_SIZE.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'BayDesk',
    webPreferences: {
      // The page gets no Node and no Electron: only the preload's one bridge object, in its own world.
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // A middle click would ask for a new window; the window-open handler refuses those anyway.
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      preload: join(__dirname, '../preload/index.js'),
    },
  });
  // Where it was last time, on a display that is still there.
  if (bounds) window.setBounds(bounds);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  keepState(window);
  return window;
}

/** The desk's own renderer: a standalone desk's screens, the first-run choice, a joined desk's "server not reachable". */
export function loadLocalApp(window: BrowserWindow): void {
  const devUrl = process.env.ELECTRON_RENDERER_URL;
  if (devUrl) void window.loadURL(devUrl);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
}
